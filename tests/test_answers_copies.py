"""Answerers copied from one built for the same content (bot/answers/copies.py): a copy
answers as a fresh build does, holds what its caller gave it, and keeps what is added to it
to itself; other content is built, never copied."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import copies, embedding
from bot.answers.engine import ContentAnswerer
from bot.answers.quality import load_questions
from bot.content.loader import Content, load_content
from bot.core.models import Question
from bot.services.calendar import UkWorkingDays
from bot.storage.memory import MemoryStore
from tests.harness import ROOT

ZONE = "Europe/London"
NOW = datetime(2023, 5, 8, 10, tzinfo=ZoneInfo(ZONE))
ASKED = "Can I claim for my glasses?"


@dataclasses.dataclass
class Built:
    content: Content
    fresh: ContentAnswerer  # built whole, the second time: the one whose state is kept
    kept: list[copies._Kept]


@pytest.fixture(scope="module")
def built() -> Iterator[Built]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(copies, "_kept", [])
        content = load_content(ROOT / "campaigns")
        first = copies.build(content, None, UkWorkingDays(), ZONE)
        second = copies.build(content, None, UkWorkingDays(), ZONE)
        assert first is not second and copies._kept[0].state is not None
        yield Built(content, second, list(copies._kept))


@pytest.fixture(autouse=True)
def kept(built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts from the kept state alone (a test's own builds are not kept)."""
    monkeypatch.setattr(copies, "_kept", list(built.kept))


def copied(built: Built) -> ContentAnswerer:
    return copies.build(built.content, None, UkWorkingDays(), ZONE)


async def test_a_copy_answers_every_tuning_question_as_a_fresh_build(built: Built) -> None:
    copy, fresh = copied(built), built.fresh
    items = load_questions(ROOT / "tests" / "data" / "questions_tuning.yaml")["items"]
    for item in items:
        assert await copy.answer(item["q"], NOW) == await fresh.answer(item["q"], NOW), item["q"]


def test_a_copy_holds_what_its_caller_gave(built: Built) -> None:
    store, calendar, content = MemoryStore(), UkWorkingDays(), load_content(ROOT / "campaigns")
    copy = copies.build(content, store, calendar, ZONE)
    assert copy.store is store and copy.calendar is calendar and copy.content is content
    assert copy.phrasebook.embedder is embedding.shared() is built.fresh.phrasebook.embedder
    assert copies.build(content, None, UkWorkingDays(), ZONE).store is None


async def test_what_is_added_to_a_copy_stays_in_it(built: Built) -> None:
    first = copied(built)
    first.add_faq(Question(7, ASKED, NOW, None, answer="Yes, up to £50 with a receipt."))
    assert first.has_faq("#7")
    assert "up to £50" in (await first.answer(ASKED, NOW)).text
    second = copied(built)
    assert not second.has_faq("#7")
    assert len(second.index.passages) == len(first.index.passages) - 1


def test_other_content_or_zone_is_built_not_copied(built: Built) -> None:
    fewer = dataclasses.replace(built.content, phrasings=built.content.phrasings[:100])
    other = copies.build(fewer, None, UkWorkingDays(), ZONE)
    assert len(other.phrasebook) < len(copied(built).phrasebook)
    assert not built.kept[0].fits(built.content, "Europe/Dublin", UkWorkingDays())
    assert not built.kept[0].fits(built.content, ZONE, UkWorkingDays("SCT"))
    assert built.kept[0].fits(load_content(ROOT / "campaigns"), ZONE, UkWorkingDays())


def test_an_engine_that_cannot_be_pickled_is_not_kept(built: Built) -> None:
    engine = copied(built)
    engine.lock = threading.Lock()  # type: ignore[attr-defined]
    assert copies._dump(engine) is None
