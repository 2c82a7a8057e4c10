"""Meeting reports: sent to branches item by item, noted by officers, actions reminded."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.content.loader import Content
from bot.content.models import Report as ReportDoc
from bot.core import wording
from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.doorbell import Doorbell
from bot.core.errors import Forbidden, InvalidInput
from bot.core.models import (
    REPORT_TEMPLATE,
    Broadcast,
    BroadcastState,
    ReportInfo,
    ReportItemInfo,
    SubscriptionState,
    Timer,
    TimerKind,
)
from bot.core.ports import Store
from bot.core.results import NotedLine, Published, ReportStatus
from bot.core.wording import typed
from bot.delivery.outbox import Outbox
from bot.services.audit import AuditService

# An action item is recalled this many days before its deadline, at 09:00 (0: on the day).
ACTION_REMINDER_DAYS = (7, 0)


def report_info(doc: ReportDoc) -> ReportInfo:
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


def at_nine(day: date, zone: str) -> datetime:
    return datetime.combine(day, time(9), tzinfo=ZoneInfo(zone)).astimezone(UTC)


class ReportService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        content: Content,
        outbox: Outbox,
        zone: str,
        audit: AuditService,
        due: Doorbell,
    ) -> None:
        self.store, self.clock, self.content, self.outbox = store, clock, content, outbox
        self.zone, self.audit, self.due = zone, audit, due

    @property
    def zone_info(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def all(self) -> list[ReportInfo]:
        return [report_info(r) for r in sorted(self.content.reports, key=lambda r: r.date)]

    def get(self, report_id: str) -> ReportInfo:
        for report in self.all():
            if report.id == report_id.strip().lower():
                return report
        names = ", ".join(r.id for r in self.all()) or "none"
        raise InvalidInput("REPORT", f"no report called {typed(report_id)}; reports: {names}")

    def action_timers(self, report: ReportInfo, now: datetime) -> list[Timer]:
        timers = []
        for i, item in enumerate(report.items):
            for j, (text, deadline) in enumerate(item.actions):
                if not deadline:
                    continue
                due = date.fromisoformat(deadline)
                for days in ACTION_REMINDER_DAYS:
                    fire_at = at_nine(due - timedelta(days=days), self.zone)
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

    def broadcast_of(self, report: ReportInfo, by: Caller, now: datetime) -> Broadcast:
        items = []
        for item in report.items:
            line = f"• {item.title}: {item.decision}"
            for text, deadline in item.actions:
                by_when = f", by {wording.day(date.fromisoformat(deadline))}" if deadline else ""
                line += f" Action: {text}{by_when}."
            items.append(line)
        return Broadcast(
            id=0,
            title=report.title,
            body="",
            topic=report.topic,
            template=REPORT_TEMPLATE,
            values={
                "title": report.title,
                "summary": report.summary,
                "items": "\n".join(items),
                "id": report.id,
            },
            state=BroadcastState.QUEUED,
            created_by=by.member_id,
            created_at=now,
            buttons=(
                ("Read the full report", f"/reports {report.id}"),
                ("Noted (officers)", f"/noted {report.id}"),
            ),
        )

    async def publish(self, report_id: str, by: Caller, branches: Sequence[str] = ()) -> Published:
        """Send a report to every branch subscribed to its topic, once; with `branches`, to
        those of them it has not reached yet (a channel of theirs subscribed since)."""
        report = self.get(report_id)
        when = await self.store.reports.published(report.id)
        if branches and when is not None:
            return await self.send_more(report, [b.strip().lower() for b in branches], by)
        if when is not None:
            raise InvalidInput(
                "REPORT",
                f"{report.id} was already published on {wording.day(when)}; to send it to a "
                f"branch it never reached: report publish {report.id} --branch BRANCH",
            )
        if branches:
            raise InvalidInput(
                "BRANCH", f"{report.id} has not been published yet: publish it to all first"
            )
        if not await self.store.subscriptions.audience(report.topic, None):
            raise InvalidInput(
                "REPORT",
                f"no channel is subscribed to {report.topic!r} yet, so nobody would get it; "
                "nothing was published (it can be published once a channel subscribes)",
            )
        now = self.clock.now()
        timers = self.action_timers(report, now)
        published = await self.store.reports.publish(
            report.id, self.broadcast_of(report, by, now), None, timers, now
        )
        if published is None:
            raise InvalidInput("REPORT", f"{report.id} was already published")
        self.outbox.wake()
        self.due.ring()
        await self.audit.record(
            by, "/reports publish", "done", report=report.id, broadcast=str(published[0])
        )
        return Published(report.id, published[0], published[1], len(timers))

    async def send_more(self, report: ReportInfo, branches: list[str], by: Caller) -> Published:
        known = self.content.branch_names()
        for branch in branches:
            if branch not in known:
                raise InvalidInput("BRANCH", f"no branch called {typed(branch)}")
        sent = await self.store.reports.sent_to(report.id)
        if already := [b for b in branches if b in sent]:
            raise InvalidInput("BRANCH", f"{report.id} was already sent to {', '.join(already)}")
        audience = await self.store.subscriptions.audience(report.topic, branches)
        if not audience:
            raise InvalidInput(
                "BRANCH",
                f"no channel of {', '.join(branches)} is subscribed to {report.topic!r}, so "
                "nobody would get it; nothing was sent",
            )
        had = await self.store.reports.had_it(report.id, report.topic)
        skip = [c for c in audience if c in had]  # subscribed for another branch it went to
        broadcast = self.broadcast_of(report, by, self.clock.now())
        queued = await self.store.reports.send_more(report.id, broadcast, branches, skip)
        self.outbox.wake()
        await self.audit.record(
            by,
            "/reports publish",
            "done",
            report=report.id,
            broadcast=str(queued[0]),
            branches=",".join(branches),
        )
        skipped = tuple([await self.had_it_line(c, report.topic, branches) for c in skip])
        return Published(report.id, queued[0], queued[1], 0, skipped)

    async def had_it_line(self, channel_id: int, topic: str, branches: Sequence[str]) -> str:
        """Why a channel of `branches` was not sent the report again: the other branches
        it is subscribed to `topic` for, through which it had it."""
        channel = await self.store.channels.get(channel_id)
        name = f"channel {channel_id}"
        if channel is not None:
            name = f"{channel.platform.value} {channel.title or channel.chat_id}"
        others = sorted(
            s.branch
            for s in await self.store.subscriptions.for_channel(channel_id)
            if s.topic == topic and s.branch not in branches and s.state is SubscriptionState.ACTIVE
        )
        through = f" through {', '.join(others)}" if others else ""
        return f"{name}: skipped, it already had this report{through}"

    async def status(self, report_id: str, by: Caller) -> ReportStatus:
        """Which branches have noted the report, which had it and have not yet, and which it
        never reached: every branch for an organiser, their own branches for an officer."""
        report = self.get(report_id)
        branches = [b for b in self.content.branch_names() if by.is_officer_of(b)]
        noted = await self.store.reports.noted(report.id)
        noted = {b: at for b, at in noted.items() if by.is_officer_of(b)}
        noted_by = await self.store.reports.noted_by(report.id)
        sent = await self.store.reports.sent_to(report.id)
        missing = tuple(b for b in branches if b not in noted and b in sent)
        unsent = tuple(b for b in branches if b not in noted and b not in sent)
        published = await self.store.reports.published(report.id) is not None
        return ReportStatus(
            report.id,
            report.title,
            noted,
            missing,
            published,
            unsent,
            {b: noted_by.get(b) for b in noted},
            report.topic,
        )

    async def note(self, report_id: str, branch: str | None, by: Caller) -> list[NotedLine]:
        report = self.get(report_id)
        if await self.store.reports.published(report.id) is None:
            raise InvalidInput("REPORT", f"{report.id} has not been sent to branches yet")
        if branch is not None:
            branches = [branch.strip().lower()]
            if not by.is_officer_of(branches[0]):
                raise Forbidden("/noted", f"officer of {branches[0]}")
        else:
            branches = list(by.officer_branches)
            if not branches:
                raise InvalidInput("BRANCH", "say which branch: REPORT BRANCH")
        if by.member is None:
            raise InvalidInput("member", "only an officer can note a report for a branch")
        lines = []
        for name in branches:
            first = await self.store.reports.note(report.id, name, by.member.id, self.clock.now())
            lines.append(NotedLine(name, first))
            if first:
                await self.audit.record(by, "/noted", "done", report=report.id, branch=name)
        return lines
