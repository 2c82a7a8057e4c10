"""Broadcasts: compose, preview, send now or at a time, cancel, report."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime

from bot.content.loader import Content
from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.doorbell import Doorbell
from bot.core.errors import Forbidden, InvalidInput, NotFound
from bot.core.models import Broadcast, BroadcastState, Platform
from bot.core.ports import Store
from bot.core.results import (
    BroadcastLine,
    BroadcastRequest,
    Cancelled,
    Confirmed,
    DeliveryReport,
    Draft,
    RenderedPart,
)
from bot.core.wording import typed
from bot.delivery.outbox import REPORT_STATES, Outbox
from bot.services.audit import AuditService

PREVIEW_PLATFORMS = (Platform.TELEGRAM, Platform.SLACK, Platform.CONSOLE)


@dataclass(frozen=True)
class Audience:
    """Who a broadcast goes to: one topic, and all branches, one group's, or named ones."""

    topic: str
    branches: tuple[str, ...] = ()
    group: str | None = None

    def describe(self) -> str:
        if self.group:
            where = f"group {self.group}"
        else:
            where = ", ".join(self.branches) if self.branches else "all branches"
        return f"{self.topic} subscribers in {where}"


def parse_audience(topic: str, target: str, content: Content) -> Audience:
    """`all`, `group:NAME`, or `branch-a,branch-b` → an Audience, checked against content."""
    topic = topic.strip().lower()
    if topic not in content.topics():
        raise InvalidInput(
            "topic", f"unknown topic {typed(topic)}; use one of {', '.join(content.topics())}"
        )
    target = target.strip()
    if target in ("", "all"):
        return Audience(topic)
    if target.startswith("group:"):
        group = target.removeprefix("group:")
        if group not in {g.name for g in content.structure.groups}:
            raise InvalidInput("audience", f"unknown group {typed(group)}")
        return Audience(topic, group=group)
    branches = tuple(b.strip().lower() for b in target.split(",") if b.strip())
    unknown = [b for b in branches if b not in content.branch_names()]
    if unknown:
        raise InvalidInput("audience", f"unknown branch {typed(unknown[0])}")
    return Audience(topic, branches)


def title_and_body(text: str, fallback: str) -> tuple[str, str]:
    """A short first line on its own is the title; otherwise the title is `fallback`."""
    lines = text.strip().splitlines()
    if len(lines) > 1 and len(lines[0]) <= 120:
        return lines[0].strip(), "\n".join(lines[1:]).strip()
    return fallback, text.strip()


class BroadcastService:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        content: Content,
        outbox: Outbox,
        audit: AuditService,
        due: Doorbell,
    ) -> None:
        self.store, self.clock, self.content = store, clock, content
        self.outbox, self.audit, self.due = outbox, audit, due

    def branches_of(self, audience: Audience) -> list[str] | None:
        if audience.group:
            group = next(g for g in self.content.structure.groups if g.name == audience.group)
            return [b.name for b in group.branches]
        return list(audience.branches) or None

    async def channels_for(self, broadcast: Broadcast) -> list[int]:
        audience = Audience(broadcast.topic, broadcast.branches, broadcast.group)
        return await self.store.subscriptions.audience(audience.topic, self.branches_of(audience))

    def _compose(self, request: BroadcastRequest, by: Caller | None) -> tuple[Broadcast, Audience]:
        if (request.text is None) == (request.template is None):
            raise InvalidInput("message", "give either free text or a template")
        audience = parse_audience(request.topic, request.target, self.content)
        title, body = request.title, request.text or ""
        if request.template is not None:
            self._check_template(request.template, request.values)
            title = title or request.template.replace("-", " ").capitalize()
        elif not body.strip():
            raise InvalidInput("text", "the message is empty")
        elif title is None:
            title, body = title_and_body(body, f"{audience.topic.capitalize()} update")
        now = self.clock.now()
        if request.send_at is not None and request.send_at <= now:
            raise InvalidInput("time", "that time has already passed")
        draft = Broadcast(
            id=0,
            title=(title or "Update")[:200],
            body=body,
            topic=audience.topic,
            template=request.template,
            branches=audience.branches,
            group=audience.group,
            state=BroadcastState.DRAFT,
            send_at=request.send_at,
            created_by=by.member_id if by else None,
            created_at=now,
            values=dict(request.values),
            buttons=tuple(request.buttons),
        )
        return draft, audience

    def _check_template(self, name: str, values: dict[str, str]) -> None:
        templates = self.outbox.templates
        if name not in templates.keys():
            raise InvalidInput("template", f"no template messages/{name}.md")
        missing = [p for p in templates.get(name).placeholders if p not in values]
        if missing:
            raise InvalidInput("values", f"{name} needs {', '.join(f'{p}=…' for p in missing)}")

    async def _drafted(self, draft: Broadcast, audience: Audience) -> Draft:
        channels = len(await self.channels_for(draft))
        if not channels:
            raise InvalidInput("audience", f"no channel is subscribed: {audience.describe()}")
        previews = {
            platform: tuple(
                RenderedPart(p.text, p.plain, p.slack)
                for p in self.outbox.render(draft, platform).parts
            )
            for platform in PREVIEW_PLATFORMS
        }
        return Draft(draft, channels, audience.describe(), previews)

    async def preview(self, request: BroadcastRequest) -> Draft:
        draft, audience = self._compose(request, None)
        return await self._drafted(draft, audience)

    async def draft(self, request: BroadcastRequest, by: Caller) -> Draft:
        if not by.is_organiser:
            raise Forbidden("/broadcast", "organiser")
        draft, audience = self._compose(request, by)
        checked = await self._drafted(draft, audience)
        saved = await self.store.broadcasts.create(draft)
        await self.audit.record(by, "/broadcast", "drafted", broadcast=str(saved.id))
        return replace(checked, broadcast=saved)

    async def send(self, request: BroadcastRequest, by: Caller) -> Confirmed:
        """Draft and confirm in one step (the CLI with --yes, a petition's call to sign)."""
        drafted = await self.draft(request, by)
        return await self.confirm(drafted.broadcast.id, by)

    async def _own(self, broadcast_id: int, by: Caller, action: str) -> Broadcast:
        found = await self.store.broadcasts.get(broadcast_id)
        if found is None:
            raise NotFound("broadcast", str(broadcast_id))
        if not by.is_organiser:
            raise Forbidden(action, "organiser")
        if by.member is not None and found.created_by != by.member_id:
            await self.audit.record(
                by, action, "refused", broadcast=str(broadcast_id), why="not the author"
            )
            raise Forbidden(action, "the organiser who composed it")
        return found

    async def confirm(self, broadcast_id: int, by: Caller) -> Confirmed:
        draft = await self._own(broadcast_id, by, "/broadcast_send")
        if draft.state is not BroadcastState.DRAFT:
            raise InvalidInput("broadcast", f"broadcast {draft.id} is already {draft.state.value}")
        if draft.send_at is not None and draft.send_at > self.clock.now():
            await self.store.broadcasts.set_state(draft.id, BroadcastState.SCHEDULED)
            self.due.ring()
            await self.audit.record(by, "/broadcast_send", "scheduled", broadcast=str(draft.id))
            return Confirmed(draft, 0, draft.send_at)
        queued = await self.outbox.release(draft.id, await self.channels_for(draft))
        await self.audit.record(
            by, "/broadcast_send", "done", broadcast=str(draft.id), queued=str(queued)
        )
        return Confirmed(draft, queued, None)

    async def release_due(self) -> int:
        """Queue every scheduled broadcast whose time has come (the due-work source)."""
        released = 0
        for broadcast in await self.store.broadcasts.due(self.clock.now()):
            released += await self.outbox.release(broadcast.id, await self.channels_for(broadcast))
        return released

    async def next_due(self) -> datetime | None:
        scheduled = await self.store.broadcasts.scheduled()
        return min((b.send_at for b in scheduled if b.send_at is not None), default=None)

    async def cancel(self, broadcast_id: int, by: Caller) -> Cancelled:
        found = await self._own(broadcast_id, by, "/broadcast_cancel")
        if found.state in (BroadcastState.DRAFT, BroadcastState.SCHEDULED):
            await self.store.broadcasts.set_state(broadcast_id, BroadcastState.CANCELLED)
            stopped = 0
        elif found.state is BroadcastState.QUEUED:
            stopped = await self.store.deliveries.cancel_pending(broadcast_id)
            if not stopped:  # every message had left: "cancelled" would not be true
                raise InvalidInput(
                    "broadcast", f"broadcast {broadcast_id} has already gone out: nothing to stop"
                )
        else:
            raise InvalidInput("broadcast", f"broadcast {broadcast_id} is {found.state.value}")
        await self.audit.record(by, "/broadcast_cancel", "done", broadcast=str(broadcast_id))
        return Cancelled(broadcast_id, stopped)

    async def sending(self) -> list[BroadcastLine]:
        """Recent broadcasts still being delivered, with their progress."""
        queued = [
            b for b in await self.store.broadcasts.recent(50) if b.state is BroadcastState.QUEUED
        ]
        return [line for line in await self._lines(queued) if line.state == "sending"]

    async def recent(self, limit: int = 50) -> list[BroadcastLine]:
        return await self._lines(await self.store.broadcasts.recent(limit))

    async def _lines(self, broadcasts: list[Broadcast]) -> list[BroadcastLine]:
        counted = await self.store.dashboard.progress([b.id for b in broadcasts])
        lines = []
        for broadcast in broadcasts:
            counts = counted.get(broadcast.id, {})
            unsettled = counts.get("pending", 0) + counts.get("sending", 0)
            state = broadcast.state.value
            if broadcast.state is BroadcastState.QUEUED:
                state = "sending" if unsettled else "done"
            total = sum(counts.values())
            lines.append(BroadcastLine(broadcast, state, counts.get("sent", 0), total))
        return lines

    async def report(self, broadcast_id: int) -> DeliveryReport:
        """Per platform and per branch (active subscriptions to its topic): what became of
        it, counted in the store whatever the number of channels."""
        broadcast = await self.store.broadcasts.get(broadcast_id)
        if broadcast is None:
            raise NotFound("broadcast", str(broadcast_id))
        platforms, branches = await self.store.dashboard.delivery_counts(
            broadcast_id, broadcast.topic
        )
        report = DeliveryReport(broadcast)
        for count in platforms:
            state = REPORT_STATES.get(count.state, count.state.value)
            report.by_platform.setdefault(count.key or "?", Counter())[state] += count.count
            if state == "failed":
                report.failures[count.reason or "unknown"] += count.count
            if state == "skipped":
                report.skips[count.reason or "skipped"] += count.count
            if count.ambiguous:
                report.possible_duplicates += count.count
        for count in branches:
            state = REPORT_STATES.get(count.state, count.state.value)
            report.by_branch.setdefault(count.key or "(none)", Counter())[state] += count.count
        return report


class ScheduledBroadcasts:
    """The due-work source that releases scheduled broadcasts at their time."""

    name = "broadcasts"

    def __init__(self, service: BroadcastService) -> None:
        self.service = service

    async def next_due(self) -> datetime | None:
        return await self.service.next_due()

    async def fire_due(self) -> int:
        return await self.service.release_due()
