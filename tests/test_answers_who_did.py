"""Hand-offs the engine answered with /turnout: members asked for by what they did or did not
do ("which members still haven't voted?", "the names of people who have signed"), which the
bot, counting what members tell it by branch, never gives (`unheld.who_did_unsaid`). Turnout
and how many said they voted keep their answers. Wordings written for this file (none from a
question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2023, 5, 3, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        "as branch sec can I see which members still haven't voted in the nec election?",
        "could the bot give me the names of people in our office who have signed the petition?",
        "who in dwp leeds hasn't voted yet? want to nudge them",
    ],
)
async def test_members_asked_for_by_what_they_did_are_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, NOW)).handoff


@pytest.mark.parametrize(
    "question",
    ["how do I see the turnout for my branch?", "how many in my branch have said they voted?"],
)
async def test_turnout_keeps_its_answer(answerer: ContentAnswerer, question: str) -> None:
    found = await answerer.answer(question, NOW)
    assert not found.handoff
    assert "/turnout" in found.text
