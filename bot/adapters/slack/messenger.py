"""Sending replies on Slack: rich-text blocks (literal), buttons, ephemeral and DM replies."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.app import App
from bot.core.events import Button, Incoming, Reply
from bot.core.models import Platform

log = logging.getLogger(__name__)
CANNOT_POST = {"not_in_channel", "channel_not_found", "is_archived", "user_not_in_channel"}


def actions_block(buttons: Sequence[Button]) -> dict[str, Any]:
    return {
        "type": "actions",
        "block_id": "actions",
        "elements": [
            {
                "type": "button",
                "action_id": f"cb-{i}",
                "value": b.data[:2000],
                "text": {"type": "plain_text", "text": b.label[:75], "emoji": True},
            }
            for i, b in enumerate(buttons)
        ],
    }


class SlackReplies:
    def __init__(self, client: AsyncWebClient, app: App) -> None:
        self.client, self.app = client, app

    def payloads(self, reply: Reply) -> list[dict[str, Any]]:
        parts = [dict(r.slack or {"text": r.text}) for r in self.app.present(reply, Platform.SLACK)]
        if reply.buttons:
            last = parts[-1]
            last["blocks"] = [*last.get("blocks", []), actions_block(reply.buttons)]
        return parts

    async def send(
        self, incoming: Incoming, replies: Sequence[Reply], body: dict[str, Any]
    ) -> None:
        slash = "command" in body
        thread = (body.get("event") or {}).get("ts") if not incoming.is_dm else None
        for reply in replies:
            for payload in self.payloads(reply):
                if reply.dm:
                    await self.client.chat_postMessage(channel=incoming.actor.user_id, **payload)
                elif slash and not incoming.is_dm:
                    await self._ephemeral(incoming, payload, body)
                else:
                    await self.client.chat_postMessage(
                        channel=incoming.conversation.chat_id, thread_ts=thread, **payload
                    )
            if reply.attachment is not None:
                await self._attach(incoming, reply.attachment)

    async def _attach(self, incoming: Incoming, attachment: tuple[str, str]) -> None:
        """A file goes only to the person's own DM, opened if the command came elsewhere."""
        channel = incoming.conversation.chat_id
        if not incoming.is_dm:
            opened = await self.client.conversations_open(users=incoming.actor.user_id)
            channel = str(opened["channel"]["id"])
        name, text = attachment
        await self.client.files_upload_v2(
            channel=channel, content=text.encode(), filename=name, title=name
        )

    async def _ephemeral(
        self, incoming: Incoming, payload: dict[str, Any], body: dict[str, Any]
    ) -> None:
        """Only the person who typed the command sees the answer; via response_url if need be."""
        try:
            await self.client.chat_postEphemeral(
                channel=incoming.conversation.chat_id, user=incoming.actor.user_id, **payload
            )
        except SlackApiError as error:
            if error.response.get("error") not in CANNOT_POST or not body.get("response_url"):
                raise
            await AsyncWebhookClient(str(body["response_url"])).send(
                text=payload["text"], blocks=payload.get("blocks"), response_type="ephemeral"
            )
