"""ballots.from_file and ballots.withdrawn: a ballot written from a file in campaigns/ is
withdrawn (cancelled, its planned reminders dropped) when its file is removed, and restored
when the file comes back; a ballot an organiser added by command is never touched.

A ballot stored before this revision has from_file NULL (not known): the next content load
marks those still in a file; one whose file was removed before the upgrade stays as it is.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-02 05:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("ballots") as batch:
        batch.add_column(sa.Column("from_file", sa.Boolean, nullable=True))
        batch.add_column(
            sa.Column("withdrawn", sa.Boolean, nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("ballots") as batch:
        batch.drop_column("withdrawn")
        batch.drop_column("from_file")
