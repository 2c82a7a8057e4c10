"""The Slack adapter: requests in (signed HTTP at /slack/events, or Socket Mode), stored
first and acknowledged within Slack's 3 seconds, then handled; replies out through slack-sdk.

Nothing is parsed before the signature is checked on the raw bytes (intake.py); a request
that fails the check, or is not a Slack payload, is refused with one warning line that never
holds the body. What passes goes to slack-bolt's AsyncApp, whose listeners store it and ack
(listeners.py); Socket Mode is bolt's AsyncSocketModeHandler over the same app (socket.py).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Sequence
from contextlib import AsyncExitStack
from functools import partial
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.dispatch import Dispatcher
from bot.adapters.errors import StartupError
from bot.adapters.inbox import Ingress
from bot.adapters.slack import intake, translate
from bot.adapters.slack.listeners import make_bolt
from bot.adapters.slack.messenger import Present, SlackReplies
from bot.core.events import ChatMembership, Event, HomeOpened, Ignored, Incoming
from bot.core.models import Platform
from bot.delivery.pacing import Pacer
from bot.http import HttpServer
from bot.settings import Settings

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"
DEFAULT_API = "https://slack.com/api/"


def api_base(base_url: str | None) -> str:
    return (base_url or DEFAULT_API).rstrip("/") + "/"


def make_client(token: str, base_url: str | None) -> AsyncWebClient:
    client = AsyncWebClient(token=token, base_url=api_base(base_url), timeout=15)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    return client


async def check_token(client: AsyncWebClient) -> dict[str, Any]:
    """auth.test once at start; one clear line when the token is wrong or Slack unreachable."""
    try:
        auth = await client.auth_test()
    except SlackApiError as error:
        raise StartupError(
            f"Slack rejected SLACK_BOT_TOKEN ({error.response.get('error', 'error')})"
        ) from None
    except OSError as error:
        raise StartupError(f"cannot reach the Slack Web API: {error}") from None
    return dict(auth.data) if isinstance(auth.data, dict) else {}


class SlackAdapter:
    def __init__(
        self,
        settings: Settings,
        dispatcher: Dispatcher,
        ingress: Ingress,
        present: Present,
        pacer: Pacer,
    ) -> None:
        assert settings.slack_bot_token is not None
        self.settings, self.dispatcher, self.ingress = settings, dispatcher, ingress
        base = str(settings.slack_api_base_url or "") or None
        self.client = make_client(settings.slack_bot_token.get_secret_value(), base)
        self.socket_mode = settings.slack_app_token is not None
        secret = settings.slack_signing_secret
        self.secret = secret.get_secret_value() if secret else ""
        if not self.socket_mode and not self.secret:
            raise StartupError(
                "SLACK_SIGNING_SECRET is needed in HTTP mode (or set SLACK_APP_TOKEN)"
            )
        self.auth: dict[str, Any] = {}
        self.replies = SlackReplies(self.client, present, pacer)
        # Bolt's own client is only for its listeners' context; replies use self.client.
        bolt_client = AsyncWebClient(base_url=api_base(base))
        self.bolt = make_bolt(bolt_client, self._authorize, self.receive)

    def _authorize(self) -> AuthorizeResult:
        """Who the bot is, for bolt: from the auth.test made at start."""
        token = self.settings.slack_bot_token
        return AuthorizeResult(
            enterprise_id=self.auth.get("enterprise_id"),
            team_id=self.auth.get("team_id"),
            bot_user_id=self.bot_user_id,
            bot_id=self.auth.get("bot_id"),
            bot_token=token.get_secret_value() if token else None,
        )

    @property
    def bot_user_id(self) -> str | None:
        user = self.auth.get("user_id")
        return str(user) if user else None

    @property
    def me(self) -> translate.Me:
        team = self.auth.get("team_id")
        return translate.Me(self.bot_user_id, str(team) if team else None)

    async def start(self, stack: AsyncExitStack, http: HttpServer) -> None:
        self.auth = await check_token(self.client)
        # The token works: if the app had been uninstalled, it is back; held messages go.
        await self.dispatcher.channels.resumed(Platform.SLACK)
        stack.push_async_callback(self.ingress.drain)
        if self.socket_mode:
            await self._connect_socket(stack)
            log.info("slack: Socket Mode as %s", self.bot_user_id)
        else:
            http.route("POST", EVENTS_PATH, self._http)
            log.info("slack: HTTP mode at %s as %s", EVENTS_PATH, self.bot_user_id)

    async def _connect_socket(self, stack: AsyncExitStack) -> None:
        from bot.adapters.slack.socket import SocketHandler

        token = self.settings.slack_app_token
        assert token is not None
        handler = SocketHandler(self.bolt, token.get_secret_value())
        await handler.connect_async()  # type: ignore[no-untyped-call]
        stack.push_async_callback(handler.close_async)

    # --- requests in ----------------------------------------------------------------------

    async def _http(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        headers = request.headers
        stamp = headers.get("X-Slack-Request-Timestamp", "")
        signature = headers.get("X-Slack-Signature", "")
        # Slack's timestamps are the wall clock's, whatever clock the bot's own work runs on.
        if not intake.signed(self.secret, stamp, signature, body, time.time()):
            log.warning("slack: request refused: missing, stale or wrong signature")
            return web.Response(status=401, text="invalid signature")
        arrival = intake.read(request.content_type, body)
        if arrival is None:
            log.warning("slack: signed request refused: not a Slack payload")
            return web.Response(status=400, text="not a Slack payload")
        if arrival.key is None:  # answered here: a challenge, an ssl_check, a rate-limit note
            ack = await self.receive(arrival)
            if ack is None:
                return web.Response(status=200)
            return web.Response(text=json.dumps(ack), content_type="application/json")
        return await self._route(arrival, request)

    async def _route(self, arrival: intake.Arrival, request: web.Request) -> web.StreamResponse:
        """Through bolt's listeners (they store, then ack). Bolt gets the body already read:
        it would otherwise parse the text again, and reads a form that merely mentions
        "payload" (a slash command's text) as an empty interaction."""
        headers: dict[str, str | Sequence[str]] = {k.lower(): v for k, v in request.headers.items()}
        try:
            routed = AsyncBoltRequest(body=arrival.body, headers=headers, mode="socket_mode")
            answer = await self.bolt.async_dispatch(routed)
        except Exception as error:  # a shape bolt cannot read (a field of the wrong type)
            log.warning(
                "slack: signed %s refused: unreadable (%s)", arrival.kind, type(error).__name__
            )
            return web.Response(status=400, text="not a Slack payload")
        if answer.status == 404:  # no listener for it: acknowledged, Slack does not retry
            log.info("slack: a %s no listener takes; acknowledged", arrival.kind)
            return web.Response(status=200)
        if answer.status == 503:  # the store is down: Slack will retry an event
            return web.Response(status=503, text="try again")
        if answer.status >= 400:  # bolt could not route it: the shape is not Slack's
            log.warning("slack: signed %s refused: bolt could not route it", arrival.kind)
            return web.Response(status=400, text="not a Slack payload")
        return await to_aiohttp_response(answer)

    async def receive(self, arrival: intake.Arrival) -> dict[str, Any] | None:
        """Store what came in (before Slack is answered), start handling it, and say what
        Slack is answered with."""
        if arrival.key is None:
            if arrival.kind == "rate-limited":
                log.warning("slack: Slack is holding back events (app_rate_limited)")
            return arrival.ack
        item = await self.ingress.accept(arrival.key, f"slack:{arrival.kind}", arrival.body)
        if item is not None:
            self.ingress.start(item, partial(self.handle, arrival.kind))
        return arrival.ack

    # --- one request ----------------------------------------------------------------------

    async def handle(self, kind: str, body: dict[str, Any]) -> None:
        event = translate.translate(kind, body, self.settings.slack_command, self.me)
        if isinstance(event, Ignored) and event.malformed:
            log.warning("slack: a %s could not be read; skipped", kind)
        replies = await self.dispatcher.handle(event)
        await self._send(event, replies, body)

    async def _send(self, event: Event, replies: list[Any], body: dict[str, Any]) -> None:
        if not replies:
            return
        if isinstance(event, Incoming):
            await self.replies.send(event, replies, body)
        elif isinstance(event, ChatMembership):
            await self.replies.post(event.conversation, replies)
        elif isinstance(event, HomeOpened):
            await self.replies.home(event.actor.user_id, replies)
