"""Ctrl-C stops a verb even when the process was started with SIGINT ignored, as a shell
script's background job (`campaign-bot standin telegram &`) is, or with SIGINT blocked."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.harness import ROOT


def _ignoring_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # in the child, before exec: inherited


def _blocking_sigint() -> None:
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # inherited too


@pytest.mark.timeout(120)
@pytest.mark.parametrize("started", [_ignoring_sigint, _blocking_sigint])
def test_sigint_stops_a_verb_started_with_sigint_ignored_or_blocked(
    tmp_path: Path, started: Callable[[], None]
) -> None:
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "TELEGRAM_BOT_TOKEN": "",
        "SLACK_BOT_TOKEN": "",
    }
    program = Path(sys.executable).parent / "campaign-bot"
    proc = subprocess.Popen(
        [str(program), "standin", "telegram", "--port", "0"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=started,
    )
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        assert info["platform"] == "telegram"
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 130, err.decode()
        assert "Traceback" not in err.decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
