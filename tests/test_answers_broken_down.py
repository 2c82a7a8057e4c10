"""A figure asked "broken down by" a unit is that figure for each one ("turnout broken down by
branch": each branch's turnout); in wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
VOTING = datetime(2023, 5, 2, 9, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        # before: handed off ("broken down" left as two words the entry never says)
        "as branch secretary can I get the turnout figures broken down by branch?",
        # (answered before too: kept so the idiom does not lose it)
        "where do officers find a breakdown by branch of the turnout",
    ],
)
async def test_turnout_broken_down_by_branch_gets_turnout(
    answerer: ContentAnswerer, question: str
) -> None:
    reply = await answerer.answer(question, VOTING)
    assert not reply.handoff, question
    assert "/turnout" in reply.text, reply.text
