"""Posting weighed against arriving, either way round and with a postmark, in wordings of our
own: the posting day's line, which says the paper must arrive by the close, not the close
alone (said short, after the posting day, it says only that a paper posted now may be late)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import live
from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=LONDON)


ASKED = [
    # each failed before: the close, said short, with no word of arriving by it
    (
        "must my NEC vote arrive by noon on the day it closes, or does the postmark count?",
        "2023-05-07T12:00",
    ),
    (
        "can my NEC paper just be postmarked on the closing day, or does it need to reach them?",
        "2023-05-09T09:00",
    ),
]


@pytest.mark.parametrize(("question", "moment"), ASKED)
async def test_posting_weighed_against_arriving(
    answerer: ContentAnswerer, question: str, moment: str
) -> None:
    reply = await answerer.answer(question, at(moment))
    assert not reply.handoff, question
    assert "must arrive" in reply.text, reply.text


KEPT = [
    # the member's own paper due back, asked alone: the close
    ("when does my NEC paper have to reach them by?", "2023-05-07T12:00", "it closes"),
    # a pack not come: its own date
    ("when should my NEC pack have arrived?", "2023-04-21T10:00", "27 April"),
]


@pytest.mark.parametrize(("question", "moment", "expected"), KEPT)
async def test_the_close_and_the_pack_keep_their_answer(
    answerer: ContentAnswerer, question: str, moment: str, expected: str
) -> None:
    reply = await answerer.answer(question, at(moment))
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


def test_the_slot_read() -> None:
    assert live.slot_of("does it need to arrive by the close, or is the postmark enough?") == (
        "posting"
    )
    assert live.slot_of("just postmarked by then, or does it have to reach them?") == "posting"
    assert live.slot_of("when does my paper have to reach them?") == "close"
