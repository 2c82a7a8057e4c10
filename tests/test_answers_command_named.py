"""A question that names one of the bot's commands asks about that command, whatever else it
says: its own entry answers, though the question's other words ("wipe everything or just mark
me as gone", "open to ordinary members") are not the entry's. Wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

# after the group executive election closed (16 May 2023)
NOW = datetime(2023, 6, 8, 18, 0, tzinfo=ZoneInfo("Europe/London"))

NAMED = [
    # each handed off before
    ("does /forget wipe everything, or does it just mark me as gone somewhere?", "everywhere"),
    ("is /turnout open to ordinary members or only to reps?", "officers"),
    ("can I use /mydata in the branch chat, or only by DM?", "direct message"),
]


@pytest.mark.parametrize(("question", "fact"), NAMED)
async def test_a_command_named_gets_its_own_entry(
    answerer: ContentAnswerer, question: str, fact: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert fact in reply.text, reply.text


async def test_a_branch_channel_names_no_group_election(answerer: ContentAnswerer) -> None:
    # a channel is no group executive: no word of that election having closed
    reply = await answerer.answer("can I use /mydata in our branch channel, or only by DM?", NOW)
    assert "/mydata" in reply.text, reply.text
    assert "too late" not in reply.text, reply.text


async def test_subscribing_a_channel_keeps_its_entry(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer("how do I get our branch channel subscribed to pay news?", NOW)
    assert not reply.handoff
    assert "/subscribe" in reply.text, reply.text
    assert "too late" not in reply.text, reply.text


async def test_a_command_asked_in_passing_keeps_the_fact_asked(
    answerer: ContentAnswerer,
) -> None:
    # the question asks a branch's name for a command: the structure's line, not /subscribe's
    reply = await answerer.answer(
        "which branch name goes in /subscribe for HMRC Newcastle?", NOW
    )
    assert "hmrc-newcastle" in reply.text, reply.text
