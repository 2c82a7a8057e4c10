"""Repositories of broadcasts and their deliveries (the outbox)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Protocol

from bot.core.models import (
    Broadcast,
    BroadcastState,
    Claimed,
    Delivery,
    Outcome,
    Platform,
)


class BroadcastRepo(Protocol):
    async def create(self, broadcast: Broadcast) -> Broadcast: ...

    async def get(self, broadcast_id: int) -> Broadcast | None: ...

    async def recent(self, limit: int = 50) -> list[Broadcast]: ...

    async def set_state(self, broadcast_id: int, state: BroadcastState) -> None: ...

    async def due(self, now: datetime) -> list[Broadcast]:
        """Scheduled broadcasts whose time has come."""
        ...

    async def scheduled(self) -> list[Broadcast]:
        """Every broadcast waiting for its time, soonest first."""
        ...

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        """One delivery row per channel and the broadcast marked queued, in one transaction."""
        ...


class DeliveryRepo(Protocol):
    async def claim(
        self, platform: Platform, now: datetime, limit: int, epoch: int = 0
    ) -> list[Claimed]:
        """Pending deliveries due now to channels still active, marked SENDING (in one
        transaction) before any send, with the claiming sender's lease epoch; the first
        claim also sets `first_tried_at`. On PostgreSQL nothing is claimed unless that
        epoch's lease is still live: a sender that lost its lease cannot take more work.
        Never those to a SUSPENDED channel (held until it resumes) or one blocked, gone or
        needing a person (see `unreachable`)."""
        ...

    async def unreachable(self, platform: Platform, limit: int) -> list[Claimed]:
        """Pending deliveries to channels no longer active (blocked, gone, needing a person):
        never claimed, to be settled as skipped."""
        ...

    async def apply(self, outcomes: Sequence[Outcome]) -> None:
        """Write what became of several sends, in one transaction."""
        ...

    async def recover(
        self, epoch: int = 0, checkable: Collection[Platform] = (), most_attempts: int = 5
    ) -> int:
        """After a crash or a takeover: SENDING rows claimed under an older epoch than the
        new sender's may or may not have arrived. Each goes back to PENDING flagged
        ambiguous (on a `checkable` platform it will be looked up before any resend),
        however many crashes it has been through: a crash is no sign that a send arrived,
        and giving up would lose it. Elsewhere, one that has been tried `most_attempts`
        times becomes UNKNOWN for good. Rows of this epoch are the current sender's own, in
        flight: untouched."""
        ...

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        """Add deliveries for an already-queued broadcast (notices to officers)."""
        ...

    async def cancel_pending(self, broadcast_id: int) -> int: ...

    async def for_broadcast(self, broadcast_id: int) -> list[Delivery]: ...

    async def unsettled(self, broadcast_id: int) -> int:
        """Deliveries still PENDING or SENDING."""
        ...

    async def pending_platforms(self) -> set[Platform]:
        """Platforms with deliveries waiting, so idle workers need not poll."""
        ...
