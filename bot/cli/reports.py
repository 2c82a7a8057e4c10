"""`campaign-bot report list|publish|status`: meeting reports sent to branches."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated

import typer

from bot.app import App
from bot.cli.common import (
    JsonOption,
    fail,
    human_time,
    iso_time,
    noun_app,
    on_app,
    print_json,
    say,
    settings,
    show_table,
)
from bot.core.caller import Caller
from bot.core.models import ReportInfo
from bot.core.wording import counted

app = noun_app(
    "Meeting reports: list, publish to branches, see each branch's state (noted, sent, never)."
)
OPERATOR = Caller.operator()
ReportId = Annotated[str, typer.Argument(help="The report's id, as in campaigns/reports/.")]


@dataclass(frozen=True)
class Listed:
    report: ReportInfo
    published: datetime | None


@app.command("list")
def report_list(as_json: JsonOption = False) -> None:
    """The meeting reports in campaigns/ and whether each has been published."""
    cfg = settings()
    found = on_app(list_reports, cfg)
    zone = cfg.zone
    if as_json:
        print_json(
            [
                {
                    "id": row.report.id,
                    "title": row.report.title,
                    "items": len(row.report.items),
                    "published": iso_time(row.published, zone) if row.published else None,
                }
                for row in found
            ]
        )
        return
    rows = [
        (
            row.report.id,
            row.report.title,
            str(len(row.report.items)),
            human_time(row.published, zone) if row.published else "not yet",
        )
        for row in found
    ]
    show_table(("id", "title", "items", "published"), rows, empty="No meeting reports yet.")


async def list_reports(app: App) -> list[Listed]:
    return [
        Listed(report, await app.store.reports.published(report.id))
        for report in app.services.reports.all()
    ]


@app.command("publish")
def report_publish(
    report: ReportId,
    branch: Annotated[
        list[str] | None,
        typer.Option(
            "--branch",
            help="Once published: send it to this branch too (repeatable), one it never "
            "reached because no channel of it was subscribed then.",
        ),
    ] = None,
) -> None:
    """Send a report's summary, item by item, to every channel subscribed to `reports`, and
    plan reminders for its action items' deadlines. Once per report; afterwards --branch
    sends it to a branch it never reached."""
    done = on_app(lambda app: app.services.reports.publish(report, OPERATOR, branch or ()))
    planned = f", {counted(done.reminders, 'action reminder')} planned" if not branch else ""
    say(
        f"report {report}: broadcast {done.broadcast_id}, "
        f"{counted(done.channels, 'channel')} queued{planned}"
    )
    for line in done.skipped:  # a channel subscribed for two branches gets it once
        say(f"  {line}")


@app.command("status")
def report_status(
    report: Annotated[str, typer.Argument(help="The report's id.")],
    as_json: JsonOption = False,
) -> None:
    """Each branch: noted (when, by which member), sent and not yet noted, or never sent
    (no channel of it subscribed to the report's topic when it went out)."""
    cfg = settings()
    status = on_app(lambda app: app.services.reports.status(report, OPERATOR), cfg)
    if not status.published:  # every branch "not yet" would read as slow to note it
        raise fail(f"REPORT: {status.report} has not been sent to branches yet (report publish)")
    noted = sorted(status.noted.items())
    if as_json:
        print_json(
            {
                "report": report,
                "noted": {branch: iso_time(at, cfg.zone) for branch, at in noted},
                "noted_by": {branch: status.noted_by.get(branch) for branch, _ in noted},
                "not_noted": list(status.missing),
                "never_sent": list(status.unsent),
            }
        )
        return
    show_table(("branch", "state"), status.states(cfg.zone))
