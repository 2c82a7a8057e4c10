"""Labelled phrasings (campaigns/phrasings.yaml): loaded with the content, tied to what answers
them, and a nearest-neighbour vote that overrules the rules only when a phrasing is near and
asks about every word the question asks about."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.answers.engine import ContentAnswerer
from bot.answers.phrasings import file_of, holding
from bot.content.loader import Content, ContentError, load_content
from bot.content.phrasings import Phrasing, load_phrasings
from bot.services.calendar import UkWorkingDays
from tests.harness import ROOT

NOW = datetime(2023, 5, 8, 10, tzinfo=ZoneInfo("Europe/London"))


def answerer(content: Content, *phrasings: Phrasing) -> ContentAnswerer:
    shipped = dataclasses.replace(content, phrasings=phrasings)
    return ContentAnswerer(shipped, None, UkWorkingDays(), "Europe/London")


def phrasing(**fields: object) -> Phrasing:
    return Phrasing.model_validate(fields)


def test_the_shipped_phrasings_load_and_each_names_what_answers_it(content: Content) -> None:
    assert len(content.phrasings) > 500
    kinds = {p.kind for p in content.phrasings}
    assert kinds == {"answer", "handoff", "partisan"}
    where = file_of(content)
    engine = answerer(content, *content.phrasings)
    for p in content.phrasings:
        if p.kind == "answer" and not p.live:
            assert holding(p, engine.index.passages, where), p.q
    assert len(engine.phrasebook) == len(content.phrasings)


def test_a_wrong_phrasing_is_named_and_the_content_refused(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "campaigns", tmp_path / "campaigns")
    (tmp_path / "campaigns" / "phrasings.yaml").write_text(
        "phrasings:\n- q: how do i vote\n  kind: answer\n- q: hi\n  kind: maybe\n",
        encoding="utf-8",
    )
    found, problems = load_phrasings(tmp_path / "campaigns")
    assert found == () or len(found) == 0
    assert len(problems) == 2 and all("phrasings.yaml: phrasing" in p for p in problems)
    with pytest.raises(ContentError):
        load_content(tmp_path / "campaigns")


async def test_a_phrasing_routes_a_paraphrase_the_rules_alone_hand_off_to_its_passage(
    content: Content,
) -> None:
    asked = "how do i mark the nec report as noted for my branch"
    assert (await answerer(content).answer(asked, NOW)).handoff  # the rules alone
    taught = phrasing(
        q="how do we mark the nec report as noted for our branch",
        kind="answer",
        source="bot.md",
        holds=["/noted"],
    )
    engine = answerer(content, taught)
    said = await engine.answer(asked, NOW)
    assert not said.handoff and "/noted" in said.text
    assert said.sources and said.sources[0].startswith("Using the bot")
    verdict = engine.phrasebook.vote(asked, engine._query(asked))
    assert verdict is not None and verdict.kind == "answer" and verdict.covers >= 0.8
    assert all("/noted" in engine.index.passages[i].text for i in verdict.votes)


async def test_a_handoff_phrasing_hands_off_what_the_rules_would_answer(
    content: Content,
) -> None:
    asked = "when does the treasury publish the pay remit"
    assert not (await answerer(content).answer(asked, NOW)).handoff  # the rules alone
    taught = phrasing(q="when will the treasury publish the pay remit", kind="handoff")
    assert (await answerer(content, taught).answer(asked, NOW)).handoff


async def test_a_loosely_similar_question_does_not_ride_a_phrasing(content: Content) -> None:
    """ "Become a member" is not "become a rep": the phrasing does not ask about membership,
    so the rules' answer stands, however alike the two look."""
    asked = "how do i become a member"
    alone = await answerer(content).answer(asked, NOW)
    assert not alone.handoff
    engine = answerer(content, phrasing(q="how do i become a rep", kind="handoff"))
    verdict = engine.phrasebook.vote(asked, engine._query(asked))
    assert verdict is not None and verdict.kind == "handoff" and verdict.nearest > 0.7
    said = await engine.answer(asked, NOW)
    assert (said.handoff, said.text) == (False, alone.text)
    assert engine.overruled == 0


async def test_the_neutral_answer_is_never_handed_off_by_a_phrasing(content: Content) -> None:
    asked = "who should i vote for in the nec election"
    engine = answerer(
        content, phrasing(q="who should i vote for in the nec election", kind="handoff")
    )
    said = await engine.answer(asked, NOW)
    assert not said.handoff and "statement" in said.text.lower()


def test_an_organisers_alternative_phrasing_joins_the_vote(content: Content) -> None:
    engine = answerer(content)
    before = len(engine.phrasebook)
    engine.add_alias("bot-reminders", "the bot keeps pinging me, make it quiet")
    assert len(engine.phrasebook) == before + 1
    near = engine.phrasebook.nearest(
        "bot keeps pinging me make it quiet", engine._query("bot keeps pinging me make it quiet")
    )
    assert near and engine.phrasebook.outcomes[near[0][1]].passages == (
        len(engine.index.passages) - 1,
    )


async def test_members_words_in_a_phrasing_find_its_passage(content: Content) -> None:
    """Another writer's way of asking ("moved flat") becomes words the search finds its
    passage by: the rules alone do not find the FAQ on addresses, with the phrasing they do."""
    asked = "moved flat in march, will my ballot paper go to the new place?"
    alone = await answerer(content).answer(asked, NOW)
    assert "update your address" not in alone.text.lower()
    taught = phrasing(
        q="I moved flat in February and never told the union. Will my voting paper go to "
        "the old place? What should I do?",
        kind="answer",
        source="faq.md",
        holds=["update your address"],
    )
    engine = answerer(content, taught)
    said = await engine.answer(asked, NOW)
    assert not said.handoff and "update your address" in said.text.lower()
    found = [p for p in engine.index.passages if "flat" in " ".join(t for t, _ in p.fields)]
    assert [p.kind for p in found] == ["faq"]  # the one passage that answers it, no other


def test_a_ballots_passages_keep_their_own_words(content: Content) -> None:
    """The engine reads a ballot's words to tell a question about its dates from others:
    phrasings do not add to them."""
    taught = phrasing(
        q="zzzplonk how do i vote in the group elections",
        kind="answer",
        source="ballots/2023-group-executive.md",
        holds=["online"],
    )
    engine = answerer(content, taught)
    assert not any("zzzplonk" in " ".join(t for t, _ in p.fields) for p in engine.index.passages)
