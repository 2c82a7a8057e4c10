"""The Bot API methods the stand-in answers, with Telegram's errors and limits."""

from __future__ import annotations

import asyncio
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.content.markup import utf16_len
from bot.standins.limits import SlidingWindow, whole_seconds
from bot.standins.telegram.html import ParseEntitiesError, visible_text
from bot.standins.telegram.people import People


@dataclass
class Sent:
    """One message the bot sent, as the stand-in received it."""

    chat_id: str
    message_id: int
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    at: float
    thread: int | None = None  # message_thread_id: the forum topic it was sent to


class BotApi(People):
    """One `_m_<method>` per Bot API method; `TelegramStandIn._handle` dispatches to them."""

    commands: list[dict[str, str]]
    menus: dict[str, list[dict[str, str]]]
    answered_callbacks: list[dict[str, Any]]
    received: defaultdict[str, list[Sent]]
    documents: defaultdict[str, list[tuple[str, bytes]]]
    blocked: set[str]
    unstarted: set[str]
    refusals: Counter[str]
    migrated: dict[str, str]
    enforce_limits: bool
    too_many: int
    limited: list[tuple[float, str]]  # when each 429 was answered, and to which chat
    _global: SlidingWindow
    _groups: SlidingWindow
    _stopping: bool

    @staticmethod
    @staticmethod
    def _ok(result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    def _error(code: int, description: str, **parameters: Any) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
        if parameters:
            body["parameters"] = parameters
        return web.json_response(body, status=code)

    async def _m_getMe(self, params: dict[str, Any]) -> web.Response:
        return self._ok(self.me())

    async def _m_setMyCommands(self, params: dict[str, Any]) -> web.Response:
        commands = list(params.get("commands", []))
        if len(commands) > 100:
            return self._error(400, "Bad Request: too many commands")
        scope = self._scope(params)
        if scope is None:
            return self._error(400, "Bad Request: wrong scope")
        if scope == "default":
            self.commands = commands
        self.menus[scope] = commands
        return self._ok(True)

    async def _m_deleteMyCommands(self, params: dict[str, Any]) -> web.Response:
        scope = self._scope(params)
        if scope is None:
            return self._error(400, "Bad Request: wrong scope")
        if scope == "default":
            self.commands = []
        self.menus.pop(scope, None)
        return self._ok(True)

    @staticmethod
    def _scope(params: dict[str, Any]) -> str | None:
        """A BotCommandScope as a key: "default", "all_private_chats", "chat:<id>", …"""
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or not isinstance(scope.get("type"), str):
            return None
        if scope["type"] in ("chat", "chat_administrators", "chat_member"):
            if "chat_id" not in scope:
                return None
            return f"{scope['type']}:{scope['chat_id']}"
        return str(scope["type"])

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
            # stopping: a poll still waiting (its poller gone) would hold the server's
            # cleanup for its shutdown_timeout, in every test with a polling bot
            if self._updates or self._stopping or time.monotonic() >= deadline:
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

    def _refuse(self, chat: str) -> web.Response | None:
        """A blocked chat or a migrated group: refused before the message is read."""
        if chat in self.blocked:
            self.refusals[chat] += 1
            return self._error(403, "Forbidden: bot was blocked by the user")
        if chat in self.unstarted:
            self.refusals[chat] += 1
            return self._error(403, "Forbidden: bot can't initiate conversation with a user")
        if chat in self.migrated:
            return self._error(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=int(self.migrated[chat]),
            )
        return None

    def _too_many(self, chat: str) -> web.Response | None:
        wait = self._limit(chat)
        if wait <= 0:
            return None
        self.too_many += 1
        self.limited.append((time.monotonic(), chat))
        seconds = whole_seconds(wait)
        return self._error(429, f"Too Many Requests: retry after {seconds}", retry_after=seconds)

    async def _m_sendMessage(self, params: dict[str, Any]) -> web.Response:
        chat = str(params.get("chat_id", ""))
        refused = self._refuse(chat)
        if refused is not None:
            return refused
        # A message refused for what it says is not counted against the limits.
        text, problem = self._check_text(params)
        if problem is not None:
            return problem
        limited = self._too_many(chat)
        if limited is not None:
            return limited
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
                _thread(params.get("message_thread_id")),
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
        if chat in self.unstarted:
            return self._error(403, "Forbidden: bot can't initiate conversation with a user")
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


def _thread(value: object) -> int | None:
    return int(value) if isinstance(value, int | str) and str(value).lstrip("-").isdigit() else None
