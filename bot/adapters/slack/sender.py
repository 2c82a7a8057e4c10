"""Sending one broadcast message to one Slack channel, for the delivery engine; and looking
up a send left in doubt, by the delivery id in its metadata."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.outgoing import (
    classify,
    classify_network,
    delivery_metadata,
    parts_found,
    payloads,
)
from bot.core.models import Channel, Platform
from bot.delivery.pacing import Pacer
from bot.delivery.ports import SENT, Found, Send, SendResult, Verdict

log = logging.getLogger(__name__)
CLOCK_SKEW = 120.0  # seconds: Slack's clock and ours may differ; look a little further back
PAGES = 20  # at most this many pages of history (200 messages each) per look-up


class SlackSender:
    platform = Platform.SLACK
    can_look_up = True

    def __init__(self, client: AsyncWebClient) -> None:
        # The delivery engine paces and retries itself: the client must not retry behind it.
        client.retry_handlers.clear()
        self.client = client

    async def send(self, job: Send, pacer: Pacer) -> SendResult:
        found = payloads(job.message.parts, job.message.buttons)
        for index in range(job.first_part, len(found)):
            async with pacer.turn(job.channel) as turn:
                result = await self._post(job, index, found[index], turn.timeout)
                turn.told(result)
            if result.verdict is not Verdict.SENT:
                return result.after(index)
        return SENT

    async def _post(
        self, job: Send, index: int, payload: dict[str, Any], wait: float | None
    ) -> SendResult:
        """One part. `wait`: seconds for the answer (Pacer.send_timeout; None: the client's
        own); a send given up is in doubt, and looked up later by its metadata."""
        try:
            async with asyncio.timeout(wait):
                await self.client.chat_postMessage(
                    channel=job.channel.chat_id,
                    metadata=delivery_metadata(job.delivery_id, index),
                    **payload,
                )
        except SlackApiError as error:
            return classify(error)
        except (TimeoutError, aiohttp.ClientError) as error:
            return classify_network(error)
        return SENT

    async def token_accepted(self) -> bool:
        try:
            await self.client.auth_test()
        except (SlackApiError, TimeoutError, aiohttp.ClientError):
            return False  # refused (invalid_auth, token_revoked), or no answer: not yet
        return True

    async def look_up(self, channel: Channel, delivery_id: int, since: datetime) -> Found:
        oldest = f"{since.timestamp() - CLOCK_SKEW:.6f}"
        found: set[int] = set()
        cursor: str | None = None
        try:
            for _ in range(PAGES):
                page = await self.client.conversations_history(
                    channel=channel.chat_id,
                    oldest=oldest,
                    inclusive=True,
                    include_all_metadata=True,
                    limit=200,
                    cursor=cursor,
                )
                found |= parts_found(page.get("messages") or [], delivery_id)
                cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
                if not cursor:
                    break
        except SlackApiError as error:
            return cannot_tell(classify(error))
        except (TimeoutError, aiohttp.ClientError) as error:
            return Found(None, f"look-up failed: {type(error).__name__}", retry=True)
        count = 0
        while count in found:
            count += 1
        return Found(count)


def cannot_tell(result: SendResult) -> Found:
    """A look-up Slack refused: try again later, or (missing scope, no access) never."""
    if result.verdict is Verdict.RETRY_AFTER:
        return Found(None, result.reason, retry=True, retry_after=result.retry_after)
    if result.verdict is Verdict.TRANSIENT:
        return Found(None, result.reason, retry=True)
    return Found(None, f"conversations.history: {result.reason}")
