"""What every dashboard response and request goes through: security headers (a
Content-Security-Policy with no inline script), the session cookie, the CSRF token every
form carries, a form's one-time nonce (posted twice, it has one effect), and errors mapped
to pages (403 for a refusal, 401 when not signed in)."""

from __future__ import annotations

import hmac
import logging
import secrets

from aiohttp import web

from bot.core.errors import DomainError, Forbidden, NotFound, NotSignedIn
from bot.http import Handler
from bot.web.context import CALLER, CSRF, SESSION_COOKIE, csrf_token, deps
from bot.web.render import problem

log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # A sign-in link's token must never leave in a Referer header.
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
PUBLIC = ("/sign-in/", "/static/")


@web.middleware
async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as error:
        response = error
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if isinstance(response, web.HTTPException):
        raise response
    return response


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A refusal is a 403 page, a missing session a 401 page, an unknown thing a 404."""
    try:
        return await handler(request)
    except NotSignedIn as error:
        return problem(request, 401, "Please sign in", error.why)
    except Forbidden as error:
        return problem(request, 403, "Not yours to see", str(error))
    except NotFound as error:
        return problem(request, 404, "Not found", str(error))
    except DomainError as error:
        return problem(request, 400, "That did not work", str(error))


@web.middleware
async def session(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Who is signed in, worked out afresh on every request; then the CSRF check."""
    if any(part in request.path for part in PUBLIC):
        return await handler(request)
    secret = request.cookies.get(SESSION_COOKIE, "")
    if not secret:
        raise NotSignedIn()
    request[CALLER] = await deps(request).dashboard.caller(secret)
    request[CSRF] = csrf_token(secret)
    if request.method == "POST":
        form = await request.post()
        sent = str(form.get("csrf", ""))
        if not sent or not hmac.compare_digest(sent, request[CSRF]):
            log.warning("dashboard: a form without a valid CSRF token was refused")
            raise Forbidden("that form", "the page this dashboard sent you (CSRF token missing)")
    return await handler(request)


def set_session(response: web.StreamResponse, secret: str, max_age: int, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        max_age=max_age,
        path="/dashboard",
        httponly=True,
        secure=secure,
        samesite="Strict",
    )


def new_nonce() -> str:
    """A form's one-time number: posted twice, the form has one effect."""
    return secrets.token_urlsafe(16)
