"""The delivery engine: a worker per platform, one outcome writer, scheduled releases."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from contextlib import AsyncExitStack, suppress
from dataclasses import dataclass, field

from bot.core.clock import Clock
from bot.core.models import Broadcast, Outcome
from bot.core.ports import Store
from bot.delivery.outbox import Outbox
from bot.delivery.pacing import Limits, Pacer
from bot.delivery.ports import Sender
from bot.delivery.worker import DeliveryWorker, WorkerOptions
from bot.delivery.writer import OutcomeWriter
from bot.scheduling.wakeups import Wakeups

log = logging.getLogger(__name__)


@dataclass
class Engine:
    store: Store
    clock: Clock
    outbox: Outbox
    senders: Sequence[Sender]
    unlimited: bool = False
    options: WorkerOptions | None = None
    workers: list[DeliveryWorker] = field(default_factory=list)
    wakeups: Wakeups | None = None

    def __post_init__(self) -> None:
        self.writer = OutcomeWriter(self.store.deliveries, self._after)
        self._tasks: list[asyncio.Task[None]] = []
        self._touched: set[int] = set()

    async def _after(self, batch: Sequence[Outcome]) -> None:
        self._touched |= {
            o.broadcast_id for o in batch if o.broadcast_id is not None and o.state.settled
        }

    async def _finish_broadcasts(self) -> None:
        """Now and then (not on every commit), mark finished broadcasts done."""
        while True:
            await asyncio.sleep(0.5)
            if self._touched:
                touched, self._touched = self._touched, set()
                await self.outbox.after_outcomes(touched)

    async def start(self, stack: AsyncExitStack, recover: bool = True) -> None:
        if recover:
            count = await self.store.deliveries.recover()
            if count:
                log.warning(
                    "recovered %d deliveries left in flight by a crash; each is sent at "
                    "most once more",
                    count,
                )
        for sender in self.senders:
            options = self.options or WorkerOptions(
                claim_size=200 if self.unlimited else 32,
                max_in_flight=128 if self.unlimited else 64,
            )
            pacer = Pacer(Limits.for_platform(sender.platform, self.unlimited))
            worker = DeliveryWorker(
                sender,
                self.store,
                self.clock,
                pacer,
                self.writer,
                self.outbox.render,
                self.outbox.alert_channel,
                options,
            )
            self.workers.append(worker)
            self.outbox.woken.append(worker.wake)
        self._tasks.append(asyncio.create_task(self.writer.run(), name="outcome-writer"))
        self._tasks.append(asyncio.create_task(self._finish_broadcasts(), name="finisher"))
        for worker in self.workers:
            self._tasks.append(
                asyncio.create_task(worker.run(), name=f"deliver-{worker.platform.value}")
            )
        stack.push_async_callback(self.stop)

    def schedule_releases(self, wakeups: Wakeups, sweep_seconds: float = 15.0) -> None:
        """Wake at each scheduled broadcast's time; sweep now and then for ones made elsewhere."""
        self.wakeups = wakeups
        wakeups.every("broadcasts-sweep", sweep_seconds, self._release_due)

    async def plan(self) -> None:
        """Rebuild the wake-ups from the store (on start, or after scheduling)."""
        if self.wakeups is None:
            return
        for broadcast in await self.store.broadcasts.scheduled():
            if broadcast.send_at is not None:
                self.wakeups.at(f"broadcast-{broadcast.id}", broadcast.send_at, self._release_due)

    def plan_one(self, broadcast: Broadcast) -> None:
        if self.wakeups is not None and broadcast.send_at is not None:
            self.wakeups.at(f"broadcast-{broadcast.id}", broadcast.send_at, self._release_due)

    async def _release_due(self) -> None:
        released = await self.outbox.release_due()
        if released:
            log.info("released %d scheduled deliveries", released)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with suppress(asyncio.CancelledError):
                await task
        self._tasks.clear()

    def healthy(self) -> bool:
        return all(not w.halted for w in self.workers) and all(not t.done() for t in self._tasks)

    async def settle(
        self, broadcast_id: int, progress: Callable[[int], None] | None = None, poll: float = 0.2
    ) -> None:
        """Wait until every delivery of a broadcast has settled."""
        while True:
            left = await self.store.deliveries.unsettled(broadcast_id)
            if progress is not None:
                progress(left)
            if left == 0:
                await self.writer.flush()
                await self.outbox.after_outcomes({broadcast_id})
                return
            if any(w.halted for w in self.workers):
                raise RuntimeError(next(w.halted for w in self.workers if w.halted))
            await asyncio.sleep(poll)
