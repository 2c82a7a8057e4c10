"""Tables of ballots, electorates, members banked and reminders."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
    false,
)

from bot.storage.tables.base import Id, UTCDateTime, metadata

ballots = Table(
    "ballots",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("opens_at", UTCDateTime, nullable=False),
    Column("closes_at", UTCDateTime, nullable=False),
    Column("scope_group", String(64), nullable=True),
    Column("scope_branches", JSON, nullable=False),
    Column("turnout_threshold", Float, nullable=False),
    Column("yes_threshold", Float, nullable=True),
    Column("packs_arrive_by", UTCDateTime, nullable=True),
    Column("join_by", UTCDateTime, nullable=True),
    Column("replacement_deadline", UTCDateTime, nullable=True),
    Column("posting_days", Integer, nullable=False),
    Column("info_url", String(500), nullable=True),
    Column("cancelled", Boolean, nullable=False, default=False),
    # True: written from a file in campaigns/ballots/; False: added by an organiser's
    # command; None: from before migration 0019, not known (never withdrawn).
    Column("from_file", Boolean, nullable=True),
    # Its file is gone: cancelled until the file comes back (an organiser's cancel is not).
    Column("withdrawn", Boolean, nullable=False, default=False, server_default=false()),
)


ballot_electorate = Table(
    "ballot_electorate",
    metadata,
    Column("ballot", String(64), ForeignKey("ballots.name", ondelete="CASCADE"), primary_key=True),
    Column("branch", String(64), ForeignKey("branches.name", ondelete="CASCADE"), primary_key=True),
    Column("eligible", Integer, nullable=False),
)


# "I've voted": a member is banked for a ballot. Only the fact, never the vote.
ballot_banked = Table(
    "ballot_banked",
    metadata,
    Column("ballot", String(64), ForeignKey("ballots.name", ondelete="CASCADE"), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), primary_key=True),
    Column("branch", String(64), nullable=True),
    Column("at", UTCDateTime, nullable=False),
    # Turnout counts a ballot's banked members by branch from this index alone.
    Index("ix_ballot_banked_branch", "ballot", "branch"),
    Index("ix_ballot_banked_member", "member_id"),
)


# Turnout by branch, kept as banked rows come and go (/voted, /forget, /link merging): the
# turnout report reads one row per branch, never every banked member.
ballot_turnout = Table(
    "ballot_turnout",
    metadata,
    Column("ballot", String(64), ForeignKey("ballots.name", ondelete="CASCADE"), primary_key=True),
    Column("branch", String(64), primary_key=True),
    Column("banked", Integer, nullable=False),
)


reminders = Table(
    "reminders",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("ballot", String(64), ForeignKey("ballots.name", ondelete="CASCADE"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("fire_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False),
    UniqueConstraint("ballot", "kind", name="uq_reminders_ballot_kind"),
    Index("ix_reminders_due", "state", "fire_at"),
)
