"""The outbox: messages become delivery rows, one per channel, in one transaction; workers
send them. Also notices to people by DM, and what happens once a broadcast has settled."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import NamedTuple

from bot.content.templates import Templates, render
from bot.core.clock import Clock
from bot.core.doorbell import Doorbell
from bot.core.errors import NotFound
from bot.core.events import Button
from bot.core.models import (
    Broadcast,
    BroadcastKind,
    BroadcastState,
    Channel,
    ChatKind,
    DeliveryState,
    Identity,
    Platform,
    Role,
    SubscriptionState,
)
from bot.core.ports import Store
from bot.core.results import DeliveryReport
from bot.core.wording import counted
from bot.delivery.ports import Message

log = logging.getLogger(__name__)
FREE_TEXT_TEMPLATE = "broadcast"

REPORT_STATES = {
    DeliveryState.SENT: "sent",
    DeliveryState.PENDING: "pending",
    DeliveryState.SENDING: "pending",
    DeliveryState.FAILED: "failed",
    DeliveryState.BLOCKED: "blocked",
    DeliveryState.UNKNOWN: "unknown",
    DeliveryState.CANCELLED: "cancelled",
    DeliveryState.SKIPPED: "skipped",
}



class Deciders(NamedTuple):
    """Who decides a request, and how many of them a direct message can reach."""

    identities: list[Identity]
    organisers: bool  # the branches have no officer: the organisers decide
    reachable: int  # people with an account a DM reaches (a terminal session is not one)

class Outbox:
    def __init__(self, store: Store, clock: Clock, templates: Templates, bell: Doorbell) -> None:
        self.store, self.clock, self.templates, self.bell = store, clock, templates, bell

    def wake(self) -> None:
        """Tell the delivery workers (in this process) that rows are waiting."""
        self.bell.ring()

    async def release(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        """Queue a broadcast: one delivery row per channel, in one transaction."""
        queued = await self.store.broadcasts.enqueue(broadcast_id, channel_ids)
        self.wake()
        return queued

    def render(self, broadcast: Broadcast, platform: Platform) -> Message:
        if broadcast.template:
            doc = self.templates.doc(broadcast.template, broadcast.values, platform)
        else:
            doc = self.templates.doc(
                FREE_TEXT_TEMPLATE, {"title": broadcast.title, "body": broadcast.body}, platform
            )
        buttons = tuple(Button(label, data) for label, data in broadcast.buttons)
        return Message(tuple(render(doc, platform)), buttons)

    async def notify(
        self,
        identities: Sequence[Identity],
        template: str,
        values: dict[str, str],
        title: str,
        buttons: Sequence[tuple[str, str]] = (),
    ) -> int:
        """A notice by DM to each person, through the outbox like any broadcast."""
        channels: list[int] = []
        for identity in identities:
            if identity.platform is Platform.CONSOLE:
                continue
            dm = await self.store.channels.upsert(identity.platform, identity.user_id, ChatKind.DM)
            channels.append(dm.id)
        if not channels:
            return 0
        notice = await self.store.broadcasts.create(
            Broadcast(
                id=0,
                title=title,
                body="",
                topic="notice",
                template=template,
                values=values,
                kind=BroadcastKind.NOTICE,
                state=BroadcastState.DRAFT,
                created_at=self.clock.now(),
                buttons=tuple(buttons),
            )
        )
        return await self.release(notice.id, channels)

    async def officers_of(self, branches: Sequence[str]) -> list[Identity]:
        """The branches' officers; the organisers when none of them has one."""
        return (await self.deciders_of(branches)).identities

    async def deciders_of(self, branches: Sequence[str]) -> Deciders:
        """The branches' officers, or the organisers when none of them has one."""
        holders = []
        for branch in branches:
            holders.extend(await self.store.roles.holders(Role.OFFICER, branch))
        organisers = not holders
        if organisers:
            holders = await self.store.roles.holders(Role.ORGANISER)
        found: list[Identity] = []
        reachable: set[int] = set()
        for grant in holders:
            member = await self.store.members.get(grant.member_id)
            if member is None:
                continue
            found.extend(i for i in member.identities if i not in found)
            if any(i.platform is not Platform.CONSOLE for i in member.identities):
                reachable.add(member.id)
        return Deciders(found, organisers, len(reachable))

    async def alert_channel(self, channel: Channel, reason: str) -> None:
        """A channel needs a person (bot removed, channel archived): tell its officers, once."""
        subs = await self.store.subscriptions.for_channel(channel.id)
        branches = sorted({s.branch for s in subs})
        people = await self.officers_of(branches)
        where = channel.title or channel.chat_id
        await self.notify(
            people,
            "channel-needs-attention",
            {
                "channel": where,
                "platform": channel.platform.value,
                "reason": reason,
                "branches": ", ".join(branches) or "none",
            },
            title=f"Channel needs attention: {where}",
        )

    async def report(self, broadcast_id: int) -> DeliveryReport:
        """Per platform and per branch (active subscriptions to its topic): what became of it."""
        broadcast = await self.store.broadcasts.get(broadcast_id)
        if broadcast is None:
            raise NotFound("broadcast", str(broadcast_id))
        report = DeliveryReport(broadcast)
        per_platform: defaultdict[str, Counter[str]] = defaultdict(Counter)
        per_branch: defaultdict[str, Counter[str]] = defaultdict(Counter)
        places: dict[int, tuple[str, list[str]]] = {}
        for delivery in await self.store.deliveries.for_broadcast(broadcast_id):
            if delivery.channel_id not in places:
                places[delivery.channel_id] = await self._place(delivery.channel_id, broadcast)
            platform, branches = places[delivery.channel_id]
            state = REPORT_STATES[delivery.state]
            per_platform[platform][state] += 1
            for branch in branches:
                per_branch[branch][state] += 1
            if state == "failed":
                report.failures[delivery.reason or "unknown"] += 1
            if state == "skipped":
                report.skips[delivery.reason or "skipped"] += 1
            if delivery.ambiguous:
                report.possible_duplicates += 1
        report.by_platform, report.by_branch = dict(per_platform), dict(per_branch)
        return report

    async def _place(self, channel_id: int, broadcast: Broadcast) -> tuple[str, list[str]]:
        channel = await self.store.channels.get(channel_id)
        subs = await self.store.subscriptions.for_channel(channel_id)
        branches = sorted(
            {
                s.branch
                for s in subs
                if s.topic == broadcast.topic and s.state is SubscriptionState.ACTIVE
            }
        )
        return (channel.platform.value if channel else "?"), branches or ["(none)"]

    async def after_outcomes(self, broadcast_ids: set[int]) -> None:
        """Broadcasts whose last delivery settled are done; the organiser hears of failures."""
        for broadcast_id in broadcast_ids:
            if await self.store.deliveries.unsettled(broadcast_id):
                continue
            broadcast = await self.store.broadcasts.get(broadcast_id)
            if broadcast is None or broadcast.state is not BroadcastState.QUEUED:
                continue
            await self.store.broadcasts.set_state(broadcast_id, BroadcastState.DONE)
            if broadcast.kind is BroadcastKind.BROADCAST and broadcast.created_by is not None:
                await self._tell_author(broadcast)

    async def _tell_author(self, broadcast: Broadcast) -> None:
        report = await self.report(broadcast.id)
        failed = report.total("failed") + report.total("unknown")
        member = await self.store.members.get(broadcast.created_by or 0)
        if not failed or member is None:
            return
        await self.notify(
            member.identities,
            "broadcast-failures",
            {
                "title": broadcast.title,
                "id": str(broadcast.id),
                "sent": counted(report.total("sent"), "channel"),
                "failed": str(failed),
                "reasons": ", ".join(f"{r} ({n})" for r, n in report.failures.most_common(5)),
            },
            title=f"Delivery report: {broadcast.title}",
        )
