"""Members' data: one-time link codes, merging two members after /link, everything held
about a member (/mydata), erasing it (/forget), and retention of delivery links."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import String, and_, cast, delete, false, func, insert, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.models import ChatKind, DeliveryState, SubscriptionState
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo

SETTLED = [s.value for s in DeliveryState if s.settled]

# Tables whose member column keeps the row (as an anonymous count) when a member is erased,
# and tables whose rows follow a member to another on /link.
_ANONYMISED = (
    (t.petition_signatures, "member_id"),
    (t.consultation_votes, "member_id"),
    (t.report_acks, "member_id"),
    (t.consultations, "created_by"),
    (t.broadcasts, "created_by"),
)


def _scrub(value: object, needles: Sequence[str], pseudonym: str) -> object:
    if isinstance(value, str):
        for needle in needles:
            value = value.replace(needle, pseudonym)
        return value
    if isinstance(value, list):
        return [_scrub(v, needles, pseudonym) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, needles, pseudonym) for k, v in value.items()}
    return value


def _mentions(column: Any, needles: Sequence[str]) -> Any:
    """Rows whose JSON or text column contains any of the needles (portable: cast to text)."""
    return or_(*(cast(column, String).contains(n, autoescape=True) for n in needles))


class SqlPrivacy(SqlRepo):
    async def issue_code(self, member_id: int, code_hash: str, expires_at: datetime) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.link_codes).where(t.link_codes.c.member_id == member_id))
            await conn.execute(
                insert(t.link_codes).values(
                    code_hash=code_hash, member_id=member_id, expires_at=expires_at
                )
            )

    async def redeem_code(self, code_hash: str, now: datetime) -> int | None:
        c = t.link_codes.c
        async with self._engine.begin() as conn:
            row = (
                await conn.execute(
                    select(c.member_id, c.expires_at).where(c.code_hash == code_hash)
                )
            ).first()
            await conn.execute(delete(t.link_codes).where(c.code_hash == code_hash))
            await conn.execute(delete(t.link_codes).where(c.expires_at <= now))
            if row is None or row.expires_at <= now:
                return None
            return int(row.member_id)

    async def merge(self, from_member: int, into_member: int) -> None:
        if from_member == into_member:
            return
        async with self._engine.begin() as conn:
            await conn.execute(
                update(t.identities)
                .where(t.identities.c.member_id == from_member)
                .values(member_id=into_member)
            )
            # Rows with one per member: keep the target's where both have one.
            for table, key in (
                (t.roles, ("role", "branch")),
                (t.ballot_banked, ("ballot",)),
                (t.petition_signatures, ("petition",)),
                (t.consultation_votes, ("consultation",)),
            ):
                target = {
                    tuple(row)
                    for row in await conn.execute(
                        select(*(table.c[k] for k in key)).where(table.c.member_id == into_member)
                    )
                }
                for row in (
                    await conn.execute(select(table).where(table.c.member_id == from_member))
                ).mappings():
                    where = and_(
                        table.c.member_id == from_member, *(table.c[k] == row[k] for k in key)
                    )
                    if tuple(row[k] for k in key) in target:
                        await conn.execute(delete(table).where(where))
                    else:
                        await conn.execute(update(table).where(where).values(member_id=into_member))
            for table, column in (
                (t.report_acks, "member_id"),
                (t.deliveries, "member_id"),
                (t.channels, "member_id"),
                (t.subscriptions, "requested_by"),
                (t.consultations, "created_by"),
                (t.broadcasts, "created_by"),
            ):
                await conn.execute(
                    update(table)
                    .where(table.c[column] == from_member)
                    .values({column: into_member})
                )
            await conn.execute(delete(t.link_codes).where(t.link_codes.c.member_id == from_member))
            old_branch = await conn.scalar(
                select(t.members.c.branch).where(t.members.c.id == from_member)
            )
            if old_branch is not None:
                await conn.execute(
                    update(t.members)
                    .where(t.members.c.id == into_member, t.members.c.branch.is_(None))
                    .values(branch=old_branch)
                )
            await conn.execute(delete(t.members).where(t.members.c.id == from_member))

    async def _dm_channels(self, conn: AsyncConnection, member_id: int) -> list[int]:
        c, i = t.channels.c, t.identities.c
        own = select(i.platform, i.user_id).where(i.member_id == member_id)
        mine = [tuple(r) for r in await conn.execute(own)]
        clauses = [c.member_id == member_id]
        clauses += [
            and_(c.kind == ChatKind.DM.value, c.platform == p, c.chat_id == u) for p, u in mine
        ]
        return [int(r[0]) for r in await conn.execute(select(c.id).where(or_(*clauses)))]

    async def export(self, member_id: int) -> dict[str, object]:
        async with self._engine.connect() as conn:
            member = (
                await conn.execute(select(t.members).where(t.members.c.id == member_id))
            ).first()
            if member is None:
                return {}
            ids = sorted(
                [
                    f"{p}:{u}"
                    for p, u in await conn.execute(
                        select(t.identities.c.platform, t.identities.c.user_id).where(
                            t.identities.c.member_id == member_id
                        )
                    )
                ]
            )
            dms = await self._dm_channels(conn, member_id)

            async def rows(query: Any) -> list[dict[str, object]]:
                return [
                    {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in r.items()}
                    for r in (await conn.execute(query)).mappings()
                ]

            c, s, d = t.channels.c, t.subscriptions.c, t.deliveries.c
            v, q = t.consultation_votes.c, t.questions.c
            identity_pairs = [tuple(x.split(":", 1)) for x in ids]
            return {
                "member": {
                    "id": member.id,
                    "branch": member.branch,
                    "first_seen": member.created_at.isoformat(),
                },
                "identities": ids,
                "roles": await rows(
                    select(t.roles.c.role, t.roles.c.branch).where(t.roles.c.member_id == member_id)
                ),
                "direct_message_chats": await rows(
                    select(c.platform, c.kind, c.state).where(c.id.in_(dms))
                ),
                "subscriptions_you_asked_for": await rows(
                    select(s.branch, s.topic, s.state).where(
                        or_(s.requested_by == member_id, s.channel_id.in_(dms))
                    )
                ),
                "messages_to_you": await rows(
                    select(d.state, func.count().label("count"))
                    .where(or_(d.member_id == member_id, d.channel_id.in_(dms)))
                    .group_by(d.state)
                ),
                "ballots_you_said_you_voted_in": await rows(
                    select(t.ballot_banked.c.ballot, t.ballot_banked.c.at).where(
                        t.ballot_banked.c.member_id == member_id
                    )
                ),
                "petitions_you_signed": await rows(
                    select(t.petition_signatures.c.petition).where(
                        t.petition_signatures.c.member_id == member_id
                    )
                ),
                "consultation_votes": await rows(
                    select(
                        t.consultations.c.id.label("consultation"),
                        t.consultations.c.question,
                        v.choice,
                    )
                    .join(t.consultations, t.consultations.c.id == v.consultation)
                    .where(v.member_id == member_id)
                ),
                "reports_your_branch_noted": await rows(
                    select(
                        t.report_acks.c.report, t.report_acks.c.branch, t.report_acks.c.at
                    ).where(t.report_acks.c.member_id == member_id)
                ),
                "questions_waiting": await rows(
                    select(q.id, q.text, q.asked_at).where(
                        or_(
                            *(and_(q.platform == p, q.user_id == u) for p, u in identity_pairs),
                            false(),
                        )
                    )
                ),
                "link_codes_waiting": await rows(
                    select(t.link_codes.c.expires_at).where(t.link_codes.c.member_id == member_id)
                ),
                "audit_entries": await rows(
                    select(t.audit_log.c.at, t.audit_log.c.action, t.audit_log.c.outcome)
                    .where(t.audit_log.c.actor.in_(ids))
                    .order_by(t.audit_log.c.id)
                ),
            }

    async def forget(
        self, member_id: int, identities: Sequence[str], pseudonym: str
    ) -> dict[str, int]:
        touched: dict[str, int] = {}

        def count(table: str, n: int) -> None:
            if n:
                touched[table] = touched.get(table, 0) + n

        needles = sorted(
            {*identities, *(i.split(":", 1)[1] for i in identities if ":" in i)},
            key=len,
            reverse=True,
        )
        async with self._engine.begin() as conn:
            dms = await self._dm_channels(conn, member_id)
            d, s = t.deliveries.c, t.subscriptions.c
            if dms:
                count(
                    "deliveries",
                    (
                        await conn.execute(delete(t.deliveries).where(d.channel_id.in_(dms)))
                    ).rowcount,
                )
                count(
                    "subscriptions",
                    (
                        await conn.execute(delete(t.subscriptions).where(s.channel_id.in_(dms)))
                    ).rowcount,
                )
                count(
                    "channels",
                    (
                        await conn.execute(delete(t.channels).where(t.channels.c.id.in_(dms)))
                    ).rowcount,
                )
            count(
                "deliveries",
                (
                    await conn.execute(
                        delete(t.deliveries).where(
                            d.member_id == member_id, d.state.not_in(SETTLED)
                        )
                    )
                ).rowcount,
            )
            count(
                "deliveries",
                (
                    await conn.execute(
                        update(t.deliveries).where(d.member_id == member_id).values(member_id=None)
                    )
                ).rowcount,
            )
            count(
                "subscriptions",
                (
                    await conn.execute(
                        delete(t.subscriptions).where(
                            s.requested_by == member_id,
                            s.state == SubscriptionState.PENDING.value,
                        )
                    )
                ).rowcount,
            )
            count(
                "subscriptions",
                (
                    await conn.execute(
                        update(t.subscriptions)
                        .where(s.requested_by == member_id)
                        .values(requested_by=None)
                    )
                ).rowcount,
            )
            for table, column in _ANONYMISED:
                result = await conn.execute(
                    update(table).where(table.c[column] == member_id).values({column: None})
                )
                count(table.name, result.rowcount)
            for table in (t.ballot_banked, t.link_codes, t.roles):
                result = await conn.execute(delete(table).where(table.c.member_id == member_id))
                count(table.name, result.rowcount)
            q = t.questions.c
            pairs = [tuple(i.split(":", 1)) for i in identities if ":" in i]
            if pairs:
                result = await conn.execute(
                    delete(t.questions).where(
                        or_(*(and_(q.platform == p, q.user_id == u) for p, u in pairs))
                    )
                )
                count("questions", result.rowcount)
            if needles:
                a = t.audit_log.c
                for row in await conn.execute(
                    select(a.id, a.actor, a.detail).where(
                        or_(a.actor.in_(list(identities)), _mentions(a.detail, needles))
                    )
                ):
                    await conn.execute(
                        update(t.audit_log)
                        .where(a.id == row.id)
                        .values(
                            actor=pseudonym if row.actor in identities else row.actor,
                            detail=_scrub(dict(row.detail), needles, pseudonym),
                        )
                    )
                    count("audit_log", 1)
                b = t.broadcasts.c
                for row in await conn.execute(
                    select(b.id, b.template_values, b.title).where(
                        or_(_mentions(b.template_values, needles), _mentions(b.title, needles))
                    )
                ):
                    await conn.execute(
                        update(t.broadcasts)
                        .where(b.id == row.id)
                        .values(
                            template_values=_scrub(dict(row.template_values), needles, pseudonym),
                            title=_scrub(row.title, needles, pseudonym),
                        )
                    )
                    count("broadcasts", 1)
            count(
                "identities",
                (
                    await conn.execute(
                        delete(t.identities).where(t.identities.c.member_id == member_id)
                    )
                ).rowcount,
            )
            count(
                "members",
                (await conn.execute(delete(t.members).where(t.members.c.id == member_id))).rowcount,
            )
        return touched

    async def expire_delivery_links(self, cutoff: datetime) -> int:
        d = t.deliveries.c
        async with self._engine.begin() as conn:
            result = await conn.execute(
                update(t.deliveries)
                .where(
                    d.member_id.is_not(None),
                    d.state.in_(SETTLED),
                    func.coalesce(d.updated_at, d.sent_at) < cutoff,
                )
                .values(member_id=None)
            )
            return int(result.rowcount)
