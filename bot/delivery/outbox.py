"""Composing, releasing, cancelling and reporting on broadcasts; notices to officers."""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.content.loader import Content
from bot.content.templates import Templates, render
from bot.core.clock import Clock
from bot.core.errors import InvalidInput, NotFound
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
)
from bot.core.ports import Store
from bot.delivery.ports import Message

log = logging.getLogger(__name__)
FREE_TEXT_TEMPLATE = "broadcast"


@dataclass(frozen=True)
class Audience:
    """Who a broadcast goes to: one topic, and all branches, one group's, or named ones."""

    topic: str
    branches: tuple[str, ...] = ()
    group: str | None = None

    def describe(self) -> str:
        where = (
            f"group {self.group}"
            if self.group
            else ", ".join(self.branches)
            if self.branches
            else "all branches"
        )
        return f"{self.topic} subscribers in {where}"


def parse_audience(topic: str, target: str, content: Content) -> Audience:
    """`all`, `group:NAME`, or `branch-a,branch-b` → an Audience, checked against content."""
    if topic not in content.topics():
        raise InvalidInput(
            "topic", f"unknown topic {topic!r}; use one of {', '.join(content.topics())}"
        )
    target = target.strip()
    if target in ("", "all"):
        return Audience(topic)
    if target.startswith("group:"):
        group = target.removeprefix("group:")
        if group not in {g.name for g in content.structure.groups}:
            raise InvalidInput("audience", f"unknown group {group!r}")
        return Audience(topic, group=group)
    branches = tuple(b.strip() for b in target.split(",") if b.strip())
    unknown = [b for b in branches if b not in content.branch_names()]
    if unknown:
        raise InvalidInput("audience", f"unknown branch {unknown[0]!r}")
    return Audience(topic, branches)


@dataclass
class Report:
    broadcast: Broadcast
    by_platform: dict[str, Counter[str]] = field(default_factory=dict)
    by_branch: dict[str, Counter[str]] = field(default_factory=dict)
    failures: Counter[str] = field(default_factory=Counter)
    possible_duplicates: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.broadcast.id,
            "title": self.broadcast.title,
            "state": self.broadcast.state.value,
            "topic": self.broadcast.topic,
            "per_platform": {k: dict(v) for k, v in sorted(self.by_platform.items())},
            "per_branch": {k: dict(v) for k, v in sorted(self.by_branch.items())},
            "failed_reasons": dict(self.failures),
            "possible_duplicates": self.possible_duplicates,
        }


REPORT_STATES = {
    DeliveryState.SENT: "sent",
    DeliveryState.PENDING: "pending",
    DeliveryState.SENDING: "pending",
    DeliveryState.FAILED: "failed",
    DeliveryState.BLOCKED: "blocked",
    DeliveryState.UNKNOWN: "unknown",
    DeliveryState.CANCELLED: "cancelled",
}


class Outbox:
    def __init__(self, store: Store, clock: Clock, content: Content, templates: Templates) -> None:
        self.store, self.clock, self.content, self.templates = store, clock, content, templates
        self.woken: list[Any] = []  # callables that wake the platform workers
        self.on_scheduled: list[Any] = []  # callables told of each newly scheduled broadcast

    def branches_of(self, audience: Audience) -> list[str] | None:
        if audience.group:
            group = next(g for g in self.content.structure.groups if g.name == audience.group)
            return [b.name for b in group.branches]
        return list(audience.branches) or None

    async def channels_for(self, audience: Audience) -> list[int]:
        return await self.store.subscriptions.audience(audience.topic, self.branches_of(audience))

    async def compose(
        self,
        title: str,
        audience: Audience,
        *,
        text: str | None = None,
        template: str | None = None,
        values: dict[str, str] | None = None,
        send_at: datetime | None = None,
        created_by: int | None = None,
        buttons: Sequence[tuple[str, str]] = (),
        save: bool = True,
    ) -> Broadcast:
        """A draft, to be confirmed (sent or scheduled); refuses an empty audience.

        With save=False nothing is stored (a preview): the draft comes back with id 0.
        """
        if (text is None) == (template is None):
            raise InvalidInput("message", "give either free text or a template")
        if template is not None:
            self.templates.get(template)
        if text is not None and not text.strip():
            raise InvalidInput("text", "the message is empty")
        now = self.clock.now()
        if send_at is not None and send_at <= now:
            raise InvalidInput("time", "that time has already passed")
        if not await self.channels_for(audience):
            raise InvalidInput("audience", f"no channel is subscribed: {audience.describe()}")
        draft = Broadcast(
            id=0,
            title=title[:200],
            body=text or "",
            topic=audience.topic,
            template=template,
            branches=audience.branches,
            group=audience.group,
            state=BroadcastState.DRAFT,
            send_at=send_at,
            created_by=created_by,
            created_at=now,
            values=dict(values or {}),
            buttons=tuple(buttons),
        )
        return await self.store.broadcasts.create(draft) if save else draft

    async def compose_for(
        self,
        title: str,
        topic: str,
        target: str,
        *,
        text: str | None = None,
        template: str | None = None,
        values: dict[str, str] | None = None,
        send_at: datetime | None = None,
        created_by: int | None = None,
    ) -> Broadcast:
        audience = parse_audience(topic, target, self.content)
        return await self.compose(
            title,
            audience,
            text=text,
            template=template,
            values=values,
            send_at=send_at,
            created_by=created_by,
        )

    async def audience_size(self, broadcast: Broadcast) -> int:
        audience = Audience(broadcast.topic, broadcast.branches, broadcast.group)
        return len(await self.channels_for(audience))

    async def confirm(self, broadcast_id: int) -> int:
        """A draft goes now, or at its time: returns deliveries queued (0 when scheduled)."""
        broadcast = await self.store.broadcasts.get(broadcast_id)
        if broadcast is None:
            raise NotFound("broadcast", str(broadcast_id))
        if broadcast.state is not BroadcastState.DRAFT:
            raise InvalidInput("broadcast", f"broadcast {broadcast_id} is {broadcast.state.value}")
        if broadcast.send_at is not None and broadcast.send_at > self.clock.now():
            await self.store.broadcasts.set_state(broadcast_id, BroadcastState.SCHEDULED)
            for hook in self.on_scheduled:
                hook(broadcast)
            return 0
        return await self.release(broadcast_id)

    async def release(self, broadcast_id: int) -> int:
        """Queue a draft or due broadcast: one delivery row per channel, in one transaction."""
        broadcast = await self.store.broadcasts.get(broadcast_id)
        if broadcast is None:
            raise NotFound("broadcast", str(broadcast_id))
        audience = Audience(broadcast.topic, broadcast.branches, broadcast.group)
        queued = await self.store.broadcasts.enqueue(
            broadcast_id, await self.channels_for(audience)
        )
        self.wake()
        return queued

    async def release_due(self) -> int:
        released = 0
        for broadcast in await self.store.broadcasts.due(self.clock.now()):
            released += await self.release(broadcast.id)
        return released

    async def cancel(self, broadcast_id: int) -> int:
        """Cancel before it goes: a draft or scheduled one entirely, a queued one's unsent rows."""
        broadcast = await self.store.broadcasts.get(broadcast_id)
        if broadcast is None:
            raise NotFound("broadcast", str(broadcast_id))
        if broadcast.state in (BroadcastState.DRAFT, BroadcastState.SCHEDULED):
            await self.store.broadcasts.set_state(broadcast_id, BroadcastState.CANCELLED)
            return 0
        if broadcast.state is BroadcastState.QUEUED:
            return await self.store.deliveries.cancel_pending(broadcast_id)
        raise InvalidInput("broadcast", f"broadcast {broadcast_id} is {broadcast.state.value}")

    def wake(self) -> None:
        for wake in self.woken:
            wake()

    def render(self, broadcast: Broadcast, platform: Platform) -> Message:
        if broadcast.template:
            doc = self.templates.doc(broadcast.template, broadcast.values)
        else:
            doc = self.templates.doc(
                FREE_TEXT_TEMPLATE, {"title": broadcast.title, "body": broadcast.body}
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
        queued = await self.store.broadcasts.enqueue(notice.id, channels)
        self.wake()
        return queued

    async def officers_of(self, branches: Sequence[str]) -> list[Identity]:
        holders = []
        for branch in branches:
            holders.extend(await self.store.roles.holders(Role.OFFICER, branch))
        if not holders:
            holders = await self.store.roles.holders(Role.ORGANISER)
        found: list[Identity] = []
        for grant in holders:
            member = await self.store.members.get(grant.member_id)
            if member is not None:
                found.extend(i for i in member.identities if i not in found)
        return found

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

    async def report(self, broadcast_id: int) -> Report:
        broadcast = await self.store.broadcasts.get(broadcast_id)
        if broadcast is None:
            raise NotFound("broadcast", str(broadcast_id))
        report = Report(broadcast)
        per_platform: defaultdict[str, Counter[str]] = defaultdict(Counter)
        per_branch: defaultdict[str, Counter[str]] = defaultdict(Counter)
        branch_cache: dict[int, list[str]] = {}
        channel_cache: dict[int, Channel | None] = {}
        for delivery in await self.store.deliveries.for_broadcast(broadcast_id):
            if delivery.channel_id not in channel_cache:
                channel_cache[delivery.channel_id] = await self.store.channels.get(
                    delivery.channel_id
                )
                subs = await self.store.subscriptions.for_channel(delivery.channel_id)
                branch_cache[delivery.channel_id] = sorted(
                    {s.branch for s in subs if s.topic == broadcast.topic}
                ) or ["(none)"]
            channel = channel_cache[delivery.channel_id]
            state = REPORT_STATES[delivery.state]
            per_platform[channel.platform.value if channel else "?"][state] += 1
            for branch in branch_cache[delivery.channel_id]:
                per_branch[branch][state] += 1
            if state == "failed":
                report.failures[delivery.reason or "unknown"] += 1
            if delivery.ambiguous:
                report.possible_duplicates += 1
        report.by_platform, report.by_branch = dict(per_platform), dict(per_branch)
        return report

    async def after_outcomes(self, broadcast_ids: set[int]) -> None:
        """Broadcasts whose last delivery settled are done; the organiser hears of failures."""
        for broadcast_id in broadcast_ids:
            if await self.store.deliveries.unsettled(broadcast_id):
                continue
            broadcast = await self.store.broadcasts.get(broadcast_id)
            if broadcast is None or broadcast.state is not BroadcastState.QUEUED:
                continue
            await self.store.broadcasts.set_state(broadcast_id, BroadcastState.DONE)
            if broadcast.kind is not BroadcastKind.BROADCAST or broadcast.created_by is None:
                continue
            report = await self.report(broadcast_id)
            failed = sum(c["failed"] + c["unknown"] for c in report.by_platform.values())
            if failed:
                member = await self.store.members.get(broadcast.created_by)
                if member is not None:
                    sent = sum(c["sent"] for c in report.by_platform.values())
                    await self.notify(
                        member.identities,
                        "broadcast-failures",
                        {
                            "title": broadcast.title,
                            "id": str(broadcast.id),
                            "sent": str(sent),
                            "failed": str(failed),
                            "reasons": ", ".join(
                                f"{r} ({n})" for r, n in report.failures.most_common(5)
                            ),
                        },
                        title=f"Delivery report: {broadcast.title}",
                    )
