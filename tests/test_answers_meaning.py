"""The vote in meaning: sentence embeddings (all-MiniLM-L6-v2 run with NumPy, the model fetched
by scripts/fetch-model) of the question and of the labelled phrasings. It answers a question
worded unlike any phrasing, never overrules an answer from the store and the clock, keeps the
content's embeddings on disk and never a member's question, and without the model the bot
answers as before."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from bot.answers import routing
from bot.answers.copies import build
from bot.answers.embedding import MODELS, Embedder, shared
from bot.answers.engine import ContentAnswerer
from bot.answers.phrasings import Outcome, Verdict
from bot.content.loader import Content
from bot.core.services import Answer
from bot.services.calendar import UkWorkingDays
from tests.limits import within

NOW = datetime(2023, 5, 8, 10, tzinfo=ZoneInfo("Europe/London"))
ZONE = "Europe/London"
# sentence-transformers' own vectors for these (torch 2.13.0, sentence-transformers, the same
# model files), first 8 of 384 components
REFERENCE = {
    "how do I stop the reminders": [
        -0.00431, 0.00715, 0.02191, 0.01113, 0.05546, -0.00924, 0.07325, -0.03354
    ],
    "¿Cuándo cierra la votación?": [
        -0.02469, 0.0323, -0.02676, -0.02189, -0.07934, -0.00085, 0.05036, 0.01042
    ],
    "🙂🙂🙂": [-0.0416, -0.02468, 0.07789, -0.00615, 0.017, 0.00126, 0.12374, -0.00197],
}  # fmt: skip


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    found = shared()
    assert found is not None, f"no model in {MODELS}: run scripts/fetch-model (make does)"
    return found


def test_the_forward_pass_gives_the_reference_vectors(tmp_path: Path) -> None:
    fresh = Embedder(cache=tmp_path)  # nothing cached: worked out here
    vectors = fresh.embed(list(REFERENCE))
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    for vector, expected in zip(vectors, REFERENCE.values(), strict=True):
        assert np.allclose(vector[:8], expected, atol=2e-4)


def test_alike_questions_are_nearer_than_others(embedder: Embedder) -> None:
    a, b, c = embedder.embed(
        ["how do I stop the reminders", "make the bot quit messaging me", "when is the ballot"]
    )
    assert float(a @ b) > float(a @ c) + 0.1


def test_the_contents_embeddings_are_kept_on_disk_and_a_question_never(tmp_path: Path) -> None:
    first = Embedder(cache=tmp_path)
    kept = first.embed(["how do I join", "what is a branch"], keep=True)
    first.embed(["a member's own question, never kept"])
    assert len(list(tmp_path.glob("*.npz"))) == 1
    # another process: the model is not there, the kept ones come from disk
    again = Embedder(folder=tmp_path / "no-model", cache=tmp_path)
    assert np.array_equal(again.embed(["what is a branch", "how do I join"]), kept[::-1])
    with pytest.raises(Exception, match=r"tokenizer\.json|No such file"):
        again.embed(["a member's own question, never kept"])


async def test_a_question_worded_unlike_any_phrasing_is_answered_in_meaning(
    content: Content, embedder: Embedder
) -> None:
    question = "the bot keeps pestering me about voting, make it quit"
    with_meaning = ContentAnswerer(content, None, UkWorkingDays(), ZONE, embedder=embedder)
    answer = await with_meaning.answer(question, NOW)
    assert not answer.handoff and "/remindme off" in answer.text
    assert with_meaning.meant == 1
    without = ContentAnswerer(
        content, None, UkWorkingDays(), ZONE, embedder=Embedder(folder=Path("/nonexistent"))
    )
    assert without.phrasebook.embedder is None
    assert (await without.answer(question, NOW)).handoff  # words alone do not reach it


async def test_the_rules_answers_from_the_store_and_the_clock_stand(content: Content) -> None:
    engine = build(content, None, UkWorkingDays(), ZONE)
    live = Answer("Post your paper by Friday 5 May 2023", ("ballot",), 0.95, False)
    strong = Verdict(Outcome("answer", (0,)), "answer", 0.99, 1.0, {0: 1.0}, 1.0)
    assert not routing.overrules_in_meaning(live, strong, agreed=False)
    passage = Answer("a passage", ("faq",), 0.6, False)
    assert routing.overrules_in_meaning(passage, strong, agreed=False)
    neutral = dataclasses.replace(strong, kind="partisan", outcome=Outcome("partisan"))
    assert not routing.overrules_in_meaning(passage, neutral, agreed=False)
    far = dataclasses.replace(strong, nearest=routing.MEANT_NEAR - 0.01)
    assert not routing.overrules_in_meaning(passage, far, agreed=False)
    dated = await engine.answer("when do I have to post my vote by?", NOW)
    assert "Friday 5 May 2023" in dated.text and engine.meant == 0


SAID_THREADS = "import bot.answers, os, numpy; print(os.environ['OPENBLAS_NUM_THREADS'])"


@pytest.mark.parametrize(("preset", "expect"), [(None, "1"), ("2", "2")])
def test_numpy_runs_one_blas_thread_unless_told(preset: str | None, expect: str) -> None:
    """bot.answers sets one BLAS thread before numpy loads (OpenBLAS's threads spin against
    other busy processes); an operator's own setting is kept."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if preset is not None:
        env["OPENBLAS_NUM_THREADS"] = preset
    said = subprocess.run(
        [sys.executable, "-c", SAID_THREADS],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=within(60),
    )
    assert said.stdout.strip() == expect
