"""The kind of answer a question asks, in wordings of our own (none from a set): the
twenty-first round.

Whether any other ballot is still open, asked once one has closed, is every ballot's state
(the open ones first), not the closed one's "too late" alone.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.core.services import Answer

ZONE = ZoneInfo("Europe/London")
VOTING = datetime(2023, 5, 2, 11, tzinfo=ZONE)
NEC_CLOSED = datetime(2023, 5, 13, 10, tzinfo=ZONE)


def ask(answerer: ContentAnswerer, question: str, now: datetime = VOTING) -> Answer:
    return asyncio.run(answerer.answer(question, now))


def said(found: Answer) -> str:
    return " ".join([found.text, *found.sources]).lower()


@pytest.mark.parametrize(
    "question",
    [
        "the national executive vote has ended, which election is still open?",
        "too late for the president one now, is there another vote we could still take part in?",
        "missed the NEC ballot, any other election I can still vote in?",
    ],
)
def test_another_ballot_still_open_is_every_ballots_state(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question, NEC_CLOSED)
    text = found.text.lower()
    assert not found.handoff and "16 may" in text and "too late" in text
    assert text.index("group executive") < text.index("president and national")


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("any chance I can still vote in the nec one?", "too late"),
        ("is the NEC vote still open?", "too late"),
        ("which election is open at the moment?", "16 may"),
    ],
)
def test_one_ballots_state_keeps_its_reply(
    answerer: ContentAnswerer, question: str, fact: str
) -> None:
    found = ask(answerer, question, NEC_CLOSED)
    assert not found.handoff and fact in said(found)
    assert "group executive" not in found.text.lower() or fact == "16 may"


@pytest.mark.parametrize(
    ("question", "way"),
    [
        ("is the group exec one done by post as well?", "online vote"),
        ("can I do the national executive one on my laptop?", "postal vote"),
        ("how should I cast a vote in the group executive election? nothing in the post", "online"),
        ("could I vote in the president election through the bot instead?", "postal vote"),
    ],
)
def test_one_way_asked_of_a_ballot_is_how_it_is_held(
    answerer: ContentAnswerer, question: str, way: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and way in found.text.lower()


def test_a_way_asked_keeps_its_nearby_replies(answerer: ContentAnswerer) -> None:
    assert "seal" in ask(answerer, "how do I vote in the NEC election?").text
    assert ask(answerer, "the group exec email with my link never came, what now?").handoff
    assert ask(answerer, "will the 2025 NEC election be by post again?").handoff
    still = ask(answerer, "can I still vote online in the group exec?", NEC_CLOSED)
    assert "still open" in still.text and "16 May" in still.text


PAST_REPLACING = datetime(2023, 5, 8, 10, tzinfo=ZONE)


@pytest.mark.parametrize(
    "question",
    [
        "need a fresh nec paper as mine got binned who do I ring",
        "lost my national executive paper last week who should we contact for a new one",
    ],
)
def test_whom_asked_past_the_replacement_deadline_names_whom(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question, PAST_REPLACING)
    assert not found.handoff and "has passed" in found.text and "helpline" in found.text


def test_the_replacement_deadline_alone_keeps_its_reply(answerer: ContentAnswerer) -> None:
    found = ask(
        answerer, "what was the last day to ask for a replacement nec paper?", PAST_REPLACING
    )
    assert "4 May" in found.text and "helpline" not in found.text
    assert ask(answerer, "how many nec papers were spoilt this year?", NEC_CLOSED).handoff


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("what are these Locals the NEC wants to set up?", "different workplaces"),
        ("the pssec, what is its job exactly", "working lives"),
        ("the public services sector executive committee - what is its job?", "working lives"),
    ],
)
def test_what_a_thing_is_is_what_says_it(
    answerer: ContentAnswerer, question: str, fact: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and fact in found.text


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("what did the nec decide about locals?", "two Locals"),
        ("what are union Locals? a rep said they're starting one near me", "same town"),
        ("what does PSSEC stand for?", "stands for"),
        ("what is the PSSEC for?", "working lives"),
    ],
)
def test_what_was_decided_or_what_it_stands_for_keeps_its_reply(
    answerer: ContentAnswerer, question: str, fact: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and fact in found.text


@pytest.mark.parametrize(
    "question",
    [
        "i've not posted one before - could you explain how the postal vote works?",
        "first time voting by post, could you explain how a postal ballot works?",
    ],
)
def test_how_a_ballot_works_asked_in_a_request_is_how_to_vote(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and "seal" in found.text


def test_the_posting_day_keeps_its_reply(answerer: ContentAnswerer) -> None:
    assert "5 May" in ask(answerer, "what's the last safe posting day for the nec vote?").text


@pytest.mark.parametrize(
    "question",
    [
        "I'm a new joiner, is there a cut-off for getting a vote in the NEC election?",
        "recent joiners in our branch - do they get a vote for president?",
    ],
)
def test_a_joiner_asking_about_a_vote_is_the_join_by_date(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question, PAST_REPLACING)
    assert not found.handoff and "31 March" in found.text


def test_a_cut_off_for_a_new_paper_keeps_its_reply(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "is there a cut-off for getting a new nec paper?", VOTING)
    assert "4 May" in found.text


LAST_SAFE_DAY = datetime(2023, 5, 5, 7, tzinfo=ZONE)


def test_posted_or_arrived_by_the_close_says_it_must_arrive(answerer: ContentAnswerer) -> None:
    found = ask(
        answerer, "nec paper: posted by the close date, or in their hands by then?", LAST_SAFE_DAY
    )
    assert not found.handoff and "must arrive" in found.text


def test_the_close_keeps_its_date(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "when does the nec vote close?", LAST_SAFE_DAY)
    assert "11 May" in found.text and "noon" in found.text
