"""Socket Mode: bolt's AsyncSocketModeHandler (slack-sdk's aiohttp client), acknowledging what
no listener takes. Bolt's handler acknowledges only a 200: an envelope no listener matches
(a modal closed, a kind Slack adds later) would go unacknowledged and Slack would send it
again and again. Over HTTP the same request gets a 200 (app.py), so here it gets its ack.
A 503 (the store is down) is still left unacknowledged, so that Slack sends it again."""

from __future__ import annotations

from time import time

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.adapter.socket_mode.async_internals import run_async_bolt_app, send_async_response
from slack_bolt.response import BoltResponse
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest


class SocketHandler(AsyncSocketModeHandler):
    async def handle(self, client: AsyncBaseSocketModeClient, req: SocketModeRequest) -> None:
        start = time()
        answer = await run_async_bolt_app(self.app, req)
        if answer.status == 404:  # no listener for it: acknowledged, as over HTTP
            answer = BoltResponse(status=200, body="")
        await send_async_response(client, req, answer, start)
