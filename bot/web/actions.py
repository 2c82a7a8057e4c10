"""Petitions (progress and the branch leaderboard), meeting reports (publish; which branches
have noted them) and consultations (open, close, totals with the 10-vote rule per branch)."""

from __future__ import annotations

from datetime import datetime

from aiohttp import web

from bot.core.errors import InvalidInput
from bot.web.context import caller, deps, form, organiser
from bot.web.render import csv_response, page, see_other
from bot.web.security import new_nonce

routes = web.RouteTableDef()


@routes.get("/petitions")
async def petitions(request: web.Request) -> web.Response:
    me, found = caller(request), deps(request)
    shown = [await found.petitions.progress(p.id, me) for p in found.petitions.all()]
    return page(
        request, "petitions.html", shown=shown, nonce=new_nonce(), sent=request.query.get("sent")
    )


@routes.post("/petitions/{id}/send")
async def send_petition(request: web.Request) -> web.StreamResponse:
    me, found = organiser(request, "sending a petition"), deps(request)
    fields = await form(request)
    if await found.dashboard.first_post(fields.get("nonce", "")):
        done = await found.petitions.send(request.match_info["id"], fields.get("target", "all"), me)
        raise see_other(f"/dashboard/petitions?sent={done.deliveries}")
    raise see_other("/dashboard/petitions")


@routes.get("/petitions.csv")
async def petitions_csv(request: web.Request) -> web.Response:
    me, found = caller(request), deps(request)
    rows: list[tuple[object, ...]] = []
    for petition in found.petitions.all():
        progress = await found.petitions.progress(petition.id, me)
        rows.append((petition.id, "", "whole union", progress.total))
        rows += [(petition.id, r.rank, r.branch or r.title, r.signatures) for r in progress.board]
    return csv_response(
        request, "petitions.csv", ("petition", "rank", "branch", "signatures"), rows
    )


@routes.get("/reports")
async def reports(request: web.Request) -> web.Response:
    me, found = caller(request), deps(request)
    statuses = [(r, await found.reports.status(r.id, me)) for r in found.reports.all()]
    shown = [(r, status, status.states(found.zone)) for r, status in statuses]
    mine = (
        [b for b in found.structure.branches if me.is_officer_of(b)] if not me.is_organiser else []
    )
    return page(request, "reports.html", shown=shown, mine=mine)


@routes.post("/reports/{id}/publish")
async def publish(request: web.Request) -> web.StreamResponse:
    me, found = organiser(request, "publishing a report"), deps(request)
    await found.reports.publish(request.match_info["id"], me)
    raise see_other("/dashboard/reports")


@routes.post("/reports/{id}/note")
async def note(request: web.Request) -> web.StreamResponse:
    me, found = caller(request), deps(request)
    branch = (await form(request)).get("branch") or None
    await found.reports.note(request.match_info["id"], branch, me)
    raise see_other("/dashboard/reports")


@routes.get("/reports.csv")
async def reports_csv(request: web.Request) -> web.Response:
    me, found = caller(request), deps(request)
    rows: list[tuple[object, ...]] = []
    for report in found.reports.all():
        status = await found.reports.status(report.id, me)
        noted = sorted(status.noted.items())
        rows += [(report.id, b, "noted", at, status.noted_by.get(b)) for b, at in noted]
        rows += [(report.id, b, "sent, not yet noted", "", "") for b in status.missing]
        rows += [(report.id, b, "never sent", "", "") for b in status.unsent]
    columns = ("report", "branch", "state", "noted_at", "noted_by_member")
    return csv_response(request, "reports.csv", columns, rows)


@routes.get("/consultations")
async def consultations(request: web.Request) -> web.Response:
    caller(request)
    found = deps(request)
    shown = [await found.consultations.results(c.id) for c in await found.consultations.all()]
    return page(
        request, "consultations.html", shown=shown, nonce=new_nonce(), structure=found.structure
    )


@routes.post("/consultations")
async def open_consultation(request: web.Request) -> web.StreamResponse:
    me, found = organiser(request, "opening a consultation"), deps(request)
    fields = await form(request)
    options = [o.strip() for o in fields.get("options", "").splitlines() if o.strip()]
    branches = [str(b) for b in (await request.post()).getall("branches", [])]
    try:
        closes = datetime.fromisoformat(fields.get("closes", "")).replace(tzinfo=found.zone)
    except ValueError:
        raise InvalidInput("closes", "a date and time like 2026-12-04T17:00") from None
    if not fields.get("question") or len(options) < 2:
        raise InvalidInput("consultation", "a question and at least two options, one a line")
    if await found.dashboard.first_post(fields.get("nonce", "")):
        await found.consultations.open(
            fields["question"], options, closes, fields.get("topic", "general"), branches, me
        )
    raise see_other("/dashboard/consultations")


@routes.post("/consultations/{id}/close")
async def close(request: web.Request) -> web.StreamResponse:
    me, found = organiser(request, "closing a consultation"), deps(request)
    text = request.match_info["id"]
    if not text.isdigit():
        raise web.HTTPNotFound()
    await found.consultations.close(int(text), me)
    raise see_other("/dashboard/consultations")


@routes.get("/consultations.csv")
async def consultations_csv(request: web.Request) -> web.Response:
    caller(request)
    found = deps(request)
    rows = []
    for c in await found.consultations.all():
        results = await found.consultations.results(c.id)
        for i, option in enumerate(results.options if results.totals else ()):  # withheld
            rows.append((c.id, c.question, "all branches", option, results.totals[i]))
            rows += [(c.id, c.question, b, option, v[i]) for b, v in results.branches.items()]
    header = ("consultation", "question", "branch", "option", "votes")
    return csv_response(request, "consultations.csv", header, rows)
