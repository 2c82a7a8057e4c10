"""A paper, a week, a day, the government written as a text ("nec ppr", "last wk", "tues",
"which bit of govt"), in wordings of our own."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.engine import ContentAnswerer
from bot.answers.text import clean_question, normalise

LONDON = ZoneInfo("Europe/London")


def test_texted_words_are_said_in_full() -> None:
    assert clean_question("Lost my NEC ppr, hw do i get one") == (
        "Lost my NEC paper, how do i get one"
    )
    assert normalise("posted it yday, which govt office") == (
        "posted it yesterday, which government office"
    )
    # inside a word, or a word of its own, left as written
    assert clean_question("answers on thursday, a wkend") == "answers on thursday, a wkend"


async def test_a_texted_paper_gets_the_replacement_deadline(answerer: ContentAnswerer) -> None:
    # handed off before: "ppr" was no word the content holds
    reply = await answerer.answer(
        "dropped my nec ppr in a puddle, can i have a new one",
        datetime(2023, 5, 1, 9, tzinfo=LONDON),
    )
    assert not reply.handoff
    assert "17:00 on Thursday 4 May 2023" in reply.text, reply.text


async def test_a_texted_paper_posted_on_a_texted_day(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "sending my nec ppr on thurs, does that work?", datetime(2023, 5, 2, 9, tzinfo=LONDON)
    )
    assert not reply.handoff
    assert "Friday 5 May 2023" in reply.text, reply.text


async def test_a_texted_deadline_question(answerer: ContentAnswerer) -> None:
    reply = await answerer.answer(
        "when's the cut off for a new ppr for the nec vote", datetime(2023, 4, 29, 9, tzinfo=LONDON)
    )
    assert not reply.handoff
    assert "4 May" in reply.text, reply.text
