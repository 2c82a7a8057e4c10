"""Migration 0018: a report published before it is given the branches its broadcast reached
(through the channels' subscriptions to its topic), so `report status` says "never sent"
only of a branch it did not reach."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import column, insert, table

from bot.core.models import Broadcast, ChatKind, Platform, SubscriptionState
from bot.storage.database import create_engine, upgrade
from bot.storage.sql import SqlStore
from tests.conftest import PG_URL
from tests.databases import at_revision

AT = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
OLD = table("report_publications", column("report"), column("broadcast_id"), column("published_at"))


url_at_0017 = at_revision("0017", PG_URL)  # before publications had their branches


async def test_an_old_publication_gets_the_branches_it_reached(url_at_0017: str) -> None:
    engine = create_engine(url_at_0017)
    try:
        store = SqlStore(engine)
        active, reached = SubscriptionState.ACTIVE, []
        for chat, branch, topic in (("-1", "dwp-leeds", "reports"), ("-2", "dwp-glasgow", "pay")):
            channel = await store.channels.upsert(Platform.TELEGRAM, chat, ChatKind.GROUP, chat)
            await store.subscriptions.add(channel.id, branch, topic, active)
            reached.append(channel.id)
        made = await store.broadcasts.create(Broadcast(0, "NEC", "body", "reports", created_at=AT))
        await store.broadcasts.enqueue(made.id, reached[:1])
        async with engine.begin() as conn:
            values = {"report": "nec", "broadcast_id": made.id, "published_at": AT}
            await conn.execute(insert(OLD).values(**values))
        await upgrade(engine)
        assert await store.reports.sent_to("nec") == {"dwp-leeds"}
        assert await store.reports.published("nec") == AT
    finally:
        await engine.dispose()
