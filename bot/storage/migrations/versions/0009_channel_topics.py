"""channels: a forum topic is a place of its own (thread), unique with its chat

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("channels") as batch:
        batch.add_column(sa.Column("thread", sa.String(32), nullable=False, server_default=""))
        batch.drop_constraint("uq_channels_platform_chat", type_="unique")
        batch.create_unique_constraint("uq_channels_place", ["platform", "chat_id", "thread"])
    with op.batch_alter_table("channels") as batch:
        batch.alter_column("thread", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("channels") as batch:
        batch.drop_constraint("uq_channels_place", type_="unique")
        batch.create_unique_constraint("uq_channels_platform_chat", ["platform", "chat_id"])
        batch.drop_column("thread")
