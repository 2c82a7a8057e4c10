"""A loopback Slack Web API server, driven through the real slack-sdk client.

Answers as Slack does (HTTP 200 with `ok: false` for most errors, 429 with Retry-After),
enforces ≈1 message/s per channel when asked, records what each channel received and
whether anything would have notified everyone. It also plays Slack's side of the Events
API: signed events and slash commands posted to the bot, with retries.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, web

from bot.http import bound_port
from bot.standins.faults import Fault, FaultPlan, before, control, penalise, unheard
from bot.standins.limits import SlidingWindow
from bot.standins.slack.api import Posted, WebApi
from bot.standins.slack.socket import TEST_APP_TOKEN, SocketSide

TEST_BOT_TOKEN = "xoxb-0000000000-1111111111-StandInTokenForTests"
TEST_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@dataclass
class SlackStandIn(WebApi, SocketSide):
    token: str = TEST_BOT_TOKEN
    app_token: str = TEST_APP_TOKEN  # Socket Mode's app-level token (apps.connections.open)
    signing_secret: str = TEST_SIGNING_SECRET
    delay: float = 0.0
    enforce_limits: bool = False
    per_channel_second: int = 1
    received: defaultdict[str, list[Posted]] = field(default_factory=lambda: defaultdict(list))
    calls: Counter[str] = field(default_factory=Counter)
    missing: set[str] = field(default_factory=set)
    not_in: set[str] = field(default_factory=set)
    archived: set[str] = field(default_factory=set)
    revoked: bool = False  # answer token_revoked until set back
    refused_token: Counter[str] = field(default_factory=Counter)  # per method
    faults: FaultPlan = field(default_factory=FaultPlan)
    notified_everyone: list[str] = field(default_factory=list)
    too_many: int = 0
    over_limits: int = 0
    refusals: Counter[str] = field(default_factory=Counter)  # refused posts per channel
    responses: list[dict[str, Any]] = field(default_factory=list)
    homes: dict[str, dict[str, Any]] = field(default_factory=dict)  # App Home views per user
    # Files shared with files_upload_v2, per channel: (file name, bytes).
    files: defaultdict[str, list[tuple[str, bytes]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    # users.info: a verified work email per user id (what users:read.email shows).
    emails: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._ts = itertools.count(1)
        self._limits = SlidingWindow(self.per_channel_second, 1.0)
        self._runner: web.AppRunner | None = None
        self._session: ClientSession | None = None
        self._uploads: dict[str, tuple[str, bytes | None]] = {}
        self.url = ""
        self._socket_init()

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application(client_max_size=2**21)
        app.router.add_post("/api/{method}", self._handle)
        app.router.add_get("/api/{method}", self._handle)  # read methods (users.info) use GET
        app.router.add_post("/respond/{key}", self._respond)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/_standin/stats", self._stats)
        app.router.add_post("/_standin/control", self._control)
        self._socket_routes(app)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.url = f"http://{host}:{bound_port(self._runner)}"
        return self.url

    @property
    def base_url(self) -> str:
        """What to give slack-sdk as base_url (and SLACK_API_BASE_URL)."""
        return self.url + "/api/"

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        await self._close_sockets()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> SlackStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def fault(self, method: str, **kwargs: Any) -> Fault:
        return self.faults.add(Fault(method, **kwargs))

    def texts(self, channel: str) -> list[str]:
        return [p.text for p in self.received[channel]]

    def stats(self) -> dict[str, Any]:
        return {
            "received": sum(len(v) for v in self.received.values()),
            "chats": len(self.received),
            "max_per_chat": max((len(v) for v in self.received.values()), default=0),
            "too_many": self.too_many,
            "over_limits": self.over_limits,
            "notified_everyone": len(self.notified_everyone),
            "first_at": min((p[0].at for p in self.received.values() if p), default=0.0),
            "last_at": max((p[-1].at for p in self.received.values() if p), default=0.0),
            "arrivals": sorted(m.at for sent in self.received.values() for m in sent),
            "per_chat": {chat: len(posted) for chat, posted in self.received.items()},
            "sends_after_refusal": sum(n - 1 for n in self.refusals.values()),
            "faults": dict(self.faults.injected),
            "caused_after_told": self.faults.told_since,
        }

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats())

    async def _control(self, request: web.Request) -> web.Response:
        """For a stand-in in another process: POST {"faults": [...], "missing": [...],
        "not_in": [...], "archived": [...], "revoked": true|false, "delay": s, "jitter": s}."""
        data = await request.json()
        self.revoked = bool(data.get("revoked", self.revoked))
        self.delay = float(data.get("delay", self.delay))
        control(self.faults, data)
        self.missing |= {str(c) for c in data.get("missing", [])}
        self.not_in |= {str(c) for c in data.get("not_in", [])}
        self.archived |= {str(c) for c in data.get("archived", [])}
        return web.json_response({"ok": True})

    # --- the Web API ------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            data = await request.json()
            return dict(data) if isinstance(data, dict) else {}
        form = await request.post()
        params: dict[str, Any] = {}
        # Some methods send query parameters (files.*), most a form.
        for key, value in [*request.query.items(), *form.items()]:
            text = value if isinstance(value, str) else ""
            structured = key in ("blocks", "attachments", "files", "view", "metadata")
            params[key] = json.loads(text) if structured and text else text
        return params

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        arrived = time.monotonic()
        auth = request.headers.get("Authorization", "")
        params = await self._params(request)
        self.calls[method] += 1
        if method == "apps.connections.open":  # the app-level token only, as Slack
            if auth == f"Bearer {self.token}":
                return self._error("not_allowed_token_type")
            if auth != f"Bearer {self.app_token}":
                return self._error("not_authed" if not auth else "invalid_auth")
        elif auth == f"Bearer {self.app_token}":
            return self._error("not_allowed_token_type")
        elif auth != f"Bearer {self.token}" and params.get("token") != self.token:
            self.refused_token[method] += 1
            return self._error("not_authed" if not auth else "invalid_auth")
        if self.revoked:
            self.refused_token[method] += 1
            return self._error("token_revoked")
        channel = str(params["channel"]) if "channel" in params else None
        if self.delay:  # the round trip, faults included: an error takes as long to come back
            await asyncio.sleep(self.faults.round_trip(self.delay))
        if (penalty := self.faults.penalised(method, arrived)) is not None:
            if self.faults.caused(penalty, arrived):
                self.too_many += 1
            return self._error("ratelimited", 429, **{"Retry-After": str(penalty.retry_after())})
        fault = self.faults.take(method, channel)
        failed = await before(fault, request, {"ok": False, "error": "fatal_error"})
        penalise(self.faults, fault, method)
        if failed is not None:
            return failed
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return self._error("unknown_method", status=404)
        heard = self.refusals[channel] if channel is not None else 0
        limited = self.too_many
        response: web.StreamResponse = await handler(params)
        if fault is not None and fault.kind in ("slow_after", "late"):
            if channel is not None and self.refusals[channel] > heard:
                # a refusal whose answer never came: the bot could not know, so its next send
                # there is no send after a refusal (nor was a late one: it left before)
                unheard(self.refusals, channel, heard)
            if fault.kind == "late" and self.too_many > limited:  # no one hears this 429
                self.faults.injected["429 to a late request"] += self.too_many - limited
                self.too_many = limited
        if fault is not None and fault.kind == "slow_after":
            await asyncio.sleep(fault.seconds)
        return response

    async def _respond(self, request: web.Request) -> web.Response:
        self.responses.append(await request.json())
        return web.Response(text="ok")
