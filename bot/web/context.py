"""What a dashboard handler reads from its request: the dependencies, the signed-in caller,
the CSRF token of their session."""

from __future__ import annotations

import hashlib
import hmac

from aiohttp import web

from bot.core.caller import Caller
from bot.core.errors import Forbidden, NotSignedIn
from bot.web.deps import Deps

SESSION_COOKIE = "cb_session"
DEPS: web.AppKey[Deps] = web.AppKey("deps", Deps)
CALLER: web.RequestKey[Caller | None] = web.RequestKey("caller", Caller)
CSRF: web.RequestKey[str] = web.RequestKey("csrf", str)


def csrf_token(secret: str) -> str:
    """The token a session's forms carry: derived from the cookie's secret, so a page on
    another site, which cannot read the cookie, cannot forge it."""
    return hmac.new(secret.encode(), b"csrf", hashlib.sha256).hexdigest()


def deps(request: web.Request) -> Deps:
    return request.config_dict[DEPS]


def caller(request: web.Request) -> Caller:
    found = request.get(CALLER)
    if not isinstance(found, Caller):
        raise NotSignedIn()
    return found


def organiser(request: web.Request, what: str) -> Caller:
    """The caller, who must be an organiser (pages that are organisers' work only)."""
    found = caller(request)
    if not found.is_organiser:
        raise Forbidden(what, "organiser")
    return found


async def form(request: web.Request) -> dict[str, str]:
    """The posted form's text fields, stripped."""
    posted = await request.post()
    return {k: v.strip() for k, v in posted.items() if isinstance(v, str)}
