"""The dashboard's sign-in links and sessions, in memory."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.core.models import (
    AuditEntry,
    AuditQuery,
    Channel,
    DeliveryCount,
    DeliveryState,
    Person,
    SignIn,
    Subscription,
    SubscriptionState,
)
from bot.storage.memory.data import DashboardLinkRow, DashboardSessionRow, Data, utc_time


class MemoryDashboard:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def add_link(self, token_hash: str, sign_in: SignIn) -> None:
        self._d.dashboard_links[token_hash] = DashboardLinkRow(
            token_hash, sign_in.member_id, sign_in.identity, utc_time(sign_in.expires_at)
        )

    async def use_link(self, token_hash: str, now: datetime) -> SignIn | None:
        row = self._d.dashboard_links.pop(token_hash, None)
        self._d.delete_where("dashboard_links", lambda r: r.expires_at <= now)
        if row is None or row.expires_at <= now:
            return None
        return SignIn(row.member_id, row.identity, row.expires_at)

    async def add_session(self, session_hash: str, sign_in: SignIn, now: datetime) -> None:
        self._d.delete_where("dashboard_sessions", lambda r: r.expires_at <= now)
        self._d.dashboard_sessions[session_hash] = DashboardSessionRow(
            session_hash,
            sign_in.member_id,
            sign_in.identity,
            utc_time(now),
            utc_time(sign_in.expires_at),
        )

    async def session(self, session_hash: str, now: datetime) -> SignIn | None:
        row = self._d.dashboard_sessions.get(session_hash)
        if row is None:
            return None
        if row.expires_at <= now:
            del self._d.dashboard_sessions[session_hash]
            return None
        return SignIn(row.member_id, row.identity, row.expires_at)

    async def end_session(self, session_hash: str) -> None:
        self._d.dashboard_sessions.pop(session_hash, None)

    async def end_sessions(self, member_id: int) -> int:
        return self._d.delete_where("dashboard_sessions", lambda r: r.member_id == member_id)

    async def first_post(self, nonce_hash: str, now: datetime) -> bool:
        self._d.delete_where("dashboard_forms", lambda at: at < now - timedelta(days=2))
        if nonce_hash in self._d.dashboard_forms:
            return False
        self._d.dashboard_forms[nonce_hash] = utc_time(now)
        return True

    async def people(self, branch: str, offset: int, limit: int) -> tuple[list[Person], int]:
        ids = sorted({g.member_id for g in self._d.roles.values() if g.branch == branch})
        people = []
        for member_id in ids[offset : offset + limit]:
            member = self._d.member(member_id)
            if member is not None:
                held = sorted(self._d.roles.items())
                grants = tuple(g for _, g in held if g.member_id == member_id)
                people.append(Person(member, grants))
        return people, len(ids)

    async def waiting(self, branch: str) -> list[tuple[Subscription, Channel]]:
        return [
            (s, self._d.channels[s.channel_id])
            for _, s in sorted(self._d.subscriptions.items())
            if s.branch == branch
            and s.state is SubscriptionState.PENDING
            and s.channel_id in self._d.channels
        ]

    async def progress(self, broadcast_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        found: dict[int, dict[str, int]] = {b: {} for b in broadcast_ids}
        for d in self._d.deliveries.values():
            if d.broadcast_id in found:
                counts = found[d.broadcast_id]
                counts[d.state.value] = counts.get(d.state.value, 0) + 1
        return found

    async def delivery_counts(
        self, broadcast_id: int, topic: str
    ) -> tuple[list[DeliveryCount], list[DeliveryCount]]:
        platforms: Counter[tuple[str, DeliveryState, bool, str | None]] = Counter()
        branches: Counter[tuple[str | None, DeliveryState]] = Counter()
        for d in self._d.deliveries.values():
            if d.broadcast_id != broadcast_id:
                continue
            platforms[(d.platform, d.state, d.ambiguous, d.reason)] += 1
            subs: list[str | None] = [
                s.branch
                for s in self._d.subscriptions.values()
                if s.channel_id == d.channel_id
                and s.topic == topic
                and s.state is SubscriptionState.ACTIVE
            ]
            for branch in subs or [None]:
                branches[(branch, d.state)] += 1
        return (
            [DeliveryCount(p, st, n, amb, why) for (p, st, amb, why), n in platforms.items()],
            [DeliveryCount(b, st, n) for (b, st), n in branches.items()],
        )

    async def audit(self, query: AuditQuery) -> list[AuditEntry]:
        found = []
        for _, entry in sorted(self._d.audit_log.items(), reverse=True):
            if query.action and not entry.action.startswith(query.action):
                continue
            if query.actor and entry.actor != query.actor:
                continue
            if query.since is not None and entry.at < query.since:
                continue
            if query.until is not None and entry.at >= query.until:
                continue
            found.append(entry)
            if len(found) >= query.limit:
                break
        return found
