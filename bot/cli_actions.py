"""`campaign-bot petition|report|consult|audit ...`: campaign actions for organisers' scripts
and for hosts with no chat access. Each does what the chat command does, through the same
service, and queues its messages for the running bot to deliver."""

from __future__ import annotations

import json
from datetime import UTC
from typing import Annotated, Any
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from bot.cli_ballots import Problems, _run, parse_moment
from bot.core.actions import leaderboard, parse_consultation, results_lines
from bot.core.models import AuditEntry

out = Console(highlight=False)
petition_app = typer.Typer(
    help="The campaign's petition: signatures per branch.", no_args_is_help=True
)
report_app = typer.Typer(
    help="Meeting reports: list, publish to branches, see which have noted one.",
    no_args_is_help=True,
)
consult_app = typer.Typer(
    help="Consultations (indicative, never a statutory ballot): open, close, results.",
    no_args_is_help=True,
)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@petition_app.command("report")
def petition_report(
    petition: Annotated[
        str | None, typer.Option("--petition", help="Which petition (when there are several).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Signatures per branch, as a leaderboard, with the total against the target."""

    async def work(built: Any) -> dict[str, Any]:
        found = built.actions.petition(petition)
        counts = await built.store.petitions.counts(found.id)
        total = sum(counts.values())
        return {
            "petition": found.id,
            "title": found.title,
            "url": found.url,
            "target": found.target,
            "signatures": total,
            "share_of_target": round(total / found.target, 4),
            "leaderboard": leaderboard(counts, built.actions.branch_titles()),
        }

    report = _run(work)
    if as_json:
        _print_json(report)
        return
    out.print(
        f"{report['title']}: {report['signatures']} of {report['target']} "
        f"({report['share_of_target']:.1%})",
        markup=False,
    )
    table = Table("rank", "branch", "signatures")
    for row in report["leaderboard"]:
        table.add_row(str(row["rank"] or "-"), str(row["title"]), str(row["signatures"]))
    out.print(table)


@petition_app.command("send")
def petition_send(
    to: Annotated[
        str, typer.Option("--to", help="all, group:NAME, or branch,branch (default all).")
    ] = "all",
    petition: Annotated[
        str | None, typer.Option("--petition", help="Which petition (when there are several).")
    ] = None,
) -> None:
    """Send the petition, with its progress and an "I've signed" button, to channels
    subscribed to `petitions`."""

    async def work(built: Any) -> tuple[int, int]:
        sent: tuple[int, int] = await built.actions.send_petition(petition, to, None)
        await _audit(built, "petition send", {"broadcast": str(sent[0]), "target": to})
        return sent

    broadcast_id, queued = _run(work)
    out.print(f"petition: broadcast {broadcast_id}, {queued} channels queued", markup=False)


@report_app.command("list")
def report_list(as_json: JsonOption = False) -> None:
    """The meeting reports in campaigns/ and whether each has been published."""

    async def work(built: Any) -> list[dict[str, Any]]:
        rows = []
        for report in built.actions.reports():
            when = await built.store.reports.published(report.id)
            rows.append(
                {
                    "id": report.id,
                    "title": report.title,
                    "items": len(report.items),
                    "published": when.isoformat() if when else None,
                }
            )
        return rows

    rows = _run(work)
    if as_json:
        _print_json(rows)
        return
    table = Table("id", "title", "items", "published")
    for row in rows:
        table.add_row(row["id"], row["title"], str(row["items"]), row["published"] or "not yet")
    out.print(table)


@report_app.command("publish")
def report_publish(
    report: Annotated[str, typer.Argument(help="The report's id, as in campaigns/reports/.")],
) -> None:
    """Send a report's summary, item by item, to every channel subscribed to `reports`, and
    plan reminders for its action items' deadlines. Once per report."""

    async def work(built: Any) -> tuple[int, int, int]:
        published: tuple[int, int, int] = await built.actions.publish_report(report, None)
        await _audit(built, "report publish", {"report": report})
        return published

    broadcast_id, queued, planned = _run(work)
    out.print(
        f"report {report}: broadcast {broadcast_id}, {queued} channels queued, "
        f"{planned} action reminders planned",
        markup=False,
    )


@report_app.command("status")
def report_status(
    report: Annotated[str, typer.Argument(help="The report's id.")],
    as_json: JsonOption = False,
) -> None:
    """Which branches have noted a report (/noted), and which have not yet."""

    async def work(built: Any) -> dict[str, Any]:
        noted, missing = await built.actions.report_status(report)
        return {
            "report": report,
            "noted": {b: at.isoformat() for b, at in sorted(noted.items())},
            "not_noted": missing,
        }

    status = _run(work)
    if as_json:
        _print_json(status)
        return
    table = Table("branch", "noted")
    for branch, at in status["noted"].items():
        table.add_row(branch, at)
    for branch in status["not_noted"]:
        table.add_row(branch, "not yet")
    out.print(table)


async def _audit(built: Any, action: str, detail: dict[str, str]) -> None:
    await built.store.audit.record(
        AuditEntry(built.clock.now(), "cli", action, "done", dict(detail))
    )


@consult_app.command("open")
def consult_open(
    question: Annotated[str, typer.Option("--question", help="The question put to members.")],
    options: Annotated[
        list[str], typer.Option("--option", help="One answer members can choose (2 to 8).")
    ],
    closes: Annotated[
        str, typer.Option("--closes", help="When voting ends, e.g. '2026-12-04 17:00'.")
    ],
    topic: Annotated[
        str, typer.Option("--topic", help="Channels subscribed to this topic hear of it.")
    ] = "general",
    branches: Annotated[
        list[str] | None, typer.Option("--branch", help="Only these branches (repeatable).")
    ] = None,
) -> None:
    """Open a consultation: announced to the topic's channels; each member in scope gets
    their voting buttons by DM. One vote per member; results are totals only."""

    async def work(built: Any) -> tuple[Any, int]:
        try:
            parsed_question, parsed = parse_consultation(" | ".join([question, *options]))
        except ValueError as error:
            raise Problems([str(error)]) from None
        moment = parse_moment("closes", closes, built.settings.bot_timezone)
        opened = await built.actions.open_consultation(
            parsed_question,
            parsed,
            moment,
            topic.lower(),
            [b.lower() for b in branches or []],
            None,
        )
        await _audit(built, "consult open", {"consultation": str(opened[0].id)})
        return opened  # type: ignore[no-any-return]

    opened, dms = _run(work)
    out.print(
        f"consultation {opened.id} open until {opened.closes_at.astimezone(UTC):%Y-%m-%d %H:%M} "
        f"UTC; voting buttons queued for {dms} members",
        markup=False,
    )


@consult_app.command("close")
def consult_close(
    consultation: Annotated[int, typer.Argument(help="The consultation's number.")],
) -> None:
    """Close now, before its time: the results go to the topic's channels."""

    async def work(built: Any) -> Any:
        found = await built.store.consultations.get(consultation)
        if found is None:
            raise Problems([f"no consultation {consultation}"])
        if found.state.value == "closed":
            raise Problems([f"consultation {consultation} is already closed"])
        closed = await built.actions.close_consultation(consultation)
        await _audit(built, "consult close", {"consultation": str(consultation)})
        return closed

    closed = _run(work)
    for line in results_lines(closed.results or {}):
        out.print(line, markup=False)


@consult_app.command("results")
def consult_results(
    consultation: Annotated[int, typer.Argument(help="The consultation's number.")],
    as_json: JsonOption = False,
) -> None:
    """Totals per option (so far, if still open); a branch's own only with 10 or more votes."""

    async def work(built: Any) -> dict[str, Any]:
        found = await built.store.consultations.get(consultation)
        if found is None:
            raise Problems([f"no consultation {consultation}"])
        results = await built.actions.results(found)
        return {
            "consultation": found.id,
            "question": found.question,
            "state": found.state.value,
            "closes_at": found.closes_at.isoformat(),
            "statutory_ballot": False,
            **results,
        }

    results = _run(work)
    if as_json:
        _print_json(results)
        return
    out.print(f"{results['question']} ({results['state']})", markup=False)
    for line in results_lines(results):
        out.print(line, markup=False)


@consult_app.command("list")
def consult_list(as_json: JsonOption = False) -> None:
    """Every consultation, open and closed."""

    async def work(built: Any) -> list[dict[str, Any]]:
        zone = ZoneInfo(built.settings.bot_timezone)
        return [
            {
                "id": c.id,
                "question": c.question,
                "state": c.state.value,
                "closes": f"{c.closes_at.astimezone(zone):%Y-%m-%d %H:%M}",
                "topic": c.topic,
            }
            for c in await built.store.consultations.all()
        ]

    rows = _run(work)
    if as_json:
        _print_json(rows)
        return
    table = Table("id", "question", "state", "closes", "topic")
    for row in rows:
        table.add_row(str(row["id"]), row["question"], row["state"], row["closes"], row["topic"])
    out.print(table)


def audit_command(
    limit: Annotated[int, typer.Option("--limit", min=1, max=10000, help="How many rows.")] = 50,
    action: Annotated[
        str | None,
        typer.Option("--action", help="Only actions starting with this, e.g. /broadcast."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The audit log of organiser and officer actions (and refusals), newest first. Erased
    members appear under a pseudonym."""

    async def work(built: Any) -> list[dict[str, Any]]:
        rows = await built.store.audit.recent(limit if action is None else 10000)
        found = [
            {
                "at": r.at.isoformat(),
                "actor": r.actor,
                "action": r.action,
                "outcome": r.outcome,
                "detail": r.detail,
            }
            for r in rows
            if action is None or r.action.startswith(action)
        ]
        return found[:limit]

    rows = _run(work)
    if as_json:
        _print_json(rows)
        return
    table = Table("at", "actor", "action", "outcome", "detail")
    for row in rows:
        detail = ", ".join(f"{k}={v}" for k, v in row["detail"].items())
        table.add_row(row["at"][:19], row["actor"], row["action"], row["outcome"], detail)
    out.print(table)
