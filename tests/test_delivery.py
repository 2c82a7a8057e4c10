"""The delivery engine against the stand-ins: RELIABILITY.md rows 7–14 and 31."""

from __future__ import annotations

import asyncio
import bisect
import time
from pathlib import Path

import pytest

from bot.adapters.telegram.transport import AiohttpRequest, NotSent
from bot.core.caller import Caller
from bot.core.errors import InvalidInput
from bot.core.models import Broadcast, BroadcastState, ChannelState, DeliveryState, Platform
from bot.core.results import BroadcastRequest
from bot.delivery.worker import WorkerOptions
from bot.standins.telegram.html import visible_text
from tests.delivery_kit import delivery_kit

TOO_MANY = {
    "ok": False,
    "error_code": 429,
    "description": "Too Many Requests: retry after 1",
    "parameters": {"retry_after": 1},
}


async def states(kit, broadcast) -> dict[int, DeliveryState]:  # type: ignore[no-untyped-def]
    return {
        d.channel_id: d.state for d in await kit.app.store.deliveries.for_broadcast(broadcast.id)
    }


async def test_every_channel_gets_exactly_one_copy(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=30, slack=12, dms=5) as kit:
        broadcast = await kit.send()
        await kit.settle(broadcast)
        assert [kit.received(c) for c in kit.channels] == [1] * 47
        report = (await kit.app.services.broadcasts.report(broadcast.id)).as_json()
        assert report["per_platform"] == {"slack": {"sent": 12}, "telegram": {"sent": 35}}
        assert sum(c["sent"] for c in report["per_branch"].values()) == 47
        assert (await kit.app.store.broadcasts.get(broadcast.id)).state is BroadcastState.DONE


async def test_free_text_is_literal_on_both_platforms(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=1, slack=1) as kit:
        text = "<!channel> read <b>this</b> *now* & _sign_ @here <https://evil.example|bank>"
        await kit.settle(await kit.send(text))
        tg_chat, slack_chat = kit.channels
        assert text in visible_text(kit.tg.received[tg_chat.chat_id][0].text)
        posted = kit.slack.received[slack_chat.chat_id][0]
        assert kit.slack.notified_everyone == []
        assert "&lt;!channel&gt;" in posted.text and "<!channel>" not in posted.text


async def test_empty_audience_queues_nothing(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=2) as kit:
        with pytest.raises(InvalidInput, match="no channel is subscribed"):
            await kit.send(topic="equality")
        with pytest.raises(InvalidInput, match="unknown branch"):
            await kit.send(target="atlantis")
        assert await kit.app.store.broadcasts.recent() == []


async def test_telegram_429_pauses_that_chat_without_penalty(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=6) as kit:
        target = kit.channels[2]
        kit.tg.fault("sendMessage", status=429, body=TOO_MANY, chat=target.chat_id)
        started = time.monotonic()
        broadcast = await kit.send()
        await kit.settle(broadcast)
        assert [kit.received(c) for c in kit.channels] == [1] * 6
        arrived = kit.tg.received[target.chat_id][0].at
        others = [kit.tg.received[c.chat_id][0].at for c in kit.channels if c != target]
        assert arrived - started >= 1.0  # waited retry_after
        assert max(others) - started < 1.0  # nobody else waited
        row = next(
            d
            for d in await kit.app.store.deliveries.for_broadcast(broadcast.id)
            if d.channel_id == target.id
        )
        assert row.attempts == 1 and row.state is DeliveryState.SENT


async def test_slack_429_retry_after_is_honoured(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, slack=3) as kit:
        target = kit.channels[0]
        kit.slack.fault(
            "chat.postMessage",
            status=429,
            chat=target.chat_id,
            body={"ok": False, "error": "ratelimited"},
            headers={"Retry-After": "1"},
        )
        started = time.monotonic()
        broadcast = await kit.send()
        await kit.settle(broadcast)
        assert [kit.received(c) for c in kit.channels] == [1, 1, 1]
        assert kit.slack.received[target.chat_id][0].at - started >= 1.0
        assert kit.slack.calls["chat.postMessage"] == 4


async def test_a_429_for_the_whole_bot_stops_every_chat(tmp_path: Path) -> None:
    """The stand-in's 429 holds the whole bot for a second: every send meanwhile meets one.
    The sends on their way when it came show it (their 429s are not the bot's doing); the
    bot sends nothing more until the second is over. Sending on to the other chats, as
    until 1 December, met a 429 on every one until most recent sends had (7 here)."""
    async with delivery_kit(tmp_path, telegram=24, delay=0.08) as kit:
        target = kit.channels[12]
        kit.tg.fault("sendMessage", status=429, body=TOO_MANY, chat=target.chat_id, whole_bot=True)
        broadcast = await kit.send()
        await kit.settle(broadcast)
        assert [kit.received(c) for c in kit.channels] == [1] * 24
        assert kit.tg.too_many <= 1  # at most the one send let go to find out, if none was
        # on its way: here the sends on their way tell


async def test_5xx_is_retried_then_given_up_with_one_summary(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=3) as kit:
        flaky, dead = kit.channels[0], kit.channels[1]
        kit.tg.fault("sendMessage", status=502, chat=flaky.chat_id, times=2)
        kit.tg.fault("sendMessage", status=502, chat=dead.chat_id, times=1000)
        broadcast = await kit.send()
        await kit.settle(broadcast)
        rows = {d.channel_id: d for d in await kit.app.store.deliveries.for_broadcast(broadcast.id)}
        assert rows[flaky.id].state is DeliveryState.SENT and rows[flaky.id].attempts == 3
        assert rows[dead.id].state is DeliveryState.FAILED
        assert rows[dead.id].attempts == kit.engine.workers[0].options.max_attempts
        assert kit.received(dead) == 0 and kit.received(flaky) == 1
        await kit.engine.writer.flush()
        summary = kit.slack.received["U0ORGANISE"]  # the organiser's DM, on Slack
        for _ in range(100):  # a loaded machine may take a while; a second copy would follow
            if summary:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.3)
        assert len(summary) == 1 and "could not be delivered" in summary[0].text


async def test_connect_errors_are_certainly_not_sent() -> None:
    request = AiohttpRequest(connect_timeout=1)
    await request.initialize()
    try:
        with pytest.raises(NotSent):
            await request.do_request("http://127.0.0.1:9/bot1:x/sendMessage", "POST")
    finally:
        await request.shutdown()


async def test_timeout_after_arrival_is_unknown_and_sent_at_most_once_more(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=2, read_timeout=0.3) as kit:
        once, twice = kit.channels
        kit.tg.fault("sendMessage", kind="slow_after", seconds=0.6, chat=once.chat_id)
        kit.tg.fault("sendMessage", kind="slow_after", seconds=0.6, chat=twice.chat_id, times=5)
        broadcast = await kit.send()
        await kit.settle(broadcast)
        rows = {d.channel_id: d for d in await kit.app.store.deliveries.for_broadcast(broadcast.id)}
        assert kit.received(once) == 2 and rows[once.id].state is DeliveryState.SENT
        assert rows[once.id].ambiguous
        assert kit.received(twice) == 2 and rows[twice.id].state is DeliveryState.UNKNOWN
        report = (await kit.app.services.broadcasts.report(broadcast.id)).as_json()
        assert report["possible_duplicates"] == 2


async def test_blocked_chat_is_marked_and_skipped_later(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, dms=3) as kit:
        blocked = kit.channels[1]
        kit.tg.blocked.add(blocked.chat_id)
        first = await kit.send()
        await kit.settle(first)
        assert (await states(kit, first))[blocked.id] is DeliveryState.BLOCKED
        assert (await kit.app.store.channels.get(blocked.id)).state is ChannelState.BLOCKED
        second = await kit.send("Second update")
        await kit.settle(second)
        assert blocked.id not in await states(kit, second)
        assert kit.tg.calls["sendMessage"] == 3 + 2  # one try at the blocked chat, ever


async def test_migrated_group_is_updated_and_resent_once(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=2) as kit:
        old = kit.channels[0]
        kit.tg.migrated[old.chat_id] = "-1009999999999999"
        broadcast = await kit.send()
        await kit.settle(broadcast)
        moved = await kit.app.store.channels.get(old.id)
        assert moved is not None and moved.chat_id == "-1009999999999999"
        assert len(kit.tg.received["-1009999999999999"]) == 1
        assert kit.tg.received[old.chat_id] == []
        assert (await states(kit, broadcast))[old.id] is DeliveryState.SENT


async def test_lost_slack_channel_needs_attention_and_officer_is_told_once(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, slack=2) as kit:
        lost = kit.channels[0]
        kit.slack.missing.add(lost.chat_id)
        # an officer of the lost channel's branch, on Slack
        from bot.core.models import Identity, Role, RoleGrant

        subs = await kit.app.store.subscriptions.for_channel(lost.id)
        officer = await kit.app.store.members.get_or_create(Identity(Platform.SLACK, "U0OFFICER1"))
        await kit.app.store.roles.grant(RoleGrant(officer.id, Role.OFFICER, subs[0].branch))
        first = await kit.send()
        await kit.settle(first)
        assert (await states(kit, first))[lost.id] is DeliveryState.FAILED
        assert (await kit.app.store.channels.get(lost.id)).state is ChannelState.NEEDS_ATTENTION
        await asyncio.sleep(0.3)
        await kit.settle(await kit.send("Another"))
        await asyncio.sleep(0.3)
        notices = kit.slack.received["U0OFFICER1"]
        assert len(notices) == 1 and "needs attention" in notices[0].text
        assert kit.slack.calls["chat.postMessage"] == 2 + 1 + 1 + 1  # lost once, never again


async def test_rejected_token_halts_and_keeps_rows_then_drains(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=5) as kit:
        kit.tg.fault(
            "sendMessage",
            status=401,
            times=1000,
            body={"ok": False, "error_code": 401, "description": "Unauthorized"},
        )
        broadcast = await kit.send()
        await asyncio.sleep(1.0)
        worker = kit.engine.workers[0]
        assert worker.halted and "token" in worker.halted
        calls = kit.tg.calls["sendMessage"]
        await asyncio.sleep(0.5)
        assert kit.tg.calls["sendMessage"] == calls  # halted: no more calls
        rows = await kit.app.store.deliveries.for_broadcast(broadcast.id)
        assert {d.state for d in rows} == {DeliveryState.PENDING}
        assert all(d.attempts == 0 for d in rows)
        assert not kit.engine.healthy()
        kit.tg.faults.clear()  # the operator fixes the token and restarts
        await kit.restart()
        await kit.settle(broadcast)
        assert [kit.received(c) for c in kit.channels] == [1] * 5


async def test_scheduled_broadcast_goes_at_its_time_and_cancel_stops_one(tmp_path: Path) -> None:
    from datetime import timedelta

    async with delivery_kit(tmp_path, telegram=2) as kit:
        broadcasts, operator = kit.app.services.broadcasts, Caller.operator()
        # after both are sent and one cancelled, even under load (at 3 s, a loaded CI run once
        # reached the second send after that time: "that time has already passed")
        soon = kit.app.clock.now() + timedelta(seconds=8)
        keep = await broadcasts.send(BroadcastRequest("pay", "all", "x", send_at=soon), operator)
        drop = await broadcasts.send(BroadcastRequest("pay", "all", "y", send_at=soon), operator)
        assert keep.queued == 0 and drop.queued == 0
        assert keep.scheduled_for == soon
        await broadcasts.cancel(drop.broadcast.id, operator)
        assert kit.tg.calls["sendMessage"] == 0
        for _ in range(400):  # until the kept one has gone (at its time, 8 s from now)
            if all(kit.received(c) for c in kit.channels):
                break
            await asyncio.sleep(0.1)
        await kit.settle(keep.broadcast)
        await asyncio.sleep(0.5)  # and the cancelled one does not follow
        assert [kit.received(c) for c in kit.channels] == [1, 1]
        cancelled = await kit.app.store.broadcasts.get(drop.broadcast.id)
        assert cancelled is not None and cancelled.state is BroadcastState.CANCELLED


async def test_limits_are_respected_with_no_429(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=45, enforce_limits=True) as kit:
        broadcast = await kit.send()
        await kit.settle(broadcast)
        assert kit.tg.too_many == 0
        assert [kit.received(c) for c in kit.channels] == [1] * 45
        # Never more than 30 in any second, by the stand-in's own clock of arrivals (the
        # sending side's elapsed time says nothing of how sends were spread).
        arrivals = kit.tg.stats()["arrivals"]
        assert max(bisect.bisect_left(arrivals, t + 1.0) - i for i, t in enumerate(arrivals)) <= 30


async def test_a_row_put_back_is_sent_when_due_not_at_the_next_poll(tmp_path: Path) -> None:
    """After a 429 the row is due again in a second; with nothing else due the worker is
    rung for it then, not after its (here half a minute) poll."""
    options = WorkerOptions(base_backoff=0.01, max_backoff=0.05, idle_poll=30.0)
    async with delivery_kit(tmp_path, telegram=1, options=options) as kit:
        target = kit.channels[0]
        kit.tg.fault("sendMessage", status=429, body=TOO_MANY, chat=target.chat_id)
        broadcast = await kit.send()
        await asyncio.wait_for(kit.settle(broadcast), 15)
        assert kit.received(target) == 1 and kit.tg.calls["sendMessage"] == 2


async def test_a_stopped_engine_leaves_no_send_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A send cancelled in a database call ends only once its connection is closed, which
    takes a while (SQLAlchemy closes it in a task of its own). The engine's stop waits for it:
    left running, the event loop's end cancelled the close again, and aiosqlite's close then
    waited for ever on a thread that had gone (a CI worker lost at a test's end)."""
    entered, ended = asyncio.Event(), asyncio.Event()
    test = asyncio.current_task()

    async def slow_to_cancel(broadcast_id: int) -> Broadcast | None:
        if asyncio.current_task() is test:  # the broadcast's creation, not a send
            return await get(broadcast_id)
        entered.set()
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            await asyncio.sleep(0.3)  # closing the connection
            ended.set()
            raise

    async with delivery_kit(tmp_path, telegram=1) as kit:
        # the repository is the seam: a send's first database call is the broadcast's look-up
        get = kit.app.store.broadcasts.get
        monkeypatch.setattr(kit.app.store.broadcasts, "get", slow_to_cancel)
        await kit.send()
        await asyncio.wait_for(entered.wait(), 10)
        await kit.engine.stop()
        assert ended.is_set()
