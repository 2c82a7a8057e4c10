"""The composition root: builds every part once, in dependency order, and starts each inside
one AsyncExitStack, so a half-finished start-up cleans up after itself.

    build_app    store (migrated) → content → outbox → services → router   (no platform)
    start_bot    build_app → HTTP server → platform adapters → delivery → due work
    run_bot      start_bot, then wait for Ctrl-C / SIGTERM (console chat when no platform)

Nothing is patched after construction: parts that must tell each other something (work is
queued, what is due has changed) share a Doorbell made first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:  # aiohttp and the dashboard load only when a bot serves (start_bot)
    from bot.adapters.slack import SlackAdapter
    from bot.adapters.telegram import TelegramAdapter
    from bot.http import HttpServer
    from bot.web import Deps

from bot.adapters import console
from bot.adapters.dispatch import Dispatcher
from bot.adapters.inbox import Ingress, worker_name
from bot.answers.lazy import LazyAnswerer
from bot.cluster.budget import make_pacers
from bot.cluster.heartbeat import Heartbeat
from bot.cluster.identity import one_at_a_time, open_database
from bot.cluster.leadership import Failure, Leadership
from bot.cluster.lease import make_lease
from bot.content.loader import Content, load_content
from bot.content.sync import sync_content
from bot.content.templates import Rendered, Templates
from bot.core.clock import Clock, SystemClock
from bot.core.commands import all_commands
from bot.core.context import Context
from bot.core.doorbell import Doorbell
from bot.core.events import Reply
from bot.core.models import Platform
from bot.core.ports import Store
from bot.core.router import Router
from bot.core.services import Directory, Roles
from bot.delivery.engine import Engine
from bot.delivery.outbox import Outbox
from bot.delivery.pacing import Pacer
from bot.delivery.ports import Sender
from bot.delivery.worker import WorkerOptions
from bot.leading import lead, lost_lease, start_sending, watch
from bot.observe import heap
from bot.observe.metrics import CountedAnswerer, Metrics
from bot.scheduling.due import DueSource
from bot.services.audit import AuditService
from bot.services.ballots import BallotService
from bot.services.broadcasts import BroadcastService, ScheduledBroadcasts
from bot.services.calendar import UkWorkingDays
from bot.services.channels import ChannelService
from bot.services.consultations import ConsultationService
from bot.services.dashboard import DashboardService
from bot.services.email_match import EmailMatchingRoles
from bot.services.joining import JoiningService
from bot.services.membership import MembershipService, member_key
from bot.services.overview import OverviewService
from bot.services.petitions import PetitionService
from bot.services.privacy import MembersDataService, Retention
from bot.services.questions import QuestionService
from bot.services.reminders import BallotReminders
from bot.services.reports import ReportService
from bot.services.roles import RoleService
from bot.services.subscriptions import SubscriptionService
from bot.services.timers import ActionTimers
from bot.settings import Settings, SettingsError
from bot.storage.erasure import Askers
from bot.storage.sql import SqlStore

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Services:
    """Every application service: what chat commands, CLI verbs and the dashboard call."""

    audit: AuditService
    roles: RoleService
    channels: ChannelService
    subscriptions: SubscriptionService
    broadcasts: BroadcastService
    ballots: BallotService
    petitions: PetitionService
    reports: ReportService
    consultations: ConsultationService
    members: MembersDataService
    questions: QuestionService
    answers: LazyAnswerer
    dashboard: DashboardService
    overview: OverviewService
    membership: MembershipService
    joining: JoiningService


@dataclass(frozen=True)
class App:
    """Everything built and wired, nothing started."""

    settings: Settings
    clock: Clock
    store: Store
    content: Content
    templates: Templates
    outbox: Outbox
    services: Services
    router: Router
    due: tuple[DueSource, ...]
    due_bell: Doorbell
    delivery_bell: Doorbell
    reminders: BallotReminders
    timers: ActionTimers
    pacers: dict[Platform, Pacer]
    database: AsyncEngine | None = None
    worker: str = field(default_factory=worker_name)  # this process, in inbox claims
    metrics: Metrics = field(default_factory=Metrics)

    def present(self, reply: Reply, platform: Platform) -> list[Rendered]:
        """Render a reply for one platform; every value inserted literally."""
        return self.templates.render(reply.template, reply.values, platform)

    def dispatcher(self) -> Dispatcher:
        return Dispatcher(self.router, self.services.channels)

    def ingress(self) -> Ingress:
        """Store first, then handle: one per adapter, each claiming as this process."""
        return Ingress(self.store.inbox, self.clock, self.worker)


def assemble(
    settings: Settings,
    store: Store,
    content: Content,
    templates: Templates,
    clock: Clock,
    database: AsyncEngine | None = None,
    directory: Directory | None = None,
) -> App:
    """Wire every part over an open store (SQL, or the in-memory fake in tests). A directory
    (Slack's users.info) is given when SLACK_MATCH_EMAIL links accounts by their email."""
    zone, calendar = settings.bot_timezone, UkWorkingDays()
    templates = templates.spelling(settings.slack_command)
    due_bell, delivery_bell = Doorbell(), Doorbell()
    outbox = Outbox(store, clock, templates, delivery_bell)
    metrics = Metrics()
    services = build_services(settings, store, content, clock, outbox, due_bell, metrics)
    reminders = BallotReminders(store, clock, outbox, content, calendar, zone)
    retention = Retention(store, clock, settings.delivery_retention_days)
    roles: Roles = services.roles
    if directory is not None and settings.slack_match_email:
        roles = EmailMatchingRoles(roles, services.joining, directory)
    router = Router(context(settings, clock, services, roles), all_commands(), services.audit)
    timers = services.consultations.timers
    sources = (reminders, timers, ScheduledBroadcasts(services.broadcasts), retention)
    pacers = make_pacers(database)
    return App(
        settings, clock, store, content, templates, outbox, services, router, sources,
        due_bell, delivery_bell, reminders, timers, pacers, database, metrics=metrics,
    )  # fmt: skip


def build_services(
    settings: Settings,
    store: Store,
    content: Content,
    clock: Clock,
    outbox: Outbox,
    due_bell: Doorbell,
    metrics: Metrics,
) -> Services:
    zone, calendar = settings.bot_timezone, UkWorkingDays()
    secret = settings.member_key.get_secret_value() if settings.member_key else None
    key, slash, days = member_key(secret), settings.slack_command, settings.invite_days
    audit = AuditService(store.audit, clock, store.dashboard)
    answers = LazyAnswerer(content, store, calendar, zone)
    broadcasts = BroadcastService(store, clock, content, outbox, audit, due_bell)
    timers = ActionTimers(store, clock, outbox, zone)
    roles = RoleService(store, content, audit)
    reports = ReportService(store, clock, content, outbox, zone, audit, due_bell)
    return Services(
        audit=audit,
        roles=roles,
        channels=ChannelService(store, outbox),
        subscriptions=SubscriptionService(store, content, outbox, audit),
        broadcasts=broadcasts,
        ballots=BallotService(store, clock, content, calendar, zone, audit, due_bell),
        petitions=PetitionService(store, content, broadcasts, audit),
        reports=reports,
        consultations=ConsultationService(
            store, clock, content, outbox, timers, zone, audit, due_bell
        ),
        members=MembersDataService(store, clock, audit),
        questions=QuestionService(store, clock, CountedAnswerer(answers, metrics), outbox, audit),
        answers=answers,
        dashboard=DashboardService(
            store, clock, roles, audit, settings.dashboard_url, settings.dashboard_session_hours
        ),
        overview=OverviewService(store, clock, content, broadcasts, reports),
        membership=MembershipService(store, content, clock, audit, key, days, slash),
        joining=JoiningService(store, content, clock, outbox, audit, key, slash),
    )


def context(settings: Settings, clock: Clock, services: Services, roles: Roles) -> Context:
    return Context(
        clock=clock,
        timezone=settings.bot_timezone,
        slack_command=settings.slack_command,
        answers=services.answers,
        roles=roles,
        channels=services.channels,
        subscriptions=services.subscriptions,
        broadcasts=services.broadcasts,
        ballots=services.ballots,
        petitions=services.petitions,
        reports=services.reports,
        consultations=services.consultations,
        members=services.members,
        questions=services.questions,
        dashboard=services.dashboard,
        membership=services.membership,
        joining=services.joining,
    )


def askers(settings: Settings) -> Askers:
    """Answered questions keep who asked as a pseudonym keyed with MEMBER_KEY, the one
    secret kept beside the database for as long as it lives; without it, unkeyed."""
    secret = settings.member_key.get_secret_value() if settings.member_key else None
    return Askers(secret.encode() if secret else None)


async def build_app(
    settings: Settings,
    stack: AsyncExitStack,
    clock: Clock | None = None,
    directory: Directory | None = None,
) -> App:
    """Open the store (migrating it), load content, wire everything; start nothing."""
    database = await open_database(settings, stack)
    content = load_content(settings.content_dir, settings.zone)
    templates = Templates.load(settings.messages_dir)
    store, now = SqlStore(database, askers(settings)), clock or SystemClock()
    app = assemble(settings, store, content, templates, now, database, directory)
    async with one_at_a_time(database):  # replicas starting together: one after another
        await sync_content(content, app.store, app.services.ballots.replan)
    await app.services.answers.load_faq()
    log.debug("store ready; %d content files loaded", len(content.files))
    return app


@dataclass
class Running:
    """A started bot: what tests, the demo and `run` hold on to."""

    app: App
    http: HttpServer
    telegram: TelegramAdapter | None = None
    slack: SlackAdapter | None = None
    engine: Engine | None = None  # while this replica leads
    leadership: Leadership | None = None
    stopped: asyncio.Event = field(default_factory=asyncio.Event)


async def start_bot(
    settings: Settings, stack: AsyncExitStack, clock: Clock | None = None
) -> Running:
    """Build the app and start, in order: HTTP routes, each configured platform adapter, the
    server, then leadership: whenever this replica holds the sender's lease, delivery, the
    due work and the platforms' bot-wide duties (setWebhook, polling) run under it."""
    # The platform libraries and aiohttp take seconds to import: only a running bot needs them.
    from bot.adapters import slack
    from bot.http import HttpServer
    from bot.web import mount

    match_email = settings.slack_enabled and settings.slack_match_email
    directory = slack.make_directory(settings) if match_email else None
    app = await build_app(settings, stack, clock, directory)
    await Heartbeat(app.database, app.worker).start(stack)  # before it takes anything in
    http = HttpServer(settings.http_host, settings.http_port)
    if settings.dashboard_enabled:
        mount(http, dashboard_deps(app))
    running = Running(app, http)
    await start_platforms(running, stack)
    http.checks["delivery"] = lambda: running.engine is None or running.engine.healthy()
    lease = make_lease(app.database, settings.leader_lease_seconds)
    running.leadership = leadership = Leadership(lease, partial(lead, running))
    watch(running, leadership)
    url = await http.start(stack)
    log.info("http: listening on %s (/health, /metrics)", url)
    await leadership.start(stack)
    return running


async def start_platforms(running: Running, stack: AsyncExitStack) -> None:
    """Each configured platform's adapter, on the running bot's HTTP server."""
    from bot.adapters import slack, telegram

    app, settings = running.app, running.app.settings
    # What both adapters get: a Dispatcher, the ingress, the presenter, nothing of the App.
    parts = (settings, stack, running.http, app.dispatcher(), app.ingress(), app.present)
    if settings.telegram_enabled:
        menu, pacer = app.router.menu, app.pacers[Platform.TELEGRAM]
        running.telegram = await telegram.start(*parts, menu, pacer)
    if settings.slack_enabled:
        running.slack = await slack.start(*parts, app.pacers[Platform.SLACK])


def dashboard_deps(app: App) -> Deps:
    """The dashboard's pages get the same service ports as chat commands and the CLI."""
    from bot.web import Deps, Structure

    content, services, settings = app.content, app.services, app.settings
    templates = {
        key: app.templates.get(key).placeholders
        for key in app.templates.keys()
        if "broadcast" in app.templates.get(key).description.lower() and key != "broadcast"
    }
    structure = Structure(
        branches={b.name: b.title for g in content.structure.groups for b in g.branches},
        groups={g.name: tuple(b.name for b in g.branches) for g in content.structure.groups},
        topics=tuple(content.topics()),
        templates=templates,
    )
    return Deps(
        clock=app.clock,
        zone=settings.zone,
        secure=(settings.dashboard_url or "").startswith("https://"),
        structure=structure,
        dashboard=services.dashboard,
        overview=services.overview,
        broadcasts=services.broadcasts,
        ballots=services.ballots,
        petitions=services.petitions,
        reports=services.reports,
        consultations=services.consultations,
        questions=services.questions,
        people=services.roles,
        membership=services.membership,
        joining=services.joining,
        subscriptions=services.subscriptions,
        audit=services.audit,
    )


async def start_delivery(
    app: App,
    stack: AsyncExitStack,
    *,
    unlimited: bool = False,
    options: WorkerOptions | None = None,
    senders: Sequence[Sender] | None = None,
    due: bool = True,
) -> Engine | None:
    """Workers, recovery and (`due`) the due work, if this process can take the sender's lease
    now (CLI, console chat, tests, benchmarks); should the lease be lost, the engine stops."""
    started: list[Engine] = []

    async def work(on: AsyncExitStack, epoch: int) -> Failure:
        engine, loop = await start_sending(app, on, epoch, unlimited, options, senders, due)
        on.callback(lost_lease, engine)  # runs after the engine has stopped
        started.append(engine)
        return lambda: engine.failed() or loop.failed()

    lease = make_lease(app.database, app.settings.leader_lease_seconds)
    if not await Leadership(lease, work).hold_once(stack):
        log.warning("another process holds the sender's lease: this one will not send")
        return None
    return started[0]


async def run_bot(settings: Settings) -> None:
    """`campaign-bot run`: every configured platform until Ctrl-C or SIGTERM; the console
    chat when no platform is configured."""
    async with AsyncExitStack() as stack:
        if not (settings.telegram_enabled or settings.slack_enabled):
            amiss = settings.platform_meant_without_token()
            if amiss is not None:
                raise SettingsError(amiss)
            app = await build_app(settings, stack)
            log.info("no platform tokens set: starting the console chat")
            who = await console.play(app.services.roles, console.Seat.member())
            await console.run(app.router, app.present, who)
            return
        running = await start_bot(settings, stack)
        heap.freeze()
        log.info("campaign bot running; Ctrl-C to stop")
        try:  # until SIGTERM or SIGINT cancels it (bot/cli/ending.py), or a part stops it
            await running.stopped.wait()
        finally:
            log.info("stopping")
