"""Three replicas on PostgreSQL behind HAProxy (scripts/cluster), the leader killed with
SIGKILL in the middle of a 1,000-channel broadcast while members keep writing in
(RELIABILITY.md row 24): a standby takes over within 15 s, nothing is lost, duplicates stay
within the in-flight bound and are flagged, every webhook request is accepted through the
failover, a reminder that fell due during the failover is sent once, and the replicas'
replies and the leader's broadcast together never push the bot over Telegram's limit.

Every incoming update is handled once across replicas: a copy posted twice at once (a retry
landing on another replica) is answered once, and what the killed replica had stored but not
handled is handled by the new leader (bot/cluster/takeover.py); every inbox row ends
handled. The one exception allowed: an update the killed replica had answered but not yet
marked handled at the kill is answered again (at most the ones in its hands then: one)."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.app import build_app
from bot.core.caller import Caller
from bot.core.models import Ballot, BallotKind
from bot.core.results import BroadcastRequest
from bot.delivery.slots import most_in_doubt
from bot.standins.telegram import TelegramStandIn
from tests.cluster_kit import Cluster, cluster, have_cluster_tools
from tests.delivery_kit import add_channels
from tests.harness import settings_for

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("subprocesses"),  # never beside the CLI verbs (make test's -n 2)
    pytest.mark.skipif(not have_cluster_tools(), reason="needs postgresql and haproxy"),
]
CHANNELS, KILL_AT, REMINDED = 1000, 300, 20
TG_USERS, SLACK_USERS, RETRIED = 150, 40, 20
# Sends in flight at the kill, each flagged: the README's bound, a quarter second of sends at
# Telegram's rate (bot/delivery/slots.py). 2-4 on an idle machine; 6 once at load average 5,
# where commits lag and more sends are answered but not yet recorded.
DUPLICATES_PER_KILL = most_in_doubt(30.0)
ANSWERED_AGAIN_PER_KILL = 1  # incoming updates answered, not yet marked handled, at the kill


async def prepare(c: Cluster, tmp_path: Path) -> tuple[list[str], int]:
    """Channels, a ballot whose reminder will fall due during the failover, the broadcast."""
    async with AsyncExitStack() as stack:
        settings = settings_for(tmp_path, c.tg, c.slack, DATABASE_URL=c.database_url)
        app = await build_app(settings, stack)
        channels = await add_channels(app, CHANNELS, 0)
        await add_channels(app, REMINDED, 0, topic="ballots")
        now = datetime.now(UTC)
        opens, closes = now + timedelta(days=1), now + timedelta(days=20)
        ballot = Ballot("pay-now", "Pay ballot", BallotKind.STATUTORY_POSTAL, opens, closes)
        await app.store.ballots.upsert(ballot)
        await app.services.ballots.replan(ballot)
        request = BroadcastRequest("pay", "all", "Talks resume on Monday.", title="Pay")
        sent = await app.services.broadcasts.send(request, Caller.operator())
        assert sent.queued == CHANNELS
    return [ch.chat_id for ch in channels], sent.broadcast.id


async def reminder_due_at(c: Cluster, moment: datetime) -> None:
    """Only the ballot's opening reminder, due at `moment` (written as another process
    would: the leader learns of it from the store)."""
    async with AsyncExitStack() as stack:
        from bot.storage.database import create_engine

        engine = create_engine(c.database_url)
        stack.push_async_callback(engine.dispose)
        async with engine.begin() as conn:
            await conn.execute(
                text("UPDATE reminders SET state = 'skipped' WHERE ballot = 'pay-now'")
            )
            await conn.execute(
                text("UPDATE reminders SET state = 'planned', fire_at = :at "
                     "WHERE ballot = 'pay-now' AND kind = 'opens'"),
                {"at": moment},
            )  # fmt: skip


async def incoming(c: Cluster) -> list[int]:
    """Members writing in through HAProxy over the whole run: /help by DM on Telegram (some
    delivered twice at once, as a retry landing on another replica) and on Slack."""
    statuses: list[int] = []

    async def telegram(user: int) -> None:
        update = c.telegram_update(user, "/help")
        copies = 2 if user % (TG_USERS // RETRIED) == 0 else 1
        statuses.extend(await asyncio.gather(*(c.post_telegram(update) for _ in range(copies))))

    async def slack(user: int) -> None:
        event = {"type": "message", "channel_type": "im", "channel": f"D{user:08d}",
                 "user": f"U{user:08d}", "text": "help"}  # fmt: skip
        statuses.append(await c.post_slack(c.slack.event(event)))

    work = []
    for i in range(max(TG_USERS, SLACK_USERS)):
        if i < TG_USERS:
            work.append(asyncio.create_task(telegram(9_000_000 + i)))
        if i < SLACK_USERS:
            work.append(asyncio.create_task(slack(i)))
        await asyncio.sleep(0.2)
    await asyncio.gather(*work)
    return statuses


async def until(check: object, within: float, what: str) -> None:
    deadline = time.monotonic() + within
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"{what}: not within {within:.0f} s"
        await asyncio.sleep(0.05)


async def test_leader_killed_mid_broadcast(tmp_path: Path) -> None:
    async with cluster(tmp_path / "cluster") as c:
        chats, broadcast_id = await prepare(c, tmp_path)
        tg = c.tg

        def broadcast_receipts() -> list[float]:
            return sorted(s.at for chat in chats for s in tg.received[chat] if "Talks" in s.text)

        stream = asyncio.create_task(incoming(c))
        await until(lambda: len(broadcast_receipts()) >= KILL_AT, 120, "the broadcast")
        leader = await c.leader()
        assert leader is not None
        killed = c.kill(leader)
        await reminder_due_at(c, datetime.now(UTC) + timedelta(seconds=3))

        await until(lambda: any(t > killed + 0.05 for t in broadcast_receipts()), 30, "takeover")
        failover = min(t for t in broadcast_receipts() if t > killed + 0.05) - killed
        assert failover <= 15.0, f"a standby took {failover:.1f} s to send"
        assert await c.leader() not in (None, leader)

        await until(lambda: all(tg.received[chat] for chat in chats), 180, "every channel")
        statuses = await asyncio.wait_for(stream, 180)
        assert set(statuses) == {200}

        def reminded() -> bool:  # queued behind the rest of the broadcast
            return all(
                any("Pay ballot" in s.text for s in tg.received[c]) for c in chats[:REMINDED]
            )

        await until(reminded, 60, "the reminder due in the failover")
        await asyncio.sleep(3)  # replies under way, and a last look for duplicates

        copies = {chat: sum("Talks" in s.text for s in tg.received[chat]) for chat in chats}
        assert min(copies.values()) == 1, "a channel got nothing"
        twice = {chat for chat, n in copies.items() if n > 1}
        assert max(copies.values()) <= 2 and len(twice) <= DUPLICATES_PER_KILL
        for chat in chats[:REMINDED]:
            reminders = [s for s in tg.received[chat] if "Pay ballot" in s.text]
            assert len(reminders) == 1, "the reminder due in the failover: not sent once"
        assert tg.too_many == 0, f"replicas together went over Telegram's limit: {crowded(tg)}"
        replies = [len(tg.received[str(9_000_000 + i)]) for i in range(TG_USERS)]
        assert min(replies) >= 1, "an incoming update was never answered"
        again = sum(n - min(replies) for n in replies)  # /help's reply: the same for everyone
        assert again <= ANSWERED_AGAIN_PER_KILL, f"{again} updates answered twice"
        await check_store(c, broadcast_id, twice)


def crowded(tg: TelegramStandIn) -> list[str]:
    """For each 429: the messages accepted in the second before it, and how closely the last
    ten came (bunched arrivals: sends that left late, or a stalled stand-in)."""
    arrivals = sorted(s.at for sent in tg.received.values() for s in sent)
    found = []
    for at, chat in tg.limited:
        window = [t for t in arrivals if at - 1.0 < t <= at]
        last = window[-10:]
        found.append(
            f"{chat}: {len(window)} in the second before; the last 10 over "
            f"{(last[-1] - last[0]) * 1000 if last else 0:.0f} ms"
        )
    return found


async def check_store(c: Cluster, broadcast_id: int, twice: set[str]) -> None:
    from bot.storage.database import create_engine

    engine = create_engine(c.database_url)
    try:
        async with engine.connect() as conn:
            query = text(
                "SELECT c.chat_id, d.state, d.ambiguous FROM deliveries d "
                "JOIN channels c ON c.id = d.channel_id WHERE d.broadcast_id = :b"
            )
            rows = (await conn.execute(query, {"b": broadcast_id})).all()
            inbox = {row.state for row in await conn.execute(text("SELECT state FROM inbox"))}
            fired = await conn.scalar(
                text("SELECT state FROM reminders WHERE ballot = 'pay-now' AND kind = 'opens'")
            )
    finally:
        await engine.dispose()
    assert {state for _, state, _ in rows} == {"sent"}
    flagged = {chat for chat, _, ambiguous in rows if ambiguous}
    assert twice <= flagged  # every duplicate is one the store recorded as in doubt
    assert fired == "fired"
    assert inbox == {"handled"}, f"inbox rows left {inbox - {'handled'}}"
