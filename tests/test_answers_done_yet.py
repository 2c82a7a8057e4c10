"""Hand-offs the engine answered with a target, a ballot's dates or the petition command: a
step asked as taken yet ("has the petition reached its 50,000 yet?", "has the report of the
count been published yet?") and a petition's count asked for one branch or group ("how many
signatures from our branch so far?"), which the content, written before, does not hold
(`unheld.done_yet_unsaid`). The target, how to see the count, a branch's turnout command and
a meeting's plan keep their answers. Wordings written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
JUNE = datetime(2023, 6, 20, 10, tzinfo=LONDON)
MAY = datetime(2023, 5, 8, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        "has the petition reached its 50,000 yet?",
        "has the report of the count been published yet?",
        "how many signatures from our branch so far?",
        "how many have signed the petition from the HMRC group?",
    ],
)
async def test_a_step_since_or_a_part_counted_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, JUNE)).handoff


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("how many signatures is the petition aiming for?", JUNE, "50,000"),
        ("how do I see how many have signed the petition?", JUNE, "/petition"),
        ("as a rep how do I see how many in my branch have voted?", MAY, "/turnout"),
        ("how many locals did the nec want in each hub area?", JUNE, "two Locals"),
    ],
)
async def test_the_target_and_the_commands_keep_their_answer(
    answerer: ContentAnswerer, question: str, now: datetime, expected: str
) -> None:
    found = await answerer.answer(question, now)
    assert not found.handoff
    assert expected in found.text
