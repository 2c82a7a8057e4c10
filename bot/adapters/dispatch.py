"""What every adapter does with a neutral event: route it, keep channels current."""

from __future__ import annotations

import logging

from bot.core.events import (
    ChatMembership,
    ChatMigration,
    Conversation,
    Event,
    Ignored,
    Reply,
)
from bot.core.models import ChatKind
from bot.core.router import Router
from bot.core.services import Channels

log = logging.getLogger(__name__)


class Dispatcher:
    """The platform-neutral half of an adapter: route what people do, keep channels current.

    Deduplication is not here: the inbox has stored each update once by its platform id
    before it reaches the dispatcher (bot/adapters/inbox.py)."""

    def __init__(self, router: Router, channels: Channels) -> None:
        self.router, self.channels = router, channels

    async def handle(self, event: Event) -> list[Reply]:
        if isinstance(event, Ignored):
            log.debug("ignored: %s", event.reason)
            return []
        if isinstance(event, ChatMigration):
            old = Conversation(event.platform, event.old_chat_id, ChatKind.GROUP)
            await self.channels.migrated(old, event.new_chat_id)
            return []
        if isinstance(event, ChatMembership):
            return await self._membership(event)
        return await self.router.handle(event)

    async def _membership(self, event: ChatMembership) -> list[Reply]:
        conv = event.conversation
        if not event.present:
            await self.channels.left(conv)
            return []
        change = await self.channels.joined(conv)
        return [Reply("welcome", {"chat": conv.title or "this chat"})] if change.welcome else []
