"""Which group executive a member votes for, asked as "every group's or only mine?" with a
group, a department or the whole union named beside it: each member votes for their own
group's executive (and, when the member names a branch, which group that is), not a
hand-off. Wordings of our own; the NEC's and the president's ballot keep their replies."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import focus
from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 5, 2, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    "question",
    [
        "group exec vote: is it all the departments' execs i vote for, or only the cabinet office?",
        "do we get a vote on every department's executive or just our own one",
        "home office here - is my group exec vote for the whole union or just ours?",
        "am I voting for each group's exec or just the one for DWP?",
    ],
)
async def test_every_groups_exec_or_only_mine(answerer: ContentAnswerer, question: str) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert "own group" in reply.text, reply.text


async def test_the_branch_named_gets_its_group(answerer: ContentAnswerer) -> None:
    question = "I'm at HMRC Liverpool - do I vote for all the group execs or only the HMRC one?"
    reply = await answerer.answer(question, NOW)
    assert "own group" in reply.text and "HM Revenue and Customs group" in reply.text


@pytest.mark.parametrize(
    "question",
    [
        "do I vote for every seat on the NEC or just the president?",
        "is the group exec vote online or by post?",
        "who is standing for the exec in every group?",
        "can all members vote in the group exec elections?",
    ],
)
def test_other_questions_are_not_read_so(question: str) -> None:
    assert focus.every_exec(question) is None
