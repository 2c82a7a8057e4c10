"""What every adapter does with a neutral event: route what people do, keep channels current.

Deduplication is not here: the inbox stored each update once, by its platform id, before
it reached the dispatcher (bot/adapters/inbox.py)."""

from __future__ import annotations

import logging

from bot.core.events import (
    AppRemoved,
    ChatMembership,
    ChatMigration,
    Conversation,
    Event,
    HomeOpened,
    Ignored,
    Incoming,
    Reply,
)
from bot.core.models import ChatKind, Platform
from bot.core.router import Router
from bot.core.services import Channels

log = logging.getLogger(__name__)


class Dispatcher:
    def __init__(self, router: Router, channels: Channels) -> None:
        self.router, self.channels = router, channels

    async def handle(self, event: Event) -> list[Reply]:
        if isinstance(event, Ignored):
            log.debug("ignored: %s", event.reason)
            return []
        if isinstance(event, Incoming):
            return await self.router.handle(event)
        if isinstance(event, ChatMembership):
            return await self._membership(event)
        if isinstance(event, ChatMigration):
            old = Conversation(event.platform, event.old_chat_id, ChatKind.GROUP)
            await self.channels.migrated(old, event.new_chat_id)
            return []
        if isinstance(event, AppRemoved):
            await self.channels.app_removed(event.platform, event.reason)
            return []
        return await self._home(event)

    async def _membership(self, event: ChatMembership) -> list[Reply]:
        change = await self.channels.changed(event)
        if change.greet:
            return [Reply("welcome-back", {"help": self._spell(event, "help")})]
        if not change.welcome:
            return []
        values = {
            "chat": event.conversation.title or "this chat",
            "subscribe": self._spell(event, "subscribe"),
            "help": self._spell(event, "help"),
        }
        return [Reply("welcome", values)]

    async def _home(self, event: HomeOpened) -> list[Reply]:
        """The bot's home (Slack's App Home tab): what /help says to this person."""
        asked = Incoming(event.actor, event.conversation, "/help", addressed=True)
        return await self.router.handle(asked)

    def _spell(self, event: ChatMembership, command: str) -> str:
        """A command as people type it where the bot is: /help, or /campaign help."""
        if event.conversation.platform is Platform.SLACK:
            return f"{self.router.ctx.slack_command} {command}"
        return f"/{command}"
