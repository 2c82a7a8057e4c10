"""Hand-offs the engine answered with an aim or a record of an earlier year: an action asked of
as planned for a season, a month or a year still to come ("coordinated action on pay this
summer?"), answered with what branches do (`unheld.plan_ahead_unsaid`); a meeting's plan of an
earlier year asked again for this year ("Zoom funding for this year's AGM, like in 2021?"),
answered with the 2020 decision (`unheld.again_unsaid`); what a planned reassessment came to,
and what the latest meeting agreed, answered with the 2020 record (`unheld.after_record`,
`unheld.since`). The same questions with no time ahead, and the record's own decisions, keep
their answers. Wordings written for this file (none from a question set).
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
        "is the union planning joint action between branches on pay in the autumn?",
        "are we planning coordinated action on pay next year?",
        "is it right that we're balloting for industrial action again over the winter?",
        "will there be coordinated action across branches on pay this summer?",
        "could our branch get zoom funding for this year's agm, like they did in 2021?",
        "readiness was to be looked at again in early 2021. what did the nec conclude when it did?",
        "what was agreed at the latest nec meeting?",
        "what got decided at the last NEC meeting?",
    ],
)
async def test_a_time_past_the_record_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, NOW)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("will there be coordinated action on pay?", "coordinated action"),
        ("are branches going to do joint action on pay?", "joint activity"),
        ("when is the NEC going to reassess ballot readiness?", "2021"),
        ("what did the NEC decide about zoom AGMs?", "Zoom"),
    ],
)
async def test_the_aim_and_the_record_keep_their_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, NOW)
    assert not found.handoff
    assert expected in found.text
