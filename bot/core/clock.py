"""Time is explicit: the core asks a Clock, never datetime.now()."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, tz-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FixedClock:
    """A clock a test moves by hand."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs a tz-aware datetime")
        self._at = at.astimezone(UTC)

    def now(self) -> datetime:
        return self._at

    def advance(self, delta: timedelta) -> None:
        self._at += delta

    def set(self, at: datetime) -> None:
        self._at = at.astimezone(UTC)


class AcceleratedClock:
    """Time that runs `speed` times faster than real time from `start` (for the demo)."""

    def __init__(self, start: datetime, speed: float) -> None:
        if start.tzinfo is None or speed <= 0:
            raise ValueError("AcceleratedClock needs a tz-aware start and a positive speed")
        self.start, self.speed = start.astimezone(UTC), speed
        self._t0 = time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=(time.monotonic() - self._t0) * self.speed)

    def real_moment(self, when: datetime) -> datetime:
        """The real instant at which this clock will read `when`."""
        return datetime.now(UTC) + (when - self.now()) / self.speed

    def set_speed(self, speed: float) -> None:
        """Change the pace from now on; the reading carries on from where it is."""
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.start, self._t0, self.speed = self.now(), time.monotonic(), speed

    def jump(self, to: datetime) -> None:
        """Skip ahead to `to` (never back), then carry on at the same pace."""
        if to > self.now():
            self.start, self._t0 = to.astimezone(UTC), time.monotonic()
