"""two index writes fewer per queued delivery: no ix_deliveries_broadcast (the first column
of ix_deliveries_broadcast_state serves it), ix_deliveries_member only where a member is named

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 15:25:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

NAMED = sa.text("member_id IS NOT NULL")


def upgrade() -> None:
    op.drop_index("ix_deliveries_broadcast", table_name="deliveries")
    op.drop_index("ix_deliveries_member", table_name="deliveries")
    op.create_index(
        "ix_deliveries_member",
        "deliveries",
        ["member_id"],
        sqlite_where=NAMED,
        postgresql_where=NAMED,
    )


def downgrade() -> None:
    op.drop_index("ix_deliveries_member", table_name="deliveries")
    op.create_index("ix_deliveries_member", "deliveries", ["member_id"])
    op.create_index("ix_deliveries_broadcast", "deliveries", ["broadcast_id"])
