"""Tables of the membership list, invites, join requests and attempts."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    UniqueConstraint,
)

from bot.storage.tables.base import Id, UTCDateTime, metadata

# The union's membership list (bot/core/membership.py): keyed hashes (HMAC with MEMBER_KEY)
# of membership numbers and emails, never either in clear; the branch; and the member whose
# chat accounts are linked to the record.
membership_list = Table(
    "membership_list",
    metadata,
    Column("number_hash", String(64), primary_key=True),
    Column("branch", String(64), nullable=False),
    Column("email_hash", String(64), nullable=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    UniqueConstraint("member_id", name="uq_membership_list_member"),
    Index("ix_membership_list_email", "email_hash"),
    Index("ix_membership_list_branch", "branch"),
)


# One live invite per membership record; only the code's hash is kept. `used_on` lists the
# platforms it has linked an account on (it works once on each).
invites = Table(
    "invites",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column(
        "number_hash",
        String(64),
        ForeignKey("membership_list.number_hash", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_on", String(64), nullable=False, default=""),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=True),
    UniqueConstraint("number_hash", name="uq_invites_number_hash"),
    Index("ix_invites_member", "member_id"),
)


# /join: a member's request to join a branch, waiting for one of its officers.
join_requests = Table(
    "join_requests",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("branch", String(64), nullable=False),
    Column(
        "number_hash",
        String(64),
        ForeignKey("membership_list.number_hash", ondelete="CASCADE"),
        nullable=True,
    ),
    Column("requested_at", UTCDateTime, nullable=False),
    Index("ix_join_requests_member", "member_id"),
    sqlite_autoincrement=True,  # ids people press or type are never reused (0017)
)


# Wrong invite codes and /join requests, per account (a keyed hash of it, so /forget does not
# reset a lockout), kept a day.
membership_attempts = Table(
    "membership_attempts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("account_hash", String(64), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_membership_attempts_account", "account_hash", "at"),
)
