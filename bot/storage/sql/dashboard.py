"""The dashboard's sign-in links and sessions (hashes only)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import delete, distinct, func, insert, select

from bot.core.models import (
    AuditEntry,
    AuditQuery,
    Channel,
    ChannelState,
    ChatKind,
    DeliveryCount,
    DeliveryState,
    Identity,
    Member,
    Person,
    Platform,
    Role,
    RoleGrant,
    SignIn,
    Subscription,
    SubscriptionState,
)
from bot.storage import tables as t
from bot.storage.sql.audit import entry_of
from bot.storage.sql.base import SqlRepo

FORMS_KEPT = timedelta(days=2)


class SqlDashboard(SqlRepo):
    async def add_link(self, token_hash: str, sign_in: SignIn) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                insert(t.dashboard_links).values(
                    token_hash=token_hash,
                    member_id=sign_in.member_id,
                    identity=sign_in.identity,
                    expires_at=sign_in.expires_at,
                )
            )

    async def use_link(self, token_hash: str, now: datetime) -> SignIn | None:
        c = t.dashboard_links.c
        async with self._engine.begin() as conn:
            row = (
                await conn.execute(select(t.dashboard_links).where(c.token_hash == token_hash))
            ).first()
            await conn.execute(delete(t.dashboard_links).where(c.token_hash == token_hash))
            await conn.execute(delete(t.dashboard_links).where(c.expires_at <= now))
            if row is None or row.expires_at <= now:
                return None
            return SignIn(int(row.member_id), row.identity, row.expires_at)

    async def add_session(self, session_hash: str, sign_in: SignIn, now: datetime) -> None:
        c = t.dashboard_sessions.c
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.dashboard_sessions).where(c.expires_at <= now))
            await conn.execute(
                insert(t.dashboard_sessions).values(
                    session_hash=session_hash,
                    member_id=sign_in.member_id,
                    identity=sign_in.identity,
                    created_at=now,
                    expires_at=sign_in.expires_at,
                )
            )

    async def session(self, session_hash: str, now: datetime) -> SignIn | None:
        c = t.dashboard_sessions.c
        async with self._engine.connect() as conn:
            query = select(c.member_id, c.identity, c.expires_at).where(
                c.session_hash == session_hash
            )
            row = (await conn.execute(query)).first()
        if row is None:
            return None
        if row.expires_at <= now:
            await self.end_session(session_hash)
            return None
        return SignIn(int(row.member_id), row.identity, row.expires_at)

    async def end_session(self, session_hash: str) -> None:
        c = t.dashboard_sessions.c
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.dashboard_sessions).where(c.session_hash == session_hash))

    async def end_sessions(self, member_id: int) -> int:
        c = t.dashboard_sessions.c
        async with self._engine.begin() as conn:
            result = await conn.execute(
                delete(t.dashboard_sessions).where(c.member_id == member_id)
            )
            return int(result.rowcount)

    async def first_post(self, nonce_hash: str, now: datetime) -> bool:
        c = t.dashboard_forms.c
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.dashboard_forms).where(c.at < now - FORMS_KEPT))
        return await self._insert_once(t.dashboard_forms, nonce_hash=nonce_hash, at=now)

    async def people(self, branch: str, offset: int, limit: int) -> tuple[list[Person], int]:
        r, i, m = t.roles.c, t.identities.c, t.members.c
        async with self._engine.connect() as conn:
            ids_query = (
                select(r.member_id).where(r.branch == branch).distinct().order_by(r.member_id)
            )
            ids = [int(x) for x in await conn.scalars(ids_query.offset(offset).limit(limit))]
            total = await conn.scalar(
                select(func.count(distinct(r.member_id))).where(r.branch == branch)
            )
            branches = dict(
                (row.id, row.branch)
                for row in await conn.execute(select(m.id, m.branch).where(m.id.in_(ids)))
            )
            accounts: defaultdict[int, list[Identity]] = defaultdict(list)
            query = select(i.member_id, i.platform, i.user_id).where(i.member_id.in_(ids))
            for row in await conn.execute(query.order_by(i.platform)):
                accounts[row.member_id].append(Identity(Platform(row.platform), row.user_id))
            grants: defaultdict[int, list[RoleGrant]] = defaultdict(list)
            query = select(r.member_id, r.role, r.branch).where(r.member_id.in_(ids))
            for row in await conn.execute(query.order_by(r.id)):
                grants[row.member_id].append(RoleGrant(row.member_id, Role(row.role), row.branch))
        people = [
            Person(Member(x, tuple(accounts[x]), branches.get(x)), tuple(grants[x])) for x in ids
        ]
        return people, int(total or 0)

    async def waiting(self, branch: str) -> list[tuple[Subscription, Channel]]:
        s, c = t.subscriptions.c, t.channels.c
        query = (
            select(t.subscriptions, c.platform, c.chat_id, c.kind, c.title, c.state.label("cs"))
            .join(t.channels, c.id == s.channel_id)
            .where(s.branch == branch, s.state == SubscriptionState.PENDING.value)
            .order_by(s.id)
        )
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [
            (
                Subscription(
                    r.id,
                    r.channel_id,
                    r.branch,
                    r.topic,
                    SubscriptionState(r.state),
                    r.requested_by,
                ),
                Channel(
                    r.channel_id,
                    Platform(r.platform),
                    r.chat_id,
                    ChatKind(r.kind),
                    r.title,
                    ChannelState(r.cs),
                ),
            )
            for r in rows
        ]

    async def progress(self, broadcast_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        d = t.deliveries.c
        found: dict[int, dict[str, int]] = {b: {} for b in broadcast_ids}
        async with self._engine.connect() as conn:
            query = (
                select(d.broadcast_id, d.state, func.count())
                .where(d.broadcast_id.in_(list(broadcast_ids)))
                .group_by(d.broadcast_id, d.state)
            )
            for broadcast_id, state, count in await conn.execute(query):
                found[int(broadcast_id)][state] = int(count)
        return found

    async def delivery_counts(
        self, broadcast_id: int, topic: str
    ) -> tuple[list[DeliveryCount], list[DeliveryCount]]:
        d, s = t.deliveries.c, t.subscriptions.c
        mine = d.broadcast_id == broadcast_id
        # Every count reads the covering index ix_deliveries_broadcast_state; only failed and
        # skipped rows are read for their reasons.
        keys = (d.platform, d.state, d.ambiguous)
        why = d.state.in_(("failed", "skipped"))
        per_platform = select(*keys, func.count()).where(mine, ~why).group_by(*keys)
        failed = select(*keys, d.reason, func.count()).where(mine, why).group_by(*keys, d.reason)
        sent = select(d.channel_id, d.state, func.count().label("n")).where(mine)
        sent_per_channel = sent.group_by(d.channel_id, d.state).subquery()
        # coalesce() keeps SQLite from choosing the topic index for this join (it would scan
        # every subscription to the topic once per channel); the channel's own index is used.
        heard = (
            (s.channel_id == sent_per_channel.c.channel_id)
            & (func.coalesce(s.topic, "") == topic)
            & (func.coalesce(s.state, "") == "active")
        )
        per_branch = (
            select(s.branch, sent_per_channel.c.state, func.sum(sent_per_channel.c.n))
            .select_from(sent_per_channel.outerjoin(t.subscriptions, heard))
            .group_by(s.branch, sent_per_channel.c.state)
        )
        async with self._engine.connect() as conn:
            platforms = [
                DeliveryCount(p, DeliveryState(st), int(n), bool(amb))
                for p, st, amb, n in await conn.execute(per_platform)
            ]
            platforms += [
                DeliveryCount(p, DeliveryState(st), int(n), bool(amb), reason)
                for p, st, amb, reason, n in await conn.execute(failed)
            ]
            branches = [
                DeliveryCount(b, DeliveryState(st), int(n))
                for b, st, n in await conn.execute(per_branch)
            ]
        return platforms, branches

    async def audit(self, query: AuditQuery) -> list[AuditEntry]:
        c = t.audit_log.c
        found = select(t.audit_log).order_by(c.id.desc()).limit(query.limit)
        if query.action:
            found = found.where(c.action.startswith(query.action, autoescape=True))
        if query.actor:
            found = found.where(c.actor == query.actor)
        if query.since is not None:
            found = found.where(c.at >= query.since)
        if query.until is not None:
            found = found.where(c.at < query.until)
        async with self._engine.connect() as conn:
            rows = await conn.execute(found)
            return [entry_of(r) for r in rows]
