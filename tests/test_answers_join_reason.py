"""A joiner told they cannot vote, asking why, or asking whether they are entitled to a vote:
the join-by date, which is the reason. In wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


async def test_told_no_vote_after_joining_asks_why(answerer: ContentAnswerer) -> None:
    # before: the postal ballot's page, with no join-by date
    reply = await answerer.answer(
        "signed up on the 4th of april and my rep reckons i can't vote for the nec. why is that?",
        datetime(2023, 4, 14, 12, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "31 March" in reply.text, reply.text


async def test_entitled_to_a_vote_after_joining(answerer: ContentAnswerer) -> None:
    # before: the opening and the close
    reply = await answerer.answer(
        "I joined on 6 April. Am I actually entitled to a vote in the presidential election "
        "or is there a deadline?",
        datetime(2023, 4, 14, 12, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "31 March" in reply.text, reply.text


async def test_entitled_to_something_else_is_not_the_join_by(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "only joined last month, am I entitled to legal help with a grievance?",
        datetime(2023, 4, 14, 12, tzinfo=LONDON),
    )
    assert "31 March" not in reply.text, reply.text
