"""In-memory repositories: a real fake of the SQL store, held to the same contract tests.

It covers the core repositories (members to questions). The campaign-action and
members'-data repositories (petitions, reports, consultations, timers, privacy) are SQL
only: erasure must be proven against the real tables, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from bot.core.models import (
    AuditEntry,
    Ballot,
    Branch,
    Broadcast,
    BroadcastState,
    Channel,
    ChannelState,
    ChatKind,
    Claimed,
    Delivery,
    DeliveryState,
    Identity,
    Member,
    Outcome,
    Platform,
    Question,
    Reminder,
    ReminderState,
    Role,
    RoleGrant,
    Subscription,
    SubscriptionState,
)

T = TypeVar("T")


def _utc(item: T) -> T:
    """Times come back in UTC, as they do from the SQL store."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(item):  # type: ignore[arg-type]
        value = getattr(item, f.name)
        if isinstance(value, datetime):
            changes[f.name] = value.astimezone(UTC)
    return replace(item, **changes) if changes else item  # type: ignore[type-var]


class _Data:
    def __init__(self) -> None:
        self.ids = itertools.count(1)
        self.members: dict[int, Member] = {}
        self.identities: dict[Identity, int] = {}
        self.roles: list[RoleGrant] = []
        self.branches: dict[str, Branch] = {}
        self.channels: dict[int, Channel] = {}
        self.subscriptions: dict[int, Subscription] = {}
        self.broadcasts: dict[int, Broadcast] = {}
        self.deliveries: dict[int, Delivery] = {}
        self.ballots: dict[str, Ballot] = {}
        self.reminders: dict[int, Reminder] = {}
        self.audit: list[AuditEntry] = []
        self.electorate: dict[str, dict[str, int]] = {}
        self.banked: dict[tuple[str, int], str | None] = {}
        self.inbox: dict[str, datetime] = {}
        self.questions: dict[int, Question] = {}

    def member(self, member_id: int) -> Member | None:
        found = self.members.get(member_id)
        if found is None:
            return None
        ids = sorted(
            (i for i, m in self.identities.items() if m == member_id), key=lambda i: i.platform
        )
        return replace(found, identities=tuple(ids))


class MemoryMembers:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def find(self, identity: Identity) -> Member | None:
        member_id = self._d.identities.get(identity)
        return None if member_id is None else self._d.member(member_id)

    async def get(self, member_id: int) -> Member | None:
        return self._d.member(member_id)

    async def get_or_create(self, identity: Identity) -> Member:
        if identity not in self._d.identities:
            member_id = next(self._d.ids)
            self._d.members[member_id] = Member(member_id)
            self._d.identities[identity] = member_id
        found = await self.find(identity)
        assert found is not None
        return found

    async def set_branch(self, member_id: int, branch: str | None) -> None:
        if member_id in self._d.members:
            self._d.members[member_id] = replace(self._d.members[member_id], branch=branch)

    async def link(self, member_id: int, identity: Identity) -> None:
        self._d.identities[identity] = member_id

    async def delete(self, member_id: int) -> None:
        self._d.members.pop(member_id, None)
        for identity in [i for i, m in self._d.identities.items() if m == member_id]:
            del self._d.identities[identity]
        self._d.roles = [g for g in self._d.roles if g.member_id != member_id]


class MemoryRoles:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def grant(self, grant: RoleGrant) -> None:
        if grant not in self._d.roles:
            self._d.roles.append(grant)

    async def revoke(self, member_id: int, role: Role, branch: str | None = None) -> bool:
        target = RoleGrant(member_id, role, branch)
        if target in self._d.roles:
            self._d.roles.remove(target)
            return True
        return False

    async def for_member(self, member_id: int) -> list[RoleGrant]:
        return [g for g in self._d.roles if g.member_id == member_id]

    async def holders(self, role: Role, branch: str | None = None) -> list[RoleGrant]:
        return [
            g for g in self._d.roles if g.role is role and (branch is None or g.branch == branch)
        ]


class MemoryBranches:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def upsert(self, branch: Branch) -> None:
        self._d.branches[branch.name] = branch

    async def get(self, name: str) -> Branch | None:
        return self._d.branches.get(name)

    async def all(self) -> list[Branch]:
        return [self._d.branches[k] for k in sorted(self._d.branches)]


class MemoryChannels:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def upsert(
        self,
        platform: Platform,
        chat_id: str,
        kind: ChatKind,
        title: str | None = None,
        member_id: int | None = None,
    ) -> Channel:
        found = await self.find(platform, chat_id)
        if found is None:
            found = Channel(next(self._d.ids), platform, chat_id, kind, title, member_id=member_id)
        else:
            found = replace(
                found,
                kind=kind,
                title=title or found.title,
                member_id=member_id if member_id is not None else found.member_id,
            )
        self._d.channels[found.id] = found
        return found

    async def get(self, channel_id: int) -> Channel | None:
        return self._d.channels.get(channel_id)

    async def find(self, platform: Platform, chat_id: str) -> Channel | None:
        for channel in self._d.channels.values():
            if channel.platform is platform and channel.chat_id == chat_id:
                return channel
        return None

    async def set_state(self, channel_id: int, state: ChannelState) -> None:
        self._d.channels[channel_id] = replace(self._d.channels[channel_id], state=state)

    async def migrate(self, channel_id: int, new_chat_id: str) -> int:
        channel = self._d.channels[channel_id]
        target = await self.find(channel.platform, new_chat_id)
        if target is None:
            self._d.channels[channel_id] = replace(
                channel, chat_id=new_chat_id, kind=ChatKind.GROUP
            )
            return channel_id
        have = {
            (s.branch, s.topic) for s in self._d.subscriptions.values() if s.channel_id == target.id
        }
        for sub in list(self._d.subscriptions.values()):
            if sub.channel_id == channel_id:
                if (sub.branch, sub.topic) in have:
                    del self._d.subscriptions[sub.id]
                else:
                    self._d.subscriptions[sub.id] = replace(sub, channel_id=target.id)
        for delivery in list(self._d.deliveries.values()):
            if delivery.channel_id == channel_id:
                self._d.deliveries[delivery.id] = replace(delivery, channel_id=target.id)
        if target.title is None and channel.title:
            self._d.channels[target.id] = replace(target, title=channel.title)
        del self._d.channels[channel_id]
        return target.id


class MemorySubscriptions:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def add(
        self,
        channel_id: int,
        branch: str,
        topic: str,
        state: SubscriptionState,
        requested_by: int | None = None,
    ) -> Subscription:
        for sub in self._d.subscriptions.values():
            if (sub.channel_id, sub.branch, sub.topic) == (channel_id, branch, topic):
                if state is SubscriptionState.ACTIVE and sub.state is not state:
                    sub = self._d.subscriptions[sub.id] = replace(sub, state=state)
                return sub
        sub = Subscription(next(self._d.ids), channel_id, branch, topic, state, requested_by)
        self._d.subscriptions[sub.id] = sub
        return sub

    async def set_state(self, subscription_id: int, state: SubscriptionState) -> None:
        sub = self._d.subscriptions[subscription_id]
        self._d.subscriptions[subscription_id] = replace(sub, state=state)

    async def get(self, subscription_id: int) -> Subscription | None:
        return self._d.subscriptions.get(subscription_id)

    async def remove(self, channel_id: int, branch: str | None = None) -> int:
        gone = [
            s.id
            for s in self._d.subscriptions.values()
            if s.channel_id == channel_id and (branch is None or s.branch == branch)
        ]
        for sub_id in gone:
            del self._d.subscriptions[sub_id]
        return len(gone)

    async def delete(self, subscription_id: int) -> bool:
        return self._d.subscriptions.pop(subscription_id, None) is not None

    async def for_channel(self, channel_id: int) -> list[Subscription]:
        found = [s for s in self._d.subscriptions.values() if s.channel_id == channel_id]
        return sorted(found, key=lambda s: (s.branch, s.topic))

    async def audience(self, topic: str, branches: Sequence[str] | None = None) -> list[int]:
        return sorted(
            {
                s.channel_id
                for s in self._d.subscriptions.values()
                if s.topic == topic
                and s.state is SubscriptionState.ACTIVE
                and (branches is None or s.branch in branches)
                and self._d.channels[s.channel_id].state is ChannelState.ACTIVE
            }
        )


class MemoryBroadcasts:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def create(self, broadcast: Broadcast) -> Broadcast:
        made = _utc(replace(broadcast, id=next(self._d.ids)))
        self._d.broadcasts[made.id] = made
        return made

    async def get(self, broadcast_id: int) -> Broadcast | None:
        return self._d.broadcasts.get(broadcast_id)

    async def recent(self, limit: int = 50) -> list[Broadcast]:
        return sorted(self._d.broadcasts.values(), key=lambda b: -b.id)[:limit]

    async def set_state(self, broadcast_id: int, state: BroadcastState) -> None:
        self._d.broadcasts[broadcast_id] = replace(self._d.broadcasts[broadcast_id], state=state)

    async def due(self, now: datetime) -> list[Broadcast]:
        found = [
            b
            for b in self._d.broadcasts.values()
            if b.state is BroadcastState.SCHEDULED and b.send_at is not None and b.send_at <= now
        ]
        return sorted(found, key=lambda b: (b.send_at, b.id))

    async def scheduled(self) -> list[Broadcast]:
        found = [b for b in self._d.broadcasts.values() if b.state is BroadcastState.SCHEDULED]
        return sorted(found, key=lambda b: (b.send_at, b.id))

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        broadcast = self._d.broadcasts[broadcast_id]
        if broadcast.state not in (BroadcastState.DRAFT, BroadcastState.SCHEDULED):
            return 0
        self._d.broadcasts[broadcast_id] = replace(broadcast, state=BroadcastState.QUEUED)
        return await MemoryDeliveries(self._d).enqueue(broadcast_id, channel_ids)


class MemoryDeliveries:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def claim(self, platform: Platform, now: datetime, limit: int) -> list[Claimed]:
        claimed: list[Claimed] = []
        for delivery in sorted(self._d.deliveries.values(), key=lambda d: d.id):
            if len(claimed) == limit:
                break
            channel = self._d.channels[delivery.channel_id]
            if (
                channel.platform is platform
                and delivery.state is DeliveryState.PENDING
                and (delivery.not_before is None or delivery.not_before <= now)
            ):
                delivery = replace(
                    delivery, state=DeliveryState.SENDING, attempts=delivery.attempts + 1
                )
                self._d.deliveries[delivery.id] = delivery
                claimed.append(Claimed(delivery, channel))
        return claimed

    async def apply(self, outcomes: Sequence[Outcome]) -> None:
        for o in outcomes:
            d = self._d.deliveries[o.delivery_id]
            d = replace(d, state=o.state, reason=o.reason)
            if o.state is DeliveryState.PENDING:
                d = replace(d, not_before=o.not_before)
            if o.refund_attempt:
                d = replace(d, attempts=d.attempts - 1)
            if o.ambiguous:
                d = replace(d, ambiguous=True)
            self._d.deliveries[d.id] = d

    async def recover(self) -> int:
        stuck = [d for d in self._d.deliveries.values() if d.state is DeliveryState.SENDING]
        for d in stuck:
            if d.ambiguous:
                changed = replace(d, state=DeliveryState.UNKNOWN, reason="in flight at two crashes")
            else:
                changed = replace(
                    d,
                    state=DeliveryState.PENDING,
                    ambiguous=True,
                    reason="in flight at a crash",
                    not_before=None,
                )
            self._d.deliveries[d.id] = changed
        return len(stuck)

    async def enqueue(self, broadcast_id: int, channel_ids: Sequence[int]) -> int:
        made = 0
        for channel_id in channel_ids:
            if channel_id in self._d.channels:
                delivery = Delivery(next(self._d.ids), broadcast_id, channel_id)
                self._d.deliveries[delivery.id] = delivery
                made += 1
        return made

    async def cancel_pending(self, broadcast_id: int) -> int:
        found = [
            d
            for d in self._d.deliveries.values()
            if d.broadcast_id == broadcast_id and d.state is DeliveryState.PENDING
        ]
        for d in found:
            self._d.deliveries[d.id] = replace(d, state=DeliveryState.CANCELLED, reason="cancelled")
        return len(found)

    async def for_broadcast(self, broadcast_id: int) -> list[Delivery]:
        found = [d for d in self._d.deliveries.values() if d.broadcast_id == broadcast_id]
        return sorted(found, key=lambda d: d.id)

    async def unsettled(self, broadcast_id: int) -> int:
        return sum(
            1
            for d in self._d.deliveries.values()
            if d.broadcast_id == broadcast_id and not d.state.settled
        )

    async def pending_platforms(self) -> set[Platform]:
        return {
            self._d.channels[d.channel_id].platform
            for d in self._d.deliveries.values()
            if d.state is DeliveryState.PENDING
        }


class MemoryBallots:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def upsert(self, ballot: Ballot) -> None:
        self._d.ballots[ballot.name] = _utc(ballot)

    async def get(self, name: str) -> Ballot | None:
        return self._d.ballots.get(name)

    async def all(self) -> list[Ballot]:
        return sorted(self._d.ballots.values(), key=lambda b: b.opens_at)

    async def set_electorate(self, ballot: str, eligible: Mapping[str, int]) -> None:
        self._d.electorate[ballot] = dict(eligible)

    async def electorate(self, ballot: str) -> dict[str, int]:
        return dict(self._d.electorate.get(ballot, {}))

    async def bank(self, ballot: str, member_id: int, branch: str | None, at: datetime) -> bool:
        if (ballot, member_id) in self._d.banked:
            return False
        self._d.banked[(ballot, member_id)] = branch
        return True

    async def banked(self, ballot: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for (name, _), branch in self._d.banked.items():
            if name == ballot and branch is not None:
                counts[branch] = counts.get(branch, 0) + 1
        return counts

    def banked_channels(self, ballot: str, channel_ids: Sequence[int]) -> set[int]:
        """Those of these channels that are DMs of members banked for the ballot."""
        members = {m for (name, m) in self._d.banked if name == ballot}
        return {
            cid
            for cid in channel_ids
            if cid in self._d.channels and self._d.channels[cid].member_id in members
        }


class MemoryReminders:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def replace_plan(self, ballot: str, plan: Sequence[tuple[str, datetime]]) -> None:
        kinds = {kind for kind, _ in plan}
        mine = {r.kind: r for r in self._d.reminders.values() if r.ballot == ballot}
        for reminder in mine.values():
            if reminder.state is ReminderState.PLANNED and reminder.kind not in kinds:
                del self._d.reminders[reminder.id]
        for kind, fire_at in plan:
            existing = mine.get(kind)
            if existing is None:
                made = Reminder(next(self._d.ids), ballot, kind, fire_at)
                self._d.reminders[made.id] = made
            elif existing.state is ReminderState.PLANNED:
                self._d.reminders[existing.id] = replace(existing, fire_at=fire_at)

    async def planned(self) -> list[Reminder]:
        found = [r for r in self._d.reminders.values() if r.state is ReminderState.PLANNED]
        return sorted(found, key=lambda r: (r.fire_at, r.id))

    async def due(self, now: datetime) -> list[Reminder]:
        return [r for r in await self.planned() if r.fire_at <= now]

    async def fire(
        self, batch: Sequence[tuple[Reminder, Broadcast, Sequence[str] | None]]
    ) -> list[tuple[int, int] | None]:
        # Nothing below awaits anything real, so no other task runs in between.
        results: list[tuple[int, int] | None] = []
        broadcasts = MemoryBroadcasts(self._d)
        for reminder, broadcast, branches in batch:
            if not await self.mark(reminder.id, ReminderState.FIRED):
                results.append(None)
                continue
            draft = replace(broadcast, reminder_id=reminder.id, state=BroadcastState.DRAFT)
            made = await broadcasts.create(draft)
            channels = await MemorySubscriptions(self._d).audience("ballots", branches)
            banked = MemoryBallots(self._d).banked_channels(reminder.ballot, channels)
            queued = await broadcasts.enqueue(made.id, [c for c in channels if c not in banked])
            results.append((made.id, queued))
        return results

    async def next_at(self) -> datetime | None:
        planned = await self.planned()
        return planned[0].fire_at if planned else None

    async def for_ballot(self, ballot: str) -> list[Reminder]:
        found = [r for r in self._d.reminders.values() if r.ballot == ballot]
        return sorted(found, key=lambda r: (r.fire_at, r.id))

    async def mark(self, reminder_id: int, state: ReminderState) -> bool:
        reminder = self._d.reminders.get(reminder_id)
        if reminder is None or reminder.state is not ReminderState.PLANNED:
            return False
        self._d.reminders[reminder_id] = replace(reminder, state=state)
        return True


class MemoryAudit:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def record(self, entry: AuditEntry) -> None:
        self._d.audit.append(entry)

    async def recent(self, limit: int = 100) -> list[AuditEntry]:
        return list(reversed(self._d.audit))[:limit]


class MemoryQuestions:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def add(self, question: Question) -> Question:
        made = replace(question, id=next(self._d.ids), text=question.text[:2000])
        self._d.questions[made.id] = made
        return made

    async def get(self, question_id: int) -> Question | None:
        return self._d.questions.get(question_id)

    async def open(self, limit: int = 50) -> list[Question]:
        found = [q for q in self._d.questions.values() if q.answered_at is None]
        return sorted(found, key=lambda q: (q.asked_at, q.id))[:limit]

    async def answer(self, question_id: int, text: str, at: datetime, faq: bool) -> bool:
        found = self._d.questions.get(question_id)
        if found is None or found.answered_at is not None:
            return False
        self._d.questions[question_id] = replace(
            found, answer=text, answered_at=at, faq=faq, asker=None
        )
        return True

    async def faq(self) -> list[Question]:
        return sorted(
            (q for q in self._d.questions.values() if q.faq and q.answer), key=lambda q: q.id
        )


class MemoryInbox:
    def __init__(self, data: _Data) -> None:
        self._d = data

    async def seen(self, key: str) -> bool:
        return key[:128] in self._d.inbox

    async def record(self, key: str, at: datetime) -> bool:
        if key[:128] in self._d.inbox:
            return False
        self._d.inbox[key[:128]] = at
        return True

    async def forget_before(self, cutoff: datetime) -> int:
        old = [k for k, at in self._d.inbox.items() if at < cutoff]
        for key in old:
            del self._d.inbox[key]
        return len(old)


class MemoryStore:
    def __init__(self) -> None:
        data = self.data = _Data()
        self.members = MemoryMembers(data)
        self.roles = MemoryRoles(data)
        self.branches = MemoryBranches(data)
        self.channels = MemoryChannels(data)
        self.subscriptions = MemorySubscriptions(data)
        self.broadcasts = MemoryBroadcasts(data)
        self.deliveries = MemoryDeliveries(data)
        self.ballots = MemoryBallots(data)
        self.reminders = MemoryReminders(data)
        self.audit = MemoryAudit(data)
        self.inbox = MemoryInbox(data)
        self.questions = MemoryQuestions(data)
