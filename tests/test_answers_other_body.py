"""Hand-offs the engine answered with the content's groups or the group executive ballot: which
group, branch or executive is one's own asked with a body the content does not hold named
("I work at the DVSA, which group exec do I vote in?", "highways agency staff, which branch are
we in?"), answered with the content's own groups (`unheld.employer_unheld`). A branch the
content holds, the rule that each member votes for their own group, and what the bot has the
member down as keep their answers. Wordings written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2023, 4, 28, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        "I work at the DVSA, which group exec do I vote in?",
        "where does HMLR sit among your groups?",
        "transferring to the MoD next month, will my vote be for the HMRC group or the new one?",
        "highways agency staff here, which branch are we in?",
    ],
)
async def test_a_body_the_content_does_not_hold_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, NOW)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which group is DWP Leeds in?", "Department for Work and Pensions"),
        ("I'm at HMRC Newcastle, which group exec do I vote in?", "HM Revenue and Customs"),
        ("do I vote for every group's executive or only mine? I'm at the DVLA", "own group"),
        ("which branch have you got me in? I moved from the MoJ to DWP Glasgow", "/whoami"),
    ],
)
async def test_a_branch_held_or_the_rule_keeps_its_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, NOW)
    assert not found.handoff
    assert expected in found.text
