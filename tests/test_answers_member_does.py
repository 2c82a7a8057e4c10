"""What a member can do for a campaign, in wordings of our own (none from a question set):
"what could somebody like me do", "anything I can do", "what are we being asked to do" ask
the campaign's part for members ("What you can do now"), never its summary nor the branches'
part; the petition's own passage, the summary asked as such and the branches' part keep
their answers."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 5, 8, 10, 0, tzinfo=ZoneInfo("Europe/London"))
MEMBERS = "Sign the pay petition and ask a colleague"

ASKED = [
    # each failed before: the summary or the branches' part came
    "what could somebody like me do this week for the pay campaign?",
    "What are we being asked to do at the moment in support of fair pay?",
    "is there anything we can actually do for the pay campaign this week?",
]


@pytest.mark.parametrize("question", ASKED)
async def test_what_a_member_can_do_is_the_members_part(
    answerer: ContentAnswerer, question: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert MEMBERS in reply.text, reply.text


KEPT = [
    ("where do I sign the fair pay petition and what's it called?", "Fund fair pay"),
    ("what is the pay campaign about?", "reform how pay is set"),
    ("what are branches meant to do for the pay campaign?", "Branches coordinate"),
]


@pytest.mark.parametrize(("question", "expected"), KEPT)
async def test_the_other_parts_keep_their_answer(
    answerer: ContentAnswerer, question: str, expected: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert expected in reply.text, reply.text
