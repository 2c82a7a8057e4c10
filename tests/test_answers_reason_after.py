"""The member's reason for asking told after the question ("…? need to explain it to the new
starters"), in wordings of our own: what they will do with the answer asks nothing, so the
question is read without it; a reason that itself asks, or a choice asked, keeps its words."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.answers.text import without_reason

NOW = datetime(2023, 4, 26, 10, 0, tzinfo=ZoneInfo("Europe/London"))

ASKED = [
    # before: the list of those standing ("new starters" read with the ballot's names)
    (
        "what's the difference between the NEC and the group exec elections? need to explain "
        "it to the new starters",
        "Online elections for group executive committees",
    ),
    # before: handed off ("new joiners" read as who may join)
    (
        "is the group exec vote online? trying to explain it to the new joiners",
        "online vote",
    ),
]


@pytest.mark.parametrize(("question", "expected"), ASKED)
async def test_the_question_is_read_without_the_reason(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


KEPT = [
    ("when do the nec papers have to be back by? need to explain it to new members", "11 May"),
    ("how many sit on the PSSEC? want to share it at our new members induction", "sixteen"),
    ("how do I get a replacement nec paper? need to tell a member who lost hers", "replacement"),
]


@pytest.mark.parametrize(("question", "expected"), KEPT)
async def test_nearby_questions_keep_their_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


def test_only_a_reason_told_after_a_question_is_left_out() -> None:
    assert without_reason("when does it close? want to let my team know") == ("when does it close?")
    assert without_reason("whats the campaign called, for my email signature") == (
        "whats the campaign called"
    )
    # a reason that asks, a reason told first, a vote given, and posting it: all kept
    for kept in (
        "is BLN the better slate, so I can tell my members who to back?",
        "I need to explain to my team when it closes",
        "who is standing for president? want to give them my vote",
        "can I still vote, and do I post it in the post box?",
    ):
        assert without_reason(kept) == kept
