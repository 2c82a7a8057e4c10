"""Members' data: one-time link codes, merging two members after /link, everything held
about a member (/mydata), erasing it (/forget), and retention of delivery links.

Merging and erasing run the steps listed in bot/storage/erasure.py, in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, String, Table, and_, cast, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.core.models import BroadcastKind, DeliveryState
from bot.storage import tables as t
from bot.storage.erasure import (
    FORGET,
    MERGE,
    Askers,
    Does,
    Finds,
    MergeStep,
    Moves,
    Step,
    pseudonymised,
)
from bot.storage.erasure import needles as needles_of
from bot.storage.sql.base import SqlRepo
from bot.storage.sql.export import export_member, own_chats
from bot.storage.sql.turnout import uncount_banked

SETTLED = [s.value for s in DeliveryState if s.settled]


class SqlPrivacy(SqlRepo):
    def __init__(self, engine: AsyncEngine, askers: Askers) -> None:
        super().__init__(engine)
        self._askers = askers

    async def issue_code(self, member_id: int, code_hash: str, expires_at: datetime) -> None:
        c = t.link_codes.c
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.link_codes).where(c.member_id == member_id))
            await conn.execute(
                t.link_codes.insert().values(
                    code_hash=code_hash, member_id=member_id, expires_at=expires_at
                )
            )

    async def redeem_code(self, code_hash: str, now: datetime) -> int | None:
        c = t.link_codes.c
        async with self._engine.begin() as conn:
            query = select(c.member_id, c.expires_at).where(c.code_hash == code_hash)
            row = (await conn.execute(query)).first()
            await conn.execute(delete(t.link_codes).where(c.code_hash == code_hash))
            await conn.execute(delete(t.link_codes).where(c.expires_at <= now))
            if row is None or row.expires_at <= now:
                return None
            return int(row.member_id)

    async def merge(self, from_member: int, into_member: int) -> None:
        if from_member == into_member:
            return
        m = t.members.c
        b = t.ballot_banked.c
        async with self._engine.begin() as conn:
            # A banking the surviving member also holds is dropped by the merge: uncounted.
            held = select(b.ballot).where(b.member_id == into_member)
            await uncount_banked(conn, and_(b.member_id == from_member, b.ballot.in_(held)))
            for step in MERGE:
                await _merge_step(conn, step, from_member, into_member)
            old_branch = await conn.scalar(select(m.branch).where(m.id == from_member))
            if old_branch is not None:
                await conn.execute(
                    update(t.members)
                    .where(m.id == into_member, m.branch.is_(None))
                    .values(branch=old_branch)
                )
            await conn.execute(delete(t.members).where(m.id == from_member))

    async def export(self, member_id: int) -> dict[str, object]:
        async with self._engine.connect() as conn:
            return await export_member(conn, member_id, self._askers)

    async def forget(
        self, member_id: int, identities: Sequence[str], pseudonym: str
    ) -> dict[str, int]:
        touched: dict[str, int] = {}
        async with self._engine.begin() as conn:
            await uncount_banked(conn, t.ballot_banked.c.member_id == member_id)
            chats = await own_chats(conn, member_id)
            notices = await _own_notices(conn, chats)
            askers = tuple(self._askers.found_by(identities))
            whom = _Whom(member_id, tuple(identities), pseudonym, chats, notices, askers)
            for step in FORGET:
                count = await _forget_step(conn, step, whom)
                if count:
                    touched[step.table] = touched.get(step.table, 0) + count
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


async def _merge_step(conn: AsyncConnection, step: MergeStep, old: int, new: int) -> None:
    table = t.metadata.tables[step.table]
    column = table.c[step.column]
    if step.moves is Moves.DROP:
        await conn.execute(delete(table).where(column == old))
    elif step.moves is Moves.REPOINT:
        await conn.execute(update(table).where(column == old).values({step.column: new}))
    else:
        await _repoint_unless_held(conn, table, step, old, new)


async def _repoint_unless_held(
    conn: AsyncConnection, table: Table, step: MergeStep, old: int, new: int
) -> None:
    column, key = table.c[step.column], [table.c[k] for k in step.key]
    held = {tuple(row) for row in await conn.execute(select(*key).where(column == new))}
    for row in (await conn.execute(select(table).where(column == old))).mappings():
        this = and_(column == old, *(k == row[k.name] for k in key))
        if tuple(row[k.name] for k in key) in held:
            await conn.execute(delete(table).where(this))
        else:
            await conn.execute(update(table).where(this).values({step.column: new}))


@dataclass(frozen=True)
class _Whom:
    """The member being forgotten, and how to find them."""

    member_id: int
    identities: tuple[str, ...]
    pseudonym: str
    chats: list[int]  # their direct-message chats, found before any step runs
    notices: list[int]  # notices sent to those chats only, found before any step runs
    askers: tuple[str, ...]  # the pseudonyms their answered questions may carry

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return [(p, u) for p, _, u in (i.partition(":") for i in self.identities) if u]


async def _own_notices(conn: AsyncConnection, chats: list[int]) -> list[int]:
    """Notices to their chats that went to no other chat (found through the deliveries'
    indexes: the few to their chats, then each one's other deliveries)."""
    if not chats:
        return []
    b, d = t.broadcasts.c, t.deliveries.c
    other = t.deliveries.alias("other")
    elsewhere = select(other.c.id).where(
        other.c.broadcast_id == b.id, other.c.channel_id.not_in(chats)
    )
    query = select(b.id).where(
        b.kind == BroadcastKind.NOTICE.value,
        b.id.in_(select(d.broadcast_id).where(d.channel_id.in_(chats))),
        ~elsewhere.exists(),
    )
    return [int(r[0]) for r in await conn.execute(query)]


async def _forget_step(conn: AsyncConnection, step: Step, whom: _Whom) -> int:
    """Run one erasure step; returns the rows it touched."""
    table = t.metadata.tables[step.table]
    where = _finds(step, table, whom)
    if where is None:
        return 0
    if step.does is Does.DELETE:
        return int((await conn.execute(delete(table).where(where))).rowcount)
    if step.does is Does.ANONYMISE:
        query = update(table).where(where).values({step.column: None})
        return int((await conn.execute(query)).rowcount)
    return await _pseudonymise(conn, step, table, where, whom)


def _finds(step: Step, table: Table, whom: _Whom) -> ColumnElement[bool] | None:
    """The rows a step touches; None when it can find none (no chats, no identities)."""
    column = table.c[step.column]
    found = needles_of(whom.identities)
    clause: ColumnElement[bool] | None = None
    if step.finds is Finds.MEMBER:
        clause = column == whom.member_id
    elif step.finds is Finds.OWN_CHAT and whom.chats:
        clause = table.c.id.in_(whom.chats)
    elif step.finds is Finds.OWN_NOTICE and whom.notices:
        clause = column.in_(whom.notices)
    elif step.finds is Finds.IN_OWN_CHAT and whom.chats:
        clause = column.in_(whom.chats)
    elif step.finds is Finds.IDENTITY and whom.identities:
        clause = column.in_(whom.identities)
    elif step.finds is Finds.IDENTITY_PAIR and whom.pairs:
        clause = or_(*(and_(table.c.platform == p, column == u) for p, u in whom.pairs))
    elif step.finds is Finds.ASKER and whom.identities:
        clause = and_(table.c.platform.is_(None), column.in_(whom.askers))
    elif step.finds is Finds.MENTION and found:
        clause = _mentions(column, found)
    if clause is None:
        return None
    if step.also:
        clause = or_(clause, *(_mentions(table.c[name], found) for name in step.also))
    if step.only is not None:
        name, values = step.only
        clause = and_(clause, table.c[name].in_(sorted(values)))
    return clause


def _mentions(column: ColumnElement[Any], found: Sequence[str]) -> ColumnElement[bool]:
    """Rows whose text or JSON column contains any of the needles (portable: cast to text)."""
    return or_(*(cast(column, String).contains(n, autoescape=True) for n in found))


async def _pseudonymise(
    conn: AsyncConnection, step: Step, table: Table, where: ColumnElement[bool], whom: _Whom
) -> int:
    names = (step.column, *step.also, *step.scrubs)
    key = list(table.primary_key.columns)
    query = select(*key, *(table.c[n] for n in names)).where(where)
    rows = (await conn.execute(query)).mappings().all()
    for row in rows:
        values = {n: pseudonymised(step, n, row[n], whom.identities, whom.pseudonym) for n in names}
        this = and_(*(k == row[k.name] for k in key))
        await conn.execute(update(table).where(this).values(values))
    return len(rows)
