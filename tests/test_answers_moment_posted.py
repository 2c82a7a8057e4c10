"""A paper posted at a moment said ("this afternoon", "yesterday") and asked to get there,
in a sentence of its own; a vote or a paper at an hour of the closing day asked as in time.
In wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


async def test_posted_this_afternoon_asked_to_get_there(answerer: ContentAnswerer) -> None:
    # before: how to vote by post, with no date
    reply = await answerer.answer(
        "sent my nec paper back this afternoon. think it'll get there in time?",
        datetime(2023, 5, 9, 17, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "11 May" in reply.text, reply.text
    assert "last safe posting day was Friday 5 May" in reply.text, reply.text


async def test_posted_yesterday_asked_to_arrive(answerer: ContentAnswerer) -> None:
    # before: the pack's dates (when packs should arrive), not the paper posted back
    reply = await answerer.answer(
        "sent my nec vote back yesterday. will it arrive ok?",
        datetime(2023, 5, 3, 9, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "posted on Tuesday 2 May" in reply.text, reply.text
    assert "should arrive in time" in reply.text, reply.text


async def test_papers_sent_out_keeps_the_pack(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "the nec papers were sent out last week, when will mine arrive?",
        datetime(2023, 4, 24, 9, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "27 April" in reply.text, reply.text


async def test_an_online_vote_at_an_hour_of_the_closing_day(answerer: ContentAnswerer) -> None:
    # before: handed off
    reply = await answerer.answer(
        "if my mate does the group exec vote around 2pm on the 16th, does it still count?",
        datetime(2023, 5, 15, 10, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "noon" in reply.text, reply.text


async def test_a_paper_landing_at_an_hour_asked_as_valid(answerer: ContentAnswerer) -> None:
    # before: handed off
    reply = await answerer.answer(
        "our post lands about 1.30pm. if my nec paper gets there on the last day is that fine?",
        datetime(2023, 5, 2, 12, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "noon" in reply.text, reply.text
