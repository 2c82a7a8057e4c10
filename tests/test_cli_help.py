"""Every verb's --help is readable in an 80-column terminal: each option's name appears
whole (rich's boxed layout cut `--replacement-deadline` to `--replacement-deadli…`) and no
line is wider than the terminal; every option the README shows is in its verb's --help."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from bot.cli import app
from tests.harness import ROOT


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


def readme_commands() -> Iterator[tuple[tuple[str, ...], str]]:
    """Each `campaign-bot VERB ...` the README shows (in code or a code block), as the verb
    it names and what follows the verb."""
    text = (ROOT / "README.md").read_text().replace("\\\n", " ").replace("\\|", "|")
    for shown in re.findall(r"`campaign-bot [^`]+`|^\s*campaign-bot .*$", text, re.M):
        words = shown.strip("` ").split()[1:]
        named = [p for p in ALL_VERBS if [w.split("|")[0] for w in words[: len(p)]] == list(p)]
        if named:
            verb = max(named, key=len)
            yield verb, " ".join(words[len(verb) :])


def test_every_option_the_readme_shows_is_in_its_verbs_help() -> None:
    """Was `campaign-bot chat --help` naming only group:NAME for --in, not dm."""
    shown = list(readme_commands())
    assert (("chat",), "[--as ROLE] [--branch BRANCH] [--in dm|group:NAME]") in shown
    for verb, rest in shown:
        help_text = CliRunner().invoke(app, [*verb, "--help"], env={"COLUMNS": "200"}).output
        for option in re.findall(r"(?<![\w-])--[a-z][a-z-]*", rest):
            assert option in options(verb), f"{' '.join(verb)}: {option} not in --help"
        # the forms an option takes, where the README spells them out: --in dm|group:NAME
        for form in re.findall(r"--[a-z-]+ ([a-z][\w:]*(?:\|[a-z][\w:]*)+)", rest):
            for choice in form.split("|"):
                assert choice in help_text, f"{' '.join(verb)}: {choice} not in --help"


def test_a_value_the_readme_names_is_the_name_its_help_shows() -> None:
    """Was `audit --limit LIMIT` where the README writes `--limit N`, `content check --path
    PATH` for `--path DIR`, `ask --now WHEN` for `--now ISO-8601`: one name for one value,
    in the README and in --help. A single letter is an example (`consult open --question Q
    --option A`), and an option with choices shows them."""
    checked = 0
    for verb, rest in readme_commands():
        help_text = CliRunner().invoke(app, [*verb, "--help"], env={"COLUMNS": "200"}).output
        for option, value in re.findall(r"(?<![\w-])(--[a-z][a-z-]*) ([A-Z][\w.-]+)", rest):
            shown = re.search(rf"^\s+(?:-\w, )?{option} (\S+)", help_text, re.M)
            assert shown is not None, f"{' '.join(verb)}: {option} takes no value in --help"
            if not shown.group(1).startswith("<"):
                assert shown.group(1) == value, (verb, option, value, shown.group(1))
                checked += 1
    assert checked >= 10


def groups(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if getattr(group, "commands", None):
        yield path, group
        for name, command in group.commands.items():
            yield from groups(command, (*path, name))


GROUPS = dict(groups(typer.main.get_command(app)))


@pytest.mark.parametrize("path", list(GROUPS), ids=lambda p: " ".join(p) or "campaign-bot")
def test_a_groups_help_lists_each_command_with_its_whole_first_sentence(
    path: tuple[str, ...],
) -> None:
    """Was cut to one line with "...": "Start the bot: every platform configured in .env, or
    the...", "Cancel a ballot: no further reminders go out..."."""
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    listing = " ".join(result.output.split("Commands:", 1)[1].split())
    assert "..." not in listing, result.output
    for name, command in GROUPS[path].commands.items():
        first = " ".join((command.help or "").split()).split(". ")[0]
        assert first.rstrip(".") in listing, (name, first)
    assert not [line for line in result.output.splitlines() if len(line) > 80]


TYPE_NAMES = re.compile(r"<(str|int|float|path|list\[[^>]*\]|int range|float range)>")


@pytest.mark.parametrize("path", ALL_VERBS, ids=" ".join)
def test_a_value_is_named_by_what_it_is_not_its_python_type(path: tuple[str, ...]) -> None:
    """Was `--branch <list[str]>`, `--title <str>`, `--posting-days <int range>`: Python
    types where the README writes `--branch BRANCH`, `--opens WHEN`."""
    result = CliRunner().invoke(app, [*path, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    # Options, arguments (was `NAME <str>`) and the usage line (was `{NAME}`).
    assert not TYPE_NAMES.search(result.output), result.output
    assert not re.search(r"\{[A-Z-]+\}", result.output.splitlines()[0]), result.output


def test_roles_lists_only_the_roles_it_grants() -> None:
    """Was `ROLE <anyone|member|officer|organiser>`, though `anyone` is refused."""
    for verb in ("grant", "revoke"):
        shown = CliRunner().invoke(app, ["roles", verb, "--help"], env={"COLUMNS": "80"})
        assert shown.output.splitlines()[0].endswith(f"roles {verb} [OPTIONS] WHO ROLE")
        assert "ROLE <member|officer|organiser>" in shown.output and "anyone" not in shown.output
    refused = CliRunner().invoke(app, ["roles", "grant", "telegram:1", "anyone"])
    assert refused.exit_code == 2 and "'anyone' is not one of" in refused.output
