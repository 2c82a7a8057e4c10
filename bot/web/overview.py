"""The first page: what happens next, and what is being delivered now."""

from __future__ import annotations

from aiohttp import web

from bot.web.context import caller, deps
from bot.web.render import csv_response, page

routes = web.RouteTableDef()


def link_of(ref: str) -> str:
    """A page for what an upcoming item belongs to (kind:key)."""
    kind, _, key = ref.partition(":")
    base = {
        "ballot": "/dashboard/ballots/",
        "broadcast": "/dashboard/broadcasts/",
        "report": "/dashboard/reports#",
        "consultation": "/dashboard/consultations#c",
    }.get(kind, "/dashboard/")
    return base + key


@routes.get("/")
async def overview(request: web.Request) -> web.Response:
    me, found = caller(request), deps(request)
    upcoming = await found.overview.upcoming(me)
    sending = await found.overview.sending(me)
    branches = [b for b in found.structure.branches if me.is_officer_of(b)]
    return page(
        request,
        "overview.html",
        upcoming=upcoming,
        sending=sending,
        link_of=link_of,
        my_branches=branches if not me.is_organiser else [],
    )


@routes.get("/sending.json")
async def sending_json(request: web.Request) -> web.Response:
    """The progress of what is being delivered, for the overview's live figures."""
    me, found = caller(request), deps(request)
    lines = await found.overview.sending(me)
    return web.json_response(
        {str(line.broadcast.id): {"sent": line.sent, "total": line.total} for line in lines}
    )


@routes.get("/overview.csv")
async def overview_csv(request: web.Request) -> web.Response:
    me, found = caller(request), deps(request)
    rows = [(u.at, u.kind, u.title, u.ref) for u in await found.overview.upcoming(me, 500)]
    return csv_response(request, "upcoming.csv", ("at", "kind", "what", "ref"), rows)
