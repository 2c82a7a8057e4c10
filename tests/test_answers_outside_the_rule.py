"""Hand-offs the engine answered: the member's circumstance that the content's rule takes for
granted. The papers go to the home address, and the member is away for the ballot; one email
or pack per member, and it came twice or one came for two; the group vote is online, and a
paper is asked for; the groups are the content's four, and the member's own employer is none
of them, or they moved from one to another; /mydata lists what the bot holds, and who may
read it is asked; the link comes by email, and the member's email changed. The content gives
the rule, never what happens outside it. The rules themselves keep their answers. Wordings
written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
BEFORE = datetime(2023, 4, 12, 10, tzinfo=LONDON)  # before the papers go out
OPEN = datetime(2023, 4, 28, 10, tzinfo=LONDON)  # both elections open


@pytest.mark.parametrize(
    ("question", "now"),
    [
        # away from the home address
        ("I'm deployed overseas until July. How do I get my NEC ballot paper?", BEFORE),
        ("on secondment in brussels all spring, how would i vote in the nec election", BEFORE),
        ("working offshore on the rigs for the whole ballot, how can i get my paper", BEFORE),
        # the same thing twice, or one for two
        ("the group election email came twice, which link is the real one?", OPEN),
        ("received two emails with voting links for the group exec, is one a scam", OPEN),
        ("me and my wife are both members but only one ballot pack arrived", OPEN),
        # a paper asked for the online vote
        ("could I have a postal ballot for the group executive election please?", BEFORE),
        ("can members get a printed voting form for the group exec vote", BEFORE),
        # the member's own employer, one the content never names
        ("I'm a caseworker at DVLA. Which group do I vote in for the group executive?", BEFORE),
        ("as an analyst with the ONS which branch would i be put in", BEFORE),
        ("im a clerk at the Crown Prosecution Service, what group exec do i get a vote for", OPEN),
        # who may read what the bot holds, against the list of what it holds
        ("who in the union can see the data you hold about me?", BEFORE),
        ("can my branch secretary look at what the bot knows about me", BEFORE),
        # an email changed, a department left for another
        ("I've got a new work email since January, will the voting link still reach me?", BEFORE),
        ("how can i change the email my group exec ballot link gets sent to", BEFORE),
        ("I transferred from DWP to the Home Office in March, which group executive is mine", OPEN),
    ],
)
async def test_the_member_outside_the_rule_is_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    assert (await answerer.answer(question, now)).handoff


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("where does my NEC ballot paper get sent?", BEFORE, "home address"),
        ("im off on leave abroad from 3 may, when does the nec ballot close?", BEFORE, "11 May"),
        ("how do I vote in the group executive election?", BEFORE, "link"),
        ("I moved house last month, will my ballot paper find me?", BEFORE, "address"),
        ("I work in HMRC, which group is that?", BEFORE, "HM Revenue and Customs"),
        ("what data does the bot hold about me?", BEFORE, "/mydata"),
    ],
)
async def test_the_rule_itself_keeps_its_answer(
    answerer: ContentAnswerer, question: str, now: datetime, expected: str
) -> None:
    found = await answerer.answer(question, now)
    assert not found.handoff
    assert expected in found.text
