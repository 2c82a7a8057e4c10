"""Names on a petition are its signatures, in wordings of our own (none from a question set):
"how many names is the pay petition going for?" asks its target, where the petition or the
pay campaign is named; names on a ballot paper stay a hand-off."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=LONDON)


ANSWERED = [
    # each handed off before
    ("how many names is the pay petition going for?", "2023-05-08T10:00", "50,000"),
    ("for the fair pay petition, how many names do we need?", "2023-05-08T10:00", "50,000"),
]


@pytest.mark.parametrize(("question", "moment", "expected"), ANSWERED)
async def test_answered(
    answerer: ContentAnswerer, question: str, moment: str, expected: str
) -> None:
    reply = await answerer.answer(question, at(moment))
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


HANDED_OFF = [
    "how many names are on the NEC ballot paper?",
]


@pytest.mark.parametrize("question", HANDED_OFF)
async def test_still_handed_off(answerer: ContentAnswerer, question: str) -> None:
    reply = await answerer.answer(question, at("2023-05-08T10:00"))
    assert reply.handoff, reply.text


async def test_signatures_asked_keep_their_answer(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "how many signatures is the petition after?", at("2023-05-08T10:00")
    )
    assert not reply.handoff
    assert "50,000" in reply.text, reply.text
