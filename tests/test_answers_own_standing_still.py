"""Hand-offs the engine answered with when papers are posted or the join-by date: whether a
rule still holds for a member on leave, a line manager or on a fixed-term contract ("on
parental leave till june, will my nec paper still come?", "is the union still sending her
ballot?", "can she join today and still vote?"), answered with the ballot's dates
(`unheld.standing_unsaid`). Where the paper goes (the home address, which the content says),
when papers are posted and the join-by date keep their answers. Wordings written for this file
(none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
APRIL = datetime(2023, 4, 20, 10, tzinfo=LONDON)
EARLY = datetime(2023, 4, 5, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("on parental leave till june, will my nec paper still come?", APRIL),
        ("my partner is on adoption leave, is the union still sending her ballot?", APRIL),
        ("I'm a line manager, am I still allowed to vote in the nec election?", APRIL),
        ("a temp on a fixed-term contract, can she join today and still vote for the nec?", EARLY),
    ],
)
async def test_a_rule_asked_of_the_members_standing_is_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    assert (await answerer.answer(question, now)).handoff


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("on mat leave, is my nec paper still going to come to my home address?", APRIL, "home"),
        ("will my nec paper still come to my home address?", APRIL, "home address"),
        ("when do nec papers get posted?", APRIL, "20 April"),
        ("if I join today can I still vote in the nec election?", EARLY, "31 March"),
    ],
)
async def test_where_papers_go_and_the_dates_keep_their_answer(
    answerer: ContentAnswerer, question: str, now: datetime, expected: str
) -> None:
    found = await answerer.answer(question, now)
    assert not found.handoff
    assert expected in found.text
