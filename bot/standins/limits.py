"""Sliding-window rate limits, as the platforms enforce them."""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque


class SlidingWindow:
    """At most `limit` events per `window` seconds for each key."""

    def __init__(self, limit: int, window: float) -> None:
        self.limit, self.window = limit, window
        self._events: defaultdict[str, deque[float]] = defaultdict(deque)

    def wait(self, key: str, now: float | None = None) -> float:
        """Seconds until one more event is allowed for `key` (0: allowed now)."""
        now = time.monotonic() if now is None else now
        events = self._events[key]
        while events and events[0] <= now - self.window:
            events.popleft()
        return events[0] + self.window - now if len(events) >= self.limit else 0.0

    def hit(self, key: str, now: float | None = None) -> None:
        self._events[key].append(time.monotonic() if now is None else now)


def whole_seconds(wait: float) -> int:
    return max(1, math.ceil(wait))
