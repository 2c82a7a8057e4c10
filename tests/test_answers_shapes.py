"""Shapes of questions that no tuning writer's wording should be needed for, in wordings of
our own (none from a question set): a member's problem with their paper, a message of a few
words, a question about the bot itself, and a question whose fact the content does not hold.

A problem with the paper gets, before the replacement deadline, how and by when to ask for a
replacement; after it, that the deadline has passed; a pack not yet come before the day
packs should arrive by, that day; a paper sent abroad, a hand-off (the content does not say).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer

ROOT = Path(__file__).resolve().parent.parent
LONDON = ZoneInfo("Europe/London")


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=LONDON)


# (question, moment, what the answer must say, what it must not)
PROBLEMS = [
    (
        "put my cross next to the wrong name on the nec paper, what now?",
        "2023-05-02T10:00",
        "replacement before 17:00 on Thursday 4 May",
        "Post your paper",
    ),
    (
        "spilled coffee over my nec ballot paper, can they send me a fresh one?",
        "2023-05-03T09:00",
        "replacement before 17:00 on Thursday 4 May",
        "Post your paper",
    ),
    (
        "the puppy has chewed my national exec voting paper",
        "2023-04-28T18:00",
        "replacement before 17:00 on Thursday 4 May",
        "Post your paper",
    ),
    (
        "binned my nec paper by mistake, can i get another one?",
        "2023-05-06T12:00",
        "replacement paper was 17:00 on Thursday 4 May",
        "before 17:00",
    ),
    (
        "nec pack went to my old flat and i only just found out, what can i do",
        "2023-05-08T10:00",
        "replacement paper was 17:00 on Thursday 4 May",
        "before 17:00",
    ),
    (
        "still waiting for my nec pack to turn up",
        "2023-04-22T10:00",
        "should arrive by Thursday 27 April",
        "if your pack has not arrived or you spoilt",
    ),
    (
        "nothing through the letterbox yet for the nec election",
        "2023-04-30T10:00",
        "replacement before 17:00 on Thursday 4 May",
        "Post your paper",
    ),
    (
        "posted my nec paper on saturday, will it still count?",
        "2023-05-09T09:00",
        "after the last safe posting day",
        "replacement",
    ),
    (
        "can i vote for the nec online? havent got a postbox near me",
        "2023-05-02T10:00",
        "postal",
        "replacement",
    ),
    (
        "no email yet for the group exec vote, when should it have come?",
        "2023-04-29T10:00",
        "27 April",
        "replacement",
    ),
    (
        "still got my nec paper here, is it too late to post it?",
        "2023-05-04T10:00",
        "Friday 5 May",
        "replacement",
    ),
]


@pytest.mark.parametrize(("question", "moment", "said", "unsaid"), PROBLEMS)
async def test_a_problem_with_the_paper_gets_what_mends_it(
    answerer: ContentAnswerer, question: str, moment: str, said: str, unsaid: str
) -> None:
    answer = await answerer.answer(question, at(moment))
    assert not answer.handoff
    assert said in answer.text
    assert unsaid not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "im living in portugal for the summer, can my nec paper be sent over there?",
        "working abroad till june, will they post my ballot pack out to me",
        "could my flatmate tick my nec paper for me, i'm stuck at work",
        "can i fill in my dads ballot paper, his eyes are bad",
    ],
)
async def test_a_paper_sent_abroad_or_marked_by_another_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, at("2023-04-15T10:00"))).handoff


TERSE = [
    ("posting it tomorrow ok?", "2023-05-04T10:00", "Friday 5 May 2023 is in time"),
    ("sent mine", "2023-05-04T10:00", "/voted"),
    ("how many signed so far", "2023-05-04T10:00", "/petition"),
    ("bot cmd list", "2023-05-04T10:00", "/help"),
    ("any votes comin up", "2023-03-01T10:00", "20 April"),
    ("pssec terms til when", "2023-05-04T10:00", "2025"),
    ("wtf no pack", "2023-04-29T10:00", "4 May"),
    ("wot do u know bout me", "2023-05-04T10:00", "/mydata"),
    ("and if u cant answer?", "2023-05-04T10:00", "organisers"),
    ("how do i let my rep know i've voted", "2023-05-04T10:00", "/voted"),
    ("what can you do?", "2023-05-04T10:00", "/help"),
]


@pytest.mark.parametrize(("question", "moment", "said"), TERSE)
async def test_a_few_words_and_the_bot_itself_are_answered(
    answerer: ContentAnswerer, question: str, moment: str, said: str
) -> None:
    answer = await answerer.answer(question, at(moment))
    assert not answer.handoff
    assert said in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "has the nec agreed anything new about locals this year?",
        "dates for conference 2021?",
        "who was at the nec meeting in november 2020",
        "have i been paid any compensation for the pensions age discrimination case",
        "is dwp leeds having a branch meeting next week?",
        "is there a union Local in Bristol yet?",
        "is marion lloyd on the nec at the moment",
    ],
)
async def test_a_fact_the_content_does_not_hold_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert (await answerer.answer(question, at("2023-05-08T10:00"))).handoff


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what did the nec decide about locals", "two Locals"),
        ("is there a branch in Glasgow", "DWP Glasgow"),
        ("how many members sit on the pssec", "sixteen"),
        ("who are the candidates standing for president", "Marion Lloyd"),
    ],
)
async def test_what_the_content_holds_is_still_answered(
    answerer: ContentAnswerer, question: str, said: str
) -> None:
    answer = await answerer.answer(question, at("2023-05-08T10:00"))
    assert not answer.handoff
    assert said in answer.text
