"""The slot a question asks, in wordings of our own (none from a set): the twentieth round.

A page asked for is the page whose address names what it is about, not the election page
every passage of a ballot links to.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.core.services import Answer

ZONE = ZoneInfo("Europe/London")
PACKS_DUE = datetime(2023, 4, 26, 16, tzinfo=ZONE)
VOTING = datetime(2023, 5, 2, 11, tzinfo=ZONE)


def ask(answerer: ContentAnswerer, question: str, now: datetime = VOTING) -> Answer:
    return asyncio.run(answerer.answer(question, now))


def said(found: Answer) -> str:
    return " ".join([found.text, *found.sources]).lower()


@pytest.mark.parametrize(
    ("question", "page"),
    [
        ("is there a page about replacement papers for the nec?", "replacement-papers"),
        ("url for a replacement pack", "replacement-papers"),
        ("link to join?", "example.org/join"),
    ],
)
def test_a_page_asked_about_a_topic_is_the_page_that_names_it(
    answerer: ContentAnswerer, question: str, page: str
) -> None:
    found = ask(answerer, question, PACKS_DUE)
    assert not found.handoff and page in said(found)


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("where's the link to the petition?", "petitions/fair-pay"),
        ("could you send me the web page on replacement ballot papers", "replacement-papers"),
        ("how do I link my telegram and slack accounts?", "/link"),
        ("when is the last day to ask for a replacement NEC paper?", "4 may"),
        ("link to the candidates' statements for the NEC please", "2023/candidates"),
    ],
)
def test_nearby_questions_keep_their_reply(
    answerer: ContentAnswerer, question: str, fact: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and fact in said(found)


@pytest.mark.parametrize(
    "question",
    [
        "has the bot got my email and mobile number?",
        "is the bot storing my full name and phone number somewhere?",
    ],
)
def test_my_own_phone_number_kept_is_what_the_bot_holds(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and "/mydata" in found.text


@pytest.mark.parametrize(
    "question",
    [
        "what's the phone number for the membership helpline?",
        "how do I wipe my phone number from the bot?",
    ],
)
def test_a_number_to_ring_or_erasing_keeps_its_reply(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question)
    assert "/mydata" not in found.text


PAPERS_IN = datetime(2023, 4, 24, 10, tzinfo=ZONE)


def test_a_way_to_vote_asked_with_the_paper_in_hand_is_how_to_vote(
    answerer: ContentAnswerer,
) -> None:
    question = (
        "just got my NEC paper through the door, what am I meant to do, fill it in and post it?"
    )
    found = ask(answerer, question, PAPERS_IN)
    assert not found.handoff and "seal" in found.text.lower()


def test_getting_a_vote_back_is_its_return_not_a_replacement(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "cut off for getting my vote back to the scrutineer?", PAPERS_IN)
    assert not found.handoff and "11 may" in said(found)
    assert "replacement" not in found.text.lower()


@pytest.mark.parametrize(
    ("question", "now", "fact"),
    [
        (
            "forgot to post my NEC vote and it closes on thursday, what should I do?",
            datetime(2023, 5, 9, 10, tzinfo=ZONE),
            "too late to post",
        ),
        (
            "what's the cut off for getting a replacement NEC paper?",
            datetime(2023, 4, 28, 10, tzinfo=ZONE),
            "4 may",
        ),
    ],
)
def test_a_late_posting_or_a_replacement_keeps_its_date(
    answerer: ContentAnswerer, question: str, now: datetime, fact: str
) -> None:
    found = ask(answerer, question, now)
    assert not found.handoff and fact in said(found)


def test_whom_to_phone_asked_without_do_is_someone_to_reach(answerer: ContentAnswerer) -> None:
    found = ask(
        answerer, "spoilt my nec paper, who i phone?", datetime(2023, 4, 28, 10, tzinfo=ZONE)
    )
    assert not found.handoff and "helpline" in found.text.lower()


def test_how_many_of_my_branch_voted_is_the_branch_turnout(answerer: ContentAnswerer) -> None:
    question = "branch secretary here, how many of our branch have voted so far?"
    found = ask(answerer, question)
    assert not found.handoff and "/turnout" in found.text


@pytest.mark.parametrize(
    "question",
    ["how many people voted in the NEC election last year?", "how many members are in my branch"],
)
def test_a_count_of_another_kind_is_no_turnout(answerer: ContentAnswerer, question: str) -> None:
    assert "/turnout" not in ask(answerer, question).text


AFTER_DEADLINE = datetime(2023, 5, 8, 10, tzinfo=ZONE)
PACKS_LATE = datetime(2023, 4, 28, 10, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("question", "now", "fact"),
    [
        (
            "ruined my nec ballot paper over the weekend, too late for a new one?",
            AFTER_DEADLINE,
            "4 may",
        ),
        (
            "tore my nec ballot paper over the weekend, can i still get another?",
            VOTING,
            "4 may",
        ),
        ("28 april and no president election ballot pack here, what now?", PACKS_LATE, "4 may"),
        (
            "i rejoined last week, can i vote for the nec?",
            datetime(2023, 4, 21, 10, tzinfo=ZONE),
            "31 march",
        ),
    ],
)
def test_a_spoilt_or_missing_paper_or_rejoining_gets_its_date(
    answerer: ContentAnswerer, question: str, now: datetime, fact: str
) -> None:
    found = ask(answerer, question, now)
    assert not found.handoff and fact in said(found)


def test_a_ballot_over_pay_is_still_the_dispute(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "is there going to be a ballot over pay?")
    assert not found.handoff and "ready" in found.text.lower()


@pytest.mark.parametrize(
    "question",
    [
        "when is the union bringing its recommendations on the pension age discrimination claims?",
        "by when will the NEC get recommendations on the pensions remedy?",
    ],
)
def test_the_next_meeting_is_a_time(answerer: ContentAnswerer, question: str) -> None:
    found = ask(answerer, question)
    assert not found.handoff and "next nec" in found.text.lower()
    assert "closes" not in found.text  # (not the NEC election's close)


def test_the_next_meetings_own_date_is_still_not_held(answerer: ContentAnswerer) -> None:
    assert ask(answerer, "when's the next NEC meeting?").handoff


def test_what_a_committee_is_for_asked_inside_a_request_is_its_purpose(
    answerer: ContentAnswerer,
) -> None:
    found = ask(answerer, "can you tell me what the pssec is for?")
    assert not found.handoff and "working lives" in found.text


def test_what_its_initials_stand_for_keeps_the_name(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "what does PSSEC stand for?")
    assert not found.handoff and "Public Services Sector Executive Committee" in found.text


@pytest.mark.parametrize(
    "question",
    [
        "where will the group exec voting link come from?",
        "so where does the e-ballot link come from?",
    ],
)
def test_where_a_link_comes_from_is_the_email(answerer: ContentAnswerer, question: str) -> None:
    found = ask(answerer, question)
    assert not found.handoff and "email" in found.text.lower()


def test_where_a_paper_goes_is_still_the_home_address(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "where does my NEC paper get sent?")
    assert not found.handoff and "home address" in found.text.lower()


@pytest.mark.parametrize("question", ["when does the GE vote close?", "gec ballot closing date?"])
def test_a_ballots_initials_name_it_alone(answerer: ContentAnswerer, question: str) -> None:
    found = ask(answerer, question)
    assert not found.handoff and "16 may" in said(found)
    assert "11 may" not in said(found)  # (not the NEC election's close beside it)


def test_the_nec_keeps_its_own_close(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "when does the nec ballot close?")
    assert not found.handoff and "11 may" in said(found) and "16 may" not in said(found)
