"""The README's "Bringing members in" shows commands: each is run here, as written, as its own
`python -m bot` process against the stand-ins, in the order the README gives them, and
does what the README says it does. And `make run` itself, on a fresh checkout, writes the
MEMBER_KEY that the membership list then uses."""

from __future__ import annotations

import csv
import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import ROOT
from tests.limits import within
from tests.ports import free_port
from tests.test_cli_verbs import Done, World, world

KEY = "readme-member-key-" + "0" * 32


def shown_commands() -> list[list[str]]:
    """Every `campaign-bot ...` line of the section's sh blocks, comments dropped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Bringing members in")[1].split("\n## ")[0]
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", section, re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words:
                assert words[0] == "campaign-bot", line
                lines.append(words[1:])
    return lines


def write_list(path: Path, rows: list[tuple[str, str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["membership_number", "branch", "email", "name"])
        out.writerows([*row, "Someone"] for row in rows)


async def run(w: World, args: list[str], code: int = 0) -> Done:
    done = await w.cli(*args, MEMBER_KEY=KEY)
    assert done.code == code, f"{args}: exit {done.code}\n{done.out}\n{done.err}"
    assert "Traceback" not in done.err, done.err
    return done


@pytest.mark.slow
async def test_the_readmes_members_commands_do_what_it_says(tmp_path: Path) -> None:
    commands = shown_commands()
    assert [c[:2] for c in commands] == [["members", "import"]] * 3 + [["members", "invites"]] * 2
    first = [("100001", "dwp-leeds", "ann@example.org"), ("100002", "DWP Leeds", "")]
    first += [("100003", "hmrc-liverpool", ""), ("100004", "hmrc-liverpool", "")]
    write_list(tmp_path / "members.csv", first)
    # June: 100004 has gone (lapses), 100002 moved branch, 100005 is new.
    june = [first[0], ("100002", "hmrc-liverpool", ""), first[2], ("100005", "dwp-leeds", "")]
    write_list(tmp_path / "members-june.csv", june)
    async with world(tmp_path) as w:
        # the second, with a member lapsing and no --yes, is shown and not saved: exit 3
        codes = (0, 3, 0, 0, 0)
        saved, shown, applied, one_branch, every_branch = [
            await run(w, c, code) for c, code in zip(commands, codes, strict=True)
        ]
    assert re.search(r"^added\s+4$", saved.out, re.M) and "Saved." in saved.out
    # A sync where someone would lapse is shown first, and saved only with --yes.
    assert "Dry run: nothing was saved." in shown.out and "--yes" in shown.out
    for done in (shown, applied):
        assert re.search(r"^added\s+1$", done.out, re.M), done.out
        assert re.search(r"^moved branch\s+1$", done.out, re.M), done.out
        assert re.search(r"^lapsed\s+1$", done.out, re.M), done.out
    assert "Saved." in applied.out
    # Invites from the file last imported: one branch's, then everyone's.
    assert "Wrote 2 invites" in one_branch.out  # dwp-leeds: 100001 and 100005
    assert "Wrote 4 invites" in every_branch.out
    invites = (tmp_path / "invites.csv").read_text().splitlines()
    assert [row.split(",")[0] for row in invites[1:]] == ["100001", "100002", "100003", "100005"]
    assert (tmp_path / "invites.csv").stat().st_mode & 0o077 == 0


def fresh_checkout(folder: Path) -> Path:
    """What `make run` needs of a checkout (the set-up .venv shared), and no .env."""
    folder.mkdir()
    for name in ("Makefile", "pyproject.toml", ".venv", "scripts", "campaigns", "messages"):
        (folder / name).symlink_to(ROOT / name)
    (folder / ".env.example").write_text((ROOT / ".env.example").read_text())
    return folder


def make_run(checkout: Path, port: int) -> subprocess.CompletedProcess[str]:
    """`make run`, chatting in the terminal (no tokens): one message, then end of input."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    for name in ("MEMBER_KEY", "DATABASE_URL", "CONTENT_DIR", "MESSAGES_DIR", "LOG_LEVEL"):
        env.pop(name, None)
    env["HTTP_PORT"] = str(port)  # not .env's 8080, which another test may hold
    return subprocess.run(
        ["make", "run"],
        cwd=checkout,
        env=env,
        input="/help\n",
        text=True,
        capture_output=True,
        timeout=within(180),
        check=False,
    )


@pytest.mark.slow
def test_make_run_writes_the_key_the_list_then_uses(tmp_path: Path) -> None:
    checkout = fresh_checkout(tmp_path / "checkout")
    port = free_port()
    ran = make_run(checkout, port)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "Generated MEMBER_KEY in .env" in ran.stdout
    env = checkout / ".env"
    keys = [line for line in env.read_text().splitlines() if line.startswith("MEMBER_KEY=")]
    assert len(keys) == 1 and re.fullmatch(r"MEMBER_KEY=[0-9a-f]{64}", keys[0])
    assert env.stat().st_mode & 0o077 == 0
    assert (checkout / "campaign-bot.db").exists()  # migrated, and the bot ran on it
    # The bot reads that key from .env: the list can be imported with nothing else set.
    write_list(checkout / "members.csv", [("100001", "dwp-leeds", "")])
    env_without = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    for name in ("MEMBER_KEY", "DATABASE_URL", "CONTENT_DIR", "MESSAGES_DIR"):
        env_without.pop(name, None)
    imported = subprocess.run(
        [sys.executable, "-m", "bot", "members", "import", "members.csv"],
        cwd=checkout,
        env=env_without,
        capture_output=True,
        text=True,
        timeout=within(60),
        check=False,
    )
    assert imported.returncode == 0 and "Saved." in imported.stdout, imported.stderr
    # A second `make run` keeps the key: the list's hashes stay valid.
    again = make_run(checkout, port)
    assert again.returncode == 0 and "Generated MEMBER_KEY" not in again.stdout
    assert [k for k in env.read_text().splitlines() if k.startswith("MEMBER_KEY=")] == keys


@pytest.mark.slow
def test_the_members_benchmark_command_runs(tmp_path: Path) -> None:
    """`python -m benchmarks.members`, whose figures the README gives, at a small size."""
    command = [sys.executable, "-m", "benchmarks.members", "--rows", "2000", "--joins", "8"]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=within(300), check=False
    )
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    # 1% of 2,000 rows changed: 5 gone, 5 renumbered (added, and their old number lapsed),
    # 10 moved branch; two dwp-leeds members joined and were approved.
    changes = (figures["resync_added"], figures["resync_moved"], figures["resync_lapsed"])
    assert changes == (5, 10, 10) and figures["joins"] == 2
    assert figures["import_peak_rss_mb"] > 0 and figures["resync_s"] > 0
    assert 0 < figures["request_to_officer_s_median"] <= figures["request_to_officer_s_worst"]
