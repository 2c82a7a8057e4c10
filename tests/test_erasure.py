"""/forget and /link cover every table: a table that refers to a member (a foreign key to
members, or a column named like member_id, created_by, actor, user_id …) must have a step in
bot/storage/erasure.py, or this fails — so a new table cannot be forgotten by /forget."""

from __future__ import annotations

import re

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table

from bot.storage import tables
from bot.storage.erasure import FORGET, MERGE, Does, Finds, Step
from bot.storage.memory import MemoryStore

MEMBER_ID = re.compile(r"(^|_)member_id$")
DONE_BY = re.compile(r"_by$")  # created_by, requested_by; an id, not a date like join_by
IDENTITY = re.compile(r"(^|_)(asker|actor|user_id|identity)$")


def _refers_to_member_id(column: Column[object]) -> bool:
    to_members = any(fk.column.table.name == "members" for fk in column.foreign_keys)
    done_by = bool(DONE_BY.search(column.name)) and isinstance(column.type, Integer)
    return to_members or done_by or bool(MEMBER_ID.search(column.name))


def references(metadata: MetaData) -> list[tuple[str, str]]:
    """(table, column) for every column that holds a member's id or one of their identities."""
    return [
        (table.name, column.name)
        for table in metadata.sorted_tables
        for column in table.columns
        if _refers_to_member_id(column) or IDENTITY.search(column.name)
    ]


def _covers(step: Step, table: str, column: str) -> bool:
    if step.table != table:
        return False
    whole_rows = step.does is Does.DELETE and step.finds is Finds.MEMBER and step.only is None
    return whole_rows or column in (step.column, *step.also)


def unforgotten(metadata: MetaData, steps: tuple[Step, ...]) -> list[str]:
    """The member references no erasure step accounts for."""
    return [
        f"{table}.{column}"
        for table, column in references(metadata)
        if not any(_covers(step, table, column) for step in steps)
    ]


def unmerged(metadata: MetaData) -> list[str]:
    """The member-id columns a merge would leave pointing at the merged (deleted) member."""
    moved = {(step.table, step.column) for step in MERGE}
    return [
        f"{table.name}.{column.name}"
        for table in metadata.sorted_tables
        for column in table.columns
        if _refers_to_member_id(column) and (table.name, column.name) not in moved
    ]


def test_every_member_reference_has_an_erasure_step() -> None:
    assert unforgotten(tables.metadata, FORGET) == []
    assert any(s.table == "members" and s.does is Does.DELETE for s in FORGET)


def test_every_member_id_follows_a_merge() -> None:
    assert unmerged(tables.metadata) == []


def test_the_check_sees_a_new_table() -> None:
    """The two checks above can fail: a table added without a step is named."""
    metadata = MetaData()
    for table in tables.metadata.sorted_tables:
        table.to_metadata(metadata)
    Table(
        "notes",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("author", Integer, ForeignKey("members.id")),
        Column("approved_by", Integer),
        Column("slack_user_id", String(64)),
    )
    assert unforgotten(metadata, FORGET) == [
        "notes.author",
        "notes.approved_by",
        "notes.slack_user_id",
    ]
    assert unmerged(metadata) == ["notes.author", "notes.approved_by"]
    without_votes = tuple(s for s in FORGET if s.table != "consultation_votes")
    assert unforgotten(tables.metadata, without_votes) == ["consultation_votes.member_id"]


def test_steps_name_real_tables_and_columns() -> None:
    """Both stores can run every step: the SQL table has the columns the step reads, and the
    memory store has the table (the contract suite runs the steps on both)."""
    memory = MemoryStore().data
    for step in (*FORGET, *MERGE):
        table = tables.metadata.tables[step.table]
        named = [step.column, *getattr(step, "also", ()), *getattr(step, "key", ())]
        only = getattr(step, "only", None)
        named += [only[0]] if only else []
        assert set(named) <= set(table.columns.keys()), step
        assert isinstance(memory.table(step.table), dict), step
