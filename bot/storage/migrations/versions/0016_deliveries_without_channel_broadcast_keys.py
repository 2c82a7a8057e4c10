"""a queued delivery checks no foreign key to its channel or broadcast: on PostgreSQL the
two checks were more than half of queueing 50,000 deliveries (each locks the row it refers
to). The code keeps what they kept: deliveries are only made by INSERT … SELECT from the
channels that exist, a channel is deleted only after its deliveries are moved (a chat that
migrated) or deleted (/forget), and broadcasts are never deleted.

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 18:15:00
"""

from __future__ import annotations

from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

KEYS = (
    ("fk_deliveries_channel_id_channels", "channels", "channel_id"),
    ("fk_deliveries_broadcast_id_broadcasts", "broadcasts", "broadcast_id"),
)


def upgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        for name, _, _ in KEYS:
            batch.drop_constraint(name, type_="foreignkey")


def downgrade() -> None:
    with op.batch_alter_table("deliveries") as batch:
        for name, table, column in KEYS:
            batch.create_foreign_key(name, table, [column], ["id"], ondelete="CASCADE")
