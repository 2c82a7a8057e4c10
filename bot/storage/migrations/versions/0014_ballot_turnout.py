"""turnout by branch kept as a count (ballot_turnout), counted from the banked rows

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 15:15:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    turnout = op.create_table(
        "ballot_turnout",
        sa.Column(
            "ballot",
            sa.String(64),
            sa.ForeignKey("ballots.name", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("branch", sa.String(64), primary_key=True),
        sa.Column("banked", sa.Integer, nullable=False),
    )
    banked = sa.table("ballot_banked", sa.column("ballot"), sa.column("branch"))
    counts = (
        sa.select(banked.c.ballot, banked.c.branch, sa.func.count())
        .where(banked.c.branch.is_not(None))
        .group_by(banked.c.ballot, banked.c.branch)
    )
    op.execute(turnout.insert().from_select(["ballot", "branch", "banked"], counts))


def downgrade() -> None:
    op.drop_table("ballot_turnout")
