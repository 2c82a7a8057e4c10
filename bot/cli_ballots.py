"""`campaign-bot ballots ...` and `campaign-bot turnout`: ballots entered by organisers."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from bot.ballots.electorate import ElectorateError, parse_electorate
from bot.core.ballots import (
    BALLOT_NAME,
    BALLOT_NAME_RULE,
    check_thresholds,
    date_problems,
    last_safe_posting_day,
    projected_share,
    time_left,
    turnout,
)
from bot.core.models import Ballot, BallotKind

out = Console(highlight=False)
app = typer.Typer(
    help="Add, list, show and cancel ballots; import a ballot's electorate per branch.",
    no_args_is_help=True,
)
DATE_FORMS = "'2026-12-01 09:00', '2026-12-01' (midnight), or ISO 8601 with an offset"


class Problems(Exception):
    """Several things wrong with what was typed; each line names its field."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


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


def _run(work: Any) -> Any:
    from bot.cli import _with_app, err, run_async, settings

    cfg = settings()
    try:
        return run_async(lambda: _with_app(cfg, work))
    except (Problems, ElectorateError) as error:
        for problem in error.problems:
            err.print(f"campaign-bot: {problem}", markup=False, soft_wrap=True)
        err.print("campaign-bot: nothing was saved", markup=False)
        raise typer.Exit(2) from None


def _fatal(message: str) -> Exception:
    from bot.cli import Fatal

    return Fatal(message)


async def _get(built: Any, name: str) -> Ballot:
    found: Ballot | None = await built.store.ballots.get(name.lower())
    if found is None:
        names = ", ".join(b.name for b in await built.store.ballots.all()) or "none yet"
        raise _fatal(f"no ballot called {name!r}; ballots: {names}")
    return found


def _state(ballot: Ballot, now: datetime) -> str:
    if ballot.cancelled:
        return "cancelled"
    if now < ballot.opens_at:
        return "coming"
    return "open" if now < ballot.closes_at else "closed"


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

    async def work(built: Any) -> str:
        zone = built.settings.bot_timezone
        problems: list[str] = []
        if not BALLOT_NAME.fullmatch(name):
            problems.append(f"NAME: {BALLOT_NAME_RULE}")
        elif await built.store.ballots.get(name) is not None:
            problems.append(f"NAME: a ballot called {name!r} already exists")
        moments: dict[str, datetime | None] = {}
        for field, text in (
            ("opens", opens),
            ("closes", closes),
            ("packs-arrive-by", packs_arrive_by),
            ("join-by", join_by),
            ("replacement-deadline", replacement_deadline),
        ):
            try:
                moments[field] = parse_moment(field, text, zone) if text else None
            except Problems as error:
                problems += error.problems
        if len(moments) == 5 and moments["opens"] and moments["closes"]:
            problems += [
                "--" + p.replace("_", "-")
                for p in date_problems(
                    moments["opens"],
                    moments["closes"],
                    moments["packs-arrive-by"],
                    moments["join-by"],
                    moments["replacement-deadline"],
                )
            ]
        problems += ["--" + p.replace("_", "-") for p in check_thresholds(threshold, yes_threshold)]
        known = set(built.content.branch_names())
        groups = {g.name for g in built.content.structure.groups}
        if group and group not in groups:
            problems.append(
                f"--group: unknown group {group!r}; groups: {', '.join(sorted(groups))}"
            )
        problems += [f"--branch: unknown branch {b!r}" for b in branch or [] if b not in known]
        if group and branch:
            problems.append("--group and --branch: give one or the other")
        if info_url and not info_url.startswith(("https://", "http://")):
            problems.append("--info-url: must be a web address starting https://")
        if not title.strip():
            problems.append("--title: must not be empty")
        if problems:
            raise Problems(problems)
        ballot = Ballot(
            name=name,
            title=title.strip(),
            kind=kind,
            opens_at=moments["opens"],  # type: ignore[arg-type]
            closes_at=moments["closes"],  # type: ignore[arg-type]
            scope_group=group,
            scope_branches=tuple(branch or ()),
            turnout_threshold=threshold,
            yes_threshold=yes_threshold,
            packs_arrive_by=moments["packs-arrive-by"],
            join_by=moments["join-by"],
            replacement_deadline=moments["replacement-deadline"],
            posting_days=posting_days,
            info_url=info_url,
        )
        await built.store.ballots.upsert(ballot)
        planned = await built.ballots.replan(ballot)
        return (
            f"Ballot {name} added with {planned} reminders. See: campaign-bot ballots show {name}"
        )

    out.print(_run(work), markup=False)


@app.command("list")
def list_() -> None:
    """Every ballot, with its state and dates."""

    async def work(built: Any) -> Table:
        tz = ZoneInfo(built.settings.bot_timezone)
        now = built.clock.now()
        table = Table("name", "title", "kind", "opens", "closes", "state", "reminders")
        for ballot in sorted(await built.store.ballots.all(), key=lambda b: b.opens_at):
            reminders = await built.store.reminders.for_ballot(ballot.name)
            fired = sum(r.state.value == "fired" for r in reminders)
            table.add_row(
                ballot.name,
                ballot.title,
                ballot.kind.value.replace("_", " "),
                f"{ballot.opens_at.astimezone(tz):%a %d %b %Y %H:%M}",
                f"{ballot.closes_at.astimezone(tz):%a %d %b %Y %H:%M}",
                _state(ballot, now),
                f"{fired} of {len(reminders)} sent",
            )
        return table

    out.print(_run(work))


@app.command("show")
def show(name: Annotated[str, typer.Argument(help="The ballot's short name.")]) -> None:
    """A ballot's key dates, electorate, reported votes and reminder plan."""

    async def work(built: Any) -> list[Any]:
        zone = built.settings.bot_timezone
        tz = ZoneInfo(zone)
        now = built.clock.now()
        ballot = await _get(built, name)

        def at(moment: datetime | None) -> str:
            return f"{moment.astimezone(tz):%A %d %B %Y, %H:%M %Z}" if moment else "—"

        facts = Table.grid(padding=(0, 2))
        facts.add_row("title", ballot.title)
        facts.add_row("kind", ballot.kind.value.replace("_", " "))
        facts.add_row("state", _state(ballot, now))
        scope = (
            f"group {ballot.scope_group}"
            if ballot.scope_group
            else (", ".join(ballot.scope_branches) or "the whole union")
        )
        facts.add_row("scope", scope)
        facts.add_row("opens", at(ballot.opens_at))
        facts.add_row("packs arrive by", at(ballot.packs_arrive_by))
        facts.add_row("join by", at(ballot.join_by))
        facts.add_row("replacement deadline", at(ballot.replacement_deadline))
        posting = last_safe_posting_day(ballot, built.ballots.calendar, zone)
        facts.add_row("last safe posting day", f"{posting:%A %d %B %Y}" if posting else "—")
        facts.add_row(
            "closes", f"{at(ballot.closes_at)} ({time_left(now, ballot.closes_at, zone)})"
        )
        yes = f", yes ≥ {ballot.yes_threshold:.0%} of electorate" if ballot.yes_threshold else ""
        facts.add_row("thresholds", f"turnout ≥ {ballot.turnout_threshold:.0%}{yes}")
        eligible = await built.store.ballots.electorate(ballot.name)
        banked = await built.store.ballots.banked(ballot.name)
        facts.add_row(
            "electorate",
            f"{sum(eligible.values())} in {len(eligible)} branches" if eligible else "not entered",
        )
        facts.add_row("told the bot they voted", str(sum(banked.values())))
        plan = Table("reminder", "when", "state")
        for reminder in await built.store.reminders.for_ballot(ballot.name):
            plan.add_row(reminder.kind, at(reminder.fire_at), reminder.state.value)
        return [facts, plan]

    for part in _run(work):
        out.print(part)


@app.command("cancel")
def cancel(
    name: Annotated[str, typer.Argument(help="The ballot's short name.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Cancel a ballot: no further reminders go out (reminders already sent stay sent)."""
    if not yes and not typer.confirm(f"Cancel ballot {name} and its remaining reminders?"):
        raise typer.Exit(1)

    async def work(built: Any) -> str:
        ballot = await _get(built, name)
        if ballot.cancelled:
            return f"Ballot {ballot.name} was already cancelled."
        ballot = replace(ballot, cancelled=True)
        await built.store.ballots.upsert(ballot)
        await built.ballots.replan(ballot)
        return f"Ballot {ballot.name} cancelled; no more reminders will go out for it."

    out.print(_run(work), markup=False)


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
        from bot.cli import fail

        raise fail(f"{file}: cannot read it: {error}") from None

    async def work(built: Any) -> str:
        if ballot is None:
            now = built.clock.now()
            live = [
                b for b in await built.store.ballots.all() if not b.cancelled and now < b.closes_at
            ]
            if len(live) != 1:
                names = ", ".join(b.name for b in live) or "none"
                raise _fatal(f"--ballot: say which ballot (open or coming: {names})")
            found = live[0]
        else:
            found = await _get(built, ballot)
        try:
            eligible = parse_electorate(text, set(built.content.branch_names()))
        except ElectorateError as error:
            raise ElectorateError([f"{file}: {p}" for p in error.problems]) from None
        await built.store.ballots.set_electorate(found.name, eligible)
        return (
            f"Electorate of {found.name}: {sum(eligible.values())} members "
            f"in {len(eligible)} branches."
        )

    out.print(_run(work), markup=False)


def turnout_report(
    ballot: Ballot, eligible: dict[str, int], banked: dict[str, int], now: datetime
) -> dict[str, Any]:
    result = turnout(ballot, eligible, banked)
    return {
        "ballot": ballot.name,
        "title": ballot.title,
        "threshold": result.threshold,
        "yes_threshold": ballot.yes_threshold,
        "eligible": result.eligible,
        "reported": result.reported,
        "share": round(result.share, 4),
        "needed": result.needed,
        "projected_share": round(
            projected_share(result, ballot.opens_at, ballot.closes_at, now), 4
        ),
        "closes_at": ballot.closes_at.isoformat(),
        "branches": [
            {
                "branch": b.branch,
                "eligible": b.eligible,
                "reported": b.reported,
                "share": round(b.share, 4),
                "needed": b.needed,
            }
            for b in result.branches
        ],
    }


def draw_chart(report: dict[str, Any], path: Path) -> None:
    """A bar per branch (reported share) with the threshold line, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    branches = report["branches"]
    names = [b["branch"] for b in branches]
    shares = [100 * b["share"] for b in branches]
    threshold = 100 * report["threshold"]
    figure, axes = plt.subplots(figsize=(max(6.0, 0.6 * len(names) + 2), 4.5), dpi=120)
    colours = ["#2e7d32" if s >= threshold else "#c62828" for s in shares]
    bars = axes.bar(names, shares, color=colours)
    axes.axhline(threshold, color="black", linestyle="--", linewidth=1.2)
    axes.text(
        len(names) - 0.5, threshold + 1, f"threshold {threshold:.0f}%", ha="right", va="bottom"
    )
    for bar, b in zip(bars, branches, strict=True):
        axes.text(
            bar.get_x() + bar.get_width() / 2,
            bar.get_height() + 1,
            f"{b['reported']}/{b['eligible']}",
            ha="center",
            va="bottom",
            fontsize=8,
        )
    axes.set_ylim(0, 105)
    axes.set_ylabel("members who reported voting (%)")
    axes.set_title(f"{report['title']}: reported turnout by branch", fontsize=10)
    axes.tick_params(axis="x", labelrotation=45)
    figure.tight_layout()
    figure.savefig(path, format="png")
    plt.close(figure)


def turnout_command(
    ballot: Annotated[str, typer.Argument(help="The ballot's short name.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also draw a bar chart to this PNG file.")
    ] = None,
) -> None:
    """Reported turnout per branch against the threshold, votes still needed, projection."""

    async def work(built: Any) -> dict[str, Any]:
        found = await _get(built, ballot)
        eligible = await built.store.ballots.electorate(found.name)
        if not eligible:
            raise _fatal(
                f"no electorate for {found.name} yet: campaign-bot ballots import-electorate "
                f"FILE.csv --ballot {found.name}"
            )
        banked = await built.store.ballots.banked(found.name)
        return turnout_report(found, eligible, banked, built.clock.now())

    report = _run(work)
    if chart is not None:
        try:
            draw_chart(report, chart)
        except OSError as error:
            from bot.cli import fail

            raise fail(f"--chart: cannot write {chart}: {error}") from None
    if as_json:
        print(json.dumps(report, indent=2))
        return
    table = Table("branch", "eligible", "reported", "share", "still needed")
    for b in report["branches"]:
        table.add_row(
            b["branch"],
            str(b["eligible"]),
            str(b["reported"]),
            f"{b['share']:.0%}",
            str(b["needed"]),
        )
    out.print(f"{report['title']} — threshold {report['threshold']:.0%}", markup=False)
    out.print(table)
    out.print(
        f"Whole ballot: {report['reported']} of {report['eligible']} ({report['share']:.0%}), "
        f"{report['needed']} more needed; at this pace about {report['projected_share']:.0%} "
        "by the close. Counts are members who told the bot they voted; the bot never "
        "collects votes.",
        markup=False,
    )
    if chart is not None:
        out.print(f"Chart written to {chart}", markup=False)
