"""Every query on a hot path is served by an index: run through EXPLAIN, never a full scan.

The store's own methods run over a populated database (benchmarks/population.py at the
PLANS size: tens of thousands of rows in the large tables, statistics gathered on
PostgreSQL) while every statement they send is recorded; each recorded statement is then
explained with its own parameters (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on PostgreSQL),
and the test fails if the plan reads a large table whole: SQLite's SCAN, PostgreSQL's Seq
Scan, or an index walked end to end without a condition.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks.population import NATIONAL_BALLOT, NOW, PLANS, identity, number_hash, populate
from bot.core.models import (
    DeliveryState,
    Identity,
    InboxItem,
    InboxState,
    Outcome,
    Platform,
)
from bot.storage.database import create_engine, upgrade
from bot.storage.sql import SqlStore
from tests.conftest import PG_URL, _drop_postgres_database, _postgres_database

# Tables that grow with the membership or with every message: a full scan of one is a
# query that slows down as the union grows.
LARGE = {
    "members",
    "identities",
    "roles",
    "channels",
    "subscriptions",
    "deliveries",
    "ballot_banked",
    "reminders",
    "inbox",
    "audit_log",
    "petition_signatures",
    "membership_list",
    "invites",
}


@dataclass
class Recorder:
    """The statements an engine sends, with their parameters, while recording."""

    on: bool = False
    seen: list[tuple[str, Any]] = field(default_factory=list)

    def __call__(
        self, _conn: Any, _cursor: Any, statement: str, params: Any, _ctx: Any, many: bool
    ) -> None:
        words = statement.lstrip().split(None, 1)
        verb = words[0].upper() if words else ""
        if self.on and not many and verb in ("SELECT", "UPDATE", "DELETE", "WITH", "INSERT"):
            self.seen.append((statement, params))

    @contextmanager
    def recording(self) -> Iterator[list[tuple[str, Any]]]:
        self.seen, self.on = [], True
        try:
            yield self.seen
        finally:
            self.on = False


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def plans_url(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """One populated database per backend for the module (the tests touch disjoint rows)."""
    if request.param == "postgres":
        if PG_URL is None:
            pytest.skip("TEST_POSTGRES_URL is not set (CI sets it; see scripts/pg-test-server)")
        url, name = asyncio.run(_postgres_database())
    else:
        url, name = f"sqlite+aiosqlite:///{tmp_path_factory.mktemp('plans') / 'bot.db'}", ""
    asyncio.run(_migrated_and_populated(url))
    yield url
    if name:
        asyncio.run(_drop_postgres_database(name))


async def _migrated_and_populated(url: str) -> None:
    engine = create_engine(url)
    await upgrade(engine)
    await engine.dispose()
    await populate(url, PLANS)


@pytest.fixture
async def populated(plans_url: str) -> AsyncIterator[tuple[SqlStore, Recorder]]:
    engine = create_engine(plans_url)
    recorder = Recorder()
    event.listen(engine.sync_engine, "before_cursor_execute", recorder)
    yield SqlStore(engine), recorder
    await engine.dispose()


async def full_scans(engine: AsyncEngine, statement: str, params: Any) -> list[str]:
    """The large tables a statement's plan reads whole."""
    async with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            rows = await conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params)
            return _sqlite_scans([str(r[-1]) for r in rows])
        # With whole-table reads priced out (sequential scans, and the hash and merge joins
        # that read a side whole), the planner takes any index that can serve the query; a
        # whole read left in the plan means none can. At these sizes PostgreSQL may rightly
        # prefer to read a table of 20,000 rows whole; the question here is whether it could
        # do otherwise once the table holds millions.
        for setting in ("enable_seqscan", "enable_hashjoin", "enable_mergejoin"):
            await conn.exec_driver_sql(f"SET LOCAL {setting} = off")
        plan = await conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + statement, params)
        found = plan.scalar_one()
        await conn.rollback()
        return _postgres_scans(json.loads(found) if isinstance(found, str) else found)


def _sqlite_scans(details: list[str]) -> list[str]:
    # "SCAN t", "SCAN t USING INDEX i", "SCAN t USING COVERING INDEX i": all of t is read.
    tables = (re.match(r"SCAN (?:TABLE )?(\w+)", d) for d in details)
    return [m.group(1) for m in tables if m and m.group(1) in LARGE]


def _postgres_scans(plan: Any) -> list[str]:
    found: list[str] = []

    def walk(node: dict[str, Any]) -> None:
        kind, table = node.get("Node Type", ""), node.get("Relation Name")
        whole = kind == "Seq Scan" or (
            kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node
        )
        if whole and table in LARGE:
            found.append(str(table))
        for child in node.get("Plans", []):
            walk(child)

    for entry in plan:
        walk(entry["Plan"])
    return found


async def explained(
    store: SqlStore, recorder: Recorder, work: Callable[[], Awaitable[object]]
) -> dict[str, list[str]]:
    """Run `work`, then explain every statement it sent: {statement: large tables scanned}."""
    with recorder.recording() as seen:
        await work()
    assert seen, "the work sent no query"
    scans = {}
    for statement, params in seen:
        scans[" ".join(statement.split())[:300]] = await full_scans(store.engine, statement, params)
    return {s: tables for s, tables in scans.items() if tables}


async def test_audience_and_queueing_use_indexes(
    populated: tuple[SqlStore, Recorder],
) -> None:
    store, recorder = populated
    # 'pensions' is taken by one channel in 97: a national audience that is a small slice.
    assert await explained(store, recorder, lambda: store.subscriptions.audience("pensions")) == {}
    branches = ["branch-0007", "branch-0008"]
    work = lambda: store.subscriptions.audience("pay", branches)  # noqa: E731
    assert await explained(store, recorder, work) == {}
    audience = await store.subscriptions.audience("pensions")
    assert audience
    queue = lambda: store.deliveries.enqueue(1, audience)  # noqa: E731
    assert await explained(store, recorder, queue) == {}


async def test_claims_and_outcomes_use_indexes(populated: tuple[SqlStore, Recorder]) -> None:
    store, recorder = populated
    await store.deliveries.enqueue(1, await store.subscriptions.audience("pensions"))
    claimed: list[Any] = []

    async def claim() -> None:
        claimed.extend(await store.deliveries.claim(Platform.TELEGRAM, NOW, 16))

    assert await explained(store, recorder, claim) == {}
    assert claimed
    lost = lambda: store.deliveries.unreachable(Platform.TELEGRAM, 16)  # noqa: E731
    assert await explained(store, recorder, lost) == {}
    sent = [Outcome(c.delivery.id, DeliveryState.SENT, at=NOW) for c in claimed]
    assert await explained(store, recorder, lambda: store.deliveries.apply(sent)) == {}
    assert await explained(store, recorder, lambda: store.deliveries.unsettled(1)) == {}
    assert await explained(store, recorder, store.deliveries.pending_platforms) == {}


async def test_turnout_and_due_work_use_indexes(populated: tuple[SqlStore, Recorder]) -> None:
    store, recorder = populated
    assert await explained(store, recorder, lambda: store.ballots.banked("branch-ballot-7")) == {}
    assert await explained(store, recorder, lambda: store.ballots.banked(NATIONAL_BALLOT)) == {}
    voted = lambda: store.ballots.bank("branch-ballot-7", 4, "branch-0004", NOW)  # noqa: E731
    assert await explained(store, recorder, voted) == {}
    assert await explained(store, recorder, lambda: store.ballots.electorate(NATIONAL_BALLOT)) == {}
    later = NOW + timedelta(days=1, hours=2)  # the first reminders planned fall due
    assert await explained(store, recorder, lambda: store.reminders.due(later)) == {}
    assert await explained(store, recorder, store.reminders.next_at) == {}
    assert await explained(store, recorder, lambda: store.broadcasts.due(later)) == {}
    assert await explained(store, recorder, lambda: store.timers.due(later)) == {}


async def test_inbox_and_members_use_indexes(populated: tuple[SqlStore, Recorder]) -> None:
    store, recorder = populated
    item = InboxItem("telegram:999999999", "telegram:update", NOW, {"update_id": 999999999})
    assert await explained(store, recorder, lambda: store.inbox.receive(item, "w1")) == {}
    assert await explained(store, recorder, lambda: store.inbox.seen(item.key)) == {}
    assert await explained(store, recorder, lambda: store.inbox.release(item.key, NOW)) == {}
    assert await explained(store, recorder, lambda: store.inbox.claim(item.key, "w1", NOW)) == {}
    finish = lambda: store.inbox.finish(item.key, InboxState.HANDLED, NOW)  # noqa: E731
    assert await explained(store, recorder, finish) == {}
    platform, user = identity(1234)
    who = Identity(Platform(platform), user)
    assert await explained(store, recorder, lambda: store.members.find(who)) == {}
    assert await explained(store, recorder, lambda: store.roles.for_member(1234)) == {}
    assert await explained(store, recorder, lambda: store.membership.record_of(1234)) == {}
    email = lambda: store.membership.by_email(number_hash(-1235))  # noqa: E731
    assert await explained(store, recorder, email) == {}
    invite = lambda: store.membership.invite(number_hash(10 * PLANS.members + 5))  # noqa: E731
    assert await explained(store, recorder, invite) == {}


async def test_mydata_and_forget_use_indexes(populated: tuple[SqlStore, Recorder]) -> None:
    store, recorder = populated
    member = 1 + 51 * (PLANS.members // PLANS.dms)  # one with a DM, banked, signed
    ids = [":".join(identity(member))]
    assert await explained(store, recorder, lambda: store.privacy.export(member)) == {}
    forget = lambda: store.privacy.forget(member, ids, "forgotten-1")  # noqa: E731
    # An audit entry naming them (done by them, or to them) is found by its actor or its
    # subject, both indexed, never by reading every entry's detail.
    assert await explained(store, recorder, forget) == {}
    assert await store.members.get(member) is None
