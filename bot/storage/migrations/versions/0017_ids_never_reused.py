"""on SQLite, a deleted subscription request, join request or question no longer gives its
id to the next one: SQLite hands out the highest id + 1 unless a table is AUTOINCREMENT, so
an officer's Approve button (/approve 1) for a request since declined approved whichever
request came next, from another chat. PostgreSQL's sequences never reuse an id.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 16:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

# Tables whose ids people type or press (/approve ID, /approve_join ID, /reply ID) and whose
# rows are deleted (declined, decided, forgotten). No table refers to them, so rebuilding
# one deletes nothing through a foreign key.
TABLES = ("subscriptions", "join_requests", "questions")


def _rebuild(autoincrement: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_autoincrement": autoincrement}
        ):
            pass


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    _rebuild(False)
