"""Whom the union presses on pay, asked in members' words ("who is the union pushing on
pay?", "who are we putting pressure on"): the pay campaign's "How we will get there", which
says the union presses the Cabinet Office, not a hand-off. Wordings of our own; a push said
of something else (a reminder, a petition, a date) keeps its own reply."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 5, 8, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    "question",
    [
        "which department is the union pushing on pay",
        "who are we pushing on pay, the treasury?",
        "who is the union putting pressure on over pay",
        "who does the union push on pay - my department?",
    ],
)
async def test_whom_the_union_presses_on_pay(answerer: ContentAnswerer, question: str) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert "Cabinet Office" in reply.text, reply.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("can the bot push me a reminder before the nec ballot closes?", "/remindme"),
        ("how do i push the pay petition to colleagues", "petition"),
    ],
)
async def test_a_push_of_something_else_keeps_its_reply(
    answerer: ContentAnswerer, question: str, said: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff and said in reply.text, reply.text
