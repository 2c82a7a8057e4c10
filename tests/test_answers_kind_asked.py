"""The kind of answer a question asks, in wordings of our own (none from a set): the
twenty-first round.

Whether any other ballot is still open, asked once one has closed, is every ballot's state
(the open ones first), not the closed one's "too late" alone.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.core.services import Answer

ZONE = ZoneInfo("Europe/London")
VOTING = datetime(2023, 5, 2, 11, tzinfo=ZONE)
NEC_CLOSED = datetime(2023, 5, 13, 10, tzinfo=ZONE)


def ask(answerer: ContentAnswerer, question: str, now: datetime = VOTING) -> Answer:
    return asyncio.run(answerer.answer(question, now))


def said(found: Answer) -> str:
    return " ".join([found.text, *found.sources]).lower()


@pytest.mark.parametrize(
    "question",
    [
        "the national executive vote has ended, which election is still open?",
        "too late for the president one now, is there another vote we could still take part in?",
        "missed the NEC ballot, any other election I can still vote in?",
    ],
)
def test_another_ballot_still_open_is_every_ballots_state(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question, NEC_CLOSED)
    text = found.text.lower()
    assert not found.handoff and "16 may" in text and "too late" in text
    assert text.index("group executive") < text.index("president and national")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("any chance I can still vote in the nec one?", "too late"),
        ("is the NEC vote still open?", "too late"),
        ("which election is open at the moment?", "16 may"),
    ],
)
def test_one_ballots_state_keeps_its_reply(
    answerer: ContentAnswerer, question: str, fact: str
) -> None:
    found = ask(answerer, question, NEC_CLOSED)
    assert not found.handoff and fact in said(found)
    assert "group executive" not in found.text.lower() or fact == "16 may"
