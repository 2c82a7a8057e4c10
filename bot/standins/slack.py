"""A loopback Slack Web API server, driven through the real slack-sdk client.

Answers as Slack does (HTTP 200 with `ok: false` for most errors, 429 with Retry-After),
enforces ≈1 message/s per channel when asked, records what each channel received and
whether anything would have notified everyone. It also plays Slack's side of the Events
API: signed events and slash commands posted to the bot, with retries.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import itertools
import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientSession, ClientTimeout, web

from bot.http import bound_port
from bot.standins.faults import Fault, FaultPlan
from bot.standins.limits import SlidingWindow, whole_seconds

TEST_BOT_TOKEN = "xoxb-0000000000-1111111111-StandInTokenForTests"
TEST_SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_USER_ID = "UBOTSTAND1"
_EVERYONE = re.compile(r"<!(channel|here|everyone)(\|[^>]*)?>|<!subteam\^")


@dataclass
class Posted:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]] | None
    ephemeral_user: str | None
    thread_ts: str | None
    at: float


@dataclass
class Delivered:
    """What the bot answered to an event or command posted to it."""

    status: int
    body: str
    seconds: float


@dataclass
class SlackStandIn:
    token: str = TEST_BOT_TOKEN
    signing_secret: str = TEST_SIGNING_SECRET
    delay: float = 0.0
    enforce_limits: bool = False
    per_channel_second: int = 1
    received: defaultdict[str, list[Posted]] = field(default_factory=lambda: defaultdict(list))
    calls: Counter[str] = field(default_factory=Counter)
    missing: set[str] = field(default_factory=set)
    not_in: set[str] = field(default_factory=set)
    archived: set[str] = field(default_factory=set)
    revoked: bool = False
    faults: FaultPlan = field(default_factory=FaultPlan)
    notified_everyone: list[str] = field(default_factory=list)
    too_many: int = 0
    responses: list[dict[str, Any]] = field(default_factory=list)
    # Files shared with files_upload_v2, per channel: (file name, bytes).
    files: defaultdict[str, list[tuple[str, bytes]]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def __post_init__(self) -> None:
        self._ts = itertools.count(1)
        self._limits = SlidingWindow(self.per_channel_second, 1.0)
        self._runner: web.AppRunner | None = None
        self._session: ClientSession | None = None
        self._uploads: dict[str, tuple[str, bytes | None]] = {}
        self.url = ""

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        app = web.Application(client_max_size=2**21)
        app.router.add_post("/api/{method}", self._handle)
        app.router.add_post("/respond/{key}", self._respond)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_get("/_standin/stats", self._stats)
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

    # --- Slack → bot ------------------------------------------------------------------------

    def sign(
        self, body: str, timestamp: int | None = None, secret: str | None = None
    ) -> dict[str, str]:
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        key = (self.signing_secret if secret is None else secret).encode()
        digest = hmac.new(key, f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
        return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}"}

    async def _post(
        self, url: str, body: str, content_type: str, headers: dict[str, str]
    ) -> Delivered:
        if self._session is None:
            self._session = ClientSession(timeout=ClientTimeout(total=15))
        started = time.monotonic()
        async with self._session.post(
            url, data=body.encode(), headers={"Content-Type": content_type, **headers}
        ) as r:
            text = await r.text()
            return Delivered(r.status, text, time.monotonic() - started)

    def event(self, event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
        """An Events API envelope around `event`."""
        return {
            "token": "legacy-verification-token",
            "team_id": "T0001",
            "api_app_id": "A0001",
            "event": {"event_ts": f"{time.time():.6f}", "ts": f"{time.time():.6f}", **event},
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(self._ts):08d}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T0001", "user_id": BOT_USER_ID, "is_bot": True}],
        }

    async def post_event(
        self,
        url: str,
        envelope: dict[str, Any],
        retry_num: int | None = None,
        headers: dict[str, str] | None = None,
        **sign: Any,
    ) -> Delivered:
        body = json.dumps(envelope)
        extra = self.sign(body, **sign)
        if retry_num is not None:
            extra |= {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return await self._post(url, body, "application/json", extra | (headers or {}))

    def command(
        self,
        user: str,
        channel: str,
        text: str,
        command: str = "/campaign",
        channel_name: str = "general",
    ) -> dict[str, str]:
        key = f"{next(self._ts)}"
        return {
            "token": "legacy-verification-token",
            "team_id": "T0001",
            "team_domain": "union",
            "channel_id": channel,
            "channel_name": channel_name,
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "api_app_id": "A0001",
            "response_url": f"{self.url}/respond/{key}",
            "trigger_id": f"trig.{key}",
        }

    async def post_command(self, url: str, form: dict[str, str], **sign: Any) -> Delivered:
        body = urlencode(form)
        return await self._post(
            url, body, "application/x-www-form-urlencoded", self.sign(body, **sign)
        )

    def block_action(self, user: str, channel: str, value: str) -> dict[str, Any]:
        key = f"{next(self._ts)}"
        return {
            "type": "block_actions",
            "team": {"id": "T0001", "domain": "union"},
            "user": {"id": user, "username": user.lower(), "team_id": "T0001"},
            "api_app_id": "A0001",
            "token": "legacy-verification-token",
            "container": {"type": "message", "channel_id": channel, "message_ts": "1.1"},
            "channel": {"id": channel, "name": channel},
            "trigger_id": f"trig.{key}",
            "response_url": f"{self.url}/respond/{key}",
            "actions": [
                {
                    "action_id": f"cb-{key}",
                    "block_id": "actions",
                    "type": "button",
                    "value": value,
                    "text": {"type": "plain_text", "text": value},
                }
            ],
        }

    async def post_action(self, url: str, payload: dict[str, Any], **sign: Any) -> Delivered:
        body = urlencode({"payload": json.dumps(payload)})
        return await self._post(
            url, body, "application/x-www-form-urlencoded", self.sign(body, **sign)
        )

    def stats(self) -> dict[str, Any]:
        return {
            "received": sum(len(v) for v in self.received.values()),
            "chats": len(self.received),
            "max_per_chat": max((len(v) for v in self.received.values()), default=0),
            "too_many": self.too_many,
            "notified_everyone": len(self.notified_everyone),
            "first_at": min((p[0].at for p in self.received.values() if p), default=0.0),
            "last_at": max((p[-1].at for p in self.received.values() if p), default=0.0),
        }

    async def _stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats())

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
            structured = key in ("blocks", "attachments", "files")
            params[key] = json.loads(text) if structured and text else text
        return params

    def _error(self, error: str, status: int = 200, **headers: str) -> web.Response:
        return web.json_response({"ok": False, "error": error}, status=status, headers=headers)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        auth = request.headers.get("Authorization", "")
        params = await self._params(request)
        self.calls[method] += 1
        if auth != f"Bearer {self.token}" and params.get("token") != self.token:
            return self._error("not_authed" if not auth else "invalid_auth")
        if self.revoked:
            return self._error("token_revoked")
        channel = str(params["channel"]) if "channel" in params else None
        fault = self.faults.take(method, channel)
        if fault is not None and fault.kind == "reset":
            assert request.transport is not None
            request.transport.close()
            return web.Response(status=500)
        if fault is not None and fault.kind == "status":
            body = fault.body or {"ok": False, "error": "fatal_error"}
            return web.json_response(body, status=fault.status, headers=fault.headers)
        if self.delay:
            await asyncio.sleep(self.delay)
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return self._error("unknown_method", status=404)
        response: web.StreamResponse = await handler(params)
        if fault is not None and fault.kind == "slow_after":
            await asyncio.sleep(fault.seconds)
        return response

    async def _m_auth_test(self, params: dict[str, Any]) -> web.Response:
        return web.json_response(
            {
                "ok": True,
                "url": "https://union.slack.com/",
                "team": "Union",
                "user": "campaignbot",
                "team_id": "T0001",
                "user_id": BOT_USER_ID,
                "bot_id": "BSTAND1",
            }
        )

    async def _m_users_info(self, params: dict[str, Any]) -> web.Response:
        user = str(params.get("user", ""))
        if not user.startswith(("U", "W")):
            return self._error("user_not_found")
        return web.json_response(
            {
                "ok": True,
                "user": {
                    "id": user,
                    "name": user.lower(),
                    "tz": "Europe/London",
                    "is_bot": False,
                    "profile": {"display_name": user.lower()},
                },
            }
        )

    async def _m_conversations_info(self, params: dict[str, Any]) -> web.Response:
        channel = str(params.get("channel", ""))
        if channel in self.missing:
            return self._error("channel_not_found")
        return web.json_response(
            {
                "ok": True,
                "channel": {
                    "id": channel,
                    "name": channel.lower(),
                    "is_channel": channel.startswith("C"),
                    "is_im": channel.startswith("D"),
                    "is_archived": channel in self.archived,
                    "is_member": channel not in self.not_in,
                },
            }
        )

    def _refuse(self, channel: str, params: dict[str, Any]) -> web.Response | None:
        if channel in self.missing:
            return self._error("channel_not_found")
        if channel in self.archived:
            return self._error("is_archived")
        if channel in self.not_in:
            return self._error("not_in_channel")
        text = params.get("text")
        blocks = params.get("blocks")
        if not text and not blocks:
            return self._error("no_text")
        if text and len(str(text)) > 40_000:
            return self._error("msg_too_long")
        if blocks is not None and (not isinstance(blocks, list) or len(blocks) > 50):
            return self._error("invalid_blocks")
        if self.enforce_limits:
            wait = self._limits.wait(channel)
            if wait > 0:
                self.too_many += 1
                return self._error(
                    "ratelimited", status=429, **{"Retry-After": str(whole_seconds(wait))}
                )
            self._limits.hit(channel)
        return None

    def _record(self, params: dict[str, Any], ephemeral_user: str | None) -> Posted:
        channel = str(params["channel"])
        text = str(params.get("text") or "")
        if _EVERYONE.search(text) or (
            params.get("link_names") in (True, "true", "1")
            and re.search(r"@(channel|here|everyone)\b", text)
        ):
            self.notified_everyone.append(channel)
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        posted = Posted(
            channel,
            ts,
            text,
            params.get("blocks"),
            ephemeral_user,
            params.get("thread_ts"),
            time.monotonic(),
        )
        self.received[channel].append(posted)
        return posted

    async def _m_chat_postMessage(self, params: dict[str, Any]) -> web.Response:
        channel = str(params.get("channel", ""))
        refused = self._refuse(channel, params)
        if refused is not None:
            return refused
        posted = self._record(params, None)
        return web.json_response(
            {
                "ok": True,
                "channel": channel,
                "ts": posted.ts,
                "message": {
                    "type": "message",
                    "text": posted.text,
                    "ts": posted.ts,
                    "bot_id": "BSTAND1",
                },
            }
        )

    async def _m_conversations_open(self, params: dict[str, Any]) -> web.Response:
        user = str(params.get("users", ""))
        if not user.startswith(("U", "W")) or "," in user:
            return self._error("user_not_found")
        return web.json_response({"ok": True, "channel": {"id": "D" + user[1:]}})

    async def _m_files_getUploadURLExternal(self, params: dict[str, Any]) -> web.Response:
        if not params.get("filename") or not str(params.get("length", "")).isdigit():
            return self._error("invalid_arguments")
        file_id = f"F{len(self._uploads) + 1:06d}"
        self._uploads[file_id] = (str(params["filename"]), None)
        return web.json_response(
            {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}
        )

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if file_id not in self._uploads:
            return web.Response(status=404)
        self._uploads[file_id] = (self._uploads[file_id][0], await request.read())
        return web.Response(text=f"OK - {len(self._uploads[file_id][1] or b'')}")

    async def _m_files_completeUploadExternal(self, params: dict[str, Any]) -> web.Response:
        files = params.get("files")
        channel = str(params.get("channel_id", ""))
        if not isinstance(files, list) or not files:
            return self._error("invalid_arguments")
        done = []
        for entry in files:
            name, content = self._uploads.get(str(entry.get("id")), ("", None))
            if content is None:
                return self._error("file_not_found")
            if channel:
                self.files[channel].append((name, content))
            done.append({"id": entry["id"], "name": name, "title": entry.get("title") or name})
        return web.json_response({"ok": True, "files": done})

    async def _m_chat_postEphemeral(self, params: dict[str, Any]) -> web.Response:
        channel = str(params.get("channel", ""))
        refused = self._refuse(channel, params)
        if refused is not None:
            return refused
        if not params.get("user"):
            return self._error("user_not_in_channel")
        posted = self._record(params, str(params["user"]))
        return web.json_response({"ok": True, "message_ts": posted.ts})

    async def _m_chat_update(self, params: dict[str, Any]) -> web.Response:
        channel = str(params.get("channel", ""))
        for posted in self.received[channel]:
            if posted.ts == params.get("ts"):
                posted.text = str(params.get("text") or posted.text)
                posted.blocks = params.get("blocks", posted.blocks)
                return web.json_response(
                    {"ok": True, "channel": channel, "ts": posted.ts, "text": posted.text}
                )
        return self._error("message_not_found")

    async def _respond(self, request: web.Request) -> web.Response:
        self.responses.append(await request.json())
        return web.Response(text="ok")
