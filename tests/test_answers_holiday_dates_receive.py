"""A bank holiday Monday named, not posted on; how to see a ballot's dates with the bot; a
new member asking if a paper will be received; whom to ring and by when, in one breath; in
wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


async def test_a_bank_holiday_monday_is_not_the_posting_day(answerer: ContentAnswerer) -> None:
    # "Posting on Monday 1 May 2023 is in time" before: the holiday read as the day posted
    reply = await answerer.answer(
        "what is the last safe day to post my nec paper? aware there is a bank holiday monday",
        datetime(2023, 4, 29, 10, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "Post your paper by Friday 5 May 2023" in reply.text, reply.text
    assert "Posting on Monday" not in reply.text, reply.text


async def test_a_day_after_the_holiday_is_still_the_posting_day(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "ok to post my nec paper on tuesday after the bank holiday?",
        datetime(2023, 5, 1, 10, tzinfo=LONDON),
    )
    assert "Posting on Tuesday 2 May 2023 is in time" in reply.text, reply.text


async def test_seeing_the_dates_through_the_bot_gets_the_command(
    answerer: ContentAnswerer,
) -> None:
    # the NEC ballot's kind before ("is a postal vote"): "through the bot" read as a way to vote
    reply = await answerer.answer(
        "how can I look up the key dates for the nec vote through the bot?",
        datetime(2023, 4, 16, 10, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "/ballot" in reply.text, reply.text
    assert "11 May 2023" in reply.text, reply.text


async def test_a_new_member_asking_to_receive_a_paper_gets_the_join_by(
    answerer: ContentAnswerer,
) -> None:
    reply = await answerer.answer(
        "only became a member on 3 April. will I receive a president ballot paper?",
        datetime(2023, 4, 10, 10, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "31 March" in reply.text, reply.text


async def test_whom_to_ring_and_by_when_gets_the_deadline(answerer: ContentAnswerer) -> None:
    # the replacement FAQ before, with no deadline: whom to ring read as all that is asked
    reply = await answerer.answer(
        "messed up my ballot paper, who should I phone and by when?",
        datetime(2023, 5, 2, 10, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "17:00 on Thursday 4 May 2023" in reply.text, reply.text
