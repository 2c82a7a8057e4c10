"""Which part of a campaign a question asks about, by whom it asks of: what a member can do,
what branches or reps do, what is asked for. A campaign passage found for another part gives
way to the part asked. Wordings of our own (none from a set).
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import sections
from bot.answers.engine import ContentAnswerer

NOW = datetime(2023, 5, 8, 10, tzinfo=ZoneInfo("Europe/London"))


@pytest.mark.parametrize(
    ("question", "part"),
    [
        ("what are we actually calling for in the fair pay campaign?", "demands"),
        (
            "on the pay campaign, what are reps supposed to be doing besides the petition",
            "branches",
        ),
        ("I'd like to help the pay campaign, nothing too big, how to help?", "members"),
        ("is the union doing anything on pay for people like me?", None),
        ("what should I do, I'm not a rep", "members"),
    ],
)
def test_the_part_asked(question: str, part: str | None) -> None:
    assert sections.asked(question) == part


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("what exactly are we calling for in the pay campaign", "Pay systems"),
        ("what should branches be doing on the pay campaign other than the petition?", "Branches"),
    ],
)
def test_the_part_asked_is_said(answerer: ContentAnswerer, question: str, said: str) -> None:
    found = asyncio.run(answerer.answer(question, NOW))
    assert not found.handoff and said in found.text


@pytest.mark.parametrize(
    ("question", "part"),
    [
        (
            "my mate wants to know what the pay campaign hopes to achieve, what should I say?",
            "demands",
        ),
        ("what are the aims of the fair pay campaign in a sentence", "demands"),
        ("what should I tell people the pay campaign's goal is?", "demands"),
        ("what can I do to help the pay campaign?", "members"),
    ],
)
def test_what_the_campaign_sets_out_to_win_is_what_is_asked_for(
    question: str, part: str | None
) -> None:
    assert sections.asked(question) == part


def test_the_campaigns_aim_told_to_a_colleague_is_what_we_want(
    answerer: ContentAnswerer,
) -> None:
    question = (
        "a new starter asked me what the pay campaign is trying to achieve. what do I tell her?"
    )
    found = asyncio.run(answerer.answer(question, NOW))
    assert not found.handoff and "properly funded" in found.text


@pytest.mark.parametrize(
    "question",
    [
        "fair pay campaign: what are we demanding, in brief?",
        "give me the pay campaign's demands, I'm putting them on a leaflet",
        "union pay campaign, what are we calling for? one line please",
        "what are the demands in the pay campaign, in short",
        "pay campaign wants what exactly",
    ],
)
def test_what_is_asked_for_is_said_whole(answerer: ContentAnswerer, question: str) -> None:
    # not the first of the demands alone ("Pay systems that are reformed…"): all of them,
    # or the campaign's summary, which names the review body too
    found = asyncio.run(answerer.answer(question, NOW))
    assert not found.handoff and "pay review body" in found.text


@pytest.mark.parametrize(
    "question",
    [
        "give me the pay campaign's demands, I'm putting them on a leaflet",
        "union pay campaign, what are we calling for? one line please",
        "what are the demands in the pay campaign, in short",
    ],
)
def test_the_demands_found_by_their_first_item_are_all_said(
    answerer: ContentAnswerer, question: str
) -> None:
    found = asyncio.run(answerer.answer(question, NOW))
    said = ("properly funded", "pay review body", "wider contribution")
    assert not found.handoff and all(s in found.text for s in said)


@pytest.mark.parametrize(
    ("question", "said", "unsaid"),
    [
        (
            "are we really asking for a pay review body just for specialists?",
            "pay review body",
            "properly funded",
        ),
        ("what can I do to help the pay campaign?", "petition", "properly funded"),
    ],
)
def test_one_item_asked_by_its_words_is_said_alone(
    answerer: ContentAnswerer, question: str, said: str, unsaid: str
) -> None:
    found = asyncio.run(answerer.answer(question, NOW))
    assert not found.handoff and said in found.text and unsaid not in found.text
