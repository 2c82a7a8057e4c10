"""Prometheus metrics (GET /metrics): counters kept by this replica as it works, and gauges
read from the store at each scrape, so every replica reports the same backlog."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge
from prometheus_client.exposition import generate_latest
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.cluster.leadership import Leadership, Role
from bot.core.clock import Clock
from bot.core.models import Channel, DeliveryState, Platform, Question
from bot.core.services import Answer, Answerer
from bot.delivery.pacing import Pacer
from bot.delivery.ports import Found, Send, Sender, SendResult, Verdict
from bot.observe.backlog import read_backlog
from bot.scheduling.due import DueSource

if TYPE_CHECKING:
    from aiohttp import web

log = logging.getLogger(__name__)
_QUEUED = (DeliveryState.PENDING.value, DeliveryState.SENDING.value)
_RETRIED = (Verdict.TRANSIENT, Verdict.AMBIGUOUS)


class Metrics:
    """Every metric, on its own registry (one per app, so tests can run several)."""

    def __init__(self) -> None:
        r = self.registry = CollectorRegistry()
        self._asked = self._handed_off = 0
        self._send_counts: dict[tuple[Platform, Verdict], Counter] = {}  # labelled once each
        self.sends = Counter(
            "campaign_bot_sends", "Sends by this replica's delivery workers, by result",
            ["platform", "result"], registry=r,
        )  # fmt: skip
        self.rate_limited = Counter(
            "campaign_bot_rate_limited", "429 answers (retry_after) from a platform",
            ["platform"], registry=r,
        )  # fmt: skip
        self.retries = Counter(
            "campaign_bot_send_retries", "Sends to be retried: transient failures and sends "
            "in doubt", ["platform"], registry=r,
        )  # fmt: skip
        self.answers = Counter(
            "campaign_bot_answers", "Members' questions: answered, or handed to the organisers",
            ["outcome"], registry=r,
        )  # fmt: skip
        self.handoff_ratio = Gauge(
            "campaign_bot_answer_handoff_ratio",
            "Share of members' questions this replica handed off since it started", registry=r,
        )  # fmt: skip
        self._gauges(r)

    def _gauges(self, r: CollectorRegistry) -> None:
        self.deliveries = Gauge(
            "campaign_bot_deliveries", "Deliveries in the store by platform and state",
            ["platform", "state"], registry=r,
        )  # fmt: skip
        self.queue_depth = Gauge(
            "campaign_bot_delivery_queue_depth", "Deliveries pending or in flight",
            ["platform"], registry=r,
        )  # fmt: skip
        self.oldest_overdue = Gauge(
            "campaign_bot_oldest_overdue_delivery_seconds",
            "How long the oldest due, unsent delivery has waited", registry=r,
        )  # fmt: skip
        self.reminder_lateness = Gauge(
            "campaign_bot_reminder_lateness_seconds",
            "How long the oldest ballot reminder that fell due has waited unsent", registry=r,
        )  # fmt: skip
        self.timed_lateness = Gauge(
            "campaign_bot_timed_work_lateness_seconds",
            "How long the oldest timed work (reminder, timer, schedule) has waited", registry=r,
        )  # fmt: skip
        self.inbox_lag = Gauge(
            "campaign_bot_inbox_lag_seconds",
            "How long the oldest incoming update not yet handled has waited", registry=r,
        )  # fmt: skip
        self.leader = Gauge(
            "campaign_bot_leader", "1 while this replica holds the sender's lease", registry=r
        )
        self.epoch = Gauge("campaign_bot_leader_epoch", "The lease's epoch", registry=r)
        self.lease_age = Gauge(
            "campaign_bot_lease_age_seconds", "Seconds since the lease was last renewed",
            registry=r,
        )  # fmt: skip
        self.database_up = Gauge(
            "campaign_bot_database_up", "1 if the last scrape could read the database",
            registry=r,
        )  # fmt: skip

    def count_send(self, platform: Platform, result: SendResult) -> None:
        key = (platform, result.verdict)
        counted = self._send_counts.get(key)
        if counted is None:  # prometheus's labels() costs more than the count itself
            counted = self._send_counts[key] = self.sends.labels(platform.value, key[1].value)
        counted.inc()
        if result.verdict is Verdict.RETRY_AFTER:
            self.rate_limited.labels(platform.value).inc()
        elif result.verdict in _RETRIED:
            self.retries.labels(platform.value).inc()

    def count_answer(self, handed_off: bool) -> None:
        self.answers.labels("handed_off" if handed_off else "answered").inc()
        self._asked += 1
        self._handed_off += handed_off
        self.handoff_ratio.set(self._handed_off / self._asked)


class CountedSender:
    """A sender whose every result is counted; otherwise the platform's own."""

    def __init__(self, inner: Sender, metrics: Metrics) -> None:
        self.inner, self.metrics = inner, metrics
        self.platform = inner.platform
        self.can_look_up = inner.can_look_up

    async def send(self, job: Send, pacer: Pacer) -> SendResult:
        result = await self.inner.send(job, pacer)
        self.metrics.count_send(self.platform, result)
        return result

    async def look_up(self, channel: Channel, delivery_id: int, since: datetime) -> Found:
        return await self.inner.look_up(channel, delivery_id, since)

    async def token_accepted(self) -> bool:
        return await self.inner.token_accepted()

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


class CountedAnswerer:
    """The content answerer, counting answers and hand-offs."""

    def __init__(self, inner: Answerer, metrics: Metrics) -> None:
        self.inner, self.metrics = inner, metrics

    async def answer(self, question: str, now: datetime) -> Answer:
        answer = await self.inner.answer(question, now)
        self.metrics.count_answer(answer.handoff)
        return answer

    def add_faq(self, question: Question) -> None:
        self.inner.add_faq(question)

    def has_faq(self, entry: str) -> bool:
        return self.inner.has_faq(entry)

    def add_alias(self, entry: str, phrase: str) -> None:
        self.inner.add_alias(entry, phrase)


class MetricsPage:
    """GET /metrics: the gauges refreshed from the store, then everything in text format."""

    def __init__(
        self,
        metrics: Metrics,
        database: AsyncEngine,
        sources: Sequence[DueSource],
        clock: Clock,
        leadership: Callable[[], Leadership | None],
    ) -> None:
        self.metrics, self.database, self.sources = metrics, database, sources
        self.clock, self.leadership = clock, leadership

    async def handle(self, request: web.Request) -> web.Response:
        from aiohttp import web  # only a serving bot needs aiohttp: the CLI starts faster

        await self.refresh()
        body = generate_latest(self.metrics.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def refresh(self) -> None:
        m = self.metrics
        lead = self.leadership()
        m.leader.set(1 if lead is not None and lead.role is Role.LEADER else 0)
        try:
            backlog = await read_backlog(self.database, self.sources, self.clock.now(), True)
            view = await lead.lease.view() if lead is not None else None
        except Exception as error:
            log.warning("metrics: the database cannot be read (%s)", type(error).__name__)
            m.database_up.set(0)
            return
        m.database_up.set(1)
        m.deliveries.clear()
        m.queue_depth.clear()
        depth: dict[str, int] = {}
        for (platform, state), count in backlog.counts.items():
            m.deliveries.labels(platform, state).set(count)
            if state in _QUEUED:
                depth[platform] = depth.get(platform, 0) + count
        for platform, count in depth.items():
            m.queue_depth.labels(platform).set(count)
        m.oldest_overdue.set(backlog.delivery_late)
        m.reminder_lateness.set(backlog.source_late("reminders"))
        m.timed_lateness.set(backlog.timed_work_late)
        if view is not None:
            m.epoch.set(view.epoch)
            m.lease_age.set(view.age)
