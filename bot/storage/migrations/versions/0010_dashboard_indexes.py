"""dashboard at scale: a covering index for a broadcast's counts, indexes for roles

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 11:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_deliveries_broadcast_state",
            ["broadcast_id", "state", "channel_id", "platform", "ambiguous"],
            unique=False,
        )
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.create_index("ix_roles_role_branch", ["role", "branch"], unique=False)
        batch_op.create_index("ix_roles_branch_member", ["branch", "member_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("roles", schema=None) as batch_op:
        batch_op.drop_index("ix_roles_branch_member")
        batch_op.drop_index("ix_roles_role_branch")
    with op.batch_alter_table("deliveries", schema=None) as batch_op:
        batch_op.drop_index("ix_deliveries_broadcast_state")
