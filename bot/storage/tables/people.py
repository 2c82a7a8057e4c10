"""Tables of members, their accounts, branches, roles and link codes."""

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

members = Table(
    "members",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("branch", String(64), ForeignKey("branches.name", ondelete="SET NULL"), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
)


identities = Table(
    "identities",
    metadata,
    Column("platform", String(16), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Index("ix_identities_member", "member_id"),
)


branches = Table(
    "branches",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("group_name", String(64), nullable=True),
    Column("title", String(200), nullable=True),
)


roles = Table(
    "roles",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("branch", String(64), nullable=True),
    UniqueConstraint("member_id", "role", "branch", name="uq_roles_grant"),
    # Who holds a role (in a branch), and a branch's people a page at a time.
    Index("ix_roles_role_branch", "role", "branch"),
    Index("ix_roles_branch_member", "branch", "member_id"),
)


# /link: a one-time code joins another platform identity to a member. Only a hash is kept.
link_codes = Table(
    "link_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)
