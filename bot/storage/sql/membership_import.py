"""Importing the membership list: the file's rows staged in a temporary table of the
import's own connection, in short transactions (a running bot is never held up for long on
SQLite), indexed once they are all in (building the index row by row on random hashes costs
several times more), and applied with set-based statements in one transaction. The table
goes with the import: nothing is left behind."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    Index,
    Integer,
    MetaData,
    String,
    Table,
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
    ListChanges,
    StagedRow,
)
from bot.core.models import Role
from bot.storage import tables as t

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

S = STAGED.c
L, V, R = t.membership_list.c, t.invites.c, t.roles.c
CHUNK = 5000  # bound parameters per statement stay well under both databases' limits


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


async def set_branch(conn: AsyncConnection, member_id: int, branch: str) -> None:
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
            await set_branch(conn, int(row.member_id), row.branch)
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


async def import_table(conn: AsyncConnection, create: bool) -> None:
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
