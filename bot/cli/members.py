"""`campaign-bot members import|invites|report`: the union's membership list in the bot.

The store keeps only keyed hashes of membership numbers and emails, so invites are made from
the membership file itself: the numbers come from it, and go back out in the invite file."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from bot.app import App
from bot.cli.common import (
    Fatal,
    JsonOption,
    Problems,
    fail,
    human_time,
    iso_time,
    noun_app,
    on_app,
    print_json,
    say,
    settings,
    show_facts,
    show_table,
)
from bot.core.caller import Caller
from bot.core.errors import Problems as Refused
from bot.core.membership import ListChanges
from bot.core.results import BranchReach, InviteLine, InvitesMade, ListImported, MembersReport
from bot.core.wording import counted
from bot.settings import Settings

if TYPE_CHECKING:
    from _csv import Writer as CsvWriter

app = noun_app(
    "The union's membership list: import it, make invites from it, see each branch's reach."
)
OPERATOR = Caller.operator()
File = Annotated[
    Path,
    typer.Argument(
        help="CSV with a header naming membership_number and branch (and email, if you have it)."
    ),
]
INVITE_COLUMNS = (
    "membership_number",
    "branch",
    "email",
    "code",
    "telegram_link",
    "slack",
    "expires",
)


def _lines(path: Path) -> Callable[[], Iterator[bytes]]:
    """The file, read from the start at each call, a line at a time."""

    def read() -> Iterator[bytes]:
        with path.open("rb") as handle:
            yield from handle

    return read


def _readable(path: Path) -> Path:
    if not path.is_file():
        raise fail(f"FILE: no such file {str(path)!r}")
    return path


def _by_row(name: str, error: Refused) -> Problems:
    """The service's problems, each on its own line naming the file and row."""
    return Problems([f"{name}: {problem}" for _, problem in error.problems])


async def importing(app: App, path: Path, apply: bool | None) -> ListImported:
    try:
        return await app.services.membership.import_list(_lines(path), apply, OPERATOR)
    except Refused as error:
        raise _by_row(path.name, error) from None


# Exit statuses a script can act on; 2 stays a file or setting to fix (nothing saved).
WOULD_CHANGE = 1  # --dry-run found changes to make: nothing saved
NEEDS_YES = 3  # members would lapse and --yes was not given: nothing saved


IMPORT_EXITS = (
    "Exit status: 0 saved, or nothing to change; 1 a --dry-run that found changes (nothing"
    " saved); 2 the file or a setting has problems (nothing saved); 3 members would lapse:"
    " nothing saved without --yes."
)


@app.command("import", epilog=IMPORT_EXITS)
def import_list(
    file: File,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; save nothing.")
    ] = False,
    yes: Annotated[
        bool, typer.Option("--yes", help="Apply even when members would lapse.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Sync the list with the union's membership file: members added, moved branch, and
    lapsed (not in the file). When any would lapse, this is a dry run unless --yes."""
    if dry_run and yes:
        raise fail("--dry-run and --yes: choose one")
    path, apply = _readable(file), (False if dry_run else True if yes else None)
    done = on_app(lambda app: importing(app, path, apply))
    show_import(done, path, as_json)
    if done.needs_yes:
        raise typer.Exit(NEEDS_YES)
    if not done.applied and _changes(done.changes):
        raise typer.Exit(WOULD_CHANGE)


def _changes(c: ListChanges) -> int:
    return c.added + c.moved + c.lapsed + c.emails_changed


def show_import(done: ListImported, path: Path, as_json: bool) -> None:
    c = done.changes
    if as_json:
        extra = {"branches": dict(c.branches), "ignored_columns": list(done.ignored_columns)}
        print_json(asdict(c) | extra | {"applied": done.applied, "needs_yes": done.needs_yes})
        return
    lapsed = f"{c.lapsed:,}" + (
        f" ({c.lapsed_in_chat:,} in chat: they lose the member role)" if c.lapsed_in_chat else ""
    )
    say(f"Membership list from {path.name}:")
    show_facts(
        [
            ("members in the file", f"{c.rows:,}"),
            ("added", f"{c.added:,}"),
            ("moved branch", f"{c.moved:,}"),
            ("lapsed", lapsed),
            ("unchanged", f"{c.unchanged:,}"),
            ("emails changed", f"{c.emails_changed:,}"),
        ]
    )
    if done.ignored_columns:
        say("Ignored columns: " + ", ".join(done.ignored_columns))
    if done.applied:
        say("Saved." if _changes(c) else "Saved: nothing had changed since the last import.")
    elif done.needs_yes:
        who = f"{c.lapsed:,} member{'s' if c.lapsed != 1 else ''}"
        say(f"Dry run: nothing was saved. {who} would lapse: check the file,")
        say(f"then run again with --yes to apply: campaign-bot members import {path} --yes")
    elif _changes(c):
        again = "with --yes" if c.lapsed else "without --dry-run"
        say(f"Dry run: nothing was saved. Run again {again} to make these changes.")
    else:
        say("Dry run: nothing to change; the list already matches the file.")


@app.command("invites")
def invites(
    file: File,
    out: Annotated[Path, typer.Option("--out", help="Where to write the invites (CSV).")],
    branch: Annotated[
        str | None, typer.Option("--branch", help="Only this branch's members.")
    ] = None,
    all_branches: Annotated[bool, typer.Option("--all", help="Every branch's members.")] = False,
) -> None:
    """A one-time invite code for each member in the file not yet in chat, with a Telegram
    link and the Slack command, for the union to send through its own email or SMS. A new
    invite replaces the member's earlier one; codes expire after INVITE_DAYS."""
    if (branch is None) == (not all_branches):
        raise fail("--branch NAME or --all: say which members to invite")
    path, cfg = _readable(file), settings()
    partial = out.with_name(out.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with open(descriptor, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            made = on_app(lambda app: inviting(app, cfg, path, branch, writer), cfg)
    except BaseException:  # whatever ended it, no half-written invite file is left
        partial.unlink(missing_ok=True)
        raise
    partial.replace(out)
    until = human_time(made.expires_at, cfg.zone)
    say(f"Wrote {counted(made.written, 'invite')} to {out}; the codes work until {until}.")
    say("The file holds the codes in clear: keep it safe, and delete it once the invites are sent.")
    if made.already_in_chat:
        already = counted(made.already_in_chat, "member")
        are = "is" if made.already_in_chat == 1 else "are"
        say(f"{already} {are} already in chat: no invite made for them.")
    if not made.telegram_links:
        say("No Telegram links: set TELEGRAM_BOT_USERNAME (or TELEGRAM_BOT_TOKEN) to add them.")


async def inviting(
    app: App, cfg: Settings, path: Path, branch: str | None, writer: CsvWriter
) -> InvitesMade:
    username = await bot_username(cfg)
    writer.writerow(INVITE_COLUMNS)

    def write(line: InviteLine) -> None:
        expires = iso_time(line.expires_at, cfg.zone)
        fields = [line.number, line.branch, line.email, line.code, line.telegram_link]
        writer.writerow([*fields, line.slack, expires])

    try:
        return await app.services.membership.invites(
            _lines(path), branch, username, write, OPERATOR
        )
    except Refused as error:
        raise _by_row(path.name, error) from None


async def bot_username(cfg: Settings) -> str | None:
    """For the deep links: TELEGRAM_BOT_USERNAME, or Telegram's getMe when there is a token."""
    if cfg.telegram_bot_username:
        return cfg.telegram_bot_username
    if cfg.telegram_bot_token is None:
        return None
    base = str(cfg.telegram_api_base_url or "https://api.telegram.org").rstrip("/")
    url = f"{base.removesuffix('/bot')}/bot{cfg.telegram_bot_token.get_secret_value()}/getMe"
    import aiohttp  # here: every other verb starts without it

    try:
        timeout = aiohttp.ClientTimeout(total=15)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(url) as response:
                data = await response.json(content_type=None)
    except (aiohttp.ClientError, TimeoutError, ValueError):
        # Never the error itself: its text holds the URL, and the URL the token.
        raise Fatal(
            "cannot ask Telegram for the bot's username (getMe); set TELEGRAM_BOT_USERNAME"
        ) from None
    found = data.get("result") if isinstance(data, dict) and data.get("ok") else None
    username = found.get("username") if isinstance(found, dict) else None
    if not isinstance(username, str) or not username:
        raise Fatal(
            "Telegram refused getMe (check TELEGRAM_BOT_TOKEN, or set TELEGRAM_BOT_USERNAME)"
        )
    return username


@app.command("report")
def report(as_json: JsonOption = False) -> None:
    """Per branch: members on the list, those the bot can reach in chat (and the share),
    join requests waiting, and members in chat with no record on the list."""
    done = on_app(lambda app: app.services.membership.report(OPERATOR))
    if as_json:
        print_json(report_json(done))
        return
    rows = [
        (
            r.title,
            f"{r.counts.on_list:,}",
            f"{r.counts.in_chat:,}",
            "" if r.share is None else f"{r.share:.0%}",
            f"{r.counts.pending:,}",
            f"{r.counts.not_on_list:,}",
        )
        for r in (*done.branches, done.total)
    ]
    show_table(("branch", "on list", "in chat", "reach", "waiting", "not on list"), rows)
    if not done.list_imported:
        say("No membership list imported yet: campaign-bot members import FILE.csv")


def report_json(done: MembersReport) -> dict[str, object]:
    def row(r: BranchReach) -> dict[str, object]:
        return {"branch": r.branch, "title": r.title, **asdict(r.counts), "share": r.share}

    return {
        "list_imported": done.list_imported,
        "branches": [row(r) for r in done.branches],
        "total": row(done.total),
    }
