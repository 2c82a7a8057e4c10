"""Tables of the dashboard's sign-in links, sessions and forms."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    String,
    Table,
)

from bot.storage.tables.base import Id, UTCDateTime, metadata

# The organisers' dashboard: one-time sign-in links sent by chat, and the sessions they open.
# Only hashes are kept, so a copy of the database signs no one in.
dashboard_links = Table(
    "dashboard_links",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("identity", String(100), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)


dashboard_sessions = Table(
    "dashboard_sessions",
    metadata,
    Column("session_hash", String(64), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("identity", String(100), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Index("ix_dashboard_sessions_member", "member_id"),
)


# The one-time numbers of dashboard forms already posted: a form sent twice has one effect.
dashboard_forms = Table(
    "dashboard_forms",
    metadata,
    Column("nonce_hash", String(64), primary_key=True),
    Column("at", UTCDateTime, nullable=False),
)
