"""The in-flight window (bot/delivery/slots.py): what bounds the sends a crash leaves in doubt."""

from __future__ import annotations

import asyncio

import pytest

from bot.core.models import Channel, ChatKind, Platform
from bot.delivery.pacing import Limits, Pacer
from bot.delivery.ports import SendResult, Verdict
from bot.delivery.slots import Slots, most_in_doubt, window
from tests.harness import eventually


def test_the_window_follows_the_cycle_up_to_the_cap() -> None:
    assert most_in_doubt(30.0) == 8 and most_in_doubt(10.0) == 3 and most_in_doubt(None) is None
    assert window(30.0, 0.0, 1.0, 8) == 1  # before anything is measured
    assert window(30.0, 0.1, 1.0, 8) == 5  # 80 ms round trip, 20 ms to claim and commit
    assert window(10.0, 0.15, 0.8, 3) == 3  # Slack in the fault run: 2 by the mean, one more
    assert window(30.0, 0.1, 0.5, 8) == 8  # half the sends refused: twice as many
    assert window(30.0, 2.0, 1.0, 8) == 8  # a starved machine: the cap holds
    assert window(None, 2.0, 1.0, 64) == 64


def test_the_cap_grows_with_long_round_trips() -> None:
    """At 200 ms round trips a Telegram send holds its place about 0.28 s (round trip,
    claim, commit, the hung ones' second) and one in five is refused: the rate needs 14 in
    flight. Capped at a quarter second's worth (8), as until 1 December, the fault run
    reached 0.81 of the limit; up to 100 ms round trips the cap is unchanged."""
    assert most_in_doubt(30.0, 0.08) == 8 and most_in_doubt(10.0, 0.08) == 3
    assert most_in_doubt(30.0, 0.2) == 15 and most_in_doubt(10.0, 0.2) == 5
    assert window(30.0, 0.28, 0.82, most_in_doubt(30.0, 0.2) or 0) == 14


async def test_waiting_for_a_turn_is_not_hanging() -> None:
    """A send is presumed hung after its time in the air, not its wait at the pacer."""
    slots = Slots()
    assert await slots.take(lambda: 2) == 2
    waiting, flying = slots.flight(), slots.flight()
    left: dict[str, float | None] = {"waiting": None, "flying": 0.0}
    waiting.watch(0.05, lambda: left["waiting"])
    flying.watch(0.05, lambda: left["flying"])
    left["flying"] = 0.06
    await asyncio.sleep(0.12)
    assert flying.stalled and not waiting.stalled
    assert slots.live == 1 and slots.stalled == 1
    waiting.release()
    flying.release()
    assert slots.live == 0 and slots.stalled == 0


async def test_one_timer_watches_every_send_each_at_its_own_time() -> None:
    """The sends under way share one timer: a send watched after others, with a shorter
    wait, is still presumed hung at its own time, and those answered are never stalled."""
    slots = Slots()
    assert await slots.take(lambda: 3) == 3
    patient, answered, hasty = slots.flight(), slots.flight(), slots.flight()
    patient.watch(30.0, lambda: 0.0)
    answered.watch(0.01, lambda: 1.0)
    answered.answered()
    hasty.watch(0.02, lambda: 1.0)
    await eventually(lambda: hasty.stalled)
    assert not patient.stalled and not answered.stalled
    assert slots.live == 2 and slots.stalled == 1
    for flight in (patient, answered, hasty):
        flight.release()
    assert slots.live == 0 and slots.stalled == 0


async def test_a_hung_send_still_counts_against_the_cap() -> None:
    """Slots freed by hung sends are not free under the cap: with the cap taken by hung
    sends, nothing more is claimed until one of them settles."""
    slots = Slots()
    cap = 2
    assert await slots.take(lambda: cap - slots.stalled) == 2
    hung = [slots.flight(), slots.flight()]
    for flight in hung:
        flight.watch(0.01, lambda: 1.0)
    await asyncio.sleep(0.05)
    assert slots.stalled == 2 and slots.live == 0
    more = asyncio.create_task(slots.take(lambda: cap - slots.stalled))
    await asyncio.sleep(0.05)
    assert not more.done()
    hung[0].release()
    assert await asyncio.wait_for(more, 1) == 1


async def test_the_window_covers_the_time_hung_sends_hold_their_place() -> None:
    """Two sends in 32 hang until their one-second timeout: the median round trip does not
    see them, the mean time in the air does, and the window grows to keep the rate."""
    clock = [0.0]
    pacer = Pacer(Limits(None, None, None), now=lambda: clock[0])
    for i in range(32):
        channel = Channel(i + 1, Platform.TELEGRAM, str(1000 + i), ChatKind.DM)
        async with pacer.turn(channel) as turn:
            hung = i % 16 == 0
            clock[0] += 1.0 if hung else 0.06
            if hung:
                turn.told(SendResult(Verdict.AMBIGUOUS, "timed out"))
    assert pacer.round_trip() == pytest.approx(0.06)
    assert pacer.time_in_air() == pytest.approx((30 * 0.06 + 2 * 1.0) / 32)
    assert window(30.0, pacer.round_trip(), 1.0, 8) == 4
    assert window(30.0, pacer.time_in_air(), 1.0, 8) == 6
