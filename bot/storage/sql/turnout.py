"""Turnout counts by branch (ballot_turnout), kept in step with ballot_banked inside the
transaction that changes it: +1 when a member banks, -1 for each banked row /forget or a
/link merge removes. The turnout report then reads one row per branch."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage import tables as t


async def count_banked(conn: AsyncConnection, ballot: str, branch: str | None) -> None:
    """One more member banked for `ballot` in `branch` (none counted without a branch)."""
    if branch is None:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    added = dialect.insert(t.ballot_turnout).values(ballot=ballot, branch=branch, banked=1)
    await conn.execute(
        added.on_conflict_do_update(
            index_elements=["ballot", "branch"],
            set_={"banked": t.ballot_turnout.c.banked + 1},
        )
    )


async def uncount_banked(conn: AsyncConnection, going: ColumnElement[bool]) -> None:
    """Take the banked rows matching `going` (about to be deleted) out of the counts."""
    b, n = t.ballot_banked.c, t.ballot_turnout.c
    gone = (
        select(b.ballot, b.branch, func.count())
        .where(going, b.branch.is_not(None))
        .group_by(b.ballot, b.branch)
    )
    for ballot, branch, count in (await conn.execute(gone)).all():
        await conn.execute(
            update(t.ballot_turnout)
            .where(n.ballot == ballot, n.branch == branch)
            .values(banked=n.banked - count)
        )


async def turnout(conn: AsyncConnection, ballot: str) -> dict[str, int]:
    """Members banked for `ballot`, by branch (branches with none left out)."""
    n = t.ballot_turnout.c
    rows = await conn.execute(select(n.branch, n.banked).where(n.ballot == ballot, n.banked > 0))
    return {str(branch): int(banked) for branch, banked in rows}
