"""The README's ballot and members' questions examples, run as written (issue 13, point 8):
each `campaign-bot …` line of those sections' ```sh blocks goes through the CLI itself, in
this process (no subprocess: the CLI verbs' own processes are tested elsewhere), on a
temporary database, and must exit 0 without a traceback; where the README shows what an
answer says (a `#` line under the command), the answer says it."""

from __future__ import annotations

import json
import re
import shlex
from datetime import UTC, datetime
from pathlib import Path

from typer.testing import CliRunner

from bot.cli import app
from tests.harness import ROOT

README = (ROOT / "README.md").read_text()


def section(title: str) -> str:
    return README.split(f"\n## {title}")[1].split("\n## ")[0]


def examples(title: str) -> list[tuple[str, list[str]]]:
    """(command, the fragments its `#` lines say the output holds), continuation lines joined."""
    found: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```sh\n(.*?)```", section(title), flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.strip()
            if line.startswith("campaign-bot "):
                found.append((line, []))
            elif line.startswith("#") and found:
                said = line.lstrip("#").strip()
                found[-1][1].extend(p.strip() for p in said.split("…") if len(p.strip()) > 3)
    return found


def argv(command: str) -> list[str]:
    words = shlex.split(command, comments=True)
    assert words[0] == "campaign-bot" and "|" not in words, command
    return words[1:]


def run(cli: CliRunner, command: str) -> str:
    """The command as a person types it at a terminal, answering yes if it asks."""
    result = cli.invoke(app, argv(command), input="y\n")
    assert result.exit_code == 0, (command, result.output)
    assert "Traceback" not in result.output, command
    return result.output


def in_the_future(command: str) -> str:
    """The README's pay-2027 ballot as written while 2027 is to come; later, the same ballot
    moved on whole years (a ballot closing in the past is refused, rightly)."""
    years = max(0, datetime.now(UTC).year + 1 - 2027)
    return command.replace("2027", str(2027 + years)) if years else command


def test_the_ballot_sections_commands_run_as_written(cli: CliRunner, tmp_path: Path) -> None:
    commands = [in_the_future(c) for c, _ in examples("For organisers: running a ballot")]
    verbs = [argv(c)[0] + " " + argv(c)[1].split("-")[0] for c in commands]
    assert verbs == [
        "ballots add",
        "ballots show",
        "ballots list",
        "ballots import",
        "ballots cancel",
        "turnout pay",
        "turnout pay",
    ]
    (tmp_path / "electorate.csv").write_text("branch,eligible\ndwp-leeds,120\ndwp-glasgow,80\n")
    *ballot, cancel, chart, as_json = commands
    added = run(cli, ballot[0])
    if ballot[0] == examples("For organisers: running a ballot")[0][0]:
        # As written, the example closes on a working day: it was Easter Monday, and a
        # newcomer copying it met two warnings about the README's own ballot.
        assert "warning" not in added, added
    for command in ballot[1:]:
        run(cli, command)
    # Turnout is shown while the ballot stands; the README cancels it last in its block.
    run(cli, chart)
    assert (tmp_path / "turnout.png").read_bytes()[:4] == b"\x89PNG"
    report = json.loads(run(cli, as_json))
    assert report["eligible"] == 200 and report["yes_threshold"] == 0.4
    assert "cancelled" in run(cli, cancel)


def test_the_ballots_list_grep_in_the_command_line_section_finds_the_nec_close(
    cli: CliRunner,
) -> None:
    assert "campaign-bot ballots list | grep '11 May'" in section("The command line")
    listed = run(cli, "campaign-bot ballots list").splitlines()
    assert [line for line in listed if "11 May" in line and "nec-2023" in line]


def test_the_members_questions_examples_answer_as_shown(cli: CliRunner) -> None:
    shown = examples("Members' questions")
    assert len([c for c, _ in shown if c.startswith("campaign-bot ask ")]) >= 5
    for command, said in shown:
        output = " ".join(run(cli, command).split())
        for fragment in said:
            assert fragment in output, (command, fragment, output)
