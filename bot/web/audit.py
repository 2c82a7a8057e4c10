"""The audit log, filtered by action, person (a pseudonym where they were forgotten) and
date: organisers only."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from aiohttp import web

from bot.core.errors import InvalidInput
from bot.core.models import AuditEntry, AuditQuery
from bot.web.context import caller, deps
from bot.web.render import csv_response, page

routes = web.RouteTableDef()


def _day(request: web.Request, name: str) -> date | None:
    text = request.query.get(name, "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(name, f"a date like 2026-11-30, not {text!r}") from None


def query_of(request: web.Request, limit: int) -> AuditQuery:
    zone = deps(request).zone
    since, until = _day(request, "since"), _day(request, "until")

    def start(day: date) -> datetime:
        return datetime.combine(day, time(0), tzinfo=zone)

    return AuditQuery(
        action=request.query.get("action", "").strip() or None,
        actor=request.query.get("person", "").strip() or None,
        since=start(since) if since else None,
        until=start(until + timedelta(days=1)) if until else None,
        limit=limit,
    )


async def _entries(request: web.Request, limit: int) -> list[AuditEntry]:
    return await deps(request).audit.search(query_of(request, limit), caller(request))


@routes.get("/audit")
async def audit(request: web.Request) -> web.Response:
    entries = await _entries(request, 200)
    return page(
        request, "audit.html", entries=entries, q=request.query, csv_query=request.query_string
    )


@routes.get("/audit.csv")
async def audit_csv(request: web.Request) -> web.Response:
    rows = [
        (e.at, e.actor, e.action, e.outcome, " ".join(f"{k}={v}" for k, v in e.detail.items()))
        for e in await _entries(request, 10_000)
    ]
    return csv_response(request, "audit.csv", ("at", "who", "action", "outcome", "detail"), rows)
