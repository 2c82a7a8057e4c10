"""questions waiting for an organiser

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.tables import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "questions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("text", sa.String(length=2000), nullable=False),
        sa.Column("asked_at", UTCDateTime(), nullable=False),
        sa.Column("platform", sa.String(length=16), nullable=True),
        sa.Column("user_id", sa.String(length=64), nullable=True),
        sa.Column("branch", sa.String(length=64), nullable=True),
        sa.Column("answer", sa.Text(), nullable=True),
        sa.Column("answered_at", UTCDateTime(), nullable=True),
        sa.Column("faq", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_questions")),
    )
    op.create_index("ix_questions_open", "questions", ["answered_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_questions_open", table_name="questions")
    op.drop_table("questions")
