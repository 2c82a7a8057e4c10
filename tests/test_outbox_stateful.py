"""A hypothesis state machine over the real worker: sends that fail in every way, and crashes.

Crash = every task cancelled wherever it is, outcomes not yet committed lost; restart =
recovery. Whatever happens, a delivery reaches a chat at most once more than the crashes
and lost answers it went through, a second copy only ever goes to a delivery the store
marked as in doubt, and after a final drain every delivery has settled and none is lost.
On a platform where a send in doubt can be looked up (Slack), no delivery reaches a chat
twice at all.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from contextlib import suppress
from datetime import UTC, datetime, timedelta

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from bot.content.templates import Rendered
from bot.core.clock import FixedClock
from bot.core.doorbell import Doorbell
from bot.core.models import (
    Broadcast,
    BroadcastState,
    Channel,
    ChatKind,
    DeliveryState,
    Platform,
    SubscriptionState,
)
from bot.delivery.pacing import Limits, Pacer
from bot.delivery.ports import CANNOT_LOOK_UP, SENT, Found, Message, Send, SendResult, Verdict
from bot.delivery.worker import DeliveryWorker, WorkerOptions
from bot.delivery.writer import OutcomeWriter
from bot.storage.memory import MemoryStore

BEHAVIOURS = ["sent", "transient", "lost_reply", "dropped"]
OPTIONS = WorkerOptions(
    claim_size=4, max_in_flight=2, max_attempts=4, base_backoff=0.0, max_backoff=0.0, idle_poll=0.01
)


class FakeSender:
    platform = Platform.TELEGRAM
    can_look_up = False

    def __init__(self) -> None:
        self.script: list[str] = []
        self.receipts: Counter[tuple[str, str]] = Counter()
        self.by_delivery: Counter[int] = Counter()
        self.calls = 0

    async def send(self, job: Send, pacer: Pacer) -> SendResult:
        self.calls += 1
        behaviour = self.script.pop(0) if self.script else "sent"
        async with pacer.turn(job.channel):
            await asyncio.sleep(0)  # a crash may land before the request leaves…
            if behaviour in ("sent", "lost_reply"):
                self.receipts[(job.message.parts[0].text, job.channel.chat_id)] += 1
                self.by_delivery[job.delivery_id] += 1
            await asyncio.sleep(0)  # …or after it arrived
        if behaviour == "sent":
            return SENT
        if behaviour == "transient":
            return SendResult(Verdict.TRANSIENT, "502")
        return SendResult(Verdict.AMBIGUOUS, "timed out")

    async def look_up(self, channel: Channel, delivery_id: int, since: datetime) -> Found:
        if not self.can_look_up:
            return CANNOT_LOOK_UP
        await asyncio.sleep(0)
        return Found(1 if self.by_delivery[delivery_id] else 0)


class LookingUpSender(FakeSender):
    """Slack's way: every message carries its delivery id, and history can be read back."""

    platform = Platform.SLACK
    can_look_up = True


def render(broadcast: Broadcast, platform: Platform) -> Message:
    return Message((Rendered(platform, f"b{broadcast.id}"),))


class Outbox(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.store = MemoryStore()
        self.clock = FixedClock(datetime(2026, 11, 23, 9, tzinfo=UTC))
        self.sender = self.make_sender()
        self.crashes = 0
        self.lost_replies = 0
        self.channels = self.run(self._channels())

    def make_sender(self) -> FakeSender:
        return FakeSender()

    def run(self, coro):  # type: ignore[no-untyped-def]
        return self.loop.run_until_complete(coro)

    async def _channels(self) -> list[Channel]:
        made = []
        for i in range(5):
            channel = await self.store.channels.upsert(
                self.sender.platform, str(-100 - i), ChatKind.GROUP
            )
            await self.store.subscriptions.add(
                channel.id, "dwp-leeds", "pay", SubscriptionState.ACTIVE
            )
            made.append(channel)
        return made

    @rule(count=st.integers(1, 5))
    def broadcast(self, count: int) -> None:
        async def go() -> None:
            made = await self.store.broadcasts.create(
                Broadcast(
                    id=0,
                    title="t",
                    body="b",
                    topic="pay",
                    state=BroadcastState.DRAFT,
                    created_at=self.clock.now(),
                )
            )
            await self.store.broadcasts.enqueue(made.id, [c.id for c in self.channels[:count]])

        self.run(go())

    @rule(
        script=st.lists(st.sampled_from(BEHAVIOURS), max_size=8),
        sends=st.integers(1, 8),
        crash=st.booleans(),
    )
    def work(self, script: list[str], sends: int, crash: bool) -> None:
        self.sender.script.extend(script)
        self.lost_replies += script.count("lost_reply")
        self.run(self._work(sends, crash))
        self.clock.advance(timedelta(seconds=10))  # backoffs elapse between steps

    async def _work(self, sends: int, crash: bool) -> None:
        writer = OutcomeWriter(self.store.deliveries)
        worker = DeliveryWorker(
            self.sender,
            self.store,
            self.clock,
            Pacer(Limits(None, None, None)),
            writer,
            render,
            Doorbell(),
            options=OPTIONS,
        )
        tasks = [asyncio.create_task(writer.run()), asyncio.create_task(worker.run())]
        target = self.sender.calls + sends
        for _ in range(200):
            if self.sender.calls >= target:
                break
            await asyncio.sleep(0)
        if not crash:
            await worker.drain()
            await writer.flush()
        for task in tasks:
            task.cancel()
        for task in tasks:
            with suppress(asyncio.CancelledError):
                await task
        if crash:
            self.crashes += 1
            checkable = [self.sender.platform] if self.sender.can_look_up else []
            await self.store.deliveries.recover(checkable=checkable)  # the restart

    @invariant()
    def copies_are_bounded_and_seconds_are_flagged(self) -> None:
        rows = self.run(self._rows())
        for (broadcast_id, chat), count in self.sender.receipts.items():
            assert count <= (1 if self.sender.can_look_up else 2 + self.crashes)
            if count == 2:
                assert rows[(broadcast_id, chat)].ambiguous

    async def _rows(self) -> dict[tuple[str, str], object]:
        found = {}
        for broadcast in await self.store.broadcasts.recent(1000):
            for d in await self.store.deliveries.for_broadcast(broadcast.id):
                chat = next(c.chat_id for c in self.channels if c.id == d.channel_id)
                found[(f"b{broadcast.id}", chat)] = d
        return found

    def teardown(self) -> None:
        try:
            self.sender.script.clear()
            for _ in range(30):
                self.run(self._work(50, crash=False))
                self.clock.advance(timedelta(seconds=10))
            rows = self.run(self._rows())
            for key, delivery in rows.items():
                assert delivery.state.settled, delivery  # type: ignore[attr-defined]
                copies = self.sender.receipts[key]
                if delivery.state is DeliveryState.SENT:  # type: ignore[attr-defined]
                    assert copies >= 1
            extra = sum(n - 1 for n in self.sender.receipts.values() if n > 1)
            assert extra <= self.crashes * OPTIONS.max_in_flight + self.lost_replies
        finally:
            self.loop.close()


class LookedUpOutbox(Outbox):
    def make_sender(self) -> FakeSender:
        return LookingUpSender()


Outbox.TestCase.settings = settings(max_examples=30, stateful_step_count=10, deadline=None)
LookedUpOutbox.TestCase.settings = Outbox.TestCase.settings
TestOutbox = Outbox.TestCase
TestLookedUpOutbox = LookedUpOutbox.TestCase
