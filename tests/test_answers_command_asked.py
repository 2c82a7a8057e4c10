"""Whether the bot has a command or a way to do something, in wordings of our own (none from a
question set): "is there a command that shows how long is left" asks for the command, not the
time left, so the passage naming /ballots answers; a count or a time asked outright keeps its
own reading."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import checks
from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 5, 8, 10, 0, tzinfo=ZoneInfo("Europe/London"))

ASKED = [
    # each failed before: handed off, or who stands came
    "is there a command that shows every ballot and how long each has left?",
    "are there any commands for seeing how long is left on the ballots?",
    "is there a way to check how long is left on each vote with the bot?",
]


@pytest.mark.parametrize("question", ASKED)
async def test_a_command_asked_is_the_command(answerer: ContentAnswerer, question: str) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert "/ballots" in reply.text, reply.text


async def test_the_time_left_asked_outright_keeps_its_answer(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer("how long is left on the nec ballot?", NOW)
    assert not reply.handoff
    assert "closes in 3 days" in reply.text, reply.text


def test_the_kind_asked() -> None:
    assert checks.asks("is there a command to see how long is left?") is None
    assert checks.asks("how long is left?") == "how long"
