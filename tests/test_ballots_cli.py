"""campaign-bot ballots … and campaign-bot turnout: bad input is named and nothing saved."""

from __future__ import annotations

import json
import os
import pty
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from bot.cli import app
from bot.services.electorate import ElectorateError, parse_electorate

BRANCHES = {"dwp-leeds", "dwp-glasgow", "hmrc-liverpool"}


def count(tmp_path: Path, sql: str) -> int:
    db = sqlite3.connect(tmp_path / "bot.db")
    try:
        return int(db.execute(sql).fetchone()[0])
    finally:
        db.close()


ADD = [
    "ballots",
    "add",
    "pay-2030",
    "--title",
    "Pay ballot 2030",
    "--kind",
    "statutory_postal",
    "--opens",
    "2030-03-04 09:00",
    "--closes",
    "2030-04-01 12:00",
    "--replacement-deadline",
    "2030-03-25 17:00",
    "--yes-threshold",
    "0.4",
    "--group",
    "dwp",
]


def test_add_show_list_cancel(cli: CliRunner, tmp_path: Path) -> None:
    added = cli.invoke(app, ADD)
    assert added.exit_code == 0, added.output
    assert "added with 6 reminders" in added.output
    shown = cli.invoke(app, ["ballots", "show", "pay-2030"])
    assert shown.exit_code == 0
    # 1 April 2030 is a Monday: Fri 29, Thu 28, Wed 27 March count; post by Wednesday.
    assert "Wednesday 27 March 2030" in shown.output
    assert "last-posting-day" in shown.output and "group dwp" in shown.output
    listed = cli.invoke(app, ["ballots", "list"])
    assert "pay-2030" in listed.output and "coming" in listed.output
    again = cli.invoke(app, ADD)
    assert again.exit_code == 2 and "already exists" in again.output
    cancelled = cli.invoke(app, ["ballots", "cancel", "pay-2030", "--yes"])
    assert cancelled.exit_code == 0, cancelled.output
    assert count(tmp_path, "SELECT count(*) FROM reminders WHERE ballot = 'pay-2030'") == 0
    missing = cli.invoke(app, ["ballots", "show", "nope"])
    assert missing.exit_code == 2 and "no ballot called 'nope'" in missing.output


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("--closes", "2030-03-01 12:00"), "--closes: must be after opens"),
        (("--opens", "next tuesday"), "--opens: could not read 'next tuesday'"),
        (("--replacement-deadline", "2030-05-01"), "--replacement-deadline: must fall between"),
        (("--group", "nowhere"), "--group: unknown group 'nowhere'"),
        (("--yes-threshold", "40"), "--yes-threshold: must be a share"),
    ],
)
def test_bad_ballot_names_the_field_and_saves_nothing(
    cli: CliRunner, tmp_path: Path, change: tuple[str, str], field: str
) -> None:
    args = list(ADD)
    args[args.index(change[0]) + 1] = change[1]
    result = cli.invoke(app, args)
    assert result.exit_code == 2
    assert field in result.output and "nothing was saved" in result.output
    assert "Traceback" not in result.output
    assert count(tmp_path, "SELECT count(*) FROM ballots WHERE name = 'pay-2030'") == 0


def test_electorate_import_and_turnout_report(cli: CliRunner, tmp_path: Path) -> None:
    assert cli.invoke(app, ADD).exit_code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("branch,eligible\ndwp-leeds,120\nnowhere,5\ndwp-glasgow,lots\n")
    result = cli.invoke(app, ["ballots", "import-electorate", str(bad), "--ballot", "pay-2030"])
    assert result.exit_code == 2
    assert "row 3: unknown branch 'nowhere'" in result.output
    assert "row 4: eligible must be a whole number of members, not 'lots'" in result.output
    assert count(tmp_path, "SELECT count(*) FROM ballot_electorate") == 0  # not even row 2

    # Excel's plain "CSV" is Windows-1252: one line naming where, not Python's codec message.
    excel = tmp_path / "excel.csv"
    excel.write_bytes("branch,eligible\ndwp-leeds,120\n# Caf\u00e9 staff\n".encode("cp1252"))
    result = cli.invoke(app, ["ballots", "import-electorate", str(excel), "--ballot", "pay-2030"])
    assert result.exit_code == 2
    assert "line 3: not UTF-8 text; export or save it as CSV UTF-8" in result.output
    assert "codec" not in result.output and "Traceback" not in result.output

    good = tmp_path / "electorate.csv"
    good.write_text("branch,eligible\ndwp-leeds,120\ndwp-glasgow,80\n")
    # With one ballot still to come, --ballot may be left out.
    result = cli.invoke(app, ["ballots", "import-electorate", str(good)])
    assert result.exit_code == 0, result.output
    assert "200 members in 2 branches" in result.output

    chart = tmp_path / "turnout.png"
    result = cli.invoke(app, ["turnout", "pay-2030", "--json", "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert (report["eligible"], report["reported"], report["needed"]) == (200, 0, 100)
    assert [b["branch"] for b in report["branches"]] == ["dwp-glasgow", "dwp-leeds"]
    assert report["yes_threshold"] == 0.4
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_turnout_without_electorate_says_how_to_add_one(cli: CliRunner) -> None:
    result = cli.invoke(app, ["turnout", "nec-2023"])
    assert result.exit_code == 2
    assert "ballots import-electorate" in result.output


# --- the electorate parser -------------------------------------------------------------

branch = st.sampled_from(sorted(BRANCHES))


@given(st.dictionaries(branch, st.integers(min_value=0, max_value=10**6), min_size=1))
def test_well_formed_files_round_trip(rows: dict[str, int]) -> None:
    text = "branch,eligible\n" + "".join(f"{b}, {n}\n" for b, n in rows.items())
    assert parse_electorate(text, BRANCHES) == rows


@given(st.text(max_size=200))
def test_any_text_is_parsed_or_refused_with_reasons(text: str) -> None:
    try:
        found = parse_electorate(text, BRANCHES)
    except ElectorateError as error:
        assert error.problems and all(isinstance(p, str) and p for p in error.problems)
    else:
        assert found and set(found) <= BRANCHES and all(n >= 0 for n in found.values())


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("dwp-leeds,1\ndwp-leeds,2\n", "row 2: branch 'dwp-leeds' appears twice"),
        ("dwp-leeds,1,2\n", "row 1: expected 2 fields"),
        ("dwp-leeds,-4\n", "row 1: eligible must be a whole number"),
        ("dwp-leeds,4.5\n", "row 1: eligible must be a whole number"),
        ("branch,eligible\n", "no rows"),
    ],
)
def test_bad_rows(text: str, problem: str) -> None:
    with pytest.raises(ElectorateError) as caught:
        parse_electorate(text, BRANCHES)
    assert any(problem in p for p in caught.value.problems)


def _cancel(stdin: int, *extra: str) -> subprocess.Popen[bytes]:
    """`python -m bot ballots cancel pay-2030` in its own process, on the cli fixture's
    database (its settings are this process's environment)."""
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "ballots", "cancel", "pay-2030", *extra],
        stdin=stdin,
        stdout=subprocess.PIPE if stdin == subprocess.DEVNULL else stdin,
        stderr=subprocess.PIPE if stdin == subprocess.DEVNULL else stdin,
    )


def test_cancel_with_no_terminal_says_to_confirm_with_yes(cli: CliRunner, tmp_path: Path) -> None:
    assert cli.invoke(app, ADD).exit_code == 0
    proc = _cancel(subprocess.DEVNULL)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, err
    assert err.decode() == (
        "campaign-bot: not cancelled: confirm with --yes (no terminal to ask on)\n"
    )
    assert b"Aborted" not in out + err
    assert (
        count(tmp_path, "SELECT count(*) FROM ballots WHERE name = 'pay-2030' AND NOT cancelled")
        == 1
    )
    proc = _cancel(subprocess.DEVNULL, "--yes")
    assert proc.communicate(timeout=120) and proc.returncode == 0
    assert (
        count(tmp_path, "SELECT count(*) FROM ballots WHERE name = 'pay-2030' AND NOT cancelled")
        == 0
    )


@pytest.mark.parametrize(("answer", "code", "left"), [(b"n\n", 1, 1), (b"y\n", 0, 0)])
def test_cancel_on_a_terminal_still_asks(
    cli: CliRunner, tmp_path: Path, answer: bytes, code: int, left: int
) -> None:
    assert cli.invoke(app, ADD).exit_code == 0
    leader, follower = pty.openpty()
    try:
        proc = _cancel(follower)
        os.close(follower)
        asked = b""
        while b"[y/N]" not in asked:
            asked += os.read(leader, 1024)
        assert b"Cancel ballot pay-2030 and its remaining reminders?" in asked
        os.write(leader, answer)
        assert proc.wait(timeout=120) == code
    finally:
        os.close(leader)
    assert (
        count(tmp_path, "SELECT count(*) FROM ballots WHERE name = 'pay-2030' AND NOT cancelled")
        == left
    )
