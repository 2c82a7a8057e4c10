"""Timers: timed work other than ballot reminders, fired once like reminders."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.core.models import Broadcast, ConsultationState, ReminderState, Timer, TimerKind
from bot.storage.memory.broadcasts import queue_broadcast
from bot.storage.memory.data import Data, utc


def add_timer(data: Data, timer: Timer) -> None:
    """Plan a timer, unless one of its kind and ref exists."""
    if _find(data, timer.kind, timer.ref) is None:
        made = utc(replace(timer, id=data.next_id("timers"), detail=dict(timer.detail)))
        data.timers[made.id] = made


def _find(data: Data, kind: TimerKind, ref: str) -> Timer | None:
    return next((t for t in data.timers.values() if (t.kind, t.ref) == (kind, ref)), None)


class MemoryTimers:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def due(self, now: datetime) -> list[Timer]:
        return [t for t in self._planned() if t.fire_at <= now]

    async def next_at(self) -> datetime | None:
        planned = self._planned()
        return planned[0].fire_at if planned else None

    async def fire(
        self,
        timer: Timer,
        broadcast: Broadcast | None,
        branches: Sequence[str] | None,
        results: dict[str, object] | None = None,
    ) -> tuple[int, int] | None:
        if not self._mark(timer.id, ReminderState.FIRED):
            return None
        if timer.kind is TimerKind.CONSULTATION_CLOSE:
            consultations = self._d.consultations
            closing = consultations.get(int(timer.ref))
            if closing is not None:
                consultations[closing.id] = replace(
                    closing, state=ConsultationState.CLOSED, results=results
                )
        if broadcast is None:
            return (0, 0)
        return queue_broadcast(self._d, broadcast, branches)

    async def mark(self, timer_id: int, state: ReminderState) -> bool:
        return self._mark(timer_id, state)

    async def find(self, kind: TimerKind, ref: str) -> Timer | None:
        return _find(self._d, kind, ref)

    def _planned(self) -> list[Timer]:
        found = [t for t in self._d.timers.values() if t.state is ReminderState.PLANNED]
        return sorted(found, key=lambda t: (t.fire_at, t.id))

    def _mark(self, timer_id: int, state: ReminderState) -> bool:
        timer = self._d.timers.get(timer_id)
        if timer is None or timer.state is not ReminderState.PLANNED:
            return False
        self._d.timers[timer_id] = replace(timer, state=state)
        return True
