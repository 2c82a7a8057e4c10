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

from aiohttp import ClientSession, ClientTimeout, web

from bot.content.markup import utf16_len
from bot.http import bound_port
from bot.standins.faults import Fault, FaultPlan
from bot.standins.limits import SlidingWindow, whole_seconds
from bot.standins.telegram_html import ParseEntitiesError, visible_text

log = logging.getLogger(__name__)

TEST_TOKEN = "123456789:AAStandInTokenForLoopbackTestsOnly00"
BOT_ID = 123456789


@dataclass
class Sent:
    """One message the bot sent, as the stand-in received it."""

    chat_id: str
    message_id: int
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    at: float


@dataclass
class TelegramStandIn:
    token: str = TEST_TOKEN
    username: str = "campaign_test_bot"
    delay: float = 0.0
    enforce_limits: bool = False
    per_second: int = 30
    per_group_minute: int = 20
    received: defaultdict[str, list[Sent]] = field(default_factory=lambda: defaultdict(list))
    calls: Counter[str] = field(default_factory=Counter)
    commands: list[dict[str, str]] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)
    migrated: dict[str, str] = field(default_factory=dict)
    faults: FaultPlan = field(default_factory=FaultPlan)
    answered_callbacks: list[dict[str, Any]] = field(default_factory=list)
    too_many: int = 0
    webhook_url: str | None = None
    webhook_secret: str | None = None
    webhook_statuses: list[int] = field(default_factory=list)
    # Files sent with sendDocument, per chat: (file name, bytes).
    documents: defaultdict[str, list[tuple[str, bytes]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(10_000)
        self._message_ids = itertools.count(1)
        self._new_update = asyncio.Event()
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

    # --- what people do ---------------------------------------------------------------------

    def _chat(
        self, chat_id: int, kind: str, title: str | None, user: dict[str, Any]
    ) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": kind}
        if kind == "private":
            chat.update({k: v for k, v in user.items() if k in ("first_name", "username")})
        else:
            chat["title"] = title or f"Group {chat_id}"
        self._chats[str(chat_id)] = chat
        return chat

    @staticmethod
    def user(
        user_id: int, first_name: str = "Member", username: str | None = None
    ) -> dict[str, Any]:
        found: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            found["username"] = username
        return found

    def message(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        chat_type: str = "private",
        title: str | None = None,
        first_name: str = "Member",
        edited: bool = False,
    ) -> dict[str, Any]:
        """A user's message as Telegram delivers it; returns the update after queueing it."""
        user = self.user(user_id, first_name)
        chat = self._chat(chat_id if chat_id is not None else user_id, chat_type, title, user)
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "from": user,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if edited:
            message["edit_date"] = int(time.time())
        return self.push({"edited_message" if edited else "message": message})

    def press(
        self,
        user_id: int,
        data: str,
        chat_id: int | None = None,
        chat_type: str = "private",
        message_id: int = 1,
    ) -> dict[str, Any]:
        user = self.user(user_id)
        chat = self._chat(chat_id if chat_id is not None else user_id, chat_type, None, user)
        query = {
            "id": str(next(self._update_ids)),
            "from": user,
            "chat_instance": str(chat["id"]),
            "data": data,
            "message": {
                "message_id": message_id,
                "chat": chat,
                "date": int(time.time()),
                "text": "…",
                "from": self.me(),
            },
        }
        return self.push({"callback_query": query})

    def bot_membership(
        self, chat_id: int, title: str, by_user: int, added: bool = True, chat_type: str = "group"
    ) -> dict[str, Any]:
        user = self.user(by_user)
        chat = self._chat(chat_id, chat_type, title, user)
        me = self.me()
        old, new = ("left", "member") if added else ("member", "left")
        update = {
            "my_chat_member": {
                "chat": chat,
                "from": user,
                "date": int(time.time()),
                "old_chat_member": {"user": me, "status": old},
                "new_chat_member": {"user": me, "status": new},
            }
        }
        return self.push(update)

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **update}
        if self.webhook_url:
            asyncio.get_running_loop().create_task(self.post_webhook(update))
        else:
            self._updates.append(update)
            self._new_update.set()
        return update

    def redeliver(self, update: dict[str, Any]) -> None:
        """Deliver the same update again (a webhook retry, or a poller that lost its offset)."""
        if self.webhook_url:
            asyncio.get_running_loop().create_task(self.post_webhook(update))
        else:
            self._updates.append(update)
            self._updates.sort(key=lambda u: u["update_id"])
            self._new_update.set()

    async def post_webhook(self, update: dict[str, Any], secret: str | None = None) -> int:
        assert self.webhook_url
        if self._session is None:
            self._session = ClientSession(timeout=ClientTimeout(total=10))
        headers = {"Content-Type": "application/json"}
        token = secret if secret is not None else self.webhook_secret
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        async with self._session.post(
            self.webhook_url, data=json.dumps(update), headers=headers
        ) as r:
            self.webhook_statuses.append(r.status)
            return r.status

    def me(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Campaign bot",
            "username": self.username,
        }

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
        }

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats())

    async def _say(self, request: web.Request) -> web.Response:
        """For people trying the bot by hand: POST {"user": 1, "text": "/help"}."""
        data = await request.json()
        update = self.message(int(data.get("user", 1)), str(data.get("text", "/help")))
        return web.json_response(update)

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

    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(code: int, description: str, **parameters: Any) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=code)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        params = await self._params(request)
        self.calls[method] += 1
        chat = str(params["chat_id"]) if "chat_id" in params else None
        fault = self.faults.take(method, chat)
        if fault is not None and fault.kind == "reset":
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=500)
        if fault is not None and fault.kind == "status":
            return web.json_response(
                fault.body
                or {"ok": False, "error_code": fault.status, "description": "Bad Gateway"},
                status=fault.status,
                headers=fault.headers,
            )
        if self.delay and method != "getUpdates":
            await asyncio.sleep(self.delay)
        handler = getattr(self, "_m_" + method, None)
        if handler is None:
            return self._error(404, "Not Found: method not found")
        response: web.StreamResponse = await handler(params)
        if fault is not None and fault.kind == "slow_after":
            await asyncio.sleep(fault.seconds)
        return response

    async def _m_getMe(self, params: dict[str, Any]) -> web.Response:
        return self._ok(self.me())

    async def _m_setMyCommands(self, params: dict[str, Any]) -> web.Response:
        self.commands = list(params.get("commands", []))
        return self._ok(True)

    async def _m_deleteMyCommands(self, params: dict[str, Any]) -> web.Response:
        self.commands = []
        return self._ok(True)

    async def _m_setWebhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook_url = str(params.get("url") or "") or None
        self.webhook_secret = params.get("secret_token") or None
        return self._ok(True)

    async def _m_deleteWebhook(self, params: dict[str, Any]) -> web.Response:
        self.webhook_url = None
        self.webhook_secret = None
        return self._ok(True)

    async def _m_getWebhookInfo(self, params: dict[str, Any]) -> web.Response:
        return self._ok(
            {
                "url": self.webhook_url or "",
                "has_custom_certificate": False,
                "pending_update_count": len(self._updates),
            }
        )

    async def _m_getUpdates(self, params: dict[str, Any]) -> web.Response:
        if self.webhook_url:
            return self._error(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 30.0)
        limit = int(params.get("limit") or 100)
        deadline = time.monotonic() + timeout
        while True:
            if offset:
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
            if self._updates or time.monotonic() >= deadline:
                return self._ok(self._updates[:limit])
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), deadline - time.monotonic())
            except TimeoutError:
                pass

    async def _m_answerCallbackQuery(self, params: dict[str, Any]) -> web.Response:
        self.answered_callbacks.append(params)
        return self._ok(True)

    def _limit(self, chat: str) -> float:
        if not self.enforce_limits:
            return 0.0
        now = time.monotonic()
        wait = self._global.wait("bot", now)
        if chat.startswith("-"):
            wait = max(wait, self._groups.wait(chat, now))
        if wait <= 0:
            self._global.hit("bot", now)
            if chat.startswith("-"):
                self._groups.hit(chat, now)
        return wait

    def _check_text(self, params: dict[str, Any]) -> tuple[str, web.Response | None]:
        text = str(params.get("text", ""))
        try:
            shown = visible_text(text) if params.get("parse_mode") == "HTML" else text
        except ParseEntitiesError as error:
            return text, self._error(400, str(error))
        if not shown.strip():
            return text, self._error(400, "Bad Request: message text is empty")
        if utf16_len(shown) > 4096:
            return text, self._error(400, "Bad Request: message is too long")
        return text, None

    async def _m_sendMessage(self, params: dict[str, Any]) -> web.Response:
        chat = str(params.get("chat_id", ""))
        if chat in self.blocked:
            return self._error(403, "Forbidden: bot was blocked by the user")
        if chat in self.migrated:
            return self._error(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=int(self.migrated[chat]),
            )
        wait = self._limit(chat)
        if wait > 0:
            self.too_many += 1
            seconds = whole_seconds(wait)
            return self._error(
                429, f"Too Many Requests: retry after {seconds}", retry_after=seconds
            )
        text, problem = self._check_text(params)
        if problem is not None:
            return problem
        message_id = next(self._message_ids)
        markup = params.get("reply_markup")
        self.received[chat].append(
            Sent(
                chat,
                message_id,
                text,
                params.get("parse_mode"),
                markup if isinstance(markup, dict) else None,
                time.monotonic(),
            )
        )
        chat_obj = self._chats.get(chat) or {
            "id": int(chat),
            "type": "private" if not chat.startswith("-") else "supergroup",
            "title": "Group",
        }
        return self._ok(
            {
                "message_id": message_id,
                "from": self.me(),
                "chat": chat_obj,
                "date": int(time.time()),
                "text": text,
            }
        )

    async def _m_sendDocument(self, params: dict[str, Any]) -> web.Response:
        chat = str(params.get("chat_id", ""))
        if chat in self.blocked:
            return self._error(403, "Forbidden: bot was blocked by the user")
        document = params.get("document")
        if not isinstance(document, tuple):
            return self._error(400, "Bad Request: there is no document in the request")
        filename, content = document
        self.documents[chat].append((str(filename), bytes(content)))
        return self._ok(
            {
                "message_id": next(self._message_ids),
                "from": self.me(),
                "chat": self._chats.get(chat) or {"id": int(chat), "type": "private"},
                "date": int(time.time()),
                "document": {
                    "file_id": f"doc{len(self.documents[chat])}",
                    "file_unique_id": f"udoc{len(self.documents[chat])}",
                    "file_name": str(filename),
                    "file_size": len(content),
                },
            }
        )

    async def _m_editMessageText(self, params: dict[str, Any]) -> web.Response:
        chat = str(params.get("chat_id", ""))
        text, problem = self._check_text(params)
        if problem is not None:
            return problem
        for sent in self.received[chat]:
            if sent.message_id == int(params.get("message_id", 0)):
                sent.text, sent.parse_mode = text, params.get("parse_mode")
                chat_obj = self._chats.get(chat) or {"id": int(chat), "type": "private"}
                return self._ok(
                    {
                        "message_id": sent.message_id,
                        "from": self.me(),
                        "chat": chat_obj,
                        "date": int(time.time()),
                        "text": text,
                    }
                )
        return self._error(400, "Bad Request: message to edit not found")
