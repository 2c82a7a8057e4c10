"""Repositories on SQLAlchemy Core. Each method is one short transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Table, and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import RowMapping
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.core.models import (
    AuditEntry,
    Ballot,
    BallotKind,
    Branch,
    Broadcast,
    BroadcastKind,
    BroadcastState,
    Channel,
    ChannelState,
    ChatKind,
    Claimed,
    Delivery,
    DeliveryState,
    Identity,
    Member,
    Outcome,
    Platform,
    Question,
    Reminder,
    ReminderState,
    Role,
    RoleGrant,
    Subscription,
    SubscriptionState,
)
from bot.storage import tables as t


class _Repo:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def _insert_once(self, table: Table, **values: Any) -> bool:
        """Insert one row; False (nothing changed) if a unique key says it is already there."""
        try:
            async with self._engine.begin() as conn:
                await conn.execute(insert(table).values(**values))
            return True
        except IntegrityError:
            return False


async def _member(conn: AsyncConnection, member_id: int) -> Member | None:
    row = (await conn.execute(select(t.members).where(t.members.c.id == member_id))).first()
    if row is None:
        return None
    ids = await conn.execute(
        select(t.identities.c.platform, t.identities.c.user_id)
        .where(t.identities.c.member_id == member_id)
        .order_by(t.identities.c.platform)
    )
    identities = tuple(Identity(Platform(p), u) for p, u in ids)
    return Member(row.id, identities, row.branch)


class SqlMembers(_Repo):
    async def find(self, identity: Identity) -> Member | None:
        async with self._engine.connect() as conn:
            member_id = await conn.scalar(
                select(t.identities.c.member_id).where(
                    t.identities.c.platform == identity.platform.value,
                    t.identities.c.user_id == identity.user_id,
                )
            )
            return None if member_id is None else await _member(conn, member_id)

    async def get(self, member_id: int) -> Member | None:
        async with self._engine.connect() as conn:
            return await _member(conn, member_id)

    async def get_or_create(self, identity: Identity) -> Member:
        found = await self.find(identity)
        if found is not None:
            return found
        try:
            async with self._engine.begin() as conn:
                result = await conn.execute(
                    insert(t.members).values(branch=None, created_at=func.now())
                )
                member_id = result.inserted_primary_key[0]  # type: ignore[index]
                await conn.execute(
                    insert(t.identities).values(
                        platform=identity.platform.value,
                        user_id=identity.user_id,
                        member_id=member_id,
                    )
                )
        except IntegrityError:  # another task created it first
            pass
        found = await self.find(identity)
        assert found is not None
        return found

    async def set_branch(self, member_id: int, branch: str | None) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.members).where(t.members.c.id == member_id).values(branch=branch)
            )

    async def link(self, member_id: int, identity: Identity) -> None:
        async with self._engine.begin() as conn:
            where = and_(
                t.identities.c.platform == identity.platform.value,
                t.identities.c.user_id == identity.user_id,
            )
            await conn.execute(delete(t.identities).where(where))
            await conn.execute(
                insert(t.identities).values(
                    platform=identity.platform.value,
                    user_id=identity.user_id,
                    member_id=member_id,
                )
            )

    async def delete(self, member_id: int) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.identities).where(t.identities.c.member_id == member_id))
            await conn.execute(delete(t.roles).where(t.roles.c.member_id == member_id))
            await conn.execute(delete(t.members).where(t.members.c.id == member_id))


def _grant(row: RowMapping | Any) -> RoleGrant:
    return RoleGrant(row.member_id, Role(row.role), row.branch)


class SqlRoles(_Repo):
    async def grant(self, grant: RoleGrant) -> None:
        try:
            async with self._engine.begin() as conn:
                await conn.execute(
                    insert(t.roles).values(
                        member_id=grant.member_id, role=grant.role.value, branch=grant.branch
                    )
                )
        except IntegrityError:
            pass  # already held

    async def revoke(self, member_id: int, role: Role, branch: str | None = None) -> bool:
        async with self._engine.begin() as conn:
            branch_clause = (
                t.roles.c.branch.is_(None) if branch is None else t.roles.c.branch == branch
            )
            result = await conn.execute(
                delete(t.roles).where(
                    t.roles.c.member_id == member_id, t.roles.c.role == role.value, branch_clause
                )
            )
            return bool(result.rowcount)

    async def for_member(self, member_id: int) -> list[RoleGrant]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.roles).where(t.roles.c.member_id == member_id).order_by(t.roles.c.id)
            )
            return [_grant(r) for r in rows]

    async def holders(self, role: Role, branch: str | None = None) -> list[RoleGrant]:
        query = select(t.roles).where(t.roles.c.role == role.value)
        if branch is not None:
            query = query.where(t.roles.c.branch == branch)
        async with self._engine.connect() as conn:
            return [_grant(r) for r in await conn.execute(query.order_by(t.roles.c.id))]


class SqlBranches(_Repo):
    async def upsert(self, branch: Branch) -> None:
        async with self._engine.begin() as conn:
            values = {"group_name": branch.group, "title": branch.title}
            result = await conn.execute(
                update(t.branches).where(t.branches.c.name == branch.name).values(**values)
            )
            if not result.rowcount:
                await conn.execute(insert(t.branches).values(name=branch.name, **values))

    async def get(self, name: str) -> Branch | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(t.branches).where(t.branches.c.name == name))).first()
            return None if row is None else Branch(row.name, row.group_name, row.title)

    async def all(self) -> list[Branch]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(select(t.branches).order_by(t.branches.c.name))
            return [Branch(r.name, r.group_name, r.title) for r in rows]


def _channel(row: Any) -> Channel:
    return Channel(
        row.id,
        Platform(row.platform),
        row.chat_id,
        ChatKind(row.kind),
        row.title,
        ChannelState(row.state),
        row.member_id,
    )


class SqlChannels(_Repo):
    async def upsert(
        self,
        platform: Platform,
        chat_id: str,
        kind: ChatKind,
        title: str | None = None,
        member_id: int | None = None,
    ) -> Channel:
        found = await self.find(platform, chat_id)
        if found is not None and (found.kind, found.title) == (kind, title or found.title):
            if member_id is not None:
                async with self._engine.begin() as conn:
                    await conn.execute(
                        update(t.channels)
                        .where(t.channels.c.id == found.id)
                        .values(member_id=member_id)
                    )
            return found
        try:
            async with self._engine.begin() as conn:
                if found is None:
                    await conn.execute(
                        insert(t.channels).values(
                            platform=platform.value,
                            chat_id=chat_id,
                            kind=kind.value,
                            title=title,
                            state=ChannelState.ACTIVE.value,
                            member_id=member_id,
                        )
                    )
                else:
                    await conn.execute(
                        update(t.channels)
                        .where(t.channels.c.id == found.id)
                        .values(kind=kind.value, title=title or found.title)
                    )
        except IntegrityError:
            pass
        channel = await self.find(platform, chat_id)
        assert channel is not None
        return channel

    async def get(self, channel_id: int) -> Channel | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(select(t.channels).where(t.channels.c.id == channel_id))
            ).first()
            return None if row is None else _channel(row)

    async def find(self, platform: Platform, chat_id: str) -> Channel | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(
                    select(t.channels).where(
                        t.channels.c.platform == platform.value, t.channels.c.chat_id == chat_id
                    )
                )
            ).first()
            return None if row is None else _channel(row)

    async def set_state(self, channel_id: int, state: ChannelState) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.channels).where(t.channels.c.id == channel_id).values(state=state.value)
            )

    async def migrate(self, channel_id: int, new_chat_id: str) -> int:
        async with self._engine.begin() as conn:
            old = (
                await conn.execute(select(t.channels).where(t.channels.c.id == channel_id))
            ).one()
            target = await conn.scalar(
                select(t.channels.c.id).where(
                    t.channels.c.platform == old.platform, t.channels.c.chat_id == new_chat_id
                )
            )
            if target is None:
                await conn.execute(
                    update(t.channels)
                    .where(t.channels.c.id == channel_id)
                    .values(chat_id=new_chat_id, kind=ChatKind.GROUP.value)
                )
                return channel_id
            have = {
                (r.branch, r.topic)
                for r in await conn.execute(
                    select(t.subscriptions).where(t.subscriptions.c.channel_id == target)
                )
            }
            subs = t.subscriptions.c
            for row in await conn.execute(
                select(t.subscriptions).where(subs.channel_id == channel_id)
            ):
                if (row.branch, row.topic) not in have:
                    await conn.execute(
                        update(t.subscriptions).where(subs.id == row.id).values(channel_id=target)
                    )
            await conn.execute(
                update(t.deliveries)
                .where(t.deliveries.c.channel_id == channel_id)
                .values(channel_id=target)
            )
            if old.title:
                await conn.execute(
                    update(t.channels)
                    .where(t.channels.c.id == target, t.channels.c.title.is_(None))
                    .values(title=old.title)
                )
            await conn.execute(delete(t.channels).where(t.channels.c.id == channel_id))
            return int(target)


def _subscription(row: Any) -> Subscription:
    return Subscription(
        row.id,
        row.channel_id,
        row.branch,
        row.topic,
        SubscriptionState(row.state),
        row.requested_by,
    )


class SqlSubscriptions(_Repo):
    async def add(
        self,
        channel_id: int,
        branch: str,
        topic: str,
        state: SubscriptionState,
        requested_by: int | None = None,
    ) -> Subscription:
        where = (
            t.subscriptions.c.channel_id == channel_id,
            t.subscriptions.c.branch == branch,
            t.subscriptions.c.topic == topic,
        )
        async with self._engine.begin() as conn:
            row = (await conn.execute(select(t.subscriptions).where(*where))).first()
            if row is None:
                await conn.execute(
                    insert(t.subscriptions).values(
                        channel_id=channel_id,
                        branch=branch,
                        topic=topic,
                        state=state.value,
                        requested_by=requested_by,
                    )
                )
            elif row.state != state.value and state is SubscriptionState.ACTIVE:
                await conn.execute(update(t.subscriptions).where(*where).values(state=state.value))
            row = (await conn.execute(select(t.subscriptions).where(*where))).one()
            return _subscription(row)

    async def set_state(self, subscription_id: int, state: SubscriptionState) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.subscriptions)
                .where(t.subscriptions.c.id == subscription_id)
                .values(state=state.value)
            )

    async def get(self, subscription_id: int) -> Subscription | None:
        async with self._engine.connect() as conn:
            row = (
                await conn.execute(
                    select(t.subscriptions).where(t.subscriptions.c.id == subscription_id)
                )
            ).first()
            return None if row is None else _subscription(row)

    async def remove(self, channel_id: int, branch: str | None = None) -> int:
        query = delete(t.subscriptions).where(t.subscriptions.c.channel_id == channel_id)
        if branch is not None:
            query = query.where(t.subscriptions.c.branch == branch)
        async with self._engine.begin() as conn:
            return int((await conn.execute(query)).rowcount)

    async def delete(self, subscription_id: int) -> bool:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                delete(t.subscriptions).where(t.subscriptions.c.id == subscription_id)
            )
            return bool(result.rowcount)

    async def for_channel(self, channel_id: int) -> list[Subscription]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.subscriptions)
                .where(t.subscriptions.c.channel_id == channel_id)
                .order_by(t.subscriptions.c.branch, t.subscriptions.c.topic)
            )
            return [_subscription(r) for r in rows]

    async def audience(self, topic: str, branches: Sequence[str] | None = None) -> list[int]:
        query = (
            select(t.subscriptions.c.channel_id)
            .join(t.channels, t.channels.c.id == t.subscriptions.c.channel_id)
            .where(
                t.subscriptions.c.topic == topic,
                t.subscriptions.c.state == SubscriptionState.ACTIVE.value,
                t.channels.c.state == ChannelState.ACTIVE.value,
            )
            .distinct()
        )
        if branches is not None:
            query = query.where(t.subscriptions.c.branch.in_(list(branches)))
        async with self._engine.connect() as conn:
            return sorted(int(r[0]) for r in await conn.execute(query))


def _broadcast(row: Any) -> Broadcast:
    return Broadcast(
        id=row.id,
        title=row.title,
        body=row.body,
        topic=row.topic,
        template=row.template,
        branches=tuple(row.branches),
        group=row.group_name,
        state=BroadcastState(row.state),
        send_at=row.send_at,
        created_by=row.created_by,
        created_at=row.created_at,
        kind=BroadcastKind(row.kind),
        values=dict(row.template_values),
        buttons=tuple((str(label), str(data)) for label, data in row.buttons),
        reminder_id=row.reminder_id,
    )


def _broadcast_values(broadcast: Broadcast) -> dict[str, Any]:
    return {
        "kind": broadcast.kind.value,
        "title": broadcast.title,
        "body": broadcast.body,
        "topic": broadcast.topic,
        "template": broadcast.template,
        "template_values": dict(broadcast.values),
        "buttons": [list(b) for b in broadcast.buttons],
        "branches": list(broadcast.branches),
        "group_name": broadcast.group,
        "send_at": broadcast.send_at,
        "created_by": broadcast.created_by,
        "created_at": broadcast.created_at,
    }


async def queue_broadcast(
    conn: AsyncConnection,
    broadcast: Broadcast,
    branches: Sequence[str] | None,
    *,
    skip_banked_for: str | None = None,
    reminder_id: int | None = None,
) -> tuple[int, int]:
    """Store a queued broadcast and one delivery per active channel subscribed to its topic
    (in `branches`, or any), inside the caller's transaction. Returns (id, deliveries)."""
    s, c = t.subscriptions.c, t.channels.c
    result = await conn.execute(
        insert(t.broadcasts).values(
            **_broadcast_values(broadcast),
            state=BroadcastState.QUEUED.value,
            reminder_id=reminder_id,
        )
    )
    broadcast_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    audience = (
        select(c.id, c.platform)
        .join(t.subscriptions, s.channel_id == c.id)
        .where(
            s.topic == broadcast.topic,
            s.state == SubscriptionState.ACTIVE.value,
            c.state == ChannelState.ACTIVE.value,
        )
        .distinct()
    )
    if skip_banked_for is not None:
        b = t.ballot_banked.c
        banked = select(b.member_id).where(b.ballot == skip_banked_for, b.member_id == c.member_id)
        audience = audience.where(~banked.exists())
    if branches is not None:
        audience = audience.where(s.branch.in_(list(branches)))
    rows = [
        {
            "broadcast_id": broadcast_id,
            "channel_id": int(cid),
            "platform": str(platform),
            "state": DeliveryState.PENDING.value,
            "attempts": 0,
            "ambiguous": False,
        }
        for cid, platform in await conn.execute(audience)
    ]
    for start in range(0, len(rows), 5000):
        await conn.execute(insert(t.deliveries), rows[start : start + 5000])
    return broadcast_id, len(rows)


class SqlBroadcasts(_Repo):
    async def create(self, broadcast: Broadcast) -> Broadcast:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                insert(t.broadcasts).values(
                    **_broadcast_values(broadcast),
                    state=broadcast.state.value,
                    reminder_id=broadcast.reminder_id,
                )
            )
            new_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        found = await self.get(new_id)
        assert found is not None
        return found

    async def get(self, broadcast_id: int) -> Broadcast | None:
        async with self._engine.connect() as conn:
            query = select(t.broadcasts).where(t.broadcasts.c.id == broadcast_id)
            row = (await conn.execute(query)).first()
            return None if row is None else _broadcast(row)

    async def recent(self, limit: int = 50) -> list[Broadcast]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.broadcasts).order_by(t.broadcasts.c.id.desc()).limit(limit)
            )
            return [_broadcast(r) for r in rows]

    async def set_state(self, broadcast_id: int, state: BroadcastState) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.broadcasts)
                .where(t.broadcasts.c.id == broadcast_id)
                .values(state=state.value)
            )

    async def due(self, now: datetime) -> list[Broadcast]:
        b = t.broadcasts.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.broadcasts)
                .where(b.state == BroadcastState.SCHEDULED.value, b.send_at <= now)
                .order_by(b.send_at, b.id)
            )
            return [_broadcast(r) for r in rows]

    async def scheduled(self) -> list[Broadcast]:
        b = t.broadcasts.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.broadcasts)
                .where(b.state == BroadcastState.SCHEDULED.value)
                .order_by(b.send_at, b.id)
            )
            return [_broadcast(r) for r in rows]

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        b = t.broadcasts.c
        open_states = [BroadcastState.DRAFT.value, BroadcastState.SCHEDULED.value]
        async with self._engine.begin() as conn:
            claimed = await conn.execute(
                update(t.broadcasts)
                .where(b.id == broadcast_id, b.state.in_(open_states))
                .values(state=BroadcastState.QUEUED.value)
            )
            if not claimed.rowcount:
                return 0  # already queued by someone else, or cancelled
            return await _insert_deliveries(conn, broadcast_id, channel_ids)


async def _insert_deliveries(
    conn: AsyncConnection, broadcast_id: int, channel_ids: Sequence[int]
) -> int:
    platforms: dict[int, str] = {}
    ids = list(channel_ids)
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        query = select(t.channels.c.id, t.channels.c.platform).where(t.channels.c.id.in_(chunk))
        platforms.update((int(i), str(p)) for i, p in await conn.execute(query))
    rows = [
        {
            "broadcast_id": broadcast_id,
            "channel_id": cid,
            "platform": platforms[cid],
            "state": DeliveryState.PENDING.value,
            "attempts": 0,
            "ambiguous": False,
        }
        for cid in ids
        if cid in platforms
    ]
    for start in range(0, len(rows), 5000):
        await conn.execute(insert(t.deliveries), rows[start : start + 5000])
    return len(rows)


def _delivery(row: Any) -> Delivery:
    return Delivery(
        id=row.id,
        broadcast_id=row.broadcast_id,
        channel_id=row.channel_id,
        state=DeliveryState(row.state),
        attempts=row.attempts,
        reason=row.reason,
        not_before=row.not_before,
        member_id=row.member_id,
        reminder_id=row.reminder_id,
        ambiguous=bool(row.ambiguous),
    )


_UNSETTLED = (DeliveryState.PENDING.value, DeliveryState.SENDING.value)


class SqlDeliveries(_Repo):
    async def claim(self, platform: Platform, now: datetime, limit: int) -> list[Claimed]:
        d = t.deliveries.c
        async with self._engine.begin() as conn:
            due = or_(d.not_before.is_(None), d.not_before <= now)
            query = (
                select(d.id)
                .where(d.platform == platform.value, d.state == DeliveryState.PENDING.value, due)
                .order_by(d.id)
                .limit(limit)
            )
            if conn.dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            ids = [int(r[0]) for r in await conn.execute(query)]
            if not ids:
                return []
            await conn.execute(
                update(t.deliveries)
                .where(d.id.in_(ids))
                .values(state=DeliveryState.SENDING.value, attempts=d.attempts + 1, updated_at=now)
            )
            c = t.channels.c
            rows = await conn.execute(
                select(
                    t.deliveries,
                    c.chat_id,
                    c.kind.label("chat_kind"),
                    c.title,
                    c.state.label("channel_state"),
                )
                .join(t.channels, c.id == d.channel_id)
                .where(d.id.in_(ids))
                .order_by(d.id)
            )
            return [
                Claimed(
                    _delivery(r),
                    Channel(
                        r.channel_id,
                        platform,
                        r.chat_id,
                        ChatKind(r.chat_kind),
                        r.title,
                        ChannelState(r.channel_state),
                    ),
                )
                for r in rows
            ]

    async def apply(self, outcomes: Sequence[Outcome]) -> None:
        """Outcomes alike (the common case: all SENT) become one UPDATE … WHERE id IN (…)."""
        if not outcomes:
            return
        d = t.deliveries.c
        groups: dict[tuple[Any, ...], list[Outcome]] = {}
        for o in outcomes:
            key = (o.state, o.reason, o.not_before, o.refund_attempt, o.ambiguous)
            groups.setdefault(key, []).append(o)
        async with self._engine.begin() as conn:
            for (state, reason, not_before, refund, ambiguous), alike in groups.items():
                at = max((o.at for o in alike if o.at is not None), default=None)
                values: dict[str, Any] = {"state": state.value, "reason": reason, "updated_at": at}
                if state is DeliveryState.PENDING:
                    values["not_before"] = not_before
                if state is DeliveryState.SENT:
                    values["sent_at"] = at
                if refund:
                    values["attempts"] = d.attempts - 1
                if ambiguous:
                    values["ambiguous"] = True
                ids = [o.delivery_id for o in alike]
                for start in range(0, len(ids), 900):
                    query = update(t.deliveries).where(d.id.in_(ids[start : start + 900]))
                    await conn.execute(query.values(**values))

    async def recover(self) -> int:
        d = t.deliveries.c
        sending = d.state == DeliveryState.SENDING.value
        async with self._engine.begin() as conn:
            twice = await conn.execute(
                update(t.deliveries)
                .where(sending, d.ambiguous.is_(True))
                .values(state=DeliveryState.UNKNOWN.value, reason="in flight at two crashes")
            )
            once = await conn.execute(
                update(t.deliveries)
                .where(sending)
                .values(
                    state=DeliveryState.PENDING.value,
                    ambiguous=True,
                    reason="in flight at a crash",
                    not_before=None,
                )
            )
            return int(twice.rowcount) + int(once.rowcount)

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        async with self._engine.begin() as conn:
            return await _insert_deliveries(conn, broadcast_id, channel_ids)

    async def cancel_pending(self, broadcast_id: int) -> int:
        d = t.deliveries.c
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(t.deliveries)
                .where(d.broadcast_id == broadcast_id, d.state == DeliveryState.PENDING.value)
                .values(state=DeliveryState.CANCELLED.value, reason="cancelled")
            )
            return int(result.rowcount)

    async def for_broadcast(self, broadcast_id: int) -> list[Delivery]:
        d = t.deliveries.c
        async with self._engine.connect() as conn:
            query = select(t.deliveries).where(d.broadcast_id == broadcast_id).order_by(d.id)
            return [_delivery(r) for r in await conn.execute(query)]

    async def unsettled(self, broadcast_id: int) -> int:
        d = t.deliveries.c
        async with self._engine.connect() as conn:
            count = await conn.scalar(
                select(func.count())
                .select_from(t.deliveries)
                .where(d.broadcast_id == broadcast_id, d.state.in_(_UNSETTLED))
            )
            return int(count or 0)

    async def pending_platforms(self) -> set[Platform]:
        d = t.deliveries.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(d.platform).where(d.state == DeliveryState.PENDING.value).distinct()
            )
            return {Platform(r[0]) for r in rows}


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
)


def _ballot(row: Any) -> Ballot:
    values = {f: getattr(row, f) for f in _BALLOT_FIELDS}
    return Ballot(
        name=row.name,
        kind=BallotKind(row.kind),
        scope_branches=tuple(row.scope_branches),
        **values,
    )


class SqlBallots(_Repo):
    async def upsert(self, ballot: Ballot) -> None:
        values: dict[str, Any] = {f: getattr(ballot, f) for f in _BALLOT_FIELDS}
        values |= {"kind": ballot.kind.value, "scope_branches": list(ballot.scope_branches)}
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(t.ballots).where(t.ballots.c.name == ballot.name).values(**values)
            )
            if not result.rowcount:
                await conn.execute(insert(t.ballots).values(name=ballot.name, **values))

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
        return await self._insert_once(
            t.ballot_banked, ballot=ballot, member_id=member_id, branch=branch, at=at
        )

    async def banked(self, ballot: str) -> dict[str, int]:
        b = t.ballot_banked.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(b.branch, func.count()).where(b.ballot == ballot).group_by(b.branch)
            )
            return {str(branch): int(n) for branch, n in rows if branch is not None}


def _reminder(row: Any) -> Reminder:
    return Reminder(row.id, row.ballot, row.kind, row.fire_at, ReminderState(row.state))


class SqlReminders(_Repo):
    async def replace_plan(self, ballot: str, plan: Sequence[tuple[str, datetime]]) -> None:
        kinds = [kind for kind, _ in plan]
        async with self._engine.begin() as conn:
            await conn.execute(
                delete(t.reminders).where(
                    t.reminders.c.ballot == ballot,
                    t.reminders.c.state == ReminderState.PLANNED.value,
                    t.reminders.c.kind.not_in(kinds),
                )
            )
            existing = dict(
                (
                    await conn.execute(
                        select(t.reminders.c.kind, t.reminders.c.state).where(
                            t.reminders.c.ballot == ballot
                        )
                    )
                ).all()
            )
            for kind, fire_at in plan:
                if kind not in existing:
                    await conn.execute(
                        insert(t.reminders).values(
                            ballot=ballot,
                            kind=kind,
                            fire_at=fire_at,
                            state=ReminderState.PLANNED.value,
                        )
                    )
                elif existing[kind] == ReminderState.PLANNED.value:
                    await conn.execute(
                        update(t.reminders)
                        .where(t.reminders.c.ballot == ballot, t.reminders.c.kind == kind)
                        .values(fire_at=fire_at)
                    )

    async def planned(self) -> list[Reminder]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.reminders)
                .where(t.reminders.c.state == ReminderState.PLANNED.value)
                .order_by(t.reminders.c.fire_at, t.reminders.c.id)
            )
            return [_reminder(r) for r in rows]

    async def due(self, now: datetime) -> list[Reminder]:
        r = t.reminders.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.reminders)
                .where(r.state == ReminderState.PLANNED.value, r.fire_at <= now)
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
                    .where(r.id == reminder.id, r.state == ReminderState.PLANNED.value)
                    .values(state=ReminderState.FIRED.value)
                )
                if not marked.rowcount:
                    results.append(None)
                    continue
                results.append(
                    await queue_broadcast(
                        conn,
                        broadcast,
                        branches,
                        skip_banked_for=reminder.ballot,
                        reminder_id=reminder.id,
                    )
                )
        return results

    async def next_at(self) -> datetime | None:
        r = t.reminders.c
        async with self._engine.connect() as conn:
            found = await conn.scalar(
                select(func.min(r.fire_at)).where(r.state == ReminderState.PLANNED.value)
            )
            return found  # type: ignore[no-any-return]

    async def for_ballot(self, ballot: str) -> list[Reminder]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.reminders)
                .where(t.reminders.c.ballot == ballot)
                .order_by(t.reminders.c.fire_at, t.reminders.c.id)
            )
            return [_reminder(r) for r in rows]

    async def mark(self, reminder_id: int, state: ReminderState) -> bool:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(t.reminders)
                .where(
                    t.reminders.c.id == reminder_id,
                    t.reminders.c.state == ReminderState.PLANNED.value,
                )
                .values(state=state.value)
            )
            return bool(result.rowcount)


def _question(row: Any) -> Question:
    asker = Identity(Platform(row.platform), row.user_id) if row.platform and row.user_id else None
    return Question(
        id=int(row.id),
        text=row.text,
        asked_at=row.asked_at,
        asker=asker,
        branch=row.branch,
        answer=row.answer,
        answered_at=row.answered_at,
        faq=bool(row.faq),
    )


class SqlQuestions(_Repo):
    async def add(self, question: Question) -> Question:
        asker = question.asker
        async with self._engine.begin() as conn:
            result = await conn.execute(
                insert(t.questions).values(
                    text=question.text[:2000],
                    asked_at=question.asked_at,
                    platform=asker.platform.value if asker else None,
                    user_id=asker.user_id if asker else None,
                    branch=question.branch,
                    faq=False,
                )
            )
            new_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        found = await self.get(new_id)
        assert found is not None
        return found

    async def get(self, question_id: int) -> Question | None:
        async with self._engine.connect() as conn:
            query = select(t.questions).where(t.questions.c.id == question_id)
            row = (await conn.execute(query)).first()
            return None if row is None else _question(row)

    async def open(self, limit: int = 50) -> list[Question]:
        q = t.questions.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.questions)
                .where(q.answered_at.is_(None))
                .order_by(q.asked_at, q.id)
                .limit(limit)
            )
            return [_question(r) for r in rows]

    async def answer(self, question_id: int, text: str, at: datetime, faq: bool) -> bool:
        q = t.questions.c
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(t.questions)
                .where(q.id == question_id, q.answered_at.is_(None))
                .values(answer=text, answered_at=at, faq=faq, platform=None, user_id=None)
            )
            return bool(result.rowcount)

    async def faq(self) -> list[Question]:
        q = t.questions.c
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.questions).where(q.faq.is_(True), q.answer.is_not(None)).order_by(q.id)
            )
            return [_question(r) for r in rows]


class SqlAudit(_Repo):
    async def record(self, entry: AuditEntry) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(
                insert(t.audit_log).values(
                    at=entry.at,
                    actor=entry.actor,
                    action=entry.action,
                    outcome=entry.outcome,
                    detail=dict(entry.detail),
                )
            )

    async def recent(self, limit: int = 100) -> list[AuditEntry]:
        async with self._engine.connect() as conn:
            rows = await conn.execute(
                select(t.audit_log).order_by(t.audit_log.c.id.desc()).limit(limit)
            )
            return [AuditEntry(r.at, r.actor, r.action, r.outcome, dict(r.detail)) for r in rows]


class SqlInbox(_Repo):
    async def seen(self, key: str) -> bool:
        async with self._engine.connect() as conn:
            return (
                await conn.scalar(select(t.inbox.c.key).where(t.inbox.c.key == key[:128]))
            ) is not None

    async def record(self, key: str, at: datetime) -> bool:
        return await self._insert_once(t.inbox, key=key[:128], at=at)

    async def forget_before(self, cutoff: datetime) -> int:
        async with self._engine.begin() as conn:
            return int((await conn.execute(delete(t.inbox).where(t.inbox.c.at < cutoff))).rowcount)


class SqlStore:
    """Every repository on one engine."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.members = SqlMembers(engine)
        self.roles = SqlRoles(engine)
        self.branches = SqlBranches(engine)
        self.channels = SqlChannels(engine)
        self.subscriptions = SqlSubscriptions(engine)
        self.broadcasts = SqlBroadcasts(engine)
        self.deliveries = SqlDeliveries(engine)
        self.ballots = SqlBallots(engine)
        self.reminders = SqlReminders(engine)
        self.audit = SqlAudit(engine)
        self.inbox = SqlInbox(engine)
        self.questions = SqlQuestions(engine)
        from bot.storage import sql_actions as actions  # they build on this module

        self.petitions = actions.SqlPetitions(engine)
        self.reports = actions.SqlReports(engine)
        self.consultations = actions.SqlConsultations(engine)
        self.timers = actions.SqlTimers(engine)
        self.privacy = actions.SqlPrivacy(engine)
