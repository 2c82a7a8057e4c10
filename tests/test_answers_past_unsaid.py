"""A year before the content's own, asked of in the past tense ("was it postal the year
before?", "who chaired it before 2023?"): the content gives this year's elections and one past
report, and a reply that holds no date of the time asked cannot say what happened then. A year
the member tells of themselves, or one the reply holds, keeps its answer. Wordings written for
this file (none from a question set).
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import unheld
from bot.answers.engine import ContentAnswerer

BOTH_OPEN = datetime(2023, 5, 2, 10, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    "question",
    [
        "was the pssec's presidential team different in 2022?",
        "did the pssec have the same presidential team last year?",
        "was the pssec secretary appointed by the nec last year as well?",
    ],
)
async def test_a_past_year_the_reply_holds_nothing_of_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, BOTH_OPEN)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("I moved house last year, will my nec paper reach me?", "home address"),
        ("what did the nec decide about the virtual conference in 2020?", "virtual conference"),
        ("is the group exec vote online this year?", "online"),
    ],
)
async def test_a_year_told_or_held_keeps_its_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, BOTH_OPEN)
    assert not found.handoff
    assert expected in found.text


def test_a_past_year_is_unsaid_only_when_the_reply_holds_no_date_of_it() -> None:
    today = date(2023, 5, 2)
    assert unheld.past_unsaid("did they meet in 2022?", "It meets quarterly.", today)
    assert not unheld.past_unsaid("did they meet in 2022?", "It met on 3 May 2022.", today)
    assert not unheld.past_unsaid("I joined in 2022, can I vote?", "Members can vote.", today)
    assert not unheld.past_unsaid("did they meet last year?", "It meets quarterly.", None)
