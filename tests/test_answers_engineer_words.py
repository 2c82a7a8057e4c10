"""An engineer's words for what the bot keeps, shows and lists ("which identifiers do you
persist?", "output format", "time remaining", "cadence"), and a branch told
before the question of whose executive is theirs, in wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 5, 2, 12, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("which of my identifiers does the bot persist?", "no name, phone number or email"),
        ("/mydata: what does it output, and in which format", "as a file"),
        ("command for open ballots and time remaining", "/ballots"),
        ("what's the cadence of the pssec's meetings", "quarterly"),
        ("tl;dr on the pay campaign please", "pay review body"),
    ],
)
async def test_an_engineers_words_are_read(
    answerer: ContentAnswerer, question: str, fact: str
) -> None:
    # each handed off before
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert fact in reply.text, reply.text


async def test_a_branch_told_first_gets_its_group(answerer: ContentAnswerer) -> None:
    # "Each member votes for their own group's executive", and no group named, before
    reply = await answerer.answer(
        "Cabinet Office London. which executive am I voting for in the group elections?", NOW
    )
    assert not reply.handoff
    assert "Cabinet Office group" in reply.text, reply.text
