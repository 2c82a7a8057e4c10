"""Why something the bot does still happens, answered by the entry that says what makes it
stop ("Once you have voted, /voted … stops the reminders"); in wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
VOTING = datetime(2023, 5, 2, 9, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        # before: handed off (a "why" asked, and the entry held no "because")
        "sent my paper back days ago so why does the bot still remind me?",
        "why am I still being sent reminders about a ballot I've voted in",
    ],
)
async def test_why_reminders_still_come_gets_voted(
    answerer: ContentAnswerer, question: str
) -> None:
    reply = await answerer.answer(question, VOTING)
    assert not reply.handoff, question
    assert "/voted" in reply.text, reply.text
