"""What to do with a thing, asked with when the member will have it or that they never have
done it, in wordings of our own (none from a question set): "once it turns up", "once I've
marked it", "never done one of these before" say when or who is asking, not what; the
passage on how to vote by post answers. Said without them, or of something else, the
question keeps its answer."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import focus
from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 4, 24, 12, 0, tzinfo=ZoneInfo("Europe/London"))

ASKED = [
    # each failed before (handed off): the told words were searched for
    "first time with a paper ballot - what should I do with the NEC paper once it turns up?",
    "what do I do with the president paper once I've marked it?",
    "I have never voted in one of these elections before, what do I do with the NEC paper "
    "when it arrives through the letterbox?",
]


@pytest.mark.parametrize("question", ASKED)
async def test_what_to_do_with_the_paper_is_how_to_post_it(
    answerer: ContentAnswerer, question: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert "envelope" in reply.text, reply.text


KEPT = [
    ("never done a postal ballot before, what do i do with it once its filled in?", "envelope"),
    ("what can I do to help the pay campaign?", "Sign the pay petition"),
]


@pytest.mark.parametrize(("question", "expected"), KEPT)
async def test_nearby_questions_keep_their_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


def test_only_a_question_of_what_to_do_with_a_thing_is_read() -> None:
    assert focus.told_when("when it comes, how long have I got?") == set()
    assert {"once", "lands"} <= focus.told_when("what do I do with it once it lands?")
    assert "ballot" not in focus.told_when("never done a ballot before, what do i do with it")
