"""The inbox: updates and events as received."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Index,
    Integer,
    String,
    Table,
)

from bot.storage.tables.base import UTCDateTime, metadata

# Updates and events as received, stored before the platform gets its 200 (keyed by the
# platform's own id, so a retry finds its row); handled from here. claimed_by/claimed_at
# say which worker is handling a row, so another can take over one whose worker died.
inbox = Table(
    "inbox",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("source", String(32), nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("payload", JSON, nullable=True),  # dropped once handled
    Column("state", String(16), nullable=False),
    Column("claimed_by", String(64), nullable=True),
    Column("claimed_at", UTCDateTime, nullable=True),
    Column("handled_at", UTCDateTime, nullable=True),
    Column("attempts", Integer, nullable=False),
    Index("ix_inbox_waiting", "state", "received_at"),
)
