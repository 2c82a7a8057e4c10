"""the membership list, invites, join requests

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.tables import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
HASH = sa.String(length=64)


def upgrade() -> None:
    op.create_table(
        "membership_attempts",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("account_hash", HASH, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_attempts")),
    )
    op.create_index("ix_membership_attempts_account", "membership_attempts", ["account_hash", "at"])
    op.create_table(
        "membership_list",
        sa.Column("number_hash", HASH, nullable=False),
        sa.Column("branch", sa.String(length=64), nullable=False),
        sa.Column("email_hash", HASH, nullable=True),
        sa.Column("member_id", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_membership_list_member_id_members"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("number_hash", name=op.f("pk_membership_list")),
        sa.UniqueConstraint("member_id", name="uq_membership_list_member"),
    )
    op.create_index("ix_membership_list_branch", "membership_list", ["branch"])
    op.create_index("ix_membership_list_email", "membership_list", ["email_hash"])
    op.create_table(
        "invites",
        sa.Column("code_hash", HASH, nullable=False),
        sa.Column("number_hash", HASH, nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("used_on", sa.String(length=64), nullable=False),
        sa.Column("member_id", ID, nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_invites_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["number_hash"],
            ["membership_list.number_hash"],
            name=op.f("fk_invites_number_hash_membership_list"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("code_hash", name=op.f("pk_invites")),
        sa.UniqueConstraint("number_hash", name="uq_invites_number_hash"),
    )
    op.create_table(
        "join_requests",
        sa.Column("id", ID, autoincrement=True, nullable=False),
        sa.Column("member_id", ID, nullable=False),
        sa.Column("branch", sa.String(length=64), nullable=False),
        sa.Column("number_hash", HASH, nullable=True),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_join_requests_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["number_hash"],
            ["membership_list.number_hash"],
            name=op.f("fk_join_requests_number_hash_membership_list"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_join_requests")),
    )
    op.create_index("ix_join_requests_member", "join_requests", ["member_id"])


def downgrade() -> None:
    op.drop_index("ix_join_requests_member", table_name="join_requests")
    op.drop_table("join_requests")
    op.drop_table("invites")
    op.drop_index("ix_membership_list_email", table_name="membership_list")
    op.drop_index("ix_membership_list_branch", table_name="membership_list")
    op.drop_table("membership_list")
    op.drop_index("ix_membership_attempts_account", table_name="membership_attempts")
    op.drop_table("membership_attempts")
