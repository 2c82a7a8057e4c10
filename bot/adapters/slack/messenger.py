"""Sending command replies on Slack: in the channel (in its thread), only to the person
(ephemeral) for slash commands in a channel, or by DM; paced with the broadcasts."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.adapters.slack.outgoing import chunks, classify, payloads
from bot.content.templates import Rendered
from bot.core.events import Conversation, Incoming, Reply
from bot.core.models import Channel, ChatKind, Platform
from bot.delivery.pacing import Pacer

log = logging.getLogger(__name__)
SECTION_TEXT = 3000  # Slack's limit on a section block's text
CANNOT_POST = {"not_in_channel", "channel_not_found", "is_archived", "user_not_in_channel"}
Present = Callable[[Reply, Platform], list[Rendered]]


class SlackReplies:
    def __init__(self, client: AsyncWebClient, present: Present, pacer: Pacer) -> None:
        self.client, self.present, self.pacer = client, present, pacer

    def payloads(self, reply: Reply) -> list[dict[str, Any]]:
        return payloads(self.present(reply, Platform.SLACK), reply.buttons)

    async def send(
        self, incoming: Incoming, replies: Sequence[Reply], body: dict[str, Any]
    ) -> None:
        # A slash command or a button press in a channel is answered to that person only.
        slash = "command" in body or body.get("type") == "block_actions"
        for reply in replies:
            for payload in self.payloads(reply):
                if reply.dm:
                    await self._post(incoming.actor.user_id, ChatKind.DM, payload, None)
                elif slash and not incoming.is_dm:
                    await self._ephemeral(incoming, payload, body)
                else:
                    conv = incoming.conversation
                    await self._post(conv.chat_id, conv.kind, payload, incoming.thread)
            if reply.attachment is not None:
                await self._attach(incoming, reply.attachment)

    async def post(self, where: Conversation, replies: Sequence[Reply]) -> None:
        """Replies to something that was not a person's message (the bot joined a channel)."""
        for reply in replies:
            for payload in self.payloads(reply):
                await self._post(where.chat_id, where.kind, payload, None)

    async def home(self, user: str, replies: Sequence[Reply]) -> None:
        """The bot's App Home tab for one person: the replies as its blocks."""
        blocks: list[dict[str, Any]] = []
        for reply in replies:
            for payload in self.payloads(reply):
                blocks.extend(payload.get("blocks") or _sections(str(payload["text"])))
        view = {"type": "home", "blocks": blocks[:100]}
        await self.client.views_publish(user_id=user, view=view)

    async def _post(
        self, channel: str, kind: ChatKind, payload: dict[str, Any], thread: str | None
    ) -> None:
        async with self.pacer.turn(Channel(0, Platform.SLACK, channel, kind)) as turn:
            try:
                await self.client.chat_postMessage(channel=channel, thread_ts=thread, **payload)
            except SlackApiError as error:
                turn.told(classify(error))
                raise

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


def _sections(text: str) -> list[dict[str, Any]]:
    """Text as section blocks, each within Slack's 3,000 characters (none cut off)."""
    return [
        {"type": "section", "text": {"type": "plain_text", "text": piece}}
        for piece in chunks(text, SECTION_TEXT)
    ]
