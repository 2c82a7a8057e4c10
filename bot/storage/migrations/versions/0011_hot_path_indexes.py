"""indexes for every hot-path query (tests/test_query_plans.py explains them)

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 12:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# (table, index, columns): member lookups for /forget, /mydata and /link merging; turnout.
ADDED = (
    ("channels", "ix_channels_member", ["member_id"]),
    ("channels", "ix_channels_state", ["state"]),
    ("subscriptions", "ix_subscriptions_requested_by", ["requested_by"]),
    ("deliveries", "ix_deliveries_channel", ["channel_id"]),
    ("deliveries", "ix_deliveries_member", ["member_id"]),
    ("ballot_banked", "ix_ballot_banked_branch", ["ballot", "branch"]),
    ("ballot_banked", "ix_ballot_banked_member", ["member_id"]),
    ("audit_log", "ix_audit_log_actor", ["actor"]),
    ("petition_signatures", "ix_petition_signatures_member", ["member_id"]),
    ("consultation_votes", "ix_consultation_votes_member", ["member_id"]),
    ("invites", "ix_invites_member", ["member_id"]),
)


def upgrade() -> None:
    # Claims read a platform's pending rows in id order: (state, platform, id) gives them
    # in that order; the old (platform, state, not_before) made every claim sort them all.
    op.drop_index("ix_deliveries_work", table_name="deliveries")
    op.create_index("ix_deliveries_work", "deliveries", ["state", "platform", "id"])
    # An audience read from the index alone: channel ids by topic, state and branch.
    op.drop_index("ix_subscriptions_topic", table_name="subscriptions")
    op.create_index(
        "ix_subscriptions_topic", "subscriptions", ["topic", "state", "branch", "channel_id"]
    )
    for table, name, columns in ADDED:
        op.create_index(name, table, columns)


def downgrade() -> None:
    for table, name, _ in reversed(ADDED):
        op.drop_index(name, table_name=table)
    op.drop_index("ix_deliveries_work", table_name="deliveries")
    op.create_index("ix_deliveries_work", "deliveries", ["platform", "state", "not_before"])
    op.drop_index("ix_subscriptions_topic", table_name="subscriptions")
    op.create_index("ix_subscriptions_topic", "subscriptions", ["topic", "state", "branch"])
