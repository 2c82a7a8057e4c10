"""Sending one broadcast message to one Slack channel, for the delivery engine."""

from __future__ import annotations

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.outgoing import classify, classify_network, payloads
from bot.core.models import Channel, Platform
from bot.delivery.ports import SENT, Message, SendResult


class SlackSender:
    platform = Platform.SLACK

    def __init__(self, client: AsyncWebClient) -> None:
        # The delivery engine paces and retries itself: the client must not retry behind it.
        client.retry_handlers.clear()
        self.client = client

    async def send(self, channel: Channel, message: Message) -> SendResult:
        try:
            for payload in payloads(message.parts, message.buttons):
                await self.client.chat_postMessage(channel=channel.chat_id, **payload)
        except SlackApiError as error:
            return classify(error)
        except (TimeoutError, aiohttp.ClientError) as error:
            return classify_network(error)
        return SENT
