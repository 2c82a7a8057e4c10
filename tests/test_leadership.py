"""The sender's lease (RELIABILITY.md row 24): one holder at a time, a higher epoch for each
new holder, a holder cut off from the database stops before its lease can pass, recovery
resets only older epochs' rows, and a standby takes over by itself."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, suppress
from dataclasses import dataclass, field

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.cluster.leadership import Failure, Leadership, Role, Timing
from bot.cluster.lease import Lease, PgLease, make_lease
from bot.core.models import DeliveryState, Platform
from bot.core.ports import Store
from bot.storage.database import create_engine
from tests.conftest import PG_URL
from tests.tcp_proxy import TcpProxy
from tests.test_store_contract import T0, _broadcast, _channels

needs_pg = pytest.mark.skipif(PG_URL is None, reason="TEST_POSTGRES_URL is not set")
FAST = Timing(ttl=3.0, renew_every=0.5, retry=0.3, margin=1.5)


@dataclass
class Work:
    """A leader's work that records when it ran."""

    name: str
    log: list[tuple[str, str, int, float]] = field(default_factory=list)

    async def __call__(self, stack: AsyncExitStack, epoch: int) -> Failure:
        self.log.append((self.name, "start", epoch, time.monotonic()))
        stack.callback(lambda: self.log.append((self.name, "stop", epoch, time.monotonic())))
        return lambda: None


async def test_recovery_resets_only_older_epochs(store: Store) -> None:
    lease = make_lease(getattr(store, "engine", None), ttl=60)
    channels = await _channels(store, 3)
    made = await store.broadcasts.create(_broadcast())
    await store.broadcasts.enqueue(made.id, channels)
    old = await lease.acquire()
    assert old is not None
    before = await store.deliveries.claim(Platform.TELEGRAM, T0, 2, old)
    await lease.release(old)
    new = await lease.acquire()
    assert new is not None and new > old
    mine = await store.deliveries.claim(Platform.TELEGRAM, T0, 5, new)
    assert await store.deliveries.recover(new) == 2  # the old holder's, not the new one's
    rows = {d.id: d for d in await store.deliveries.for_broadcast(made.id)}
    for claimed in before:
        assert rows[claimed.delivery.id].state is DeliveryState.PENDING
        assert rows[claimed.delivery.id].ambiguous
    assert rows[mine[0].delivery.id].state is DeliveryState.SENDING
    await lease.release(new)
    await lease.close()


@pytest.fixture
async def pg_url(sql_url: str) -> AsyncIterator[str]:
    yield sql_url


@needs_pg
@pytest.mark.parametrize("sql_url", ["postgres"], indirect=True)
async def test_the_lease_passes_only_once_expired_with_a_higher_epoch(pg_url: str) -> None:
    engine = create_engine(pg_url)
    try:
        a, b = PgLease(engine, ttl=1.0), PgLease(engine, ttl=1.0)
        first = await a.acquire()
        assert first is not None
        assert await b.acquire() is None
        assert await a.renew(first)
        view = await b.view()
        assert view is not None and view.holder == a.holder and view.epoch == first
        await asyncio.sleep(1.2)
        second = await b.acquire()
        assert second == first + 1
        assert not await a.renew(first)  # expired and taken: no longer a's
        await b.release(second)
        assert await a.acquire() == second + 1  # released: taken at once
        await a.close()
        await b.close()
    finally:
        await engine.dispose()


@needs_pg
@pytest.mark.parametrize("sql_url", ["postgres"], indirect=True)
async def test_a_sender_whose_lease_expired_claims_nothing(pg_url: str) -> None:
    from bot.storage.sql import SqlStore

    engine = create_engine(pg_url)
    try:
        store = SqlStore(engine)
        channels = await _channels(store, 2)
        made = await store.broadcasts.create(_broadcast())
        await store.broadcasts.enqueue(made.id, channels)
        lease = PgLease(engine, ttl=0.5)
        epoch = await lease.acquire()
        assert epoch is not None
        await asyncio.sleep(0.7)
        assert await store.deliveries.claim(Platform.TELEGRAM, T0, 5, epoch) == []
        again = await lease.acquire()
        assert again is not None
        assert len(await store.deliveries.claim(Platform.TELEGRAM, T0, 5, again)) == 2
        await lease.close()
    finally:
        await engine.dispose()


class Crashing:
    """A lease whose holder dies: it never releases (as after kill -9)."""

    def __init__(self, lease: Lease) -> None:
        self.lease = lease
        self.holder, self.ttl = lease.holder, lease.ttl

    async def acquire(self) -> int | None:
        return await self.lease.acquire()

    async def renew(self, epoch: int) -> bool:
        return await self.lease.renew(epoch)

    async def release(self, epoch: int) -> None:
        return None

    async def view(self) -> object:
        return await self.lease.view()

    async def close(self) -> None:
        await self.lease.close()  # a process killed takes its connections with it


async def eventually(check: object, within: float) -> None:
    deadline = time.monotonic() + within
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, "not in time"
        await asyncio.sleep(0.05)


@needs_pg
@pytest.mark.parametrize("sql_url", ["postgres"], indirect=True)
async def test_cut_off_leader_stops_before_a_standby_takes_over(pg_url: str) -> None:
    url = make_url(pg_url)
    async with TcpProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        cut_engine = create_engine(url.set(port=proxy.port).render_as_string(False))
        engine = create_engine(pg_url)
        log: list[tuple[str, str, int, float]] = []
        a_work, b_work = Work("a", log), Work("b", log)
        a = Leadership(Crashing(PgLease(cut_engine, FAST.ttl)), a_work, FAST)  # type: ignore[arg-type]
        b = Leadership(PgLease(engine, FAST.ttl), b_work, FAST)
        try:
            async with AsyncExitStack() as stack:
                await a.start(stack)
                await b.start(stack)
                assert (a.role, b.role) == (Role.LEADER, Role.STANDBY)
                first = a.epoch
                assert first is not None
                proxy.cut()
                cut_at = time.monotonic()
                await eventually(lambda: b.role is Role.LEADER, within=FAST.ttl + 3)
                assert b.epoch == first + 1
                stops = [at for who, what, _, at in log if (who, what) == ("a", "stop")]
                starts = [at for who, what, _, at in log if (who, what) == ("b", "start")]
                assert stops and starts and stops[0] < starts[0]  # never two leaders at once
                assert stops[0] - cut_at < FAST.ttl - FAST.margin + FAST.renew_every + 0.5
                assert a.role is Role.STANDBY and a.problem is not None
                proxy.restore()  # a comes back, as a standby: b leads
                await asyncio.sleep(FAST.ttl)
                assert (a.role, b.role) == (Role.STANDBY, Role.LEADER)
                # b dies without releasing: a takes over once b's lease has expired.
                b.lease = Crashing(b.lease)  # type: ignore[assignment]
                await b.stop()
                died = time.monotonic()
                await eventually(lambda: a.role is Role.LEADER, within=FAST.ttl + 3)
                assert time.monotonic() - died <= FAST.ttl + FAST.retry + 1.0
                assert a.epoch == first + 2
        finally:
            await cut_engine.dispose()
            await engine.dispose()


@needs_pg
@pytest.mark.parametrize("sql_url", ["postgres"], indirect=True)
async def test_a_leader_keeps_its_lease_while_the_pool_is_busy(pg_url: str) -> None:
    """Every pooled connection of the leader's engine checked out, one in a slow query, for
    three leases: the leader renews on its own connection and keeps leading (one epoch, the
    standby never takes over). When the database is really gone it still stops first."""
    url = make_url(pg_url)
    async with TcpProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        through = url.set(port=proxy.port).render_as_string(False)
        busy = create_async_engine(through, pool_size=2, max_overflow=0)  # the app's pool
        engine = create_engine(pg_url)
        log: list[tuple[str, str, int, float]] = []
        a = Leadership(PgLease(busy, FAST.ttl), Work("a", log), FAST)
        b = Leadership(PgLease(engine, FAST.ttl), Work("b", log), FAST)
        held = [await busy.connect() for _ in range(2)]
        try:
            async with AsyncExitStack() as stack:
                await a.start(stack)
                await b.start(stack)
                assert (a.role, b.role) == (Role.LEADER, Role.STANDBY)
                first = a.epoch
                sleep = text("SELECT pg_sleep(:s)")
                slow = asyncio.create_task(held[0].execute(sleep, {"s": 4 * FAST.ttl}))
                await held[1].execute(text("SELECT 1"))
                assert busy.sync_engine.pool.checkedout() == 2  # type: ignore[attr-defined]
                await asyncio.sleep(3 * FAST.ttl)
                assert not slow.done()  # the pool was busy all along
                assert (a.role, a.epoch, b.role) == (Role.LEADER, first, Role.STANDBY)
                assert [what for who, what, _, _ in log] == ["start"]
                view = await b.lease.view()
                assert view is not None and view.epoch == first and view.holder == a.lease.holder
                assert view.expires_in is not None and view.expires_in > 0
                proxy.cut()  # now the database is gone for a: it stops before b leads
                await eventually(lambda: b.role is Role.LEADER, within=FAST.ttl + 3)
                stops = [at for who, what, _, at in log if (who, what) == ("a", "stop")]
                starts = [at for who, what, _, at in log if (who, what) == ("b", "start")]
                assert stops and starts and stops[0] < starts[0]
                assert b.epoch == (first or 0) + 1 and a.role is Role.STANDBY
                with suppress(Exception):
                    await slow
        finally:
            for conn in held:
                with suppress(Exception):
                    await conn.close()
            await busy.dispose()
            await engine.dispose()


async def test_sqlite_one_sender_and_the_next_takes_over_when_it_stops(tmp_path: object) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/bot.db")
    from bot.storage.database import upgrade

    await upgrade(engine)
    log: list[tuple[str, str, int, float]] = []
    a = Leadership(make_lease(engine, 10), Work("a", log), FAST)
    b = Leadership(make_lease(engine, 10), Work("b", log), FAST)
    try:
        async with AsyncExitStack() as first:
            await a.start(first)
            async with AsyncExitStack() as second:
                await b.start(second)
                assert (a.role, b.role) == (Role.LEADER, Role.STANDBY)
                await first.aclose()
                await eventually(lambda: b.role is Role.LEADER, within=3)
                assert b.epoch == 2
    finally:
        await engine.dispose()
