"""Tables of broadcasts and their deliveries (the outbox)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from bot.storage.tables.base import Id, UTCDateTime, metadata

broadcasts = Table(
    "broadcasts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False, default="broadcast"),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("topic", String(32), nullable=False),
    Column("template", String(64), nullable=True),
    Column("template_values", JSON, nullable=False),
    Column("buttons", JSON, nullable=False),
    Column("branches", JSON, nullable=False),
    Column("group_name", String(64), nullable=True),
    Column("state", String(16), nullable=False),
    Column("send_at", UTCDateTime, nullable=True),
    Column("created_by", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    # A reminder makes at most one broadcast: firing it again after a crash finds this one.
    Column("reminder_id", Id, ForeignKey("reminders.id", ondelete="SET NULL"), nullable=True),
    Index("ix_broadcasts_due", "state", "send_at"),
    UniqueConstraint("reminder_id", name="uq_broadcasts_reminder"),
)


deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    # No foreign key to the broadcast or the channel (migration 0016): checking both for
    # every queued row was more than half of queueing a broadcast on PostgreSQL. Rows are
    # only made by INSERT … SELECT from existing channels; a channel is deleted only after
    # its deliveries are moved or deleted (channels.migrate, erasure), a broadcast only by
    # erasure, a notice to a forgotten member's chats alone, once their deliveries are gone.
    Column("broadcast_id", Id, nullable=True),
    Column("reminder_id", Id, ForeignKey("reminders.id", ondelete="CASCADE"), nullable=True),
    Column("channel_id", Id, nullable=False),
    Column("platform", String(16), nullable=False),
    Column("member_id", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    # Set when a send may have arrived without our knowing (a crash or a timeout mid-send):
    # such a delivery is sent at most once more, and reported as a possible duplicate.
    Column("ambiguous", Boolean, nullable=False, default=False),
    Column("reason", String(200), nullable=True),
    Column("not_before", UTCDateTime, nullable=True),
    Column("updated_at", UTCDateTime, nullable=True),
    Column("sent_at", UTCDateTime, nullable=True),
    # The sender's lease epoch when it claimed the row: recovery after a takeover resets only
    # rows claimed under an older epoch, never those the current sender has in flight.
    Column("epoch", BigInteger, nullable=True),
    # When it was first claimed: a look-up of a send in doubt searches the chat from then.
    Column("first_tried_at", UTCDateTime, nullable=True),
    # Claims take a platform's pending rows in id order, a few at a time: the index hands
    # them over in that order, so a claim reads what it takes, not every pending row.
    Index("ix_deliveries_work", "state", "platform", "id"),
    # (broadcast_id alone is served by the next index's first column: one index fewer to
    # write for each of a broadcast's deliveries.)
    # The dashboard's counts by state (and by channel, for the per-branch report) read
    # this index alone, however many channels a broadcast went to.
    Index(
        "ix_deliveries_broadcast_state",
        "broadcast_id",
        "state",
        "channel_id",
        "platform",
        "ambiguous",
    ),
    Index("ix_deliveries_channel", "channel_id"),
    # /forget and merging find a member's deliveries; queued rows name no member, so they
    # are left out of this index (one index fewer to write when a broadcast is queued).
    Index(
        "ix_deliveries_member",
        "member_id",
        sqlite_where=text("member_id IS NOT NULL"),
        postgresql_where=text("member_id IS NOT NULL"),
    ),
)
