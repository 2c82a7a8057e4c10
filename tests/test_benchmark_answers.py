"""`python -m benchmarks.answers`, as the README shows it: a tuning set and a held-out set
scored (the held-out set's misses never listed, and refused when asked for), and one
writer's leave-one-writer-out fold (`--cv`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.limits import within


def answers(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "benchmarks.answers", *arguments]
    return subprocess.run(
        command, cwd=ROOT, env=os.environ, timeout=within(240), capture_output=True, text=True
    )


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_the_answers_benchmark_scores_a_tuning_and_a_held_out_set() -> None:
    for unread in ("heldout_v32", "heldout_v34"):
        ran = answers("--sets", f"tuning,{unread}", "--sizes", "", "--misses")
        assert ran.returncode == 2 and "never shown" in ran.stderr
    ran = answers("--sets", "tuning,heldout_v31,heldout_v32", "--sizes", "")
    assert ran.returncode == 0, ran.stderr
    found = json.loads(ran.stdout)
    tuning, v31, v32 = (found["sets"][n] for n in ("tuning", "heldout_v31", "heldout_v32"))
    assert tuning["questions"] == 131 and v31["questions"] == 320 and v32["questions"] == 317
    assert v31["answer"]["questions"] + v31["handoff"]["questions"] == 320 - 44
    assert v32["answer"]["questions"] + v32["handoff"]["questions"] == 317 - 45
    assert "misses" not in v31 and "misses" not in v32
    # the headline counts the held-out sets asked for together, every question once
    assert found["heldout_sets"] == ["heldout_v31", "heldout_v32"]
    together = found["heldout"]
    assert together["questions"] == 637
    for kind in ("answer", "handoff", "partisan"):
        right = v31[kind]["right"] + v32[kind]["right"]
        total = v31[kind]["questions"] + v32[kind]["questions"]
        assert (together[kind]["right"], together[kind]["questions"]) == (right, total)
    assert found["heldout_top1"] == round(together["answer"]["right"] / (186 + 182), 3)
    wrong = v31["confidently_wrong"] + v32["confidently_wrong"]
    assert found["heldout_confidently_wrong_rate"] == round(wrong / 637, 3)
    assert 0 < found["heldout_confidently_wrong_rate"] < 1
    ran = answers("--sets", "tuning,heldout_v31", "--sizes", "")  # one set: its own figures
    assert ran.returncode == 0, ran.stderr
    found = json.loads(ran.stdout)
    assert found["heldout_top1"] == found["sets"]["heldout_v31"]["answer"]["rate"]
    ran = answers("--sets", "tuning", "--sizes", "", "--misses")
    assert ran.returncode == 0, ran.stderr
    assert isinstance(json.loads(ran.stdout)["sets"]["tuning"]["misses"], list)


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_one_writers_fold_is_scored_without_that_writers_phrasings() -> None:
    ran = answers("--cv", "--writers", "f")
    assert ran.returncode == 0, ran.stderr
    fold = json.loads(ran.stdout)["folds"]["f"]
    assert fold["questions"] > 100
    for when in ("before", "after"):
        assert set(fold[when]) == {"answer", "handoff", "partisan", "confidently_wrong_rate"}
        assert all(0 <= v <= 1 for v in fold[when].values())


def test_the_headline_pools_every_unread_held_out_set() -> None:
    # v31-v36: written by helpers who never saw the engine, none read or tuned on
    from benchmarks.answers import HELD_OUT, SETS, TUNING, UNREAD

    assert HELD_OUT == tuple(f"heldout_v3{n}" for n in range(1, 7))
    assert set(HELD_OUT) < set(UNREAD) and not set(UNREAD) & set(TUNING)
    assert {"heldout_v37", "heldout_v38"} <= set(UNREAD) - set(HELD_OUT)  # the next round's
    assert all(SETS[name].exists() for name in UNREAD)
