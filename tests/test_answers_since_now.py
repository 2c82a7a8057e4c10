"""What came of an aim, asked in words the engine did not read as an outcome: whether anything
came of it, how it is going now, whether a target was hit or what follows once it is. The
content gives the aim or the target, never how it stands now, so such a question goes to the
organisers; the aim and the target asked outright keep their answers. Wordings written for this
file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import unheld
from bot.answers.engine import ContentAnswerer
from bot.core.services import Answer

BOTH_OPEN = datetime(2023, 5, 2, 10, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    "question",
    [
        "has anything ever come of the mccloud pension claims?",
        "how are the pension discrimination claims getting on so far?",
        "has the fair pay petition reached its goal yet?",
        "once we make the target on the petition, what then?",
    ],
)
async def test_what_came_of_an_aim_or_a_target_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, BOTH_OPEN)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what's the signature target on the petition?", "50,000"),
        ("what is the union doing about the pension age discrimination claims?", "legal action"),
        ("how many pension claims could there be?", "70,000"),
    ],
)
async def test_the_aim_and_the_target_keep_their_answers(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, BOTH_OPEN)
    assert not found.handoff
    assert expected in found.text


def test_a_target_is_handed_off_only_when_the_reply_gives_no_count_signed() -> None:
    asked = "did the petition hit its target?"
    target = Answer("Sign the petition (target: 50,000 signatures).", (), 0.9, False)
    counted = Answer("Target: 50,000 signatures; 51,200 people have signed.", (), 0.9, False)
    assert unheld.unheld(asked, target)
    assert not unheld.unheld(asked, counted)
