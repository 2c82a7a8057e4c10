"""The organisers' dashboard: server-rendered pages on the bot's own HTTP server, under
/dashboard, calling the same application services as chat commands and the CLI."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.http import HttpServer
from bot.web import actions, audit, ballots, broadcasts, overview, people, questions, signin
from bot.web.context import DEPS
from bot.web.deps import Deps, Structure
from bot.web.render import setup
from bot.web.security import errors, headers, session

STATIC = Path(__file__).parent / "static"
PAGES = (signin, overview, broadcasts, ballots, actions, questions, people, audit)

__all__ = ["Deps", "Structure", "build", "mount"]


def build(deps: Deps) -> web.Application:
    app = web.Application(middlewares=[headers, errors, session])
    app[DEPS] = deps
    setup(app)
    for module in PAGES:
        app.router.add_routes(module.routes)
    app.router.add_static("/static", STATIC, append_version=True)
    return app


async def _to_dashboard(request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther("/dashboard/")


def mount(http: HttpServer, deps: Deps) -> None:
    """Serve the dashboard on the bot's HTTP server, under /dashboard."""
    http.mount("/dashboard", build(deps))
    http.route("GET", "/dashboard", _to_dashboard)
