"""The member asking what they can do for a campaign, said of "a member like me" or "anything
I can do", in wordings of our own: the campaign's "What you can do now", not its aims nor a
hand-off; what the campaign is about and how to sign its petition keep their answers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.answers.text import words

NOW = datetime(2023, 5, 8, 10, 0, tzinfo=ZoneInfo("Europe/London"))

ASKED = [
    # each answered before with the campaign's aims or its petition's page
    "what can folk like us do for the pay campaign now?",
    "is there anything we can do for fair pay right now?",
]


@pytest.mark.parametrize("question", ASKED)
async def test_the_members_part_asked(answerer: ContentAnswerer, question: str) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert reply.text.startswith("Sign the pay petition"), reply.text


KEPT = [
    ("what is the pay campaign about?", "We are campaigning"),
    ("how do I sign the pay petition?", "Open the petition link"),
]


@pytest.mark.parametrize(("question", "expected"), KEPT)
async def test_the_other_parts_keep_their_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


def test_a_member_like_me_is_the_member_asking() -> None:
    assert "todo" in words("what can a member like me do")
    assert "todo" in words("is there anything we can do")
    assert "todo" not in words("does the campaign help people like me")
    assert "todo" not in words("what does the committee do for people like me")
