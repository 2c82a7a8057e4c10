"""Pacing sends at each platform's limits, measured from when each send actually left and
when its answer came back, never from a slot planned in advance.

Telegram: 30 messages/s for the bot, 20/min per group, 1/s per private chat.
Slack: 1 message/s per channel; our own 10/s across a workspace.

A platform counts a message when it processes it: some moment between our request leaving
and its answer arriving, which varies with the network. So, for one chat, a send leaves
only when the one before it has been answered and the chat's window (plus a margin) has
passed since that answer: however late a send left and however long it took, no two reach
the chat closer than the platform allows. For the whole bot, where waiting for each answer
would halve the rate, each send is counted over the window (plus the margin) from when it
left while it is in the air, then from its answer less the quickest of the last thousand
round trips: the latest moment the platform can have counted it, given that the sends after
it are not processed sooner than the quickest. A send answered late (processed late, under
load) then cannot bunch with the sends after it (tests/test_pacing.py). A send that timed
out is counted from when it left plus the spread of recent round trips (the latest it can
have been processed, if it was processed at once; whether and when it was is unknown; see
the README's *Fault run*). A send the platform
refused outright (429, 5xx, never connected) is taken off the count: the platform did not
count it either. A 429 pauses its chat for `retry_after`, and the whole bot if the sends
around it show the limit was the bot's (bot/delivery/reach.py); the whole bot pauses too
when most recent sends met one (our count is then wrong: another process on the token, or a
stricter limit). A 429 on one chat does not stall the rest.

Replies and broadcasts share one pacer per platform (App.pacers).
"""

from __future__ import annotations

import asyncio
import bisect
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType

from bot.core.models import Channel, ChatKind, Platform
from bot.delivery.ports import SendResult, Verdict
from bot.delivery.reach import Reach

MARGIN = 0.02  # seconds added to a chat's window (counted from answers: a spare margin)
# Seconds added to the bot's window: all it must cover is how much the quickest round trip
# known exceeds the quickest possible (departures are stamped before the request is written,
# answers after they are read: both on the safe side). See the README's *Fault run*.
BOT_MARGIN = 0.02  # 10 ms was tried: no gain measured (README)
QUICKEST_KEPT = 1024  # counted round trips over which the quickest is taken
QUICKEST_KNOWN = 8  # until this many are known, a send is counted from its answer
# Sends leave at least a quarter of an even interval apart: no bursts. Half, as until
# 1 December, bound a Slack send's wait more than a quarter of the time in the fault run: a
# place freed just after a send left (a refusal, a send counted from its late answer) was
# taken up to half an interval late, and the window repeats that delay every second after
# (Slack 0.946 of its limit at half, 0.955 at a quarter: benchmarks/FAULTS.md).
SMOOTHING = 0.25
SLACK_WORKSPACE_RATE = 10.0  # messages/s across a workspace (≈600 a minute)
ROUND_TRIPS_KEPT = 32
AIR_KEPT = 128  # recent sends whose mean time in the air sizes the in-flight window
MIN_PAUSE = 0.5  # seconds: the least a 429 pauses, whatever retry_after said
FLOOD_SENDS = 20  # a 429 on most of the last this many sends pauses the whole bot
CHATS_KEPT = 10_000  # chats remembered before idle ones are forgotten
# A send with no answer after TIMEOUT_TRIPS times the 95th percentile of recent round trips
# is presumed hung (at least TIMEOUT_FLOOR, at most the client's own timeout): a hung request
# then holds its slot for about a second, not the client's ten. If more than TIMEOUT_SHARE
# of recent sends timed out, the platform is slow rather than hung: the client's own timeout
# (never exceeded either way).
TIMEOUT_TRIPS = 8
TIMEOUT_FLOOR = 1.0
TIMEOUT_CEILING = 10.0
TIMEOUT_SHARE = 0.2
TIMEOUTS_KEPT = 64
# A send that left its shared turn too late (a stalled process) takes a new one; after this
# many it goes anyway rather than never (a process always that late is its own problem).
RETAKES = 10


@dataclass(frozen=True)
class Limits:
    per_bot: tuple[int, float] | None  # (messages, seconds) for the whole bot; None: no limit
    per_group: tuple[int, float] | None  # (messages, seconds) per group chat or channel
    per_dm: tuple[int, float] | None  # (messages, seconds) per private chat

    @property
    def rate(self) -> float | None:
        """Messages per second allowed for the whole bot."""
        return self.per_bot[0] / self.per_bot[1] if self.per_bot else None

    @classmethod
    def for_platform(cls, platform: Platform, unlimited: bool = False) -> Limits:
        if platform is Platform.TELEGRAM:
            return cls(None if unlimited else (30, 1.0), (20, 60.0), (1, 1.0))
        if platform is Platform.SLACK:
            # 1/s per channel; Slack also caps a workspace at "several hundred a minute".
            bot = None if unlimited else (int(SLACK_WORKSPACE_RATE), 1.0)
            return cls(bot, (1, 1.0), (1, 1.0))
        return cls(None, None, None)


@dataclass
class _Chat:
    """One chat's record: its sends go one at a time (the lock is held until the answer)."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    answered: deque[float] = field(default_factory=deque)
    paused_until: float = 0.0
    left_at: float | None = None  # when the request under way to it left; None: none is


class Turn:
    """One send's turn: `async with pacer.turn(channel) as turn:` around one API call.

    Entering waits until the send may leave and records when it did; leaving records when
    the answer came. `turn.refused()` says the platform certainly did not count it.
    """

    def __init__(self, pacer: Pacer, channel: Channel) -> None:
        self.pacer, self.channel = pacer, channel
        self.chat = pacer.chat(channel)
        self.left = 0.0
        self.timeout = pacer.send_timeout()  # seconds to wait for the answer
        self.verdict = Verdict.SENT  # what the platform answered, once told
        self._counted = True
        self._timed_out = False
        self._told = False  # whether the answer was reported to the flood count

    def told(self, result: SendResult) -> None:
        """What the platform answered: a refusal is taken off the count, and a 429 pauses
        the chat (and, if the platform says so or most recent sends met one, the bot)
        before anything else can go to it."""
        if result.verdict.refused:
            self._counted = False
        self.verdict = result.verdict
        self._timed_out = result.verdict is Verdict.AMBIGUOUS
        too_many = result.verdict is Verdict.RETRY_AFTER
        self.pacer.too_many(too_many)
        self._told = True
        if too_many:
            wait = max(result.retry_after, MIN_PAUSE)
            self.pacer.pause_chat(self.channel, wait)
            if result.whole_bot or self.pacer.flooded():
                self.pacer.pause_all(wait)
            else:
                self.pacer.heard_429(self, wait)

    async def __aenter__(self) -> Turn:
        await self.chat.lock.acquire()
        try:
            for attempt in range(RETAKES + 1):
                turn_at = await self.pacer.wait_turn(self.channel)
                await self.pacer.wait_for_chat(self.chat, self.channel)
                if attempt == RETAKES or not self.pacer.missed(turn_at):
                    break
                self.pacer.retaken += 1
            self.left = self.chat.left_at = await self.pacer.leave(self.chat)
            self.pacer.flying.add(self)
            self.timeout = self.pacer.send_timeout()
        except BaseException:
            self.chat.lock.release()
            raise
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if not self._told:  # answered without complaint: no 429 either
            self.pacer.too_many(False)
        self.pacer.answered(self, self._counted, self._timed_out)


class Pacer:
    def __init__(self, limits: Limits, now: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._now = now
        self._chats: dict[str, _Chat] = {}
        self._sweep_above = CHATS_KEPT  # chats known before idle ones are looked for
        self._bot = asyncio.Lock()
        self._room = asyncio.Event()  # set when a send is taken off the count
        # Counted sends, earliest first: when each left, or (once answered) its answer came.
        self._left: deque[float] = deque()
        self._last_left = -math.inf
        self._paused_until = 0.0
        self.reach = Reach()  # whose limit a 429 was: a chat's, or the bot's
        self.flying: set[Turn] = set()  # sends in the air
        self._trips: deque[float] = deque(maxlen=ROUND_TRIPS_KEPT)
        self._quickest = Quickest(QUICKEST_KEPT)
        self._sorted: list[float] | None = None  # _trips in order, until the next one
        self._timeout: tuple[float | None] | None = None  # send_timeout(), until the next
        self._airs: deque[float] = deque(maxlen=AIR_KEPT)
        self._refused: deque[bool] = deque(maxlen=ROUND_TRIPS_KEPT * 4)
        self._429s: deque[bool] = deque(maxlen=FLOOD_SENDS)
        self._timeouts: deque[bool] = deque(maxlen=TIMEOUTS_KEPT)
        self.retaken = 0  # shared turns missed and taken again (bot/cluster/budget.py)

    def turn(self, channel: Channel) -> Turn:
        return Turn(self, channel)

    # --- one chat ---------------------------------------------------------------------------

    def chat(self, channel: Channel) -> _Chat:
        key = f"{channel.platform.value}:{channel.chat_id}"
        found = self._chats.get(key)
        if found is None:
            if len(self._chats) > self._sweep_above:
                self._forget_idle_chats()
            found = self._chats[key] = _Chat()
        return found

    def _forget_idle_chats(self) -> None:
        """Chats with nothing under way and no send in the last minute are forgotten. The
        next sweep waits until as many chats again are known: a broadcast to tens of
        thousands of chats answered within the minute frees none, and sweeping them all on
        every new chat blocked the event loop for seconds (and the lease's renewal with it)."""
        now = self._now()
        for key, chat in list(self._chats.items()):
            if not chat.lock.locked() and (not chat.answered or chat.answered[-1] < now - 60):
                del self._chats[key]
        self._sweep_above = max(CHATS_KEPT, 2 * len(self._chats))

    def _chat_limit(self, channel: Channel) -> tuple[int, float] | None:
        return self.limits.per_dm if channel.kind is ChatKind.DM else self.limits.per_group

    def chat_wait(self, chat: _Chat, channel: Channel) -> float:
        """Seconds until a send to this chat may leave (its previous sends all answered)."""
        now = self._now()
        wait = chat.paused_until - now
        limit = self._chat_limit(channel)
        if limit is not None:
            count, window = limit
            while len(chat.answered) > count:
                chat.answered.popleft()
            if len(chat.answered) >= count:
                wait = max(wait, chat.answered[-count] + window + MARGIN - now)
        return wait

    async def wait_for_chat(self, chat: _Chat, channel: Channel) -> None:
        if self.chat_wait(chat, channel) > 0:  # no closure or coroutine when none is needed
            await _until(lambda: self.chat_wait(chat, channel))

    async def wait_turn(self, channel: Channel) -> float | None:
        """Before this pacer's own waits: a turn shared with other processes on the same
        token, where there is one (bot/cluster/budget.py); returns the moment the turn was
        for (time.monotonic), or None: here, none."""
        return None

    def missed(self, turn_at: float | None) -> bool:
        """Whether the send is now too late for its shared turn, and must take another."""
        return False

    # --- the whole bot ----------------------------------------------------------------------

    def in_air(self, channel: Channel) -> float | None:
        """Seconds since the request under way to this chat left (None: none has left)."""
        found = self._chats.get(f"{channel.platform.value}:{channel.chat_id}")
        if found is None or found.left_at is None:
            return None
        return self._now() - found.left_at

    def round_trip(self) -> float:
        """The median of recent round trips (0 before any send)."""
        if not self._trips:
            return 0.0
        return self.ordered_trips()[len(self._trips) // 2]

    def ordered_trips(self) -> list[float]:
        """Recent round trips in order, sorted once per new one (several figures read them
        for every send)."""
        if self._sorted is None:
            self._sorted = sorted(self._trips)
        return self._sorted

    def time_in_air(self) -> float:
        """The mean time recent sends spent in the air, from leaving to their answer or to
        being given up (0 before any). Unlike the round trip this counts the rare send that
        hung until its timeout: one in thirty holding its place for a second adds a third to
        an 80 ms round trip, and a window sized without it starves the pacer."""
        return sum(self._airs) / len(self._airs) if self._airs else 0.0

    def send_timeout(self) -> float | None:
        """How long a send waits for its answer before it is presumed hung (and in doubt):
        TIMEOUT_TRIPS × the 95th percentile of recent round trips, within TIMEOUT_FLOOR and
        TIMEOUT_CEILING. None (the client's own timeout) until enough round trips are known,
        or while many recent sends timed out: the platform is slow, not hung, and a shorter
        wait would only put more sends in doubt. Worked out once per answer (every send
        asks twice)."""
        if self._timeout is None:
            self._timeout = (self._send_timeout(),)
        return self._timeout[0]

    def _send_timeout(self) -> float | None:
        if len(self._trips) < ROUND_TRIPS_KEPT // 4:
            return None
        if sum(self._timeouts) > TIMEOUT_SHARE * len(self._timeouts):
            return None
        trips = self.ordered_trips()
        p95 = trips[math.ceil(len(trips) * 0.95) - 1]
        return min(TIMEOUT_CEILING, max(TIMEOUT_FLOOR, TIMEOUT_TRIPS * p95))

    def accepted_share(self) -> float:
        """The share of recent sends the platform counted (not refused outright)."""
        if not self._refused:
            return 1.0
        return max(0.25, 1.0 - sum(self._refused) / len(self._refused))

    def bot_wait(self) -> float:
        now = self._now()
        wait = max(self._paused_until, self.reach.hold(now)) - now
        if self.limits.per_bot is None:
            return wait
        count, window = self.limits.per_bot
        span = window + BOT_MARGIN
        while self._left and self._left[0] <= now - span:
            self._left.popleft()
        if len(self._left) >= count:
            wait = max(wait, self._left[-count] + span - now)
        return max(wait, self._last_left + SMOOTHING * span / count - now)

    async def leave(self, chat: _Chat | None = None) -> float:
        """Wait for the bot's turn (first come, first served), then leave: returns when."""
        async with self._bot:
            if self.bot_wait() > 0:
                await _until(self.bot_wait, self._room)
            now = self._now()
            if self.limits.per_bot is not None:
                self._left.append(now)
            self._last_left = now
            self.reach.left(chat, now)
            return now

    def answered(self, turn: Turn, counted: bool, timed_out: bool = False) -> None:
        now = self._now()
        turn.chat.left_at = None
        self.flying.discard(turn)
        if self.reach.answered(turn.chat, turn.left, now, turn.verdict):
            self._room.set()
        self._airs.append(now - turn.left)
        if counted:
            turn.chat.answered.append(now)
            if not timed_out:
                self._trips.append(now - turn.left)
                self._sorted = None
                self._quickest.add(now - turn.left)
                self._counted_from(turn.left, now - self.quickest())
            else:
                self._counted_from(turn.left, turn.left + self.spread())
        elif turn.left in self._left:
            self._left.remove(turn.left)
            self._room.set()
        self._refused.append(not counted)
        self._timeouts.append(timed_out)
        self._timeout = None
        turn.chat.lock.release()

    def quickest(self) -> float:
        """The quickest of the last QUICKEST_KEPT counted round trips; 0 (an answered send
        counted from its answer) until QUICKEST_KNOWN are known. Over a long history, not
        the last 32: after a spell of slow answers (a loaded machine, a slow link back) the
        quickest of a few recent ones overstates how soon a send can be processed, and a
        quick answer after it would be counted too early."""
        return self._quickest.least() if self._quickest.seen >= QUICKEST_KNOWN else 0.0

    def spread(self) -> float:
        """How much later than the quickest a send can reach the platform: the slowest of
        recent round trips less the quickest. A send that timed out may have been processed
        that late after it left, and the sends after it as quickly as the quickest: counted
        from when it left, as until 1 December, one processed late under round trips of
        40-160 ms bunched with the sends a window after it (a 429 in the fault run)."""
        trips = self.ordered_trips()
        return max(0.0, trips[-1] - self.quickest()) if trips and self.quickest() else 0.0

    def _counted_from(self, left: float, latest: float) -> None:
        """An answered send is counted from the latest moment the platform can have counted
        it: its answer less the quickest recent round trip (no later, or the sends after it
        would have been answered sooner too). For most sends that is about when they left;
        a send answered late is counted later by as much."""
        if self.limits.per_bot is None or latest <= left:
            return
        at = bisect.bisect_left(self._left, left)
        if at < len(self._left) and self._left[at] == left:
            del self._left[at]
        bisect.insort(self._left, latest)

    # --- told to slow down ------------------------------------------------------------------

    def too_many(self, happened: bool) -> None:
        self._429s.append(happened)

    def flooded(self) -> bool:
        """Most of the recent sends met a 429: whatever our count says, the platform's limit
        for the bot is lower (another process on the token, a stricter limit)."""
        return len(self._429s) >= FLOOD_SENDS // 2 and sum(self._429s) * 2 > len(self._429s)

    def pause_chat(self, channel: Channel, seconds: float) -> None:
        chat = self.chat(channel)
        chat.paused_until = max(chat.paused_until, self._now() + seconds)

    def pause_all(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._now() + seconds)

    def heard_429(self, turn: Turn, seconds: float) -> None:
        """A 429 on one chat: the sends that reach the platform after it will show whether
        it holds the whole bot (bot/delivery/reach.py). They left no sooner than the
        quickest round trip before it was heard, less the margin the count allows for; one
        of them answered already has said so (its 429 is not a new one)."""
        now = self._now()
        quickest = self.quickest()
        after = now - quickest + BOT_MARGIN if quickest else now
        if self.reach.shows(turn.chat, turn.left, now):
            return
        on_way = sum(1 for t in self.flying if t.chat is not turn.chat and t.left >= after)
        self.reach.heard(turn.chat, now + seconds, after, on_way)


class Quickest:
    """The least of the last `kept` values added, in constant time per value (a deque of
    the values that may yet be the least, increasing)."""

    def __init__(self, kept: int) -> None:
        self.kept, self.seen = kept, 0
        self._candidates: deque[tuple[int, float]] = deque()

    def add(self, value: float) -> None:
        while self._candidates and self._candidates[-1][1] >= value:
            self._candidates.pop()
        self._candidates.append((self.seen, value))
        self.seen += 1
        if self._candidates[0][0] <= self.seen - 1 - self.kept:
            self._candidates.popleft()

    def least(self) -> float:
        return self._candidates[0][1] if self._candidates else 0.0


async def _until(wait: Callable[[], float], woken: asyncio.Event | None = None) -> None:
    """Sleep until `wait()` says no more: what it waits for may move while we sleep (a 429
    pauses the chat), so it is asked again after every sleep; and where it may come sooner
    (a refused send taken off the bot's count frees its place at once), `woken` cuts the
    sleep short. Without it, a send waiting for the oldest send to age out of the window
    slept on past the room a refusal made: in the fault run 15% of sends are refused."""
    while True:
        seconds = wait()
        if seconds <= 0:
            return
        if woken is None:
            await asyncio.sleep(seconds)
            continue
        woken.clear()
        timer = asyncio.get_running_loop().call_later(seconds, woken.set)
        try:
            await woken.wait()
        finally:
            timer.cancel()
