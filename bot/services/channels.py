"""The bot's own place in chats, the same on every platform.

    joined       the bot was added: active; a welcome only the first time it joins
    present      still there (rights changed, restricted but a member, unarchived, a topic
                 reopened): active again if it was lost, never a welcome
    left         removed, left, kicked, archived, deleted, a topic closed: gone; the
                 officers of the branches subscribed there are told, once
    blocked      a person blocked the bot in their DM; unblocked: active, a DM's hello
    renamed      the title follows
    migrated     a new id (a Telegram supergroup, a Slack Connect move): subscriptions follow
    app removed  the app uninstalled or its token revoked: every channel on that platform
                 suspended, deliveries to them held (not failed) until it is back

A change to a whole chat applies to the chat and to each of its forum topics; a change to a
topic (closed, reopened, renamed) to that topic alone.
"""

from __future__ import annotations

import logging

from bot.core.events import Change, ChatMembership, Conversation
from bot.core.models import Channel, ChannelState, ChatKind, Identity, Platform, Role
from bot.core.ports import Store
from bot.core.results import ChannelChange
from bot.core.wording import counted
from bot.delivery.outbox import Outbox

log = logging.getLogger(__name__)
LIVE = (ChannelState.ACTIVE, ChannelState.NEEDS_ATTENTION)


class ChannelService:
    def __init__(self, store: Store, outbox: Outbox) -> None:
        self.store, self.outbox = store, outbox

    async def changed(self, change: ChatMembership) -> ChannelChange:
        where, what = change.conversation, change.change
        if what is Change.JOINED:
            return await self._joined(where)
        if what in (Change.PRESENT, Change.UNBLOCKED):
            channel = await self._back(where)
            return ChannelChange(channel.id, welcome=False, greet=what is Change.UNBLOCKED)
        if what is Change.RENAMED:
            return ChannelChange((await self._place(where)).id, welcome=False)
        if what is Change.BLOCKED:
            return await self._lost(where, ChannelState.BLOCKED, "blocked by its person")
        return await self._lost(where, ChannelState.GONE, change.reason or "removed")

    async def _joined(self, where: Conversation) -> ChannelChange:
        """The bot was added. A chat it has been in before (re-added, or first seen through
        a group's migration) is active again without a second welcome."""
        known = await self.store.channels.find(where.platform, where.chat_id, where.topic or "")
        channel = await self._back(where)
        if known is None:
            log.info("bot added to %s chat %s", where.platform.value, channel.id)
        return ChannelChange(channel.id, welcome=known is None)

    async def _back(self, where: Conversation) -> Channel:
        channel = await self._place(where)
        for place in await self._places(where, channel):
            if place.state is not ChannelState.ACTIVE:
                await self.store.channels.set_state(place.id, ChannelState.ACTIVE)
                log.info("%s channel %s active again", where.platform.value, place.id)
        return channel

    async def _lost(self, where: Conversation, state: ChannelState, reason: str) -> ChannelChange:
        # Recorded even for a chat not seen before: after a group becomes a supergroup the
        # news of leaving the new id can race ahead of the migration, which then merges.
        channel = await self._place(where)
        lost = [p for p in await self._places(where, channel) if p.state is not state]
        for place in lost:
            await self.store.channels.set_state(place.id, state)
            log.info("%s channel %s: %s", where.platform.value, place.id, reason)
        live = [p for p in lost if p.state in LIVE]
        if live and where.kind is not ChatKind.DM:
            await self._tell_officers(where, live, reason)
        return ChannelChange(channel.id, welcome=False)

    async def _tell_officers(self, where: Conversation, places: list[Channel], reason: str) -> None:
        """Once, when a chat (or topic) some branch hears through is lost."""
        branches: set[str] = set()
        for place in places:
            branches.update(s.branch for s in await self.store.subscriptions.for_channel(place.id))
        if not branches:  # a chat no branch hears through is no one's loss
            return
        name = where.title or where.chat_id
        await self.outbox.notify(
            await self.outbox.officers_of(sorted(branches)),
            "channel-lost",
            {
                "channel": name,
                "platform": where.platform.value,
                "reason": reason,
                "branches": ", ".join(sorted(branches)),
            },
            title=f"The bot is no longer in {name}",
        )

    async def migrated(self, where: Conversation, new_chat_id: str) -> int | None:
        channel = await self.store.channels.find(where.platform, where.chat_id)
        if channel is None:
            return None
        kept = await self.store.channels.migrate(channel.id, new_chat_id)
        log.info("%s channel %s has a new id (now %s)", where.platform.value, channel.id, kept)
        return kept

    async def app_removed(self, platform: Platform, reason: str) -> int:
        """Stop every channel on the platform; one operator line; organisers told elsewhere."""
        count = await self.store.channels.suspend(platform)
        if not count:
            return 0
        log.warning(
            "operator: %s: %s; %s suspended and their messages held until the app is "
            "reinstalled and the bot restarted with the new token",
            platform.value,
            reason,
            counted(count, "channel"),
        )
        await self.outbox.notify(
            await self._organisers_elsewhere(platform),
            "app-removed",
            {"platform": platform.value, "reason": reason, "channels": counted(count, "channel")},
            title=f"The campaign bot was cut off from {platform.value}",
        )
        return count

    async def resumed(self, platform: Platform) -> int:
        count = await self.store.channels.resume(platform)
        if count:
            log.info("%s: %d suspended channels active again", platform.value, count)
            self.outbox.wake()
        return count

    async def _organisers_elsewhere(self, platform: Platform) -> list[Identity]:
        found: list[Identity] = []
        for grant in await self.store.roles.holders(Role.ORGANISER):
            member = await self.store.members.get(grant.member_id)
            theirs = member.identities if member is not None else ()
            found.extend(i for i in theirs if i.platform is not platform and i not in found)
        return found

    async def _place(self, where: Conversation) -> Channel:
        return await self.store.channels.upsert(
            where.platform, where.chat_id, where.kind, where.title, thread=where.topic or ""
        )

    async def _places(self, where: Conversation, channel: Channel) -> list[Channel]:
        """What a change applies to: a topic alone, or a whole chat with its topics."""
        if where.topic:
            return [channel]
        return await self.store.channels.for_chat(where.platform, where.chat_id)
