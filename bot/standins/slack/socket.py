"""Slack's side of Socket Mode on the stand-in: `apps.connections.open` (with the app-level
token, `xapp-…`) hands out a WebSocket URL; on it the stand-in says `hello`, then sends
envelopes (`events_api`, `slash_commands`, `interactive`) and waits for the app to
acknowledge each by its `envelope_id`, as Slack does. The bot connects with bolt's real
AsyncSocketModeHandler (slack-sdk's aiohttp client)."""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass
from typing import Any

from aiohttp import WSMsgType, web

TEST_APP_TOKEN = "xapp-1-A0001-0000000000-StandInAppLevelTokenForTests"


@dataclass
class Acked:
    """What the app sent back for an envelope: its `payload` (a slash command's or an
    action's response), or None when it sent no payload."""

    envelope_id: str
    payload: dict[str, Any] | None


class SocketSide:
    """Socket Mode connections from the app, and envelopes pushed down them."""

    url: str
    app_token: str

    def _socket_init(self) -> None:
        self._envelopes = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._waiting: dict[str, asyncio.Future[Acked]] = {}
        self._connected = asyncio.Event()
        self.socket_opens = 0  # apps.connections.open calls that got a URL
        self.stray_acks: list[str] = []  # frames that acknowledged nothing we sent

    def _socket_routes(self, app: web.Application) -> None:
        app.router.add_get("/socket", self._socket)

    async def _m_apps_connections_open(self, params: dict[str, Any]) -> web.Response:
        self.socket_opens += 1
        host = self.url.removeprefix("http://")
        return web.json_response({"ok": True, "url": f"ws://{host}/socket?ticket=standin"})

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        hello = {
            "type": "hello",
            "num_connections": len(self._sockets) + 1,
            "debug_info": {"host": "applink-standin", "approximate_connection_time": 3600},
            "connection_info": {"app_id": "A0001"},
        }
        await ws.send_str(json.dumps(hello))
        self._sockets.append(ws)
        self._connected.set()
        try:
            async for frame in ws:
                if frame.type == WSMsgType.TEXT:
                    self._acknowledged(frame.data)
        finally:
            self._sockets.remove(ws)
            if not self._sockets:
                self._connected.clear()
        return ws

    def _acknowledged(self, text: str) -> None:
        try:
            data = json.loads(text)
        except ValueError:
            self.stray_acks.append(text)
            return
        envelope = str(data.get("envelope_id", "")) if isinstance(data, dict) else ""
        waiting = self._waiting.pop(envelope, None)
        if waiting is None or waiting.done():
            self.stray_acks.append(envelope)
            return
        payload = data.get("payload")
        waiting.set_result(Acked(envelope, payload if isinstance(payload, dict) else None))

    async def socket_connected(self, within: float = 20.0) -> None:
        """Wait until the app holds a Socket Mode connection."""
        await asyncio.wait_for(self._connected.wait(), within)

    async def push(
        self,
        kind: str,
        payload: object,
        retry_attempt: int = 0,
        within: float = 15.0,
    ) -> Acked:
        """Send an envelope of `kind` (events_api, slash_commands, interactive) down the
        newest connection and wait for the app's acknowledgement."""
        await self.socket_connected(within)
        envelope_id = f"standin-envelope-{next(self._envelopes)}"
        acked: asyncio.Future[Acked] = asyncio.get_running_loop().create_future()
        self._waiting[envelope_id] = acked
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
            "payload": payload,
        }
        await self._sockets[-1].send_str(json.dumps(envelope))
        try:
            return await asyncio.wait_for(acked, within)
        finally:
            self._waiting.pop(envelope_id, None)

    async def push_raw(self, text: str) -> None:
        """Send a frame as it is (a malformed one, a `disconnect` request)."""
        await self.socket_connected()
        await self._sockets[-1].send_str(text)

    async def drop_connections(self) -> None:
        """Close every connection from Slack's side, as a server restart would."""
        for ws in list(self._sockets):
            await ws.close()

    async def _close_sockets(self) -> None:
        await self.drop_connections()
