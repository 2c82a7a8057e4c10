"""A way that never came, when the entry gives another ("voting buttons by direct message (or
types /vote)"), and a branch's code for commands, in wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 6, 6, 12, 0, tzinfo=ZoneInfo("Europe/London"))


async def test_buttons_never_come_get_the_other_way(answerer: ContentAnswerer) -> None:
    # handed off before: a problem told, and the entry held no remedy word
    reply = await answerer.answer(
        "there's a consultation on but the vote buttons never arrived, how do I have my say?", NOW
    )
    assert not reply.handoff
    assert "/vote" in reply.text, reply.text


async def test_a_branch_code_is_its_name_in_commands(answerer: ContentAnswerer) -> None:
    # handed off before
    reply = await answerer.answer("what's the code for the cabinet office london branch?", NOW)
    assert not reply.handoff
    assert "cabinet-office-london" in reply.text, reply.text


async def test_a_pack_never_come_keeps_its_remedy(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "my NEC ballot pack never came, what do I do?",
        datetime(2023, 4, 28, 9, 0, tzinfo=NOW.tzinfo),
    )
    assert "replacement" in reply.text.lower() or reply.handoff, reply.text
