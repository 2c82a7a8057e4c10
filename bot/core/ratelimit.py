"""A token bucket per key: flooding users are slowed, nobody else is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.clock import Clock


@dataclass
class _Bucket:
    tokens: float
    at: datetime


class TokenBuckets:
    def __init__(self, clock: Clock, rate_per_s: float, burst: int, max_keys: int = 10_000) -> None:
        self._clock, self._rate, self._burst, self._max = clock, rate_per_s, burst, max_keys
        self._buckets: dict[str, _Bucket] = {}
        self._told: set[str] = set()  # keys refused since they were last allowed, and told

    def allow(self, key: str) -> bool:
        now = self._clock.now()
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= self._max:
                self._buckets.clear()
            bucket = self._buckets[key] = _Bucket(float(self._burst), now)
        elapsed = max(0.0, (now - bucket.at).total_seconds())
        bucket.tokens = min(float(self._burst), bucket.tokens + elapsed * self._rate)
        bucket.at = now
        if bucket.tokens < 1.0:
            return False
        bucket.tokens -= 1.0
        self._told.discard(key)
        return True

    def tell(self, key: str) -> bool:
        """After a refusal: whether to say so. Only the first refusal of a spell is answered
        (until the key is allowed again); answering each would send the flood back."""
        if key in self._told:
            return False
        if len(self._told) >= self._max:
            self._told.clear()
        self._told.add(key)
        return True
