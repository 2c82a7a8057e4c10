"""getUpdates as raw JSON: a batch of updates as Telegram sent them, never decoded here.

python-telegram-bot decodes a whole batch at once, so one update it cannot read (an older
or newer Bot API shape) fails the batch, again and again. Here each update stays a dict
for the adapter to store, then translate on its own.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import aiohttp

log = logging.getLogger(__name__)
MOST_WAIT = 300.0  # seconds: the longest wait before asking again about a refused token


class PollingStopped(Exception):
    """Telegram will not serve this poller: another process polls the token."""


class TokenRefused(Exception):
    """Telegram rejected the token (401, 404): asked again later, see TokenWait."""


class TokenWait:
    """While Telegram refuses the token: one line, then getUpdates is asked again after a
    wait that doubles from `first` up to 5 minutes (as the delivery worker asks: see
    bot/delivery/probe.py), and one line once it is accepted."""

    def __init__(self, first: float) -> None:
        self.first = first
        self.wait: float | None = None  # None: the token is not refused

    async def refused(self, why: object) -> None:
        if self.wait is None:
            log.critical(
                "telegram: %s; polling paused, asked again now and then, resumed by itself "
                "once it is accepted",
                why,
            )
            self.wait = self.first
        await asyncio.sleep(self.wait)
        self.wait = min(MOST_WAIT, self.wait * 2)

    def accepted(self) -> None:
        if self.wait is not None:
            self.wait = None
            log.warning("telegram: the bot token is accepted again; polling resumed")


class FeedError(Exception):
    """This poll failed (network, 5xx, 429, an answer that is not the Bot API's); try later."""

    def __init__(self, reason: str, retry_after: float = 0.0) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


class UpdateFeed:
    def __init__(self, bot_url: str, timeout: int = 25) -> None:
        """`bot_url` is the API base with the token (PTB's Bot.base_url): never logged."""
        self._url = bot_url.rstrip("/") + "/getUpdates"
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def fetch(self, offset: int | None, allowed_updates: list[str]) -> list[Any]:
        """The next batch (possibly empty), each item exactly as Telegram sent it."""
        if self._session is None:
            self._session = aiohttp.ClientSession()
        body: dict[str, Any] = {"timeout": self.timeout, "allowed_updates": allowed_updates}
        if offset is not None:
            body["offset"] = offset
        limit = aiohttp.ClientTimeout(total=self.timeout + 15, sock_connect=10)
        try:
            async with self._session.post(self._url, json=body, timeout=limit) as response:
                status = response.status
                answer = await response.json(content_type=None)
        except (aiohttp.ClientError, TimeoutError, ValueError) as error:
            # Only the kind of failure: aiohttp's messages can carry the URL, and the token.
            raise FeedError(type(error).__name__) from None
        return _result(status, answer)


def _result(status: int, answer: Any) -> list[Any]:
    if status == 409:
        raise PollingStopped("another process is polling with this token (409 Conflict)")
    if status in (401, 404):
        raise TokenRefused("Telegram rejected the bot token (revoked?)")
    if not isinstance(answer, dict):
        raise FeedError(f"HTTP {status}: not a Bot API answer")
    if status == 429:
        parameters = answer.get("parameters")
        wait = parameters.get("retry_after") if isinstance(parameters, dict) else None
        raise FeedError("429 Too Many Requests", _seconds(wait, 5.0))
    result = answer.get("result")
    if status != 200 or answer.get("ok") is not True or not isinstance(result, list):
        raise FeedError(f"HTTP {status}: getUpdates refused")
    return result


def _seconds(value: object, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        return default
    return min(float(value), 3600.0)
