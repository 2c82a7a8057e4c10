"""The membership list (keyed hashes only), invites, join requests and attempts.

An import's rows are staged in a temporary table of its own connection, in short transactions
(a running bot is never held up for long on SQLite), indexed once they are all in (building
the index row by row on random hashes costs several times more), and applied with set-based
statements in one transaction. The table goes with the import: nothing is left behind."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    delete,
    exists,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Row
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.schema import CreateIndex, CreateTable, DropTable

from bot.core.membership import (
    BranchCounts,
    Invite,
    JoinRequest,
    ListChanges,
    Listed,
    StagedRow,
)
from bot.core.models import Role
from bot.storage import tables as t
from bot.storage.sql.base import SqlRepo, inserted_id

# The import's own rows: a temporary table, on the import's connection only.
_IMPORT = MetaData()
STAGED = Table(
    "membership_import",
    _IMPORT,
    Column("line", Integer, nullable=False),
    Column("number_hash", String(64), nullable=False),
    Column("branch", String(64), nullable=False),
    Column("email_hash", String(64), nullable=True),
    prefixes=["TEMPORARY"],
)
# Unique when the file holds each number once (the usual case: no search for duplicates).
UNIQUE_INDEX = Index("ix_membership_import_number", STAGED.c.number_hash, unique=True)
STAGED_INDEX = Index("ix_membership_import_number", STAGED.c.number_hash)

L, S, V = t.membership_list.c, STAGED.c, t.invites.c
J, A, R = t.join_requests.c, t.membership_attempts.c, t.roles.c
CHUNK = 5000  # bound parameters per statement stay well under both databases' limits


def _listed(row: Any) -> Listed:
    return Listed(row.number_hash, row.branch, row.email_hash, row.member_id)


def _request(row: Any) -> JoinRequest:
    return JoinRequest(row.id, row.member_id, row.branch, row.requested_at, row.number_hash)


def _same_number() -> ColumnElement[bool]:
    return S.number_hash == L.number_hash


def _staged() -> ColumnElement[bool]:
    """Records of the list that the import also holds."""
    return exists().where(_same_number())


async def _differing(conn: AsyncConnection) -> Sequence[Row[Any]]:
    """Records the import keeps but changes (another branch or email), found in one pass: a
    resync changes a few records of many."""
    differs = or_(S.branch != L.branch, S.email_hash.is_distinct_from(L.email_hash))
    query = (
        select(L.number_hash, L.member_id, L.branch.label("was"), L.email_hash.label("had"))
        .add_columns(S.branch, S.email_hash)
        .join(STAGED, S.number_hash == L.number_hash)
        .where(differs)
    )
    return (await conn.execute(query)).all()


async def _changes(conn: AsyncConnection, differing: Sequence[Row[Any]]) -> ListChanges:
    """What the import changes (its rows hold each number once: see duplicates())."""
    rows = int(await conn.scalar(select(func.count()).select_from(STAGED)) or 0)
    kept = select(func.count()).select_from(STAGED).join(t.membership_list, _same_number())
    both = int(await conn.scalar(kept) or 0)
    lapsed = (
        await conn.execute(select(func.count(), func.count(L.member_id)).where(~_staged()))
    ).one()
    branches = await conn.execute(
        select(S.branch, func.count()).group_by(S.branch).order_by(S.branch)
    )
    moved = sum(1 for r in differing if r.branch != r.was)
    return ListChanges(
        rows=rows,
        added=rows - both,
        moved=moved,
        lapsed=int(lapsed[0]),
        unchanged=both - moved,
        emails_changed=sum(1 for r in differing if r.email_hash != r.had),
        lapsed_in_chat=int(lapsed[1]),
        branches=tuple((b, int(n)) for b, n in branches),
    )


async def _set_branch(conn: AsyncConnection, member_id: int, branch: str) -> None:
    """The member is in this branch, with its member role and no other branch's."""
    await conn.execute(update(t.members).where(t.members.c.id == member_id).values(branch=branch))
    await conn.execute(
        delete(t.roles).where(
            R.member_id == member_id,
            R.role == Role.MEMBER.value,
            or_(R.branch.is_(None), R.branch != branch),
        )
    )
    held = select(R.id).where(
        R.member_id == member_id, R.role == Role.MEMBER.value, R.branch == branch
    )
    if (await conn.execute(held)).first() is None:
        await conn.execute(
            insert(t.roles).values(member_id=member_id, role=Role.MEMBER.value, branch=branch)
        )


async def _lapse(conn: AsyncConnection) -> None:
    """Members linked to records the import no longer holds lose the member role, and the
    branch unless an officer's role keeps it."""
    gone = select(L.member_id).where(L.member_id.is_not(None), ~_staged())
    officer = exists().where(R.member_id == t.members.c.id, R.role == Role.OFFICER.value)
    await conn.execute(
        update(t.members).where(t.members.c.id.in_(gone), ~officer).values(branch=None)
    )
    await conn.execute(delete(t.roles).where(R.role == Role.MEMBER.value, R.member_id.in_(gone)))
    await conn.execute(delete(t.membership_list).where(~_staged()))


async def _update(conn: AsyncConnection, changed: Sequence[Row[Any]]) -> None:
    """Records moved to another branch, or given another email, updated by key; their linked
    members follow them."""
    for row in changed:
        if row.member_id is not None and row.branch != row.was:
            await _set_branch(conn, int(row.member_id), row.branch)
    if changed:
        await conn.execute(
            update(t.membership_list)
            .where(L.number_hash == bindparam("key"))
            .values(branch=bindparam("new_branch"), email_hash=bindparam("new_email")),
            [
                {"key": r.number_hash, "new_branch": r.branch, "new_email": r.email_hash}
                for r in changed
            ],
        )


async def _add(conn: AsyncConnection) -> None:
    listed = exists().where(L.number_hash == S.number_hash)
    # In key order: the list's index grows at its end instead of splitting pages at random.
    new = select(S.number_hash, S.branch, S.email_hash).where(~listed).order_by(S.number_hash)
    await conn.execute(
        insert(t.membership_list).from_select(["number_hash", "branch", "email_hash"], new)
    )


class SqlListImport:
    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn
        self._unique: bool | None = None  # the rows' index: not made yet, unique, or not

    async def stage(self, rows: Sequence[StagedRow]) -> None:
        if not rows:
            return
        # The driver's own executemany, with the statement SQLAlchemy compiled for this
        # database: row dicts through SQLAlchemy's parameter handling cost three times more.
        compiled = insert(STAGED).compile(dialect=self._conn.dialect)
        order = [STAGED.c.keys().index(name) for name in compiled.positiontup or STAGED.c.keys()]
        values: list[tuple[object, ...]] = [
            (r.row, r.number_hash, r.branch, r.email_hash) for r in rows
        ]
        if order != sorted(order):
            values = [tuple(v[i] for i in order) for v in values]
        async with self._conn.begin():
            await self._conn.exec_driver_sql(str(compiled), values)

    async def _index(self) -> bool:
        """Index the rows once they are all in; whether each number came once."""
        if self._unique is None:
            try:
                async with self._conn.begin():
                    await self._conn.execute(CreateIndex(UNIQUE_INDEX))
                self._unique = True
            except IntegrityError:
                async with self._conn.begin():
                    await self._conn.execute(CreateIndex(STAGED_INDEX))
                self._unique = False
        return self._unique

    async def duplicates(self, limit: int) -> tuple[int, list[tuple[int, int]]]:
        if await self._index():
            return 0, []
        first = (
            select(S.number_hash, func.min(S.line).label("first"))
            .group_by(S.number_hash)
            .having(func.count() > 1)
            .subquery()
        )
        later = (
            select(S.line, first.c.first)
            .join(first, S.number_hash == first.c.number_hash)
            .where(S.line != first.c.first)
        )
        async with self._conn.begin():
            count = await self._conn.scalar(select(func.count()).select_from(later.subquery()))
            rows = await self._conn.execute(later.order_by(S.line).limit(limit))
            return int(count or 0), [(int(a), int(b)) for a, b in rows]

    async def apply(self, commit: Callable[[ListChanges], bool]) -> ListChanges:
        await self._index()
        async with self._conn.begin():
            differing = await _differing(self._conn)
            changes = await _changes(self._conn, differing)
            if commit(changes):
                await _lapse(self._conn)
                await _update(self._conn, differing)
                await _add(self._conn)
            return changes


async def _import_table(conn: AsyncConnection, create: bool) -> None:
    async with conn.begin():
        await conn.execute(DropTable(STAGED, if_exists=True))
        if create:
            await conn.execute(CreateTable(STAGED))
        if conn.dialect.name == "sqlite":
            # A big import wants more than SQLite's 2 MiB of pages; the bot afterwards not.
            await conn.exec_driver_sql(_BIG_CACHE if create else _DEFAULT_CACHE)


# Constant statements: no value is ever formatted into SQL.
_BIG_CACHE = "PRAGMA cache_size = -65536"
_DEFAULT_CACHE = "PRAGMA cache_size = -2000"


class SqlMembership(SqlRepo):
    @asynccontextmanager
    async def importing(self) -> AsyncIterator[SqlListImport]:
        async with self._engine.connect() as conn:
            await _import_table(conn, create=True)
            try:
                yield SqlListImport(conn)
            finally:
                await _import_table(conn, create=False)

    async def has_list(self) -> bool:
        async with self._engine.connect() as conn:
            return (await conn.execute(select(L.number_hash).limit(1))).first() is not None

    async def records(self, number_hashes: Sequence[str]) -> dict[str, Listed]:
        found: dict[str, Listed] = {}
        async with self._engine.connect() as conn:
            for i in range(0, len(number_hashes), CHUNK):
                chunk = list(number_hashes[i : i + CHUNK])
                query = select(t.membership_list).where(L.number_hash.in_(chunk))
                found |= {r.number_hash: _listed(r) for r in await conn.execute(query)}
        return found

    async def record_of(self, member_id: int) -> Listed | None:
        async with self._engine.connect() as conn:
            query = select(t.membership_list).where(L.member_id == member_id)
            row = (await conn.execute(query)).first()
            return None if row is None else _listed(row)

    async def by_email(self, email_hash: str) -> Listed | None:
        async with self._engine.connect() as conn:
            query = (
                select(t.membership_list)
                .where(L.email_hash == email_hash)
                .order_by(L.number_hash)
                .limit(1)
            )
            row = (await conn.execute(query)).first()
            return None if row is None else _listed(row)

    async def link(self, number_hash: str, member_id: int) -> bool:
        async with self._engine.begin() as conn:
            record = (
                await conn.execute(select(t.membership_list).where(L.number_hash == number_hash))
            ).first()
            member = await conn.scalar(select(t.members.c.id).where(t.members.c.id == member_id))
            other = await conn.scalar(
                select(L.number_hash).where(L.member_id == member_id, L.number_hash != number_hash)
            )
            if record is None or member is None or other is not None:
                return False
            if record.member_id not in (None, member_id):
                return False
            mine = L.number_hash == number_hash
            await conn.execute(update(t.membership_list).where(mine).values(member_id=member_id))
            await conn.execute(
                update(t.invites).where(V.number_hash == number_hash).values(member_id=member_id)
            )
            await _set_branch(conn, member_id, record.branch)
            return True

    async def issue(self, invites: Sequence[Invite]) -> None:
        numbers = list({i.number_hash for i in invites})
        async with self._engine.begin() as conn:
            linked = {
                n: m
                for n, m in await conn.execute(
                    select(L.number_hash, L.member_id).where(L.number_hash.in_(numbers))
                )
            }
            if len(linked) != len(numbers):
                raise ValueError("an invite for a record not on the list")
            await conn.execute(delete(t.invites).where(V.number_hash.in_(numbers)))
            values = [
                {
                    "code_hash": i.code_hash,
                    "number_hash": i.number_hash,
                    "expires_at": i.expires_at,
                    "used_on": ",".join(i.used_on),
                    "member_id": linked[i.number_hash],
                }
                for i in invites
            ]
            if values:
                await conn.execute(insert(t.invites), values)

    async def invite(self, code_hash: str) -> Invite | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(t.invites).where(V.code_hash == code_hash))).first()
        if row is None:
            return None
        used = tuple(p for p in row.used_on.split(",") if p)
        return Invite(row.code_hash, row.number_hash, row.expires_at, used, row.member_id)

    async def use_invite(self, code_hash: str, platform: str) -> bool:
        async with self._engine.begin() as conn:
            used = await conn.scalar(select(V.used_on).where(V.code_hash == code_hash))
            if used is None or platform in used.split(","):
                return False
            now_used = ",".join(p for p in (*used.split(","), platform) if p)
            result = await conn.execute(
                update(t.invites)
                .where(V.code_hash == code_hash, V.used_on == used)
                .values(used_on=now_used)
            )
            return bool(result.rowcount)

    async def request(
        self, member_id: int, branch: str, number_hash: str | None, at: datetime
    ) -> JoinRequest:
        async with self._engine.begin() as conn:
            result = await conn.execute(
                insert(t.join_requests).values(
                    member_id=member_id, branch=branch, number_hash=number_hash, requested_at=at
                )
            )
            row = (
                await conn.execute(select(t.join_requests).where(J.id == inserted_id(result)))
            ).one()
            return _request(row)

    async def requests_of(self, member_id: int) -> list[JoinRequest]:
        async with self._engine.connect() as conn:
            query = select(t.join_requests).where(J.member_id == member_id).order_by(J.id)
            return [_request(r) for r in await conn.execute(query)]

    async def requests_in(self, branch: str) -> list[JoinRequest]:
        async with self._engine.connect() as conn:
            query = select(t.join_requests).where(J.branch == branch).order_by(J.id)
            return [_request(r) for r in await conn.execute(query)]

    async def get_request(self, request_id: int) -> JoinRequest | None:
        async with self._engine.connect() as conn:
            row = (await conn.execute(select(t.join_requests).where(J.id == request_id))).first()
            return None if row is None else _request(row)

    async def close_request(self, request_id: int) -> bool:
        async with self._engine.begin() as conn:
            result = await conn.execute(delete(t.join_requests).where(J.id == request_id))
            return bool(result.rowcount)

    async def attempts(self, account_hash: str, since: datetime) -> int:
        async with self._engine.connect() as conn:
            count = await conn.scalar(
                select(func.count()).where(A.account_hash == account_hash, A.at >= since)
            )
            return int(count or 0)

    async def attempt(self, account_hash: str, at: datetime, forget_before: datetime) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(delete(t.membership_attempts).where(A.at < forget_before))
            await conn.execute(
                insert(t.membership_attempts).values(account_hash=account_hash, at=at)
            )

    async def reach(self) -> dict[str, BranchCounts]:
        m = t.members.c
        linked = exists().where(L.member_id == m.id)
        in_role = and_(R.member_id == m.id, R.role.in_([Role.MEMBER.value, Role.OFFICER.value]))
        async with self._engine.connect() as conn:
            listed = await conn.execute(
                select(L.branch, func.count(), func.count(L.member_id)).group_by(L.branch)
            )
            pending = await conn.execute(select(J.branch, func.count()).group_by(J.branch))
            unlisted = await conn.execute(
                select(m.branch, func.count(m.id.distinct()))
                .join(t.roles, in_role)
                .where(m.branch.is_not(None), ~linked)
                .group_by(m.branch)
            )
            counts: dict[str, dict[str, int]] = {}
            for branch, on_list, in_chat in listed:
                counts.setdefault(branch, {}).update(on_list=on_list, in_chat=in_chat)
            for branch, waiting in pending:
                counts.setdefault(branch, {})["pending"] = waiting
            for branch, others in unlisted:
                counts.setdefault(branch, {})["not_on_list"] = others
        return {b: BranchCounts(**counts[b]) for b in sorted(counts)}
