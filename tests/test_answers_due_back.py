"""The member's own paper due back, in wordings of our own (none from a question set): "has to
land with them", "must reach them", "how long have I got for my vote to arrive" ask the close,
not how to post nor when packs arrive; posting weighed against arriving keeps the posting
day's line, and a pack not come keeps its own date."""

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
    # each failed before: the posting day, or when packs arrive, came first
    ("what's the last possible time my NEC vote has to land with them?", "2023-04-25T09:00"),
    ("closing day today, how long do i have for my nec paper to arrive", "2023-05-11T08:00"),
]


@pytest.mark.parametrize(("question", "moment"), ASKED)
async def test_the_paper_due_back_is_the_close(
    answerer: ContentAnswerer, question: str, moment: str
) -> None:
    reply = await answerer.answer(question, at(moment))
    assert not reply.handoff, question
    assert reply.text.startswith(
        "President and National Executive Committee elections 2023: it closes"
    ), reply.text


KEPT = [
    (
        "is it enough to post my nec paper by the close or does it need to get there?",
        "2023-05-08T10:00",
        "must arrive",
    ),
    ("when should my NEC pack have turned up?", "2023-04-21T10:00", "27 April"),
]


@pytest.mark.parametrize(("question", "moment", "expected"), KEPT)
async def test_posting_weighed_and_the_pack_keep_their_answer(
    answerer: ContentAnswerer, question: str, moment: str, expected: str
) -> None:
    reply = await answerer.answer(question, at(moment))
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


def test_the_slot_read() -> None:
    assert live.slot_of("when has my vote got to reach them by?") == "close"
    assert live.slot_of("does it need posting or does it have to arrive?") != "close"
