"""Hand-offs the engine answered: a date asked of as going to be extended, put back or brought
forward. The content gives the ballots' dates, never that one will move; the reply that gives
the date as it stands does not answer whether it will change. Asking the date itself, or
whether it was moved, keeps its answer. Wordings written for this file (none from a question
set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2023, 4, 12, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        "postal strike next week - will the nec ballot deadline be extended?",
        "Could the closing date for the NEC election be pushed back because of the bank holiday?",
        "are they going to postpone the group exec vote, half our office never got the email",
        "will the replacement paper deadline get moved back at all",
    ],
)
async def test_a_date_asked_as_going_to_move_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, NOW)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("when does the nec ballot close?", "11 May"),
        ("did the coronation bank holiday push back the nec close date at all", "11 May"),
    ],
)
async def test_the_date_itself_keeps_its_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, NOW)
    assert not found.handoff
    assert expected in found.text
