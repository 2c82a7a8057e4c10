"""Questions in Scots, in wordings of our own (none from a question set): "whit", "dae",
"tae", "ma", "oot", "the -nae of hasnae" are said in English before the question is read, so
what the content answers in English is answered in Scots too; and "if the bot hasn't a clue"
asks what happens when the bot cannot answer, as "if the bot doesn't know" does. English
that looks like Scots ("wi-fi", "Ken", "MA", "the day before", "no paper") stays as written."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers.dialect import in_english
from bot.answers.engine import ContentAnswerer

LONDON = ZoneInfo("Europe/London")


def at(moment: str) -> datetime:
    return datetime.fromisoformat(moment).replace(tzinfo=LONDON)


ANSWERED = [
    # each failed before: handed off, or the posting day given for a pack not come
    ("ma NEC paper hasnae come yet, whit dae I dae?", "2023-05-02T10:00", "4 May"),
    ("what happens to ma question if ye dinnae know?", "2023-05-08T10:00", "organisers"),
    (
        "and if the bot hasn't got a clue, where does my question go?",
        "2023-05-08T10:00",
        "organisers",
    ),
]


@pytest.mark.parametrize(("question", "moment", "expected"), ANSWERED)
async def test_scots_is_read_as_english(
    answerer: ContentAnswerer, question: str, moment: str, expected: str
) -> None:
    reply = await answerer.answer(question, at(moment))
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


KEPT = [
    # answered before, and after
    ("ma paper's no come yet, whit dae I dae?", "2023-05-02T10:00", "4 May"),
    ("whit's the last day tae ask for a new NEC paper?", "2023-05-02T10:00", "4 May"),
    ("how dae I get the bot tae post in oor branch channel?", "2023-05-08T10:00", "/subscribe"),
    ("the day before the NEC vote closes, can I still post my paper?", "2023-05-10T10:00", "open"),
    ("what happens if the bot has no answer for me?", "2023-05-08T10:00", "organisers"),
]


@pytest.mark.parametrize(("question", "moment", "expected"), KEPT)
async def test_nearby_questions_keep_their_answer(
    answerer: ContentAnswerer, question: str, moment: str, expected: str
) -> None:
    reply = await answerer.answer(question, at(moment))
    assert not reply.handoff, question
    assert expected in reply.text, reply.text


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Whit dae I dae wi ma paper?", "What do I do with my paper?"),
        ("it's no come oot yet", "it's not come out yet"),
        ("I cannae vote the day?", "I can't vote today?"),
        ("the bot hasnae got me richt", "the bot hasn't got me right"),
        ("whit wid ye dae wi the wan that's late", "what would you do with the one that's late"),
        ("can ye gie me the date", "can you give me the date"),
    ],
)
def test_scots_words_said_in_english(written: str, said: str) -> None:
    assert in_english(written) == said


@pytest.mark.parametrize(
    "written",
    [
        "can I vote over the wi-fi at work?",  # no Scots word: nothing changes
        "Ken says the day before the close is the last safe day",
        "I got no paper, what now?",
        "does my MA count?",
        "the wid key on the form, and a wan smile",  # "wid" and "wan" only in Scots
    ],
)
def test_english_stays_as_written(written: str) -> None:
    assert in_english(written) == written


def test_english_inside_scots_stays() -> None:
    said = in_english("whit if Ken has no paper and no wi-fi, and an MA?")
    assert said == "what if Ken has no paper and no wi-fi, and an MA?"
