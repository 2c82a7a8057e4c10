"""The README's "Bringing members in" shows commands: each is run here, as written, as its own
`python -m bot` process against the stand-ins, in the order the README gives them, and
does what the README says it does."""

from __future__ import annotations

import csv
import re
import shlex
from pathlib import Path

import pytest

from tests.harness import ROOT
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


async def run(w: World, args: list[str]) -> Done:
    done = await w.cli(*args, MEMBER_KEY=KEY)
    assert done.code == 0, f"{args}: exit {done.code}\n{done.out}\n{done.err}"
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
        saved, shown, applied, one_branch, every_branch = [await run(w, c) for c in commands]
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
