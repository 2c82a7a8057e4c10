"""Which chats hear which branch's topics; members' requests wait for an officer."""

from __future__ import annotations

from collections.abc import Sequence

from bot.content.loader import Content
from bot.core.caller import Caller
from bot.core.errors import Forbidden, InvalidInput
from bot.core.events import Conversation
from bot.core.models import ChannelState, ChatKind, Subscription, SubscriptionState
from bot.core.ports import Store
from bot.core.results import Decided, Subscribed, SubscriptionLine
from bot.core.wording import typed
from bot.delivery.outbox import Outbox
from bot.services.audit import AuditService

MAX_DECISIONS = 20


class SubscriptionService:
    def __init__(self, store: Store, content: Content, outbox: Outbox, audit: AuditService) -> None:
        self.store, self.content, self.outbox, self.audit = store, content, outbox, audit

    def _check(self, branch: str, topics: Sequence[str]) -> tuple[str, tuple[str, ...]]:
        branches, known = self.content.branch_names(), self.content.topics()
        branch = branch.lower()
        if branch not in branches:
            raise InvalidInput(
                "BRANCH", f"unknown branch {typed(branch)}; branches: {', '.join(branches)}"
            )
        wanted = tuple(t.lower() for t in topics) or tuple(known)
        unknown = [t for t in wanted if t not in known]
        if unknown:
            raise InvalidInput(
                "TOPIC", f"unknown topic {typed(unknown[0])}; topics: {', '.join(known)}"
            )
        return branch, tuple(dict.fromkeys(wanted))

    async def subscribe(
        self, where: Conversation, branch: str, topics: Sequence[str], by: Caller
    ) -> Subscribed:
        if where.kind is ChatKind.DM:
            raise InvalidInput("where", "subscribe in the group or channel itself")
        branch, wanted = self._check(branch, topics)
        channel = await self.store.channels.upsert(
            where.platform, where.chat_id, where.kind, where.title, thread=where.topic or ""
        )
        if by.is_officer_of(branch):
            if channel.state is not ChannelState.ACTIVE:
                await self.store.channels.set_state(channel.id, ChannelState.ACTIVE)
            for topic in wanted:
                await self.store.subscriptions.add(
                    channel.id, branch, topic, SubscriptionState.ACTIVE, by.member_id
                )
            await self.audit.record(
                by, "/subscribe", "done", branch=branch, topics=",".join(wanted)
            )
            return Subscribed(branch, wanted, waiting=False)
        return await self._request(channel.id, where, branch, wanted, by)

    async def _request(
        self, channel_id: int, where: Conversation, branch: str, wanted: tuple[str, ...], by: Caller
    ) -> Subscribed:
        """A member's request: pending subscriptions, and a DM with buttons to the officers."""
        subs = [
            await self.store.subscriptions.add(
                channel_id, branch, topic, SubscriptionState.PENDING, by.member_id
            )
            for topic in wanted
        ]
        pending = [s for s in subs if s.state is SubscriptionState.PENDING]
        if not pending:  # every topic was already active
            return Subscribed(branch, wanted, waiting=False)
        ids = ",".join(str(s.id) for s in pending)
        deciders = await self.outbox.deciders_of([branch])
        await self.outbox.notify(
            deciders.identities,
            "subscription-request",
            {
                "chat": where.title or where.chat_id,
                "platform": where.platform.value,
                "branch": branch,
                "topics": ", ".join(s.topic for s in pending),
            },
            title=f"Subscription request for {branch}",
            buttons=[("Approve", f"/approve {ids}"), ("Decline", f"/decline {ids}")],
        )
        await self.audit.record(by, "/subscribe", "requested", branch=branch, topics=ids)
        topics = tuple(s.topic for s in pending)
        return Subscribed(branch, topics, True, deciders.reachable, deciders.organisers)

    async def decide(self, ids: Sequence[int], approve: bool, by: Caller) -> Decided:
        action = "/approve" if approve else "/decline"
        done: list[str] = []
        for sub_id in list(ids)[:MAX_DECISIONS]:
            sub = await self.store.subscriptions.get(sub_id)
            if sub is None or sub.state is not SubscriptionState.PENDING:
                continue
            if not by.is_officer_of(sub.branch):
                raise Forbidden(action, f"officer of {sub.branch}")
            if approve:
                await self.store.subscriptions.set_state(sub.id, SubscriptionState.ACTIVE)
            else:
                await self.store.subscriptions.delete(sub.id)
            done.append(f"{sub.branch}/{sub.topic}")
        if not done:
            raise InvalidInput(
                "ID", "that request was already decided, or there is no such request"
            )
        await self.audit.record(by, action, "done", subscriptions=",".join(done))
        return Decided(approve, tuple(done))

    async def unsubscribe(self, where: Conversation, branch: str | None, by: Caller) -> int:
        channel = await self.store.channels.find(where.platform, where.chat_id, where.topic or "")
        subs = await self.store.subscriptions.for_channel(channel.id) if channel else []
        wanted = branch.lower() if branch else None
        mine = [s for s in subs if wanted in (None, s.branch)]
        if not mine:
            return 0
        allowed = [s for s in mine if by.is_officer_of(s.branch) or _own_request(s, by)]
        if not allowed:
            raise Forbidden("/unsubscribe", f"officer of {mine[0].branch}")
        for sub in allowed:
            await self.store.subscriptions.delete(sub.id)
        await self.audit.record(by, "/unsubscribe", "done", subscriptions=str(len(allowed)))
        return len(allowed)

    async def of(self, where: Conversation) -> list[SubscriptionLine]:
        channel = await self.store.channels.find(where.platform, where.chat_id, where.topic or "")
        subs = await self.store.subscriptions.for_channel(channel.id) if channel else []
        return [SubscriptionLine(s) for s in subs]

    async def remind_me(self, where: Conversation, on: bool, by: Caller) -> None:
        if by.member is None or by.branch is None:
            raise InvalidInput(
                "branch", "the bot does not know your branch yet; ask your branch secretary"
            )
        channel = await self.store.channels.upsert(
            where.platform, where.chat_id, ChatKind.DM, member_id=by.member_id
        )
        if on:
            await self.store.subscriptions.add(
                channel.id, by.branch, "ballots", SubscriptionState.ACTIVE, by.member_id
            )
        else:
            await self.store.subscriptions.remove(channel.id)


def _own_request(sub: Subscription, by: Caller) -> bool:
    """A request still waiting for an officer may be withdrawn by whoever made it."""
    mine = by.member_id is not None and sub.requested_by == by.member_id
    return mine and sub.state is SubscriptionState.PENDING
