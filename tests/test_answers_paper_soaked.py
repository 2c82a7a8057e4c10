"""A postal paper made unreadable by water or a smudge, or a pack of which there is "no sign",
in wordings of our own: the way to a replacement, not a hand-off; what to do with a paper
that came whole, and a result not yet out, keep their replies."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.answers.live import slot_of

NOW = datetime(2023, 4, 28, 9, 0, tzinfo=ZoneInfo("Europe/London"))

ASKED = [
    # each handed off before
    "the rain got in and my nec paper is all soggy, what now?",
    "left my ballot paper by the sink and it's drenched, what am i meant to do?",
    "still no sign of my president ballot, what are we supposed to do",
]


@pytest.mark.parametrize("question", ASKED)
async def test_a_paper_ruined_or_not_seen_is_replaced(
    answerer: ContentAnswerer, question: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert "replacement" in reply.text, reply.text


KEPT = [
    ("my nec paper arrived today, what am i supposed to do with it?", "seal"),
    ("what am i supposed to do with my nec paper once i've filled it in?", "envelope"),
]


@pytest.mark.parametrize(("question", "expected"), KEPT)
async def test_a_paper_that_came_whole_keeps_its_reply(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert expected in reply.text, reply.text
    assert not reply.text.startswith("President and National"), reply.text  # (the way to a new one)


def test_the_words_of_a_ruined_or_unseen_paper() -> None:
    assert slot_of("my paper is smudged and unreadable") == "replace"
    assert slot_of("no sign of my pack") == "replace"
    assert slot_of("no sign of the result yet?") != "replace"
