"""Ballots: their electorate, who has banked their vote, and their reminder plans."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.core.models import (
    WITHDRAWN,
    Ballot,
    BallotKind,
    Broadcast,
    DeliveryState,
    Reminder,
    ReminderState,
)
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo
from bot.storage.sql.queueing import queue_broadcast
from bot.storage.sql.turnout import count_banked, turnout

_BALLOT_FIELDS = (
    "title",
    "opens_at",
    "closes_at",
    "scope_group",
    "turnout_threshold",
    "yes_threshold",
    "packs_arrive_by",
    "join_by",
    "replacement_deadline",
    "posting_days",
    "info_url",
    "cancelled",
    "from_file",
    "withdrawn",
)
_PLANNED = ReminderState.PLANNED.value


def _ballot(row: Any) -> Ballot:
    values = {f: getattr(row, f) for f in _BALLOT_FIELDS}
    return Ballot(
        name=row.name,
        kind=BallotKind(row.kind),
        scope_branches=tuple(row.scope_branches),
        **values,
    )


class SqlBallots(SqlRepo):
    async def upsert(self, ballot: Ballot) -> None:
        values: dict[str, Any] = {f: getattr(ballot, f) for f in _BALLOT_FIELDS}
        values |= {"kind": ballot.kind.value, "scope_branches": list(ballot.scope_branches)}
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(t.ballots).where(t.ballots.c.name == ballot.name).values(**values)
            )
            if not result.rowcount:
                await conn.execute(insert(t.ballots).values(name=ballot.name, **values))

    async def withdraw(self, name: str) -> int | None:
        b, r, d = t.ballots.c, t.reminders.c, t.deliveries.c
        async with self._engine.begin() as conn:
            marked = await conn.execute(
                update(t.ballots)
                .where(b.name == name, b.from_file.is_(True), b.cancelled.is_(False))
                .values(withdrawn=True, cancelled=True)
            )
            if not marked.rowcount:
                return None
            planned = await conn.execute(
                delete(t.reminders).where(r.ballot == name, r.state == _PLANNED)
            )
            fired = select(r.id).where(r.ballot == name)
            of_fired = select(t.broadcasts.c.id).where(t.broadcasts.c.reminder_id.in_(fired))
            await conn.execute(
                update(t.deliveries)
                .where(d.broadcast_id.in_(of_fired), d.state == DeliveryState.PENDING.value)
                .values(state=DeliveryState.CANCELLED.value, reason=WITHDRAWN)
            )
            return int(planned.rowcount)

    async def get(self, name: str) -> Ballot | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(t.ballots).where(t.ballots.c.name == name))).first()
            return None if row is None else _ballot(row)

    async def all(self) -> list[Ballot]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(select(t.ballots).order_by(t.ballots.c.opens_at))
            return [_ballot(r) for r in rows]

    async def set_electorate(self, ballot: str, eligible: Mapping[str, int]) -> None:
        e = t.ballot_electorate.c
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.ballot_electorate).where(e.ballot == ballot))
            rows = [{"ballot": ballot, "branch": b, "eligible": n} for b, n in eligible.items()]
            if rows:
                await conn.execute(insert(t.ballot_electorate), rows)

    async def electorate(self, ballot: str) -> dict[str, int]:
        e = t.ballot_electorate.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(select(e.branch, e.eligible).where(e.ballot == ballot))
            return {str(b): int(n) for b, n in rows}

    async def bank(self, ballot: str, member_id: int, branch: str | None, at: datetime) -> bool:
        values = {"ballot": ballot, "member_id": member_id, "branch": branch, "at": at}
        try:
            async with self._engine.begin() as conn:
                await conn.execute(insert(t.ballot_banked).values(values))
                await count_banked(conn, ballot, branch)
            return True
        except IntegrityError:
            return False  # banked already

    async def banked(self, ballot: str) -> dict[str, int]:
        async with self._engine.connect() as conn:
            return await turnout(conn, ballot)


def _reminder(row: Any) -> Reminder:
    return Reminder(row.id, row.ballot, row.kind, row.fire_at, ReminderState(row.state))


class SqlReminders(SqlRepo):
    async def replace_plan(self, ballot: str, plan: Sequence[tuple[str, datetime]]) -> None:
        r = t.reminders.c
        kinds = [kind for kind, _ in plan]
        async with self._engine.begin() as conn:
            await conn.execute(
                delete(t.reminders).where(
                    r.ballot == ballot, r.state == _PLANNED, r.kind.not_in(kinds)
                )
            )
            query = select(r.kind, r.state).where(r.ballot == ballot)
            existing = {kind: state for kind, state in await conn.execute(query)}
            for kind, fire_at in plan:
                if kind not in existing:
                    await conn.execute(
                        insert(t.reminders).values(
                            ballot=ballot, kind=kind, fire_at=fire_at, state=_PLANNED
                        )
                    )
                elif existing[kind] == _PLANNED:
                    await conn.execute(
                        update(t.reminders)
                        .where(r.ballot == ballot, r.kind == kind)
                        .values(fire_at=fire_at)
                    )

    async def planned(self) -> list[Reminder]:
        r = t.reminders.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.reminders).where(r.state == _PLANNED).order_by(r.fire_at, r.id)
            )
            return [_reminder(row) for row in rows]

    async def due(self, now: datetime) -> list[Reminder]:
        r = t.reminders.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.reminders)
                .where(r.state == _PLANNED, r.fire_at <= now)
                .order_by(r.fire_at, r.id)
            )
            return [_reminder(row) for row in rows]

    async def fire(
        self, batch: Sequence[tuple[Reminder, Broadcast, Sequence[str] | None]]
    ) -> list[tuple[int, int] | None]:
        r = t.reminders.c
        results: list[tuple[int, int] | None] = []
        async with self._engine.begin() as conn:
            for reminder, broadcast, branches in batch:
                marked = await conn.execute(
                    update(t.reminders)
                    .where(r.id == reminder.id, r.state == _PLANNED)
                    .values(state=ReminderState.FIRED.value)
                )
                if not marked.rowcount:
                    results.append(None)
                    continue
                queued = await queue_broadcast(
                    conn,
                    broadcast,
                    branches,
                    skip_banked_for=reminder.ballot,
                    reminder_id=reminder.id,
                )
                results.append(queued)
        return results

    async def next_at(self) -> datetime | None:
        r = t.reminders.c
        async with self._engine.connect() as conn:
            found: datetime | None = await conn.scalar(
                select(func.min(r.fire_at)).where(r.state == _PLANNED)
            )
            return found

    async def for_ballot(self, ballot: str) -> list[Reminder]:
        r = t.reminders.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.reminders).where(r.ballot == ballot).order_by(r.fire_at, r.id)
            )
            return [_reminder(row) for row in rows]

    async def mark(self, reminder_id: int, state: ReminderState) -> bool:
        r = t.reminders.c
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(t.reminders)
                .where(r.id == reminder_id, r.state == _PLANNED)
                .values(state=state.value)
            )
            return bool(result.rowcount)
