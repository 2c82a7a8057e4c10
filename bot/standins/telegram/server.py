"""A loopback Telegram Bot API server, driven through the real python-telegram-bot client.

Speaks the Bot API wire format (form or JSON bodies; `{"ok": ..., "result": ...}` answers),
enforces Telegram's limits when asked (30 messages/s per bot, 20/min per group, 4096
UTF-16 units, valid HTML), and lets tests inject user updates and faults.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from aiohttp import ClientSession, web

from bot.http import bound_port
from bot.standins.faults import Fault, FaultPlan, before, control, penalise, unheard
from bot.standins.limits import SlidingWindow
from bot.standins.telegram.api import BotApi, Sent
from bot.standins.telegram.html import visible_text

log = logging.getLogger(__name__)

TEST_TOKEN = "123456789:AAStandInTokenForLoopbackTestsOnly00"


@dataclass
class TelegramStandIn(BotApi):
    token: str = TEST_TOKEN
    username: str = "campaign_test_bot"
    delay: float = 0.0
    enforce_limits: bool = False
    per_second: int = 30
    per_group_minute: int = 20
    received: defaultdict[str, list[Sent]] = field(default_factory=lambda: defaultdict(list))
    calls: Counter[str] = field(default_factory=Counter)
    commands: list[dict[str, str]] = field(default_factory=list)  # the default menu
    menus: dict[str, list[dict[str, str]]] = field(default_factory=dict)  # per scope
    blocked: set[str] = field(default_factory=set)
    # People who never opened a private chat with the bot: it cannot write to them first.
    unstarted: set[str] = field(default_factory=set)
    migrated: dict[str, str] = field(default_factory=dict)
    faults: FaultPlan = field(default_factory=FaultPlan)
    answered_callbacks: list[dict[str, Any]] = field(default_factory=list)
    too_many: int = 0
    limited: list[tuple[float, str]] = field(default_factory=list)
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_statuses: list[int] = field(default_factory=list)
    refusals: Counter[str] = field(default_factory=Counter)  # 403s per chat
    revoked: bool = False  # refuse the token (401) until set back, as after a revocation
    refused_token: Counter[str] = field(default_factory=Counter)  # 401s per method
    # Files sent with sendDocument, per chat: (file name, bytes).
    documents: defaultdict[str, list[tuple[str, bytes]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(10_000)
        self._message_ids = itertools.count(1)
        self._new_update = asyncio.Event()
        self._stopping = False
        self._chats: dict[str, dict[str, Any]] = {}
        self._global = SlidingWindow(self.per_second, 1.0)
        self._groups = SlidingWindow(self.per_group_minute, 60.0)
        self._runner: web.AppRunner | None = None
        self._session: ClientSession | None = None
        self.url = ""

    # --- lifecycle ------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application(client_max_size=2**20)
        app.router.add_route("POST", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/bot{token}/{method}", self._handle)
        app.router.add_get("/_standin/stats", self._stats)
        app.router.add_post("/_standin/say", self._say)
        app.router.add_get("/_standin/said", self._said)
        app.router.add_post("/_standin/control", self._control)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        self.url = f"http://{host}:{bound_port(self._runner)}"
        return self.url

    @property
    def base_url(self) -> str:
        """What to give PTB as base_url (and TELEGRAM_API_BASE_URL)."""
        return self.url + "/bot"

    async def stop(self) -> None:
        self._stopping = True
        self._new_update.set()
        if self._session is not None:
            await self._session.close()
        if self._runner is not None:
            await self._runner.cleanup()

    async def __aenter__(self) -> TelegramStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    def texts(self, chat_id: int | str) -> list[str]:
        return [
            visible_text(s.text) if s.parse_mode == "HTML" else s.text
            for s in self.received[str(chat_id)]
        ]

    def fault(self, method: str, **kwargs: Any) -> Fault:
        return self.faults.add(Fault(method, **kwargs))

    def stats(self) -> dict[str, Any]:
        return {
            "received": sum(len(v) for v in self.received.values()),
            "chats": len(self.received),
            "max_per_chat": max((len(v) for v in self.received.values()), default=0),
            "too_many": self.too_many,
            "first_at": min((s[0].at for s in self.received.values() if s), default=0.0),
            "last_at": max((s[-1].at for s in self.received.values() if s), default=0.0),
            "arrivals": sorted(m.at for sent in self.received.values() for m in sent),
            "per_chat": {chat: len(sent) for chat, sent in self.received.items()},
            "sends_after_refusal": sum(n - 1 for n in self.refusals.values()),
            "faults": dict(self.faults.injected),
            "caused_after_told": self.faults.told_since,
        }

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats())

    async def _control(self, request: web.Request) -> web.Response:
        """For a stand-in in another process: POST {"faults": [...], "blocked": [...],
        "migrated": {"old": "new"}, "revoked": true|false, "delay": s, "jitter": s}."""
        data = await request.json()
        self.revoked = bool(data.get("revoked", self.revoked))
        self.delay = float(data.get("delay", self.delay))
        control(self.faults, data)
        self.blocked |= {str(c) for c in data.get("blocked", [])}
        self.migrated |= {str(k): str(v) for k, v in dict(data.get("migrated", {})).items()}
        return web.json_response({"ok": True})

    async def _say(self, request: web.Request) -> web.Response:
        """For people trying the bot by hand: POST {"user": 1, "text": "/help"}; in a group
        with "chat": -100…, "title" and, for a forum topic, "topic"; "edited": true."""
        data = await request.json()
        chat = data.get("chat")
        update = self.message(
            int(data.get("user", 1)),
            str(data.get("text", "/help")),
            chat_id=int(chat) if chat is not None else None,
            chat_type="supergroup" if chat is not None else "private",
            title=data.get("title"),
            edited=bool(data.get("edited", False)),
            topic=int(data["topic"]) if data.get("topic") is not None else None,
        )
        return web.json_response(update)

    async def _said(self, request: web.Request) -> web.Response:
        """What the bot sent, for people trying it by hand: GET ?chat=ID (one chat's)."""
        chat = request.query.get("chat")
        chats = [chat] if chat is not None else sorted(self.received)
        return web.json_response(
            [
                {"chat": c, "thread": m.thread, "text": m.text, "buttons": m.reply_markup}
                for c in chats
                for m in self.received.get(c, [])
            ]
        )

    # --- the API ----------------------------------------------------------------------------

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            data = await request.json()
            return dict(data) if isinstance(data, dict) else {}
        if request.method == "GET":
            return dict(request.query)
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            if isinstance(value, web.FileField):
                params[key] = (value.filename, value.file.read())
                continue
            text = value if isinstance(value, str) else ""
            try:
                params[key] = json.loads(text) if text[:1] in "[{" else text
            except json.JSONDecodeError:
                params[key] = text
        return params

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token or self.revoked:
            self.refused_token[method] += 1
            return self._error(401, "Unauthorized")
        arrived = time.monotonic()
        params = await self._params(request)
        self.calls[method] += 1
        chat = str(params["chat_id"]) if "chat_id" in params else None
        if self.delay and method != "getUpdates":  # the round trip, faults included
            await asyncio.sleep(self.faults.round_trip(self.delay))
        if (penalty := self.faults.penalised(method, arrived)) is not None:
            if self.faults.caused(penalty, arrived):
                self.too_many += 1
                self.limited.append((time.monotonic(), chat or ""))
            wait = penalty.retry_after()
            return self._error(429, f"Too Many Requests: retry after {wait}", retry_after=wait)
        fault = self.faults.take(method, chat)
        failed = await before(
            fault, request, {"ok": False, "error_code": 502, "description": "Bad Gateway"}
        )
        penalise(self.faults, fault, method)
        if failed is not None:
            return failed
        handler = getattr(self, "_m_" + method, None)
        if handler is None:
            return self._error(404, "Not Found: method not found")
        heard = self.refusals[chat] if chat is not None else 0
        limited = self.too_many
        response: web.StreamResponse = await handler(params)
        if fault is not None and fault.kind in ("slow_after", "late"):
            if chat is not None and self.refusals[chat] > heard:
                # a refusal whose answer never came: the bot could not know, so its next send
                # there is no send after a refusal (nor was a late one: it left before)
                unheard(self.refusals, chat, heard)
            if fault.kind == "late" and self.too_many > limited:  # no one hears this 429
                self.faults.injected["429 to a late request"] += self.too_many - limited
                self.too_many = limited
        if fault is not None and fault.kind == "slow_after":
            await asyncio.sleep(fault.seconds)
        return response
