"""The inbox in memory: the same contract as bot/storage/sql/inbox.py."""

from __future__ import annotations

import copy
from collections.abc import Collection
from dataclasses import replace
from datetime import datetime

from bot.core.models import InboxItem, InboxState
from bot.storage.memory.data import Data, utc, utc_time

KEY_WIDTH = 128


class MemoryInbox:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def receive(self, item: InboxItem, worker: str) -> bool:
        key = item.key[:KEY_WIDTH]
        if key in self._d.inbox:
            return False
        self._d.inbox[key] = utc(
            replace(
                item,
                key=key,
                payload=copy.deepcopy(item.payload),
                state=InboxState.RECEIVED,
                claimed_by=worker,
                claimed_at=item.received_at,
                handled_at=None,
                attempts=0,
            )
        )
        return True

    async def claim(self, key: str, worker: str, now: datetime) -> InboxItem | None:
        row = self._d.inbox.get(key[:KEY_WIDTH])
        if row is None or row.state is not InboxState.RECEIVED or row.claimed_by is not None:
            return None
        row = replace(row, claimed_by=worker, claimed_at=utc_time(now))
        self._d.inbox[row.key] = row
        return row

    async def finish(self, key: str, state: InboxState, now: datetime) -> None:
        row = self._d.inbox.get(key[:KEY_WIDTH])
        if row is not None:
            self._d.inbox[row.key] = replace(
                row,
                state=state,
                payload=None,
                claimed_by=None,
                claimed_at=None,
                handled_at=utc_time(now),
            )

    async def release(self, key: str, now: datetime) -> int:
        row = self._d.inbox.get(key[:KEY_WIDTH])
        if row is None:
            return 0
        if row.state is InboxState.RECEIVED:
            row = replace(row, claimed_by=None, claimed_at=None, attempts=row.attempts + 1)
            self._d.inbox[row.key] = row
        return row.attempts

    async def stranded(
        self, live: Collection[str], before: datetime, limit: int
    ) -> list[InboxItem]:
        found = [
            row
            for row in self._d.inbox.values()
            if row.state is InboxState.RECEIVED
            and row.received_at < before
            and (row.claimed_by is None or row.claimed_by not in live)
        ]
        return sorted(found, key=lambda row: row.received_at)[:limit]

    async def take_over(
        self, key: str, held_by: str | None, worker: str, now: datetime
    ) -> InboxItem | None:
        row = self._d.inbox.get(key[:KEY_WIDTH])
        if row is None or row.state is not InboxState.RECEIVED or row.claimed_by != held_by:
            return None
        row = replace(row, claimed_by=worker, claimed_at=utc_time(now))
        self._d.inbox[row.key] = row
        return row

    async def get(self, key: str) -> InboxItem | None:
        return self._d.inbox.get(key[:KEY_WIDTH])

    async def seen(self, key: str) -> bool:
        return key[:KEY_WIDTH] in self._d.inbox

    async def forget_before(self, cutoff: datetime) -> int:
        old = [
            k
            for k, row in self._d.inbox.items()
            if row.received_at < cutoff and row.state is not InboxState.RECEIVED
        ]
        for key in old:
            del self._d.inbox[key]
        return len(old)
