"""Whom to contact for a new paper once the replacement deadline has passed: the entry that
names whom, and then that the deadline has passed and when the ballot closes. In wordings of
our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


async def test_whom_to_contact_after_the_deadline_says_it_passed(
    answerer: ContentAnswerer,
) -> None:
    # before: the entry alone ("ask before the replacement deadline"), as if there were time
    reply = await answerer.answer(
        "the dog got my nec ballot paper, it's in bits. who should I contact for a new one?",
        datetime(2023, 5, 7, 11, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "helpline" in reply.text, reply.text
    assert "4 May 2023, and it has passed" in reply.text, reply.text


async def test_whom_to_contact_before_the_deadline_keeps_the_entry(
    answerer: ContentAnswerer,
) -> None:
    reply = await answerer.answer(
        "the dog got my nec ballot paper, it's in bits. who should I contact for a new one?",
        datetime(2023, 5, 1, 11, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "helpline" in reply.text, reply.text
    assert "has passed" not in reply.text, reply.text
