"""The word of a question that says what is asked (the asked slot), in wordings of our own
(none from a set).

"How do I stop X" asks for the passage that says how to stop X, not a command that stops it
as a side effect; "how do members vote" asks for the way to vote, never how to join.
Questions that ask how to tell the bot, how to join or how to link keep their answers.
"""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import checks, kinds
from bot.answers.engine import ContentAnswerer, heading_of
from bot.core.services import Answer

ZONE = ZoneInfo("Europe/London")
VOTING = datetime(2023, 5, 2, 11, tzinfo=ZONE)


def ask(answerer: ContentAnswerer, question: str, now: datetime = VOTING) -> Answer:
    return asyncio.run(answerer.answer(question, now))


def _entry(answerer: ContentAnswerer, starts: str) -> int:
    return next(
        i for i, p in enumerate(answerer.index.passages) if heading_of(p).startswith(starts)
    )


@pytest.mark.parametrize(
    ("question", "way"),
    [
        ("how can I stop the bot pestering me about the vote", "stop"),
        ("how do i switch the reminders off", "stop"),
        ("how do we turn all these messages off", "stop"),
        ("how do members actually cast a vote in the exec elections", "vote"),
        ("how does one vote for the NEC", "vote"),
        ("how do I let the branch know I voted", "tell"),
        ("how do i sign up", "join"),
        ("how do I get a new paper", None),
        ("what's the petition for", None),
    ],
)
def test_the_way_asked_is_read_from_the_verb_after_how(question: str, way: str | None) -> None:
    assert kinds.action_asked(question) == way


def test_a_command_that_stops_reminders_as_a_side_effect_is_not_how_to_stop_them(
    answerer: ContentAnswerer,
) -> None:
    question = "how do I stop the bot messaging me voting reminders, it drives me up the wall"
    query = answerer._query(question)
    voted = answerer.index.passages[_entry(answerer, "How do I tell the bot I have voted")]
    stop = answerer.index.passages[_entry(answerer, "How do I stop the ballot reminders")]
    assert answerer.acted(question, query, voted) is False
    assert answerer.acted(question, query, stop) is True


def test_how_members_vote_is_never_how_to_join(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "how do members vote, online form or website?")
    assert "Join online" not in found.text


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("how do i turn the ballot reminders off", "/remindme off"),
        ("posted mine this morning, how do I tell the bot", "/voted"),
        ("how do i join the union", "Join online"),
        ("i signed the petition, how do i let my branch know", "/signed"),
        ("how do I vote in the NEC election", "post"),
        ("how do I vote in the group exec election", "personal link"),
    ],
)
def test_nearby_ways_keep_their_answer(
    answerer: ContentAnswerer, question: str, holds: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and holds in found.text


@pytest.mark.parametrize(
    "question",
    [
        "how does a colleague see everything the bot keeps on her?",
        "how would someone find out what the bot has got on them",
    ],
)
def test_what_the_bot_keeps_on_a_member_is_the_data_export(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and found.text.startswith("/mydata")


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("can our members check what this bot holds about them?", "/mydata"),
        ("what do you keep about me", "/mydata"),
        ("delete everything the bot has on my colleague", "/forget"),
        ("wipe what you hold about me", "/forget"),
    ],
)
def test_nearby_data_questions_keep_their_answer(
    answerer: ContentAnswerer, question: str, holds: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and holds in found.text


def test_whom_to_phone_for_a_new_paper_is_the_helpline(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "my paper got spoilt, who should i phone for a fresh one?")
    assert not found.handoff and "helpline" in found.text


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("lost my ballot paper who do i ring", "helpline"),
        ("my nec paper is torn, when is the deadline for a new one", "17:00 on Thursday 4 May"),
    ],
)
def test_nearby_replacement_questions_keep_their_answer(
    answerer: ContentAnswerer, question: str, holds: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and holds in found.text


BEFORE_GROUP_OPENS = datetime(2023, 4, 23, 10, tzinfo=ZONE)


def test_nothing_had_before_a_ballot_opens_is_when_it_opens(answerer: ContentAnswerer) -> None:
    found = ask(
        answerer, "has the group executive vote started? I've had nothing yet", BEFORE_GROUP_OPENS
    )
    assert not found.handoff and "opens" in found.text and "27 April" in found.text


def test_nothing_had_once_it_opened_is_still_the_organisers(answerer: ContentAnswerer) -> None:
    assert ask(answerer, "is the group exec ballot open? havent received anything").handoff


def test_where_a_paper_goes_asked_with_a_problem_told_is_answered_by_the_address() -> None:
    question = "is the NEC paper posted to work or home? our reps never get letters at home"
    passage = "Your ballot paper comes by post to your home address. Mark your choices."
    today = date(2023, 5, 2)
    assert checks.fits(question, passage, frozenset(), False, today, set())
    problem = "my NEC paper never came, what now?"
    assert not checks.fits(problem, passage, frozenset(), False, today, set())


@pytest.mark.parametrize(
    "question",
    [
        "what's a mandating meeting then?",
        "Is the HMRC Newcastle branch meeting on a weekday?",
        # a permission asked of a meeting whose report gives only its deadline
        "Can I bring everyone to the AGM?",
        "can we bring our partners along to the branch AGM",
    ],
)
def test_what_no_passage_says_stays_handed_off(answerer: ContentAnswerer, question: str) -> None:
    assert ask(answerer, question).handoff


@pytest.mark.parametrize(
    "question",
    [
        "our reps keep asking whether when the strike ballot arrives members can do it online",
        "a few members wonder if when the industrial action ballot comes they can vote on the bot",
    ],
)
def test_a_time_told_before_what_is_asked_asks_no_date(
    answerer: ContentAnswerer, question: str
) -> None:
    assert checks.asks(question) is None
    found = ask(answerer, question)
    assert not found.handoff and "postal" in found.text


def test_a_time_asked_inside_a_question_is_still_asked(answerer: ContentAnswerer) -> None:
    question = "do you know when the group exec ballot opens?"
    assert checks.asks(question) == "when"
    assert "27 April" in ask(answerer, question, BEFORE_GROUP_OPENS).text
