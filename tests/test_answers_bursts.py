"""A message written in bursts of short sentences, each its own question: a result asked in
the first ("did X get in. any word") is still a result asked, after the close, however the last
sentence asks, and goes to the organisers; a view asked in bursts keeps the neutral reply. A
fact asked for in a word or two ("names please") is asked, not told: names the content does not
hold go to the organisers, while the manner of a reply asked for ("plain english please") asks
nothing. Wordings written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import neutral
from bot.answers.engine import ContentAnswerer
from bot.answers.text import asking_sentences

ZONE = ZoneInfo("Europe/London")
BETWEEN_CLOSES = datetime(2023, 5, 12, 17, tzinfo=ZONE)
ALL_CLOSED = datetime(2023, 5, 20, 12, tzinfo=ZONE)


@pytest.mark.parametrize("now", [BETWEEN_CLOSES, ALL_CLOSED])
@pytest.mark.parametrize(
    "question",
    [
        "did marion lloyd get in. any word",
        "did the broad left network win. anything yet",
    ],
)
async def test_a_result_asked_first_in_bursts_is_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    found = await answerer.answer(question, now)
    assert found.handoff
    assert not neutral.is_neutral(found.text)


@pytest.mark.parametrize(
    "question",
    [
        "is marion lloyd any good. worth my vote?",
        "heard marion lloyd was elected last time. does she deserve another go?",
    ],
)
async def test_a_view_asked_in_bursts_keeps_the_neutral_reply(
    answerer: ContentAnswerer, question: str
) -> None:
    found = await answerer.answer(question, ALL_CLOSED)
    assert not found.handoff
    assert neutral.is_neutral(found.text)


@pytest.mark.parametrize(
    "question",
    [
        "who sits on the sector exec. names pls",
        "who sits on the sector committee. full names please",
    ],
)
async def test_names_asked_for_in_a_word_or_two_are_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, BETWEEN_CLOSES)).handoff


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("who sits on the sector exec", "sixteen"),
        ("when does the nec ballot close. date and time pls", "noon"),
        ("what is the pssec for. plain english please", "civil service"),
    ],
)
async def test_what_the_content_holds_keeps_its_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    found = await answerer.answer(question, BETWEEN_CLOSES)
    assert not found.handoff
    assert expected in found.text


def test_a_fact_requested_asks_and_a_manner_requested_tells() -> None:
    assert asking_sentences("who runs it. name and email please") == (
        ["who runs it.", "name and email please"],
        [],
    )
    assert asking_sentences("what is it for. plain english please") == (
        ["what is it for."],
        ["plain english please"],
    )
