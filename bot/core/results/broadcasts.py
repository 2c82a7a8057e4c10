"""What the broadcast service returns."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.core.models import (
    Broadcast,
    BroadcastState,
    Platform,
)


@dataclass(frozen=True)
class BroadcastRequest:
    """A broadcast as an organiser asks for it, before anything is checked or saved."""

    topic: str
    target: str  # all, group:NAME, or branch,branch
    text: str | None = None
    template: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    send_at: datetime | None = None
    buttons: tuple[tuple[str, str], ...] = ()  # (label, the command a press sends)


@dataclass(frozen=True)
class RenderedPart:
    text: str
    plain: str
    slack: dict[str, Any] | None = None  # the Slack payload (blocks), for a faithful preview


@dataclass(frozen=True)
class Draft:
    """A broadcast composed but not sent (id 0 for a preview that was not saved)."""

    broadcast: Broadcast
    channels: int
    audience: str  # in words: "pay subscribers in all branches"
    previews: dict[Platform, tuple[RenderedPart, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Confirmed:
    broadcast: Broadcast
    queued: int  # deliveries queued now (0 when scheduled)
    scheduled_for: datetime | None


@dataclass(frozen=True)
class Cancelled:
    broadcast_id: int
    stopped: int  # messages not yet sent that will not go


@dataclass(frozen=True)
class BroadcastLine:
    """One broadcast in a list, with its progress counted from its deliveries."""

    broadcast: Broadcast
    state: str  # draft, scheduled, sending, done, cancelled
    sent: int
    total: int


@dataclass
class DeliveryReport:
    broadcast: Broadcast
    by_platform: dict[str, Counter[str]] = field(default_factory=dict)
    by_branch: dict[str, Counter[str]] = field(default_factory=dict)
    failures: Counter[str] = field(default_factory=Counter)
    skips: Counter[str] = field(default_factory=Counter)  # why deliveries were not attempted
    possible_duplicates: int = 0

    def total(self, state: str) -> int:
        return sum(counts[state] for counts in self.by_platform.values())

    @property
    def state(self) -> str:
        """As a person reads it, like `broadcast list`: a queued broadcast is 'sending' while
        a message is still to go and 'done' once none is, not 'queued' for ever."""
        if self.broadcast.state is not BroadcastState.QUEUED:
            return self.broadcast.state.value
        return "sending" if self.total("pending") else "done"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.broadcast.id,
            "title": self.broadcast.title,
            "state": self.state,
            "topic": self.broadcast.topic,
            "per_platform": {k: dict(v) for k, v in sorted(self.by_platform.items())},
            "per_branch": {k: dict(v) for k, v in sorted(self.by_branch.items())},
            "failed_reasons": dict(self.failures),
            "skipped_reasons": dict(self.skips),
            "possible_duplicates": self.possible_duplicates,
        }
