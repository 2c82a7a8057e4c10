"""A dash between two clauses reads as a comma (as the clauses were already split), and a wish
told after the question ("…? I'd rather not …") asks nothing: the question before it is
answered. Wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer
from bot.answers.text import clean_question, without_reason

NOW = datetime(2023, 4, 12, 9, 30, tzinfo=ZoneInfo("Europe/London"))


def test_a_dash_between_clauses_is_a_comma() -> None:
    assert clean_question("who gets the papers — me or my branch?") == (
        "who gets the papers, me or my branch?"
    )
    assert clean_question("a well-known self-help guide") == "a well-known self-help guide"


def test_a_wish_told_after_the_question_is_left_out() -> None:
    asked = "are the president papers posted to my office? I'd much rather they weren't"
    assert without_reason(asked) == "are the president papers posted to my office?"
    # a wish that is the question keeps it
    assert without_reason("would you rather I posted it today?") == (
        "would you rather I posted it today?"
    )


async def test_home_or_office_with_a_wish_after_is_answered(answerer: ContentAnswerer) -> None:
    # handed off before
    reply = await answerer.answer(
        "does the NEC ballot come to my home or my desk? would prefer my manager didn't see it",
        NOW,
    )
    assert not reply.handoff
    assert "home address" in reply.text, reply.text
