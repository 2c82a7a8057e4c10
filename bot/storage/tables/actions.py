"""Tables of petitions, reports, consultations and their timers."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from bot.storage.tables.base import Id, UTCDateTime, metadata

# "I've signed": one row per member and petition. /forget clears member_id, so the row
# survives only as an anonymous count for its branch.
petition_signatures = Table(
    "petition_signatures",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("petition", String(64), nullable=False),
    Column("member_id", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("branch", String(64), nullable=True),
    UniqueConstraint("petition", "member_id", name="uq_petition_signatures_member"),
    Index("ix_petition_signatures_branch", "petition", "branch"),
    Index("ix_petition_signatures_member", "member_id"),
)


report_publications = Table(
    "report_publications",
    metadata,
    Column("report", String(64), primary_key=True),
    Column("broadcast_id", Id, ForeignKey("broadcasts.id", ondelete="SET NULL"), nullable=True),
    Column("published_at", UTCDateTime, nullable=False),
    # The branches it was sent to (a channel of theirs subscribed to its topic): a branch
    # not among them never had it to note. Grows when `report publish --branch` sends more.
    Column("branches", JSON, nullable=True),
)


# A branch has noted a report (acknowledged by one of its officers).
report_acks = Table(
    "report_acks",
    metadata,
    Column("report", String(64), primary_key=True),
    Column("branch", String(64), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("at", UTCDateTime, nullable=False),
)


consultations = Table(
    "consultations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("question", String(500), nullable=False),
    Column("options", JSON, nullable=False),
    Column("topic", String(32), nullable=False),
    Column("branches", JSON, nullable=False),
    Column("opens_at", UTCDateTime, nullable=False),
    Column("closes_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_by", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("results", JSON, nullable=True),
)


# One vote per member; /forget clears member_id and the choice survives only in the totals.
consultation_votes = Table(
    "consultation_votes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("consultation", Id, ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False),
    Column("member_id", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("branch", String(64), nullable=True),
    Column("choice", Integer, nullable=False),
    UniqueConstraint("consultation", "member_id", name="uq_consultation_votes_member"),
    Index("ix_consultation_votes_member", "member_id"),
)


# Timed work other than ballot reminders (a report's action deadlines, a consultation's
# close), woken by the same scheduler and fired once, in one transaction, like reminders.
timers = Table(
    "timers",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("ref", String(200), nullable=False),
    Column("fire_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False),
    Column("detail", JSON, nullable=False),
    UniqueConstraint("kind", "ref", name="uq_timers_kind"),
    Index("ix_timers_due", "state", "fire_at"),
)
