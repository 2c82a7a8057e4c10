"""Tables of the audit log, members' questions and FAQ aliases."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Index,
    String,
    Table,
    Text,
)

from bot.storage.tables.base import Id, UTCDateTime, metadata

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(100), nullable=False),
    Column("action", String(64), nullable=False),
    Column("outcome", String(32), nullable=False),
    Column("detail", JSON, nullable=False),
    # Whom the action was done to (AuditEntry.subject): /forget finds their entries by it.
    Column("subject_identity", String(100), nullable=True),
    Index("ix_audit_log_actor", "actor"),
    Index("ix_audit_log_subject_identity", "subject_identity"),
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
    sqlite_autoincrement=True,  # ids people press or type are never reused (0017)
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
