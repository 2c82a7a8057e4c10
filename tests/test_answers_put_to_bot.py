"""A question put to the bot in a channel, and a vote or a signature told as done with how or
whom to tell it asked, in words the commands' entries do not use; in wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
MARCH = datetime(2023, 3, 20, 12, tzinfo=LONDON)
VOTING = datetime(2023, 4, 28, 19, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        # before: the channel's subscription entry ("Add the bot to the channel…")
        "questions in the telegram group, allowed?",
        "our slack channel - can I just tag the bot there?",
        "how do we ask the bot questions",
    ],
)
async def test_a_question_put_to_the_bot_gets_ask(answerer: ContentAnswerer, question: str) -> None:
    reply = await answerer.answer(question, MARCH)
    assert not reply.handoff, question
    assert "/ask" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        # before: how to vote by post, or a hand-off
        "all done, paper in the postbox at lunch. how do I tell the bot",
        "voted! log it please",
        "finished my ballot and sent it back today, let you know how?",
    ],
)
async def test_a_vote_told_done_gets_voted(answerer: ContentAnswerer, question: str) -> None:
    reply = await answerer.answer(question, VOTING)
    assert not reply.handoff, question
    assert "/voted" in reply.text, reply.text


async def test_a_signature_told_done_gets_signed(answerer: ContentAnswerer) -> None:
    # before: the campaign's "tell your branch when you have", without /signed
    reply = await answerer.answer("signed it on my phone. who do i tell?", MARCH)
    assert not reply.handoff
    assert "/signed" in reply.text, reply.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # a date asked of the bot is the date, not how to ask
        ("can I ask you in the branch channel when the nec ballot closes?", "11 May"),
        # the bank holiday is no bank of a vote
        ("filled my paper in. with the bank holiday, what's the last day I can post it?", "5 May"),
    ],
)
async def test_what_is_asked_of_the_bot_keeps_its_answer(
    answerer: ContentAnswerer, question: str, said: str
) -> None:
    reply = await answerer.answer(question, VOTING)
    assert not reply.handoff, question
    assert said in reply.text, reply.text
    assert "/ask" not in reply.text and "/voted" not in reply.text, reply.text


@pytest.mark.parametrize(
    ("question", "command"),
    [
        # before: /ballots, or handed off (the vote told after "tell", not before it)
        ("how do I tell the bot I've done the NEC one as well, is it the same command", "/voted"),
        (
            "can I tell the bot I've posted the group one as well, is it one command for both",
            "/voted",
        ),
    ],
)
async def test_a_vote_told_after_tell_gets_its_command(
    answerer: ContentAnswerer, question: str, command: str
) -> None:
    reply = await answerer.answer(question, VOTING)
    assert not reply.handoff, question
    assert command in reply.text, reply.text
