"""`campaign-bot ballots add|list|show|cancel|import-electorate`: ballots entered by organisers."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from bot.app import App
from bot.ballots.electorate import ElectorateError, parse_electorate
from bot.cli.common import (
    Fatal,
    JsonOption,
    Problems,
    fail,
    human_time,
    iso_time,
    on_app,
    print_json,
    say,
    settings,
    show_facts,
    show_table,
)
from bot.core.ballots import (
    BALLOT_NAME,
    BALLOT_NAME_RULE,
    check_thresholds,
    date_problems,
    last_safe_posting_day,
    time_left,
)
from bot.core.models import Ballot, BallotKind, Reminder

app = typer.Typer(
    help="Add, list, show and cancel ballots; import a ballot's electorate per branch.",
    no_args_is_help=True,
)
DATE_FORMS = "'2026-12-01 09:00', '2026-12-01' (midnight), or ISO 8601 with an offset"
DATE_OPTIONS = ("opens", "closes", "packs-arrive-by", "join-by", "replacement-deadline")
BallotName = Annotated[str, typer.Argument(help="The ballot's short name.")]


def parse_moment(field: str, text: str, zone: str) -> datetime:
    """A date and time as an organiser typed it, in the bot's time zone unless it has an
    offset; past dates are allowed (ballots can be entered for the record)."""
    try:
        parsed = datetime.fromisoformat(text.strip())
    except ValueError:
        raise Problems([f"--{field}: could not read {text!r}; use {DATE_FORMS}"]) from None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=ZoneInfo(zone))
    return parsed.astimezone(UTC)


async def find_ballot(app: App, name: str) -> Ballot:
    found = await app.store.ballots.get(name.lower())
    if found is None:
        names = ", ".join(b.name for b in await app.store.ballots.all()) or "none yet"
        raise Fatal(f"no ballot called {name!r}; ballots: {names}")
    return found


def state_of(ballot: Ballot, now: datetime) -> str:
    if ballot.cancelled:
        return "cancelled"
    if now < ballot.opens_at:
        return "coming"
    return "open" if now < ballot.closes_at else "closed"


@dataclass(frozen=True)
class Typed:
    """The options of `ballots add`, as typed."""

    name: str
    title: str
    kind: BallotKind
    dates: dict[str, str | None]  # option name (without --) → text
    posting_days: int
    group: str | None
    branches: tuple[str, ...]
    threshold: float
    yes_threshold: float | None
    info_url: str | None


@app.command("add")
def add(
    name: Annotated[str, typer.Argument(help="Short name members type, e.g. pay-2026.")],
    title: Annotated[str, typer.Option(help="Full title, shown to members.")],
    kind: Annotated[BallotKind, typer.Option(help="What sort of ballot it is.")],
    opens: Annotated[str, typer.Option(help=f"Papers posted / voting opens: {DATE_FORMS}.")],
    closes: Annotated[str, typer.Option(help=f"Close of the ballot: {DATE_FORMS}.")],
    packs_arrive_by: Annotated[
        str | None, typer.Option(help="Ballot packs should have arrived by.")
    ] = None,
    join_by: Annotated[str | None, typer.Option(help="New members must join by.")] = None,
    replacement_deadline: Annotated[
        str | None, typer.Option(help="Last time to ask for a replacement paper.")
    ] = None,
    posting_days: Annotated[
        int,
        typer.Option(min=0, max=20, help="Working days before the close to post a paper."),
    ] = 3,
    group: Annotated[str | None, typer.Option(help="Only this group's branches.")] = None,
    branch: Annotated[
        list[str] | None, typer.Option(help="Only these branches (repeat the option).")
    ] = None,
    threshold: Annotated[float, typer.Option(help="Turnout threshold, a share.")] = 0.5,
    yes_threshold: Annotated[
        float | None,
        typer.Option(help="Share of the whole electorate that must vote yes (0.4 for IPS)."),
    ] = None,
    info_url: Annotated[str | None, typer.Option(help="The official information page.")] = None,
) -> None:
    """Add a ballot; its reminders are planned at once and the running bot sends them."""
    typed = (opens, closes, packs_arrive_by, join_by, replacement_deadline)
    dates = dict(zip(DATE_OPTIONS, typed, strict=True))
    options = Typed(
        name, title, kind, dates, posting_days, group, tuple(branch or ()), threshold,
        yes_threshold, info_url,
    )  # fmt: skip
    planned = on_app(lambda app: add_ballot(app, options))
    say(f"Ballot {name} added with {planned} reminders. See: campaign-bot ballots show {name}")


async def add_ballot(app: App, typed: Typed) -> int:
    """Check everything typed, save the ballot and plan its reminders; how many planned."""
    problems: list[str] = []
    if not BALLOT_NAME.fullmatch(typed.name):
        problems.append(f"NAME: {BALLOT_NAME_RULE}")
    elif await app.store.ballots.get(typed.name) is not None:
        problems.append(f"NAME: a ballot called {typed.name!r} already exists")
    moments = _moments(typed.dates, app.settings.bot_timezone, problems)
    problems += _scope_problems(app, typed)
    if problems:
        raise Problems(problems)
    ballot = Ballot(
        name=typed.name,
        title=typed.title.strip(),
        kind=typed.kind,
        opens_at=moments["opens"],
        closes_at=moments["closes"],
        scope_group=typed.group,
        scope_branches=typed.branches,
        turnout_threshold=typed.threshold,
        yes_threshold=typed.yes_threshold,
        packs_arrive_by=moments.get("packs-arrive-by"),
        join_by=moments.get("join-by"),
        replacement_deadline=moments.get("replacement-deadline"),
        posting_days=typed.posting_days,
        info_url=typed.info_url,
    )
    await app.store.ballots.upsert(ballot)
    return await app.ballots.replan(ballot)


def _moments(dates: dict[str, str | None], zone: str, problems: list[str]) -> dict[str, datetime]:
    """The dates that were given and could be read, in UTC; what is wrong goes to problems."""
    moments: dict[str, datetime] = {}
    unread: list[str] = [
        f"--{field}: give a date" for field in ("opens", "closes") if not dates[field]
    ]
    for field, text in dates.items():
        try:
            if text:
                moments[field] = parse_moment(field, text, zone)
        except Problems as error:
            unread += error.problems
    if not unread:
        found = date_problems(
            moments["opens"],
            moments["closes"],
            moments.get("packs-arrive-by"),
            moments.get("join-by"),
            moments.get("replacement-deadline"),
        )
        unread += ["--" + p.replace("_", "-") for p in found]
    problems += unread
    return moments


def _scope_problems(app: App, typed: Typed) -> list[str]:
    problems = [
        "--" + p.replace("_", "-").replace("turnout-threshold", "threshold")
        for p in check_thresholds(typed.threshold, typed.yes_threshold)
    ]
    known = set(app.content.branch_names())
    groups = {g.name for g in app.content.structure.groups}
    if typed.group and typed.group not in groups:
        problems.append(
            f"--group: unknown group {typed.group!r}; groups: {', '.join(sorted(groups))}"
        )
    problems += [f"--branch: unknown branch {b!r}" for b in typed.branches if b not in known]
    if typed.group and typed.branches:
        problems.append("--group and --branch: give one or the other")
    if typed.info_url and not typed.info_url.startswith(("https://", "http://")):
        problems.append("--info-url: must be a web address starting https://")
    if not typed.title.strip():
        problems.append("--title: must not be empty")
    return problems


@dataclass(frozen=True)
class Listed:
    ballot: Ballot
    state: str
    fired: int
    planned: int


@app.command("list")
def list_(as_json: JsonOption = False) -> None:
    """Every ballot, with its state and dates."""
    cfg = settings()
    found = on_app(list_ballots, cfg)
    if as_json:
        print_json([_listed_json(row, cfg.zone) for row in found])
        return
    rows = [
        (
            row.ballot.name,
            row.ballot.title,
            row.ballot.kind.value.replace("_", " "),
            human_time(row.ballot.opens_at, cfg.zone),
            human_time(row.ballot.closes_at, cfg.zone),
            row.state,
            f"{row.fired} of {row.planned} sent",
        )
        for row in found
    ]
    show_table(("name", "title", "kind", "opens", "closes", "state", "reminders"), rows)


async def list_ballots(app: App) -> list[Listed]:
    now = app.clock.now()
    found = []
    for ballot in sorted(await app.store.ballots.all(), key=lambda b: b.opens_at):
        reminders = await app.store.reminders.for_ballot(ballot.name)
        fired = sum(r.state.value == "fired" for r in reminders)
        found.append(Listed(ballot, state_of(ballot, now), fired, len(reminders)))
    return found


def _listed_json(row: Listed, zone: ZoneInfo) -> dict[str, object]:
    return {
        "name": row.ballot.name,
        "title": row.ballot.title,
        "kind": row.ballot.kind.value,
        "opens_at": iso_time(row.ballot.opens_at, zone),
        "closes_at": iso_time(row.ballot.closes_at, zone),
        "state": row.state,
        "reminders_sent": row.fired,
        "reminders_planned": row.planned,
    }


@dataclass(frozen=True)
class Shown:
    ballot: Ballot
    state: str
    last_posting_day: date | None
    time_left: str
    eligible: dict[str, int]
    banked: dict[str, int]
    reminders: list[Reminder]


@app.command("show")
def show(name: BallotName) -> None:
    """A ballot's key dates, electorate, reported votes and reminder plan."""
    cfg = settings()
    shown = on_app(lambda app: show_ballot(app, name), cfg)
    zone = cfg.zone

    def at(moment: datetime | None) -> str:
        return f"{moment.astimezone(zone):%A %d %B %Y, %H:%M %Z}" if moment else "—"

    b = shown.ballot
    scope = (
        f"group {b.scope_group}" if b.scope_group else ", ".join(b.scope_branches)
    ) or "the whole union"
    yes = f", yes ≥ {b.yes_threshold:.0%} of electorate" if b.yes_threshold else ""
    posting = shown.last_posting_day
    eligible = shown.eligible
    show_facts(
        [
            ("title", b.title),
            ("kind", b.kind.value.replace("_", " ")),
            ("state", shown.state),
            ("scope", scope),
            ("opens", at(b.opens_at)),
            ("packs arrive by", at(b.packs_arrive_by)),
            ("join by", at(b.join_by)),
            ("replacement deadline", at(b.replacement_deadline)),
            ("last safe posting day", f"{posting:%A %d %B %Y}" if posting else "—"),
            ("closes", f"{at(b.closes_at)} ({shown.time_left})"),
            ("thresholds", f"turnout ≥ {b.turnout_threshold:.0%}{yes}"),
            (
                "electorate",
                f"{sum(eligible.values())} in {len(eligible)} branches"
                if eligible
                else "not entered",
            ),
            ("told the bot they voted", str(sum(shown.banked.values()))),
        ]
    )
    plan = [(r.kind, at(r.fire_at), r.state.value) for r in shown.reminders]
    show_table(("reminder", "when", "state"), plan)


async def show_ballot(app: App, name: str) -> Shown:
    zone = app.settings.bot_timezone
    now = app.clock.now()
    ballot = await find_ballot(app, name)
    return Shown(
        ballot,
        state_of(ballot, now),
        last_safe_posting_day(ballot, app.ballots.calendar, zone),
        time_left(now, ballot.closes_at, zone),
        await app.store.ballots.electorate(ballot.name),
        await app.store.ballots.banked(ballot.name),
        await app.store.reminders.for_ballot(ballot.name),
    )


@app.command("cancel")
def cancel(
    name: BallotName,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Cancel a ballot: no further reminders go out (reminders already sent stay sent)."""
    if not yes and not typer.confirm(f"Cancel ballot {name} and its remaining reminders?"):
        raise typer.Exit(1)
    say(on_app(lambda app: cancel_ballot(app, name)))


async def cancel_ballot(app: App, name: str) -> str:
    ballot = await find_ballot(app, name)
    if ballot.cancelled:
        return f"Ballot {ballot.name} was already cancelled."
    ballot = replace(ballot, cancelled=True)
    await app.store.ballots.upsert(ballot)
    await app.ballots.replan(ballot)
    return f"Ballot {ballot.name} cancelled; no more reminders will go out for it."


@app.command("import-electorate")
def import_electorate(
    file: Annotated[
        Path, typer.Argument(help="CSV of branch,eligible (a header row is optional).")
    ],
    ballot: Annotated[
        str | None,
        typer.Option(help="The ballot (default: the only one open or coming up)."),
    ] = None,
) -> None:
    """Set a ballot's electorate per branch from a CSV file; all rows or none are saved."""
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise fail(f"{file}: cannot read it: {error}") from None
    saved = on_app(lambda app: set_electorate(app, ballot, str(file), text))
    members, branches = sum(saved.eligible.values()), len(saved.eligible)
    say(f"Electorate of {saved.ballot}: {members} members in {branches} branches.")


@dataclass(frozen=True)
class Electorate:
    ballot: str
    eligible: dict[str, int]  # branch → members entitled to vote


async def set_electorate(app: App, name: str | None, source: str, text: str) -> Electorate:
    found = await _live_ballot(app) if name is None else await find_ballot(app, name)
    try:
        eligible = parse_electorate(text, set(app.content.branch_names()))
    except ElectorateError as error:
        raise ElectorateError([f"{source}: {p}" for p in error.problems]) from None
    await app.store.ballots.set_electorate(found.name, eligible)
    return Electorate(found.name, eligible)


async def _live_ballot(app: App) -> Ballot:
    now = app.clock.now()
    live = [b for b in await app.store.ballots.all() if not b.cancelled and now < b.closes_at]
    if len(live) != 1:
        names = ", ".join(b.name for b in live) or "none"
        raise Fatal(f"--ballot: say which ballot (open or coming: {names})")
    return live[0]
