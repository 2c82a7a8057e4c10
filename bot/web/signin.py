"""Signing in with the one-time link sent by chat, and signing out.

Opening the link (GET) changes nothing: it shows a button that posts the token back. Chat
apps fetch links to show previews; only the person's own press uses the link up."""

from __future__ import annotations

import hmac
import secrets

from aiohttp import web

from bot.core.errors import Forbidden
from bot.web.context import CALLER, SESSION_COOKIE, caller, csrf_token, deps
from bot.web.render import page, see_other
from bot.web.security import set_session

SIGN_IN_COOKIE = "cb_sign_in"
routes = web.RouteTableDef()


@routes.get("/sign-in/{token}")
async def sign_in_page(request: web.Request) -> web.Response:
    nonce = secrets.token_urlsafe(16)
    response = page(request, "sign_in.html", sign_in_csrf=csrf_token(nonce))
    response.set_cookie(
        SIGN_IN_COOKIE,
        nonce,
        max_age=600,
        path="/dashboard/sign-in",
        httponly=True,
        secure=deps(request).secure,
        samesite="Strict",
    )
    return response


@routes.post("/sign-in/{token}")
async def sign_in(request: web.Request) -> web.StreamResponse:
    posted = await request.post()
    nonce = request.cookies.get(SIGN_IN_COOKIE, "")
    sent = str(posted.get("csrf", ""))
    if not nonce or not sent or not hmac.compare_digest(sent, csrf_token(nonce)):
        raise Forbidden("that sign-in", "the page this dashboard sent you (CSRF token missing)")
    found = deps(request)
    opened = await found.dashboard.sign_in(request.match_info["token"])
    response = see_other("/dashboard/")
    max_age = int((opened.expires_at - found.clock.now()).total_seconds())
    set_session(response, opened.secret, max_age, found.secure)
    response.del_cookie(SIGN_IN_COOKIE, path="/dashboard/sign-in")
    return response


@routes.post("/sign-out")
async def sign_out(request: web.Request) -> web.StreamResponse:
    caller(request)
    await deps(request).dashboard.sign_out(request.cookies.get(SESSION_COOKIE, ""))
    request[CALLER] = None
    response = page(request, "signed_out.html")
    response.del_cookie(SESSION_COOKIE, path="/dashboard")
    return response
