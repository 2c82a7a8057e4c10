"""The memory store's tables: one dict of rows per SQL table, named and shaped like it.

A row is a frozen dataclass whose attributes are the table's columns (the core model where
it has exactly those, a row type here where it does not), so the declarative steps of
bot/storage/erasure.py run on memory as on SQL. Nothing here awaits: every repository
method runs to its end without another task in between, as one transaction would."""

from __future__ import annotations

import dataclasses
import enum
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import ForeignKey

from bot.core.membership import JoinRequest, Listed
from bot.core.models import (
    AuditEntry,
    Ballot,
    Branch,
    Broadcast,
    Channel,
    Consultation,
    Delivery,
    FaqAlias,
    Identity,
    InboxItem,
    Member,
    Reminder,
    RoleGrant,
    Subscription,
    Timer,
)
from bot.storage import tables as schema

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Row = TypeVar("Row", bound="DataclassInstance")


@dataclass(frozen=True)
class MemberRow:
    id: int
    branch: str | None
    created_at: datetime


@dataclass(frozen=True)
class IdentityRow:
    platform: str
    user_id: str
    member_id: int


@dataclass(frozen=True)
class DeliveryRow(Delivery):
    platform: str = ""
    updated_at: datetime | None = None
    sent_at: datetime | None = None
    epoch: int = 0

    def model(self) -> Delivery:
        return Delivery(**{f.name: getattr(self, f.name) for f in dataclasses.fields(Delivery)})


@dataclass(frozen=True)
class ElectorateRow:
    ballot: str
    branch: str
    eligible: int


@dataclass(frozen=True)
class BankedRow:
    ballot: str
    member_id: int
    branch: str | None
    at: datetime


@dataclass(frozen=True)
class QuestionRow:
    id: int
    text: str
    asked_at: datetime
    platform: str | None
    user_id: str | None
    branch: str | None
    answer: str | None = None
    answered_at: datetime | None = None
    faq: bool = False


@dataclass(frozen=True)
class LinkCodeRow:
    code_hash: str
    member_id: int
    expires_at: datetime


@dataclass(frozen=True)
class SignatureRow:
    id: int
    petition: str
    member_id: int | None
    branch: str | None


@dataclass(frozen=True)
class PublicationRow:
    report: str
    broadcast_id: int | None
    published_at: datetime
    branches: frozenset[str] = frozenset()


@dataclass(frozen=True)
class AckRow:
    report: str
    branch: str
    member_id: int | None
    at: datetime


@dataclass(frozen=True)
class VoteRow:
    id: int
    consultation: int
    member_id: int | None
    branch: str | None
    choice: int


@dataclass(frozen=True)
class DashboardLinkRow:
    token_hash: str
    member_id: int
    identity: str
    expires_at: datetime


@dataclass(frozen=True)
class DashboardSessionRow:
    session_hash: str
    member_id: int
    identity: str
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class InviteRow:
    code_hash: str
    number_hash: str
    expires_at: datetime
    used_on: str = ""
    member_id: int | None = None


@dataclass(frozen=True)
class AttemptRow:
    id: int
    account_hash: str
    at: datetime


# Where a row's attribute is not named like its column.
_ATTRIBUTE = {"template_values": "values", "group_name": "group", "subject_identity": "subject"}


def _referrers() -> dict[str, list[tuple[str, ForeignKey]]]:
    found: dict[str, list[tuple[str, ForeignKey]]] = {}
    for table in schema.metadata.sorted_tables:
        for fk in table.foreign_keys:
            found.setdefault(fk.column.table.name, []).append((table.name, fk))
    return found


_REFERRERS = _referrers()


class Data:
    """Every table, keyed by primary key (a surrogate where SQL has a composite one)."""

    def __init__(self) -> None:
        self._ids: defaultdict[str, Iterator[int]] = defaultdict(lambda: itertools.count(1))
        self.members: dict[int, MemberRow] = {}
        self.identities: dict[Identity, IdentityRow] = {}
        self.roles: dict[int, RoleGrant] = {}
        self.branches: dict[str, Branch] = {}
        self.channels: dict[int, Channel] = {}
        self.subscriptions: dict[int, Subscription] = {}
        self.broadcasts: dict[int, Broadcast] = {}
        self.deliveries: dict[int, DeliveryRow] = {}
        self.ballots: dict[str, Ballot] = {}
        self.ballot_electorate: dict[tuple[str, str], ElectorateRow] = {}
        self.ballot_banked: dict[int, BankedRow] = {}
        self.reminders: dict[int, Reminder] = {}
        self.audit_log: dict[int, AuditEntry] = {}
        self.questions: dict[int, QuestionRow] = {}
        self.faq_aliases: dict[int, FaqAlias] = {}
        self.inbox: dict[str, InboxItem] = {}
        self.link_codes: dict[str, LinkCodeRow] = {}
        self.petition_signatures: dict[int, SignatureRow] = {}
        self.report_publications: dict[str, PublicationRow] = {}
        self.report_acks: dict[tuple[str, str], AckRow] = {}
        self.consultations: dict[int, Consultation] = {}
        self.consultation_votes: dict[int, VoteRow] = {}
        self.timers: dict[int, Timer] = {}
        self.dashboard_links: dict[str, DashboardLinkRow] = {}
        self.dashboard_sessions: dict[str, DashboardSessionRow] = {}
        self.dashboard_forms: dict[str, datetime] = {}
        self.membership_list: dict[str, Listed] = {}
        self.invites: dict[str, InviteRow] = {}
        self.join_requests: dict[int, JoinRequest] = {}
        self.membership_attempts: dict[int, AttemptRow] = {}

    def next_id(self, table: str) -> int:
        """The next id of a table, counted per table from 1 as SQL autoincrement does."""
        return next(self._ids[table])

    def table(self, name: str) -> dict[Any, Any]:
        """A table by its SQL name, for the steps that name tables."""
        found = vars(self).get(name)
        if not isinstance(found, dict) or name.startswith("_"):
            raise KeyError(name)
        return found

    def delete(self, name: str, keys: Iterable[Any]) -> int:
        """Delete rows by key, then act on the rows that refer to them as the schema's
        foreign keys say: delete them too (CASCADE) or clear the reference (SET NULL)."""
        table = self.table(name)
        gone = [table.pop(k) for k in list(keys) if k in table]
        for child, fk in _REFERRERS.get(name, ()):
            held = {column(row, fk.column.name) for row in gone}
            rows = self.table(child)
            hit = [k for k, r in rows.items() if column(r, fk.parent.name) in held]
            if fk.ondelete == "CASCADE":
                self.delete(child, hit)
            elif fk.ondelete == "SET NULL":
                for key in hit:
                    rows[key] = with_column(rows[key], fk.parent.name, None)
        return len(gone)

    def delete_where(self, name: str, found: Callable[[Any], bool]) -> int:
        return self.delete(name, [k for k, row in self.table(name).items() if found(row)])

    def member(self, member_id: int) -> Member | None:
        row = self.members.get(member_id)
        if row is None:
            return None
        ids = (i for i, r in self.identities.items() if r.member_id == member_id)
        return Member(row.id, tuple(sorted(ids, key=lambda i: i.platform)), row.branch)


def utc(item: Row) -> Row:
    """The row with its times in UTC, as the SQL store gives them back; a naive time is
    refused, as the SQL store refuses it."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        if isinstance(value, datetime):
            changes[f.name] = utc_time(value)
    return replace(item, **changes) if changes else item


def utc_time(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("naive datetime given to the store; use tz-aware UTC")
    return value.astimezone(UTC)


def column(row: object, name: str) -> object:
    """A row's value for a column, as SQL holds it (an enum as its value)."""
    value = getattr(row, _ATTRIBUTE.get(name, name))
    return value.value if isinstance(value, enum.Enum) else value


def with_column(row: Row, name: str, value: object) -> Row:
    return replace(row, **{_ATTRIBUTE.get(name, name): value})
