"""What a question asks, beside what it mentions: a moment ("last month"), who holds a post
now, whether something happened, where the asker works; and, for the ballots' dates, the
clause that asks. Questions written for this file, none taken from a question set."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers import live
from bot.answers.engine import ContentAnswerer
from bot.content.loader import load_content
from bot.services.calendar import UkWorkingDays

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")


async def ask(answerer: ContentAnswerer, question: str, now: datetime) -> tuple[bool, str]:
    answer = await answerer.answer(question, now)
    return answer.handoff, " ".join([answer.text, *answer.sources])


MAY_8 = datetime(2023, 5, 8, 10, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        # the only NEC report is of November 2020: last month is April 2023
        "what did the NEC decide when it met last month?",
        "what did the nec agree last month",
        # those standing for a post do not say who holds it now
        "is Marion Lloyd our president at the moment?",
        # the paper goes to the December NEC for sign-off: whether it was is not said
        "did the national bargaining paper get signed off by the NEC?",
        # where the asker works, said by other members about the AGM, is no contact detail
        "contact email for the cabinet office london branch sec",
    ],
)
async def test_what_the_content_does_not_say_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    handoff, said = await ask(answerer, question, MAY_8)
    assert handoff, said


async def test_when_something_is_signed_off_is_still_answered(answerer: ContentAnswerer) -> None:
    handoff, said = await ask(
        answerer, "when does the national bargaining paper get signed off?", MAY_8
    )
    assert not handoff and "December" in said, said


async def test_where_a_new_member_works_is_not_what_they_ask(answerer: ContentAnswerer) -> None:
    handoff, said = await ask(
        answerer, "who is the rep, I'm new at Passport Office Liverpool", MAY_8
    )
    assert not handoff and "branch secretary" in said, said


# --- a ballot's dates, for what the question asks --------------------------------------------

APRIL_12, APRIL_19 = (
    datetime(2023, 4, 12, 10, tzinfo=LONDON),
    datetime(2023, 4, 19, 17, tzinfo=LONDON),
)
APRIL_24, MAY_2 = datetime(2023, 4, 24, 10, tzinfo=LONDON), datetime(2023, 5, 2, 10, tzinfo=LONDON)
MAY_11 = datetime(2023, 5, 11, 8, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("question", "now", "expect"),
    [
        # the clause that asks names the date, not the one that tells ("signed up": join-by)
        (
            "I signed up in January and my mate says there's an election - when do the papers "
            "for it go out?",
            APRIL_12,
            "20 April",
        ),
        # the union's papers going out are its opening, not a member's posting day
        ("nec papers going out tomorrow, is that right?", APRIL_19, "papers are posted"),
        # "shld" is "should" written short, not another union's initials
        ("havent had my nec pack, shld i worry", APRIL_24, "27 April"),
        # text-speak is spelt out: "shud" and "b4" are no words asked about
        ("no nec pack yet, shud i chase it b4 the weekend", APRIL_24, "27 April"),
        # "in time" asks whether it is still open
        ("nec vote - am i in time??", MAY_11, "still open"),
        # no date named, but asked as the nearest phrasings ask for one
        ("my nec paper is still sitting on the kitchen table, any point?", MAY_11, "noon"),
    ],
)
async def test_the_date_asked_for(
    answerer: ContentAnswerer, question: str, now: datetime, expect: str
) -> None:
    handoff, said = await ask(answerer, question, now)
    assert not handoff and expect in said, said
    assert "had to be a member" not in said and "Posting on" not in said, said


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        # a way of doing something, asked with no "when": how, not the posting day
        ("how do I post my NEC ballot paper back, is a stamp needed?", "no stamp"),
        ("how do i send my vote back", "envelope"),
    ],
)
async def test_how_to_is_no_date(answerer: ContentAnswerer, question: str, expect: str) -> None:
    handoff, said = await ask(answerer, question, MAY_2)
    assert not handoff and expect in said, said
    assert "Post your paper by" not in said, said


async def test_a_clause_of_words_the_content_never_uses_gets_no_date(
    answerer: ContentAnswerer,
) -> None:
    """Whether an email is a scam: neither the ballot's dates nor the content say."""
    question = "the group exec email came from a weird sender, is it a scam?"
    handoff, said = await ask(answerer, question, MAY_2)
    assert handoff, said


def test_when_joining_two_clauses_asks_no_date() -> None:
    assert live.slot_of("bit worried, when I say I've voted can anyone see who I picked?") is None
    assert live.slot_of("when do I say I've voted?") == "when"


@pytest.mark.parametrize(
    "question",
    [
        "slates or independents, which is the smarter vote?",  # a comparative is a judgement
        "who'd do more for us on pay?",  # "who'd" is "who would"
        "people say independent left will sell out on pensions, is that true?",
    ],
)
async def test_more_judgements_get_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    handoff, said = await ask(answerer, question, MAY_8)
    assert not handoff and "your choice" in said, said


@pytest.mark.parametrize(
    "question",
    [
        "my dad's a pensioner and still a member - does he get a vote for president?",
        "im retired now, do i still get an nec paper?",
    ],
)
async def test_whether_a_kind_of_member_the_content_never_names_votes_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    """The content's one rule on who votes is the join-by date."""
    handoff, said = await ask(answerer, question, APRIL_24)
    assert handoff, said


async def test_a_member_away_from_work_still_gets_the_dates(answerer: ContentAnswerer) -> None:
    handoff, said = await ask(
        answerer, "off sick this week, can I still vote in the group exec?", MAY_8
    )
    assert not handoff and "still open" in said, said


async def test_a_new_member_asking_the_close_gets_the_close(answerer: ContentAnswerer) -> None:
    handoff, said = await ask(
        answerer, "I'm a new member, when does the president vote close?", MAY_8
    )
    assert not handoff and "11 May" in said and "had to be a member" not in said, said


@pytest.fixture(scope="module")
def rules() -> ContentAnswerer:
    """The rules alone, without the phrasings' votes: what they read from the words."""
    bare = dataclasses.replace(load_content(ROOT / "campaigns"), phrasings=())
    return ContentAnswerer(bare, None, UkWorkingDays(), "Europe/London")


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("how do i see how many of us have voted", "/turnout"),  # the turnout, not how to vote
        ("what does the i've voted button do", "/voted"),  # the button's name is /voted's
    ],
)
async def test_what_members_call_things_reaches_the_passage(
    rules: ContentAnswerer, question: str, expect: str
) -> None:
    handoff, said = await ask(rules, question, MAY_8)
    assert not handoff and expect in said, said
