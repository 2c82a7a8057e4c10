"""Sending one broadcast message to one Slack channel, and classifying what went wrong."""

from __future__ import annotations

from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.messenger import actions_block
from bot.core.models import Channel, Platform
from bot.delivery.ports import SENT, Message, SendResult, Verdict

NEEDS_PERSON = {
    "channel_not_found",
    "not_in_channel",
    "is_archived",
    "restricted_action",
    "team_access_not_granted",
}
BAD_TOKEN = {
    "invalid_auth",
    "token_revoked",
    "not_authed",
    "account_inactive",
    "token_expired",
    "no_permission",
}
TRANSIENT = {"fatal_error", "internal_error", "service_unavailable", "request_timeout"}


class SlackSender:
    platform = Platform.SLACK

    def __init__(self, client: AsyncWebClient) -> None:
        # The delivery engine paces and retries itself: the client must not retry behind it.
        client.retry_handlers.clear()
        self.client = client

    async def send(self, channel: Channel, message: Message) -> SendResult:
        try:
            for index, part in enumerate(message.parts):
                payload: dict[str, Any] = dict(part.slack or {"text": part.text})
                if message.buttons and index == len(message.parts) - 1:
                    payload["blocks"] = [*payload.get("blocks", []), actions_block(message.buttons)]
                await self.client.chat_postMessage(
                    channel=channel.chat_id, unfurl_links=False, unfurl_media=False, **payload
                )
            return SENT
        except SlackApiError as error:
            return self._classify(error)
        except (aiohttp.ClientConnectorError, aiohttp.ConnectionTimeoutError) as error:
            return SendResult(Verdict.TRANSIENT, f"could not connect: {type(error).__name__}")
        except (TimeoutError, aiohttp.ClientError) as error:
            return SendResult(Verdict.AMBIGUOUS, f"no answer: {type(error).__name__}")

    @staticmethod
    def _classify(error: SlackApiError) -> SendResult:
        response = error.response
        code = str(response.get("error", "error")) if response is not None else "error"
        status = getattr(response, "status_code", 200)
        if status == 429 or code == "ratelimited":
            headers = getattr(response, "headers", {}) or {}
            wait = float(headers.get("Retry-After", headers.get("retry-after", 1)) or 1)
            return SendResult(Verdict.RETRY_AFTER, "ratelimited", retry_after=wait)
        if code in NEEDS_PERSON:
            return SendResult(Verdict.NEEDS_ATTENTION, code)
        if code in BAD_TOKEN:
            return SendResult(Verdict.HALT, f"Slack rejected the bot token ({code})")
        if code in TRANSIENT or status >= 500:
            return SendResult(Verdict.TRANSIENT, f"{code} ({status})")
        return SendResult(Verdict.FAILED, code)
