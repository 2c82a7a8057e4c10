"""Consultations: an indicative question, one unchangeable vote per member by DM, totals only.

Never a statutory ballot, and every message says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.content.loader import Content
from bot.core import wording
from bot.core.actions import (
    NOT_A_BALLOT,
    ballot_buttons,
    ballot_values,
    consultation_results,
    stored_results,
)
from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.doorbell import Doorbell
from bot.core.errors import InvalidInput, Problems
from bot.core.events import Conversation
from bot.core.models import (
    Broadcast,
    BroadcastState,
    Consultation,
    ConsultationState,
    Identity,
    Platform,
    Role,
    TimerKind,
)
from bot.core.ports import Store
from bot.core.results import ConsultationOpened, ConsultationResults, VoteOutcome
from bot.core.wording import typed
from bot.delivery.outbox import Outbox
from bot.services.audit import AuditService
from bot.services.timers import ActionTimers


def own_dm(where: Conversation, by: Caller) -> bool:
    """A vote counts only in the voter's own DM: on Telegram a private chat's id is the
    user's own id, so a press there by anyone else is refused."""
    if where.kind.value != "dm":
        return False
    if where.platform is Platform.TELEGRAM:
        return by.label == f"telegram:{where.chat_id}"
    return True


class ConsultationService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        content: Content,
        outbox: Outbox,
        timers: ActionTimers,
        zone: str,
        audit: AuditService,
        due: Doorbell,
    ) -> None:
        self.store, self.clock, self.content, self.outbox = store, clock, content, outbox
        self.timers, self.zone, self.audit, self.due = timers, zone, audit, due

    async def _voters(self, branches: Sequence[str]) -> list[int]:
        scope = list(branches) or self.content.branch_names()
        found: dict[int, None] = {}
        for branch in scope:
            for role in (Role.MEMBER, Role.OFFICER):
                for grant in await self.store.roles.holders(role, branch):
                    found[grant.member_id] = None
        return list(found)

    def _check(self, closes_at: datetime, topic: str, branches: Sequence[str]) -> None:
        problems = []
        if closes_at <= self.clock.now():
            problems.append(("closes", "the closing time has already passed"))
        if topic not in self.content.topics():
            known = ", ".join(self.content.topics())
            problems.append(("topic", f"unknown topic {typed(topic)}; one of {known}"))
        unknown = [b for b in branches if b not in self.content.branch_names()]
        if unknown:
            problems.append(("branch", f"unknown branch {', '.join(map(typed, unknown))}"))
        if problems:
            raise Problems(problems)

    async def open(
        self,
        question: str,
        options: Sequence[str],
        closes_at: datetime,
        topic: str,
        branches: Sequence[str],
        by: Caller,
    ) -> ConsultationOpened:
        topic = topic.strip().lower()
        self._check(closes_at, topic, branches)
        now = self.clock.now()
        consultation = await self.store.consultations.open(
            Consultation(
                0,
                question,
                tuple(options),
                topic,
                now,
                closes_at,
                tuple(branches),
                created_by=by.member_id,
            )
        )
        await self._announce(consultation, by, now)
        dms = await self._send_ballots(consultation)
        self.due.ring()
        await self.audit.record(by, "/consult open", "done", consultation=str(consultation.id))
        return ConsultationOpened(consultation, dms)

    async def _announce(self, consultation: Consultation, by: Caller, now: datetime) -> None:
        closes = wording.at(consultation.closes_at, ZoneInfo(self.zone))
        announcement = await self.store.broadcasts.create(
            Broadcast(
                id=0,
                title=f"Consultation: {consultation.question[:150]}",
                body="",
                topic=consultation.topic,
                template="consultation-open",
                values={
                    "question": consultation.question,
                    "closes": closes,
                    "note": NOT_A_BALLOT,
                    "id": str(consultation.id),
                },
                branches=consultation.branches,
                state=BroadcastState.DRAFT,
                created_by=by.member_id,
                created_at=now,
                buttons=(("Vote privately", f"/vote {consultation.id}"),),
            )
        )
        channels = await self.store.subscriptions.audience(
            consultation.topic, list(consultation.branches) or None
        )
        await self.outbox.release(announcement.id, channels)

    async def _send_ballots(self, consultation: Consultation) -> int:
        identities: list[Identity] = []
        for member_id in await self._voters(consultation.branches):
            member = await self.store.members.get(member_id)
            if member is not None:
                identities.extend(member.identities[:1])  # one DM per member, not per platform
        return await self.outbox.notify(
            identities,
            "consultation-ballot",
            ballot_values(consultation, self.zone),
            title=f"Consultation {consultation.id}: your vote",
            buttons=ballot_buttons(consultation),
        )

    async def get(self, consultation_id: int) -> Consultation:
        found = await self.store.consultations.get(consultation_id)
        if found is None:
            raise InvalidInput("ID", f"no consultation {consultation_id}")
        return found

    async def all(self) -> list[Consultation]:
        return await self.store.consultations.all()

    async def close(self, consultation_id: int, by: Caller) -> Consultation:
        found = await self.get(consultation_id)
        if found.state is ConsultationState.CLOSED:
            raise InvalidInput("ID", f"consultation {found.id} is already closed")
        timer = await self.store.timers.find(TimerKind.CONSULTATION_CLOSE, str(found.id))
        if timer is not None:
            await self.timers.fire_one(timer)
        await self.audit.record(by, "/consult close", "done", consultation=str(found.id))
        return await self.get(consultation_id)

    async def results(self, consultation_id: int) -> ConsultationResults:
        found = await self.get(consultation_id)
        kept = stored_results(found)
        if kept is not None:
            return kept
        return consultation_results(found, await self.store.consultations.tally(found.id))

    async def vote(
        self, consultation_id: int, choice: int | None, where: Conversation, by: Caller
    ) -> VoteOutcome:
        found = await self.get(consultation_id)
        if not found.is_open(self.clock.now()):
            return VoteOutcome(
                found, refused=f"consultation {found.id} has closed; nothing was counted"
            )
        if choice is None:
            return VoteOutcome(found, show_ballot=True)
        if not own_dm(where, by):
            if where.kind.value == "dm":
                return VoteOutcome(
                    found, refused="that button was sent to someone else; nothing was counted"
                )
            return VoteOutcome(found, show_ballot=True)
        if not 1 <= choice <= len(found.options):
            raise InvalidInput("OPTION", f"a number from 1 to {len(found.options)}")
        if by.member is None:
            raise InvalidInput("member", "only a member can vote")
        previous = await self.store.consultations.choice_of(found.id, by.member.id)
        if previous is not None:
            return VoteOutcome(
                found,
                refused=(
                    f"you have already voted ({found.options[previous]}); a vote cannot be "
                    "changed, and nothing more was counted"
                ),
            )
        counted = await self.store.consultations.vote(found.id, by.member.id, by.branch, choice - 1)
        if not counted:  # a second press racing the first
            return VoteOutcome(found, refused="you have already voted; nothing more was counted")
        return VoteOutcome(found, counted=found.options[choice - 1])
