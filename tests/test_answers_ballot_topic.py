"""A question about a ballot that asks something other than its dates gets the ballot's own
passage, in wordings of our own (none from a set).

What to do with a paper once it comes, whether the envelope needs a stamp, who is on a
slate: the words that name the pack's arrival ("once it comes"), the posting ("send it
back") or a slate "joined together" are the topic, not a date asked. Questions that do ask
a date, a deadline or whether the ballot is open keep the live reply.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.core.services import Answer

ZONE = ZoneInfo("Europe/London")
PACKS_OUT = datetime(2023, 4, 21, 11, tzinfo=ZONE)
VOTING = datetime(2023, 5, 2, 11, tzinfo=ZONE)


def ask(answerer: ContentAnswerer, question: str, now: datetime = VOTING) -> Answer:
    return asyncio.run(answerer.answer(question, now))


@pytest.mark.parametrize(
    "question",
    [
        "I'm expecting my NEC paper this week. What am I supposed to do when it's here?",
        "once the president ballot paper arrives, what are we meant to do with it",
    ],
)
def test_what_to_do_once_the_paper_comes_is_how_to_vote(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question, PACKS_OUT)
    assert not found.handoff and "seal" in found.text.lower()


@pytest.mark.parametrize(
    "question",
    [
        "My partner and I have been arguing about whether the NEC envelope needs a stamp on it "
        "when we post it back. Does it?",
        "we were wondering if a stamp is needed when we send back the NEC paper. is it?",
    ],
)
def test_a_stamp_asked_is_the_how_to_not_the_posting_day(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and "no stamp" in found.text.lower()
    assert "last safe posting day for" not in found.text  # (the day to post by: not asked)


def test_a_slate_joined_together_is_who_stands_not_the_join_by_date(
    answerer: ContentAnswerer,
) -> None:
    question = "Heard some of the NEC groupings have joined together on a single slate. Which ones?"
    found = ask(answerer, question)
    assert not found.handoff and "Broad Left Network" in found.text
    assert "31 March" not in found.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("when does the nec vote close?", "11 May"),
        ("is it too late to post my president ballot paper?", "Friday 5 May"),
        ("my paper never came, what do I do?", "17:00"),
        ("I only joined last month, do I get an NEC vote?", "31 March"),
        ("what day should my nec pack have come by?", "27 April"),
    ],
)
def test_a_date_or_a_deadline_asked_keeps_the_live_reply(
    answerer: ContentAnswerer, question: str, said: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and said in found.text


@pytest.mark.parametrize(
    "question",
    [
        "is there a web page about getting a replacement paper? want to send it to a colleague",
        "is there a page on replacement ballot papers i could pass on?",
    ],
)
def test_a_page_about_replacements_is_the_link_not_the_deadline(
    answerer: ContentAnswerer, question: str
) -> None:
    after_the_deadline = datetime(2023, 5, 8, 10, tzinfo=ZONE)
    found = ask(answerer, question, after_the_deadline)
    assert not found.handoff and any("replacement-papers" in s for s in found.sources)


def test_the_replacement_deadline_asked_is_still_the_date(answerer: ContentAnswerer) -> None:
    after_the_deadline = datetime(2023, 5, 8, 10, tzinfo=ZONE)
    found = ask(answerer, "when is the deadline for a replacement paper?", after_the_deadline)
    assert not found.handoff and "4 May" in found.text


@pytest.mark.parametrize(
    "question",
    [
        "An email came with a voting link in it, is it for the president election? when's the "
        "deadline?",
        "got a link in my email to vote, is that for the nec?",
    ],
)
def test_a_link_that_came_is_the_online_ballots(answerer: ContentAnswerer, question: str) -> None:
    found = ask(answerer, question)
    assert not found.handoff and "Group executive" in found.text and "16 May" in found.text
    assert "11 May" not in found.text  # (the postal ballot guessed: by post, its close not asked)


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("is the NEC vote by email link?", "post"),
        ("still haven't had the email with my group exec link", ""),
    ],
)
def test_no_link_come_is_left_alone(answerer: ContentAnswerer, question: str, said: str) -> None:
    found = ask(answerer, question)
    assert "A personal voting link by email is for" not in found.text and said in found.text


def test_a_paper_through_the_letterbox_and_a_link_set_side_by_side_are_both(
    answerer: ContentAnswerer,
) -> None:
    question = "one vote came through the door and one came by email, which one shuts sooner?"
    found = ask(answerer, question)
    assert not found.handoff and "11 May" in found.text and "16 May" in found.text
    assert found.text.index("11 May") < found.text.index("16 May")  # the first to close, first


def test_a_link_alone_is_the_online_ballot(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "when does the vote I got by email close?")
    assert not found.handoff and "16 May" in found.text and "11 May" not in found.text


@pytest.mark.parametrize(
    "question",
    [
        "is the nec vote a different ballot from the group exec one?",
        "group executive election and president election - one and the same vote or not?",
    ],
)
def test_two_ballots_asked_if_the_same_are_told_apart(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question)
    assert not found.handoff and "separate" in found.text
    assert "online" in found.text and "postal" in found.text


def test_one_ballot_the_same_as_before_is_not_two(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "is the nec vote the same as last year?")
    assert "separate ballots" not in found.text
