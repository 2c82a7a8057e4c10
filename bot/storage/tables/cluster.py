"""Tables the replicas coordinate through: the lease, the cluster id, the shared pace, workers."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Integer,
    String,
    Table,
)

from bot.storage.tables.base import UTCDateTime, metadata

# Who sends and runs the due work: one row per lease, held by one process at a time.
# PostgreSQL: renewed by its holder before `expires_at` (the database's clock); taken over
# by a standby once expired, with the epoch one higher. SQLite: a file lock excludes, and
# the row only counts epochs.
SENDER = "sender"  # the one lease: sending and the due work


leader = Table(
    "leader",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("holder", String(128), nullable=False),
    Column("epoch", BigInteger, nullable=False),
    Column("acquired_at", UTCDateTime, nullable=False),
    Column("renewed_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=True),
)


# The database's identity, written once by `campaign-bot db upgrade` with CLUSTER_ID set:
# every replica checks that its DATABASE_URL leads to this same database.
cluster = Table(
    "cluster",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("cluster_id", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)


# One budget per bot token across replicas (PostgreSQL): the earliest moment the bot, or one
# chat (its id hashed), may send next. Rows long past are pruned.
pace = Table(
    "pace",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("next_at", UTCDateTime, nullable=False),
)


# Replicas alive: each writes its worker name and the database's time every few seconds; the
# inbox rows of one not seen for a lease's length are handled by another.
workers = Table(
    "workers",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("seen_at", UTCDateTime, nullable=False),
)
