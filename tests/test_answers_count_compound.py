"""A count asked of a noun of several words, hyphenated or with the content's own name for it
said after by the rewriting ("age discrimination" gains "mccloud"), in wordings of our own:
the figure said of that noun answers ("50,000 to 70,000 potential claims"); a figure said of
something else still does not."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import checks
from bot.answers.engine import ContentAnswerer
from bot.answers.text import normalise

NOW = datetime(2023, 5, 8, 10, 0, tzinfo=ZoneInfo("Europe/London"))
SAID = (
    "Groundwork continues; there may be 50,000 to 70,000 potential claims, many from people "
    "who are not yet members."
)

ASKED = [
    # each handed off before: the noun cut short at the hyphen, or by the name added after it
    "how many age-discrimination claims in pensions are expected, about?",
    "approximately how many likely pension age discrimination claims are there?",
]


@pytest.mark.parametrize("question", ASKED)
async def test_the_figure_of_a_noun_of_several_words(
    answerer: ContentAnswerer, question: str
) -> None:
    reply = await answerer.answer(question, NOW)
    assert not reply.handoff, question
    assert "70,000" in reply.text, reply.text


def test_the_noun_counted_is_read_whole() -> None:
    assert checks.counts_asked(normalise("how many age-discrimination claims are there"), SAID)
    assert checks.counts_asked(
        normalise("how many likely pension age discrimination claims are there"), SAID
    )
    # a figure of something else than the noun asked
    assert not checks.counts_asked(normalise("how many age-discrimination tribunals"), SAID)
    assert not checks.counts_asked(normalise("how many branches are there"), SAID)


async def test_a_count_of_members_of_the_whole_union_stays_handed_off(
    answerer: ContentAnswerer,
) -> None:
    reply = await answerer.answer("how many members has the union got in total?", NOW)
    assert reply.handoff, reply.text
