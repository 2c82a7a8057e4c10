"""Hand-offs the engine answered with a ballot's dates: the member's own case about a ballot,
told and asked of, that no date or rule in the content answers (`unheld.ballot_case`). Whether
a paper already posted got there, asked as a way to check it; whether leave, retiring, lapsing
or subs keep a member's vote; someone else posting the paper; whether the helpline or a post
office is open on a day; a replacement asked for and late; whether a paper with a fault is
valid. The dates, the join-by rule, the posting day and how to get a replacement keep their
answers. Wordings written for this file (none from a question set).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")
BEFORE = datetime(2023, 3, 20, 10, tzinfo=LONDON)  # before the join-by date
OPEN = datetime(2023, 5, 3, 10, tzinfo=LONDON)  # papers out, the replacement deadline ahead
LATE = datetime(2023, 5, 9, 10, tzinfo=LONDON)  # past the last safe posting day


@pytest.mark.parametrize(
    ("question", "now"),
    [
        (
            "sent my nec paper back last thursday - is there any way to track that it got there?",
            LATE,
        ),
        (
            "Afternoon. I returned my ballot on 2 May. How can I confirm it has been received?",
            LATE,
        ),
        ("did mine make it to the scrutineer ok? posted it friday", LATE),
        ("Starting paternity leave next month. Do I lose my vote for president?", BEFORE),
        ("i'm retiring in the summer, can i still get a ballot paper for the nec?", BEFORE),
        (
            "my direct debit bounced in february, will I still be able to vote in the NEC one?",
            BEFORE,
        ),
        ("Could my husband take my NEC paper to the post for me? I'm housebound.", OPEN),
        ("can i give my completed paper to our steward to send off?", OPEN),
        ("Will the union's helpline be open over the coronation weekend?", OPEN),
        ("rang for a replacement on the 28th and nothing has come yet, what do I do", OPEN),
        ("I ticked two boxes for president by mistake. Would the paper be void?", OPEN),
    ],
)
async def test_a_members_own_case_is_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    assert (await answerer.answer(question, now)).handoff


@pytest.mark.parametrize(
    ("question", "now", "expected"),
    [
        ("I joined on 4 April. Will I get a vote in the NEC election?", OPEN, "31 March"),
        ("if I post my nec paper today will it still get there in time?", OPEN, "5 May"),
        ("when do NEC papers have to be back with the scrutineer?", OPEN, "11 May"),
        ("my paper got ruined in the rain, how do I get a replacement?", OPEN, "4 May"),
        ("if I post it tomorrow when the post office is open, is that ok?", OPEN, "5 May"),
    ],
)
async def test_the_ballots_own_facts_keep_their_answer(
    answerer: ContentAnswerer, question: str, now: datetime, expected: str
) -> None:
    found = await answerer.answer(question, now)
    assert not found.handoff
    assert expected in found.text
