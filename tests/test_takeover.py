"""The inbox after a replica dies: a row it stored and claimed but never handled is handled
once by the leader; one held by a live replica is left alone; and the store's takeover is
one conditional claim, so two replicas never both get a row."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from bot.adapters.telegram.translate import _command_key as command_key
from bot.app import build_app
from bot.core.models import InboxItem, InboxState
from bot.core.ports import Store
from tests.conftest import PG_URL
from tests.harness import eventually, running, settings_for, settle

T0 = datetime(2023, 5, 8, 9, 0, tzinfo=UTC)


def help_update(update_id: int, user: int) -> dict[str, Any]:
    who = {"id": user, "is_bot": False, "first_name": "Member"}
    message = {
        "message_id": update_id,
        "from": who,
        "chat": {"id": user, "type": "private", "first_name": "Member"},
        "date": int(time.time()),
        "text": "/help",
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
    }
    return {"update_id": update_id, "message": message}


async def state_within(store: Store, key: str, seconds: float) -> InboxState | None:
    """The row's state once it is no longer RECEIVED (or RECEIVED after `seconds`)."""
    deadline = time.monotonic() + seconds
    while True:
        item = await store.inbox.get(key)
        if item is None or item.state is not InboxState.RECEIVED or time.monotonic() > deadline:
            return None if item is None else item.state
        await asyncio.sleep(0.05)


async def test_stranded_rows_are_taken_over_once(store: Store) -> None:
    for key, worker in (("a", "dead"), ("b", "alive"), ("c", "dead"), ("young", "dead")):
        at = T0 - timedelta(seconds=1 if key == "young" else 30)
        await store.inbox.receive(InboxItem(key, "telegram:update", at, {"n": 1}), worker)
    await store.inbox.finish("c", InboxState.HANDLED, T0)
    await store.inbox.release("b", T0)  # a failed handler let go: anyone may retry it
    found = await store.inbox.stranded({"alive", "me"}, T0 - timedelta(seconds=2), 10)
    assert [(i.key, i.claimed_by) for i in found] == [("a", "dead"), ("b", None)]
    mine = await store.inbox.take_over("a", "dead", "me", T0)
    assert mine is not None and mine.claimed_by == "me" and mine.payload == {"n": 1}
    assert await store.inbox.take_over("a", "dead", "other", T0) is None  # taken once
    assert await store.inbox.take_over("b", None, "me", T0) is not None
    assert await store.inbox.stranded({"me"}, T0 - timedelta(seconds=2), 10) == []


@pytest.mark.skipif(PG_URL is None, reason="TEST_POSTGRES_URL is not set")
@pytest.mark.parametrize("sql_url", ["postgres"], indirect=True)
async def test_the_leader_handles_what_a_dead_replica_left(tmp_path: Path, sql_url: str) -> None:
    async with running(tmp_path, slack=False, DATABASE_URL=sql_url) as h:
        app = h.bot.app
        database = app.database
        assert database is not None
        before = datetime.now(UTC) - timedelta(seconds=20)
        async with database.begin() as conn:  # a replica alive a moment ago, and one long dead
            await conn.execute(
                text("INSERT INTO workers (name, seen_at) VALUES ('alive:1', now()), "
                     "('dead:1', now() - interval '1 hour')")
            )  # fmt: skip
        for update_id, user, worker in ((501, 7001, "dead:1"), (502, 7002, "alive:1")):
            item = InboxItem(f"telegram:{update_id}", "telegram:update", before,
                             help_update(update_id, user))  # fmt: skip
            assert await app.store.inbox.receive(item, worker)
        await eventually(lambda: bool(h.tg.received["7001"]), within=15)
        assert await state_within(app.store, "telegram:501", 10) is InboxState.HANDLED
        assert len(h.tg.received["7001"]) == 1
        held = await app.store.inbox.get("telegram:502")
        assert held is not None and held.state is InboxState.RECEIVED  # its replica lives
        assert not h.tg.received["7002"]


async def test_after_a_restart_on_sqlite_the_last_process_rows_are_handled(
    tmp_path: Path,
) -> None:
    async with AsyncExitStack() as stack:  # an earlier process stored it, then died
        app = await build_app(settings_for(tmp_path, None, None), stack)
        at = datetime.now(UTC) - timedelta(seconds=10)
        item = InboxItem("telegram:601", "telegram:update", at, help_update(601, 7101))
        assert await app.store.inbox.receive(item, "an-earlier-process")
    async with running(tmp_path, slack=False) as h:
        await eventually(lambda: bool(h.tg.received["7101"]), within=15)
        assert len(h.tg.received["7101"]) == 1


async def test_a_command_marked_run_before_its_replica_died_is_still_answered(
    tmp_path: Path,
) -> None:
    """The process died after marking the command as run (which comes before the reply) and
    before replying: the update handled again must still answer, and an edit of the same
    message must still not run it a second time."""
    update = help_update(603, 7103)
    key = command_key(7103, 603)
    async with AsyncExitStack() as stack:  # the state a kill -9 at that moment leaves
        app = await build_app(settings_for(tmp_path, None, None), stack)
        at = datetime.now(UTC) - timedelta(seconds=10)
        item = InboxItem("telegram:603", "telegram:update", at, update)
        assert await app.store.inbox.receive(item, "an-earlier-process")
        assert await app.store.inbox.receive(
            InboxItem(key, "telegram:update:603", at), "an-earlier-process"
        )
        await app.store.inbox.finish(key, InboxState.HANDLED, at)
    async with running(tmp_path, slack=False) as h:
        await eventually(lambda: bool(h.tg.received["7103"]), within=15)
        assert "/help" in h.tg.received["7103"][0].text
        h.tg.push({"edited_message": dict(update["message"], text="/help ")})
        h.tg.push({"message": dict(update["message"], message_id=605)})  # a new /help
        await eventually(lambda: len(h.tg.received["7103"]) >= 2, within=15)
        await settle(0.5)
        assert len(h.tg.received["7103"]) == 2  # the edit of the first ran nothing
