"""One worker per platform: claim due deliveries, pace them, send them, record what happened.

A delivery left in doubt (a crash or a timeout mid-send) is looked up on the platform
before it is sent again, where the platform allows it (Slack: our delivery id is in each
message's metadata); elsewhere (Telegram) it is sent once more and flagged as a possible
duplicate. A channel found blocked, gone or needing a person gets nothing more: rows for it
already claimed end as skipped, and the store never hands out rows for it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

from bot.core.clock import Clock
from bot.core.doorbell import Doorbell
from bot.core.models import Broadcast, Channel, Claimed, DeliveryState, Platform
from bot.core.ports import Store
from bot.core.stopping import stop_tasks
from bot.delivery.pacing import Pacer
from bot.delivery.ports import Message, Send, Sender, SendResult
from bot.delivery.probe import TokenProbe
from bot.delivery.recorder import Recorder, WorkerOptions
from bot.delivery.settle import Settle
from bot.delivery.slots import Flight, OneAtATime, Slots, most_in_doubt, window
from bot.delivery.writer import OutcomeWriter

__all__ = ["DeliveryWorker", "WorkerOptions"]

log = logging.getLogger(__name__)
DUE_SLACK = 0.005  # seconds after a row falls due that its worker is rung for it
STALL_TRIPS = 4  # round trips in the air after which a send gives its slot back

Render = Callable[[Broadcast, Platform], Message]
Alert = Callable[[Channel, str], Awaitable[None]]


class DeliveryWorker:
    def __init__(
        self,
        sender: Sender,
        store: Store,
        clock: Clock,
        pacer: Pacer,
        writer: OutcomeWriter,
        render: Render,
        bell: Doorbell,
        alert: Alert | None = None,
        options: WorkerOptions | None = None,
        epoch: int = 0,
    ) -> None:
        self.sender, self.store, self.clock, self.pacer = sender, store, clock, pacer
        self.writer, self.render, self.bell = writer, render, bell
        self.options = options or WorkerOptions()
        self.epoch = epoch
        self.platform = sender.platform
        self.record = Recorder(writer, clock, self.options, self._ring_in)
        self.settle = Settle(store, self.record, alert, sender.platform, sender.can_look_up)
        self.slots = Slots()
        self.probe = TokenProbe(
            self.options.probe_first, self.options.probe_most, lambda: self.settle.sent
        )
        self.chats = OneAtATime()
        self._seen = bell.rings
        self._tasks: set[asyncio.Task[None]] = set()
        self._claiming = False  # rows may be marked SENDING with no task for them yet
        self._broadcasts: dict[int, Broadcast] = {}
        self._messages: dict[int, Message] = {}
        self._loading = asyncio.Lock()

    @property
    def halted(self) -> str | None:
        return self.settle.halted

    @property
    def sent(self) -> int:
        return self.settle.sent

    async def run(self) -> None:
        try:
            while True:
                if self.halted:
                    await self._while_halted()
                    continue
                # Claim only as many rows as there are free slots: every row marked SENDING
                # is one about to be sent, so after a crash only those are in doubt.
                free = await self.slots.take(self.in_flight_limit)
                asked = time.monotonic()
                batch = await self._claim(min(self.options.claim_size, free))
                claimed_in = time.monotonic() - asked
                self.slots.give_back(free - len(batch))
                if not batch:
                    await self.settle.skip_unreachable()
                    await self._idle()
                    continue
                for claimed in batch:
                    flight = self.slots.flight(claimed_in)
                    task = asyncio.create_task(self._deliver(claimed, flight))
                    self._tasks.add(task)
                    task.add_done_callback(self._tasks.discard)
        finally:
            # Each send is cancelled and waited for (within the grace), not left running: one
            # cancelled in a database call ends only once SQLAlchemy has closed its connection
            # (in a task of its own). Left running past the engine's stop, the event loop's end
            # cancelled that close again, and aiosqlite's close, stopped twice, then awaited a
            # thread that had gone: the loop's teardown waited for ever (a CI worker lost).
            await stop_tasks(self._tasks, reraise=False)

    async def _while_halted(self) -> None:
        """A refused token is asked about again (nothing else is sent) until the platform
        takes it, and the rows kept pending go out in order; another halt (the lease lost)
        waits for a ring."""
        if not self.settle.token_refused:
            self._seen = await self.bell.wait(self._seen)
            return
        await self.probe.until_accepted(self.sender)
        self.settle.resume()
        log.warning(
            "operator: %s accepts the bot token again; sending what was kept pending",
            self.platform.value,
        )
        self.bell.ring()

    async def _claim(self, most: int) -> list[Claimed]:
        """Rows due now, marked SENDING; `busy` meanwhile, as they have no task yet."""
        self._claiming = True
        try:
            return await self.store.deliveries.claim(
                self.platform, self.clock.now(), most, self.epoch
            )
        finally:
            self._claiming = False

    @property
    def in_flight(self) -> int:
        """Sends under way: claimed, not yet settled."""
        return len(self._tasks)

    @property
    def busy(self) -> bool:
        """Sends under way, or a claim whose rows (no longer pending) have no send yet."""
        return bool(self._tasks) or self._claiming

    def in_flight_limit(self) -> int:
        """No more sends in flight than the rate needs (see bot/delivery/slots.py): a crash
        leaves no more messages whose fate is unknown than that (at Telegram's 30/s, at
        most 8 up to 100 ms round trips, 2.5 round trips' worth beyond; with an 80 ms round
        trip, four or five). Unlimited, it is `max_in_flight`."""
        rate = self.pacer.limits.rate
        cap = most_in_doubt(rate, self.pacer.round_trip()) or self.options.max_in_flight
        most = min(cap, self.options.max_in_flight)
        wanted = window(
            rate,
            self.pacer.time_in_air() + self.slots.overhead(),
            self.pacer.accepted_share(),
            most,
        )
        return min(wanted, most - self.slots.stalled)

    def stall_after(self) -> float:
        """Seconds in the air after which a send is presumed hung and gives its slot back
        (it stays in doubt, under the cap): a few round trips, well before its timeout (a
        second at least), so a hung send does not starve the pacer meanwhile."""
        return max(self.options.stall_after, STALL_TRIPS * self.pacer.round_trip())

    def _ring_in(self, seconds: float) -> None:
        """A row put back for later (after a 429, a 5xx, a timeout) is looked for when it
        falls due, not at the next poll: at the end of a broadcast, with nothing else due,
        it waited up to `idle_poll` more."""
        asyncio.get_running_loop().call_later(seconds + DUE_SLACK, self.bell.ring)

    async def _idle(self) -> None:
        """Until rows may be waiting: a ring in this process, or the poll for other ones."""
        self._seen = await self.bell.wait(self._seen, self.options.idle_poll)

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    async def message_for(self, broadcast_id: int | None) -> Message | None:
        if broadcast_id is None:
            return None
        if broadcast_id not in self._messages:
            # One look-up and one rendering per broadcast, not one per send in flight.
            async with self._loading:
                if broadcast_id not in self._messages:
                    broadcast = await self.store.broadcasts.get(broadcast_id)
                    if broadcast is None:
                        return None
                    self._broadcasts[broadcast_id] = broadcast
                    self._messages[broadcast_id] = self.render(broadcast, self.platform)
        return self._messages[broadcast_id]

    async def _deliver(self, claimed: Claimed, flight: Flight) -> None:
        committed: asyncio.Future[None] | None = None
        try:
            async with self.chats.turn(claimed.channel.id):
                committed = await self._attempt(claimed, flight)
        except asyncio.CancelledError:
            # Shutting down: do not wait for a commit that a stopped writer will never make;
            # the row stays SENDING and recovery deals with it.
            flight.release()
            raise
        except Exception:
            log.exception("delivery %s: unexpected error", claimed.delivery.id)
            committed = self.record.retry(claimed, "internal error")
        # The slot is free only once the outcome is committed: at a crash, no more
        # deliveries can be in doubt than there are slots.
        with contextlib.suppress(Exception):
            await asyncio.shield(committed)
        flight.release()

    async def _attempt(self, claimed: Claimed, flight: Flight) -> asyncio.Future[None]:
        message = await self.message_for(claimed.delivery.broadcast_id)
        plan = await self.settle.plan(claimed, message, self.sender)
        if plan.done is not None or message is None:
            return plan.done or self.record.put(claimed, DeliveryState.FAILED, "nothing to send")
        job = Send(claimed.channel, message, claimed.delivery.id, plan.first_part)
        return await self.settle.outcome(claimed, await self._send(job, flight), plan.resolved)

    async def _send(self, job: Send, flight: Flight) -> SendResult:
        flight.watch(self.stall_after(), lambda: self.pacer.in_air(job.channel))
        try:
            return await self.sender.send(job, self.pacer)
        finally:
            flight.answered()
