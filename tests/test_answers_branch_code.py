"""The name a branch goes by in commands, asked as its code, short name or id ("branch code
for HMRC Newcastle?", "what do I type for DWP Glasgow when subscribing?"): that branch's
own line (hmrc-newcastle), not another branch's, the list of groups or a hand-off. A branch
named by its group's title is that group's one branch. Wordings of our own; a sort code, a
message that already uses the name, two branches named, and "I'd like…" keep their replies."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 4, 3, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("what's the code for hmrc liverpool branch on here?", "hmrc-liverpool"),
        ("short name for DWP Glasgow so I can subscribe our channel", "dwp-glasgow"),
        ("passport office liverpool - branch code please, for the commands", "passport-liverpool"),
        ("need the branch id for cabinet office to set up /subscribe", "cabinet-office-london"),
        ("what name do i type for hmrc newcastle when i subscribe the group", "hmrc-newcastle"),
    ],
)
async def test_a_branchs_name_in_commands(
    answerer: ContentAnswerer, question: str, name: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert f"is {name}:" in reply.text, reply.text


@pytest.mark.parametrize(
    "question",
    [
        "what's the sort code for paying subs at hmrc newcastle branch?",
        "I'd like the nec ballot dates for the DWP Leeds branch newsletter please",
        "branch codes for dwp leeds and dwp glasgow?",
        "i typed /subscribe dwp-leeds pay, is that the branch code done right?",
    ],
)
def test_other_questions_are_not_given_a_branch_name(
    answerer: ContentAnswerer, question: str
) -> None:
    assert answerer._branch_code(question) is None
