"""The kind of date a ballot question asks, and what no passage holds, in wordings of our
own (none from a set).

A pack had or received "by when" is the packs' arrival, not the close; an online ballot
asked about as if it came by post says it comes by email; "on the computer or by post?"
asks how the ballot is done, not the posting day; "DM you or @ you?" asks how to put a
question to the bot, not how to get its posts in a channel.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.core.services import Answer

ROOT = Path(__file__).resolve().parent.parent
ZONE = ZoneInfo("Europe/London")
VOTING = datetime(2023, 5, 8, 10, tzinfo=ZONE)
BEFORE = datetime(2023, 4, 18, 10, tzinfo=ZONE)


def ask(answerer: ContentAnswerer, question: str, now: datetime = VOTING) -> Answer:
    return asyncio.run(answerer.answer(question, now))


def test_a_pack_had_by_when_is_the_packs_arrival(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "our reps want to know by when people get their NEC papers", BEFORE)
    assert not found.handoff and "27 April" in found.text


def test_an_online_ballots_pack_is_its_email(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "when are the group exec postal papers arriving?", BEFORE)
    assert not found.handoff and "email" in found.text


def test_on_the_computer_or_by_post_asks_the_ballots_kind(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "NEC vote - on a computer nowadays, or by post?")
    assert not found.handoff and "postal vote" in found.text


def test_how_it_was_sent_told_is_not_asked(answerer: ContentAnswerer) -> None:
    late = datetime(2023, 5, 11, 16, tzinfo=ZONE)
    found = ask(answerer, "sent my NEC vote by first class post earlier, is it ok?", late)
    assert not found.handoff and "closed" in found.text


def test_whether_to_worry_after_a_missing_pack_is_the_packs_date(
    answerer: ContentAnswerer,
) -> None:
    found = ask(answerer, "my NEC pack never came and it's the 24th, should I be panicking", BEFORE)
    assert not found.handoff and "27 April" in found.text


def test_a_command_for_the_dates_is_the_command(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "the command to list ballot dates")
    assert not found.handoff and "/ballots" in found.text


def test_what_the_bot_can_do_after_an_excuse(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "Sorry, new to all this. What can you do for us?")
    assert not found.handoff and "/help" in found.text


def test_since_when_the_papers_are_out_is_the_day_they_were_sent(
    answerer: ContentAnswerer,
) -> None:
    found = ask(
        answerer, "ballot packs been out since when?", datetime(2023, 4, 24, 9, tzinfo=ZONE)
    )
    assert not found.handoff and "20 April" in found.text


def test_a_new_members_postal_vote_sent_out_is_the_papers_day(answerer: ContentAnswerer) -> None:
    found = ask(
        answerer,
        "joined in january. when will my nec vote be sent out?",
        datetime(2023, 4, 3, 9, tzinfo=ZONE),
    )
    assert not found.handoff and "20 April" in found.text


def test_a_day_of_the_month_to_post_on_is_judged(answerer: ContentAnswerer) -> None:
    found = ask(
        answerer,
        "it has to get there by the close, I know. is posting it on the 9th fine?",
        datetime(2023, 5, 2, 9, tzinfo=ZONE),
    )
    assert not found.handoff and "too late to post safely" in found.text


def test_the_last_day_to_post_far_from_arrive_is_the_posting_day(
    answerer: ContentAnswerer,
) -> None:
    found = ask(
        answerer,
        "What is the last day on which I could post my NEC paper and be fairly sure it would "
        "arrive in time?",
        datetime(2023, 5, 2, 9, tzinfo=ZONE),
    )
    assert not found.handoff and "5 May" in found.text


def test_a_when_that_names_no_date_gets_the_timeline(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "NEC vote, when?", datetime(2023, 4, 26, 9, tzinfo=ZONE))
    assert not found.handoff
    assert all(d in found.text for d in ("20 April", "27 April", "5 May", "11 May"))


def test_any_other_ballot_open_is_asked_of_all(answerer: ContentAnswerer) -> None:
    found = ask(
        answerer,
        "done my NEC vote ages ago. anything else still running I can vote in?",
        datetime(2023, 5, 12, 9, tzinfo=ZONE),
    )
    assert not found.handoff and "Group executive" in found.text


def test_dm_or_at_the_bot_asks_how_to_ask_it(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "should I DM you, or can I @ you in the branch channel?")
    assert not found.handoff and "/ask" in found.text


@pytest.mark.parametrize(
    "question",
    [
        "On what date did the NEC meet to look at whether we were ready for a national pay ballot?",
        "when did the NEC meet to decide on union locals?",
    ],
)
def test_the_date_of_the_meeting_that_decided_is_the_reports(
    answerer: ContentAnswerer, question: str
) -> None:
    found = ask(answerer, question, datetime(2023, 5, 8, 10, tzinfo=ZONE))
    assert not found.handoff and "12 November 2020" in found.text


def test_a_date_the_decision_names_is_not_the_meetings(answerer: ContentAnswerer) -> None:
    found = ask(answerer, "when will the NEC reassess ballot readiness?")
    assert not found.handoff and "early 2021" in found.text
    assert "12 November" not in found.text
