"""Petitions, meeting reports and consultations: content joined to the store and the outbox,
with their timed work (a report's action deadlines, a consultation's close) woken by the same
scheduler as ballot reminders and fired once, in one transaction each."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.content.loader import Content
from bot.content.models import Report as ReportDoc
from bot.core.actions import (
    NOT_A_BALLOT,
    ballot_buttons,
    ballot_values,
    consultation_results,
    results_lines,
)
from bot.core.clock import Clock
from bot.core.errors import InvalidInput
from bot.core.models import (
    Broadcast,
    BroadcastKind,
    BroadcastState,
    Consultation,
    ConsultationState,
    Identity,
    PetitionInfo,
    ReminderState,
    ReportInfo,
    ReportItemInfo,
    Role,
    Timer,
    TimerKind,
)
from bot.core.ports import Store
from bot.delivery.outbox import Outbox
from bot.scheduling.wakeups import Wakeups

log = logging.getLogger(__name__)

# An action item is recalled this many days before its deadline, at 09:00 (0: on the day).
ACTION_REMINDER_DAYS = (7, 0)


def _report_info(doc: ReportDoc) -> ReportInfo:
    return ReportInfo(
        id=doc.id,
        title=doc.title,
        meeting=doc.meeting,
        date=doc.date.isoformat(),
        summary=doc.summary,
        items=tuple(
            ReportItemInfo(
                item.title,
                item.summary,
                item.decision,
                tuple((a.text, a.deadline.isoformat() if a.deadline else "") for a in item.actions),
            )
            for item in doc.items
        ),
        topic=doc.topic,
        body=doc.body,
    )


class ActionService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        outbox: Outbox,
        content: Content,
        zone: str,
        retention_days: int = 30,
    ) -> None:
        self.store, self.clock, self.outbox, self.content = store, clock, outbox, content
        self.zone, self.retention_days = zone, retention_days
        self.wakeups: Wakeups | None = None
        self.fired = 0
        self._firing = asyncio.Lock()

    # Content -----------------------------------------------------------------------------

    def petitions(self) -> list[PetitionInfo]:
        return [
            PetitionInfo(
                c.petition.id, c.petition.title, str(c.petition.url), c.petition.target, c.id
            )
            for c in self.content.campaigns
            if c.petition is not None
        ]

    def petition(self, petition_id: str | None = None) -> PetitionInfo:
        found = self.petitions()
        if petition_id is None and len(found) == 1:
            return found[0]
        for petition in found:
            if petition.id == (petition_id or "").lower():
                return petition
        names = ", ".join(p.id for p in found) or "none"
        if petition_id is None:
            raise InvalidInput("PETITION", f"say which petition: {names}")
        raise InvalidInput("PETITION", f"no petition called {petition_id!r}; petitions: {names}")

    def reports(self) -> list[ReportInfo]:
        return [_report_info(r) for r in sorted(self.content.reports, key=lambda r: r.date)]

    def report(self, report_id: str) -> ReportInfo:
        for report in self.reports():
            if report.id == report_id.lower():
                return report
        names = ", ".join(r.id for r in self.reports()) or "none"
        raise InvalidInput("REPORT", f"no report called {report_id!r}; reports: {names}")

    def branch_titles(self) -> dict[str, str]:
        return {b.name: b.title for g in self.content.structure.groups for b in g.branches}

    async def send_petition(
        self, petition_id: str | None, target: str, by: int | None
    ) -> tuple[int, int]:
        """The petition, with its progress and an "I've signed" button, to channels
        subscribed to `petitions` (target: all, group:NAME, or branch,branch). Returns
        (broadcast id, deliveries queued)."""
        from bot.delivery.outbox import parse_audience

        petition = self.petition(petition_id)
        total = sum((await self.store.petitions.counts(petition.id)).values())
        draft = await self.outbox.compose(
            petition.title,
            parse_audience("petitions", target, self.content),
            template="petition-call",
            values={
                "title": petition.title,
                "url": petition.url,
                "signed": f"{total:,}",
                "target": f"{petition.target:,}",
            },
            created_by=by,
            buttons=(("I've signed", f"/signed {petition.id}"),),
        )
        return draft.id, await self.outbox.confirm(draft.id)

    # Reports -----------------------------------------------------------------------------

    def _at_nine(self, day: date) -> datetime:
        return datetime.combine(day, time(9), tzinfo=ZoneInfo(self.zone)).astimezone(UTC)

    def action_timers(self, report: ReportInfo, now: datetime) -> list[Timer]:
        timers = []
        for i, item in enumerate(report.items):
            for j, (text, deadline) in enumerate(item.actions):
                if not deadline:
                    continue
                due = date.fromisoformat(deadline)
                for days in ACTION_REMINDER_DAYS:
                    fire_at = self._at_nine(due - timedelta(days=days))
                    if fire_at <= now:
                        continue  # publishing late: no reminder for a moment already past
                    detail = {
                        "report": report.id,
                        "title": report.title,
                        "item": item.title,
                        "action": text,
                        "deadline": deadline,
                        "topic": report.topic,
                    }
                    ref = f"{report.id}/{i}/{j}/{days}"
                    timers.append(Timer(0, TimerKind.REPORT_ACTION, ref, fire_at, detail=detail))
        return timers

    def report_broadcast(self, report: ReportInfo, by: int | None, now: datetime) -> Broadcast:
        items = []
        for item in report.items:
            line = f"• {item.title}: {item.decision}"
            for text, deadline in item.actions:
                if deadline:
                    line += f" Action: {text}, by {date.fromisoformat(deadline):%-d %B %Y}."
                else:
                    line += f" Action: {text}."
            items.append(line)
        return Broadcast(
            id=0,
            title=report.title,
            body="",
            topic=report.topic,
            template="meeting-report",
            values={
                "title": report.title,
                "summary": report.summary,
                "items": "\n".join(items),
                "id": report.id,
            },
            state=BroadcastState.QUEUED,
            created_by=by,
            created_at=now,
            buttons=(
                ("Read the full report", f"/reports {report.id}"),
                ("Noted", f"/noted {report.id}"),
            ),
        )

    async def publish_report(self, report_id: str, by: int | None) -> tuple[int, int, int]:
        report = self.report(report_id)
        now = self.clock.now()
        timers = self.action_timers(report, now)
        published = await self.store.reports.publish(
            report.id, self.report_broadcast(report, by, now), None, timers, now
        )
        if published is None:
            when = await self.store.reports.published(report.id)
            raise InvalidInput(
                "REPORT",
                f"{report.id} was already published{f' on {when:%-d %B %Y}' if when else ''}",
            )
        self.outbox.wake()
        await self.schedule()
        return published[0], published[1], len(timers)

    async def report_status(self, report_id: str) -> tuple[dict[str, datetime], list[str]]:
        """Which branches have noted a report (and when), and which have not yet."""
        report = self.report(report_id)
        noted = await self.store.reports.noted(report.id)
        missing = [b for b in self.content.branch_names() if b not in noted]
        return noted, missing

    # Consultations ------------------------------------------------------------------------

    async def _voters(self, branches: Sequence[str]) -> list[int]:
        scope = list(branches) or self.content.branch_names()
        found: dict[int, None] = {}
        for branch in scope:
            for role in (Role.MEMBER, Role.OFFICER):
                for grant in await self.store.roles.holders(role, branch):
                    found[grant.member_id] = None
        return list(found)

    async def open_consultation(
        self,
        question: str,
        options: Sequence[str],
        closes_at: datetime,
        topic: str,
        branches: Sequence[str],
        by: int | None,
    ) -> tuple[Consultation, int]:
        now = self.clock.now()
        problems = []
        if closes_at <= now:
            problems.append("CLOSES: the closing time has already passed")
        if topic not in self.content.topics():
            problems.append(f"TOPIC: one of {', '.join(self.content.topics())}")
        unknown = [b for b in branches if b not in self.content.branch_names()]
        if unknown:
            problems.append(f"BRANCHES: unknown {', '.join(unknown)}")
        if problems:
            raise InvalidInput("consultation", "; ".join(problems))
        consultation = await self.store.consultations.open(
            Consultation(
                0, question, tuple(options), topic, now, closes_at, tuple(branches), created_by=by
            )
        )
        tz = ZoneInfo(self.zone)
        closes = f"{closes_at.astimezone(tz):%A %-d %B %Y at %H:%M}"
        announcement = Broadcast(
            id=0,
            title=f"Consultation: {question[:150]}",
            body="",
            topic=topic,
            template="consultation-open",
            values={
                "question": question,
                "closes": closes,
                "note": NOT_A_BALLOT,
                "id": str(consultation.id),
            },
            branches=tuple(branches),
            state=BroadcastState.DRAFT,
            created_by=by,
            created_at=now,
            buttons=(("Vote privately", f"/vote {consultation.id}"),),
        )
        created = await self.store.broadcasts.create(announcement)
        channels = await self.store.subscriptions.audience(topic, list(branches) or None)
        await self.store.broadcasts.enqueue(created.id, channels)
        identities: list[Identity] = []
        for member_id in await self._voters(branches):
            member = await self.store.members.get(member_id)
            if member is not None:
                identities.extend(member.identities[:1])  # one DM per member, not per platform
        dms = await self.outbox.notify(
            identities,
            "consultation-ballot",
            ballot_values(consultation, self.zone),
            title=f"Consultation {consultation.id}: your vote",
            buttons=ballot_buttons(consultation),
        )
        self.outbox.wake()
        await self.schedule()
        return consultation, dms

    async def close_consultation(self, consultation_id: int) -> Consultation:
        found = await self.store.consultations.get(consultation_id)
        if found is None:
            raise InvalidInput("ID", f"no consultation {consultation_id}")
        if found.state is ConsultationState.OPEN:
            timer = await self.store.timers.find(TimerKind.CONSULTATION_CLOSE, str(found.id))
            if timer is not None:
                await self._fire(timer, self.clock.now())
        closed = await self.store.consultations.get(consultation_id)
        assert closed is not None
        return closed

    async def results(self, consultation: Consultation) -> dict[str, object]:
        if consultation.results is not None:
            return consultation.results
        return consultation_results(
            consultation, await self.store.consultations.tally(consultation.id)
        )

    # Timers ------------------------------------------------------------------------------

    async def schedule(self) -> datetime | None:
        upcoming = await self.store.timers.next_at()
        if self.wakeups is not None:
            if upcoming is None:
                self.wakeups.cancel("timers-next")
            else:
                self.wakeups.at("timers-next", upcoming, self.fire_due)
        return upcoming

    async def fire_due(self) -> int:
        async with self._firing:
            fired = 0
            for timer in await self.store.timers.due(self.clock.now()):
                fired += await self._fire_unlocked(timer, self.clock.now())
        await self.schedule()
        return fired

    async def _fire(self, timer: Timer, now: datetime) -> int:
        async with self._firing:
            return await self._fire_unlocked(timer, now)

    async def _fire_unlocked(self, timer: Timer, now: datetime) -> int:
        if timer.kind is TimerKind.CONSULTATION_CLOSE:
            consultation = await self.store.consultations.get(int(timer.ref))
            if consultation is None:
                await self.store.timers.mark(timer.id, ReminderState.SKIPPED)
                return 0
            results = consultation_results(
                consultation, await self.store.consultations.tally(consultation.id)
            )
            broadcast = Broadcast(
                id=0,
                title=f"Consultation results: {consultation.question[:150]}",
                body="",
                topic=consultation.topic,
                template="consultation-results",
                values={
                    "question": consultation.question,
                    "votes": str(results["votes"]),
                    "lines": "\n".join(results_lines(results)),
                    "note": NOT_A_BALLOT,
                },
                branches=consultation.branches,
                state=BroadcastState.QUEUED,
                created_at=now,
            )
            fired = await self.store.timers.fire(
                timer, broadcast, list(consultation.branches) or None, results
            )
        else:
            detail = timer.detail
            deadline = date.fromisoformat(detail["deadline"])
            if now >= self._at_nine(deadline + timedelta(days=1)):
                await self.store.timers.mark(timer.id, ReminderState.SKIPPED)
                return 0  # the deadline has passed (we were down): a reminder now would mislead
            days = (deadline - now.astimezone(ZoneInfo(self.zone)).date()).days
            when = "today" if days <= 0 else "tomorrow" if days == 1 else f"in {days} days"
            broadcast = Broadcast(
                id=0,
                title=f"{detail['title']}: action due {when}",
                body="",
                topic=detail.get("topic", "reports"),
                template="report-action",
                values={
                    "title": detail["title"],
                    "action": detail["action"],
                    "deadline": f"{deadline:%A %-d %B %Y}",
                    "when": when,
                    "id": detail["report"],
                },
                state=BroadcastState.QUEUED,
                created_at=now,
                kind=BroadcastKind.REMINDER,
                buttons=(("Noted", f"/noted {detail['report']}"),),
            )
            fired = await self.store.timers.fire(timer, broadcast, None)
        if fired is None:
            return 0
        self.fired += 1
        log.info("timer %s %s: %d deliveries", timer.kind.value, timer.ref, fired[1])
        self.outbox.wake()
        return 1

    # Retention ---------------------------------------------------------------------------

    async def sweep_retention(self) -> int:
        """Clear member links from deliveries settled more than `retention_days` ago."""
        cutoff = self.clock.now() - timedelta(days=self.retention_days)
        cleared = await self.store.privacy.expire_delivery_links(cutoff)
        if cleared:
            log.info("retention: %d settled deliveries unlinked from members", cleared)
        return cleared
