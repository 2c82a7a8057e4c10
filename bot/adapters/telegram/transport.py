"""A python-telegram-bot transport on aiohttp, for fan-out.

PTB's default transport (httpx) tops out at a few hundred requests a second here; aiohttp
does several times that. This one also tells the two kinds of network failure apart:
`NotSent` (the request never left: connection refused, connect timeout) and `Ambiguous`
(it may have arrived: read timeout, connection dropped mid-answer).
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, RequestData

JSON = {"Content-Type": "application/json"}


class NotSent(NetworkError):
    """Certainly not delivered: safe to retry."""


class Ambiguous(TimedOut):
    """Maybe delivered: retry at most once."""


class AiohttpRequest(BaseRequest):
    def __init__(
        self, pool_size: int = 256, read_timeout: float = 10.0, connect_timeout: float = 5.0
    ) -> None:
        self._pool_size = pool_size
        self._read_timeout = read_timeout
        self._connect_timeout = connect_timeout
        self._session: aiohttp.ClientSession | None = None
        self._answers: dict[int, tuple[int, bytes]] = {}  # see post_json
        self._timeouts: dict[tuple[float | None, float | None], aiohttp.ClientTimeout] = {}

    async def post_json(
        self, url: str, payload: bytes, read_timeout: float | None = None
    ) -> object:
        """POST a body already encoded as JSON, answered as `post` answers: the result, or
        Telegram's error raised as PTB raises it. A success (2xx) is read here, without
        PTB's request objects (a broadcast's hot path); any other answer is handed to PTB's
        own wrapper, which finds it by the id of an empty RequestData and raises from it
        exactly as it raises from a request it made. `read_timeout`: seconds to wait for
        the answer (None: this transport's own)."""
        try:
            read = self._read_timeout if read_timeout is None else read_timeout
            wait = self._timeout(self._connect_timeout, read)
            status, answer = await self._exchange(url, payload, JSON, wait)
        except TelegramError:
            raise
        except Exception as error:  # as PTB's wrapper does
            raise NetworkError(f"Unknown error in HTTP implementation: {error!r}") from error
        if 200 <= status <= 299:
            return self.parse_json_payload(answer)["result"]
        carrier = RequestData()
        self._answers[id(carrier)] = status, answer
        try:
            return await self.post(url, request_data=carrier)
        finally:
            del self._answers[id(carrier)]

    @property
    def read_timeout(self) -> float | None:
        return self._read_timeout

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self._pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(connector=connector)

    async def shutdown(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        """As PTB's, without logging the body and a traceback at ERROR when it is not JSON
        (a proxy's 502 page): the caller classifies the error and logs one line."""
        try:
            parsed = json.loads(payload.decode("utf-8", "replace"))
        except ValueError:
            raise TelegramError("Invalid server response") from None
        return parsed if isinstance(parsed, dict) else {}

    @staticmethod
    def _seconds(value: object, default: float) -> float | None:
        """PTB passes a number, None (no limit), or its DEFAULT_NONE marker (our default)."""
        if value is None:
            return None
        if isinstance(value, int | float):
            return float(value)
        return default

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None:
            raise RuntimeError("AiohttpRequest is not initialized")
        if request_data is not None and request_data.contains_files:
            raise NotSent("this transport does not upload files")
        if id(request_data) in self._answers:  # already received: see post_json
            return self._answers[id(request_data)]
        timeout = self._timeout(
            self._seconds(connect_timeout, self._connect_timeout),
            self._seconds(read_timeout, self._read_timeout),
        )
        data = request_data.json_parameters if request_data is not None else None
        return await self._exchange(url, data, None, timeout, method)

    def _timeout(self, connect: float | None, read: float | None) -> aiohttp.ClientTimeout:
        """One ClientTimeout per pair of limits, kept while few: the pacer's timeout moves
        with the round trips, so an old one is seldom asked for again."""
        found = self._timeouts.get((connect, read))
        if found is None:
            if len(self._timeouts) >= 64:
                self._timeouts.clear()
            found = aiohttp.ClientTimeout(total=None, sock_connect=connect, sock_read=read)
            self._timeouts[(connect, read)] = found
        return found

    async def _exchange(
        self,
        url: str,
        data: bytes | dict[str, str] | None,
        headers: dict[str, str] | None,
        limits: aiohttp.ClientTimeout,
        method: str = "POST",
    ) -> tuple[int, bytes]:
        """One request: its status and body; a network failure as NotSent or Ambiguous."""
        if self._session is None:
            raise RuntimeError("AiohttpRequest is not initialized")
        try:
            async with self._session.request(
                method, url, data=data, headers=headers, timeout=limits
            ) as resp:
                return resp.status, await resp.read()
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as error:
            raise NotSent(f"could not connect: {type(error).__name__}") from None
        except TimeoutError as error:
            raise Ambiguous(f"timed out waiting for Telegram: {type(error).__name__}") from None
        except aiohttp.ClientError as error:
            raise Ambiguous(f"connection failed mid-request: {type(error).__name__}") from None
