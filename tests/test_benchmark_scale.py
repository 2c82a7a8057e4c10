"""`python -m benchmarks --scale large`, run at a few thousand members (--scale smoke): the
same code generates the union, measures each store and the pipeline, and writes every
figure the README shows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.population import LARGE, SMOKE, _member_actions
from tests.conftest import PG_URL, ROOT
from tests.limits import within

FIGURES = (
    "generate_s",
    "audience_s",
    "queue_s",
    "turnout_s",
    "mydata_first_s",
    "mydata_next_s",
    "forget_first_s",
    "forget_next_s",
    "database_mb",
    "run_idle_rss_mb",
    "run_peak_rss_mb",
    "run_answered_rss_mb",
)


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_scale_benchmark_writes_every_figure(tmp_path: Path) -> None:
    stores = ["sqlite", "postgres"] if PG_URL else ["sqlite"]
    out = tmp_path / "large.json"
    command = [sys.executable, "-m", "benchmarks", "--scale", "smoke", "--out", str(out)]
    command += ["--stores", ",".join(stores)]
    subprocess.run(
        command, cwd=ROOT, env=os.environ, check=True, timeout=within(900), capture_output=True
    )
    results = json.loads(out.read_text())
    assert results["members"] == SMOKE.members
    for store in stores:
        figures = results[store]
        assert all(figures[name] > 0 for name in FIGURES), figures
        assert figures["deliveries_queued"] == figures["audience_channels"] == SMOKE.channels
        assert figures["run_peak_rss_mb"] >= figures["run_idle_rss_mb"]
        assert results["pipeline"][f"{store}_per_s"] > 0
    assert results["pipeline"]["ceiling_per_s"] > 0


def test_the_large_unions_handled_updates_are_not_the_standins_next() -> None:
    """The Telegram stand-in gives update ids from 10,000; the large union's 300,000 handled
    updates counted from 0, so `run_rss`'s question was ignored as handled already and the
    `--scale large` run ended "campaign-bot run did not answer a question in 60 s"."""
    [(_, columns, rows)] = [t for t in _member_actions(LARGE) if t[0] == "inbox"]
    keys = {row[columns.index("key")] for row in rows}
    assert len(keys) == LARGE.inbox
    assert not {f"telegram:{n}" for n in range(10_000, 20_000)} & keys
