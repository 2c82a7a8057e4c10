"""What every adapter does with a neutral event: dedupe, route, keep channels current."""

from __future__ import annotations

import logging

from bot.core.clock import Clock
from bot.core.events import (
    ChatMembership,
    ChatMigration,
    Conversation,
    Event,
    Ignored,
    Incoming,
    Reply,
)
from bot.core.models import ChatKind
from bot.core.ports import InboxRepo
from bot.core.router import Router
from bot.core.services import Channels

log = logging.getLogger(__name__)


class Dispatcher:
    """The platform-neutral half of an adapter's error boundary."""

    def __init__(self, router: Router, inbox: InboxRepo, channels: Channels, clock: Clock) -> None:
        self.router, self.inbox, self.channels, self.clock = router, inbox, channels, clock
        self._in_flight: set[str] = set()

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
        return await self._incoming(event)

    async def _incoming(self, event: Incoming) -> list[Reply]:
        key = event.event_id
        if key is not None:
            # Recorded only once handled: a retry whose first attempt died is handled again;
            # a retry that overlaps an attempt still running is dropped here. The in-flight
            # mark is taken before any await, so two concurrent copies cannot both pass.
            if key in self._in_flight:
                log.info("duplicate event %s ignored (in flight)", key)
                return []
            self._in_flight.add(key)
            if await self.inbox.seen(key):
                self._in_flight.discard(key)
                log.info("duplicate event %s ignored", key)
                return []
        try:
            replies = await self.router.handle(event)
            if key is not None:
                await self.inbox.record(key, self.clock.now())
            return replies
        finally:
            if key is not None:
                self._in_flight.discard(key)

    async def _membership(self, event: ChatMembership) -> list[Reply]:
        conv = event.conversation
        if not event.present:
            await self.channels.left(conv)
            return []
        change = await self.channels.joined(conv)
        return [Reply("welcome", {"chat": conv.title or "this chat"})] if change.welcome else []
