"""The inbox: what came in from the platforms, stored before it is handled."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from bot.core.models import (
    InboxItem,
    InboxState,
)


class InboxRepo(Protocol):
    """Updates and events as received, stored before the platform is answered, so that
    nothing acknowledged is lost and a platform's retry has one effect.

    A row is written once per platform id (insert on conflict do nothing), claimed by the
    worker that stored it, handled from there and marked handled (its payload dropped). A
    handler that fails lets go of its claim, so a retry of the same id is handled again.
    """

    async def receive(self, item: InboxItem, worker: str) -> bool:
        """Store an item, claimed by `worker`; False (nothing changes) if its key is known."""
        ...

    async def claim(self, key: str, worker: str, now: datetime) -> InboxItem | None:
        """Take a RECEIVED row no one holds (its handler failed and let go). None if it is
        handled, given up, held by a worker, or unknown. Two callers never both get it."""
        ...

    async def finish(self, key: str, state: InboxState, now: datetime) -> None:
        """Handled (or given up): drop the payload and the claim; the key stays, so a late
        retry still has no effect."""
        ...

    async def release(self, key: str, now: datetime) -> int:
        """The handler failed: let go of the claim; returns the attempts made so far."""
        ...

    async def stranded(
        self, live: Collection[str], before: datetime, limit: int
    ) -> list[InboxItem]:
        """RECEIVED rows received before `before` that no live worker holds: their worker
        died, or a failed handler let go. Oldest first."""
        ...

    async def take_over(
        self, key: str, held_by: str | None, worker: str, now: datetime
    ) -> InboxItem | None:
        """Claim a stranded row for `worker` if it is still RECEIVED and held by `held_by`
        (None: by no one). Two callers never both get it."""
        ...

    async def get(self, key: str) -> InboxItem | None: ...

    async def seen(self, key: str) -> bool:
        """Whether any row has this key, whatever its state."""
        ...

    async def forget_before(self, cutoff: datetime) -> int:
        """Delete handled and given-up rows received before `cutoff`."""
        ...
