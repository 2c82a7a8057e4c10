"""The application services, one port per feature: what chat commands, CLI verbs and the
dashboard call. Each method takes plain values and the Caller, checks who may do it, writes
its own audit row, raises the domain's errors (bot/core/errors.py) and returns a result from
bot/core/results/. Implementations live in bot/services/.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.core.caller import Caller
from bot.core.events import ChatMembership, Conversation
from bot.core.membership_ports import (
    Directory as Directory,
)
from bot.core.membership_ports import (
    Joining as Joining,
)
from bot.core.membership_ports import (
    Lines as Lines,
)
from bot.core.membership_ports import (
    Membership as Membership,
)
from bot.core.models import (
    AuditEntry,
    AuditQuery,
    Ballot,
    Consultation,
    Identity,
    PetitionInfo,
    Platform,
    Question,
    ReportInfo,
    Role,
)
from bot.core.results import (
    AliasAdded,
    Asked,
    BallotAdded,
    BallotDetails,
    BallotSpec,
    Banked,
    BranchPeople,
    BroadcastLine,
    BroadcastRequest,
    Cancelled,
    ChannelChange,
    Confirmed,
    ConsultationOpened,
    ConsultationResults,
    Decided,
    DeliveryReport,
    Draft,
    ElectorateImported,
    Forgotten,
    HandoffReport,
    LinkCode,
    Linked,
    MemberData,
    NotedLine,
    OpenedSession,
    PetitionProgress,
    Published,
    Queued,
    Replied,
    ReportStatus,
    RoleHolder,
    Signed,
    SignInLink,
    Subscribed,
    SubscriptionLine,
    TimelineEntry,
    TurnoutView,
    Upcoming,
    VoteOutcome,
)


@dataclass(frozen=True)
class Answer:
    text: str
    sources: tuple[str, ...] = ()
    confidence: float = 0.0
    handoff: bool = False
    suggestions: tuple[str, ...] = ()
    language: str = ""  # a handed-off message's language, when the bot told it was not English


class Answerer(Protocol):
    async def answer(self, question: str, now: datetime) -> Answer:
        """Answer a member's question from the union's content and live dates."""
        ...

    def add_faq(self, question: Question) -> None:
        """Answer this (answered) question from now on."""
        ...

    def has_faq(self, entry: str) -> bool:
        """Whether an FAQ entry has this id ("bot-reminders", or "#12": the organisers'
        answer to question 12, added to the FAQ)."""
        ...

    def add_alias(self, entry: str, phrase: str) -> None:
        """Answer this phrasing with that FAQ entry from now on."""
        ...


class AuditLog(Protocol):
    async def record(self, by: Caller, action: str, outcome: str, **detail: str) -> None: ...

    async def recent(self, limit: int = 100, action: str | None = None) -> list[AuditEntry]:
        """Newest first; `action` keeps entries whose action starts with it."""
        ...

    async def search(self, query: AuditQuery, by: Caller) -> list[AuditEntry]:
        """By action, person and date, newest first; organisers only."""
        ...


class Roles(Protocol):
    async def caller(self, identity: Identity) -> Caller:
        """Who this is: their member record (created on first contact) and roles. An
        anonymous account (Telegram's anonymous group admin) never holds a role."""
        ...

    async def grant(self, who: Identity, role: Role, branch: str | None, by: Caller) -> bool:
        """False when they already hold it: nothing changes."""
        ...

    async def revoke(self, who: Identity, role: Role, branch: str | None, by: Caller) -> None:
        """NotFound when they do not hold it."""
        ...

    async def assign(self, who: Identity, role: Role, branch: str | None, by: Caller) -> None:
        """Exactly this role (and branch), nothing else: for the console and the demos."""
        ...

    async def holders(self) -> list[RoleHolder]: ...

    async def staff(self) -> list[RoleHolder]:
        """The organisers and officers (not the members): who has a fuller menu."""
        ...

    async def formerly_staff(self, limit: int = 1000) -> list[Identity]:
        """Accounts whose organiser or officer role was revoked, newest first (audit log)."""
        ...


class Channels(Protocol):
    """The bot's own place in chats, the same on every platform (see services/channels.py)."""

    async def changed(self, change: ChatMembership) -> ChannelChange:
        """Joined, still there, lost, blocked, unblocked, renamed: the channel follows."""
        ...

    async def migrated(self, where: Conversation, new_chat_id: str) -> int | None: ...

    async def app_removed(self, platform: Platform, reason: str) -> int:
        """The app was cut off from its workspace: its channels suspended, deliveries held."""
        ...

    async def resumed(self, platform: Platform) -> int:
        """The platform accepts the bot again: suspended channels are active again."""
        ...


class Subscriptions(Protocol):
    async def subscribe(
        self, where: Conversation, branch: str, topics: Sequence[str], by: Caller
    ) -> Subscribed:
        """At once for an officer of the branch or an organiser; otherwise a request that the
        branch's officers approve."""
        ...

    async def decide(self, ids: Sequence[int], approve: bool, by: Caller) -> Decided: ...

    async def unsubscribe(self, where: Conversation, branch: str | None, by: Caller) -> int: ...

    async def of(self, where: Conversation) -> list[SubscriptionLine]: ...

    async def remind_me(self, where: Conversation, on: bool, by: Caller) -> None:
        """Personal ballot reminders in this DM."""
        ...


class Broadcasts(Protocol):
    async def preview(self, request: BroadcastRequest) -> Draft:
        """How it would look on each platform and how many channels it reaches; not saved."""
        ...

    async def draft(self, request: BroadcastRequest, by: Caller) -> Draft: ...

    async def confirm(self, broadcast_id: int, by: Caller) -> Confirmed:
        """Send a draft now, or schedule it; only its author (or the operator) may."""
        ...

    async def cancel(self, broadcast_id: int, by: Caller) -> Cancelled: ...

    async def recent(self, limit: int = 50) -> list[BroadcastLine]: ...

    async def sending(self) -> list[BroadcastLine]: ...  # still being delivered, with progress

    async def report(self, broadcast_id: int) -> DeliveryReport: ...


class Ballots(Protocol):
    async def add(self, spec: BallotSpec, by: Caller) -> BallotAdded:
        """Validated in one place; InvalidInput lists every problem by field."""
        ...

    async def edit(self, spec: BallotSpec, by: Caller) -> BallotAdded:
        """The same checks as add, for a ballot that exists; its reminders are planned again."""
        ...

    async def timeline(self, name: str, read: BallotDetails | None = None) -> list[TimelineEntry]:
        """Key dates and reminders (sent, skipped and why, to come), in time order."""

    async def cancel(self, name: str, by: Caller) -> Ballot: ...

    async def get(self, name: str) -> Ballot:
        """InvalidInput naming the ballots there are, when there is no such one."""
        ...

    async def all(self) -> list[Ballot]: ...

    async def details(self, name: str) -> BallotDetails: ...

    async def current(self, name: str | None, by: Caller) -> Ballot:
        """A ballot by name, or the one open ballot in the caller's branches."""
        ...

    async def import_electorate(
        self, name: str | None, csv_text: str, by: Caller
    ) -> ElectorateImported: ...

    async def turnout(self, name: str | None, by: Caller) -> TurnoutView: ...

    async def bank(self, name: str | None, by: Caller) -> Banked:
        """The member says they have voted: no more reminders, counted for their branch."""
        ...


class Petitions(Protocol):
    def get(self, petition_id: str | None = None) -> PetitionInfo: ...

    def all(self) -> list[PetitionInfo]: ...

    async def progress(self, petition_id: str | None, by: Caller) -> PetitionProgress: ...

    async def sign(self, petition_id: str | None, by: Caller) -> Signed: ...

    async def send(self, petition_id: str | None, target: str, by: Caller) -> Queued: ...


class Reports(Protocol):
    def get(self, report_id: str) -> ReportInfo: ...

    def all(self) -> list[ReportInfo]: ...

    async def publish(
        self, report_id: str, by: Caller, branches: Sequence[str] = ()
    ) -> Published: ...  # branches: once published, to branches it never reached

    async def status(self, report_id: str, by: Caller) -> ReportStatus: ...  # by's branches

    async def note(self, report_id: str, branch: str | None, by: Caller) -> list[NotedLine]: ...


class Consultations(Protocol):
    async def open(
        self,
        question: str,
        options: Sequence[str],
        closes_at: datetime,
        topic: str,
        branches: Sequence[str],
        by: Caller,
    ) -> ConsultationOpened: ...

    async def get(self, consultation_id: int) -> Consultation: ...

    async def all(self) -> list[Consultation]: ...

    async def close(self, consultation_id: int, by: Caller) -> Consultation: ...

    async def results(self, consultation_id: int) -> ConsultationResults: ...

    async def vote(
        self, consultation_id: int, choice: int | None, where: Conversation, by: Caller
    ) -> VoteOutcome: ...


class MembersData(Protocol):
    async def link_code(self, by: Caller) -> LinkCode: ...

    async def link(self, code: str, by: Caller) -> Linked: ...

    async def export(self, by: Caller) -> MemberData: ...

    async def forget(self, by: Caller) -> Forgotten: ...


class Questions(Protocol):
    async def ask(self, text: str, by: Caller, asker: Identity | None) -> Asked: ...

    async def waiting(self, limit: int = 20) -> list[Question]: ...

    async def reply(self, question_id: int, text: str, faq: bool, by: Caller) -> Replied: ...

    async def alias(self, entry: str, phrase: str, by: Caller) -> AliasAdded:
        """Another way members ask an FAQ entry's question (organisers): stored, audited,
        answered from now on. NotFound for an unknown entry."""
        ...

    async def report(self, days: int, by: Caller) -> HandoffReport:
        """The questions handed off in the last `days` days, oldest first (organisers)."""
        ...


class Dashboard(Protocol):
    async def sign_in_link(self, who: Identity, by: Caller) -> SignInLink:
        """A one-time link (10 minutes) for an organiser or officer: asked for in chat by
        themselves, or made by the operator for hosts with no chat."""
        ...

    async def sign_in(self, token: str) -> OpenedSession:
        """Use a link up and open a session; NotSignedIn if it is wrong, used or expired."""
        ...

    async def caller(self, secret: str) -> Caller:
        """The person behind a session, with their roles as they are now; NotSignedIn when
        the session is unknown, expired, or they may no longer use the dashboard."""
        ...

    async def sign_out(self, secret: str) -> None: ...

    async def first_post(self, nonce: str) -> bool:
        """False when a form with this one-time number was posted before (one effect)."""
        ...


class Overview(Protocol):
    async def upcoming(self, by: Caller, limit: int = 30) -> list[Upcoming]:
        """What the bot will do next, soonest first: reminders, scheduled broadcasts, report
        action deadlines, consultations closing (an officer's: their branches' only)."""
        ...

    async def sending(self, by: Caller) -> list[BroadcastLine]:
        """Broadcasts being delivered now, with progress."""
        ...


class People(Protocol):
    async def people(
        self, branch: str, by: Caller, offset: int = 0, limit: int = 100
    ) -> BranchPeople:
        """A branch's members with roles and its waiting subscription requests; Forbidden
        for anyone but its officers and the organisers."""
        ...

    async def organisers(self) -> list[RoleHolder]: ...

    async def grant(self, who: Identity, role: Role, branch: str | None, by: Caller) -> bool:
        """Organisers grant any role; an officer, the member role in their own branches.
        False when they already hold it."""
        ...

    async def revoke(self, who: Identity, role: Role, branch: str | None, by: Caller) -> None: ...
