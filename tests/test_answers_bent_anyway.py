"""Hand-offs the engine answered with the join-by date or the ballot's close: the rule asked to
bend for the member with their own date told instead of a limit named ("joined on the 4th of
april, will they let him vote anyway?", "the link never worked, can I vote late?", "will they
accept it if it gets there late?"), and what can be done once a deadline passed ("only noticed
after the replacement deadline, can anything be done?"), answered with the rule
(`unheld._excepted`). The join-by date, the deadlines and whether it is too late keep their
answers. Wordings written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=LONDON)


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("my mate joined on the 4th of april, will they let him vote anyway?", "2023-04-21T10:00"),
        ("the email link never worked on the day, can I vote late?", "2023-05-17T10:00"),
        ("I was off sick all week, will they accept it if it gets there late?", "2023-05-12T10:00"),
        (
            "her pack went to the wrong flat and she only noticed after the replacement deadline,"
            " can anything be done?",
            "2023-05-06T10:00",
        ),
    ],
)
async def test_the_rule_asked_to_bend_is_handed_off(
    answerer: ContentAnswerer, question: str, now: str
) -> None:
    assert (await answerer.answer(question, at(now))).handoff


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("what was the join-by date for the nec ballot?", "2023-04-21T10:00", "31 March"),
        ("is it too late to vote in the nec election?", "2023-05-12T10:00", "too late"),
        ("when was the replacement deadline for the nec paper?", "2023-05-06T10:00", "4 May"),
        ("is it too late to post my paper?", "2023-05-04T10:00", "still open"),
    ],
)
async def test_the_rule_itself_keeps_its_answer(
    answerer: ContentAnswerer, question: str, now: str, expected: str
) -> None:
    found = await answerer.answer(question, at(now))
    assert not found.handoff
    assert expected in found.text
