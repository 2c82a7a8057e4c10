"""Leadership: hold the sender's lease when possible, and run the leader's work only while
it is certainly held.

A standby tries to take the lease every `retry` seconds. The holder renews it every
`renew_every` seconds. It counts its lease from the moment it *sent* the last successful
renewal (the database set the expiry later than that, by its own clock), and stops its work
`margin` seconds before that count runs out if it has not renewed by then: a holder that
cannot reach the database has stopped sending before any standby can take over. A renewal
that failed (its own connection cut off, a statement timed out) is tried again after a
quarter of the period, so one slow answer does not cost a healthy leader its lease. A new
holder starts with a higher epoch, and recovery resets only what older epochs left in flight.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Coroutine
from contextlib import AsyncExitStack, suppress
from dataclasses import dataclass
from enum import StrEnum

from bot.cluster.lease import Lease
from bot.core.stopping import stop_task

log = logging.getLogger(__name__)

# The leader's work, started on a stack closed when leadership ends; it returns a check that
# says why the work has failed (a task died), or None while it is well.
Failure = Callable[[], str | None]
StartWork = Callable[[AsyncExitStack, int], Coroutine[object, object, Failure]]
LOST = "the lease was taken over"


class Role(StrEnum):
    LEADER = "leader"
    STANDBY = "standby"


@dataclass(frozen=True)
class Timing:
    ttl: float
    renew_every: float
    retry: float
    margin: float

    @classmethod
    def for_ttl(cls, ttl: float) -> Timing:
        """Renew five times a lease; stop a quarter of a lease (at least 2 s) before it ends."""
        return cls(ttl, ttl / 5, min(2.0, ttl / 5), max(2.0, ttl / 4))


class Leadership:
    def __init__(self, lease: Lease, start_work: StartWork, timing: Timing | None = None) -> None:
        self.lease, self.start_work = lease, start_work
        self.timing = timing or Timing.for_ttl(lease.ttl or 10.0)
        self.role = Role.STANDBY
        self.epoch: int | None = None
        self.problem: str | None = None  # why this replica cannot lead now, if it should
        self.changed = time.monotonic()  # when the role last changed
        self.working = asyncio.Event()  # the leader's work has started
        self._missed = asyncio.Event()  # a try to lead has failed
        self._task: asyncio.Task[None] | None = None
        self._deadline = 0.0

    @property
    def expires(self) -> bool:
        return self.lease.ttl is not None

    async def start(self, stack: AsyncExitStack) -> None:
        """Lead whenever possible, until the stack closes. Returns once the first try has
        ended: leading with the work started, or standing by."""
        self._task = asyncio.create_task(self._run(), name="leadership")
        stack.push_async_callback(self.stop)
        await self._first_try(self._task)

    async def _first_try(self, task: asyncio.Task[None]) -> None:
        waits = {asyncio.create_task(self.working.wait()), asyncio.create_task(self._missed.wait())}
        await asyncio.wait({*waits, task}, return_when=asyncio.FIRST_COMPLETED)
        for wait in waits:
            wait.cancel()
        if task.done():
            task.result()  # the work could not start: say why

    async def hold_once(self, stack: AsyncExitStack) -> bool:
        """Take the lease now or never; if taken, run the work until the stack closes or the
        lease is lost (then the work stops for good). Returns once the work has started."""
        epoch = await self._acquire()
        if epoch is None:
            return False
        self._task = asyncio.create_task(self._lead(epoch), name="leadership")
        stack.push_async_callback(self.stop)
        await self._first_try(self._task)
        return True

    async def stop(self) -> None:
        if self._task is not None:
            task, self._task = self._task, None
            await stop_task(task)
        await self.lease.close()

    async def _run(self) -> None:
        while True:
            epoch = await self._acquire()
            if epoch is not None:
                try:
                    await self._lead(epoch)
                except Exception as error:  # the work could not start: stand by, try again
                    self._trouble(f"the leader's work could not start: {_short(error)}")
            self._missed.set()
            await asyncio.sleep(self.timing.retry)

    async def _acquire(self) -> int | None:
        sent = time.monotonic()
        try:
            async with asyncio.timeout(self.timing.ttl - self.timing.margin):
                epoch = await self.lease.acquire()
        except asyncio.CancelledError:
            raise
        except Exception as error:
            self._trouble(f"cannot reach the database to take the lease: {_short(error)}")
            return None
        self.problem = None
        if epoch is not None:
            self._deadline = sent + self.timing.ttl - self.timing.margin
        return epoch

    async def _lead(self, epoch: int) -> None:
        self._become(Role.LEADER, epoch)
        reason = "stopping"
        work = AsyncExitStack()
        try:
            reason = await self._hold(work, epoch)
            log.warning("leadership (epoch %d) ends: %s; its work stops", epoch, reason)
        finally:
            try:
                await work.aclose()
            except Exception as error:  # a part that failed says so again as it stops
                log.warning("the leader's work stopped: %s", _short(error))
            self._become(Role.STANDBY, None)
            if reason != LOST:
                with suppress(Exception):
                    async with asyncio.timeout(2.0):
                        await self.lease.release(epoch)

    async def _hold(self, work: AsyncExitStack, epoch: int) -> str:
        """Start the work and keep the lease; return why leadership must end. A work that
        cannot start raises, after the lease is released."""
        starting = asyncio.create_task(self.start_work(work, epoch), name="leader-work")
        failure: Failure | None = None
        next_renew = time.monotonic() + self.timing.renew_every
        try:
            while True:
                pause = max(0.0, next_renew - time.monotonic())
                if failure is None:
                    await asyncio.wait({starting}, timeout=pause)
                    if starting.done():
                        failure = starting.result()
                        self.working.set()
                else:
                    await asyncio.sleep(pause)
                if failure is not None and (why := failure()) is not None:
                    return f"the leader's work failed: {why}"
                if time.monotonic() >= next_renew:
                    if (why := await self._renew(epoch)) is not None:
                        return why
                    next_renew = time.monotonic() + self._renew_pause()
        finally:
            await stop_task(starting, reraise=False)

    def _renew_pause(self) -> float:
        """Until the next renewal: a renewal period, a quarter of one after a failed try."""
        return self.timing.renew_every / (4 if self.problem else 1)

    async def _renew(self, epoch: int) -> str | None:
        """Renew; None while the lease is certainly held, else why it is not."""
        sent = time.monotonic()
        if self.expires:
            try:
                async with asyncio.timeout(max(0.05, self._deadline - sent)):
                    held = await self.lease.renew(epoch)
            except asyncio.CancelledError:
                raise
            except Exception as error:
                self._trouble(f"cannot renew the lease: {_short(error)}")
                held = None
            if held is False:
                return LOST
            if held:
                self.problem = None
                self._deadline = sent + self.timing.ttl - self.timing.margin
            if time.monotonic() >= self._deadline:
                return f"could not renew the lease in time ({self.problem})"
        return None

    def _become(self, role: Role, epoch: int | None) -> None:
        if role is Role.LEADER:
            log.info("this replica leads (epoch %d): it sends and runs the due work", epoch)
        self.role, self.epoch, self.changed = role, epoch, time.monotonic()
        if role is Role.STANDBY:
            self.working.clear()

    def _trouble(self, problem: str) -> None:
        if problem != self.problem:
            log.warning("%s", problem)
        self.problem = problem

    def lease_left(self) -> float | None:
        """Seconds this holder may still act on its lease (None: standby or no expiry)."""
        if self.role is not Role.LEADER or not self.expires:
            return None
        return self._deadline - time.monotonic()


def _short(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    words = str(original).strip().splitlines()
    return f"{type(original).__name__}: {words[0]}" if words else type(original).__name__
