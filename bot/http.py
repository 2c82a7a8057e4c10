"""The one HTTP server: Telegram webhook, Slack endpoints, the dashboard, /health (is this
replica doing its job: for alerts and restarts) and /ready (may the load balancer send it
webhooks and events now)."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from typing import Any

from aiohttp import web

from bot.adapters.errors import StartupError

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
# A part's health that needs I/O: healthy or not, and what to show about it.
Status = Callable[[], Awaitable[tuple[bool, dict[str, Any]]]]


def bound_port(runner: web.BaseRunner) -> int:
    """The port a started server listens on (port 0 asks the system for a free one)."""
    address = runner.addresses[0]
    return int(address[1])


class HttpServer:
    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self._app = web.Application(client_max_size=1 * 2**20)
        self._app.router.add_get("/health", self._health)
        self._app.router.add_get("/ready", self._ready)
        self.checks: dict[str, Callable[[], bool]] = {}
        self.statuses: dict[str, Status] = {}
        self.readiness: dict[str, Status] = {}  # none: ready once it listens
        self.url = ""

    def route(self, method: str, path: str, handler: Handler) -> None:
        self._app.router.add_route(method, path, handler)

    def mount(self, prefix: str, app: web.Application) -> None:
        """Serve a whole sub-application (its own middlewares and routes) under a prefix."""
        self._app.add_subapp(prefix, app)

    async def _health(self, request: web.Request) -> web.Response:
        results = {name: check() for name, check in self.checks.items()}
        return await self._report(results, self.statuses)

    async def _ready(self, request: web.Request) -> web.Response:
        return await self._report({}, self.readiness)

    async def _report(self, results: dict[str, bool], statuses: dict[str, Status]) -> web.Response:
        shown: dict[str, Any] = {}
        for name, status in statuses.items():
            results[name], detail = await status()
            shown |= detail
        healthy = all(results.values())
        return web.Response(
            text=json.dumps({"ok": healthy, "parts": results} | shown),
            status=200 if healthy else 503,
            content_type="application/json",
        )

    async def start(self, stack: AsyncExitStack) -> str:
        runner = web.AppRunner(self._app, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        stack.push_async_callback(runner.cleanup)
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as error:  # port taken, no such address: the operator's to fix
            # asyncio words it "error while attempting to bind on address (...): address
            # already in use"; the address is said once, with the settings that gave it.
            reason = str(error.strerror or error).rsplit(": ", 1)[-1]
            raise StartupError(
                f"cannot serve HTTP on HTTP_HOST={self.host} HTTP_PORT={self.port}: {reason}"
            ) from None
        self.port = bound_port(runner)
        self.url = f"http://{self.host}:{self.port}"
        return self.url
