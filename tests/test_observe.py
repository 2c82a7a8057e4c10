"""/metrics, /health and /ready of a running bot: what was sent and asked, the backlog, the
lease; 503 when the leader sends nothing while work is overdue; a standby ready and healthy."""

from __future__ import annotations

import asyncio
import json
from contextlib import AsyncExitStack
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest

from bot.app import start_bot
from bot.cluster.leadership import Leadership, Role
from bot.cluster.lease import make_lease
from bot.core.caller import Caller
from bot.core.clock import SystemClock
from bot.core.models import Broadcast, BroadcastState, ChatKind, Platform
from bot.core.results import BroadcastRequest
from bot.observe.health import ClusterHealth
from bot.standins.telegram import TelegramStandIn
from bot.storage.database import create_engine, upgrade
from bot.storage.sql import SqlStore
from tests.conftest import PG_URL
from tests.delivery_kit import add_channels
from tests.harness import eventually, running, settings_for

PRIYA = 5012345678


async def fetch(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


def value(page: str, name: str) -> float:
    """The value of one sample line, e.g. 'campaign_bot_leader' or 'x{a="b"}'."""
    for line in page.splitlines():
        if line.startswith(name + " "):
            return float(line.split()[-1])
    raise AssertionError(f"{name} not in /metrics")


async def test_metrics_and_health_of_a_running_bot(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        h.tg.message(PRIYA, "/ask how do I vote?")
        h.tg.message(PRIYA, "/ask what colour is the moon on tuesdays?")
        await eventually(lambda: len(h.tg.received[str(PRIYA)]) >= 2)
        app = h.bot.app
        channels = await add_channels(app, 3, 0)
        request = BroadcastRequest("pay", "all", "Talks resume on Monday.", title="Pay")
        await app.services.broadcasts.send(request, Caller.operator())
        await eventually(lambda: all(h.tg.received[c.chat_id] for c in channels))
        await asyncio.sleep(0.3)  # the outcomes' commit
        status, page = await fetch(h.bot.http.url + "/metrics")
        assert status == 200
        assert value(page, "campaign_bot_leader") == 1.0
        assert value(page, 'campaign_bot_sends_total{platform="telegram",result="sent"}') == 3
        assert value(page, 'campaign_bot_deliveries{platform="telegram",state="sent"}') == 3
        assert value(page, 'campaign_bot_answers_total{outcome="answered"}') == 1
        assert value(page, 'campaign_bot_answers_total{outcome="handed_off"}') == 1
        assert value(page, "campaign_bot_answer_handoff_ratio") == 0.5
        assert value(page, "campaign_bot_oldest_overdue_delivery_seconds") == 0
        assert value(page, "campaign_bot_database_up") == 1
        assert "campaign_bot_rate_limited_total" in page
        status, text = await fetch(h.bot.http.url + "/health")
        body = json.loads(text)
        assert status == 200, body
        assert body["role"] == "leader" and body["lease"]["epoch"] == body["epoch"]
        assert body["overdue"] == {
            "delivery_seconds": 0,
            "reminder_seconds": 0,
            "timed_work_seconds": 0,
        }


async def test_health_503_when_the_leader_sends_nothing_while_work_is_overdue(
    tmp_path: Path,
) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    await upgrade(engine)
    try:
        store, clock = SqlStore(engine), SystemClock()
        channel = await store.channels.upsert(Platform.TELEGRAM, "-100", ChatKind.GROUP)
        made = await store.broadcasts.create(
            Broadcast(0, "Pay", "Talks", "pay", state=BroadcastState.DRAFT,
                      created_at=clock.now() - timedelta(minutes=10))
        )  # fmt: skip
        await store.broadcasts.enqueue(made.id, [channel.id])

        async def no_work(*_: object) -> object:
            return lambda: None

        leadership = Leadership(make_lease(engine, 10), no_work)  # type: ignore[arg-type]
        health = ClusterHealth(leadership, engine, (), clock, 0.2, lambda: None)
        healthy, report = await health()
        assert not healthy and report["role"] == "standby"
        assert report["problem"] == "no replica has led for a while and work is overdue"

        async with AsyncExitStack() as stack:
            await leadership.start(stack)
            await asyncio.sleep(0.3)
            healthy, report = await health()
        assert not healthy
        assert report["role"] == "leader" and report["overdue"]["delivery_seconds"] >= 590
        assert "sent nothing" in report["problem"]
    finally:
        await engine.dispose()


@pytest.mark.skipif(PG_URL is None, reason="TEST_POSTGRES_URL is not set")
@pytest.mark.parametrize("sql_url", ["postgres"], indirect=True)
async def test_leader_and_standby_health_and_readiness(tmp_path: Path, sql_url: str) -> None:
    """Two replicas on one database: both ready for the load balancer; the standby healthy,
    naming the leader's lease; when the leader stops, the standby leads within seconds."""
    async with TelegramStandIn() as tg, AsyncExitStack() as second:
        settings = settings_for(tmp_path, tg, None, DATABASE_URL=sql_url)
        first = AsyncExitStack()
        a = await start_bot(settings, first)
        try:
            b = await start_bot(settings, second)
            assert a.leadership is not None and b.leadership is not None
            for bot, role in ((a, "leader"), (b, "standby")):
                status, text = await fetch(bot.http.url + "/ready")
                assert (status, json.loads(text)["role"]) == (200, role)
            status, text = await fetch(b.http.url + "/health")
            body = json.loads(text)
            assert status == 200, body
            assert body["role"] == "standby"
            assert body["lease"]["holder"] == a.leadership.lease.holder
            assert body["lease"]["epoch"] == a.leadership.epoch and body["problem"] is None
        finally:
            await first.aclose()  # SIGTERM's path: the lease is released at once
        await eventually(lambda: b.leadership.role is Role.LEADER, within=8)
        status, text = await fetch(b.http.url + "/health")
        assert status == 200 and json.loads(text)["role"] == "leader"
