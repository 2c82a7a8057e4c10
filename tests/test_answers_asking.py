"""What a question asks, beside what it mentions: a moment ("last month"), who holds a post
now, whether something happened, where the asker works; and, for the ballots' dates, the
clause that asks. Questions written for this file, none taken from a question set."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.content.loader import load_content
from bot.services.calendar import UkWorkingDays

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")


@pytest.fixture(scope="module")
def answerer() -> ContentAnswerer:
    """One answerer for the module (built with the shipped phrasings; read-only here)."""
    return ContentAnswerer(load_content(ROOT / "campaigns"), None, UkWorkingDays(), "Europe/London")


async def ask(answerer: ContentAnswerer, question: str, now: datetime) -> tuple[bool, str]:
    answer = await answerer.answer(question, now)
    return answer.handoff, " ".join([answer.text, *answer.sources])


MAY_8 = datetime(2023, 5, 8, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        # the only NEC report is of November 2020: last month is April 2023
        "what did the NEC decide when it met last month?",
        "what did the nec agree last month",
        # those standing for a post do not say who holds it now
        "is Marion Lloyd our president at the moment?",
        # the paper goes to the December NEC for sign-off: whether it was is not said
        "did the national bargaining paper get signed off by the NEC?",
        # where the asker works, said by other members about the AGM, is no contact detail
        "contact email for the cabinet office london branch sec",
    ],
)
async def test_what_the_content_does_not_say_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    handoff, said = await ask(answerer, question, MAY_8)
    assert handoff, said


async def test_when_something_is_signed_off_is_still_answered(answerer: ContentAnswerer) -> None:
    handoff, said = await ask(
        answerer, "when does the national bargaining paper get signed off?", MAY_8
    )
    assert not handoff and "December" in said, said


async def test_where_a_new_member_works_is_not_what_they_ask(answerer: ContentAnswerer) -> None:
    handoff, said = await ask(
        answerer, "who is the rep, I'm new at Passport Office Liverpool", MAY_8
    )
    assert not handoff and "branch secretary" in said, said
