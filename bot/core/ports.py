"""Every interface the core depends on, documented once.

Implementations live in bot/storage (SQL and memory). Each method is one short
transaction; none is held open across a call to a platform.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Protocol

from bot.core.membership import (
    BranchCounts,
    Invite,
    JoinRequest,
    ListChanges,
    Listed,
    StagedRow,
)
from bot.core.models import (
    AuditEntry,
    AuditQuery,
    Ballot,
    Branch,
    Broadcast,
    BroadcastState,
    Channel,
    ChannelState,
    ChatKind,
    Claimed,
    Consultation,
    Delivery,
    DeliveryCount,
    FaqAlias,
    Identity,
    InboxItem,
    InboxState,
    Member,
    Outcome,
    Person,
    Platform,
    Question,
    Reminder,
    ReminderState,
    Role,
    RoleGrant,
    SignIn,
    Subscription,
    SubscriptionState,
    Tally,
    Timer,
    TimerKind,
)


class MemberRepo(Protocol):
    async def get_or_create(self, identity: Identity) -> Member:
        """The member behind an identity, created on first contact."""
        ...

    async def find(self, identity: Identity) -> Member | None: ...

    async def get(self, member_id: int) -> Member | None: ...

    async def set_branch(self, member_id: int, branch: str | None) -> None: ...

    async def link(self, member_id: int, identity: Identity) -> None:
        """Attach another platform identity to a member (moving it if needed)."""
        ...

    async def delete(self, member_id: int) -> None:
        """Erase a member and their identities and roles."""
        ...


class RoleRepo(Protocol):
    async def grant(self, grant: RoleGrant) -> None: ...

    async def revoke(self, member_id: int, role: Role, branch: str | None = None) -> bool: ...

    async def for_member(self, member_id: int) -> list[RoleGrant]: ...

    async def holders(self, role: Role, branch: str | None = None) -> list[RoleGrant]: ...


class BranchRepo(Protocol):
    async def upsert(self, branch: Branch) -> None: ...

    async def get(self, name: str) -> Branch | None: ...

    async def all(self) -> list[Branch]: ...


class ChannelRepo(Protocol):
    async def upsert(
        self,
        platform: Platform,
        chat_id: str,
        kind: ChatKind,
        title: str | None = None,
        member_id: int | None = None,
        thread: str = "",
    ) -> Channel:
        """A channel by its platform id (and forum topic, if any), created on first sight.
        A DM channel names its member."""
        ...

    async def get(self, channel_id: int) -> Channel | None: ...

    async def find(self, platform: Platform, chat_id: str, thread: str = "") -> Channel | None: ...

    async def for_chat(self, platform: Platform, chat_id: str) -> list[Channel]:
        """The chat and each of its forum topics known as a channel, the chat first."""
        ...

    async def set_state(self, channel_id: int, state: ChannelState) -> None: ...

    async def suspend(self, platform: Platform) -> int:
        """Every active (or needing attention) channel on the platform → SUSPENDED: their
        deliveries are held (never claimed) until `resume`. Returns how many."""
        ...

    async def resume(self, platform: Platform) -> int:
        """The platform's SUSPENDED channels → ACTIVE. Returns how many."""
        ...

    async def migrate(self, channel_id: int, new_chat_id: str) -> int:
        """Point a channel at its new chat id (a Telegram group → supergroup; a Slack channel
        moved by Slack Connect).

        If the new id is already known (its updates raced ahead), the old channel is merged
        into it: subscriptions and deliveries follow. Returns the surviving channel's id.
        """
        ...


class SubscriptionRepo(Protocol):
    async def add(
        self,
        channel_id: int,
        branch: str,
        topic: str,
        state: SubscriptionState,
        requested_by: int | None = None,
    ) -> Subscription: ...

    async def set_state(self, subscription_id: int, state: SubscriptionState) -> None: ...

    async def get(self, subscription_id: int) -> Subscription | None: ...

    async def remove(self, channel_id: int, branch: str | None = None) -> int: ...

    async def delete(self, subscription_id: int) -> bool: ...

    async def for_channel(self, channel_id: int) -> list[Subscription]: ...

    async def audience(self, topic: str, branches: Sequence[str] | None = None) -> list[int]:
        """Channel ids subscribed to a topic (for the branches given, or any) that a broadcast
        is queued for: active ones, and suspended ones (held until they resume)."""
        ...


class BroadcastRepo(Protocol):
    async def create(self, broadcast: Broadcast) -> Broadcast: ...

    async def get(self, broadcast_id: int) -> Broadcast | None: ...

    async def recent(self, limit: int = 50) -> list[Broadcast]: ...

    async def set_state(self, broadcast_id: int, state: BroadcastState) -> None: ...

    async def due(self, now: datetime) -> list[Broadcast]:
        """Scheduled broadcasts whose time has come."""
        ...

    async def scheduled(self) -> list[Broadcast]:
        """Every broadcast waiting for its time, soonest first."""
        ...

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        """One delivery row per channel and the broadcast marked queued, in one transaction."""
        ...


class DeliveryRepo(Protocol):
    async def claim(
        self, platform: Platform, now: datetime, limit: int, epoch: int = 0
    ) -> list[Claimed]:
        """Pending deliveries due now, marked SENDING (in one transaction) before any send,
        with the claiming sender's lease epoch. On PostgreSQL nothing is claimed unless that
        epoch's lease is still live: a sender that lost its lease cannot take more work.
        Never those to a SUSPENDED channel (held until it resumes)."""
        ...

    async def apply(self, outcomes: Sequence[Outcome]) -> None:
        """Write what became of several sends, in one transaction."""
        ...

    async def recover(self, epoch: int = 0) -> int:
        """After a crash or a takeover: SENDING rows claimed under an older epoch than the
        new sender's may or may not have arrived. Each is sent once more, flagged ambiguous;
        one that was already ambiguous becomes UNKNOWN for good. Rows of this epoch are the
        current sender's own, in flight: untouched."""
        ...

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        """Add deliveries for an already-queued broadcast (notices to officers)."""
        ...

    async def cancel_pending(self, broadcast_id: int) -> int: ...

    async def for_broadcast(self, broadcast_id: int) -> list[Delivery]: ...

    async def unsettled(self, broadcast_id: int) -> int:
        """Deliveries still PENDING or SENDING."""
        ...

    async def pending_platforms(self) -> set[Platform]:
        """Platforms with deliveries waiting, so idle workers need not poll."""
        ...


class BallotRepo(Protocol):
    async def upsert(self, ballot: Ballot) -> None: ...

    async def get(self, name: str) -> Ballot | None: ...

    async def all(self) -> list[Ballot]: ...

    async def set_electorate(self, ballot: str, eligible: Mapping[str, int]) -> None:
        """Replace a ballot's electorate per branch, in one transaction."""
        ...

    async def electorate(self, ballot: str) -> dict[str, int]: ...

    async def bank(self, ballot: str, member_id: int, branch: str | None, at: datetime) -> bool:
        """Record that a member has voted; False if they already had."""
        ...

    async def banked(self, ballot: str) -> dict[str, int]:
        """Banked members per branch."""
        ...


class ReminderRepo(Protocol):
    async def replace_plan(self, ballot: str, plan: Sequence[tuple[str, datetime]]) -> None:
        """Store a ballot's reminder plan, keeping the state of reminders already fired."""
        ...

    async def planned(self) -> list[Reminder]: ...

    async def due(self, now: datetime) -> list[Reminder]:
        """Planned reminders whose time has come, oldest first."""
        ...

    async def fire(
        self, batch: Sequence[tuple[Reminder, Broadcast, Sequence[str] | None]]
    ) -> list[tuple[int, int] | None]:
        """Fire reminders, all in one transaction: for each (reminder, its broadcast, the
        branches in scope or None for all), mark it fired, store the broadcast (queued) and
        queue a delivery to every active channel subscribed to `ballots` in those branches,
        except the DMs of members banked for the ballot. Returns (broadcast id, deliveries
        queued) per item, or None for one that was no longer planned. A crash leaves all of
        it or none of it."""
        ...

    async def next_at(self) -> datetime | None:
        """When the next planned reminder falls due (None: nothing planned)."""
        ...

    async def for_ballot(self, ballot: str) -> list[Reminder]:
        """Every reminder of a ballot, whatever its state, in time order."""
        ...

    async def mark(self, reminder_id: int, state: ReminderState) -> bool:
        """Move a PLANNED reminder on; False if another worker already did."""
        ...


class QuestionRepo(Protocol):
    async def add(self, question: Question) -> Question: ...

    async def get(self, question_id: int) -> Question | None: ...

    async def open(self, limit: int = 50) -> list[Question]:
        """Unanswered questions, oldest first."""
        ...

    async def answer(self, question_id: int, text: str, at: datetime, faq: bool) -> bool:
        """Record the answer and forget who asked; False if already answered or unknown."""
        ...

    async def faq(self) -> list[Question]:
        """Answered questions an organiser chose to add to the FAQ."""
        ...

    async def asked_since(self, since: datetime) -> list[Question]:
        """Questions handed to the organisers at or after `since`, oldest first."""
        ...

    async def add_alias(self, entry: str, phrase: str, at: datetime) -> FaqAlias:
        """Another way members ask an FAQ entry's question (cut to 500 characters)."""
        ...

    async def aliases(self) -> list[FaqAlias]:
        """Every alternative phrasing, oldest first."""
        ...


class AuditRepo(Protocol):
    async def record(self, entry: AuditEntry) -> None: ...

    async def recent(self, limit: int = 100) -> list[AuditEntry]: ...


class InboxRepo(Protocol):
    """Updates and events as received, stored before the platform is answered, so that
    nothing acknowledged is lost and a platform's retry has one effect.

    A row is written once per platform id (insert on conflict do nothing), claimed by the
    worker that stored it, handled from there and marked handled (its payload dropped). A
    handler that fails lets go of its claim, so a retry of the same id is handled again.
    """

    async def receive(self, item: InboxItem, worker: str) -> bool:
        """Store an item, claimed by `worker`; False (nothing changes) if its key is known."""
        ...

    async def claim(self, key: str, worker: str, now: datetime) -> InboxItem | None:
        """Take a RECEIVED row no one holds (its handler failed and let go). None if it is
        handled, given up, held by a worker, or unknown. Two callers never both get it."""
        ...

    async def finish(self, key: str, state: InboxState, now: datetime) -> None:
        """Handled (or given up): drop the payload and the claim; the key stays, so a late
        retry still has no effect."""
        ...

    async def release(self, key: str, now: datetime) -> int:
        """The handler failed: let go of the claim; returns the attempts made so far."""
        ...

    async def stranded(
        self, live: Collection[str], before: datetime, limit: int
    ) -> list[InboxItem]:
        """RECEIVED rows received before `before` that no live worker holds: their worker
        died, or a failed handler let go. Oldest first."""
        ...

    async def take_over(
        self, key: str, held_by: str | None, worker: str, now: datetime
    ) -> InboxItem | None:
        """Claim a stranded row for `worker` if it is still RECEIVED and held by `held_by`
        (None: by no one). Two callers never both get it."""
        ...

    async def get(self, key: str) -> InboxItem | None: ...

    async def seen(self, key: str) -> bool:
        """Whether any row has this key, whatever its state."""
        ...

    async def forget_before(self, cutoff: datetime) -> int:
        """Delete handled and given-up rows received before `cutoff`."""
        ...


class Store(Protocol):
    """Every repository, as one object passed to use cases."""

    @property
    def members(self) -> MemberRepo: ...

    @property
    def roles(self) -> RoleRepo: ...

    @property
    def branches(self) -> BranchRepo: ...

    @property
    def channels(self) -> ChannelRepo: ...

    @property
    def subscriptions(self) -> SubscriptionRepo: ...

    @property
    def broadcasts(self) -> BroadcastRepo: ...

    @property
    def deliveries(self) -> DeliveryRepo: ...

    @property
    def ballots(self) -> BallotRepo: ...

    @property
    def reminders(self) -> ReminderRepo: ...

    @property
    def audit(self) -> AuditRepo: ...

    @property
    def questions(self) -> QuestionRepo: ...

    @property
    def inbox(self) -> InboxRepo: ...

    @property
    def petitions(self) -> PetitionRepo: ...

    @property
    def reports(self) -> ReportRepo: ...

    @property
    def consultations(self) -> ConsultationRepo: ...

    @property
    def timers(self) -> TimerRepo: ...

    @property
    def privacy(self) -> PrivacyRepo: ...

    @property
    def dashboard(self) -> DashboardRepo: ...

    @property
    def membership(self) -> MembershipRepo: ...


class PetitionRepo(Protocol):
    async def sign(self, petition: str, member_id: int, branch: str | None) -> bool:
        """Record a signature; False if this member had already signed."""
        ...

    async def has_signed(self, petition: str, member_id: int) -> bool: ...

    async def counts(self, petition: str) -> dict[str | None, int]:
        """Signatures per branch (None: members with no branch), forgotten members included."""
        ...


class ReportRepo(Protocol):
    async def publish(
        self,
        report: str,
        broadcast: Broadcast,
        branches: Sequence[str] | None,
        timers: Sequence[Timer],
        at: datetime,
    ) -> tuple[int, int] | None:
        """In one transaction: mark the report published, store its broadcast (queued) with a
        delivery to each active channel subscribed to the broadcast's topic (in `branches`,
        or any), and plan its action timers. None if it was already published."""
        ...

    async def published(self, report: str) -> datetime | None: ...

    async def note(self, report: str, branch: str, member_id: int, at: datetime) -> bool:
        """A branch acknowledges a report; False if it already had."""
        ...

    async def noted(self, report: str) -> dict[str, datetime]:
        """Branches that have noted the report, and when."""
        ...


class ConsultationRepo(Protocol):
    async def open(self, consultation: Consultation) -> Consultation:
        """Store a new consultation and plan its close, in one transaction."""
        ...

    async def get(self, consultation_id: int) -> Consultation | None: ...

    async def all(self) -> list[Consultation]: ...

    async def vote(
        self, consultation_id: int, member_id: int, branch: str | None, choice: int
    ) -> bool:
        """Count one vote; False if this member has already voted (nothing changes)."""
        ...

    async def choice_of(self, consultation_id: int, member_id: int) -> int | None: ...

    async def tally(self, consultation_id: int) -> list[Tally]: ...


class TimerRepo(Protocol):
    async def due(self, now: datetime) -> list[Timer]: ...

    async def next_at(self) -> datetime | None: ...

    async def fire(
        self,
        timer: Timer,
        broadcast: Broadcast | None,
        branches: Sequence[str] | None,
        results: dict[str, object] | None = None,
    ) -> tuple[int, int] | None:
        """In one transaction: mark the timer fired, close its consultation (storing the
        results) if it is a close, and queue the broadcast to every active channel subscribed
        to its topic (in `branches`, or any). None if the timer was no longer planned."""
        ...

    async def mark(self, timer_id: int, state: ReminderState) -> bool: ...

    async def find(self, kind: TimerKind, ref: str) -> Timer | None: ...


class PrivacyRepo(Protocol):
    """Members' data: linking identities, seeing it all, erasing it everywhere."""

    async def issue_code(self, member_id: int, code_hash: str, expires_at: datetime) -> None:
        """Keep a one-time link code's hash (any earlier code of this member is dropped)."""
        ...

    async def redeem_code(self, code_hash: str, now: datetime) -> int | None:
        """The member a live code belongs to; the code is used up either way."""
        ...

    async def merge(self, from_member: int, into_member: int) -> None:
        """Move everything of one member to another (after /link), in one transaction."""
        ...

    async def export(self, member_id: int) -> dict[str, object]:
        """Everything the store holds about a member, table by table."""
        ...

    async def forget(
        self, member_id: int, identities: Sequence[str], pseudonym: str
    ) -> dict[str, int]:
        """Erase or anonymise a member everywhere, in one transaction; rows touched per table."""
        ...

    async def expire_delivery_links(self, cutoff: datetime) -> int:
        """Clear the member link of deliveries settled before `cutoff`."""
        ...


class DashboardRepo(Protocol):
    """The dashboard's one-time sign-in links and its sessions, kept only as hashes."""

    async def add_link(self, token_hash: str, sign_in: SignIn) -> None: ...

    async def use_link(self, token_hash: str, now: datetime) -> SignIn | None:
        """Whose live link this is; the link is used up either way (and expired ones go)."""
        ...

    async def add_session(self, session_hash: str, sign_in: SignIn, now: datetime) -> None: ...

    async def session(self, session_hash: str, now: datetime) -> SignIn | None:
        """A live session; an expired one is deleted and None returned."""
        ...

    async def end_session(self, session_hash: str) -> None: ...

    async def end_sessions(self, member_id: int) -> int:
        """Sign a member out everywhere (a role revoked); returns the sessions ended."""
        ...

    async def first_post(self, nonce_hash: str, now: datetime) -> bool:
        """Record a form's one-time number; False if it was posted before. Numbers older
        than two days are forgotten (a form is not left open that long)."""
        ...

    # What the dashboard's pages read in one query each, whatever the union's size.

    async def people(self, branch: str, offset: int, limit: int) -> tuple[list[Person], int]:
        """Members holding a role in a branch, by member id, a page at a time; and how many."""
        ...

    async def waiting(self, branch: str) -> list[tuple[Subscription, Channel]]:
        """Subscription requests for a branch waiting for an officer, and their chats."""
        ...

    async def progress(self, broadcast_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        """Each broadcast's deliveries counted by state."""
        ...

    async def delivery_counts(
        self, broadcast_id: int, topic: str
    ) -> tuple[list[DeliveryCount], list[DeliveryCount]]:
        """A broadcast's deliveries counted per platform, and per branch (through the
        channels' active subscriptions to the topic; a channel with none counts under None)."""
        ...

    async def audit(self, query: AuditQuery) -> list[AuditEntry]:
        """Audit entries matching the query, newest first."""
        ...


class ListImport(Protocol):
    """One import of the membership list: its rows staged aside, checked, then applied in one
    transaction (or dropped, when the import block ends)."""

    async def stage(self, rows: Sequence[StagedRow]) -> None:
        """Keep a batch of the import's rows aside (a short transaction)."""
        ...

    async def duplicates(self, limit: int) -> tuple[int, list[tuple[int, int]]]:
        """Rows whose number came before: how many, and the first `limit` of them as (row,
        the row it first came in)."""
        ...

    async def apply(self, commit: Callable[[ListChanges], bool]) -> ListChanges:
        """In one transaction: what the import changes, and, if `commit` says so, the list
        made what the import holds: records added, moved and lapsed. A linked member moved
        follows their record's branch (their member role too); a linked member lapsed loses
        the member role, and the branch unless an officer's role keeps it. A lapsed record's
        invites and join requests go with it. The rows must hold each number once."""
        ...


class MembershipRepo(Protocol):
    """The union's membership list (keyed hashes only), invites, join requests, attempts."""

    def importing(self) -> AbstractAsyncContextManager[ListImport]:
        """A new import's staging, dropped when the block ends (nothing else is kept)."""
        ...

    async def has_list(self) -> bool:
        """Whether any membership list has been imported."""
        ...

    async def records(self, number_hashes: Sequence[str]) -> dict[str, Listed]:
        """The records the list holds, of those numbers."""
        ...

    async def record_of(self, member_id: int) -> Listed | None:
        """The record a member is linked to."""
        ...

    async def by_email(self, email_hash: str) -> Listed | None: ...

    async def link(self, number_hash: str, member_id: int) -> bool:
        """Link a member to a record, in one transaction: the member takes the record's
        branch and the member role for it (and no other branch's member role), and the
        record's invites name them. False (nothing changed) when the record is gone or
        linked to another member."""
        ...

    async def issue(self, invites: Sequence[Invite]) -> None:
        """Store invites; each replaces its record's earlier invite."""
        ...

    async def invite(self, code_hash: str) -> Invite | None: ...

    async def use_invite(self, code_hash: str, platform: str) -> bool:
        """Mark an invite used on a platform; False if it already was (or is gone)."""
        ...

    async def request(
        self, member_id: int, branch: str, number_hash: str | None, at: datetime
    ) -> JoinRequest: ...

    async def requests_of(self, member_id: int) -> list[JoinRequest]: ...

    async def requests_in(self, branch: str) -> list[JoinRequest]:
        """A branch's join requests waiting for an officer, oldest first."""
        ...

    async def get_request(self, request_id: int) -> JoinRequest | None: ...

    async def close_request(self, request_id: int) -> bool:
        """Remove a request once decided; False if it was already gone."""
        ...

    async def attempts(self, account_hash: str, since: datetime) -> int:
        """An account's attempts counted since a time."""
        ...

    async def attempt(self, account_hash: str, at: datetime, forget_before: datetime) -> None:
        """Count an attempt, and forget every account's attempts before `forget_before`."""
        ...

    async def reach(self) -> dict[str, BranchCounts]:
        """Per branch: records on the list, those linked to chat accounts, join requests
        waiting, and members of the branch in chat with no record."""
        ...
