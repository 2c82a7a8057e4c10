"""A ballot's dates asked "this year", ballots "running" that are open, and a paper posted
"this morning" asked whether it still counts, in wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


async def test_this_years_ballot_gets_its_dates(answerer: ContentAnswerer) -> None:
    # the candidates' statements link before: "year" read as a word no ballot date holds
    reply = await answerer.answer(
        "when's the president vote this year?", datetime(2023, 3, 2, 9, tzinfo=LONDON)
    )
    assert not reply.handoff
    assert "20 April" in reply.text, reply.text


async def test_next_years_ballot_stays_handed_off(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "when's the president vote next year?", datetime(2023, 3, 2, 9, tzinfo=LONDON)
    )
    assert reply.handoff, reply.text


async def test_ballots_running_are_open_ones(answerer: ContentAnswerer) -> None:
    # who stands in the NEC ballot before ("running" read as standing)
    reply = await answerer.answer(
        "how can i see every ballot currently running",
        datetime(2023, 4, 28, 9, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "/ballots" in reply.text, reply.text
    assert "Marion Lloyd" not in reply.text, reply.text


async def test_posted_this_morning_still_count(answerer: ContentAnswerer) -> None:
    # how to vote before, with no date
    late = await answerer.answer(
        "sent my nec paper off this morning, will it still count?",
        datetime(2023, 5, 10, 15, tzinfo=LONDON),
    )
    assert "last safe posting day was Friday 5 May 2023" in late.text, late.text
    early = await answerer.answer(
        "sent my nec paper off this morning, will it still count?",
        datetime(2023, 5, 2, 15, tzinfo=LONDON),
    )
    assert "in time" in early.text, early.text
