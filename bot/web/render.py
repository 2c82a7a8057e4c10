"""Pages and downloads: Jinja templates with autoescape (every value typed by a person is
shown literally), times in the bot's time zone, CSV that a spreadsheet will not execute."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.core.wording import at, counted, day, share, zone_name
from bot.web.context import CALLER, CSRF, deps

NAV_ORGANISER: tuple[tuple[str, str], ...] = (
    ("Overview", "/dashboard/"),
    ("Broadcasts", "/dashboard/broadcasts"),
    ("Ballots", "/dashboard/ballots"),
    ("Petitions", "/dashboard/petitions"),
    ("Reports", "/dashboard/reports"),
    ("Consultations", "/dashboard/consultations"),
    ("Questions", "/dashboard/questions"),
    ("Members and roles", "/dashboard/branches"),
    ("Audit log", "/dashboard/audit"),
)
ORGANISERS_ONLY = {"/dashboard/broadcasts", "/dashboard/questions", "/dashboard/audit"}
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def setup(app: web.Application) -> None:
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.PackageLoader("bot.web", "templates"),
        autoescape=True,
    )
    env.filters["pct"] = lambda x: share(x) if x is not None else "—"
    env.filters["num"] = lambda n: f"{n:,}"
    env.filters["counted"] = counted


def _base(request: web.Request) -> dict[str, Any]:
    from_caller = request.get(CALLER)
    nav = NAV_ORGANISER
    if from_caller is not None and not from_caller.is_organiser:
        nav = tuple(item for item in NAV_ORGANISER if item[1] not in ORGANISERS_ONLY)
    zone = deps(request).zone

    def when(moment: datetime | date | None) -> str:
        if moment is None:
            return "—"
        if isinstance(moment, datetime):
            return at(moment, zone, short=True)
        return day(moment, short=True)

    return {
        "me": from_caller,
        "csrf": request.get(CSRF, ""),
        "nav": nav if from_caller is not None else (),
        "path": request.path,
        "when": when,
        "zone": zone_name(deps(request).clock.now(), zone, whole_year=True),
    }


def page(request: web.Request, template: str, status: int = 200, **values: Any) -> web.Response:
    return aiohttp_jinja2.render_template(template, request, _base(request) | values, status=status)


def problem(request: web.Request, status: int, title: str, detail: str) -> web.Response:
    return page(request, "problem.html", status=status, title=title, detail=detail)


def cell(value: object, zone: ZoneInfo) -> str:
    """A CSV cell: times in ISO 8601 in the bot's zone with its offset, to the second (as the
    CLI's --json gives them; they were UTC), and text a spreadsheet would run as a formula
    made literal."""
    if isinstance(value, datetime):
        return value.astimezone(zone).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA) else text


def csv_response(
    request: web.Request, name: str, header: Sequence[str], rows: Iterable[Sequence[object]]
) -> web.Response:
    zone = deps(request).zone
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([cell(v, zone) for v in row] for row in rows)
    return web.Response(
        text=out.getvalue(),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def see_other(location: str) -> web.HTTPSeeOther:
    return web.HTTPSeeOther(location)
