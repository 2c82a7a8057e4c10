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
        self._bodies: dict[int, bytes] = {}  # see post_json

    async def post_json(
        self, url: str, payload: bytes, read_timeout: float | None = None
    ) -> object:
        """POST a body already encoded as JSON, answered as `post` answers: the result, or
        Telegram's error raised as PTB raises it. (PTB's RequestData cannot carry encoded
        bytes, so an empty one stands for the body, which do_request finds by its id.)
        `read_timeout`: seconds to wait for the answer (None: this transport's own)."""
        carrier = RequestData()
        self._bodies[id(carrier)] = payload
        try:
            wait = BaseRequest.DEFAULT_NONE if read_timeout is None else read_timeout
            return await self.post(url, request_data=carrier, read_timeout=wait)
        finally:
            del self._bodies[id(carrier)]

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
        timeout = aiohttp.ClientTimeout(
            total=None,
            sock_connect=self._seconds(connect_timeout, self._connect_timeout),
            sock_read=self._seconds(read_timeout, self._read_timeout),
        )
        data: bytes | dict[str, str] | None = None
        headers = None
        if id(request_data) in self._bodies:
            data, headers = self._bodies[id(request_data)], JSON
        elif request_data is not None:
            data = request_data.json_parameters
        try:
            async with self._session.request(
                method, url, data=data, headers=headers, timeout=timeout
            ) as resp:
                return resp.status, await resp.read()
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as error:
            raise NotSent(f"could not connect: {type(error).__name__}") from None
        except TimeoutError as error:
            raise Ambiguous(f"timed out waiting for Telegram: {type(error).__name__}") from None
        except aiohttp.ClientError as error:
            raise Ambiguous(f"connection failed mid-request: {type(error).__name__}") from None
