"""The union's nouns as plain dataclasses, shared by every port and adapter."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from bot.core.campaign_models import (
    REPORT_TEMPLATE as REPORT_TEMPLATE,
)
from bot.core.campaign_models import (
    Consultation as Consultation,
)
from bot.core.campaign_models import (
    ConsultationState as ConsultationState,
)
from bot.core.campaign_models import (
    PetitionInfo as PetitionInfo,
)
from bot.core.campaign_models import (
    ReportInfo as ReportInfo,
)
from bot.core.campaign_models import (
    ReportItemInfo as ReportItemInfo,
)
from bot.core.campaign_models import (
    Tally as Tally,
)


class Platform(enum.StrEnum):
    TELEGRAM = "telegram"
    SLACK = "slack"
    CONSOLE = "console"


class Role(enum.StrEnum):
    """Ordered from least to most power; each role may do what those before it may."""

    ANYONE = "anyone"
    MEMBER = "member"
    OFFICER = "officer"
    ORGANISER = "organiser"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    @property
    def label(self) -> str:
        return {"officer": "branch officer"}.get(self.value, self.value)


class ChatKind(enum.StrEnum):
    DM = "dm"
    GROUP = "group"
    CHANNEL = "channel"


class ChannelState(enum.StrEnum):
    ACTIVE = "active"
    BLOCKED = "blocked"
    GONE = "gone"
    NEEDS_ATTENTION = "needs_attention"
    # The app was cut off from the workspace (uninstalled, token revoked): messages for it
    # are queued and held, not sent and not failed, until it is back.
    SUSPENDED = "suspended"


class InboxState(enum.StrEnum):
    RECEIVED = "received"  # stored before the platform got its 200; not handled yet
    HANDLED = "handled"
    FAILED = "failed"  # its handler failed too often: given up, kept for the record


class SubscriptionState(enum.StrEnum):
    ACTIVE = "active"
    PENDING = "pending"


class BroadcastState(enum.StrEnum):
    DRAFT = "draft"
    SCHEDULED = "scheduled"
    QUEUED = "queued"
    DONE = "done"
    CANCELLED = "cancelled"


class DeliveryState(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    UNKNOWN = "unknown"
    FAILED = "failed"
    BLOCKED = "blocked"
    CANCELLED = "cancelled"
    SKIPPED = "skipped"  # its channel was blocked, gone or needing a person before it went

    @property
    def settled(self) -> bool:
        return self not in (DeliveryState.PENDING, DeliveryState.SENDING)


# Why a delivery is in doubt after a restart: it was being sent when the process died.
IN_FLIGHT_AT_A_CRASH = "in flight at a crash"
# Why a send is in doubt when its connection dropped before the answer: the request died
# with it, so, like one in flight at a crash, it cannot reach the platform after a look-up.
CONNECTION_DROPPED = "connection dropped"


class BallotKind(enum.StrEnum):
    STATUTORY_POSTAL = "statutory_postal"
    POSTAL_ELECTION = "postal_election"
    ONLINE_ELECTION = "online_election"
    CONSULTATIVE = "consultative"

    @property
    def postal(self) -> bool:
        return self in (BallotKind.STATUTORY_POSTAL, BallotKind.POSTAL_ELECTION)


# Why a delivery of a ballot's reminder was cancelled when the ballot's file was removed.
WITHDRAWN = "its ballot was withdrawn (its file removed)"


class ReminderState(enum.StrEnum):
    PLANNED = "planned"
    FIRED = "fired"
    SKIPPED = "skipped"


TOPICS: tuple[str, ...] = ("pay", "petitions", "reports", "ballots", "equality", "general")


@dataclass(frozen=True)
class Identity:
    platform: Platform
    user_id: str

    def __str__(self) -> str:
        return f"{self.platform.value}:{self.user_id}"

    @classmethod
    def parse(cls, text: str) -> Identity:
        platform, sep, user_id = text.partition(":")
        if not sep or not user_id.strip():
            raise ValueError(f"expected PLATFORM:USER_ID, got {text!r}")
        try:
            return cls(Platform(platform.strip().lower()), user_id.strip())
        except ValueError:
            names = ", ".join(p.value for p in Platform)
            raise ValueError(f"unknown platform {platform!r}; use one of {names}") from None


@dataclass(frozen=True)
class Member:
    id: int
    identities: tuple[Identity, ...] = ()
    branch: str | None = None


@dataclass(frozen=True)
class RoleGrant:
    member_id: int
    role: Role
    branch: str | None = None


@dataclass(frozen=True)
class Branch:
    name: str
    group: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class Channel:
    id: int
    platform: Platform
    chat_id: str
    kind: ChatKind
    title: str | None = None
    state: ChannelState = ChannelState.ACTIVE
    member_id: int | None = None  # a DM channel belongs to one member
    thread: str = ""  # a forum topic in the chat (Telegram's message_thread_id); "" the chat


@dataclass(frozen=True)
class Subscription:
    id: int
    channel_id: int
    branch: str
    topic: str
    state: SubscriptionState = SubscriptionState.ACTIVE
    requested_by: int | None = None


class BroadcastKind(enum.StrEnum):
    BROADCAST = "broadcast"  # an organiser's message to subscribed channels
    NOTICE = "notice"  # the bot telling officers something (a request, a broken channel)
    REMINDER = "reminder"  # a ballot reminder


@dataclass(frozen=True)
class Broadcast:
    """One message to many channels: free text (shown literally) or a template with values."""

    id: int
    title: str
    body: str
    topic: str
    template: str | None = None
    branches: tuple[str, ...] = ()
    group: str | None = None
    state: BroadcastState = BroadcastState.DRAFT
    send_at: datetime | None = None
    created_by: int | None = None
    created_at: datetime | None = None
    kind: BroadcastKind = BroadcastKind.BROADCAST
    values: dict[str, str] = field(default_factory=dict)
    buttons: tuple[tuple[str, str], ...] = ()
    reminder_id: int | None = None


@dataclass(frozen=True)
class Delivery:
    id: int
    broadcast_id: int | None
    channel_id: int
    state: DeliveryState = DeliveryState.PENDING
    attempts: int = 0
    reason: str | None = None
    not_before: datetime | None = None
    member_id: int | None = None
    reminder_id: int | None = None
    ambiguous: bool = False
    first_tried_at: datetime | None = None  # first claimed: no copy of it can be older


@dataclass(frozen=True)
class Claimed:
    """A delivery taken for sending, with where it goes."""

    delivery: Delivery
    channel: Channel


@dataclass(frozen=True)
class Outcome:
    """What became of one send, to be written to the store with others in one transaction."""

    delivery_id: int
    state: DeliveryState
    reason: str | None = None
    not_before: datetime | None = None  # with PENDING: try again from then
    refund_attempt: bool = False  # a 429 or a halt is not the delivery's fault
    ambiguous: bool = False  # the send may have arrived: send at most once more
    at: datetime | None = None
    broadcast_id: int | None = None
    resolved: bool = False  # looked up on the platform: one copy for certain, no longer in doubt


@dataclass(frozen=True)
class Ballot:
    name: str
    title: str
    kind: BallotKind
    opens_at: datetime
    closes_at: datetime
    scope_group: str | None = None
    scope_branches: tuple[str, ...] = ()
    turnout_threshold: float = 0.5
    yes_threshold: float | None = None
    packs_arrive_by: datetime | None = None
    join_by: datetime | None = None
    replacement_deadline: datetime | None = None
    posting_days: int = 3
    info_url: str | None = None
    cancelled: bool = False
    from_file: bool | None = None  # None: stored before the bot kept where it came from
    withdrawn: bool = False  # its file is gone (and so cancelled until the file is back)

    def state(self, now: datetime) -> str:
        """withdrawn, cancelled, coming, open or closed: as the CLI and the dashboard say."""
        if self.withdrawn:
            return "withdrawn"
        if self.cancelled:
            return "cancelled"
        if now < self.opens_at:
            return "coming"
        return "open" if now < self.closes_at else "closed"


@dataclass(frozen=True)
class Reminder:
    id: int
    ballot: str
    kind: str
    fire_at: datetime
    state: ReminderState = ReminderState.PLANNED


@dataclass(frozen=True)
class Question:
    """A member's question the bot could not answer, waiting for an organiser.

    Who asked is kept only until the answer is sent; then it is forgotten."""

    id: int
    text: str
    asked_at: datetime
    asker: Identity | None
    branch: str | None = None
    answer: str | None = None
    answered_at: datetime | None = None
    faq: bool = False


@dataclass(frozen=True)
class InboxItem:
    """One update or event as a platform sent it, stored before it is acknowledged.

    `key` is the platform's own id for it (`telegram:<update_id>`, `slack:<event_id>`), so
    a retry finds the row already there. The payload is dropped once handled. A row is
    claimed by one worker (a process) while it is being handled; a claim let go of after a
    failure, or one held too long by a worker that died, can be taken again.
    """

    key: str
    source: str  # where it came in: telegram:update, slack:event, slack:interactivity, …
    received_at: datetime
    payload: dict[str, object] | None = None
    state: InboxState = InboxState.RECEIVED
    claimed_by: str | None = None
    claimed_at: datetime | None = None
    handled_at: datetime | None = None
    attempts: int = 0


@dataclass(frozen=True)
class FaqAlias:
    """Another way members ask an FAQ entry's question, added by an organiser: `entry` is
    the entry's id in campaigns/ ("bot-reminders") or "#12" for an organiser's answer to
    question 12 added to the FAQ."""

    id: int
    entry: str
    phrase: str
    added_at: datetime


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    action: str
    outcome: str
    detail: dict[str, str] = field(default_factory=dict)
    subject: str | None = None
    """The identity (PLATFORM:USER_ID) of the person the action was done to, if any (a role
    granted to them, a sign-in link for them): /forget finds an entry through its actor or
    its subject, never by reading every entry's detail."""


class TimerKind(enum.StrEnum):
    REPORT_ACTION = "report-action"  # a meeting report's action item falls due
    CONSULTATION_CLOSE = "consultation-close"  # a consultation closes: results go out


@dataclass(frozen=True)
class Timer:
    """Timed work other than ballot reminders, fired once through the same scheduler."""

    id: int
    kind: TimerKind
    ref: str
    fire_at: datetime
    state: ReminderState = ReminderState.PLANNED
    detail: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SignIn:
    """Who a dashboard sign-in link or session belongs to: the member and the account that
    asked for it (PLATFORM:USER_ID, what the audit log records), until when."""

    member_id: int
    identity: str
    expires_at: datetime


@dataclass(frozen=True)
class Person:
    """A member as the dashboard lists them: their accounts, branch and roles, nothing more."""

    member: Member
    roles: tuple[RoleGrant, ...]


@dataclass(frozen=True)
class AuditQuery:
    """Which audit entries to show: each filter is optional; `actor` matches exactly."""

    action: str | None = None
    actor: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 200


@dataclass(frozen=True)
class DeliveryCount:
    """How many deliveries of a broadcast are in a state, on a platform or for a branch."""

    key: str | None  # the platform, or the branch
    state: DeliveryState
    count: int
    ambiguous: bool = False
    reason: str | None = None
