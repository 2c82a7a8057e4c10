"""slack-bolt wiring: AsyncApp in HTTP mode (signed requests) or Socket Mode."""

from __future__ import annotations

import asyncio
import logging
import re
from contextlib import AsyncExitStack
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.dispatch import Dispatcher
from bot.adapters.errors import StartupError
from bot.adapters.slack import translate
from bot.adapters.slack.messenger import Present, SlackReplies
from bot.core.events import Event, Incoming
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
        self, settings: Settings, dispatcher: Dispatcher, present: Present, pacer: Pacer
    ) -> None:
        assert settings.slack_bot_token is not None
        self.settings, self.dispatcher = settings, dispatcher
        base = str(settings.slack_api_base_url or "") or None
        self.client = make_client(settings.slack_bot_token.get_secret_value(), base)
        self.socket_mode = settings.slack_app_token is not None
        secret = (
            settings.slack_signing_secret.get_secret_value()
            if settings.slack_signing_secret
            else ""
        )
        if not self.socket_mode and not secret:
            raise StartupError(
                "SLACK_SIGNING_SECRET is needed in HTTP mode (or set SLACK_APP_TOKEN)"
            )
        self.auth: dict[str, Any] = {}

        async def authorize(enterprise_id: str | None, team_id: str | None) -> AuthorizeResult:
            return await self._authorize()  # bolt names the arguments it passes by inspection

        # Bolt's own client carries no token: each request is authorised by `_authorize`,
        # which answers from the auth.test made at start (never a Web API call before ack).
        self.bolt = AsyncApp(
            client=AsyncWebClient(base_url=api_base(base)),
            authorize=authorize,
            signing_secret=secret or "socket-mode-does-not-sign",
            request_verification_enabled=not self.socket_mode,
            process_before_response=False,
            raise_error_for_unhandled_request=False,
        )
        self.bolt.command(settings.slack_command)(self._on_command)
        self.bolt.event("app_mention")(self._on_event)
        self.bolt.event("message")(self._on_event)
        self.bolt.action(re.compile(r".+"))(self._on_action)
        self.bolt.error(self._on_error)
        self.replies = SlackReplies(self.client, present, pacer)
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def bot_user_id(self) -> str | None:
        user = self.auth.get("user_id")
        return str(user) if user else None

    async def _authorize(self) -> AuthorizeResult:
        token = self.settings.slack_bot_token
        return AuthorizeResult(
            enterprise_id=self.auth.get("enterprise_id"),
            team_id=self.auth.get("team_id"),
            bot_user_id=self.bot_user_id,
            bot_id=self.auth.get("bot_id"),
            bot_token=token.get_secret_value() if token else None,
        )

    async def start(self, stack: AsyncExitStack, http: HttpServer) -> None:
        self.auth = await check_token(self.client)
        stack.push_async_callback(self._drain)
        if self.socket_mode:
            from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

            token = self.settings.slack_app_token
            assert token is not None
            handler = AsyncSocketModeHandler(self.bolt, token.get_secret_value())
            await handler.connect_async()  # type: ignore[no-untyped-call]
            stack.push_async_callback(handler.close_async)
            log.info("slack: Socket Mode as %s", self.bot_user_id)
        else:
            http.route("POST", EVENTS_PATH, self._http)
            log.info("slack: HTTP mode at %s as %s", EVENTS_PATH, self.bot_user_id)

    async def _drain(self) -> None:
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=5)

    async def _http(self, request: web.Request) -> web.StreamResponse:
        bolt_request = await to_bolt_request(request)
        response = await self.bolt.async_dispatch(bolt_request)
        if response.status == 404:
            # A payload type we have no listener for: acknowledge it so Slack stops retrying.
            log.info("slack: unhandled payload acknowledged")
            return web.Response(status=200)
        return await to_aiohttp_response(response)

    def _later(self, event: Event, body: dict[str, Any]) -> None:
        """Do the work after the 3-second acknowledgement, tracked so shutdown can wait."""
        task = asyncio.create_task(self._work(event, body))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _work(self, event: Event, body: dict[str, Any]) -> None:
        try:
            replies = await self.dispatcher.handle(event)
            if isinstance(event, Incoming) and replies:
                await self.replies.send(event, replies, body)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("slack: handling failed")

    async def _on_command(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        self._later(translate.from_slash_command(body, self.settings.slack_command), body)

    async def _on_event(self, body: dict[str, Any]) -> None:
        self._later(translate.from_event(body, self.bot_user_id), body)

    async def _on_action(self, ack: AsyncAck, body: dict[str, Any]) -> None:
        await ack()
        self._later(translate.from_block_action(body), body)

    async def _on_error(self, error: Exception) -> None:
        log.error("slack: %s", type(error).__name__)
