"""One worker per platform: claim due deliveries, pace them, send them, record what happened."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.core.clock import Clock
from bot.core.doorbell import Doorbell
from bot.core.models import (
    Broadcast,
    Channel,
    ChannelState,
    Claimed,
    DeliveryState,
    Outcome,
    Platform,
)
from bot.core.ports import Store
from bot.delivery.pacing import Pacer
from bot.delivery.ports import Message, Sender, SendResult, Verdict
from bot.delivery.writer import OutcomeWriter

log = logging.getLogger(__name__)

Render = Callable[[Broadcast, Platform], Message]
Alert = Callable[[Channel, str], Awaitable[None]]


@dataclass
class WorkerOptions:
    claim_size: int = 32
    max_in_flight: int = 64
    max_attempts: int = 5
    idle_poll: float = 1.0
    base_backoff: float = 1.0
    max_backoff: float = 300.0


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
        self.writer, self.render, self.alert = writer, render, alert
        self.options = options or WorkerOptions()
        self.epoch = epoch
        self.platform = sender.platform
        self.halted: str | None = None
        self.sent = 0
        self.bell = bell
        self._seen = bell.rings
        self._room = asyncio.Condition()
        self._in_flight = 0
        self._commits: dict[int, asyncio.Future[None]] = {}
        self._rtt = 0.0  # seconds; a moving average of the platform's answer time
        self._tasks: set[asyncio.Task[None]] = set()
        self._broadcasts: dict[int, Broadcast] = {}
        self._messages: dict[int, Message] = {}
        self._loading = asyncio.Lock()

    async def run(self) -> None:
        try:
            while True:
                if self.halted:
                    self._seen = await self.bell.wait(self._seen)
                    continue
                # Claim only as many rows as there are free slots: every row marked SENDING
                # is one about to be sent, so after a crash only those are in doubt.
                free = await self._room_for_more()
                batch = await self.store.deliveries.claim(
                    self.platform, self.clock.now(), min(self.options.claim_size, free), self.epoch
                )
                if not batch:
                    await self._release_slots(free)
                    await self._idle()
                    continue
                await self._release_slots(free - len(batch))
                for claimed in batch:
                    task = asyncio.create_task(self._deliver(claimed))
                    self._tasks.add(task)
                    task.add_done_callback(self._tasks.discard)
        finally:
            for task in self._tasks:
                task.cancel()

    @property
    def in_flight(self) -> int:
        """Sends under way: claimed, not yet settled."""
        return len(self._tasks)

    def in_flight_limit(self) -> int:
        """No more sends in flight than the rate needs: rate × round trip, plus one.

        At a platform's limit with a fast link that is one send, so a crash can leave at
        most one message whose fate is unknown. Unlimited, it is `max_in_flight`.
        """
        rate = self.pacer.limits.per_bot
        if not rate:
            return self.options.max_in_flight
        return max(1, min(self.options.max_in_flight, math.ceil(rate * self._rtt * 1.25)))

    async def _room_for_more(self) -> int:
        """Wait for free slots (a quarter of them at least, so claims come in batches); take
        every free slot and return how many."""
        async with self._room:
            await self._room.wait_for(
                lambda: (
                    self._in_flight <= self.in_flight_limit() - max(1, self.in_flight_limit() // 4)
                )
            )
            free = self.in_flight_limit() - self._in_flight
            self._in_flight += free
            return free

    async def _release_slots(self, count: int) -> None:
        if count > 0:
            async with self._room:
                self._in_flight -= count
                self._room.notify_all()

    async def _free_slot(self) -> None:
        async with self._room:
            self._in_flight -= 1
            self._room.notify_all()

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

    async def _deliver(self, claimed: Claimed) -> None:
        try:
            message = await self.message_for(claimed.delivery.broadcast_id)
            if message is None:
                self._record(claimed, DeliveryState.FAILED, "nothing to send")
                return
            if self.halted:
                self._record(claimed, DeliveryState.PENDING, self.halted, refund=True)
                return
            await self.pacer.wait_turn(claimed.channel)
            started = time.monotonic()
            result = await self.sender.send(claimed.channel, message)
            self._rtt = 0.8 * self._rtt + 0.2 * (time.monotonic() - started)
            await self._settle(claimed, result)
        except asyncio.CancelledError:
            # Shutting down: do not wait for a commit that a stopped writer will never make;
            # the row stays SENDING and recovery deals with it.
            self._commits.pop(claimed.delivery.id, None)
            self._in_flight -= 1
            raise
        except Exception:
            log.exception("delivery %s: unexpected error", claimed.delivery.id)
            self._retry(claimed, "internal error")
        # The slot is free only once the outcome is committed: at a crash, no more
        # deliveries can be in doubt than there are slots.
        committed = self._commits.pop(claimed.delivery.id, None)
        if committed is not None:
            with contextlib.suppress(Exception):
                await asyncio.shield(committed)
        await self._free_slot()

    def _record(
        self,
        claimed: Claimed,
        state: DeliveryState,
        reason: str | None = None,
        not_before: timedelta | None = None,
        refund: bool = False,
        ambiguous: bool = False,
    ) -> None:
        now = self.clock.now()
        outcome = Outcome(
            claimed.delivery.id,
            state,
            reason,
            now + not_before if not_before else None,
            refund,
            ambiguous,
            now,
            claimed.delivery.broadcast_id,
        )
        self._commits[claimed.delivery.id] = self.writer.put(outcome)

    def _retry(self, claimed: Claimed, reason: str) -> None:
        attempts = claimed.delivery.attempts
        if attempts >= self.options.max_attempts:
            self._record(claimed, DeliveryState.FAILED, f"gave up after {attempts} tries: {reason}")
            return
        backoff = min(self.options.max_backoff, self.options.base_backoff * 2 ** (attempts - 1))
        jittered = backoff * random.uniform(0.5, 1.5)
        self._record(claimed, DeliveryState.PENDING, reason, timedelta(seconds=jittered))

    async def _settle(self, claimed: Claimed, result: SendResult) -> None:
        verdict, channel = result.verdict, claimed.channel
        if verdict is Verdict.SENT:
            self.sent += 1
            self._record(claimed, DeliveryState.SENT)
        elif verdict is Verdict.RETRY_AFTER:
            wait = max(result.retry_after, 0.5) + random.uniform(0, 0.25)
            if result.whole_bot:
                self.pacer.pause_all(wait)
            else:
                self.pacer.pause_chat(channel, wait)
            self._record(
                claimed, DeliveryState.PENDING, result.reason, timedelta(seconds=wait), refund=True
            )
        elif verdict is Verdict.TRANSIENT:
            self._retry(claimed, result.reason)
        elif verdict is Verdict.AMBIGUOUS:
            if claimed.delivery.ambiguous:
                self._record(claimed, DeliveryState.UNKNOWN, result.reason)
            else:
                self._record(
                    claimed,
                    DeliveryState.PENDING,
                    result.reason,
                    timedelta(seconds=2),
                    ambiguous=True,
                )
        elif verdict in (Verdict.BLOCKED, Verdict.GONE):
            state = ChannelState.BLOCKED if verdict is Verdict.BLOCKED else ChannelState.GONE
            await self.store.channels.set_state(channel.id, state)
            self._record(claimed, DeliveryState.BLOCKED, result.reason)
        elif verdict is Verdict.MIGRATED and result.new_chat_id:
            await self.store.channels.migrate(channel.id, result.new_chat_id)
            self._record(claimed, DeliveryState.PENDING, result.reason, refund=True)
        elif verdict is Verdict.NEEDS_ATTENTION:
            first = channel.state is not ChannelState.NEEDS_ATTENTION
            current = await self.store.channels.get(channel.id)
            first = first and (current is None or current.state is not ChannelState.NEEDS_ATTENTION)
            await self.store.channels.set_state(channel.id, ChannelState.NEEDS_ATTENTION)
            self._record(claimed, DeliveryState.FAILED, result.reason)
            if first and self.alert is not None:
                await self.alert(channel, result.reason)
        elif verdict is Verdict.HALT:
            if not self.halted:
                self.halted = result.reason
                log.critical(
                    "operator: %s; %s deliveries paused and kept pending. Fix the token "
                    "and restart.",
                    result.reason,
                    self.platform.value,
                )
            self._record(claimed, DeliveryState.PENDING, result.reason, refund=True)
        else:
            self._record(claimed, DeliveryState.FAILED, result.reason)
