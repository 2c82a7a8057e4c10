"""Which database a replica is on: the cluster id it carries, written once by an operator.

A replica that names its cluster (CLUSTER_ID) refuses to start on SQLite, which is one
process's file, on a database that carries no cluster id (a fresh one: not the cluster's,
or the operator has not run `campaign-bot db upgrade` with CLUSTER_ID yet), and on one that
carries another id. Two replicas pointed at different databases therefore cannot both start.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime

from sqlalchemy import insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.settings import Settings
from bot.storage import tables as t
from bot.storage.database import check_reachable, create_engine, redact_url, upgrade

log = logging.getLogger(__name__)
STARTUP_LOCK = 0x43414D53  # "CAMS": replicas starting together write their content in turn


class ClusterMismatch(RuntimeError):
    """This replica is not on the cluster's database: one line, exit status 2."""


async def read_identity(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        found = await conn.scalar(select(t.cluster.c.cluster_id).where(t.cluster.c.id == 1))
        return str(found) if found is not None else None


async def adopt_identity(engine: AsyncEngine, cluster_id: str) -> str:
    """Give the database this cluster id if it has none; the id it carries afterwards."""
    try:
        async with engine.begin() as conn:
            await conn.execute(
                insert(t.cluster).values(id=1, cluster_id=cluster_id, created_at=datetime.now(UTC))
            )
    except IntegrityError:
        pass  # it has one already, perhaps written by another replica just now
    found = await read_identity(engine)
    assert found is not None
    return found


def _where(engine: AsyncEngine) -> str:
    return redact_url(engine.url.render_as_string(hide_password=False))


def refuse_sqlite_replica(engine: AsyncEngine, cluster_id: str | None) -> None:
    """A replica (CLUSTER_ID set) shares a PostgreSQL database; SQLite is one process's."""
    if cluster_id is not None and engine.dialect.name != "postgresql":
        raise ClusterMismatch(
            f"CLUSTER_ID is set, so this is one replica of several, and replicas share one "
            f"PostgreSQL database; DATABASE_URL is {_where(engine)}, one process's file"
        )


async def check_identity(engine: AsyncEngine, cluster_id: str | None) -> str | None:
    """The database's cluster id, after checking it is the one this replica names."""
    refuse_sqlite_replica(engine, cluster_id)
    where = _where(engine)
    found = await read_identity(engine)
    if cluster_id is None or found == cluster_id:
        return found
    if found is None:
        raise ClusterMismatch(
            f"the database at {where} carries no cluster id: if it is the one every replica "
            f"shares, run `campaign-bot db upgrade` once with CLUSTER_ID={cluster_id}; "
            f"otherwise correct DATABASE_URL"
        )
    raise ClusterMismatch(
        f"the database at {where} belongs to cluster {found!r}, not CLUSTER_ID "
        f"{cluster_id!r}: every replica must use the same DATABASE_URL"
    )


async def open_database(settings: Settings, stack: AsyncExitStack) -> AsyncEngine:
    """Reach the database, check it is this cluster's, bring its schema up to date (under a
    lock on PostgreSQL, so replicas starting together migrate once)."""
    database = create_engine(settings.database_url)
    stack.push_async_callback(database.dispose)
    refuse_sqlite_replica(database, settings.cluster_id)
    await check_reachable(database)
    await upgrade(database)
    cluster = await check_identity(database, settings.cluster_id)
    if cluster is not None:
        log.info("database of cluster %s", cluster)
    return database


@asynccontextmanager
async def one_at_a_time(engine: AsyncEngine) -> AsyncIterator[None]:
    """On PostgreSQL, a session advisory lock held on a connection of its own for the block:
    replicas starting together write what they load at start (content, ballots' reminders)
    one after another, each finding what the one before wrote. Released at the end of the
    block, or by the server when the process dies. Nothing to do on SQLite (one process)."""
    if engine.dialect.name != "postgresql":
        yield
        return
    async with engine.connect() as conn:
        await conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_LOCK})
        await conn.commit()
        try:
            yield
        finally:
            await conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": STARTUP_LOCK})
            await conn.commit()
