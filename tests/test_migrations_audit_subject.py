"""Migration 0012: audit entries written before it name their subject only in the detail's
"who"; the migration copies it into the indexed subject_identity, so /forget finds them."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import JSON, column, insert, table

from bot.storage.database import create_engine, upgrade
from bot.storage.sql import SqlStore
from tests.conftest import PG_URL, _drop_postgres_database, _postgres_database

AT = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
OLD_LOG = table(
    "audit_log",
    column("at"),
    column("actor"),
    column("action"),
    column("outcome"),
    column("detail", JSON),
)


@pytest.fixture(params=["sqlite", "postgres"])
async def url_at_0011(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A database migrated to 0011, before audit entries had a subject."""
    if request.param == "postgres":
        if PG_URL is None:
            pytest.skip("TEST_POSTGRES_URL is not set (CI sets it; see scripts/pg-test-server)")
        url, name = await _postgres_database()
    else:
        url, name = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}", ""
    engine = create_engine(url)
    await upgrade(engine, "0011")
    await engine.dispose()
    yield url
    if name:
        await _drop_postgres_database(name)


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
