"""slack-bolt as the listener router, behind our own gate.

Over HTTP, a request reaches bolt only after intake.py has checked its signature on the
raw bytes and read its body; bolt's own verification is off (it would parse first). In
Socket Mode the connection itself is authenticated and bolt's AsyncSocketModeHandler
feeds the same app. Either way every listener does the same two things: store what came
in (the inbox, before Slack is answered), then ack — with `{"options": []}` for a
suggestion. What it means is decided later by translate.py, off the request path.

Bolt is told who the bot is by `authorize=` (from the auth.test made at start: no Web API
call on the request path), and never logs a request's text: its logger withholds every
message bolt writes (some of them quote the request body) and any traceback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack import intake

log = logging.getLogger(__name__)
BOLT_LOGGER = "bot.adapters.slack.bolt"
ANY = re.compile(".*", re.DOTALL)

Receive = Callable[[intake.Arrival], Awaitable[dict[str, Any] | None]]
Authorize = Callable[[], AuthorizeResult]


class Withheld(logging.Filter):
    """Bolt's log lines, without their text: some quote a request (the 'Unhandled request'
    warning, 'Request body: …'). The level and where it came from are kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        where = record.funcName
        record.msg = "slack_bolt: a %s in %s (its text withheld: it may quote a request)"
        record.args = (record.levelname.lower(), where)
        record.exc_info, record.exc_text, record.stack_info = None, None, None
        if record.levelno > logging.WARNING:  # a request bolt could not route: the adapter
            record.levelno, record.levelname = logging.WARNING, "WARNING"  # answers it 400
        return True


def bolt_logger() -> logging.Logger:
    """The logger bolt is given (it copies its filters to the loggers it derives)."""
    logger = logging.getLogger(BOLT_LOGGER)
    if not any(isinstance(f, Withheld) for f in logger.filters):
        logger.addFilter(Withheld())
    return logger


def make_bolt(client: AsyncWebClient, authorize: Authorize, receive: Receive) -> AsyncApp:
    async def authorized() -> AuthorizeResult:
        return authorize()

    bolt = AsyncApp(
        client=client,
        authorize=authorized,
        logger=bolt_logger(),
        request_verification_enabled=False,  # intake.signed checked the raw bytes first
        ignoring_self_events_enabled=False,  # translate.py knows the bot's own messages
        process_before_response=True,  # the listener is quick: store, then ack
        raise_error_for_unhandled_request=False,
    )
    store = _listener(receive)
    bolt.event(ANY)(store("events_api"))
    bolt.command(ANY)(store("slash_commands"))
    for register in (bolt.action, bolt.view, bolt.shortcut, bolt.options):
        register(ANY)(store("interactive"))
    bolt.error(_on_error)
    return bolt


Listener = Callable[..., Awaitable[BoltResponse | None]]


def _listener(receive: Receive) -> Callable[[str], Listener]:
    """A listener per kind of request: store it (503 if the store is down), then ack."""

    def for_kind(kind: str) -> Listener:
        async def listener(ack: AsyncAck, body: dict[str, Any]) -> BoltResponse | None:
            arrival = intake.from_socket(kind, body)
            if arrival is None:
                log.warning("slack: a %s that is not a Slack payload; acknowledged", kind)
                await ack()
                return None
            try:
                answer = await receive(arrival)
            except Exception as error:  # the store is down: Slack retries an event
                log.warning("slack: could not store a %s (%s)", arrival.kind, type(error).__name__)
                return BoltResponse(status=503, body="try again")
            await ack(**(answer or {}))
            return None

        return listener

    return for_kind


async def _on_error(error: Exception) -> None:
    log.warning("slack: bolt could not route a request (%s)", type(error).__name__)
