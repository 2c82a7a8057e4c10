"""Hand-offs the engine answered with the content's rule or aim: the member's own place in the
pensions claims asked ("could you find out if I'm covered?", "how do I put in mine?"), answered
with the union's preparing legal action (`unheld.claim_mine`); a limit passed and the rule
asked to bend ("joined a day past the join-by date, can the branch appeal?"), answered with the
join-by date (`unheld._excepted`). What the union is doing about the claims, how many there may
be, and the join-by date itself keep their answers. Wordings written for this file (none from a
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
        "could you find out if i'm covered by the pensions age discrimination claims?",
        "age discrimination pension claim, how do i put in mine",
        "our new starter joined after the join-by date for the president and nec elections. can we"
        " get her added anyway?",
        "my colleague joined one day past the join-by date, can the branch appeal so he gets a"
        " vote?",
    ],
)
async def test_the_members_own_claim_or_an_exception_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, NOW)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what is the union doing about age discrimination in pensions?", "legal action"),
        ("how many people could have an age discrimination claim on pensions?", "age"),
        ("what was the join-by date for the nec ballot?", "31 March"),
    ],
)
async def test_the_claims_and_the_join_by_date_keep_their_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, NOW)
    assert not found.handoff
    assert expected in found.text
