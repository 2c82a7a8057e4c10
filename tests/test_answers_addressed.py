"""The bot addressed as one writes to a person, in wordings of our own (none from a question
set): "Hello bot. When…", "hey bot! …", "bot, …" ask what follows, not about the bot, so a
ballot's date, a meeting's decision or a comparison is answered as if the greeting were not
there; "may I still" asks whether a ballot is open, as "can I still" does. What is said of
the bot itself ("the bot has me in the wrong branch") keeps its answer."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.answers.text import clean_question

LONDON = ZoneInfo("Europe/London")


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=LONDON)


ANSWERED = [
    # each failed before: the word "bot" read the question as one about the bot's commands
    (
        "Hello bot. My NEC pack never turned up, what's the final day to ask for another one?",
        "2023-04-29T11:00",
        "4 May",
    ),
    (
        "Dear bot. It is the closing morning. May I still post back my NEC paper?",
        "2023-05-11T07:45",
        "still open",
    ),
]


@pytest.mark.parametrize(("question", "moment", "expected"), ANSWERED)
async def test_the_bot_addressed_asks_what_follows(
    answerer: ContentAnswerer, question: str, moment: str, expected: str
) -> None:
    reply = await answerer.answer(question, at(moment))
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


async def test_which_closes_first_is_no_yes_or_no(answerer: ContentAnswerer) -> None:
    """Failed before ("Yes, … is still open"): two ballots set side by side by their close."""
    question = "Hi bot. Which one closes first, the group exec vote or the NEC one?"
    reply = await answerer.answer(question, at("2023-05-03T12:00"))
    assert not reply.handoff
    assert "still open" not in reply.text and "11 May" in reply.text, reply.text


KEPT = [
    ("the bot has me down in the wrong branch, how do I put it right?", "/whoami"),
    ("hey bot! what are you able to do?", "/help"),
    ("bot, between the two of us, who should I vote for?", "your choice"),
]


@pytest.mark.parametrize(("question", "expected"), KEPT)
async def test_what_is_said_of_the_bot_keeps_its_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    reply = await answerer.answer(question, at("2023-05-08T10:00"))
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


@pytest.mark.parametrize(
    ("said", "left"),
    [
        ("Dear bot. When does it close?", "When does it close?"),
        ("hey bot! what's on", "what's on"),
        ("bot, is it open?", "is it open?"),
        ("bot has me in the wrong branch", "bot has me in the wrong branch"),
        ("hi bot", "hi bot"),
    ],
)
def test_the_greeting_is_dropped_and_nothing_else(said: str, left: str) -> None:
    assert clean_question(said) == left
