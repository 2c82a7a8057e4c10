"""Slack's side of the Events API on the stand-in: signed events, slash commands and button
presses posted to the bot, with retries, as Slack sends them."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from aiohttp import ClientSession, ClientTimeout

BOT_USER_ID = "UBOTSTAND1"


@dataclass
class Delivered:
    """What the bot answered to an event or command posted to it."""

    status: int
    body: str
    seconds: float


class SlackSide:
    """Builds what Slack posts to the bot and posts it, signed."""

    url: str
    signing_secret: str
    _ts: itertools.count[int]
    _session: ClientSession | None

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
