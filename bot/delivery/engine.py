"""The delivery engine: a worker per platform, one outcome writer, recovery after a crash."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field

from bot.core.clock import Clock
from bot.core.doorbell import Doorbell
from bot.core.models import Outcome, Platform
from bot.core.ports import Store
from bot.core.stopping import stop_tasks
from bot.delivery.outbox import Outbox
from bot.delivery.pacing import Limits, Pacer
from bot.delivery.ports import Sender
from bot.delivery.worker import DeliveryWorker, WorkerOptions
from bot.delivery.writer import OutcomeWriter

log = logging.getLogger(__name__)
RECOUNT = 1.0  # seconds: `settle` counts a broadcast's unsettled rows at least this often
FINISH_RECOUNT = 5.0  # seconds: and marking broadcasts done, at least this often


@dataclass
class Engine:
    store: Store
    clock: Clock
    outbox: Outbox
    senders: Sequence[Sender]
    bell: Doorbell
    unlimited: bool = False
    options: WorkerOptions | None = None
    # Shared with the platforms' command replies, which count against the same limits.
    pacers: Mapping[Platform, Pacer] = field(default_factory=dict)
    workers: list[DeliveryWorker] = field(default_factory=list)
    # The sender's lease epoch: stamped on every claim; recovery resets only older epochs'.
    epoch: int = 0
    token_retry: float = 5.0  # seconds before a refused token is asked about again

    def __post_init__(self) -> None:
        self.writer = OutcomeWriter(self.store.deliveries, self._after)
        self._tasks: list[asyncio.Task[None]] = []
        self._touched: set[int] = set()
        self._settled: Counter[int] = Counter()  # deliveries this engine settled, by broadcast
        self._counted: dict[int, tuple[int, float]] = {}  # broadcast → (settled target, when)

    async def _after(self, batch: Sequence[Outcome]) -> None:
        settled = [o.broadcast_id for o in batch if o.broadcast_id is not None and o.state.settled]
        self._touched.update(settled)
        self._settled.update(settled)

    async def _finish_broadcasts(self) -> None:
        """Now and then (not on every commit), mark finished broadcasts done."""
        while True:
            await asyncio.sleep(0.5)
            if self._touched:
                touched, self._touched = self._touched, set()
                finished = await self._finished(touched)
                if finished:
                    await self.outbox.after_outcomes(finished)

    async def _finished(self, touched: set[int]) -> set[int]:
        """The touched broadcasts with nothing left unsettled. One is counted again only
        once this engine has settled as many rows as were left at its last count, or
        FINISH_RECOUNT seconds later (rows settled elsewhere): a 20,000-row broadcast counted
        twice a second cost the database a quarter of what its sends did."""
        now, finished = asyncio.get_running_loop().time(), set()
        for broadcast_id in touched:
            target, at = self._counted.get(broadcast_id, (0, 0.0))
            if self._settled[broadcast_id] < target and now < at + FINISH_RECOUNT:
                self._touched.add(broadcast_id)  # looked at again later
                continue
            left = await self.store.deliveries.unsettled(broadcast_id)
            if left:
                self._counted[broadcast_id] = (self._settled[broadcast_id] + left, now)
            else:
                self._counted.pop(broadcast_id, None)
                finished.add(broadcast_id)
        return finished

    def _pacer(self, platform: Platform) -> Pacer:
        shared = self.pacers.get(platform)
        if shared is not None and not self.unlimited:
            return shared
        return Pacer(Limits.for_platform(platform, self.unlimited))

    def _worker(self, sender: Sender) -> DeliveryWorker:
        options = self.options or WorkerOptions(
            claim_size=200 if self.unlimited else 32,
            max_in_flight=128 if self.unlimited else 64,
            probe_first=self.token_retry,
        )
        return DeliveryWorker(
            sender,
            self.store,
            self.clock,
            self._pacer(sender.platform),
            self.writer,
            self.outbox.render,
            self.bell,
            self.outbox.alert_channel,
            options,
            self.epoch,
        )

    async def start(self, stack: AsyncExitStack, recover: bool = True) -> None:
        if recover:
            checkable = {s.platform for s in self.senders if s.can_look_up}
            most = (self.options or WorkerOptions()).max_attempts
            count = await self.store.deliveries.recover(self.epoch, checkable, most)
            if count:
                log.warning(
                    "recovered %d deliveries left in flight by a crash: each is looked up "
                    "before any resend where the platform allows it (Slack), and elsewhere "
                    "sent again and reported as a possible duplicate",
                    count,
                )
        self.workers = [self._worker(sender) for sender in self.senders]
        self._tasks.append(asyncio.create_task(self.writer.run(), name="outcome-writer"))
        self._tasks.append(asyncio.create_task(self._finish_broadcasts(), name="finisher"))
        for worker in self.workers:
            self._tasks.append(
                asyncio.create_task(worker.run(), name=f"deliver-{worker.platform.value}")
            )
        stack.push_async_callback(self.stop)

    async def stop(self) -> None:
        tasks, self._tasks = self._tasks, []
        await stop_tasks(tasks)

    def healthy(self) -> bool:
        return all(not w.halted for w in self.workers) and all(not t.done() for t in self._tasks)

    def failed(self) -> str | None:
        """Why the engine stopped working (one of its tasks ended), if it did."""
        ended = next((task for task in self._tasks if task.done()), None)
        return None if ended is None else f"{ended.get_name()} ended"

    def halted(self) -> str | None:
        """Why a platform stopped sending (its token was rejected), if one did."""
        return next((w.halted for w in self.workers if w.halted), None)

    def busy(self) -> bool:
        return any(w.busy for w in self.workers)

    async def settle(
        self, broadcast_id: int, progress: Callable[[int], None] | None = None, poll: float = 0.2
    ) -> None:
        """Wait until every delivery of a broadcast has settled. The store counts what is
        left again only once this engine has settled that many, or after RECOUNT seconds
        (another process, or a cancellation, may settle them): counting a large broadcast's
        rows every `poll` seconds cost the database more than the sends did."""
        while True:
            left = await self.store.deliveries.unsettled(broadcast_id)
            if progress is not None:
                progress(left)
            if left == 0:
                await self.writer.flush()
                await self.outbox.after_outcomes({broadcast_id})
                return
            await self._until_settled(self._settled[broadcast_id] + left, broadcast_id, poll)

    async def _until_settled(self, target: int, broadcast_id: int, poll: float) -> None:
        recount = asyncio.get_running_loop().time() + RECOUNT
        while self._settled[broadcast_id] < target:
            halted = self.halted()
            if halted:
                raise DeliveryHalted(halted)
            if asyncio.get_running_loop().time() >= recount:
                return
            await asyncio.sleep(poll)


class DeliveryHalted(RuntimeError):
    """A platform rejected the token: its deliveries are kept pending."""
