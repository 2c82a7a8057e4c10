"""The member's own case and an event the content does not hold, in words the engine did not
reach: two papers come and both asked to be used (a second vote), a branch named with its group
spelt out asked as having noted or discussed a report (the branch's own record). Each goes to
the organisers, as hustings asked of a group do; the rules and the platforms nearby keep their
answers. Wordings written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

BOTH_OPEN = datetime(2023, 5, 2, 10, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    "question",
    [
        "a second nec paper came to my old address as well, can i post both?",
        "did the dwp leeds branch note the november nec report?",
        "did our dft branch acknowledge the november report?",
        "is there any hmrc group executive election hustings planned?",
    ],
)
async def test_the_members_own_case_or_an_event_unheld_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, BOTH_OPEN)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("I use both Slack and Telegram, will I be counted twice?", "/link"),
        ("my nec paper went to my old address, what do I do?", "replacement"),
        ("how does a branch note a meeting report?", "/noted"),
    ],
)
async def test_the_rules_and_the_platforms_keep_their_answers(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, BOTH_OPEN)
    assert not found.handoff
    assert expected in found.text
