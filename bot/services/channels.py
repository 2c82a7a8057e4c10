"""The bot's own place in chats: added, removed, moved to a new id."""

from __future__ import annotations

import logging

from bot.core.events import Conversation
from bot.core.models import ChannelState
from bot.core.ports import Store
from bot.core.results import ChannelChange

log = logging.getLogger(__name__)


class ChannelService:
    def __init__(self, store: Store) -> None:
        self.store = store

    async def joined(self, where: Conversation) -> ChannelChange:
        channel = await self.store.channels.upsert(
            where.platform, where.chat_id, where.kind, where.title
        )
        await self.store.channels.set_state(channel.id, ChannelState.ACTIVE)
        log.info("bot added to %s chat %s", where.platform.value, channel.id)
        return ChannelChange(channel.id, welcome=True)

    async def left(self, where: Conversation) -> ChannelChange | None:
        # Recorded even for a chat we have not seen: after a group becomes a supergroup the
        # news of leaving the new id can race ahead of the migration, which then merges.
        channel = await self.store.channels.upsert(
            where.platform, where.chat_id, where.kind, where.title
        )
        await self.store.channels.set_state(channel.id, ChannelState.GONE)
        log.info("bot removed from %s chat %s", where.platform.value, channel.id)
        return ChannelChange(channel.id, welcome=False)

    async def migrated(self, where: Conversation, new_chat_id: str) -> int | None:
        channel = await self.store.channels.find(where.platform, where.chat_id)
        if channel is None:
            return None
        kept = await self.store.channels.migrate(channel.id, new_chat_id)
        log.info("channel %s migrated to a supergroup (now channel %s)", channel.id, kept)
        return kept
