"""The doorbell: a ring wakes waiters, a ring before waiting is not lost, and a waiter
cancelled (a worker stopping) is cancelled, whenever the cancel lands."""

from __future__ import annotations

import asyncio

import pytest

from bot.core.doorbell import Doorbell


async def test_a_ring_wakes_a_waiter_and_one_before_waiting_is_not_lost() -> None:
    bell = Doorbell()
    waiter = asyncio.create_task(bell.wait(bell.rings, 5.0))
    await asyncio.sleep(0)
    bell.ring()
    assert await asyncio.wait_for(waiter, 1.0) == 1
    bell.ring()
    assert await asyncio.wait_for(bell.wait(1, 5.0), 1.0) == 2  # rang since: at once


async def test_patience_ends_the_wait_with_no_ring() -> None:
    bell = Doorbell()
    assert await asyncio.wait_for(bell.wait(bell.rings, 0.01), 1.0) == 0


@pytest.mark.parametrize("turns", range(8))
async def test_a_cancel_landing_just_after_a_ring_is_not_swallowed(turns: int) -> None:
    """A worker is stopped (cancelled) while idle at the bell, `turns` loop iterations after
    a ring woke it. With asyncio.wait_for on Python 3.11, a cancel that landed once the
    ring had finished the inner wait but before the waiter ran was swallowed: `wait`
    returned, the worker went round its loop and idled again, and whoever awaited its end
    (shutdown, the outbox state machine) waited forever."""
    bell = Doorbell()
    waiter = asyncio.create_task(bell.wait(bell.rings, 5.0))
    await asyncio.sleep(0)  # waiting at the bell
    bell.ring()
    for _ in range(turns):
        await asyncio.sleep(0)
    asked = waiter.cancel()  # False only if the wait had already returned
    await asyncio.wait({waiter}, timeout=1.0)
    assert waiter.done()
    if asked:
        assert waiter.cancelled()
    else:
        assert waiter.result() == 1
