"""What every verb shares: settings and logging, one event loop around the app, an
operator's error as one line and exit status 2, and output for people and for scripts."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from contextlib import AsyncExitStack
from datetime import datetime
from typing import Annotated, TypeVar
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer import _click as click  # typer's own copy of click, whose classes TyperGroup uses
from typer.core import TyperGroup

from bot import logsetup
from bot.adapters.errors import StartupError
from bot.app import App, build_app
from bot.cli.ending import Stopped, run_bounded
from bot.cluster.identity import ClusterMismatch
from bot.content.loader import ContentError
from bot.core import wording
from bot.core.errors import DomainError
from bot.core.stopping import GRACE
from bot.settings import Settings, SettingsError, load_settings
from bot.storage.database import DatabaseUnreachable, DatabaseUrlError

T = TypeVar("T")
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False)

JsonOption = Annotated[
    bool, typer.Option("--json", help="Print JSON (times in ISO 8601 with their offset).")
]


class WholeSummaries(TyperGroup):
    """A group whose --help lists each command with the whole first sentence of its help,
    wrapped to the terminal: click cut it to fit one line, so a new organiser read "Start
    the bot: every platform configured in .env, or the..." and "Cancel a ballot: no further
    reminders go out...", the part that said what the command does left off."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        for param in getattr(command, "params", ()):
            _name_its_value(param)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _name_its_value(param: click.Parameter) -> None:
    """A value is shown by what it is, as the README writes it (`--branch BRANCH`,
    `ballots show NAME`), not by its Python type (`--branch <list[str]>`, `{name}`): a
    choice keeps its list of choices, a flag takes no value."""
    if param.metavar is not None or getattr(param, "is_flag", False) or param.name is None:
        return
    described = getattr(param, "type_descriptor", None)
    if param.param_type_name == "option" and getattr(described, "is_choice", False):
        return
    name = param.name
    if param.param_type_name == "option":  # as typed: --option, not the parameter "options"
        name = max(param.opts, key=len).lstrip("-").replace("-", "_")
    param.metavar = VALUE_NAMES.get(name, name.upper().replace("_", "-"))
    if param.param_type_name == "argument":
        _an_argument_plainly(param, param.metavar, getattr(described, "is_choice", False))


def _an_argument_plainly(param: click.Parameter, name: str, choice: bool) -> None:
    """`ballots show NAME` in the usage line and NAME alone in the Arguments list, as the
    README writes it: typer shows `{NAME}`, and `NAME <str>` beside its help. A choice
    keeps its list (`ROLE <member|officer|organiser>`). Typer has no setting for either,
    so this one parameter's two display methods are replaced."""
    usage = name if param.required else f"[{name}]"
    usage += "..." if param.nargs != 1 else ""
    # setattr: mypy refuses an assignment to a method
    setattr(param, "_usage_display_name", lambda: usage)  # noqa: B010
    if not choice:
        setattr(param, "display_type_rich", lambda ctx: None)  # noqa: B010


# Values whose own name would say less than what to type ("--opens OPENS").
VALUE_NAMES = {
    "opens": "WHEN",
    "closes": "WHEN",
    "packs_arrive_by": "WHEN",
    "join_by": "WHEN",
    "replacement_deadline": "WHEN",
    "send_at": "WHEN",
    "now": "WHEN",
    "at": "WHEN",
    "out": "FILE",
    "posting_days": "DAYS",
    "threshold": "SHARE",
    "yes_threshold": "SHARE",
    "info_url": "URL",
    "to": "TARGET",
    "var": "KEY=VALUE",
    # as the README's command table writes them
    "limit": "N",
    "days": "N",
    "action": "PREFIX",
    "path": "DIR",
    "messages": "DIR",
    "chart": "FILE.png",
    "petition": "ID",
}


def noun_app(help: str) -> typer.Typer:
    """The verbs of one noun. Their --help is click's plain layout, which wraps to the
    terminal: rich's boxed table cut long option names short at 80 columns
    ("--replacement-deadli…") while leaving a column of blank space beside them."""
    return typer.Typer(help=help, no_args_is_help=True, rich_markup_mode=None, cls=WholeSummaries)


class Fatal(Exception):
    """A problem that is the operator's to fix: one line, exit status 2."""


class Problems(Exception):
    """Several things wrong with what was typed, each naming its field; nothing is saved."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def fail(message: str) -> typer.Exit:
    err.print(f"campaign-bot: {message}", markup=False)
    return typer.Exit(2)


def confirmed(question: str, refused: str) -> bool:
    """The operator's yes, asked on the terminal or read from a pipe (`echo y | …`). With
    nothing to read (a pipe at its end, cron, CI) a refusal that says what to do, exit status
    2: click's own "Aborted!" and status 1 left a script's author to guess that --yes was
    wanted. Ctrl-C at a terminal's prompt still aborts as click does."""
    try:
        return typer.confirm(question)
    except typer.Abort:
        if sys.stdin.isatty():
            raise
        raise fail(f"{refused}: confirm with --yes (no terminal to ask on)") from None


def settings(*, chatty: bool = False) -> Settings:
    """The settings, and logging (always to stderr). A verb that does one thing and ends
    logs warnings only, unless LOG_LEVEL=DEBUG; `chatty` verbs (run, deliver, demo) log at
    LOG_LEVEL."""
    try:
        loaded = load_settings()
    except SettingsError as error:
        raise fail(str(error)) from None
    level = loaded.log_level
    if not chatty and level != "DEBUG":
        level = max(level, "WARNING", key=logging.getLevelNamesMapping().__getitem__)
    logsetup.configure(level, loaded.secrets(), loaded.log_format)
    return loaded


def run_async(
    make: Callable[[], Coroutine[object, object, T]],
    *,
    grace: float = GRACE,
    serves: bool = False,
) -> T:
    """Run one coroutine; known operator errors become lines on stderr and exit status 2.
    SIGTERM or SIGINT stops it, and its end is bounded by `grace` (bot/cli/ending.py). Once
    stopped, a verb that `serves` until then ends with status 0; any other with 130 after
    SIGINT (Ctrl-C), 143 after SIGTERM, as a shell reports a process a signal ended."""
    try:
        return run_bounded(make, grace)
    except Stopped as stopped:
        raise typer.Exit(0 if serves else 128 + stopped.signum) from None
    except (
        SettingsError,
        DatabaseUrlError,
        DatabaseUnreachable,
        ClusterMismatch,
        Fatal,
        StartupError,
        DomainError,
    ) as error:
        raise fail(str(error)) from None
    except Problems as error:
        for problem in error.problems:
            err.print(f"campaign-bot: {problem}", markup=False)
        err.print("campaign-bot: nothing was saved", markup=False)
        raise typer.Exit(2) from None
    except ContentError as error:
        for problem in error.problems:
            err.print(f"campaign-bot: {problem}", markup=False)
        raise typer.Exit(2) from None
    except OSError as error:
        raise fail(f"cannot reach the database or a service: {error}") from None
    except KeyboardInterrupt:  # before or after the loop runs
        raise typer.Exit(130) from None


async def with_app(cfg: Settings, work: Callable[[App], Awaitable[T]]) -> T:
    """Build the app (store migrated, content loaded), run `work` on it, close it all."""
    async with AsyncExitStack() as stack:
        return await work(await build_app(cfg, stack))


def on_app(work: Callable[[App], Awaitable[T]], cfg: Settings | None = None) -> T:
    """Settings, the app and one event loop around `work`; what it returns comes back."""
    loaded = cfg or settings()
    return run_async(lambda: with_app(loaded, work), grace=loaded.shutdown_grace_seconds)


# Output --------------------------------------------------------------------------------


def say(text: str) -> None:
    """Lines for a person, exactly as written (no markup), never re-wrapped."""
    print(text)


def print_json(data: object, *, indent: int | None = 2) -> None:
    print(json.dumps(data, indent=indent, ensure_ascii=False))


def human_time(moment: datetime, zone: ZoneInfo) -> str:
    """A moment as people read it in a table, in the bot's time zone: 'Sun 1 Nov 2026 09:00'
    (bot.core.wording, as everywhere a person reads a time)."""
    return wording.at(moment, zone, short=True)


def iso_time(moment: datetime, zone: ZoneInfo) -> str:
    """A moment for scripts: ISO 8601 in the bot's time zone, with its offset, to the second."""
    return moment.astimezone(zone).isoformat(timespec="seconds")


def show_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    title: str | None = None,
    empty: str | None = None,
) -> None:
    """A table: drawn by rich on a terminal; on a pipe or in a file, plain aligned columns,
    one row per line, so that no value is ever wrapped over two lines (scripts grep it).
    With no rows, `empty` instead, as one plain line: a header row alone left an organiser
    wondering whether the command had worked."""
    if not rows and empty is not None:
        if title:
            say(title)
        say(empty)
        return
    if out.is_terminal:
        table = Table(*columns, title=title)
        for row in rows:
            table.add_row(*(Text(cell) for cell in row))
        out.print(table)
        return
    if title:
        say(title)
    for line in _aligned([list(columns), *([str(c) for c in row] for row in rows)]):
        say(line)


def show_facts(facts: Sequence[tuple[str, str]]) -> None:
    """Label and value pairs, one a line, the values lined up."""
    if out.is_terminal:
        grid = Table.grid(padding=(0, 2))
        for label, value in facts:
            grid.add_row(Text(label), Text(value))
        out.print(grid)
        return
    for line in _aligned([list(fact) for fact in facts]):
        say(line)


def _aligned(lines: list[list[str]]) -> list[str]:
    cells = [[" ".join(cell.split()) for cell in line] for line in lines]
    widths = [max(len(line[i]) for line in cells) for i in range(len(cells[0]))] if cells else []
    return [
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in cells
    ]
