"""Ballots: add and edit (checked as the CLI checks them), the timeline of key dates and
reminders (sent, skipped and why, to come), turnout per branch as an accessible chart, and
the electorate from a CSV file (every problem with its row number; nothing saved on error)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web

from bot.core.caller import Caller
from bot.core.errors import InvalidInput, Problems
from bot.core.models import Ballot, BallotKind
from bot.core.results import BallotSpec, TurnoutView
from bot.web.chart import as_of_text, turnout_svg
from bot.web.context import caller, deps, form, organiser
from bot.web.render import csv_response, page, see_other

routes = web.RouteTableDef()
MAX_UPLOAD = 256 * 1024  # an electorate file is a line per branch: far smaller than this
FIELDS = ("opens", "closes", "packs_arrive_by", "join_by", "replacement_deadline")


def _number(fields: dict[str, str], name: str, default: float) -> float:
    text = fields.get(name, "")
    try:
        return float(text) if text else default
    except ValueError:
        raise InvalidInput(name, f"a number, not {text!r}") from None


def spec_of(fields: dict[str, str], branches: list[str]) -> BallotSpec:
    yes = fields.get("yes_threshold", "")
    return BallotSpec(
        name=fields.get("name", "").lower(),
        title=fields.get("title", ""),
        kind=fields.get("kind", ""),
        opens=fields.get("opens", ""),
        closes=fields.get("closes", ""),
        packs_arrive_by=fields.get("packs_arrive_by") or None,
        join_by=fields.get("join_by") or None,
        replacement_deadline=fields.get("replacement_deadline") or None,
        posting_days=int(_number(fields, "posting_days", 3)),
        group=fields.get("group") or None,
        branches=tuple(branches),
        threshold=_number(fields, "threshold", 0.5),
        yes_threshold=_number(fields, "yes_threshold", 0) if yes else None,
        info_url=fields.get("info_url") or None,
    )


def fields_of(ballot: Ballot, zone: Any) -> dict[str, str]:
    def local(moment: datetime | None) -> str:
        return f"{moment.astimezone(zone):%Y-%m-%d %H:%M}" if moment else ""

    return {
        "name": ballot.name,
        "title": ballot.title,
        "kind": ballot.kind.value,
        "opens": local(ballot.opens_at),
        "closes": local(ballot.closes_at),
        "packs_arrive_by": local(ballot.packs_arrive_by),
        "join_by": local(ballot.join_by),
        "replacement_deadline": local(ballot.replacement_deadline),
        "posting_days": str(ballot.posting_days),
        "group": ballot.scope_group or "",
        "branches": ",".join(ballot.scope_branches),
        "threshold": str(ballot.turnout_threshold),
        "yes_threshold": "" if ballot.yes_threshold is None else str(ballot.yes_threshold),
        "info_url": ballot.info_url or "",
    }


@routes.get("/ballots")
async def ballots(request: web.Request) -> web.Response:
    caller(request)
    found = deps(request)
    now = found.clock.now()
    rows = [(b, _state(b, now)) for b in await found.ballots.all()]
    return page(request, "ballots.html", rows=rows)


def _state(ballot: Ballot, now: datetime) -> str:
    return ballot.state(now)  # "withdrawn" once its file is gone, as the CLI says


@routes.get("/ballots.csv")
async def ballots_csv(request: web.Request) -> web.Response:
    caller(request)
    found = deps(request)
    now = found.clock.now()
    rows = [
        (b.name, b.title, b.kind.value, _state(b, now), b.opens_at, b.closes_at)
        for b in await found.ballots.all()
    ]
    return csv_response(
        request, "ballots.csv", ("name", "title", "kind", "state", "opens", "closes"), rows
    )


def _form(request: web.Request, fields: dict[str, str], editing: bool, **more: Any) -> web.Response:
    status = 400 if more.get("problems") else 200
    return page(
        request,
        "ballot_form.html",
        status=status,
        fields=fields,
        editing=editing,
        kinds=[k.value for k in BallotKind],
        structure=deps(request).structure,
        chosen=set(filter(None, fields.get("branches", "").split(","))),
        **more,
    )


@routes.get("/ballots/new")
async def new(request: web.Request) -> web.Response:
    organiser(request, "adding a ballot")
    fields = {"kind": "statutory_postal", "posting_days": "3", "threshold": "0.5"}
    return _form(request, fields, editing=False)


async def _save(request: web.Request, editing: bool) -> web.StreamResponse:
    me: Caller = organiser(request, "ballots")
    found = deps(request)
    fields = await form(request)
    branches = [str(b) for b in (await request.post()).getall("branches", [])]
    if editing:
        fields["name"] = request.match_info["name"]
    try:
        spec = spec_of(fields, branches)
        saved = await (found.ballots.edit if editing else found.ballots.add)(spec, me)
    except Problems as error:
        shown = fields | {"branches": ",".join(branches)}
        return _form(request, shown, editing, problems=error.problems)
    except InvalidInput as error:
        shown = fields | {"branches": ",".join(branches)}
        return _form(request, shown, editing, problems=[(error.field, error.problem)])
    raise see_other(f"/dashboard/ballots/{saved.ballot.name}?saved=1")


@routes.post("/ballots/new")
async def add(request: web.Request) -> web.StreamResponse:
    return await _save(request, editing=False)


@routes.get("/ballots/{name}/edit")
async def edit_form(request: web.Request) -> web.Response:
    organiser(request, "editing a ballot")
    found = deps(request)
    ballot = await found.ballots.get(request.match_info["name"])
    return _form(request, fields_of(ballot, found.zone), editing=True)


@routes.post("/ballots/{name}/edit")
async def edit(request: web.Request) -> web.StreamResponse:
    return await _save(request, editing=True)


async def _turnout(request: web.Request, name: str) -> tuple[TurnoutView | None, str]:
    try:
        return await deps(request).ballots.turnout(name, caller(request)), ""
    except InvalidInput as error:
        return None, error.problem


@routes.get("/ballots/{name}")
async def ballot(request: web.Request) -> web.Response:
    return await show(request)


async def show(request: web.Request, **more: Any) -> web.Response:
    me, found = caller(request), deps(request)
    name = request.match_info["name"]
    details = await found.ballots.details(name)
    timeline = await found.ballots.timeline(name, details)
    view, why = await _turnout(request, name)
    chart = turnout_svg(view, as_of_text(found.local(view.as_of))) if view else None
    return page(
        request,
        "ballot.html",
        status=400 if more.get("problems") else 200,
        details=details,
        timeline=timeline,
        view=view,
        chart=chart,
        no_turnout=why,
        organiser=me.is_organiser,
        saved=request.query.get("saved"),
        **more,
    )


@routes.post("/ballots/{name}/electorate")
async def electorate(request: web.Request) -> web.StreamResponse:
    me = organiser(request, "the electorate")
    if (request.content_length or 0) > MAX_UPLOAD:
        raise InvalidInput(
            "file", f"too large: an electorate file is at most {MAX_UPLOAD // 1024} KB"
        )
    posted = await request.post()
    upload = posted.get("file")
    raw = upload.file.read(MAX_UPLOAD + 1) if isinstance(upload, web.FileField) else b""
    if len(raw) > MAX_UPLOAD:
        raise InvalidInput(
            "file", f"too large: an electorate file is at most {MAX_UPLOAD // 1024} KB"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return await show(request, problems=[("file", "not UTF-8 text: save it as CSV (UTF-8)")])
    name = request.match_info["name"]
    try:
        done = await deps(request).ballots.import_electorate(name, text, me)
    except Problems as error:
        return await show(request, problems=error.problems)
    except InvalidInput as error:
        return await show(request, problems=[(error.field, error.problem)])
    raise see_other(f"/dashboard/ballots/{done.ballot}?imported={done.members}")


@routes.get("/ballots/{name}/timeline.csv")
async def timeline_csv(request: web.Request) -> web.Response:
    caller(request)
    name = request.match_info["name"]
    rows = [
        (e.at, e.label, e.kind, e.state, e.why) for e in await deps(request).ballots.timeline(name)
    ]
    return csv_response(
        request, f"{name}-timeline.csv", ("at", "what", "kind", "state", "why"), rows
    )


@routes.get("/ballots/{name}/turnout.csv")
async def turnout_csv(request: web.Request) -> web.Response:
    me, name = caller(request), request.match_info["name"]
    view = await deps(request).ballots.turnout(name, me)
    rows = [
        (b.branch, b.eligible, b.reported, f"{b.share:.4f}", b.needed)
        for b in sorted(view.turnout.branches, key=lambda b: -b.needed)
    ]
    rows.append(
        (
            "whole ballot",
            view.turnout.eligible,
            view.turnout.reported,
            f"{view.turnout.share:.4f}",
            view.turnout.needed,
        )
    )
    header = ("branch", "eligible", "reported", "share", "votes_still_needed")
    return csv_response(request, f"{name}-turnout.csv", header, rows)
