"""Members and roles, branch by branch: each branch's reach (members on the list, in chat,
waiting: /members), who holds which role (platform ids and branch, nothing more), granting
and revoking, and the subscription requests waiting for an officer. An officer reaches only
their own branches; the services refuse anything else (403)."""

from __future__ import annotations

from collections.abc import Mapping, Set

from aiohttp import web

from bot.core.errors import InvalidInput
from bot.core.models import Identity, Role
from bot.web.context import caller, deps, form
from bot.web.render import csv_response, page, see_other

routes = web.RouteTableDef()
PAGE = 100


@routes.get("/branches")
async def branches(request: web.Request) -> web.Response:
    me, found = caller(request), deps(request)
    mine = {n: t for n, t in found.structure.branches.items() if me.is_officer_of(n)}
    organisers = await found.people.organisers() if me.is_organiser else []
    reach = await found.membership.report(me)
    return page(request, "branches.html", branches=mine, organisers=organisers, reach=reach)


@routes.get("/branches.csv")
async def branches_csv(request: web.Request) -> web.Response:
    me, found = caller(request), deps(request)
    rows: list[tuple[object, ...]] = [
        ("branch", name, title)
        for name, title in found.structure.branches.items()
        if me.is_officer_of(name)
    ]
    if me.is_organiser:
        rows += [
            ("organiser", "", " ".join(str(i) for i in holder.identities))
            for holder in await found.people.organisers()
        ]
    return csv_response(request, "branches.csv", ("kind", "name", "title_or_accounts"), rows)


def _offset(request: web.Request) -> int:
    text = request.query.get("from", "0")
    return int(text) if text.isdigit() else 0


@routes.get("/branches/{branch:[a-z0-9-]+}")
async def branch(request: web.Request) -> web.Response:
    me, found = caller(request), deps(request)
    name = request.match_info["branch"]
    shown = await found.people.people(name, me, _offset(request), PAGE)
    joins = await found.joining.waiting(name, me)
    roles = [Role.MEMBER.value]
    if me.is_organiser:
        roles += [Role.OFFICER.value, Role.ORGANISER.value]
    return page(request, "branch.html", shown=shown, page_size=PAGE, roles=roles, joins=joins)


@routes.get("/branches/{branch}.csv")
async def branch_csv(request: web.Request) -> web.Response:
    me, found = caller(request), deps(request)
    name = request.match_info["branch"]
    rows: list[tuple[object, ...]] = []
    offset = 0
    while True:
        shown = await found.people.people(name, me, offset, 1000)
        rows += [
            (
                " ".join(str(i) for i in p.member.identities),
                p.member.branch or "",
                " ".join(f"{g.role.value}:{g.branch or ''}" for g in p.roles),
            )
            for p in shown.people
        ]
        offset += 1000
        if offset >= shown.total:
            break
    return csv_response(request, f"{name}-roles.csv", ("accounts", "branch", "roles"), rows)


def _who(fields: dict[str, str]) -> Identity:
    try:
        return Identity.parse(fields.get("who", ""))
    except ValueError as error:
        raise InvalidInput("PLATFORM:USER_ID", str(error)) from None


def _role(fields: dict[str, str]) -> Role:
    try:
        return Role(fields.get("role", ""))
    except ValueError:
        raise InvalidInput("role", "member, officer or organiser") from None


@routes.post("/branches/{branch}/grant")
async def grant(request: web.Request) -> web.StreamResponse:
    me, found, branch = caller(request), deps(request), request.match_info["branch"]
    fields = await form(request)
    role = _role(fields)
    await found.people.grant(_who(fields), role, None if role is Role.ORGANISER else branch, me)
    raise see_other(f"/dashboard/branches/{branch}")


@routes.post("/branches/{branch}/revoke")
async def revoke(request: web.Request) -> web.StreamResponse:
    me, found, branch = caller(request), deps(request), request.match_info["branch"]
    fields = await form(request)
    role = _role(fields)
    await found.people.revoke(_who(fields), role, None if role is Role.ORGANISER else branch, me)
    raise see_other(f"/dashboard/branches/{branch}")


def _ids(fields: Mapping[str, str], among: Set[int] | None = None) -> list[int]:
    """The request ids a decision form names (only those `among`, when given)."""
    ids = [int(x) for x in fields.get("ids", "").split(",") if x.isdigit()]
    ids = [i for i in ids if among is None or i in among]
    if not ids:
        raise InvalidInput("request", "which request?")
    return ids


@routes.post("/branches/{branch}/requests")
async def decide(request: web.Request) -> web.StreamResponse:
    me, found, branch = caller(request), deps(request), request.match_info["branch"]
    fields = await form(request)
    await found.subscriptions.decide(_ids(fields), fields.get("decision") == "approve", me)
    raise see_other(f"/dashboard/branches/{branch}")


@routes.post("/branches/{branch}/joins")
async def decide_join(request: web.Request) -> web.StreamResponse:
    """Approve or decline a member's /join, as the buttons in the officers' DMs do."""
    me, found, branch = caller(request), deps(request), request.match_info["branch"]
    fields = await form(request)
    waiting = {w.id for w in await found.joining.waiting(branch, me)}  # 403: not their branch
    await found.joining.decide(_ids(fields, waiting), fields.get("decision") == "approve", me)
    raise see_other(f"/dashboard/branches/{branch}")
