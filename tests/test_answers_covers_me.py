"""Hand-offs the engine answered with the union's aim: whether a scheme or a claim covers the
member's own kind of job ("would the specialists' pay review body cover someone in my grade?",
"does the review body for specialists cover me?", "would the pensions claim include people like
me?"), answered with whom the union wants it for (`unheld._COVERS_ME`, part of `own_case`).
Whom it is meant for, what it is and who could have a claim keep their answers. Wordings
written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2023, 6, 1, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        "would the specialists' pay review body cover someone in my grade?",
        "I'm a statistician, does the review body for specialists cover me?",
        "would the pensions claim include people like me, I joined at 22?",
        "will the pay review body include lawyers like me?",
    ],
)
async def test_whether_it_covers_the_members_own_job_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, NOW)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who would the specialists' pay review body cover?", "specialists"),
        ("what is the independent pay review body for specialists?", "specialists"),
        ("what does the pay campaign want?", "Pay systems"),
        ("who could have an age discrimination claim on pensions?", "legal action"),
    ],
)
async def test_whom_it_is_for_keeps_its_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, NOW)
    assert not found.handoff
    assert expected in found.text
