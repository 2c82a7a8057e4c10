"""report_publications.branches: the branches a meeting report was sent to, so that a
branch it never reached reads "never sent", not "not yet noted" (as if slow to note it).

A report published before this revision is given the branches of the channels its
broadcast was queued for, through their subscriptions to its topic: the best the store
still knows.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("report_publications") as batch:
        batch.add_column(sa.Column("branches", sa.JSON, nullable=True))
    publications = sa.table(
        "report_publications",
        sa.column("report"),
        sa.column("broadcast_id"),
        sa.column("branches", sa.JSON),
    )
    deliveries = sa.table("deliveries", sa.column("broadcast_id"), sa.column("channel_id"))
    subscriptions = sa.table(
        "subscriptions", sa.column("channel_id"), sa.column("branch"), sa.column("topic")
    )
    broadcasts = sa.table("broadcasts", sa.column("id"), sa.column("topic"))
    conn = op.get_bind()
    for report, broadcast_id in conn.execute(
        sa.select(publications.c.report, publications.c.broadcast_id)
    ).all():
        reached = (
            sa.select(subscriptions.c.branch)
            .distinct()
            .join(deliveries, deliveries.c.channel_id == subscriptions.c.channel_id)
            .join(broadcasts, broadcasts.c.id == deliveries.c.broadcast_id)
            .where(
                deliveries.c.broadcast_id == broadcast_id,
                subscriptions.c.topic == broadcasts.c.topic,
            )
        )
        branches = sorted(str(b) for b in conn.scalars(reached))
        conn.execute(
            publications.update().where(publications.c.report == report).values(branches=branches)
        )


def downgrade() -> None:
    with op.batch_alter_table("report_publications") as batch:
        batch.drop_column("branches")
