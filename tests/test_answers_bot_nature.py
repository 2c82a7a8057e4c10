"""The bot asked what it is, in wordings of our own: a person or a machine, by any of a
machine's names, is what happens to a question (the organisers answer what the bot cannot);
"what can you actually do?" is the bot's features, read apart from a second question put
with it. A computer to vote on stays the ballot's way of voting."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.answers.text import normalise

NOW = datetime(2023, 5, 8, 10, 0, tzinfo=ZoneInfo("Europe/London"))

ASKED = [
    # each handed off, or answered with only one of its two questions, before
    ("r u a person or a machine", "organisers"),
    ("are you an actual human or a computer program", "organisers"),
    ("wot can you actually do. are you a real person", "/help"),
]


@pytest.mark.parametrize(("question", "expected"), ASKED)
async def test_the_bot_asked_what_it_is(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


async def test_a_computer_to_vote_on_is_the_ballots_way(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer("is the group exec vote done on a computer or by post?", NOW)
    assert not reply.handoff
    assert "online" in reply.text, reply.text


def test_a_machine_said_is_the_bot() -> None:
    assert normalise("are you a real person or a computer?") == "are you a real person or a bot?"
    assert normalise("r u a robot") == "are you a bot"
    assert "computer" in normalise("can I vote on a computer")
