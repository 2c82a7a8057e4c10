"""Channels lost and tokens refused, as the platforms say them (RELIABILITY.md rows 9, 11–14,
35), through the delivery engine against the stand-ins: what the platform receives, what the
store says afterwards, who is told."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from bot.core.models import (
    Broadcast,
    ChannelState,
    ChatKind,
    DeliveryState,
    Identity,
    Platform,
    Role,
    RoleGrant,
    SubscriptionState,
)
from bot.delivery.probe import TokenProbe
from bot.delivery.worker import DeliveryWorker
from tests.delivery_kit import FAST, Kit, delivery_kit

QUICK_PROBE = replace(FAST, probe_first=0.1, probe_most=0.4)  # 5 s and 300 s in service


async def states(kit: Kit, broadcast: Broadcast) -> dict[int, DeliveryState]:
    rows = await kit.app.store.deliveries.for_broadcast(broadcast.id)
    return {d.channel_id: d.state for d in rows}


async def channel_state(kit: Kit, channel_id: int) -> ChannelState:
    channel = await kit.app.store.channels.get(channel_id)
    assert channel is not None
    return channel.state


def worker(kit: Kit, platform: Platform) -> DeliveryWorker:
    return next(w for w in kit.engine.workers if w.platform is platform)


def forbidden(description: str) -> dict[str, object]:
    return {"ok": False, "error_code": 403, "description": f"Forbidden: {description}"}


@pytest.mark.parametrize(
    "description",
    [
        "bot was kicked from the group chat",
        "user is deactivated",
        "bot was kicked from the channel chat",
    ],
)
async def test_a_chat_that_is_gone_gets_one_try_ever(tmp_path: Path, description: str) -> None:
    async with delivery_kit(tmp_path, telegram=3) as kit:
        lost = kit.channels[1]
        refusal = kit.tg.fault(
            "sendMessage", status=403, body=forbidden(description), chat=lost.chat_id, times=100
        )
        first = await kit.send()
        await kit.settle(first)
        assert (await states(kit, first))[lost.id] is DeliveryState.BLOCKED
        assert await channel_state(kit, lost.id) is ChannelState.GONE
        second = await kit.send("Second update")
        await kit.settle(second)
        assert lost.id not in await states(kit, second)
        assert 100 - refusal.times == 1  # one try at the lost chat, no retries
        assert [kit.received(c) for c in kit.channels] == [2, 0, 2]


async def officer_on_slack(kit: Kit, channel_id: int, user: str = "U0OFFICER1") -> None:
    subs = await kit.app.store.subscriptions.for_channel(channel_id)
    officer = await kit.app.store.members.get_or_create(Identity(Platform.SLACK, user))
    await kit.app.store.roles.grant(RoleGrant(officer.id, Role.OFFICER, subs[0].branch))


async def told(kit: Kit, chat: str, within: float = 10.0) -> None:
    for _ in range(int(within / 0.05)):
        await kit.engine.writer.flush()
        if kit.slack.received[chat]:
            return
        await asyncio.sleep(0.05)


@pytest.mark.parametrize(("where", "error"), [("archived", "is_archived"), ("not_in", "")])
async def test_an_archived_or_left_slack_channel_needs_attention(
    tmp_path: Path, where: str, error: str
) -> None:
    async with delivery_kit(tmp_path, slack=3) as kit:
        lost = kit.channels[0]
        getattr(kit.slack, where).add(lost.chat_id)
        await officer_on_slack(kit, lost.id)
        first = await kit.send()
        await kit.settle(first)
        assert (await states(kit, first))[lost.id] is DeliveryState.FAILED
        assert await channel_state(kit, lost.id) is ChannelState.NEEDS_ATTENTION
        await told(kit, "U0OFFICER1")
        second = await kit.send("Another")
        await kit.settle(second)
        assert lost.id not in await states(kit, second)
        assert kit.slack.refusals[lost.chat_id] == 1  # no retry, and nothing more queued for it
        notices = kit.slack.received["U0OFFICER1"]
        assert len(notices) == 1 and "needs attention" in notices[0].text
        assert error in notices[0].text
        assert [kit.received(c) for c in kit.channels] == [0, 2, 2]


@pytest.mark.parametrize("error", ["token_revoked", "invalid_auth", "account_inactive"])
async def test_a_refused_slack_token_halts_slack_and_keeps_its_rows(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, error: str
) -> None:
    caplog.set_level(logging.INFO)
    async with delivery_kit(tmp_path, telegram=2, slack=3) as kit:
        refused = {"ok": False, "error": error}
        kit.slack.fault("chat.postMessage", body=refused, status=200, times=1000)
        broadcast = await kit.send()
        slack = worker(kit, Platform.SLACK)
        for _ in range(200):
            if slack.halted:
                break
            await asyncio.sleep(0.05)
        assert slack.halted and error in slack.halted
        calls = kit.slack.calls["chat.postMessage"]
        assert calls == 1  # the first refusal halts the worker: no other channel is tried
        await asyncio.sleep(0.5)
        assert kit.slack.calls["chat.postMessage"] == calls
        assert not worker(kit, Platform.TELEGRAM).halted  # the other platform goes on
        rows = {d.channel_id: d for d in await kit.app.store.deliveries.for_broadcast(broadcast.id)}
        slack_rows = [rows[c.id] for c in kit.channels if c.platform is Platform.SLACK]
        assert {(d.state, d.attempts) for d in slack_rows} == {(DeliveryState.PENDING, 0)}
        alerts = [r for r in caplog.records if "operator:" in r.getMessage()]
        assert len(alerts) == 1 and alerts[0].levelno == logging.CRITICAL
        assert kit.slack.token not in caplog.text
        kit.slack.faults.clear()  # the operator puts a good token in and restarts
        await kit.restart()
        await kit.settle(broadcast)
        assert [kit.received(c) for c in kit.channels] == [1] * 5


async def until(condition: object, within: float = 10.0) -> None:
    for _ in range(int(within / 0.02)):
        if callable(condition) and condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("not within the time allowed")


@pytest.mark.parametrize("platform", [Platform.TELEGRAM, Platform.SLACK])
async def test_a_refused_token_is_asked_again_and_the_queue_drains_with_no_restart(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, platform: Platform
) -> None:
    """Row 14: the platform refuses the token (Telegram 401, Slack token_revoked). Sending
    halts with the rows pending; only the token is asked about (getMe, auth.test), at a
    backing-off interval; once it is accepted every row goes out once, in order, with no
    restart; one log line when halted and one when resumed."""
    caplog.set_level(logging.INFO)
    telegram = platform is Platform.TELEGRAM
    counts = {"telegram": 3} if telegram else {"slack": 3}
    async with delivery_kit(tmp_path, options=QUICK_PROBE, **counts) as kit:
        standin: Any = kit.tg if telegram else kit.slack
        send, probe = ("sendMessage", "getMe") if telegram else ("chat.postMessage", "auth.test")
        standin.revoked = True
        first, second = await kit.send("First"), await kit.send("Second")
        sender = worker(kit, platform)
        await until(lambda: sender.halted)
        await until(lambda: standin.refused_token[probe] >= 3)  # at 0.1, 0.3 and 0.7 s
        refused = standin.refused_token[send]
        await kit.engine.writer.flush()
        for broadcast in (first, second):
            rows = await kit.app.store.deliveries.for_broadcast(broadcast.id)
            assert {(d.state, d.attempts) for d in rows} == {(DeliveryState.PENDING, 0)}
        await until(lambda: standin.refused_token[probe] >= 4)
        assert standin.refused_token[send] == refused  # halted: only the token is asked about
        assert sum(map(len, standin.received.values())) == 0
        standin.revoked = False  # the token is good again: no restart
        await until(lambda: not sender.halted)  # at the next question, 0.4 s at most
        await kit.settle(first)
        await kit.settle(second)
        for channel in kit.channels:  # each once, in the order they were queued
            got = standin.texts(channel.chat_id)
            assert len(got) == 2 and "First" in got[0] and "Second" in got[1], got
        assert standin.refused_token[send] == refused and standin.refused_token[probe] >= 4
        assert not sender.halted and kit.engine.healthy()
        said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(said) == 2, said  # the questions themselves are not logged
        assert "deliveries paused" in said[0] and "accepts the bot token again" in said[1]
        assert standin.token not in caplog.text


async def test_slack_5xx_and_dropped_connections_are_retried_within_the_cap(
    tmp_path: Path,
) -> None:
    """A 5xx certainly was not posted: retried with backoff. A connection dropped before an
    answer may have been: looked up by its metadata (not there) and sent again. A channel
    that always gets a 5xx is given up after the attempt cap, and the author told once."""
    async with delivery_kit(tmp_path, slack=3) as kit:
        flaky, dropped, dead = kit.channels
        kit.slack.fault("chat.postMessage", status=502, chat=flaky.chat_id, times=2)
        kit.slack.fault("chat.postMessage", kind="reset", chat=dropped.chat_id, times=2)
        kit.slack.fault("chat.postMessage", status=503, chat=dead.chat_id, times=1000)
        broadcast = await kit.send()
        await kit.settle(broadcast)
        rows = {d.channel_id: d for d in await kit.app.store.deliveries.for_broadcast(broadcast.id)}
        cap = worker(kit, Platform.SLACK).options.max_attempts
        assert rows[flaky.id].state is DeliveryState.SENT and rows[flaky.id].attempts == 3
        assert rows[dropped.id].state is DeliveryState.SENT and rows[dropped.id].attempts <= cap
        assert not rows[dropped.id].ambiguous  # looked up: certainly once
        assert rows[dead.id].state is DeliveryState.FAILED and rows[dead.id].attempts == cap
        assert [kit.received(c) for c in kit.channels] == [1, 1, 0]
        assert kit.slack.calls["conversations.history"] >= 2
        await told(kit, "U0ORGANISE")
        await asyncio.sleep(0.3)
        [summary] = kit.slack.received["U0ORGANISE"]
        assert "Delivered to 2 channels; 1 could not be delivered" in summary.text


async def test_a_telegram_connection_dropped_mid_send_goes_once_more_flagged(
    tmp_path: Path,
) -> None:
    async with delivery_kit(tmp_path, telegram=2) as kit:
        dropped = kit.channels[0]
        kit.tg.fault("sendMessage", kind="reset", chat=dropped.chat_id)
        broadcast = await kit.send()
        await kit.settle(broadcast)
        rows = {d.channel_id: d for d in await kit.app.store.deliveries.for_broadcast(broadcast.id)}
        assert rows[dropped.id].state is DeliveryState.SENT and rows[dropped.id].ambiguous
        assert [kit.received(c) for c in kit.channels] == [1, 1]
        report = await kit.app.services.broadcasts.report(broadcast.id)
        assert report.possible_duplicates == 1


@pytest.mark.parametrize("platform", [Platform.TELEGRAM, Platform.SLACK])
async def test_a_send_that_could_not_connect_is_a_plain_retry(
    tmp_path: Path, platform: Platform
) -> None:
    """Row 9: nothing listens at the platform's address for a while (connection refused:
    the request was never written). Each try is a plain retry with backoff: not in doubt,
    not looked up, not reported as a possible duplicate; once it listens again every chat
    gets the message once."""
    telegram = platform is Platform.TELEGRAM
    counts = {"telegram": 2} if telegram else {"slack": 2}
    options = replace(FAST, base_backoff=0.2, max_backoff=0.2)
    async with delivery_kit(tmp_path, options=options, **counts) as kit:
        standin: Any = kit.tg if telegram else kit.slack
        port = int(standin.url.rsplit(":", 1)[1])
        await standin.stop()
        broadcast = await kit.send()

        async def refused() -> bool:
            rows = await kit.app.store.deliveries.for_broadcast(broadcast.id)
            return all(d.attempts >= 2 for d in rows)

        for _ in range(250):
            await kit.engine.writer.flush()
            if await refused():
                break
            await asyncio.sleep(0.02)
        assert await refused()
        await standin.start(port=port)
        await kit.settle(broadcast)
        rows = await kit.app.store.deliveries.for_broadcast(broadcast.id)
        assert {(d.state, d.ambiguous) for d in rows} == {(DeliveryState.SENT, False)}
        assert all(d.attempts >= 2 for d in rows)  # refused at least once
        assert [kit.received(c) for c in kit.channels] == [1, 1]
        report = await kit.app.services.broadcasts.report(broadcast.id)
        assert report.possible_duplicates == 0
        assert standin.calls["conversations.history"] == 0  # nothing was in doubt to look up


async def test_a_migrated_group_gets_later_broadcasts_at_its_new_id(tmp_path: Path) -> None:
    async with delivery_kit(tmp_path, telegram=2) as kit:
        old = kit.channels[0]
        new_id = str(-1000000000000 - 2**40)  # beyond 32 bits
        kit.tg.migrated[old.chat_id] = new_id
        await kit.settle(await kit.send())
        await kit.settle(await kit.send("Second update"))
        assert len(kit.tg.received[new_id]) == 2 and kit.tg.received[old.chat_id] == []
        moved = await kit.app.store.channels.find(Platform.TELEGRAM, new_id)
        assert moved is not None and moved.id == old.id
        assert await kit.app.store.channels.find(Platform.TELEGRAM, old.chat_id) is None
        assert kit.tg.calls["sendMessage"] == 3 + 2  # refused once at the old id, only once


async def topic_channel(kit: Kit, chat: str, thread: str) -> int:
    store = kit.app.store
    channel = await store.channels.upsert(
        Platform.TELEGRAM, chat, ChatKind.GROUP, "Forum", thread=thread
    )
    await store.subscriptions.add(channel.id, "dwp-leeds", "pay", SubscriptionState.ACTIVE)
    return channel.id


async def test_forum_topics_get_every_part_in_their_topic_and_a_closed_one_is_lost(
    tmp_path: Path,
) -> None:
    async with delivery_kit(tmp_path) as kit:
        open_id = await topic_channel(kit, "-1001555000000", "4")
        closed_id = await topic_channel(kit, "-1001555000001", "9")
        closed = {"ok": False, "error_code": 400, "description": "Bad Request: TOPIC_CLOSED"}
        refusal = kit.tg.fault(
            "sendMessage", status=400, body=closed, chat="-1001555000001", times=100
        )
        long = "\n\n".join(f"Paragraph {i}: " + "talks resume on Monday. " * 40 for i in range(8))
        first = await kit.send(long)
        await kit.settle(first)
        sent = kit.tg.received["-1001555000000"]
        assert len(sent) >= 2 and {m.thread for m in sent} == {4}  # every part, in its topic
        assert (await states(kit, first))[closed_id] is DeliveryState.BLOCKED
        assert await channel_state(kit, closed_id) is ChannelState.GONE
        assert await channel_state(kit, open_id) is ChannelState.ACTIVE
        second = await kit.send("Second update")
        await kit.settle(second)
        assert set(await states(kit, second)) == {open_id}
        assert {m.thread for m in kit.tg.received["-1001555000000"]} == {4}
        assert 100 - refusal.times == 1 and kit.tg.received["-1001555000001"] == []


async def test_markup_telegram_cannot_parse_goes_once_more_as_plain_text(tmp_path: Path) -> None:
    """Row 16's injected 400: the part is sent again, once, without parse_mode, its words
    intact; the delivery is sent, not failed, and not a possible duplicate (the first was
    refused)."""
    async with delivery_kit(tmp_path, telegram=2) as kit:
        refused, fine = kit.channels
        cannot = {
            "ok": False,
            "error_code": 400,
            "description": 'Bad Request: can\'t parse entities: unsupported start tag "x"',
        }
        kit.tg.fault("sendMessage", status=400, body=cannot, chat=refused.chat_id)
        broadcast = await kit.send("Vote <yes> & *now* in 'the' ballot_x")
        await kit.settle(broadcast)
        [plain] = kit.tg.received[refused.chat_id]
        [html] = kit.tg.received[fine.chat_id]
        assert plain.parse_mode is None and html.parse_mode == "HTML"
        assert "Vote <yes> & *now* in 'the' ballot_x" in plain.text
        assert "<b>" not in plain.text and "&amp;" not in plain.text
        rows = {d.channel_id: d for d in await kit.app.store.deliveries.for_broadcast(broadcast.id)}
        assert rows[refused.id].state is DeliveryState.SENT and not rows[refused.id].ambiguous
        assert kit.tg.calls["sendMessage"] == 3


async def test_a_token_taken_by_the_probe_but_refused_for_sending_cannot_flap() -> None:
    """getMe says yes but sendMessage still says 401: each resume halts again at once. The
    wait before the next question keeps doubling (one halted and one resumed line per wait,
    up to 5 minutes apart), and starts short again only once a send has gone through."""

    class Yes:
        async def token_accepted(self) -> bool:
            return True

    sent = 0
    probe = TokenProbe(0.01, 0.04, lambda: sent)
    waits = []
    for _ in range(4):
        waits.append(probe.wait)
        await probe.until_accepted(Yes())  # type: ignore[arg-type]
    assert waits == [0.01, 0.02, 0.04, 0.04]
    sent = 1  # a send went through after the last resume
    await probe.until_accepted(Yes())  # type: ignore[arg-type]
    assert probe.wait == 0.02 and probe.asked == 5
