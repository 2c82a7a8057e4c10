"""Hand-offs the engine answered with a record of an earlier day: something later than the
record asked of ("anything newer than the November 2020 NEC report?", "what's happened since?",
"did they go on to ballot?"), answered with the record itself (`unheld.later_unsaid`); and a
consultation asked of as open or to come, answered with how consultations in the bot work
(`unheld.consultation_asked`). The report's own facts, the day of its meeting and how
a consultation works keep their answers. Wordings written for this file (none from a question
set).
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
        "got anything newer than that november 2020 nec report? it's 2023 now",
        "The NEC report here is from 2020. Has the NEC reported anything more recent than that?",
        "ballot readiness - what's happened since?",
        "did the nec go on to call a pay ballot after they reassessed it?",
        "has there been a strike ballot on pay since the 2020 nec meeting?",
        "any consultation open at the moment?",
        "when's the next consultation, do we know?",
        "Will there be a consultation on the changes to severance terms?",
    ],
)
async def test_what_came_after_the_record_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, NOW)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("the nec report on here - which day did that meeting happen?", "2020"),
        (
            "after the november 2020 nec, when were they going to look at ballot readiness again?",
            "2021",
        ),
        ("in a consultation, can I change my vote once I've pressed a button?", "cannot"),
        ("how do I vote in a consultation through the bot?", "/vote"),
    ],
)
async def test_the_records_own_facts_keep_their_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, NOW)
    assert not found.handoff
    assert expected in found.text
