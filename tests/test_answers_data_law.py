"""Data protection law named as the reason for a request, in wordings of our own: it is what
the content calls GDPR, and a wish to have one's data erased, deleted or removed is /forget,
never what /mydata lists; seeing one's data under the same law stays /mydata."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.answers.text import normalise, words

NOW = datetime(2023, 5, 8, 10, 0, tzinfo=ZoneInfo("Europe/London"))

ERASED = [
    # each handed off before
    "In line with data protection law I want to have my data erased. How can I?",
    "Under data protection law I'd like to have all my data removed. How is that done?",
]


@pytest.mark.parametrize("question", ERASED)
async def test_erasure_asked_in_legal_words_is_forget(
    answerer: ContentAnswerer, question: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert "/forget" in reply.text, reply.text


async def test_seeing_ones_data_under_the_law_stays_mydata(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "Under data protection law, what personal information does the bot keep on me?", NOW
    )
    assert not reply.handoff
    assert "/mydata" in reply.text, reply.text


def test_the_law_is_gdpr_and_erased_is_no_data_asked_for() -> None:
    assert normalise("under data protection law") == "under gdpr"
    assert "mydata" not in words("I wish to have my data erased")
    assert "mydata" not in words("can you have my data deleted")
    assert "mydata" in words("does the bot keep my phone number")
