"""Broadcasts, their deliveries (claimed before sending, settled after), and queueing a
broadcast for its audience the way every queueing path does."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from bot.core.models import (
    IN_FLIGHT_AT_A_CRASH,
    Broadcast,
    BroadcastState,
    Channel,
    ChannelState,
    Claimed,
    Delivery,
    DeliveryState,
    Outcome,
    Platform,
)
from bot.storage.memory.channels import audience
from bot.storage.memory.data import Data, DeliveryRow, utc

_OPEN = (BroadcastState.DRAFT, BroadcastState.SCHEDULED)
# Channels whose queued rows are skipped: a SUSPENDED one is only held until it resumes.
LOST_STATES = (ChannelState.BLOCKED, ChannelState.GONE, ChannelState.NEEDS_ATTENTION)


def store_broadcast(data: Data, broadcast: Broadcast, **changes: Any) -> Broadcast:
    made = utc(replace(broadcast, id=data.next_id("broadcasts"), **changes))
    made = replace(made, values=dict(made.values))
    data.broadcasts[made.id] = made
    return made


def queue_broadcast(
    data: Data,
    broadcast: Broadcast,
    branches: Sequence[str] | None,
    *,
    skip_banked_for: str | None = None,
    reminder_id: int | None = None,
    skip: Sequence[int] = (),
) -> tuple[int, int]:
    """Store a queued broadcast and one delivery per active channel subscribed to its topic
    (in `branches`, or any) but not in `skip`; with `skip_banked_for`, not the DMs of
    members banked for that ballot. Returns (id, deliveries)."""
    made = store_broadcast(data, broadcast, state=BroadcastState.QUEUED, reminder_id=reminder_id)
    channels = [c for c in audience(data, broadcast.topic, branches) if c not in skip]
    if skip_banked_for is not None:
        banked = {b.member_id for b in data.ballot_banked.values() if b.ballot == skip_banked_for}
        channels = [c for c in channels if data.channels[c].member_id not in banked]
    return made.id, insert_deliveries(data, made.id, channels)


def insert_deliveries(data: Data, broadcast_id: int, channel_ids: Sequence[int]) -> int:
    """One pending delivery per channel that exists; returns how many were made."""
    made = 0
    for channel_id in channel_ids:
        channel = data.channels.get(channel_id)
        if channel is not None:
            delivery_id = data.next_id("deliveries")
            data.deliveries[delivery_id] = DeliveryRow(
                delivery_id, broadcast_id, channel_id, platform=channel.platform.value
            )
            made += 1
    return made


class MemoryBroadcasts:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def create(self, broadcast: Broadcast) -> Broadcast:
        return store_broadcast(self._d, broadcast)

    async def get(self, broadcast_id: int) -> Broadcast | None:
        return self._d.broadcasts.get(broadcast_id)

    async def recent(self, limit: int = 50) -> list[Broadcast]:
        return sorted(self._d.broadcasts.values(), key=lambda b: -b.id)[:limit]

    async def set_state(self, broadcast_id: int, state: BroadcastState) -> None:
        self._d.broadcasts[broadcast_id] = replace(self._d.broadcasts[broadcast_id], state=state)

    async def due(self, now: datetime) -> list[Broadcast]:
        return [b for b in await self.scheduled() if b.send_at is not None and b.send_at <= now]

    async def scheduled(self) -> list[Broadcast]:
        found = [b for b in self._d.broadcasts.values() if b.state is BroadcastState.SCHEDULED]
        return sorted(found, key=lambda b: (b.send_at, b.id))

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        broadcast = self._d.broadcasts[broadcast_id]
        if broadcast.state not in _OPEN:
            return 0  # already queued by someone else, or cancelled
        self._d.broadcasts[broadcast_id] = replace(broadcast, state=BroadcastState.QUEUED)
        return insert_deliveries(self._d, broadcast_id, channel_ids)


class MemoryDeliveries:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def claim(
        self, platform: Platform, now: datetime, limit: int, epoch: int = 0
    ) -> list[Claimed]:
        claimed: list[Claimed] = []
        for d in sorted(self._d.deliveries.values(), key=lambda d: d.id):
            if len(claimed) == limit:
                break
            due = d.not_before is None or d.not_before <= now
            if d.platform == platform.value and d.state is DeliveryState.PENDING and due:
                if self._d.channels[d.channel_id].state is not ChannelState.ACTIVE:
                    continue
                d = replace(
                    d,
                    state=DeliveryState.SENDING,
                    attempts=d.attempts + 1,
                    updated_at=now,
                    epoch=epoch,
                    first_tried_at=d.first_tried_at or now,
                )
                self._d.deliveries[d.id] = d
                claimed.append(Claimed(d.model(), self._channel(d.channel_id)))
        return claimed

    async def unreachable(self, platform: Platform, limit: int) -> list[Claimed]:
        found = [
            Claimed(d.model(), self._channel(d.channel_id))
            for d in sorted(self._d.deliveries.values(), key=lambda d: d.id)
            if d.platform == platform.value
            and d.state is DeliveryState.PENDING
            and self._d.channels[d.channel_id].state in LOST_STATES
        ]
        return found[:limit]

    def _channel(self, channel_id: int) -> Channel:
        return replace(self._d.channels[channel_id], member_id=None)

    async def apply(self, outcomes: Sequence[Outcome]) -> None:
        """Outcomes alike are written alike, at the latest of their times, as in SQL."""
        groups: dict[tuple[Any, ...], list[Outcome]] = {}
        for o in outcomes:
            key = (o.state, o.reason, o.not_before, o.refund_attempt, o.ambiguous, o.resolved)
            groups.setdefault(key, []).append(o)
        for alike in groups.values():
            at = max((o.at for o in alike if o.at is not None), default=None)
            for o in alike:
                rows = self._d.deliveries
                rows[o.delivery_id] = _settle(rows[o.delivery_id], o, at)

    async def recover(
        self, epoch: int = 0, checkable: Collection[Platform] = (), most_attempts: int = 5
    ) -> int:
        stuck = [
            d
            for d in self._d.deliveries.values()
            if d.state is DeliveryState.SENDING and (d.epoch < epoch or epoch == 0)
        ]
        looked_up = {p.value for p in checkable}
        for d in stuck:
            if d.attempts >= most_attempts and d.platform not in looked_up:
                changed = replace(
                    d, state=DeliveryState.UNKNOWN, reason=f"{IN_FLIGHT_AT_A_CRASH}, last try"
                )
            else:
                changed = replace(
                    d,
                    state=DeliveryState.PENDING,
                    ambiguous=True,
                    reason=IN_FLIGHT_AT_A_CRASH,
                    not_before=None,
                )
            self._d.deliveries[d.id] = changed
        return len(stuck)

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        return insert_deliveries(self._d, broadcast_id, channel_ids)

    async def cancel_pending(self, broadcast_id: int) -> int:
        found = [d for d in self._of(broadcast_id) if d.state is DeliveryState.PENDING]
        for d in found:
            self._d.deliveries[d.id] = replace(d, state=DeliveryState.CANCELLED, reason="cancelled")
        return len(found)

    async def for_broadcast(self, broadcast_id: int) -> list[Delivery]:
        return [d.model() for d in sorted(self._of(broadcast_id), key=lambda d: d.id)]

    async def unsettled(self, broadcast_id: int) -> int:
        return sum(1 for d in self._of(broadcast_id) if not d.state.settled)

    async def pending_platforms(self) -> set[Platform]:
        return {
            Platform(d.platform)
            for d in self._d.deliveries.values()
            if d.state is DeliveryState.PENDING
        }

    def _of(self, broadcast_id: int) -> list[DeliveryRow]:
        return [d for d in self._d.deliveries.values() if d.broadcast_id == broadcast_id]


def _settle(d: DeliveryRow, o: Outcome, at: datetime | None) -> DeliveryRow:
    d = replace(d, state=o.state, reason=o.reason, updated_at=at)
    if o.state is DeliveryState.PENDING:
        d = replace(d, not_before=o.not_before)
    if o.state is DeliveryState.SENT:
        d = replace(d, sent_at=at)
    if o.refund_attempt:
        d = replace(d, attempts=d.attempts - 1)
    if o.ambiguous:
        d = replace(d, ambiguous=True)
    if o.resolved:
        d = replace(d, ambiguous=False)
    return d
