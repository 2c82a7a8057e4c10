"""Campaign actions: petition signatures, meeting reports and their acknowledgements,
consultations and their votes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.models import (
    REPORT_TEMPLATE,
    Broadcast,
    Consultation,
    ConsultationState,
    SubscriptionState,
    Tally,
    Timer,
    TimerKind,
)
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo, inserted_id
from bot.storage.sql.queueing import queue_broadcast
from bot.storage.sql.timers import add_timer


class SqlPetitions(SqlRepo):
    async def sign(self, petition: str, member_id: int, branch: str | None) -> bool:
        return await self._insert_once(
            t.petition_signatures, petition=petition, member_id=member_id, branch=branch
        )

    async def has_signed(self, petition: str, member_id: int) -> bool:
        p = t.petition_signatures.c
        async with self._engine.connect() as conn:
            found = await conn.scalar(
                select(p.id).where(p.petition == petition, p.member_id == member_id)
            )
            return found is not None

    async def counts(self, petition: str) -> dict[str | None, int]:
        p = t.petition_signatures.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(p.branch, func.count()).where(p.petition == petition).group_by(p.branch)
            )
            return {branch: int(n) for branch, n in rows}


class SqlReports(SqlRepo):
    async def publish(
        self,
        report: str,
        broadcast: Broadcast,
        branches: Sequence[str] | None,
        timers: Sequence[Timer],
        at: datetime,
    ) -> tuple[int, int] | None:
        r = t.report_publications.c
        try:
            async with self._engine.begin() as conn:
                await conn.execute(
                    insert(t.report_publications).values(report=report, published_at=at)
                )
                queued = await queue_broadcast(conn, broadcast, branches)
                await conn.execute(
                    update(t.report_publications)
                    .where(r.report == report)
                    .values(
                        broadcast_id=queued[0],
                        branches=await _reached(conn, broadcast.topic, queued[0]),
                    )
                )
                for timer in timers:
                    await add_timer(conn, timer)
                return queued
        except IntegrityError:  # published already
            return None

    async def send_more(
        self, report: str, broadcast: Broadcast, branches: Sequence[str], skip: Sequence[int] = ()
    ) -> tuple[int, int]:
        r = t.report_publications.c
        async with self._engine.begin() as conn:
            queued = await queue_broadcast(conn, broadcast, branches, skip=skip)
            before = await conn.scalar(select(r.branches).where(r.report == report))
            reached = set(await _reached(conn, broadcast.topic, queued[0]))
            if skip:  # their channels had it already: the branch has it too
                sub = t.subscriptions.c
                reached |= set(
                    await conn.scalars(
                        select(sub.branch).where(
                            sub.channel_id.in_(list(skip)),
                            sub.topic == broadcast.topic,
                            sub.state == SubscriptionState.ACTIVE.value,
                        )
                    )
                )
            now = sorted(set(before or ()) | reached & set(branches))
            await conn.execute(
                update(t.report_publications).where(r.report == report).values(branches=now)
            )
            return queued

    async def had_it(self, report: str, topic: str) -> frozenset[int]:
        b, d = t.broadcasts.c, t.deliveries.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(b.id, b.template_values).where(
                    b.template == REPORT_TEMPLATE, b.topic == topic
                )
            )  # a report's few broadcasts: its id is read from their values here
            ids = [int(i) for i, values in rows if (values or {}).get("id") == report]
            if not ids:
                return frozenset()
            found = await conn.scalars(
                select(d.channel_id).distinct().where(d.broadcast_id.in_(ids))
            )
            return frozenset(int(c) for c in found)

    async def sent_to(self, report: str) -> frozenset[str]:
        r = t.report_publications.c
        async with self._engine.connect() as conn:
            found = await conn.scalar(select(r.branches).where(r.report == report))
            return frozenset(found or ())

    async def published(self, report: str) -> datetime | None:
        r = t.report_publications.c
        async with self._engine.connect() as conn:
            found: datetime | None = await conn.scalar(
                select(r.published_at).where(r.report == report)
            )
            return found

    async def note(self, report: str, branch: str, member_id: int, at: datetime) -> bool:
        return await self._insert_once(
            t.report_acks, report=report, branch=branch, member_id=member_id, at=at
        )

    async def noted(self, report: str) -> dict[str, datetime]:
        a = t.report_acks.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(select(a.branch, a.at).where(a.report == report))
            return {branch: at for branch, at in rows}

    async def noted_by(self, report: str) -> dict[str, int | None]:
        a = t.report_acks.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(select(a.branch, a.member_id).where(a.report == report))
            return {branch: None if by is None else int(by) for branch, by in rows}


async def _reached(conn: AsyncConnection, topic: str, broadcast_id: int) -> list[str]:
    """The branches whose subscriptions to `topic` brought a channel a delivery of the
    broadcast."""
    s, d = t.subscriptions.c, t.deliveries.c
    rows = await conn.scalars(
        select(s.branch)
        .distinct()
        .join(t.deliveries, d.channel_id == s.channel_id)
        .where(
            d.broadcast_id == broadcast_id,
            s.topic == topic,
            s.state == SubscriptionState.ACTIVE.value,
        )
    )
    return sorted(rows)


def _consultation(row: Any) -> Consultation:
    return Consultation(
        id=int(row.id),
        question=row.question,
        options=tuple(str(o) for o in row.options),
        topic=row.topic,
        opens_at=row.opens_at,
        closes_at=row.closes_at,
        branches=tuple(row.branches),
        state=ConsultationState(row.state),
        created_by=row.created_by,
        results=dict(row.results) if row.results is not None else None,
    )


class SqlConsultations(SqlRepo):
    async def open(self, consultation: Consultation) -> Consultation:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                insert(t.consultations).values(
                    question=consultation.question,
                    options=list(consultation.options),
                    topic=consultation.topic,
                    branches=list(consultation.branches),
                    opens_at=consultation.opens_at,
                    closes_at=consultation.closes_at,
                    state=ConsultationState.OPEN.value,
                    created_by=consultation.created_by,
                )
            )
            new_id = inserted_id(result)
            close = Timer(0, TimerKind.CONSULTATION_CLOSE, str(new_id), consultation.closes_at)
            await add_timer(conn, close)
        found = await self.get(new_id)
        assert found is not None
        return found

    async def get(self, consultation_id: int) -> Consultation | None:
        async with self._engine.connect() as conn:
            query = select(t.consultations).where(t.consultations.c.id == consultation_id)
            row = (await conn.execute(query)).first()
            return None if row is None else _consultation(row)

    async def all(self) -> list[Consultation]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(select(t.consultations).order_by(t.consultations.c.id))
            return [_consultation(r) for r in rows]

    async def vote(
        self, consultation_id: int, member_id: int, branch: str | None, choice: int
    ) -> bool:
        return await self._insert_once(
            t.consultation_votes,
            consultation=consultation_id,
            member_id=member_id,
            branch=branch,
            choice=choice,
        )

    async def choice_of(self, consultation_id: int, member_id: int) -> int | None:
        v = t.consultation_votes.c
        async with self._engine.connect() as conn:
            found = await conn.scalar(
                select(v.choice).where(v.consultation == consultation_id, v.member_id == member_id)
            )
            return None if found is None else int(found)

    async def tally(self, consultation_id: int) -> list[Tally]:
        v = t.consultation_votes.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(v.branch, v.choice, func.count())
                .where(v.consultation == consultation_id)
                .group_by(v.branch, v.choice)
            )
            return [Tally(branch, int(choice), int(n)) for branch, choice, n in rows]
