"""What the clause asks of a ballot, in wordings of our own: a ballot "running" or "live" is
one open now (not one who runs in it); "is the other one still on?" after a ballot told closed
is answered "Yes" (the closed one told first is not what is asked); an online ballot asked
about posting says how it is voted in; "which groups" names the groups."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer

ZONE = ZoneInfo("Europe/London")


async def test_a_ballot_running_is_one_open(answerer: ContentAnswerer) -> None:
    # the election's candidates before
    reply = await answerer.answer(
        "quick one, is the president ballot running right now?",
        datetime(2023, 5, 3, 9, 0, tzinfo=ZONE),
    )
    assert not reply.handoff
    assert "still open" in reply.text and "11 May" in reply.text, reply.text


async def test_who_runs_in_a_ballot_is_still_who_stands(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "who is running in the president ballot?", datetime(2023, 5, 3, 9, 0, tzinfo=ZONE)
    )
    assert "Marion Lloyd" in reply.text, reply.text


async def test_the_other_ballot_after_one_told_closed_is_yes(answerer: ContentAnswerer) -> None:
    # "No, ... is still open" before: "missed" and "closed" were read in what was told
    reply = await answerer.answer(
        "I missed the NEC vote, it closed yesterday. is the group exec one still running?",
        datetime(2023, 5, 12, 9, 0, tzinfo=ZONE),
    )
    assert reply.text.startswith("Yes, the Group executive"), reply.text


async def test_over_asked_still_gets_no(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "is the group exec ballot over?", datetime(2023, 5, 12, 9, 0, tzinfo=ZONE)
    )
    assert reply.text.startswith("No, the Group executive"), reply.text


async def test_posting_an_online_vote_says_how_it_is_voted(answerer: ContentAnswerer) -> None:
    # "nothing to post" alone before
    reply = await answerer.answer(
        "is there a form I send back by post for the group exec vote?",
        datetime(2023, 5, 2, 19, 0, tzinfo=ZONE),
    )
    assert "nothing to post" in reply.text, reply.text
    assert "personal link emailed to you" in reply.text, reply.text


async def test_which_groups_names_them(answerer: ContentAnswerer) -> None:
    # the summary of how groups work before
    reply = await answerer.answer(
        "what groups is our union organised in?",
        datetime(2023, 5, 8, 10, 0, tzinfo=ZONE),
    )
    assert "Home Office group" in reply.text, reply.text
