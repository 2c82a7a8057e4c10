"""Campaign actions: petition signatures, meeting reports and their acknowledgements,
consultations and their votes."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from bot.core.models import (
    REPORT_TEMPLATE,
    Broadcast,
    Consultation,
    ConsultationState,
    SubscriptionState,
    Tally,
    Timer,
    TimerKind,
)
from bot.storage.memory.broadcasts import queue_broadcast
from bot.storage.memory.data import (
    AckRow,
    Data,
    PublicationRow,
    SignatureRow,
    VoteRow,
    utc,
    utc_time,
)
from bot.storage.memory.timers import add_timer


class MemoryPetitions:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def sign(self, petition: str, member_id: int, branch: str | None) -> bool:
        if await self.has_signed(petition, member_id):
            return False
        made = SignatureRow(self._d.next_id("petition_signatures"), petition, member_id, branch)
        self._d.petition_signatures[made.id] = made
        return True

    async def has_signed(self, petition: str, member_id: int) -> bool:
        rows = self._d.petition_signatures.values()
        return any((s.petition, s.member_id) == (petition, member_id) for s in rows)

    async def counts(self, petition: str) -> dict[str | None, int]:
        counts: dict[str | None, int] = {}
        for s in self._d.petition_signatures.values():
            if s.petition == petition:
                counts[s.branch] = counts.get(s.branch, 0) + 1
        return counts


class MemoryReports:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def publish(
        self,
        report: str,
        broadcast: Broadcast,
        branches: Sequence[str] | None,
        timers: Sequence[Timer],
        at: datetime,
    ) -> tuple[int, int] | None:
        if report in self._d.report_publications:
            return None
        queued = queue_broadcast(self._d, broadcast, branches)
        reached = _reached(self._d, broadcast.topic, queued[0])
        made = PublicationRow(report, queued[0], utc_time(at), reached)
        self._d.report_publications[report] = made
        for timer in timers:
            add_timer(self._d, timer)
        return queued

    async def send_more(
        self, report: str, broadcast: Broadcast, branches: Sequence[str], skip: Sequence[int] = ()
    ) -> tuple[int, int]:
        queued = queue_broadcast(self._d, broadcast, branches, skip=skip)
        row = self._d.report_publications[report]
        reached = _reached(self._d, broadcast.topic, queued[0]) | {
            s.branch  # their channels had it already: the branch has it too
            for s in self._d.subscriptions.values()
            if s.channel_id in skip
            and s.topic == broadcast.topic
            and s.state is SubscriptionState.ACTIVE
        }
        reached &= set(branches)
        self._d.report_publications[report] = replace(row, branches=row.branches | reached)
        return queued

    async def had_it(self, report: str, topic: str) -> frozenset[int]:
        ids = {
            b.id
            for b in self._d.broadcasts.values()
            if b.template == REPORT_TEMPLATE and b.topic == topic and b.values.get("id") == report
        }
        return frozenset(d.channel_id for d in self._d.deliveries.values() if d.broadcast_id in ids)

    async def sent_to(self, report: str) -> frozenset[str]:
        found = self._d.report_publications.get(report)
        return frozenset() if found is None else found.branches

    async def published(self, report: str) -> datetime | None:
        found = self._d.report_publications.get(report)
        return None if found is None else found.published_at

    async def note(self, report: str, branch: str, member_id: int, at: datetime) -> bool:
        if (report, branch) in self._d.report_acks:
            return False
        self._d.report_acks[(report, branch)] = AckRow(report, branch, member_id, utc_time(at))
        return True

    async def noted(self, report: str) -> dict[str, datetime]:
        return {a.branch: a.at for a in self._d.report_acks.values() if a.report == report}

    async def noted_by(self, report: str) -> dict[str, int | None]:
        return {a.branch: a.member_id for a in self._d.report_acks.values() if a.report == report}


def _reached(data: Data, topic: str, broadcast_id: int) -> frozenset[str]:
    """The branches whose subscriptions to `topic` brought a channel a delivery of the
    broadcast (see bot/storage/sql/actions.py)."""
    channels = {d.channel_id for d in data.deliveries.values() if d.broadcast_id == broadcast_id}
    return frozenset(
        s.branch
        for s in data.subscriptions.values()
        if s.channel_id in channels and s.topic == topic and s.state is SubscriptionState.ACTIVE
    )


class MemoryConsultations:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def open(self, consultation: Consultation) -> Consultation:
        made = utc(
            replace(
                consultation,
                id=self._d.next_id("consultations"),
                state=ConsultationState.OPEN,
                results=None,
            )
        )
        self._d.consultations[made.id] = made
        add_timer(self._d, Timer(0, TimerKind.CONSULTATION_CLOSE, str(made.id), made.closes_at))
        return made

    async def get(self, consultation_id: int) -> Consultation | None:
        found = self._d.consultations.get(consultation_id)
        return None if found is None else _as_stored(found)

    async def all(self) -> list[Consultation]:
        return [_as_stored(c) for _, c in sorted(self._d.consultations.items())]

    async def vote(
        self, consultation_id: int, member_id: int, branch: str | None, choice: int
    ) -> bool:
        if await self.choice_of(consultation_id, member_id) is not None:
            return False
        made = VoteRow(
            self._d.next_id("consultation_votes"), consultation_id, member_id, branch, choice
        )
        self._d.consultation_votes[made.id] = made
        return True

    async def choice_of(self, consultation_id: int, member_id: int) -> int | None:
        for v in self._d.consultation_votes.values():
            if (v.consultation, v.member_id) == (consultation_id, member_id):
                return v.choice
        return None

    async def tally(self, consultation_id: int) -> list[Tally]:
        counts: dict[tuple[str | None, int], int] = {}
        for v in self._d.consultation_votes.values():
            if v.consultation == consultation_id:
                counts[(v.branch, v.choice)] = counts.get((v.branch, v.choice), 0) + 1
        return [Tally(branch, choice, n) for (branch, choice), n in counts.items()]


def _as_stored(consultation: Consultation) -> Consultation:
    """Results come back as JSON would bring them: a copy, with JSON's types."""
    if consultation.results is None:
        return consultation
    return replace(consultation, results=json.loads(json.dumps(consultation.results)))
