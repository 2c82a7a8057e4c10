"""A listing with nothing to list says so in one plain line and exits 0: a header row
alone left a new organiser wondering whether the command had worked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.harness import ROOT

EMPTY = [
    (["broadcast", "list"], "No broadcasts yet."),
    (["questions", "report"], "No questions were handed off in the last 7 days."),
    (["questions", "report", "--days", "1"], "No questions were handed off in the last 1 day."),
    (["consult", "list"], "No consultations yet."),
    (["roles", "list"], "Nobody holds a role yet."),
    (["audit"], "Nothing in the audit log yet."),
    (["audit", "--action", "/broadcast"], "No actions starting with /broadcast in the audit log."),
]


@pytest.mark.parametrize(("verb", "said"), EMPTY, ids=[" ".join(v) for v, _ in EMPTY])
def test_an_empty_listing_says_so(cli: CliRunner, verb: list[str], said: str) -> None:
    done = cli.invoke(app, verb)
    assert done.exit_code == 0, done.output
    assert done.output.strip() == said


@pytest.mark.parametrize(
    ("verb", "said"),
    [(["ballots", "list"], "No ballots yet."), (["report", "list"], "No meeting reports yet.")],
)
def test_with_no_campaign_content_either(
    cli: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, verb: list[str], said: str
) -> None:
    """Ballots and reports also come from campaigns/: content with only its structure."""
    content = tmp_path / "content"
    content.mkdir()
    shutil.copy(ROOT / "campaigns" / "structure.md", content)
    monkeypatch.setenv("CONTENT_DIR", str(content))
    done = cli.invoke(app, verb)
    assert done.exit_code == 0, done.output
    assert done.output.strip() == said


def test_petition_report_with_no_signatures_says_so(cli: CliRunner) -> None:
    done = cli.invoke(app, ["petition", "report"])
    assert done.exit_code == 0, done.output
    headline, said = done.output.strip().splitlines()
    assert "0 of" in headline and said == "No signatures yet."


def test_the_real_command_on_an_empty_database(tmp_path: Path) -> None:
    """`python -m bot broadcast list` as an organiser types it, in its own process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    env |= {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "LOG_LEVEL": "WARNING",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot", "broadcast", "list"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "No broadcasts yet.\n"
