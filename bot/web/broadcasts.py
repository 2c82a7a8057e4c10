"""Broadcasts: compose (text or a template), see the audience and how it will look on
Telegram and on Slack, send now or schedule, cancel; the delivery report, updating live."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from aiohttp import web

from bot.core.errors import InvalidInput
from bot.core.models import Platform
from bot.core.results import BroadcastRequest, DeliveryReport
from bot.web import previews
from bot.web.context import deps, form, organiser
from bot.web.deps import Deps
from bot.web.render import csv_response, page, see_other
from bot.web.security import new_nonce

routes = web.RouteTableDef()
STATES = ("sent", "pending", "skipped", "failed", "blocked", "unknown", "cancelled")
STATE_LABELS = {"unknown": "in doubt"}
MAX_TEXT = 20_000


def target_of(fields: dict[str, str], branches: list[str]) -> str:
    audience = fields.get("audience", "all")
    if audience == "group":
        return "group:" + fields.get("group", "")
    if audience == "branches":
        if not branches:
            raise InvalidInput("audience", "tick at least one branch")
        return ",".join(branches)
    return "all"


def send_at(fields: dict[str, str], found: Deps) -> datetime | None:
    if fields.get("when", "now") != "at":
        return None
    text = fields.get("send_at", "")
    try:
        return datetime.fromisoformat(text).replace(tzinfo=found.zone)
    except ValueError:
        raise InvalidInput(
            "send at", f"a date and time like 2026-12-01T09:00, not {text!r}"
        ) from None


async def request_of(request: web.Request) -> tuple[BroadcastRequest, dict[str, str]]:
    posted = await request.post()
    fields = await form(request)
    branches = [str(b) for b in posted.getall("branches", [])]
    template = fields.get("template") or None
    text = fields.get("text", "")
    if len(text) > MAX_TEXT:
        raise InvalidInput("text", f"at most {MAX_TEXT:,} characters")
    values = {k.removeprefix("value_"): v for k, v in fields.items() if k.startswith("value_")}
    built = BroadcastRequest(
        topic=fields.get("topic", ""),
        target=target_of(fields, branches),
        text=None if template else text,
        template=template,
        values=values,
        title=fields.get("title") or None,
        send_at=send_at(fields, deps(request)),
    )
    return built, fields | {"branches": ",".join(branches)}


def compose(
    request: web.Request, fields: dict[str, str], status: int = 200, **more: Any
) -> web.Response:
    found = deps(request)
    template = fields.get("template", "")
    needs = found.structure.templates.get(template, ())
    chosen = set(filter(None, fields.get("branches", "").split(",")))
    return page(
        request,
        "compose.html",
        status=status,
        fields=fields,
        needs=needs,
        chosen=chosen,
        structure=found.structure,
        nonce=new_nonce(),
        **more,
    )


@routes.get("/broadcasts")
async def broadcasts(request: web.Request) -> web.Response:
    organiser(request, "broadcasts")
    lines = await deps(request).broadcasts.recent(20)
    fields = {"template": request.query.get("template", ""), "topic": "pay", "audience": "all"}
    return compose(request, fields, lines=lines)


@routes.post("/broadcasts/preview")
async def preview(request: web.Request) -> web.Response:
    organiser(request, "broadcasts")
    try:
        wanted, fields = await request_of(request)
        draft = await deps(request).broadcasts.preview(wanted)
    except InvalidInput as error:
        fields = await form(request)
        fields["branches"] = ",".join(str(b) for b in (await request.post()).getall("branches", []))
        return compose(request, fields, 400, error=str(error), lines=[])
    shown = {
        "Telegram": [previews.telegram(p.text) for p in draft.previews[Platform.TELEGRAM]],
        "Slack": [previews.slack(p.slack, p.plain) for p in draft.previews[Platform.SLACK]],
    }
    return compose(request, fields, draft=draft, shown=shown, lines=[])


@routes.post("/broadcasts")
async def send(request: web.Request) -> web.StreamResponse:
    me, found = organiser(request, "broadcasts"), deps(request)
    fields = await form(request)
    if not await found.dashboard.first_post(fields.get("nonce", "")):
        raise see_other("/dashboard/broadcasts?already=1")
    wanted, _ = await request_of(request)
    draft = await found.broadcasts.draft(wanted, me)
    await found.broadcasts.confirm(draft.broadcast.id, me)
    raise see_other(f"/dashboard/broadcasts/{draft.broadcast.id}")


def _id(request: web.Request) -> int:
    text = request.match_info["id"]
    if not text.isdigit():
        raise web.HTTPNotFound()
    return int(text)


def report_json(report: DeliveryReport) -> dict[str, Any]:
    return {
        "state": report.state,
        "platform": {k: dict(v) for k, v in report.by_platform.items()},
        "branch": {k: dict(v) for k, v in report.by_branch.items()},
        "total": {s: report.total(s) for s in STATES},
    }


@routes.get("/broadcasts/{id}")
async def broadcast(request: web.Request) -> web.Response:
    organiser(request, "broadcasts")
    report = await deps(request).broadcasts.report(_id(request))
    return page(
        request,
        "broadcast.html",
        report=report,
        states=STATES,
        labels=STATE_LABELS,
        nonce=new_nonce(),
    )


@routes.get("/broadcasts/{id}/report.json")
async def live(request: web.Request) -> web.Response:
    organiser(request, "broadcasts")
    return web.json_response(report_json(await deps(request).broadcasts.report(_id(request))))


@routes.get("/broadcasts/{id}/report.csv")
async def report_csv(request: web.Request) -> web.Response:
    organiser(request, "broadcasts")
    report = await deps(request).broadcasts.report(_id(request))
    rows = [("platform", k, *(v[s] for s in STATES)) for k, v in sorted(report.by_platform.items())]
    rows += [("branch", k, *(v[s] for s in STATES)) for k, v in sorted(report.by_branch.items())]
    header = ("by", "name", *(STATE_LABELS.get(s, s) for s in STATES))
    return csv_response(request, f"broadcast-{report.broadcast.id}.csv", header, rows)


@routes.get("/broadcasts.csv")
async def list_csv(request: web.Request) -> web.Response:
    organiser(request, "broadcasts")
    lines = await deps(request).broadcasts.recent(500)
    rows = [
        (
            b.broadcast.id,
            b.broadcast.title,
            b.broadcast.topic,
            b.state,
            b.sent,
            b.total,
            b.broadcast.send_at,
            b.broadcast.created_at,
        )
        for b in lines
    ]
    header = ("id", "title", "topic", "state", "sent", "total", "send_at", "created_at")
    return csv_response(request, "broadcasts.csv", header, rows)


@routes.post("/broadcasts/{id}/cancel")
async def cancel(request: web.Request) -> web.StreamResponse:
    me, found = organiser(request, "broadcasts"), deps(request)
    await found.broadcasts.cancel(_id(request), me)
    raise see_other(f"/dashboard/broadcasts/{_id(request)}")
