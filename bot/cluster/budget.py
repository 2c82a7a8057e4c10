"""One budget per bot token across replicas: every send, a reply from any replica or a
delivery from the leader, takes its moment from the same schedule in PostgreSQL.

The schedule is the pacer's (bot/delivery/pacing.py) kept in a table: for the bot as a whole
and for each chat, the earliest moment its next send may leave. A reservation locks the bot's
row, then the chat's (always in that order: no deadlock), takes the later of now and both,
and moves both on by their gaps; the replica then waits until that moment. Times are the
database's clock, handed back as a delay, so replicas' clocks never meet. A 429 pushes the
bot's or the chat's row on for every replica. Chat keys are hashed (no member's id here), and
rows long past are pruned.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.models import Channel, ChatKind, Platform
from bot.delivery.pacing import MARGIN, Limits, Pacer

log = logging.getLogger(__name__)
PRUNE_EVERY = 60.0  # seconds between sweeps of rows long past

_LOCK = text("""
INSERT INTO pace (key, next_at) VALUES (:bot, to_timestamp(0)), (:chat, to_timestamp(0))
ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
RETURNING key, next_at, clock_timestamp() AS now
""")
_MOVE = text("""
UPDATE pace SET next_at = CASE WHEN key = :bot THEN CAST(:bot_next AS timestamptz)
                              ELSE CAST(:chat_next AS timestamptz) END
 WHERE key IN (:bot, :chat)
""")
_PAUSE = text("""
INSERT INTO pace (key, next_at) VALUES (:key, clock_timestamp() + make_interval(secs => :wait))
ON CONFLICT (key) DO UPDATE
   SET next_at = GREATEST(pace.next_at, clock_timestamp() + make_interval(secs => :wait))
""")
_PRUNE = text("""
DELETE FROM pace WHERE key LIKE '%:%' AND next_at < clock_timestamp() - interval '10 minutes'
""")


class Taken(NamedTuple):
    slot: datetime  # the moment taken, on the database's clock
    now: datetime  # the database's time when it was taken
    asked: float  # this process's time.monotonic() just after (see PgBudget.take)


def chat_key(platform: Platform, chat_id: str) -> str:
    digest = hashlib.sha256(f"{platform.value}:{chat_id}".encode()).hexdigest()[:24]
    return f"{platform.value}:{digest}"


class PgBudget:
    """The shared schedule on PostgreSQL."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._pruned = 0.0

    async def reserve(self, bot: str, bot_gap: float, chat: str, chat_gap: float) -> float:
        """Take the next moment both the bot and the chat may send: that moment on this
        process's clock (time.monotonic)."""
        taken = await self.take(bot, bot_gap, chat, chat_gap)
        return taken.asked + (taken.slot - taken.now).total_seconds()

    async def take(self, bot: str, bot_gap: float, chat: str, chat_gap: float) -> Taken:
        """The moment taken, the database's time when it was taken, and this process's time
        when the statement that read it had answered: no earlier than the database read its
        clock, so a send never leaves before its moment. (Halfway through the statement was
        tried: the statement waits for another replica's lock before it reads the clock, so
        halfway could be tens of milliseconds early, and sends left early bunched with the
        other replicas' and met a 429 in the cluster test.)"""
        async with self.engine.begin() as conn:
            rows = (await conn.execute(_LOCK, {"bot": bot, "chat": chat})).all()
            asked = time.monotonic()
            found: dict[str, datetime] = {row.key: row.next_at for row in rows}
            now: datetime = rows[0].now
            slot = max(now, *found.values())
            await conn.execute(
                _MOVE,
                {
                    "bot": bot,
                    "chat": chat,
                    "bot_next": slot + timedelta(seconds=bot_gap),
                    "chat_next": slot + timedelta(seconds=chat_gap),
                },
            )
            if time.monotonic() - self._pruned > PRUNE_EVERY:
                self._pruned = time.monotonic()
                await conn.execute(_PRUNE)
        return Taken(slot, now, asked)

    async def pause(self, key: str, seconds: float) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(_PAUSE, {"key": key, "wait": float(seconds)})


# Sends taken from the shared budget leave from several processes on different machines,
# whose departures jitter against each other on the way to the platform: a fifth of a window
# more than one process's margin (Telegram's 30/s handed out as 25/s across replicas). At
# 29.4/s the cluster test saw three 429s; at 27.3/s (a tenth), one or two in 2 runs of 7 at
# load average 5 (2 cores running 3 replicas, PostgreSQL, HAProxy and the stand-in), each
# with 30 arrivals in the second before it and the last 10 at the schedule's pace: arrivals
# jittered by more than the spare tenth on the way.
SHARED_MARGIN = max(MARGIN, 0.2)
# Seconds a send may leave after its moment in the shared schedule. Sends leaving up to
# 50 ms late add at most 25 × 0.05 ≈ 1.3 to a second's count, which leaves about 3.7 of the
# 5 spare for jitter on the way.
LATE = 0.05


def _gap(limit: tuple[int, float] | None) -> float:
    """Seconds between sends at an even pace within a limit of (messages, seconds), with
    the shared margin (Telegram's 30/s is handed out as 25/s)."""
    return (limit[1] + SHARED_MARGIN) / limit[0] if limit else 0.0


class SharedPacer(Pacer):
    """A pacer whose limits hold across replicas: each send first takes its moment from
    the shared budget, then this replica's own pacing (which also guards the per-second
    count against late wake-ups). Should the database fail, the replica paces alone."""

    def __init__(
        self,
        limits: Limits,
        platform: Platform,
        budget: PgBudget,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(limits, now)
        self.platform, self.budget = platform, budget
        self._tasks: set[asyncio.Task[None]] = set()
        self._warned = False

    def gaps(self, channel: Channel) -> tuple[float, float]:
        """Seconds between the bot's sends, and between sends to this chat."""
        limits = self.limits
        chat = limits.per_dm if channel.kind is ChatKind.DM else limits.per_group
        return _gap(limits.per_bot), _gap(chat)

    async def wait_turn(self, channel: Channel) -> float | None:
        bot_gap, chat_gap = self.gaps(channel)
        try:
            at = await self.budget.reserve(
                self.platform.value, bot_gap, chat_key(self.platform, channel.chat_id), chat_gap
            )
        except asyncio.CancelledError:
            raise
        except Exception as error:
            if not self._warned:
                log.warning("shared pacing unavailable (%s): pacing alone", type(error).__name__)
            self._warned = True
            return None
        self._warned = False
        delay = at - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        await super().wait_turn(channel)
        return at

    def missed(self, turn_at: float | None) -> bool:
        """Whether a send that woke for its moment in the shared schedule is now too late
        for it. Another replica's sends keep to their moments: a send leaving more than
        LATE after its own bunches with theirs (a process stalled at a leader's takeover
        would send all its waiting sends at once: tests/test_budget.py stalls one for
        0.4 s). It takes a new moment instead; the one it missed goes unused."""
        return turn_at is not None and time.monotonic() - turn_at > LATE

    def pause_chat(self, channel: Channel, seconds: float) -> None:
        super().pause_chat(channel, seconds)
        self._share(chat_key(self.platform, channel.chat_id), seconds)

    def pause_all(self, seconds: float) -> None:
        super().pause_all(seconds)
        self._share(self.platform.value, seconds)

    def _share(self, key: str, seconds: float) -> None:
        task = asyncio.get_running_loop().create_task(self._pause(key, seconds))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _pause(self, key: str, seconds: float) -> None:
        try:
            await self.budget.pause(key, seconds)
        except Exception as error:
            log.warning("a 429 not shared with other replicas (%s)", type(error).__name__)


def make_pacers(database: AsyncEngine | None) -> dict[Platform, Pacer]:
    """One pacer per platform token, shared by command replies and the delivery workers;
    on PostgreSQL shared with every other replica too."""
    platforms = (Platform.TELEGRAM, Platform.SLACK)
    if database is None or database.dialect.name != "postgresql":
        return {p: Pacer(Limits.for_platform(p)) for p in platforms}
    budget = PgBudget(database)
    return {p: SharedPacer(Limits.for_platform(p), p, budget) for p in platforms}
