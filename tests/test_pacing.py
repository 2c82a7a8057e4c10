"""The pacer never makes the bot the cause of a 429 (RELIABILITY.md rows 7–8).

A simulation with random send latencies: each send "arrives" at a random moment between
leaving and being answered, as a platform's request handling does. Whatever the latencies,
no two sends reach one chat closer than the chat's limit; a refused send is taken off the
bot's count; a 429 pauses the chat before anything else can go to it.
"""

from __future__ import annotations

import asyncio
import bisect
import itertools
import random
import time
from collections import defaultdict, deque

import pytest

from bot.core.models import Channel, ChatKind, Platform
from bot.delivery.pacing import (
    CHATS_KEPT,
    TIMEOUT_CEILING,
    TIMEOUT_FLOOR,
    TIMEOUT_TRIPS,
    Limits,
    Pacer,
    Quickest,
    Turn,
)
from bot.delivery.ports import SendResult, Verdict

WINDOW = 0.05  # a chat may take one message per 50 ms in these runs (Telegram: one a second)


def _chats(count: int, kind: ChatKind = ChatKind.DM) -> list[Channel]:
    return [Channel(i + 1, Platform.TELEGRAM, str(1000 + i), kind) for i in range(count)]


async def _simulate(seed: int, sends: int, chats: list[Channel], pacer: Pacer) -> dict[str, list]:
    rng = random.Random(seed)
    arrivals: defaultdict[str, list[float]] = defaultdict(list)

    async def one(channel: Channel) -> None:
        async with pacer.turn(channel):
            before, after = rng.uniform(0, 0.04), rng.uniform(0, 0.04)
            await asyncio.sleep(before)
            arrivals[channel.chat_id].append(time.monotonic())
            await asyncio.sleep(after)

    await asyncio.gather(*(one(rng.choice(chats)) for _ in range(sends)))
    return arrivals


@pytest.mark.parametrize("seed", range(5))
async def test_no_two_sends_reach_a_chat_closer_than_its_limit(seed: int) -> None:
    """Latencies from 0 to 80 ms against a 50 ms limit: measured from when a send was
    reserved, or from when it left, sends would bunch; from the answer, they cannot."""
    pacer = Pacer(Limits(None, (1, WINDOW), (1, WINDOW)))
    arrivals = await _simulate(seed, 60, _chats(4), pacer)
    assert sum(len(a) for a in arrivals.values()) == 60
    for times in arrivals.values():
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert min(gaps, default=WINDOW) >= WINDOW


async def test_group_window_counts_answers() -> None:
    """Telegram's 20 a minute per group, scaled down: 3 per 150 ms."""
    pacer = Pacer(Limits(None, (3, 0.15), None))
    arrivals = await _simulate(7, 30, _chats(2, ChatKind.GROUP), pacer)
    for times in arrivals.values():
        for i in range(len(times) - 3):
            assert times[i + 3] - times[i] >= 0.15


async def _departures(pacer: Pacer, refuse_every: int) -> list[float]:
    left: list[float] = []

    async def one(index: int, channel: Channel) -> None:
        async with pacer.turn(channel) as turn:
            left.append(time.monotonic())
            await asyncio.sleep(0.001)
            if refuse_every and index % refuse_every == 0:
                turn.told(SendResult(Verdict.TRANSIENT, "502"))

    await asyncio.gather(*(one(i, c) for i, c in enumerate(_chats(20))))
    return left


async def test_the_bot_rate_holds_and_refused_sends_are_not_counted() -> None:
    counted = await _departures(Pacer(Limits((5, 0.2), None, None)), refuse_every=0)
    for i in range(len(counted) - 5):
        assert counted[i + 5] - counted[i] >= 0.2  # never 6 in a window
    half_refused = await _departures(Pacer(Limits((5, 0.2), None, None)), refuse_every=2)
    # The platform did not count the refused ones: the others need not wait for them.
    assert half_refused[-1] - half_refused[0] < 0.75 * (counted[-1] - counted[0])


async def test_a_429_pauses_the_chat_before_its_next_send() -> None:
    pacer = Pacer(Limits(None, (1, 0.01), (1, 0.01)))
    chat = _chats(1)[0]
    left: list[float] = []

    async def one(first: bool) -> None:
        async with pacer.turn(chat) as turn:
            left.append(time.monotonic())
            if first:
                turn.told(SendResult(Verdict.RETRY_AFTER, "429", retry_after=0.6))

    await asyncio.gather(one(True), one(False))
    assert left[1] - left[0] >= 0.6


async def test_429s_pause_their_chat_and_the_bot_only_when_most_sends_meet_one() -> None:
    async def sends(pacer: Pacer, too_many: set[int]) -> None:
        for i, chat in enumerate(_chats(20)):
            async with pacer.turn(chat) as turn:
                if i in too_many:
                    turn.told(SendResult(Verdict.RETRY_AFTER, "429", retry_after=0.5))

    one = Pacer(Limits(None, (1, 0.01), (1, 0.01)))
    await sends(one, {19})
    assert one.bot_wait() <= 0 and one.chat_wait(one.chat(_chats(20)[19]), _chats(20)[19]) > 0.3
    most = Pacer(Limits(None, (1, 0.01), (1, 0.01)))
    await sends(most, set(range(5, 20)))
    assert most.bot_wait() > 0.3


async def test_an_occasional_429_among_good_sends_never_pauses_the_bot() -> None:
    """One send in ten meets a 429 (the fault run's mix): only its chat waits. Sends that
    went through count as sends without a 429, so the bot is never taken to be flooded."""
    pacer = Pacer(Limits(None, (1, 0.001), (1, 0.001)))
    chats = _chats(100)
    for i, chat in enumerate(chats):
        async with pacer.turn(chat) as turn:
            if i % 10 == 9:
                turn.told(SendResult(Verdict.RETRY_AFTER, "429", retry_after=0.5))
        assert pacer.bot_wait() <= 0, f"the bot was paused after send {i}"
    assert not pacer.flooded()


async def _timeout_after(trip: float, timed_out: int = 0, sends: int = 40) -> float | None:
    """The send timeout a pacer arrives at after `sends` sends answered in `trip` seconds
    each, the first `timed_out` of them timing out instead (a clock of its own: no sleeps)."""
    clock = [0.0]
    pacer = Pacer(Limits(None, None, None), now=lambda: clock[0])
    for i, chat in enumerate(_chats(sends)):
        async with pacer.turn(chat) as turn:
            clock[0] += trip
            if i < timed_out:
                turn.told(SendResult(Verdict.AMBIGUOUS, "timed out"))
    return pacer.send_timeout()


async def test_the_send_timeout_follows_the_measured_round_trip() -> None:
    """A hung request holds a slot until its timeout: at 80 ms round trips that is the floor
    (a second), not the client's ten; slower round trips wait proportionally longer."""
    assert Pacer(Limits(None, None, None)).send_timeout() is None  # nothing known: the client's
    assert await _timeout_after(0.08) == TIMEOUT_FLOOR
    slow = await _timeout_after(0.5)
    assert TIMEOUT_FLOOR < slow < TIMEOUT_CEILING
    assert slow == pytest.approx(TIMEOUT_TRIPS * 0.5)
    assert await _timeout_after(3.0) == TIMEOUT_CEILING


async def test_many_timeouts_mean_a_slow_platform_and_the_clients_own_timeout() -> None:
    """An occasional hung request (the fault run's 3%) keeps the short timeout; when many
    recent sends timed out, the answers are late rather than lost: waiting only a few round
    trips would put every send in doubt, so the client's own timeout is used (None)."""
    assert await _timeout_after(0.08, timed_out=2) == TIMEOUT_FLOOR
    assert await _timeout_after(0.08, timed_out=30, sends=60) is None


def test_idle_chats_are_forgotten_a_sweep_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past CHATS_KEPT chats, those idle for a minute are forgotten; a sweep that frees
    none (a broadcast's chats, all answered within the minute) is not repeated for every
    new chat, only once as many chats again are known."""
    clock = [0.0]
    pacer = Pacer(Limits(None, None, (1, 1.0)), now=lambda: clock[0])
    sweeps: list[int] = []
    sweep = pacer._forget_idle_chats

    def counted() -> None:
        sweeps.append(len(pacer._chats))
        sweep()

    monkeypatch.setattr(pacer, "_forget_idle_chats", counted)
    chats = _chats(3 * CHATS_KEPT)
    for channel in chats[: 2 * CHATS_KEPT]:
        pacer.chat(channel).answered.append(clock[0])
    assert sweeps == [CHATS_KEPT + 1]  # it found every chat answered just now
    clock[0] = 61.0
    for channel in chats[2 * CHATS_KEPT :]:
        pacer.chat(channel).answered.append(clock[0])
    assert sweeps == [CHATS_KEPT + 1, 2 * (CHATS_KEPT + 1) + 1]
    # The minute-old chats went; those answered since are all still known.
    assert len(pacer._chats) == CHATS_KEPT
    assert all(pacer.chat(c).answered == deque([61.0]) for c in chats[2 * CHATS_KEPT :])


async def test_a_refused_send_frees_its_place_at_once() -> None:
    """A send waiting for the bot's window leaves as soon as a send ahead of it is refused
    (taken off the count), not when the sleep it began for the window's end is over."""
    clock = [0.0]
    pacer = Pacer(Limits((2, 10.0), None, None), now=lambda: clock[0])
    first, second, third = (pacer.turn(chat) for chat in _chats(3))
    await first.__aenter__()
    clock[0] = 3.0  # past the smoothing gap: the second may leave, the window is then full
    await second.__aenter__()
    waiting = asyncio.create_task(third.__aenter__())
    await asyncio.sleep(0.05)
    assert not waiting.done()  # two sends in the last ten seconds: it sleeps seven more
    clock[0] = 6.0
    first.told(SendResult(Verdict.TRANSIENT, "Bad Gateway"))
    await first.__aexit__(None, None, None)
    await asyncio.wait_for(waiting, 3.0)  # woken by the refusal, not after its 7 s sleep
    assert third.left == 6.0
    for turn in (second, third):
        await turn.__aexit__(None, None, None)


async def _bot_arrivals(seed: int, sends: int, count: int, window: float) -> list[float]:
    """Sends to as many chats at once through a pacer of `count` a `window` for the whole
    bot; each "arrives" up to 20 ms after leaving, and one in ten 80 ms later still (the
    platform slow to process it, under load). When each arrived, in order."""
    rng = random.Random(seed)
    pacer = Pacer(Limits((count, window), None, None))
    arrivals: list[float] = []
    chats = _chats(sends, ChatKind.GROUP)

    async def one() -> None:
        while chats:
            async with pacer.turn(chats.pop()):
                late = 0.08 if rng.random() < 0.1 else 0.0
                await asyncio.sleep(rng.uniform(0, 0.02) + late)
                arrivals.append(time.monotonic())
                await asyncio.sleep(rng.uniform(0, 0.02))

    await asyncio.gather(*(one() for _ in range(12)))
    return sorted(arrivals)


@pytest.mark.parametrize("seed", range(8))
async def test_no_more_sends_reach_the_platform_in_a_window_than_its_limit(seed: int) -> None:
    """The bot's limit holds where the platform counts, however late it processes a send:
    counted from when sends left over a window widened by the spread of round trips, one
    send in ten processed 80 ms late let six into a window of five in four of these eight."""
    count, window = 5, 0.2
    arrivals = await _bot_arrivals(seed, 80, count, window)
    assert len(arrivals) == 80
    most = max(bisect.bisect_left(arrivals, at + window) - i for i, at in enumerate(arrivals))
    assert most <= count


async def _jittery_arrivals(seed: int, count: int, window: float) -> list[float]:
    """Sends to as many chats at once through a pacer of `count` a `window` for the whole
    bot; each processed up to 40 ms after it leaves (one in ten 80 ms later still) and
    answered up to 40 ms after that, the two drawn apart. When each was processed, in order."""
    rng = random.Random(seed)
    pacer = Pacer(Limits((count, window), None, None))
    arrivals: list[float] = []
    chats = _chats(120, ChatKind.GROUP)

    async def one() -> None:
        while chats:
            async with pacer.turn(chats.pop()):
                late = 0.08 if rng.random() < 0.1 else 0.0
                await asyncio.sleep(rng.uniform(0, 0.04) + late)
                arrivals.append(time.monotonic())
                await asyncio.sleep(rng.uniform(0, 0.04))

    await asyncio.gather(*(one() for _ in range(12)))
    return sorted(arrivals)


@pytest.mark.parametrize("seed", [1, 5, 6, 8])
async def test_the_quickest_round_trip_is_taken_over_a_long_history(seed: int) -> None:
    """Forward and return times drawn apart: the quickest of the last 32 round trips
    overstates the quickest possible (both legs quick at once), so a send processed late
    and answered quickly was counted too early. Taken over the last QUICKEST_KEPT, no
    window gets more than its limit; over the last 32, as until 1 December, six reached a
    window of five in 4 of 12 seeds (these four)."""
    count, window = 5, 0.2
    arrivals = await _jittery_arrivals(seed, count, window)
    assert len(arrivals) == 120
    most = max(bisect.bisect_left(arrivals, at + window) - i for i, at in enumerate(arrivals))
    assert most <= count


def test_the_quickest_is_the_least_of_the_last_kept() -> None:
    rng = random.Random(3)
    quickest, added = Quickest(16), []
    for _ in range(500):
        added.append(rng.uniform(0.05, 0.2))
        quickest.add(added[-1])
        assert quickest.least() == min(added[-16:])


async def _after_a_429(clock: list[float]) -> tuple[Pacer, list[Turn]]:
    """A 429 on the first of four chats, heard at 1.0 with no other send on its way, and
    the one send let go to find out whose limit it was (the second)."""
    pacer = Pacer(Limits((100, 1.0), None, None), now=lambda: clock[0])
    turns = [pacer.turn(chat) for chat in _chats(4)]
    await turns[0].__aenter__()
    clock[0] = 1.0
    turns[0].told(SendResult(Verdict.RETRY_AFTER, "Too Many Requests", retry_after=5.0))
    await turns[0].__aexit__(None, None, None)
    await turns[1].__aenter__()  # the one that finds out
    return pacer, turns


async def test_a_429_holds_the_bot_until_a_send_to_another_chat_is_accepted() -> None:
    """Until a send that reached the platform after a 429 is answered, nothing more leaves:
    had the 429 held the whole bot, every send meanwhile would meet one. Once one is
    accepted the limit was the chat's: the bot goes on, and the next 429 holds nothing."""
    clock = [0.0]
    pacer, turns = await _after_a_429(clock)
    waiting = asyncio.create_task(turns[2].__aenter__())
    await asyncio.sleep(0.05)
    assert not waiting.done()
    clock[0] = 1.1
    await turns[1].__aexit__(None, None, None)  # accepted
    await asyncio.wait_for(waiting, 1.0)
    assert turns[2].left == 1.1 and pacer.reach.whole_bot is False
    turns[2].told(SendResult(Verdict.RETRY_AFTER, "Too Many Requests", retry_after=5.0))
    await turns[2].__aexit__(None, None, None)
    clock[0] = 1.2
    await asyncio.wait_for(turns[3].__aenter__(), 1.0)  # a chat's own 429: no hold
    await turns[3].__aexit__(None, None, None)


async def test_a_429_that_holds_the_bot_holds_it_for_its_whole_wait() -> None:
    """The send let go to find out met a 429 too: the limit is the bot's, and nothing more
    leaves until the first 429's wait is over."""
    clock = [0.0]
    pacer, turns = await _after_a_429(clock)
    waiting = asyncio.create_task(turns[2].__aenter__())
    clock[0] = 1.1
    turns[1].told(SendResult(Verdict.RETRY_AFTER, "Too Many Requests", retry_after=5.0))
    await turns[1].__aexit__(None, None, None)
    await asyncio.sleep(0.05)
    assert not waiting.done() and pacer.reach.whole_bot is True
    assert pacer.bot_wait() == pytest.approx(4.9)
    waiting.cancel()


async def test_a_send_that_timed_out_is_counted_as_late_as_it_can_have_arrived() -> None:
    """Round trips of 40 to 160 ms: a send that timed out may have reached the platform
    120 ms later than the quickest, and the sends after it may arrive as quickly as the
    quickest. It is counted from then, not from when it left (as until 1 December, when a
    fault run with such round trips met a 429)."""
    clock = [0.0]
    pacer = Pacer(Limits((3, 1.0), None, None), now=lambda: clock[0])
    chats = iter(_chats(20))
    for i in range(12):
        clock[0] = 2.0 * i
        turn = pacer.turn(next(chats))
        await turn.__aenter__()
        clock[0] += 0.04 if i % 2 else 0.16
        await turn.__aexit__(None, None, None)
    clock[0] = start = 30.0
    hung = pacer.turn(next(chats))
    await hung.__aenter__()
    for at in (0.2, 0.4):  # two more, answered at once: the window is then full
        clock[0] = start + at
        quick = pacer.turn(next(chats))
        await quick.__aenter__()
        clock[0] += 0.04
        await quick.__aexit__(None, None, None)
    clock[0] = start + 1.0
    hung.told(SendResult(Verdict.AMBIGUOUS, "timed out"))
    await hung.__aexit__(None, None, None)
    clock[0] = start + 1.05  # a window and its margin after it left: not yet
    assert pacer.bot_wait() == pytest.approx(0.09)
