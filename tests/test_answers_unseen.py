"""Questions worded unlike any in the question sets: the general shapes behind them, with
the names taken from the content (the ballots' `standing:` lists), not from any set."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.answers.neutral import LEAD
from bot.content.loader import Content

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")
DURING = datetime(2023, 5, 2, 10, tzinfo=LONDON)  # both elections open


async def ask(answerer: ContentAnswerer, question: str) -> tuple[bool, str]:
    answer = await answerer.answer(question, DURING)
    return answer.handoff, " ".join([answer.text, *answer.sources])


def standing(content: Content) -> tuple[str, list[str]]:
    """A person standing (their surname) and the slates standing, from the content."""
    entries = [s for d in content.ballots for s in d.standing]
    people = [re.sub(r"\s*\(.*", "", s) for s in entries if "candidate" in s.lower()]
    slates = [re.sub(r"\s*\(.*", "", s) for s in entries if "slate" in s.lower()]
    assert people and len(slates) >= 2, "the content names a candidate and two slates"
    return people[0].split()[-1], slates


def neutral(handoff: bool, said: str) -> bool:
    return not handoff and LEAD in said


INDIRECT = [
    "which of them actually stands up for members like me",
    "i just want whoever will fight hardest on pay, who's that then",
    "who gets my vote if i care about pay",
    "what's the sensible choice for president",
    "who's the safe pair of hands for president",
    "i'm torn on the nec vote, help me choose",
    "who are most reps voting for",
    "who would be better at negotiating with the treasury",
]


@pytest.mark.parametrize("question", INDIRECT)
async def test_an_indirect_ask_for_a_choice_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    handoff, said = await ask(answerer, question)
    assert neutral(handoff, said), said


@pytest.mark.parametrize(
    "template",
    [
        "is {person} on our side",
        "is {person} too cosy with management",
        "is {slate}'s slate the left one? i want to back them",
        "{slate} or {other}, which is closer to what members want",
        "what's wrong with the {slate}",
        "is the {slate} mostly militants",
    ],
)
async def test_a_view_of_someone_named_in_the_content_gets_the_neutral_answer(
    answerer: ContentAnswerer, template: str
) -> None:
    person, slates = standing(answerer.content)
    question = template.format(person=person, slate=slates[0], other=slates[1])
    handoff, said = await ask(answerer, question)
    assert neutral(handoff, said), said
    assert person.lower() not in said.lower().replace(LEAD.lower(), "")


@pytest.mark.parametrize(
    "template",
    [
        "is {person} from hmrc",
        "is {person} standing for the nec or for president",
        "are {slate} and {other} running together or separately",
        "who do i contact if i think the election was unfair",
        "who is the union president right now",
    ],
)
async def test_a_fact_about_those_standing_is_no_ask_for_a_view(
    answerer: ContentAnswerer, template: str
) -> None:
    person, slates = standing(answerer.content)
    question = template.format(person=person, slate=slates[0], other=slates[1])
    _, said = await ask(answerer, question)
    assert LEAD not in said, said


@pytest.mark.parametrize(
    "question",
    [
        "does unite have a pay petition like ours? can i sign both",
        "what's the GMB doing on pay this year",
        "lost the return envelope for my nec paper, what's the freepost address?",
        "whats the phone number for the membership team, i need a new ballot paper",
        "did the pay ballot go ahead in the end?",
        "date of the next sector committee meeting? i want to send something in",
    ],
)
async def test_a_detail_the_content_lacks_beside_a_topic_it_holds_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    """Another union's doings, a freepost address or a phone number beside a ballot, an
    outcome where the content only has a plan: the nearby passage or date is no answer."""
    handoff, said = await ask(answerer, question)
    assert handoff, said


async def test_what_they_ended_up_deciding_is_no_ballots_close(
    answerer: ContentAnswerer,
) -> None:
    """ "End up" and "in the end" ask for an outcome, not for when a ballot ends."""
    for question in (
        "what did the nec end up recommending on the pensions claims",
        "what did the nec decide about the bargaining paper in the end",
    ):
        _, said = await ask(answerer, question)
        assert "closes" not in said and "posting day" not in said, said


async def test_how_one_of_them_did_is_a_result_not_a_view(answerer: ContentAnswerer) -> None:
    """A past result is the scrutineer's to announce ("I think" is a hedge, not a view)."""
    _, slates = standing(answerer.content)
    handoff, said = await ask(answerer, f"how did {slates[0]} do at the last election, i think")
    assert handoff and LEAD not in said, said


async def test_signing_up_before_a_vote_asks_the_join_by_date(
    answerer: ContentAnswerer,
) -> None:
    """ "If I sign up now, do I get a vote?" is answered with the ballot's join-by date."""
    nec = next(d for d in answerer.content.ballots if d.join_by is not None)
    question = "if my mate signs up this week would she get a vote for president"
    _, said = await ask(answerer, question)
    assert f"{nec.join_by.day} {nec.join_by:%B}" in said, said
