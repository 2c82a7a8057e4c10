"""What a member asks of a ballot or a passage that the moment or the question rules out, in
wordings of our own (none from a set).

How to vote in a ballot the question names, asked after it closed, says first that it
closed: the how-to alone reads as if it could still be done.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.copies import build
from bot.answers.engine import ContentAnswerer
from bot.content.loader import load_content
from bot.core.services import Answer
from bot.services.calendar import UkWorkingDays

ROOT = Path(__file__).resolve().parent.parent
ZONE = ZoneInfo("Europe/London")
VOTING = datetime(2023, 5, 8, 10, tzinfo=ZONE)
JUNE = datetime(2023, 6, 1, 10, tzinfo=ZONE)


@pytest.fixture(scope="module")
def answerer() -> ContentAnswerer:
    return build(load_content(ROOT / "campaigns"), None, UkWorkingDays(), "Europe/London")


def ask(answerer: ContentAnswerer, question: str, now: datetime = VOTING) -> Answer:
    return asyncio.run(answerer.answer(question, now))


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("how do I cast my vote for president?", JUNE),
        ("what's the way to vote in the nec ballot", datetime(2024, 3, 1, 9, tzinfo=ZONE)),
        ("is my group exec voting link still ok to use?", JUNE),
    ],
)
def test_how_to_vote_in_a_closed_ballot_says_it_closed(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    found = ask(answerer, question, now)
    assert not found.handoff and "closed" in found.text


def test_how_to_vote_while_open_says_nothing_of_a_close(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "how do I cast my vote for president?")
    assert not found.handoff and "closed" not in found.text and "post" in found.text
