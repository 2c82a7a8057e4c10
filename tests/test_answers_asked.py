"""A live date only for a question that asks for one, and the neutral answer for a question
that asks the bot to judge those standing, in wordings of our own (none from a question set).

A dated question that asks whom to ring, or whether a vote the member sent has arrived, is
not answered with a date; a comparison of two ballots' closes names both. A third party's
advice on whom to vote for, a slate's short name, or whether a slate's aims win a vote is a
judgement (the neutral answer, never a hand-off); which slates stand, or which candidates a
member already picked, is not.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.answers.live import asks_else
from bot.answers.neutral import LEAD, is_partisan, names_standing
from bot.content.loader import load_content

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")
BOTH_OPEN = datetime(2023, 5, 3, 10, tzinfo=LONDON)
AFTER_POSTING = datetime(2023, 5, 9, 10, tzinfo=LONDON)
DATE = r"(Monday|Tuesday|Wednesday|Thursday|Friday) \d+ May"


@pytest.fixture(scope="module")
def names() -> list[str]:
    content = load_content(ROOT / "campaigns")
    return names_standing([s for d in content.ballots for s in d.standing])


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("who should i phone if my nec pack got soaked", "person"),
        ("whom do we contact about a spare group exec paper", "person"),
        ("what's the name of the person going for the top job? lost my pack", "person"),
        ("sent my nec paper off on monday, could you confirm it was received?", "check"),
        ("has my postal vote actually been counted", "check"),
        ("when does the nec ballot close and who do i contact if my pack is lost", None),
        ("can you check when the nec vote closes", None),
    ],
)
def test_what_a_dated_question_asks_besides_a_date(question: str, kind: str | None) -> None:
    assert asks_else(question) == kind


async def test_whether_a_sent_vote_arrived_is_handed_off_not_dated(
    answerer: ContentAnswerer,
) -> None:
    answer = await answerer.answer(
        "i sent my nec vote last week, could you check it arrived", AFTER_POSTING
    )
    assert answer.handoff
    answer = await answerer.answer("has my nec envelope been received yet", AFTER_POSTING)
    assert answer.handoff or not re.search(DATE, answer.text)


async def test_whom_to_ring_is_not_answered_with_a_date(answerer: ContentAnswerer) -> None:
    answer = await answerer.answer("who do we call when the nec paper never came", BOTH_OPEN)
    assert not re.search(DATE, answer.text) or answer.handoff


async def test_comparing_two_ballots_closes_names_both(answerer: ContentAnswerer) -> None:
    answer = await answerer.answer(
        "does the group exec vote end sooner than the nec one, or later?", BOTH_OPEN
    )
    assert not answer.handoff
    assert "11 May" in answer.text and "16 May" in answer.text


async def test_a_missing_pack_without_a_verb_asks_for_a_replacement(
    answerer: ContentAnswerer,
) -> None:
    answer = await answerer.answer("no nec voting pack at my flat, what now", BOTH_OPEN)
    assert "replacement" in answer.text and "4 May" in answer.text


PARTISAN = [
    "my steward keeps saying vote for the independent left lot, should i listen to him",
    "my manager wants us all to vote broad left, is he right",
    "is it broad left campaigning for a pay claim? they'd get my vote then",
    "which of the slates gets my support if i care about pensions",
    "arent the independent left lot just the same old faces",
]
NOT_PARTISAN = [
    "which slates are up for the nec this time round",
    "which candidates are going for president",
    "can the branch see which slate i ticked",
]


@pytest.mark.parametrize("question", PARTISAN)
async def test_judging_those_standing_gets_the_neutral_answer(
    answerer: ContentAnswerer, names: list[str], question: str
) -> None:
    assert is_partisan(question, names)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and LEAD in answer.text


@pytest.mark.parametrize("question", NOT_PARTISAN)
def test_who_stands_or_what_was_picked_is_not_a_judgement(names: list[str], question: str) -> None:
    assert not is_partisan(question, names)


def test_a_slate_is_named_without_its_last_generic_word(names: list[str]) -> None:
    assert "broad left" in names and "broad left network" in names
