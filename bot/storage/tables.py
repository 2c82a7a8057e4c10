"""The tables. Portable across SQLite and PostgreSQL: 64-bit ids, tz-aware UTC times."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# BIGINT on PostgreSQL; INTEGER on SQLite so that it stays the rowid and autoincrements.
Id = BigInteger().with_variant(Integer(), "sqlite")


class UTCDateTime(TypeDecorator[datetime]):
    """Stores UTC; always hands back tz-aware UTC, whatever the backend keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the store; use tz-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


members = Table(
    "members",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("branch", String(64), ForeignKey("branches.name", ondelete="SET NULL"), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
)

identities = Table(
    "identities",
    metadata,
    Column("platform", String(16), primary_key=True),
    Column("user_id", String(64), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Index("ix_identities_member", "member_id"),
)

branches = Table(
    "branches",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("group_name", String(64), nullable=True),
    Column("title", String(200), nullable=True),
)

roles = Table(
    "roles",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("role", String(16), nullable=False),
    Column("branch", String(64), nullable=True),
    UniqueConstraint("member_id", "role", "branch", name="uq_roles_grant"),
    # Who holds a role (in a branch), and a branch's people a page at a time.
    Index("ix_roles_role_branch", "role", "branch"),
    Index("ix_roles_branch_member", "branch", "member_id"),
)

channels = Table(
    "channels",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    # A Telegram chat id is a signed 64-bit integer (supergroups pass 2^32); Slack's are
    # strings. Both are kept as text so one column and one index serve every platform.
    Column("chat_id", String(64), nullable=False),
    # A forum topic in the chat (Telegram's message_thread_id) is a place of its own, with
    # its own subscriptions; "" is the chat itself.
    Column("thread", String(32), nullable=False, default=""),
    Column("kind", String(16), nullable=False),
    Column("title", String(200), nullable=True),
    Column("state", String(24), nullable=False, default="active"),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=True),
    UniqueConstraint("platform", "chat_id", "thread", name="uq_channels_place"),
    Index("ix_channels_member", "member_id"),
    # Claims leave out the few channels held back (suspended): found here, not by a scan.
    Index("ix_channels_state", "state"),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("channel_id", Id, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("branch", String(64), nullable=False),
    Column("topic", String(32), nullable=False),
    Column("state", String(16), nullable=False),
    Column("requested_by", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    UniqueConstraint("channel_id", "branch", "topic", name="uq_subscriptions_target"),
    # Covering: an audience is read from the index alone (channel ids by topic and branch).
    Index("ix_subscriptions_topic", "topic", "state", "branch", "channel_id"),
    Index("ix_subscriptions_requested_by", "requested_by"),
)

broadcasts = Table(
    "broadcasts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False, default="broadcast"),
    Column("title", String(200), nullable=False),
    Column("body", Text, nullable=False),
    Column("topic", String(32), nullable=False),
    Column("template", String(64), nullable=True),
    Column("template_values", JSON, nullable=False),
    Column("buttons", JSON, nullable=False),
    Column("branches", JSON, nullable=False),
    Column("group_name", String(64), nullable=True),
    Column("state", String(16), nullable=False),
    Column("send_at", UTCDateTime, nullable=True),
    Column("created_by", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    # A reminder makes at most one broadcast: firing it again after a crash finds this one.
    Column("reminder_id", Id, ForeignKey("reminders.id", ondelete="SET NULL"), nullable=True),
    Index("ix_broadcasts_due", "state", "send_at"),
    UniqueConstraint("reminder_id", name="uq_broadcasts_reminder"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("broadcast_id", Id, ForeignKey("broadcasts.id", ondelete="CASCADE"), nullable=True),
    Column("reminder_id", Id, ForeignKey("reminders.id", ondelete="CASCADE"), nullable=True),
    Column("channel_id", Id, ForeignKey("channels.id", ondelete="CASCADE"), nullable=False),
    Column("platform", String(16), nullable=False),
    Column("member_id", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    # Set when a send may have arrived without our knowing (a crash or a timeout mid-send):
    # such a delivery is sent at most once more, and reported as a possible duplicate.
    Column("ambiguous", Boolean, nullable=False, default=False),
    Column("reason", String(200), nullable=True),
    Column("not_before", UTCDateTime, nullable=True),
    Column("updated_at", UTCDateTime, nullable=True),
    Column("sent_at", UTCDateTime, nullable=True),
    # The sender's lease epoch when it claimed the row: recovery after a takeover resets only
    # rows claimed under an older epoch, never those the current sender has in flight.
    Column("epoch", BigInteger, nullable=True),
    # Claims take a platform's pending rows in id order, a few at a time: the index hands
    # them over in that order, so a claim reads what it takes, not every pending row.
    Index("ix_deliveries_work", "state", "platform", "id"),
    Index("ix_deliveries_broadcast", "broadcast_id"),
    # The dashboard's counts by state (and by channel, for the per-branch report) read
    # this index alone, however many channels a broadcast went to.
    Index(
        "ix_deliveries_broadcast_state",
        "broadcast_id",
        "state",
        "channel_id",
        "platform",
        "ambiguous",
    ),
    Index("ix_deliveries_channel", "channel_id"),
    Index("ix_deliveries_member", "member_id"),
)

ballots = Table(
    "ballots",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("title", String(200), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("opens_at", UTCDateTime, nullable=False),
    Column("closes_at", UTCDateTime, nullable=False),
    Column("scope_group", String(64), nullable=True),
    Column("scope_branches", JSON, nullable=False),
    Column("turnout_threshold", Float, nullable=False),
    Column("yes_threshold", Float, nullable=True),
    Column("packs_arrive_by", UTCDateTime, nullable=True),
    Column("join_by", UTCDateTime, nullable=True),
    Column("replacement_deadline", UTCDateTime, nullable=True),
    Column("posting_days", Integer, nullable=False),
    Column("info_url", String(500), nullable=True),
    Column("cancelled", Boolean, nullable=False, default=False),
)

ballot_electorate = Table(
    "ballot_electorate",
    metadata,
    Column("ballot", String(64), ForeignKey("ballots.name", ondelete="CASCADE"), primary_key=True),
    Column("branch", String(64), ForeignKey("branches.name", ondelete="CASCADE"), primary_key=True),
    Column("eligible", Integer, nullable=False),
)

# "I've voted": a member is banked for a ballot. Only the fact, never the vote.
ballot_banked = Table(
    "ballot_banked",
    metadata,
    Column("ballot", String(64), ForeignKey("ballots.name", ondelete="CASCADE"), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), primary_key=True),
    Column("branch", String(64), nullable=True),
    Column("at", UTCDateTime, nullable=False),
    # Turnout counts a ballot's banked members by branch from this index alone.
    Index("ix_ballot_banked_branch", "ballot", "branch"),
    Index("ix_ballot_banked_member", "member_id"),
)

reminders = Table(
    "reminders",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("ballot", String(64), ForeignKey("ballots.name", ondelete="CASCADE"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("fire_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False),
    UniqueConstraint("ballot", "kind", name="uq_reminders_ballot_kind"),
    Index("ix_reminders_due", "state", "fire_at"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(64), nullable=False),
    Column("outcome", String(32), nullable=False),
    Column("detail", JSON, nullable=False),
    Index("ix_audit_log_actor", "actor"),
)

questions = Table(
    "questions",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("text", String(2000), nullable=False),
    Column("asked_at", UTCDateTime, nullable=False),
    # Who asked, to send the answer; cleared once it is sent.
    Column("platform", String(16), nullable=True),
    Column("user_id", String(64), nullable=True),
    Column("branch", String(64), nullable=True),
    Column("answer", Text, nullable=True),
    Column("answered_at", UTCDateTime, nullable=True),
    Column("faq", Boolean, nullable=False, default=False),
    Index("ix_questions_open", "answered_at"),
)

# Organisers' alternative phrasings of FAQ entries (/faq alias): no member reference.
faq_aliases = Table(
    "faq_aliases",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("entry", String(64), nullable=False),
    Column("phrase", String(500), nullable=False),
    Column("added_at", UTCDateTime, nullable=False),
)

# Updates and events as received, stored before the platform gets its 200 (keyed by the
# platform's own id, so a retry finds its row); handled from here. claimed_by/claimed_at
# say which worker is handling a row, so another can take over one whose worker died.
inbox = Table(
    "inbox",
    metadata,
    Column("key", String(128), primary_key=True),
    Column("source", String(32), nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("payload", JSON, nullable=True),  # dropped once handled
    Column("state", String(16), nullable=False),
    Column("claimed_by", String(64), nullable=True),
    Column("claimed_at", UTCDateTime, nullable=True),
    Column("handled_at", UTCDateTime, nullable=True),
    Column("attempts", Integer, nullable=False),
    Index("ix_inbox_waiting", "state", "received_at"),
)

# /link: a one-time code joins another platform identity to a member. Only a hash is kept.
link_codes = Table(
    "link_codes",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

# "I've signed": one row per member and petition. /forget clears member_id, so the row
# survives only as an anonymous count for its branch.
petition_signatures = Table(
    "petition_signatures",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("petition", String(64), nullable=False),
    Column("member_id", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("branch", String(64), nullable=True),
    UniqueConstraint("petition", "member_id", name="uq_petition_signatures_member"),
    Index("ix_petition_signatures_branch", "petition", "branch"),
    Index("ix_petition_signatures_member", "member_id"),
)

report_publications = Table(
    "report_publications",
    metadata,
    Column("report", String(64), primary_key=True),
    Column("broadcast_id", Id, ForeignKey("broadcasts.id", ondelete="SET NULL"), nullable=True),
    Column("published_at", UTCDateTime, nullable=False),
)

# A branch has noted a report (acknowledged by one of its officers).
report_acks = Table(
    "report_acks",
    metadata,
    Column("report", String(64), primary_key=True),
    Column("branch", String(64), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("at", UTCDateTime, nullable=False),
)

consultations = Table(
    "consultations",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("question", String(500), nullable=False),
    Column("options", JSON, nullable=False),
    Column("topic", String(32), nullable=False),
    Column("branches", JSON, nullable=False),
    Column("opens_at", UTCDateTime, nullable=False),
    Column("closes_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False),
    Column("created_by", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("results", JSON, nullable=True),
)

# One vote per member; /forget clears member_id and the choice survives only in the totals.
consultation_votes = Table(
    "consultation_votes",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("consultation", Id, ForeignKey("consultations.id", ondelete="CASCADE"), nullable=False),
    Column("member_id", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    Column("branch", String(64), nullable=True),
    Column("choice", Integer, nullable=False),
    UniqueConstraint("consultation", "member_id", name="uq_consultation_votes_member"),
    Index("ix_consultation_votes_member", "member_id"),
)

# Timed work other than ballot reminders (a report's action deadlines, a consultation's
# close), woken by the same scheduler and fired once, in one transaction, like reminders.
timers = Table(
    "timers",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("kind", String(32), nullable=False),
    Column("ref", String(200), nullable=False),
    Column("fire_at", UTCDateTime, nullable=False),
    Column("state", String(16), nullable=False),
    Column("detail", JSON, nullable=False),
    UniqueConstraint("kind", "ref", name="uq_timers_kind"),
    Index("ix_timers_due", "state", "fire_at"),
)

# The organisers' dashboard: one-time sign-in links sent by chat, and the sessions they open.
# Only hashes are kept, so a copy of the database signs no one in.
dashboard_links = Table(
    "dashboard_links",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("identity", String(100), nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
)

dashboard_sessions = Table(
    "dashboard_sessions",
    metadata,
    Column("session_hash", String(64), primary_key=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("identity", String(100), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=False),
    Index("ix_dashboard_sessions_member", "member_id"),
)

# The one-time numbers of dashboard forms already posted: a form sent twice has one effect.
dashboard_forms = Table(
    "dashboard_forms",
    metadata,
    Column("nonce_hash", String(64), primary_key=True),
    Column("at", UTCDateTime, nullable=False),
)

# The union's membership list (bot/core/membership.py): keyed hashes (HMAC with MEMBER_KEY)
# of membership numbers and emails, never either in clear; the branch; and the member whose
# chat accounts are linked to the record.
membership_list = Table(
    "membership_list",
    metadata,
    Column("number_hash", String(64), primary_key=True),
    Column("branch", String(64), nullable=False),
    Column("email_hash", String(64), nullable=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="SET NULL"), nullable=True),
    UniqueConstraint("member_id", name="uq_membership_list_member"),
    Index("ix_membership_list_email", "email_hash"),
    Index("ix_membership_list_branch", "branch"),
)

# One live invite per membership record; only the code's hash is kept. `used_on` lists the
# platforms it has linked an account on (it works once on each).
invites = Table(
    "invites",
    metadata,
    Column("code_hash", String(64), primary_key=True),
    Column(
        "number_hash",
        String(64),
        ForeignKey("membership_list.number_hash", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("expires_at", UTCDateTime, nullable=False),
    Column("used_on", String(64), nullable=False, default=""),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=True),
    UniqueConstraint("number_hash", name="uq_invites_number_hash"),
    Index("ix_invites_member", "member_id"),
)

# /join: a member's request to join a branch, waiting for one of its officers.
join_requests = Table(
    "join_requests",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("member_id", Id, ForeignKey("members.id", ondelete="CASCADE"), nullable=False),
    Column("branch", String(64), nullable=False),
    Column(
        "number_hash",
        String(64),
        ForeignKey("membership_list.number_hash", ondelete="CASCADE"),
        nullable=True,
    ),
    Column("requested_at", UTCDateTime, nullable=False),
    Index("ix_join_requests_member", "member_id"),
)

# Wrong invite codes and /join requests, per account (a keyed hash of it, so /forget does not
# reset a lockout), kept a day.
membership_attempts = Table(
    "membership_attempts",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("account_hash", String(64), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_membership_attempts_account", "account_hash", "at"),
)

# Who sends and runs the due work: one row per lease, held by one process at a time.
# PostgreSQL: renewed by its holder before `expires_at` (the database's clock); taken over
# by a standby once expired, with the epoch one higher. SQLite: a file lock excludes, and
# the row only counts epochs.
SENDER = "sender"  # the one lease: sending and the due work
leader = Table(
    "leader",
    metadata,
    Column("name", String(32), primary_key=True),
    Column("holder", String(128), nullable=False),
    Column("epoch", BigInteger, nullable=False),
    Column("acquired_at", UTCDateTime, nullable=False),
    Column("renewed_at", UTCDateTime, nullable=False),
    Column("expires_at", UTCDateTime, nullable=True),
)

# The database's identity, written once by `campaign-bot db upgrade` with CLUSTER_ID set:
# every replica checks that its DATABASE_URL leads to this same database.
cluster = Table(
    "cluster",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("cluster_id", String(64), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# One budget per bot token across replicas (PostgreSQL): the earliest moment the bot, or one
# chat (its id hashed), may send next. Rows long past are pruned.
pace = Table(
    "pace",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("next_at", UTCDateTime, nullable=False),
)

# Replicas alive: each writes its worker name and the database's time every few seconds; the
# inbox rows of one not seen for a lease's length are handled by another.
workers = Table(
    "workers",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("seen_at", UTCDateTime, nullable=False),
)
