"""A member's case that an FAQ entry states (a move, a paper gone to the old address), with
a ballot's moment read from what they tell rather than what they ask; and by when to ask
for the replacement the entry advises. In wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


async def test_a_move_told_with_a_moment_gets_the_entry(answerer: ContentAnswerer) -> None:
    # before: the close's date, read from "the end of february"
    reply = await answerer.answer(
        "we moved flats at the end of february. nec paper might end up at the old address",
        datetime(2023, 4, 3, 20, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "membership team" in reply.text, reply.text


async def test_a_move_told_beside_the_post_gets_the_entry(answerer: ContentAnswerer) -> None:
    # before: the posting day, read from "the post round here"
    reply = await answerer.answer(
        "Moved out in march, the post at the new flat is hit and miss. "
        "will the nec paper reach me or the old address?",
        datetime(2023, 4, 3, 20, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "membership team" in reply.text, reply.text


async def test_the_entry_on_a_replacement_says_by_when(answerer: ContentAnswerer) -> None:
    # before: the entry alone, with no date to ask by
    reply = await answerer.answer(
        "ballot paper went to the old house. whats the drill",
        datetime(2023, 5, 1, 10, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "membership team" in reply.text, reply.text
    assert "4 May 2023" in reply.text, reply.text


async def test_a_moment_asked_keeps_its_date(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "I moved house last month. When do the nec papers get posted out?",
        datetime(2023, 4, 3, 20, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "20 April" in reply.text, reply.text


async def test_no_date_once_the_replacement_deadline_has_passed(
    answerer: ContentAnswerer,
) -> None:
    reply = await answerer.answer(
        "my nec paper got delivered to my old flat. what now?",
        datetime(2023, 5, 8, 10, tzinfo=LONDON),
    )
    assert "before 17:00 on Thursday 4 May" not in reply.text, reply.text
