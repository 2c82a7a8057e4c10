"""One budget per bot token across replicas: two replicas' pacers on one PostgreSQL database
send, together, no faster than the platform allows, to the bot and to each chat; a 429 seen
by one holds back the other."""

from __future__ import annotations

import asyncio
import time
from itertools import pairwise

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.cluster.budget import LATE, PgBudget, SharedPacer, Taken
from bot.core.models import Channel, ChatKind, Platform
from bot.delivery.pacing import Limits
from bot.storage.database import create_engine
from tests.conftest import PG_URL

pytestmark = [
    pytest.mark.skipif(PG_URL is None, reason="TEST_POSTGRES_URL is not set"),
    pytest.mark.parametrize("sql_url", ["postgres"], indirect=True),
]


class Planned(PgBudget):
    """The shared schedule as it is handed out: when each send may leave, on the database's
    clock (what the platform sees, give or take each machine's wake-up and the network)."""

    def __init__(self, engine: AsyncEngine, plan: list[float]) -> None:
        super().__init__(engine)
        self.plan = plan
        self.taken: dict[asyncio.Task[object] | None, float] = {}  # each send's last moment

    async def take(self, bot: str, bot_gap: float, chat: str, chat_gap: float) -> Taken:
        taken = await super().take(bot, bot_gap, chat, chat_gap)
        self.plan.append(taken.slot.timestamp())
        self.taken[asyncio.current_task()] = taken.asked + (taken.slot - taken.now).total_seconds()
        return taken


def dm(chat: int) -> Channel:
    return Channel(0, Platform.TELEGRAM, str(chat), ChatKind.DM)


async def replica(pacer: SharedPacer, chats: list[int], times: list[float]) -> None:
    for chat in chats:
        await pacer.wait_turn(dm(chat))
        times.append(time.monotonic())


def most_in_a_second(times: list[float]) -> int:
    times = sorted(times)
    return max(sum(1 for t in times if start <= t < start + 1.0) for start in times)


async def test_two_replicas_share_the_bot_rate(sql_url: str) -> None:
    engines = [create_engine(sql_url) for _ in range(2)]
    limits = Limits.for_platform(Platform.TELEGRAM)
    try:
        plan: list[float] = []
        pacers = [SharedPacer(limits, Platform.TELEGRAM, Planned(e, plan)) for e in engines]
        times: list[float] = []
        started = time.monotonic()
        await asyncio.gather(
            replica(pacers[0], list(range(1, 46)), times),
            replica(pacers[1], list(range(101, 146)), times),
        )
        took = time.monotonic() - started
    finally:
        for engine in engines:
            await engine.dispose()
    assert most_in_a_second(plan) <= 30
    assert len(times) / took <= 30.0  # each alone would go at 29.4/s: 58.8/s together


async def test_a_chat_and_a_429_are_shared(sql_url: str) -> None:
    engines = [create_engine(sql_url) for _ in range(2)]
    limits = Limits.for_platform(Platform.TELEGRAM)
    try:
        plan: list[float] = []
        a, b = (SharedPacer(limits, Platform.TELEGRAM, Planned(e, plan)) for e in engines)
        times: list[float] = []
        await asyncio.gather(replica(a, [7, 7], times), replica(b, [7, 7], times))
        ordered = sorted(plan)
        gaps = [later - earlier for earlier, later in pairwise(ordered)]
        assert min(gaps) >= 0.95  # one DM: about one message a second, whoever sends
        a.pause_all(2.0)  # a's send got 429 retry_after=2 for the whole bot
        await asyncio.sleep(0.2)  # the pause reaches the database
        paused = time.monotonic()
        await b.wait_turn(dm(8))
        assert time.monotonic() - paused >= 1.5
    finally:
        for engine in engines:
            await engine.dispose()


async def test_a_send_woken_late_takes_a_new_moment(sql_url: str) -> None:
    """A stalled process (a leader taking over, a busy machine) wakes its waiting sends all
    at once, after their moments: sent then, they would bunch with the other replicas' sends
    that keep to theirs (the cluster test once saw 32 in a second). Each takes a new moment
    instead, so every send leaves within LATE of the moment it holds."""
    engine = create_engine(sql_url)
    try:
        plan: list[float] = []
        budget = Planned(engine, plan)
        pacer = SharedPacer(Limits.for_platform(Platform.TELEGRAM), Platform.TELEGRAM, budget)
        late: list[float] = []

        async def send(chat: int) -> None:
            async with pacer.turn(dm(chat)) as turn:
                late.append(turn.left - budget.taken[asyncio.current_task()])

        async def stall() -> None:
            # every send holds its moment (25/s: 1.2 s in all); polled, the budget has no event
            while len(budget.taken) < 30:  # noqa: ASYNC110
                await asyncio.sleep(0.002)
            time.sleep(0.4)  # noqa: ASYNC251 (the point: the whole process stops)

        await asyncio.gather(stall(), *(send(chat) for chat in range(1, 31)))
    finally:
        await engine.dispose()
    assert pacer.retaken >= 5  # the stall fell across about 10 sends' moments
    assert max(late) <= LATE + 0.03, f"a send left {max(late):.3f} s after its moment"

