"""What every SQL repository shares: its engine, "insert once", the id a new row got."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine


class SqlRepo:
    """A repository on one engine. Each method is one short transaction."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def _insert_once(self, table: Table, **values: Any) -> bool:
        """Insert one row; False (nothing changed) if a unique key says it is already there."""
        try:
            async with self._engine.begin() as conn:
                await conn.execute(insert(table).values(**values))
            return True
        except IntegrityError:
            return False


def inserted_id(result: CursorResult[Any]) -> int:
    """The primary key of the one row an INSERT made."""
    key = result.inserted_primary_key
    assert key is not None, "not the result of a single-row INSERT"
    return int(key[0])
