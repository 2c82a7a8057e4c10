"""`campaign-bot ballots add|list|show|cancel|import-electorate`: ballots entered by organisers."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from bot.app import App
from bot.cli.common import (
    Fatal,
    JsonOption,
    Problems,
    confirmed,
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
from bot.core import wording
from bot.core.caller import Caller
from bot.core.errors import Ambiguous, InvalidInput, NoneOpen
from bot.core.errors import Problems as Refused
from bot.core.models import BallotKind
from bot.core.results import BallotAdded, BallotDetails, BallotSpec, ElectorateImported
from bot.core.wording import counted

app = noun_app("Add, list, show and cancel ballots; import a ballot's electorate per branch.")
DATE_FORMS = (
    "'2026-12-01 09:00', '2026-12-01' (the whole day: the start for --opens, the end for "
    "deadlines), or ISO 8601 with an offset"
)
BallotName = Annotated[str, typer.Argument(help="The ballot's short name.")]
OPERATOR = Caller.operator()


def as_options(error: Refused) -> Problems:
    """The service names fields; the organiser typed options (and the argument NAME)."""
    return Problems(
        [
            f"{'' if field == 'name' else '--'}{field.replace('_', '-')}: {problem}"
            for field, problem in error.problems
        ]
    )


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
    spec = BallotSpec(
        name, title, kind.value, opens, closes, packs_arrive_by, join_by, replacement_deadline,
        posting_days, group, tuple(branch or ()), threshold, yes_threshold, info_url,
    )  # fmt: skip
    added = on_app(lambda app: add_ballot(app, spec))
    say(f"Ballot {name} added with {counted(added.reminders, 'reminder')}.")
    for note in added.notes:
        say(f"  {note}")
    for warning in added.warnings:
        say(f"  warning: {warning}")
    say(f"See: campaign-bot ballots show {name}")


async def add_ballot(app: App, spec: BallotSpec) -> BallotAdded:
    try:
        return await app.services.ballots.add(spec, OPERATOR)
    except Refused as error:
        raise as_options(error) from None


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
            f"{row.reminders_sent} of {len(row.reminders)} sent",
        )
        for row in found
    ]
    show_table(
        ("name", "title", "kind", "opens", "closes", "state", "reminders"),
        rows,
        empty="No ballots yet.",
    )


async def list_ballots(app: App) -> list[BallotDetails]:
    ballots = app.services.ballots
    return [await ballots.details(b.name) for b in await ballots.all()]


def _listed_json(row: BallotDetails, zone: ZoneInfo) -> dict[str, object]:
    return {
        "name": row.ballot.name,
        "title": row.ballot.title,
        "kind": row.ballot.kind.value,
        "opens_at": iso_time(row.ballot.opens_at, zone),
        "closes_at": iso_time(row.ballot.closes_at, zone),
        "state": row.state,
        "reminders_sent": row.reminders_sent,
        "reminders_planned": len(row.reminders),
    }


@app.command("show")
def show(name: BallotName) -> None:
    """A ballot's key dates, electorate, reported votes and reminder plan."""
    cfg = settings()
    shown = on_app(lambda app: app.services.ballots.details(name), cfg)
    zone = cfg.zone

    def at(moment: datetime | None) -> str:
        return wording.at_zoned(moment, zone) if moment else "—"

    b = shown.ballot
    scope = (
        f"group {b.scope_group}" if b.scope_group else ", ".join(b.scope_branches)
    ) or "the whole union"
    yes = f", yes ≥ {b.yes_threshold:.0%} of electorate" if b.yes_threshold else ""
    posting = shown.last_posting_day
    eligible = shown.electorate
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
            ("last safe posting day", wording.day(posting) if posting else "—"),
            ("closes", f"{at(b.closes_at)} ({shown.time_left})"),
            ("thresholds", f"turnout ≥ {b.turnout_threshold:.0%}{yes}"),
            (
                "electorate",
                f"{sum(eligible.values())} in {counted(len(eligible), 'branch')}"
                if eligible
                else "not entered",
            ),
            ("told the bot they voted", str(sum(shown.banked.values()))),
        ]
    )
    plan = [(r.kind, at(r.fire_at), r.state.value) for r in shown.reminders]
    show_table(("reminder", "when", "state"), plan)


@app.command("cancel")
def cancel(
    name: BallotName,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Cancel a ballot: no further reminders go out (reminders already sent stay sent)."""
    asked = f"Cancel ballot {name} and its remaining reminders?"
    if not yes and not confirmed(asked, "not cancelled"):
        raise typer.Exit(1)
    ballot = on_app(lambda app: app.services.ballots.cancel(name, OPERATOR))
    say(f"Ballot {ballot.name} cancelled; no more reminders will go out for it.")


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
        raw = file.read_bytes()
    except OSError as error:
        raise fail(f"{file}: cannot read it: {error.strerror or error}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:  # Excel's plain "CSV" is Windows-1252
        line = raw[: error.start].count(b"\n") + 1
        raise fail(f"{file}: line {line}: not UTF-8 text; export or save it as CSV UTF-8") from None

    async def work(app: App) -> ElectorateImported:
        try:
            return await app.services.ballots.import_electorate(ballot, text, OPERATOR)
        except Refused as error:
            raise Problems([f"{file}: {problem}" for _, problem in error.problems]) from None
        except Ambiguous as error:
            raise Fatal(
                "--ballot: more than one ballot is open or coming up; name one: "
                + ", ".join(error.names)
            ) from None
        except NoneOpen:
            raise Fatal(
                "--ballot: no ballot is open or coming up; add one first (campaign-bot ballots add)"
            ) from None
        except InvalidInput as error:
            raise Fatal(f"--ballot: {error.problem}") from None

    saved = on_app(work)
    say(
        f"Electorate of {saved.ballot}: {counted(saved.members, 'member')} in "
        f"{counted(saved.branches, 'branch')}."
    )
