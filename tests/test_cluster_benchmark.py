"""The cluster benchmark as the README shows it (python -m benchmarks.cluster), at its
smallest sizes: it runs to the end without a traceback and writes its figures, failover and
incoming alike."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cluster_kit import ROOT, have_cluster_tools
from tests.limits import within

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("subprocesses"),  # never beside the CLI verbs (make test's -n 2)
    pytest.mark.skipif(not have_cluster_tools(), reason="needs postgresql and haproxy"),
]


def readme_command() -> list[str]:
    """The command the README's failover figures were measured with."""
    readme = " ".join((ROOT / "README.md").read_text().split())  # lines joined
    found = re.search(r"`((?:nice -n 19 )?python -m benchmarks\.cluster[^`]*)`", readme)
    assert found, "the README shows how the cluster figures were measured"
    words = shlex.split(found.group(1))
    return words[words.index("python") + 1 :]


def test_the_readme_cluster_benchmark_writes_its_figures(tmp_path: Path) -> None:
    out = tmp_path / "cluster.json"
    command = [sys.executable, *readme_command(), "--quick", "--out", str(out)]
    env = dict(os.environ) | {"PYTHON": sys.executable, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        command,
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=within(1500),
        check=False,
    )
    assert "Traceback" not in done.stderr, done.stderr[-4000:]
    assert done.returncode == 0, done.stderr[-4000:]
    figures = json.loads(out.read_text())
    assert figures == json.loads(done.stdout)
    failover = figures["failover"]
    assert len(failover["failover_s"]) == len(failover["duplicates_per_failover"]) == 1
    assert failover["failover_median_s"] <= failover["failover_worst_s"]
    assert failover["http_429s"] == 0
    incoming = figures["incoming"]
    for replicas, name in ((1, "one"), (3, "three")):
        run = incoming[name]
        assert run["replicas"] == replicas and run["updates"] == 10
        assert run["handled_per_s"] > 0 and run["replica_cpu_s_per_update"] > 0
        assert 0 < run["machine_busy"] <= 1
    assert incoming["speedup"] > 0
