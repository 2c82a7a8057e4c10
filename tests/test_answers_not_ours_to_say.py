"""Hand-offs the engine answered with a ballot's dates or a passage near: someone not a member
asked as able to sign the petition (`unheld.signer_unsaid`); a paper or a replacement asked to
come by email (`unheld.emailed_unsaid`); a working group or a group chat asked to be joined
(`unheld.joining_unsaid`); a paper with a name on it other than the member's own now, asked as
valid, whether the scrutineer got a paper, asked to be checked, and the helpline asked as open
when the question starts with it (`unheld.ballot_case`, `unheld.open_unsaid`). Where papers go,
when the PSSEC meets, how to ask for a replacement and how to sign (a member's partner who is a
member too) keep their answers. Wordings written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
OPEN = datetime(2023, 5, 3, 10, tzinfo=LONDON)  # papers out, the replacement deadline ahead


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("my mum isn't in the union but wants to sign the pay petition, is she allowed?", OPEN),
        ("can members of the public sign the fair pay petition or just us", OPEN),
        ("nec paper arrived in my old married name, is my vote still valid?", OPEN),
        (
            "posted my paper on monday, can someone check whether the scrutineer has received it",
            OPEN,
        ),
        ("helpline open on saturdays? I need a new paper", OPEN),
        ("could you email me a replacement nec paper? I can print it at work", OPEN),
        ("is there a pssec working group on pensions that I could join?", OPEN),
        ("our branch has a whatsapp group apparently, how do I join it?", OPEN),
    ],
)
async def test_what_the_content_does_not_say_is_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    assert (await answerer.answer(question, now)).handoff


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("does the nec paper come to my home address or to my office?", OPEN, "home address"),
        ("can my partner sign the pay petition too? she's a member as well", OPEN, "/signed"),
        ("my nec paper is ruined, how do i get a replacement?", OPEN, "4 May"),
        ("how do I sign the pay petition?", OPEN, "/signed"),
        ("how often does the pssec meet?", OPEN, "quarterly"),
    ],
)
async def test_where_papers_go_and_how_to_sign_keep_their_answer(
    answerer: ContentAnswerer, question: str, now: datetime, expected: str
) -> None:
    found = await answerer.answer(question, now)
    assert not found.handoff
    assert expected in found.text
