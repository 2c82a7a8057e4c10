"""Repositories of campaign actions: petitions, reports, consultations, and their timers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.core.models import (
    Broadcast,
    Consultation,
    ReminderState,
    Tally,
    Timer,
    TimerKind,
)


class PetitionRepo(Protocol):
    async def sign(self, petition: str, member_id: int, branch: str | None) -> bool:
        """Record a signature; False if this member had already signed."""
        ...

    async def has_signed(self, petition: str, member_id: int) -> bool: ...

    async def counts(self, petition: str) -> dict[str | None, int]:
        """Signatures per branch (None: members with no branch), forgotten members included."""
        ...


class ReportRepo(Protocol):
    async def publish(
        self,
        report: str,
        broadcast: Broadcast,
        branches: Sequence[str] | None,
        timers: Sequence[Timer],
        at: datetime,
    ) -> tuple[int, int] | None:
        """In one transaction: mark the report published, store its broadcast (queued) with a
        delivery to each active channel subscribed to the broadcast's topic (in `branches`,
        or any), record the branches of those subscriptions as sent to, and plan its action
        timers. None if it was already published."""
        ...

    async def send_more(
        self, report: str, broadcast: Broadcast, branches: Sequence[str], skip: Sequence[int] = ()
    ) -> tuple[int, int]:
        """In one transaction: queue a published report's broadcast for the channels
        subscribed to its topic for `branches`, less the channel ids in `skip` (they had it),
        and add the branches it reached, through either, to those sent to. Returns
        (broadcast id, deliveries)."""
        ...

    async def had_it(self, report: str, topic: str) -> frozenset[int]:
        """The channels given a delivery of any of the report's broadcasts (its `topic`)."""
        ...

    async def published(self, report: str) -> datetime | None: ...

    async def sent_to(self, report: str) -> frozenset[str]:
        """The branches the report was sent to (none if it is not published)."""
        ...

    async def note(self, report: str, branch: str, member_id: int, at: datetime) -> bool:
        """A branch acknowledges a report; False if it already had."""
        ...

    async def noted(self, report: str) -> dict[str, datetime]:
        """Branches that have noted the report, and when."""
        ...

    async def noted_by(self, report: str) -> dict[str, int | None]:
        """Branches that have noted the report, and the member who noted it for each (None
        once that member has been forgotten)."""
        ...


class ConsultationRepo(Protocol):
    async def open(self, consultation: Consultation) -> Consultation:
        """Store a new consultation and plan its close, in one transaction."""
        ...

    async def get(self, consultation_id: int) -> Consultation | None: ...

    async def all(self) -> list[Consultation]: ...

    async def vote(
        self, consultation_id: int, member_id: int, branch: str | None, choice: int
    ) -> bool:
        """Count one vote; False if this member has already voted (nothing changes)."""
        ...

    async def choice_of(self, consultation_id: int, member_id: int) -> int | None: ...

    async def tally(self, consultation_id: int) -> list[Tally]: ...


class TimerRepo(Protocol):
    async def due(self, now: datetime) -> list[Timer]: ...

    async def next_at(self) -> datetime | None: ...

    async def fire(
        self,
        timer: Timer,
        broadcast: Broadcast | None,
        branches: Sequence[str] | None,
        results: dict[str, object] | None = None,
    ) -> tuple[int, int] | None:
        """In one transaction: mark the timer fired, close its consultation (storing the
        results) if it is a close, and queue the broadcast to every active channel subscribed
        to its topic (in `branches`, or any). None if the timer was no longer planned."""
        ...

    async def mark(self, timer_id: int, state: ReminderState) -> bool: ...

    async def find(self, kind: TimerKind, ref: str) -> Timer | None: ...
