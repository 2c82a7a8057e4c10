"""Hand-offs the engine answered: what is proposed, or where talks stand now, asked beside
the committee's duty to consult. The content gives the remit ("consulting or balloting members
on key changes such as pensions and severance terms"), never a proposal or the state of
talks: a reply that says nothing done cannot hold it. The duty itself keeps its answer.
Wordings written for this file (none from a question set).
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
        "which pension changes are on the table? the committee is meant to consult us",
        "What pension changes are currently being proposed? The sector committee says branches "
        "will be consulted.",
        "Which changes to redundancy terms are being considered right now? I read that members "
        "get a say.",
        "what severance changes are planned by the department? the remit says we get consulted",
        "what pension proposals are being negotiated currently",
    ],
)
async def test_a_proposal_or_the_state_of_talks_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, NOW)).handoff


@pytest.mark.parametrize(
    "question",
    [
        "Will members be consulted before any changes to pensions or severance terms?",
        "does the sector committee have to consult us on changes to severance terms?",
    ],
)
async def test_the_duty_to_consult_keeps_its_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    found = await answerer.answer(question, NOW)
    assert not found.handoff
    assert "severance" in found.text
