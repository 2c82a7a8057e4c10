"""inbox: updates and events stored before they are acknowledged, handled from there

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from bot.storage.tables import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NEW_COLUMNS = ("source", "payload", "state", "claimed_by", "claimed_at", "handled_at", "attempts")


def upgrade() -> None:
    # Rows already there were handled under the old scheme: they stay, as handled.
    with op.batch_alter_table("inbox") as batch:
        batch.alter_column("at", new_column_name="received_at")
        batch.add_column(sa.Column("source", sa.String(32), nullable=False, server_default="?"))
        batch.add_column(sa.Column("payload", sa.JSON(), nullable=True))
        batch.add_column(
            sa.Column("state", sa.String(16), nullable=False, server_default="handled")
        )
        batch.add_column(sa.Column("claimed_by", sa.String(64), nullable=True))
        batch.add_column(sa.Column("claimed_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("handled_at", UTCDateTime(), nullable=True))
        batch.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
    with op.batch_alter_table("inbox") as batch:
        for name in ("source", "state", "attempts"):
            batch.alter_column(name, server_default=None)
        batch.create_index("ix_inbox_waiting", ["state", "received_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("inbox") as batch:
        batch.drop_index("ix_inbox_waiting")
        for name in NEW_COLUMNS:
            batch.drop_column(name)
        batch.alter_column("received_at", new_column_name="at")
