"""Every verb's --help is readable in an 80-column terminal: each option's name appears
whole (rich's boxed layout cut `--replacement-deadline` to `--replacement-deadli…`) and no
line is wider than the terminal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from bot.cli import app


# Typer carries its own copy of click: its classes are looked at by what they hold.
def verbs(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    if getattr(group, "commands", None):
        for name, command in group.commands.items():
            yield from verbs(command, (*path, name))
    else:
        yield path


def options(path: tuple[str, ...]) -> list[str]:
    command: Any = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    return [o for p in command.params if p.param_type_name == "option" for o in p.opts]


ALL_VERBS = sorted(verbs(typer.main.get_command(app)))


def test_every_verb_is_looked_at() -> None:
    assert ("ballots", "add") in ALL_VERBS and ("turnout",) in ALL_VERBS
    assert len(ALL_VERBS) > 30


@pytest.mark.parametrize("path", ALL_VERBS, ids=" ".join)
def test_help_at_80_columns_shows_every_option_whole(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    words = result.output.replace(",", " ").split()
    for option in options(path):
        assert option in words, f"{' '.join(path)}: {option} not shown whole"
    wide = [line for line in result.output.splitlines() if len(line) > 80]
    assert not wide, wide
