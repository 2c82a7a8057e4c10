"""The tables. Portable across SQLite and PostgreSQL: 64-bit ids, tz-aware UTC times.

Split by family; every name is importable from here."""

from bot.storage.tables.actions import (
    consultation_votes,
    consultations,
    petition_signatures,
    report_acks,
    report_publications,
    timers,
)
from bot.storage.tables.ballots import (
    ballot_banked,
    ballot_electorate,
    ballot_turnout,
    ballots,
    reminders,
)
from bot.storage.tables.base import Id, UTCDateTime, metadata
from bot.storage.tables.channels import channels, subscriptions
from bot.storage.tables.cluster import SENDER, cluster, leader, pace, workers
from bot.storage.tables.dashboard import dashboard_forms, dashboard_links, dashboard_sessions
from bot.storage.tables.delivery import broadcasts, deliveries
from bot.storage.tables.inbox import inbox
from bot.storage.tables.membership import (
    invites,
    join_requests,
    membership_attempts,
    membership_list,
)
from bot.storage.tables.people import branches, identities, link_codes, members, roles
from bot.storage.tables.questions import audit_log, faq_aliases, questions

__all__ = [
    "SENDER",
    "Id",
    "UTCDateTime",
    "audit_log",
    "ballot_banked",
    "ballot_electorate",
    "ballot_turnout",
    "ballots",
    "branches",
    "broadcasts",
    "channels",
    "cluster",
    "consultation_votes",
    "consultations",
    "dashboard_forms",
    "dashboard_links",
    "dashboard_sessions",
    "deliveries",
    "faq_aliases",
    "identities",
    "inbox",
    "invites",
    "join_requests",
    "leader",
    "link_codes",
    "members",
    "membership_attempts",
    "membership_list",
    "metadata",
    "pace",
    "petition_signatures",
    "questions",
    "reminders",
    "report_acks",
    "report_publications",
    "roles",
    "subscriptions",
    "timers",
    "workers",
]
