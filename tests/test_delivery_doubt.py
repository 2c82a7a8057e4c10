"""Sends in doubt and channels lost, against the stand-ins (RELIABILITY.md rows 10–13, 22).

Slack: a send that timed out after arriving, or was in flight at a crash, is looked up by
the delivery id in its metadata and never sent twice. Telegram, which cannot be read back:
sent once more, flagged. A channel found blocked, gone or needing a person gets nothing
more, even from rows queued before: they end as skipped, and the report says why.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from telegram import Bot
from telegram.error import NetworkError

from bot.adapters.slack.app import make_client
from bot.adapters.slack.sender import SlackSender
from bot.adapters.telegram.sender import TelegramSender
from bot.adapters.telegram.transport import AiohttpRequest
from bot.core.models import Broadcast, DeliveryState, Platform
from bot.delivery.pacing import Limits, Pacer
from bot.delivery.ports import Send, Sender, Verdict
from tests.delivery_kit import Kit, delivery_kit


async def _rows(kit: Kit, broadcast: Broadcast) -> dict[int, tuple[DeliveryState, bool]]:
    rows = await kit.app.store.deliveries.for_broadcast(broadcast.id)
    return {d.channel_id: (d.state, d.ambiguous) for d in rows}


async def test_slack_timeout_after_arrival_is_looked_up_not_sent_again(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, slack=2, read_timeout=1.0) as kit:
        slow = kit.channels[0]
        kit.slack.fault("chat.postMessage", kind="slow_after", seconds=3, chat=slow.chat_id)
        broadcast = await kit.send()
        await kit.settle(broadcast)
        assert [kit.received(c) for c in kit.channels] == [1, 1]
        assert kit.slack.calls["conversations.history"] >= 1
        assert set((await _rows(kit, broadcast)).values()) == {(DeliveryState.SENT, False)}
        report = await kit.app.services.broadcasts.report(broadcast.id)
        assert report.possible_duplicates == 0
        meta = kit.slack.received[slow.chat_id][0].metadata
        assert meta is not None and meta["event_type"] == "campaign_delivery"


async def test_slack_resend_after_a_look_up_is_a_possible_duplicate(tmp_path: Path) -> None:
    """A request Slack processes only after the bot gave up on it (and after the look-up
    found nothing) arrives after the resend: two copies. No look-up can see a message that
    is not there yet, so the resend is reported as a possible duplicate; it went out as
    resolved, unflagged, until 1 December."""
    async with delivery_kit(tmp_path, slack=2, read_timeout=1.0) as kit:
        late = kit.channels[0]
        kit.slack.fault("chat.postMessage", kind="late", seconds=3.5, chat=late.chat_id)
        broadcast = await kit.send()
        await kit.settle(broadcast)
        await asyncio.sleep(3.5)  # the first try is processed meanwhile
        assert [kit.received(c) for c in kit.channels] == [2, 1]
        assert kit.slack.calls["conversations.history"] >= 1
        rows = await _rows(kit, broadcast)
        assert rows[late.id] == (DeliveryState.SENT, True)
        report = await kit.app.services.broadcasts.report(broadcast.id)
        assert report.possible_duplicates == 1


async def _crash_mid_send(kit: Kit, platform: Platform) -> Broadcast:
    """Queue a broadcast, claim every row as a worker would, let the first one reach the
    platform without its outcome being recorded, and "die": the engine starts afresh."""
    await kit.engine_stack.aclose()  # type: ignore[union-attr]
    broadcast = await kit.send()
    claimed = await kit.app.store.deliveries.claim(platform, kit.app.clock.now(), 10)
    assert len(claimed) == len(kit.channels)
    first = claimed[0]
    message = kit.app.outbox.render(broadcast, platform)
    job = Send(first.channel, message, first.delivery.id)
    async with AsyncExitStack() as stack:
        sender = await _sender(kit, platform, stack)
        result = await sender.send(job, Pacer(Limits(None, None, None)))
    assert result.verdict is Verdict.SENT
    await kit.restart()
    await kit.settle(broadcast)
    return broadcast


async def _sender(kit: Kit, platform: Platform, stack: AsyncExitStack) -> Sender:
    if platform is Platform.SLACK:
        return SlackSender(make_client(kit.slack.token, kit.slack.base_url))
    bot = Bot(kit.tg.token, base_url=kit.tg.base_url, request=AiohttpRequest())
    await bot.initialize()
    stack.push_async_callback(bot.shutdown)
    return TelegramSender(bot)


async def test_slack_send_in_flight_at_a_crash_is_found_not_duplicated(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, slack=3) as kit:
        broadcast = await _crash_mid_send(kit, Platform.SLACK)
        assert [kit.received(c) for c in kit.channels] == [1, 1, 1]
        assert set((await _rows(kit, broadcast)).values()) == {(DeliveryState.SENT, False)}
        assert (await kit.app.services.broadcasts.report(broadcast.id)).possible_duplicates == 0


async def test_telegram_send_in_flight_at_a_crash_goes_once_more_flagged(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=3) as kit:
        broadcast = await _crash_mid_send(kit, Platform.TELEGRAM)
        assert [kit.received(c) for c in kit.channels] == [2, 1, 1]
        rows = await _rows(kit, broadcast)
        assert set(rows.values()) == {(DeliveryState.SENT, True)}  # all three were in doubt
        assert (await kit.app.services.broadcasts.report(broadcast.id)).possible_duplicates == 3


async def test_rows_queued_before_a_block_are_skipped_not_sent(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=3, slack=2) as kit:
        blocked, gone = kit.channels[1], kit.channels[4]
        kit.tg.blocked.add(blocked.chat_id)
        kit.slack.not_in.add(gone.chat_id)
        await kit.engine_stack.aclose()  # type: ignore[union-attr]
        first, second = await kit.send("Talks resume."), await kit.send("Talks went well.")
        await kit.restart()  # both broadcasts' rows are claimed together
        await kit.settle(first)
        await kit.settle(second)
        assert kit.tg.refusals[blocked.chat_id] == 1  # one try, then nothing more
        assert kit.slack.refusals[gone.chat_id] == 1
        assert (await _rows(kit, first))[blocked.id][0] is DeliveryState.BLOCKED
        assert (await _rows(kit, first))[gone.id][0] is DeliveryState.FAILED
        later = await _rows(kit, second)
        assert later[blocked.id][0] is DeliveryState.SKIPPED
        assert later[gone.id][0] is DeliveryState.SKIPPED
        report = (await kit.app.services.broadcasts.report(second.id)).as_json()
        assert report["per_platform"]["telegram"] == {"sent": 2, "skipped": 1}
        assert report["skipped_reasons"] == {
            "skipped: the chat blocked the bot": 1,
            "skipped: the channel needs attention": 1,
        }
        third = await kit.send("A third.")  # queued after: the lost channels are not in it
        await kit.settle(third)
        assert {d.channel_id for d in await kit.app.store.deliveries.for_broadcast(third.id)} == {
            c.id for c in kit.channels if c not in (blocked, gone)
        }


async def test_history_returns_our_metadata_only_when_asked(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, slack=1) as kit:
        client = make_client(kit.slack.token, kit.slack.base_url)
        chat = kit.channels[0].chat_id
        for part in range(3):
            meta = {
                "event_type": "campaign_delivery",
                "event_payload": {"delivery": 7, "part": part},
            }
            await client.chat_postMessage(channel=chat, text=f"part {part}", metadata=meta)
        plain = await client.conversations_history(channel=chat)
        assert [m["text"] for m in plain["messages"]] == ["part 2", "part 1", "part 0"]
        assert all("metadata" not in m for m in plain["messages"])
        page = await client.conversations_history(channel=chat, include_all_metadata=True, limit=2)
        assert page["messages"][0]["metadata"]["event_payload"] == {"delivery": 7, "part": 2}
        cursor = page["response_metadata"]["next_cursor"]
        rest = await client.conversations_history(channel=chat, cursor=cursor, limit=2)
        assert [m["text"] for m in rest["messages"]] == ["part 0"]
        future = f"{kit.slack.received[chat][-1].ts}1"
        assert (await client.conversations_history(channel=chat, oldest=future))["messages"] == []
        sender = SlackSender(client)
        found = await sender.look_up(kit.channels[0], 7, kit.app.clock.now())
        assert found.parts == 3
        assert (await sender.look_up(kit.channels[0], 8, kit.app.clock.now())).parts == 0


PROXY_PAGE = "<html><body><h1>502 Bad Gateway</h1>nginx</body></html>"


async def test_a_502_page_is_one_warning_without_a_traceback(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with delivery_kit(tmp_path, telegram=1) as kit:
        chat = kit.channels[0]
        kit.tg.fault("sendMessage", status=502, html=PROXY_PAGE, chat=chat.chat_id, times=2)
        broadcast = await kit.send()
        await kit.settle(broadcast)
        assert kit.received(chat) == 1
        # A reply goes through PTB's own transport, which logs unparsable answers itself.
        kit.tg.fault("sendMessage", status=502, html=PROXY_PAGE, chat="42")
        async with Bot(kit.tg.token, base_url=kit.tg.base_url) as bot:
            with pytest.raises(NetworkError):
                await bot.send_message(42, "hello")
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert loud == []
    ours = [r for r in caplog.records if r.name == "bot.delivery.settle"]
    assert len(ours) == 2 and all("Bad Gateway (502)" in r.getMessage() for r in ours)
    assert not any("nginx" in r.getMessage() for r in caplog.records)
    assert any(r.name == "telegram.request.BaseRequest" for r in caplog.records)


async def test_a_hung_telegram_send_is_given_up_after_a_few_round_trips(tmp_path: Path) -> None:
    """A request that hangs (the fault run's 3%) holds a slot of the in-flight window until
    it is given up: once round trips are known, after the pacer's timeout (a second at these
    round trips), not the client's own 30 s nor the minutes a hung connection can last."""
    async with delivery_kit(tmp_path, telegram=12) as kit:
        await kit.engine_stack.aclose()  # type: ignore[union-attr]
        broadcast = await kit.send()
        message = kit.app.outbox.render(broadcast, Platform.TELEGRAM)
        hung, *others = kit.channels
        kit.tg.fault("sendMessage", kind="hang", seconds=5, chat=hung.chat_id)
        pacer = Pacer(Limits(None, None, None))
        async with Bot(
            kit.tg.token, base_url=kit.tg.base_url, request=AiohttpRequest(read_timeout=30.0)
        ) as bot:
            sender = TelegramSender(bot)
            for channel in others:
                sent = await sender.send(Send(channel, message, channel.id), pacer)
                assert sent.verdict is Verdict.SENT
            assert (pacer.send_timeout() or 30) < 5
            result = await sender.send(Send(hung, message, hung.id), pacer)
        # Given up by the client's timer, before the stand-in dropped the connection.
        assert result.verdict is Verdict.AMBIGUOUS and "timed out" in result.reason
        assert kit.received(hung) == 0


async def test_a_hung_slack_send_is_given_up_and_found_by_its_metadata(tmp_path: Path) -> None:
    """On Slack too a hung request holds its slot only for the pacer's timeout once round
    trips are known, not the client's 15 s; it is then in doubt, and a look-up tells whether
    it arrived (here it did not), so giving up early duplicates nothing."""
    async with delivery_kit(tmp_path, slack=12) as kit:
        await kit.engine_stack.aclose()  # type: ignore[union-attr]
        broadcast = await kit.send()
        message = kit.app.outbox.render(broadcast, Platform.SLACK)
        hung, *others = kit.channels
        kit.slack.fault("chat.postMessage", kind="hang", seconds=5, chat=hung.chat_id)
        pacer = Pacer(Limits(None, None, None))
        sender = SlackSender(make_client(kit.slack.token, kit.slack.base_url))
        for channel in others:
            sent = await sender.send(Send(channel, message, channel.id), pacer)
            assert sent.verdict is Verdict.SENT
        assert (pacer.send_timeout() or 15) < 5
        result = await sender.send(Send(hung, message, hung.id), pacer)
        assert result.verdict is Verdict.AMBIGUOUS and "TimeoutError" in result.reason
        assert kit.received(hung) == 0
        found = await sender.look_up(hung, hung.id, kit.app.clock.now())
        assert found.parts == 0
