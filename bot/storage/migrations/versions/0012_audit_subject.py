"""audit entries name whom an action was done to (subject_identity), indexed for /forget

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-30 15:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("audit_log", sa.Column("subject_identity", sa.String(100), nullable=True))
    # Entries already written name their subject in the detail's "who" (roles granted or
    # revoked, dashboard links): copied out, so /forget finds them by the index, not by
    # reading every entry's JSON.
    log = sa.table("audit_log", sa.column("detail", sa.JSON), sa.column("subject_identity"))
    who = log.c.detail["who"].as_string()
    named = sa.func.substr(who, 1, 100)
    op.execute(log.update().where(who.is_not(None)).values(subject_identity=named))
    op.create_index("ix_audit_log_subject_identity", "audit_log", ["subject_identity"])


def downgrade() -> None:
    op.drop_index("ix_audit_log_subject_identity", table_name="audit_log")
    op.drop_column("audit_log", "subject_identity")
