"""The union's structure asked in members' words, in wordings of our own: how the union is
set up, structured or split up is how it is organised (in groups, one per department or
employer, and branches), and the departments that have a group are the list of groups; a
branch list asked of one group keeps that group's own line."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.answers.text import normalise

NOW = datetime(2023, 5, 8, 10, 0, tzinfo=ZoneInfo("Europe/London"))

ASKED = [
    # each answered before with how to subscribe a channel, or handed off
    ("how's our union actually structured, with the branches and groups?", "organised in groups"),
    ("how is the union divided up, groups and that", "organised in groups"),
    ("which departments have a group of their own?", "The union has 4 groups"),
]


@pytest.mark.parametrize(("question", "expected"), ASKED)
async def test_the_structure_asked(answerer: ContentAnswerer, question: str, expected: str) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


async def test_one_groups_branches_keep_their_line(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer("which branches are in the HMRC group?", NOW)
    assert not reply.handoff
    assert reply.text.startswith("The HM Revenue and Customs group has 2 branches"), reply.text


def test_only_the_union_itself_is_set_up() -> None:
    assert normalise("how is the union set up") == "how is the union organised"
    # a ballot's or a channel's set-up is not the union's structure
    assert "organised" not in normalise("how is the union vote set up")
    assert "organised" not in normalise("how is our branch channel set up")
