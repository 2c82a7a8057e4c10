"""The bot's own record of the member's branch, said to be wrong or out of date, is what
/whoami shows and how to have it changed, not a change of home address: "moved" alone reads as
one. Wordings of our own (none from a set); other records and other branch things are not.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import focus
from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 5, 8, 10, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    "question",
    [
        "the bot reckons I'm still in my old branch, I moved offices in the spring",
        "the bot still has my old branch, I moved offices in june",
        "you've still got me under my old branch since the move, how do I sort it?",
    ],
)
def test_the_bots_record_of_my_branch_is_whoami(answerer: ContentAnswerer, question: str) -> None:
    found = asyncio.run(answerer.answer(question, NOW))
    assert not found.handoff and "/whoami" in found.text and "branch secretary" in found.text


@pytest.mark.parametrize(
    "question",
    [
        "the bot has me down as voted but I haven't",
        "the bot says my branch meeting is on friday, is that right?",
        "does the bot know my branch?",
        "I moved house last month, will my ballot paper reach me?",
    ],
)
def test_other_records_and_branch_things_are_not(question: str) -> None:
    assert focus.own_record(question) is None


@pytest.mark.parametrize(
    "question",
    [
        "please get the bot to erase all it holds on me in one go",
        "I want the bot to remove everything it holds on me in one hit, how?",
    ],
)
def test_the_record_erased_is_forget_not_whoami(answerer: ContentAnswerer, question: str) -> None:
    assert focus.own_record(question) is None
    found = asyncio.run(answerer.answer(question, NOW))
    assert not found.handoff and "/forget" in found.text
