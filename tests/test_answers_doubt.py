"""A weak passage answer needs the vote in meaning behind it (bot/answers/routing.py,
`unsupported`): below DOUBT, an answer the phrasings nearest in meaning do not vote for is
handed off when they prefer another passage, or, when the words' vote does not back it
either, anything but the neutral answer. Strong answers, live dates and the neutral answer
never reach it, and a partisan question is never handed off by it."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers import routing
from bot.answers.embedding import shared
from bot.answers.engine import ContentAnswerer
from bot.answers.phrasings import Outcome, Verdict
from bot.content.loader import load_content
from bot.core.services import Answer
from bot.services.calendar import UkWorkingDays

ROOT = Path(__file__).resolve().parent.parent
ZONE = "Europe/London"
NOW = datetime(2023, 5, 8, 10, tzinfo=ZoneInfo(ZONE))


def verdict(kind: str) -> Verdict:
    return Verdict(Outcome(kind, (1,) if kind == "answer" else ()), kind, 0.8, 0.9, {}, 0.9)


WEAK = Answer("Some passage.", ("Somewhere",), round(routing.DOUBT - 0.1, 3), False)
STRONG = Answer("Some passage.", ("Somewhere",), routing.DOUBT, False)


def test_a_weak_answer_only_its_words_back_is_handed_off_for_another_passage() -> None:
    assert routing.unsupported(WEAK, True, verdict("answer"), False)
    # the words' vote behind it: a vote in meaning for a hand-off or a date does not undo it
    assert not routing.unsupported(WEAK, True, verdict("handoff"), False)
    assert not routing.unsupported(WEAK, True, verdict("live"), False)


def test_a_weak_answer_neither_vote_backs_is_handed_off_unless_it_may_be_partisan() -> None:
    for kind in ("answer", "handoff", "live"):
        assert routing.unsupported(WEAK, False, verdict(kind), False)
    assert not routing.unsupported(WEAK, False, verdict("partisan"), False)


def test_an_answer_the_vote_in_meaning_backs_or_a_strong_one_stands() -> None:
    assert not routing.unsupported(WEAK, False, verdict("answer"), True)
    assert not routing.unsupported(STRONG, False, verdict("handoff"), False)
    handed = Answer("", (), 0.0, True)
    assert not routing.unsupported(handed, False, verdict("answer"), False)


@pytest.fixture(scope="module")
def without_j() -> ContentAnswerer:
    """The shipped content without writer j's phrasings: j's questions are new to it."""
    embedder = shared()
    assert embedder is not None, "no model: run scripts/fetch-model (make does)"
    content = load_content(ROOT / "campaigns")
    kept = tuple(p for p in content.phrasings if p.writer != "j")
    assert len(kept) < len(content.phrasings)
    shipped = dataclasses.replace(content, phrasings=kept)
    return ContentAnswerer(shipped, None, UkWorkingDays(), ZONE, embedder=embedder)


async def test_a_detail_the_content_lacks_near_a_weak_match_is_handed_off(
    without_j: ContentAnswerer,
) -> None:
    # writer j's question: the content says nothing of a voting link that rejects details;
    # the nearest passage (ballot papers and addresses) matched it weakly
    question = "the voting link says my details are wrong, what do i do"
    before = without_j.doubted
    answer = await without_j.answer(question, NOW)
    assert answer.handoff and without_j.doubted == before + 1


async def test_live_dates_and_the_neutral_answer_are_never_doubted(
    without_j: ContentAnswerer,
) -> None:
    before = without_j.doubted
    dated = await without_j.answer("when does the nec ballot close", NOW)
    partisan = await without_j.answer("who would u vote for in the hmrc group exec", NOW)
    assert not dated.handoff and "closes" in dated.text
    assert not partisan.handoff and "your choice" in partisan.text.lower()
    assert without_j.doubted == before


async def test_a_weak_answer_is_another_passages_when_the_meaning_vote_says_so(
    without_j: ContentAnswerer,
) -> None:
    # writer j's question: the rules found the petition's FAQ (how to sign it), weakly; the
    # phrasings nearest in meaning name the NEC's decision on it ("rep here, how do i check
    # how many in our branch have voted", the example before, the rules now answer alone)
    question = "what did the nec tell branches to do with the petition"
    before = without_j.meant
    answer = await without_j.answer(question, NOW)
    assert not answer.handoff and "Branches keep promoting" in answer.text
    assert without_j.meant == before + 1


@pytest.fixture(scope="module")
def without_r() -> ContentAnswerer:
    """The shipped content without writer r's phrasings, nor x's and y's: they ask how much
    each branch got for a Zoom AGM (a hand-off: the content gives no sum) in nearly r's
    words, so with them the words' vote is no longer split, and this is not the case."""
    content = load_content(ROOT / "campaigns")
    kept = tuple(p for p in content.phrasings if p.writer not in ("r", "x", "y"))
    assert len(kept) < len(content.phrasings)
    shipped = dataclasses.replace(content, phrasings=kept)
    return ContentAnswerer(shipped, None, UkWorkingDays(), ZONE, embedder=shared())


async def test_a_hand_off_in_words_does_not_undo_an_answer_the_meaning_vote_backs(
    without_r: ContentAnswerer,
) -> None:
    # writer r's question: the rules found the NEC's decision to fund Zoom AGMs; the nearest
    # phrasing in words was one labelled a hand-off, those nearest in meaning name the decision
    question = "will branches get any help or money to run their AGMs on zoom?"
    answer = await without_r.answer(question, NOW)
    assert not answer.handoff and "funding" in answer.text
