"""The reply holds the kind of fact asked, in wordings of our own (none from a question set).

What a committee is for is its purpose, not what its initials stand for; how long a term
lasts, the time of the count or of hustings, and the day nominations close are not a
ballot's dates (the content holds none of them: a hand-off); which ballot is by post is the
ballot's kind, not the last posting day.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers import checks, kinds
from bot.answers.engine import ContentAnswerer

ROOT = Path(__file__).resolve().parent.parent
VOTING = datetime(2023, 5, 8, 10, tzinfo=ZoneInfo("Europe/London"))
WEEKDAY_DATE = r"(Monday|Tuesday|Wednesday|Thursday|Friday) \d+ May"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what's the PSSEC for, simply put?", kinds.PURPOSE),
        ("wat is the nec really for tbh", kinds.PURPOSE),
        ("will my president paper come to the house?", kinds.DESTINATION),
        ("posted to my home or to work?", kinds.DESTINATION),
        ("how long does the president's term last?", kinds.DURATION),
        ("is the group exec one by post, and which is online?", kinds.MODE),
        ("is the nec paper sent recorded delivery?", kinds.SENDING),
    ],
)
def test_the_kind_a_question_asks(question: str, kind: str) -> None:
    assert kind in kinds.asked(question)


@pytest.mark.parametrize(
    "question",
    ["what does PSSEC stand for?", "what are the members asking for?", "when does it close?"],
)
def test_no_purpose_is_asked_of_a_name_or_an_ask(question: str) -> None:
    assert kinds.PURPOSE not in kinds.asked(question)


def test_a_passage_holds_a_purpose_by_its_words_or_its_heading() -> None:
    assert kinds.PURPOSE in kinds.held("To defend and improve members' working lives.")
    assert kinds.PURPOSE in kinds.held("Pay systems properly funded.", "pay:What we want")
    assert kinds.PURPOSE not in kinds.held("PSSEC stands for the Public Services Sector …")


async def test_what_a_committee_is_for_is_its_purpose_not_its_name(
    answerer: ContentAnswerer,
) -> None:
    said = await answerer.answer("what is PSSEC for then", VOTING)
    assert not said.handoff
    assert "stands for" not in said.text
    assert re.search(r"\b(defend|champion|advance|raise)\b", said.text, re.IGNORECASE)


@pytest.mark.parametrize(
    "question",
    [
        "how long does the president's term last?",
        "what time do they hold the count for the nec vote?",
        "when do they hold hustings for the president ballot?",
        "when do nominations close for president?",
    ],
)
async def test_another_thing_than_the_ballots_dates_is_not_answered_with_them(
    answerer: ContentAnswerer, question: str
) -> None:
    said = await answerer.answer(question, VOTING)
    assert said.handoff, said.text


async def test_which_ballot_is_by_post_is_its_kind_not_a_posting_day(
    answerer: ContentAnswerer,
) -> None:
    said = await answerer.answer("is the group exec one by post, and which is online?", VOTING)
    assert "online vote" in said.text
    assert "nothing to post" not in said.text


async def test_where_a_paper_is_sent_is_the_home_address_not_a_date(
    answerer: ContentAnswerer,
) -> None:
    said = await answerer.answer("where does the nec paper get sent?", VOTING)
    assert "home address" in said.text
    assert not re.search(WEEKDAY_DATE, said.text)


@pytest.mark.parametrize(
    "question",
    [
        "when I hit the voted button, can it see who I picked?",
        "when i tell you i've voted does that show who i backed?",
    ],
)
async def test_a_when_clause_before_the_question_asks_no_date(
    answerer: ContentAnswerer, question: str
) -> None:
    assert checks.asks(question) != "when"
    said = await answerer.answer(question, VOTING)
    assert not said.handoff
    assert "/voted" in said.text


async def test_who_is_on_the_ballot_wants_their_names(answerer: ContentAnswerer) -> None:
    said = await answerer.answer("who's on the ballot paper for the nec?", VOTING)
    assert "Marion Lloyd" in said.text


async def test_the_name_to_type_for_a_branch_is_its_name_in_commands(
    answerer: ContentAnswerer,
) -> None:
    question = "our channel needs subscribing - what branch name do we type for HMRC Liverpool?"
    assert checks.asks("what do I type when subscribing?") != "when"
    said = await answerer.answer(question, VOTING)
    assert "/subscribe hmrc-liverpool" in said.text
    assert "dwp-leeds" not in said.text  # (the FAQ's example is another branch's)


@pytest.mark.parametrize(
    "question",
    [
        "what should i actually do to help the pay campaign",
        "what can we do at this point to back the pay campaign",
    ],
)
async def test_what_to_do_is_an_action_not_the_campaigns_aims(
    answerer: ContentAnswerer, question: str
) -> None:
    assert kinds.METHOD in kinds.asked(question)
    said = await answerer.answer(question, VOTING)
    assert "Sign the pay petition" in said.text


async def test_what_a_thing_is_for_is_its_stated_purpose_first(answerer: ContentAnswerer) -> None:
    said = await answerer.answer("what's the PSSEC for, in a sentence?", VOTING)
    assert "purpose" in said.text
    assert "working lives" in said.text


async def test_when_its_at_home_asks_what_a_thing_is_not_when(answerer: ContentAnswerer) -> None:
    said = await answerer.answer("what's a Local when it's at home?", VOTING)
    assert not said.handoff
    assert "Locals bring" in said.text


async def test_what_a_quoted_phrase_means_is_the_passage_that_says_it(
    answerer: ContentAnswerer,
) -> None:
    question = "what does 'pay review body for specialists' actually mean?"
    said = await answerer.answer(question, VOTING)
    assert "skills they bring" in said.text


@pytest.mark.parametrize(
    "question",
    [
        "got the nec paper today. what do i do with it",
        "has the nec said anything about computers replacing staff?",
    ],
)
async def test_a_replacement_is_not_said_when_nothing_is_lost_or_spoilt(
    answerer: ContentAnswerer, question: str
) -> None:
    said = await answerer.answer(question, VOTING)
    assert "replacement" not in said.text
