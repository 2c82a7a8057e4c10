"""Tables of chats and their subscriptions."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    UniqueConstraint,
)

from bot.storage.tables.base import Id, metadata

channels = Table(
    "channels",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    # A Telegram chat id is a signed 64-bit integer (supergroups pass 2^32); Slack's are
    # strings. Both are kept as text so one column and one index serve every platform.
    Column("chat_id", String(64), nullable=False),
    # A forum topic in the chat (Telegram's message_thread_id) is a place of its own, with
    # its own subscriptions; "" is the chat itself.
    Column("thread", String(32), nullable=False, default=""),
    Column("kind", String(16), nullable=False),
    Column("title", String(200), nullable=True),
    Column("state", String(24), nullable=False, default="active"),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=True),
    UniqueConstraint("platform", "chat_id", "thread", name="uq_channels_place"),
    Index("ix_channels_member", "member_id"),
    # Claims leave out the few channels held back (suspended): found here, not by a scan.
    Index("ix_channels_state", "state"),
)


subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("channel_id", Id, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("branch", String(64), nullable=False),
    Column("topic", String(32), nullable=False),
    Column("state", String(16), nullable=False),
    Column("requested_by", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    UniqueConstraint("channel_id", "branch", "topic", name="uq_subscriptions_target"),
    # Covering: an audience is read from the index alone (channel ids by topic and branch).
    Index("ix_subscriptions_topic", "topic", "state", "branch", "channel_id"),
    Index("ix_subscriptions_requested_by", "requested_by"),
    sqlite_autoincrement=True,  # ids people press or type are never reused (0017)
)
