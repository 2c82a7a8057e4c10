"""What every adapter does with a neutral event: dedupe, route, keep channels current."""

from __future__ import annotations

import logging

from bot.app import App
from bot.core.events import ChatMembership, ChatMigration, Event, Ignored, Incoming, Reply
from bot.core.models import ChannelState

log = logging.getLogger(__name__)


class Dispatcher:
    """The platform-neutral half of an adapter's error boundary."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._in_flight: set[str] = set()

    async def handle(self, event: Event) -> list[Reply]:
        if isinstance(event, Ignored):
            log.debug("ignored: %s", event.reason)
            return []
        if isinstance(event, ChatMigration):
            await self._migrate(event)
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
            if await self.app.store.inbox.seen(key):
                self._in_flight.discard(key)
                log.info("duplicate event %s ignored", key)
                return []
        try:
            replies = await self.app.router.handle(event)
            if key is not None:
                await self.app.store.inbox.record(key, self.app.clock.now())
            return replies
        finally:
            if key is not None:
                self._in_flight.discard(key)

    async def _membership(self, event: ChatMembership) -> list[Reply]:
        conv = event.conversation
        channel = await self.app.store.channels.upsert(
            conv.platform, conv.chat_id, conv.kind, conv.title
        )
        state = ChannelState.ACTIVE if event.present else ChannelState.GONE
        await self.app.store.channels.set_state(channel.id, state)
        log.info(
            "bot %s %s chat %s",
            "added to" if event.present else "removed from",
            conv.platform.value,
            channel.id,
        )
        return [Reply("welcome", {"chat": conv.title or "this chat"})] if event.present else []

    async def _migrate(self, event: ChatMigration) -> None:
        channel = await self.app.store.channels.find(event.platform, event.old_chat_id)
        if channel is not None:
            kept = await self.app.store.channels.migrate(channel.id, event.new_chat_id)
            log.info("channel %s migrated to a supergroup (now channel %s)", channel.id, kept)
