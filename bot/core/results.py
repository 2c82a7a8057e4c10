"""What the application services return: plain values, named fields, no positional tuples.

Chat commands, CLI verbs and dashboard pages render these; none of them computes a figure
of its own.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bot.core.ballots import Turnout
from bot.core.membership import BranchCounts, ListChanges
from bot.core.models import (
    Ballot,
    Broadcast,
    Channel,
    Consultation,
    Identity,
    Person,
    PetitionInfo,
    Platform,
    Reminder,
    Role,
    Subscription,
)

# Roles and channels -------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleHolder:
    identities: tuple[Identity, ...]
    role: Role
    branch: str | None


@dataclass(frozen=True)
class ChannelChange:
    """What became of a channel after the bot's own membership changed."""

    channel_id: int
    welcome: bool  # say hello: the bot has just joined (once, never on a rights change)
    greet: bool = False  # a person unblocked the bot in their DM: a DM's hello


# Subscriptions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subscribed:
    branch: str
    topics: tuple[str, ...]
    waiting: bool  # a member's request, waiting for an officer's approval
    officers_told: int = 0


@dataclass(frozen=True)
class Decided:
    approved: bool
    what: tuple[str, ...]  # "branch/topic" for each request decided


@dataclass(frozen=True)
class SubscriptionLine:
    subscription: Subscription

    @property
    def waiting(self) -> bool:
        return self.subscription.state.value == "pending"


# Broadcasts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BroadcastRequest:
    """A broadcast as an organiser asks for it, before anything is checked or saved."""

    topic: str
    target: str  # all, group:NAME, or branch,branch
    text: str | None = None
    template: str | None = None
    values: dict[str, str] = field(default_factory=dict)
    title: str | None = None
    send_at: datetime | None = None
    buttons: tuple[tuple[str, str], ...] = ()  # (label, the command a press sends)


@dataclass(frozen=True)
class RenderedPart:
    text: str
    plain: str
    slack: dict[str, Any] | None = None  # the Slack payload (blocks), for a faithful preview


@dataclass(frozen=True)
class Draft:
    """A broadcast composed but not sent (id 0 for a preview that was not saved)."""

    broadcast: Broadcast
    channels: int
    audience: str  # in words: "pay subscribers in all branches"
    previews: dict[Platform, tuple[RenderedPart, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Confirmed:
    broadcast: Broadcast
    queued: int  # deliveries queued now (0 when scheduled)
    scheduled_for: datetime | None


@dataclass(frozen=True)
class Cancelled:
    broadcast_id: int
    stopped: int  # messages not yet sent that will not go


@dataclass(frozen=True)
class BroadcastLine:
    """One broadcast in a list, with its progress counted from its deliveries."""

    broadcast: Broadcast
    state: str  # draft, scheduled, sending, done, cancelled
    sent: int
    total: int


@dataclass
class DeliveryReport:
    broadcast: Broadcast
    by_platform: dict[str, Counter[str]] = field(default_factory=dict)
    by_branch: dict[str, Counter[str]] = field(default_factory=dict)
    failures: Counter[str] = field(default_factory=Counter)
    possible_duplicates: int = 0

    def total(self, state: str) -> int:
        return sum(counts[state] for counts in self.by_platform.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.broadcast.id,
            "title": self.broadcast.title,
            "state": self.broadcast.state.value,
            "topic": self.broadcast.topic,
            "per_platform": {k: dict(v) for k, v in sorted(self.by_platform.items())},
            "per_branch": {k: dict(v) for k, v in sorted(self.by_branch.items())},
            "failed_reasons": dict(self.failures),
            "possible_duplicates": self.possible_duplicates,
        }


# Ballots ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BallotSpec:
    """A ballot as an organiser types it: times as text, read in the bot's time zone.

    A date without a time means the start of that day for `opens` and the end of it for the
    deadlines (closes, join_by, replacement_deadline, packs_arrive_by).
    """

    name: str
    title: str
    kind: str
    opens: str
    closes: str
    packs_arrive_by: str | None = None
    join_by: str | None = None
    replacement_deadline: str | None = None
    posting_days: int = 3
    group: str | None = None
    branches: tuple[str, ...] = ()
    threshold: float = 0.5
    yes_threshold: float | None = None
    info_url: str | None = None


@dataclass(frozen=True)
class BallotAdded:
    ballot: Ballot
    reminders: int
    notes: tuple[str, ...] = ()  # how a date-only time was read
    warnings: tuple[str, ...] = ()  # a close on a weekend or bank holiday, ...


@dataclass(frozen=True)
class KeyDate:
    label: str
    at: datetime | date


@dataclass(frozen=True)
class BallotDetails:
    ballot: Ballot
    state: str  # coming, open, closed, cancelled
    dates: tuple[KeyDate, ...]
    last_posting_day: date | None
    reminders: tuple[Reminder, ...]
    how_to_vote: str
    time_left: str
    electorate: dict[str, int] = field(default_factory=dict)  # branch → entitled to vote
    banked: dict[str, int] = field(default_factory=dict)  # branch → said they have voted

    @property
    def reminders_sent(self) -> int:
        return sum(r.state.value == "fired" for r in self.reminders)


@dataclass(frozen=True)
class ElectorateImported:
    ballot: str
    branches: int
    members: int


@dataclass(frozen=True)
class TurnoutView:
    ballot: Ballot
    turnout: Turnout
    projected: float | None  # share reported by the close at this pace; None once closed
    as_of: datetime


@dataclass(frozen=True)
class Banked:
    ballot: Ballot
    first: bool  # False: they had already said so


# Campaign actions ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PetitionProgress:
    petition: PetitionInfo
    total: int
    board: tuple[LeaderboardRow, ...]  # only what this caller may see
    signed: bool  # this caller has signed

    @property
    def share(self) -> float:
        return self.total / self.petition.target if self.petition.target else 0.0


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int | None
    branch: str | None
    title: str
    signatures: int


@dataclass(frozen=True)
class Signed:
    petition: PetitionInfo
    first: bool
    total: int


@dataclass(frozen=True)
class Queued:
    """A message sent to channels: the broadcast holding it and how many deliveries."""

    broadcast_id: int
    deliveries: int


@dataclass(frozen=True)
class Published:
    report: str
    broadcast_id: int
    channels: int
    reminders: int


@dataclass(frozen=True)
class ReportStatus:
    report: str
    title: str
    noted: dict[str, datetime]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class NotedLine:
    branch: str
    first: bool


@dataclass(frozen=True)
class ConsultationOpened:
    consultation: Consultation
    dms: int


@dataclass(frozen=True)
class ConsultationResults:
    consultation: Consultation
    options: tuple[str, ...]
    totals: tuple[int, ...]
    branches: dict[str, tuple[int, ...]]  # only branches with enough votes to show
    branches_withheld: int

    @property
    def votes(self) -> int:
        return sum(self.totals)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.consultation.id,
            "question": self.consultation.question,
            "state": self.consultation.state.value,
            "options": list(self.options),
            "totals": list(self.totals),
            "votes": self.votes,
            "branches": {b: list(v) for b, v in self.branches.items()},
            "branches_withheld": self.branches_withheld,
        }


@dataclass(frozen=True)
class VoteOutcome:
    """What became of a /vote: counted, refused (and why), or the member's own buttons."""

    consultation: Consultation
    counted: str | None = None  # the option counted
    refused: str | None = None
    show_ballot: bool = False  # send the member their voting buttons (by DM)


# Members' data and questions ----------------------------------------------------------------


@dataclass(frozen=True)
class LinkCode:
    code: str
    minutes: int


@dataclass(frozen=True)
class Linked:
    identities: tuple[Identity, ...]


@dataclass(frozen=True)
class MemberData:
    held: dict[str, object]  # table by table, as exported


@dataclass(frozen=True)
class Forgotten:
    pseudonym: str
    touched: dict[str, int]


@dataclass(frozen=True)
class Asked:
    """A member's question: answered, or handed to the organisers (with its queue number)."""

    text: str
    sources: tuple[str, ...] = ()
    handed_off: int | None = None
    suggestions: tuple[str, ...] = ()
    unsure: bool = False  # nothing to hand on (no words in it)


@dataclass(frozen=True)
class AliasAdded:
    """Another way of asking an FAQ entry's question, added."""

    entry: str
    phrase: str


@dataclass(frozen=True)
class HandoffLine:
    question_id: int
    asked_at: datetime
    branch: str | None
    text: str
    answered: bool
    faq: bool


@dataclass(frozen=True)
class HandoffReport:
    """The questions handed to the organisers since `since`: the gaps in the content."""

    days: int
    since: datetime
    lines: tuple[HandoffLine, ...]


@dataclass(frozen=True)
class Replied:
    question_id: int
    outcome: str


# The dashboard --------------------------------------------------------------------------


@dataclass(frozen=True)
class SignInLink:
    """A one-time link to the dashboard, sent by chat or printed by the CLI."""

    url: str
    minutes: int
    who: str  # PLATFORM:USER_ID


@dataclass(frozen=True)
class OpenedSession:
    """A session opened from a sign-in link: the secret goes in the browser's cookie only."""

    secret: str
    expires_at: datetime


@dataclass(frozen=True)
class Upcoming:
    """Something the bot will do at a time: a reminder, a scheduled broadcast, a report's
    action deadline, a consultation's close. `ref` names what it belongs to (kind:key)."""

    at: datetime
    kind: str
    title: str
    ref: str


@dataclass(frozen=True)
class BranchPeople:
    """A branch's members with roles, a page at a time, and subscription requests waiting."""

    branch: str
    title: str
    people: tuple[Person, ...]
    total: int
    offset: int
    waiting: tuple[tuple[Subscription, Channel], ...] = ()  # requests, and the chat of each


@dataclass(frozen=True)
class TimelineEntry:
    """One line of a ballot's timeline: a key date, or a reminder and what became of it."""

    at: datetime | date
    label: str
    kind: str  # "date" or "reminder"
    state: str = ""  # a reminder's: planned, sent, skipped
    why: str = ""  # why a reminder was skipped


# The membership list and joining ------------------------------------------------------------


@dataclass(frozen=True)
class ListImported:
    changes: ListChanges
    applied: bool  # False: a dry run, nothing saved
    ignored_columns: tuple[str, ...] = ()
    needs_yes: bool = False  # not applied because members would lapse and --yes was not given


@dataclass(frozen=True)
class InviteLine:
    """One invite for the union's own mail-out: never stored (the store keeps the code's hash)."""

    number: str  # as the membership file writes it
    branch: str
    email: str
    code: str
    telegram_link: str  # empty when the bot's Telegram username is not known
    slack: str  # what to type in Slack
    expires_at: datetime


@dataclass(frozen=True)
class InvitesMade:
    written: int
    already_in_chat: int  # members already linked: no invite made
    expires_at: datetime
    telegram_links: bool


class JoinOutcome(enum.StrEnum):
    """What became of an invite code or a /join; each has its own message (join-*.md)."""

    LINKED = "linked"  # this account is now linked to the member's record
    ACCOUNTS_JOINED = "accounts-joined"  # and joined to the member's other account
    ALREADY = "already"  # nothing to do: already linked
    OTHER_RECORD = "other-record"  # this account is linked to another record
    CODE_WRONG = "code-wrong"
    CODE_EXPIRED = "code-expired"
    CODE_USED = "code-used"
    LOCKED = "locked"  # too many tries today
    REQUESTED = "requested"  # a request went to the branch's officers
    WAITING = "waiting"  # a request is already waiting
    NO_MATCH = "no-match"  # the list does not hold that number for that branch
    TAKEN = "taken"  # that record is already linked to an account on this platform


@dataclass(frozen=True)
class Joined:
    outcome: JoinOutcome
    branch: str | None = None
    tries_left: int = 0
    officers_told: int = 0
    listed: bool = False  # a request checked against the list (else on the member's word)
    platforms: tuple[str, ...] = ()  # the member's linked platforms, after
    title: str = ""  # the branch as people read it


@dataclass(frozen=True)
class JoinWaiting:
    """A join request as an officer sees it: the accounts asking, never the number."""

    id: int
    branch: str
    requested_at: datetime
    listed: bool  # checked against the list (else asked on the member's word)
    accounts: tuple[Identity, ...]


@dataclass(frozen=True)
class JoinDecided:
    approved: bool
    branches: tuple[str, ...]
    not_linked: int = 0  # approved, but their record had lapsed or was taken meanwhile


@dataclass(frozen=True)
class BranchReach:
    branch: str
    title: str
    counts: BranchCounts

    @property
    def share(self) -> float | None:
        """Of the members on the list, the share the bot can reach in chat."""
        on_list = self.counts.on_list
        return self.counts.in_chat / on_list if on_list else None


@dataclass(frozen=True)
class MembersReport:
    branches: tuple[BranchReach, ...]
    list_imported: bool

    @property
    def total(self) -> BranchReach:
        c = [b.counts for b in self.branches]
        sums = BranchCounts(
            sum(x.on_list for x in c),
            sum(x.in_chat for x in c),
            sum(x.pending for x in c),
            sum(x.not_on_list for x in c),
        )
        return BranchReach("total", "Total", sums)
