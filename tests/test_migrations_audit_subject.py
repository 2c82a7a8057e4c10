"""Migration 0012: audit entries written before it name their subject only in the detail's
"who"; the migration copies it into the indexed subject_identity, so /forget finds them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, column, insert, table

from bot.storage.database import create_engine, upgrade
from bot.storage.sql import SqlStore
from tests.conftest import PG_URL
from tests.databases import at_revision

AT = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
OLD_LOG = table(
    "audit_log",
    column("at"),
    column("actor"),
    column("action"),
    column("outcome"),
    column("detail", JSON),
)


url_at_0011 = at_revision("0011", PG_URL)  # before audit entries had a subject


async def test_old_entries_get_their_subject_and_forget_finds_them(url_at_0011: str) -> None:
    engine = create_engine(url_at_0011)
    try:
        rows = [
            ("cli", "roles grant", {"who": "telegram:4400000001", "role": "officer"}),
            ("slack:U0OTHER001", "/dashboard", {"who": "slack:U0OTHER001"}),
            ("cli", "members import", {"added": "3"}),
        ]
        async with engine.begin() as conn:
            for actor, action, detail in rows:
                values = {"at": AT, "actor": actor, "action": action, "outcome": "done"}
                await conn.execute(insert(OLD_LOG).values(**values, detail=detail))
        await upgrade(engine)
        store = SqlStore(engine)
        subjects = [(e.action, e.subject) for e in reversed(await store.audit.recent())]
        assert subjects == [
            ("roles grant", "telegram:4400000001"),
            ("/dashboard", "slack:U0OTHER001"),
            ("members import", None),
        ]
        touched = await store.privacy.forget(999, ["telegram:4400000001"], "forgotten:abc")
        assert touched == {"audit_log": 1}
        granted = (await store.audit.recent())[-1]
        assert granted.actor == "cli" and granted.subject == "forgotten:abc"
        assert granted.detail == {"who": "forgotten:abc", "role": "officer"}
    finally:
        await engine.dispose()
