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
    ran = answers("--sets", "tuning,heldout_v31", "--sizes", "", "--misses")
    assert ran.returncode == 2 and "never shown" in ran.stderr
    ran = answers("--sets", "tuning,heldout_v31", "--sizes", "")
    assert ran.returncode == 0, ran.stderr
    found = json.loads(ran.stdout)
    tuning, held = found["sets"]["tuning"], found["sets"]["heldout_v31"]
    assert tuning["questions"] == 131 and held["questions"] == 320
    assert held["answer"]["questions"] + held["handoff"]["questions"] == 320 - 44
    assert found["heldout_top1"] == held["answer"]["rate"]
    assert 0 < found["heldout_confidently_wrong_rate"] < 1
    assert "misses" not in held
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
