"""Every SQL repository on one engine, as the one `Store` the application is given."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.core.ports import Store
from bot.storage.erasure import Askers
from bot.storage.sql.actions import SqlConsultations, SqlPetitions, SqlReports
from bot.storage.sql.audit import SqlAudit
from bot.storage.sql.ballots import SqlBallots, SqlReminders
from bot.storage.sql.broadcasts import SqlBroadcasts
from bot.storage.sql.channels import SqlChannels, SqlSubscriptions
from bot.storage.sql.dashboard import SqlDashboard
from bot.storage.sql.deliveries import SqlDeliveries
from bot.storage.sql.inbox import SqlInbox
from bot.storage.sql.members import SqlBranches, SqlMembers, SqlRoles
from bot.storage.sql.membership import SqlMembership
from bot.storage.sql.privacy import SqlPrivacy
from bot.storage.sql.questions import SqlQuestions
from bot.storage.sql.timers import SqlTimers


class SqlStore:
    """Every repository on one engine. `askers` keys the pseudonym an answered question
    keeps of who asked (bot/storage/erasure.py): MEMBER_KEY's, in the bot."""

    def __init__(self, engine: AsyncEngine, askers: Askers | None = None) -> None:
        askers = askers or Askers()
        self.engine = engine
        self.members = SqlMembers(engine)
        self.roles = SqlRoles(engine)
        self.branches = SqlBranches(engine)
        self.channels = SqlChannels(engine)
        self.subscriptions = SqlSubscriptions(engine)
        self.broadcasts = SqlBroadcasts(engine)
        self.deliveries = SqlDeliveries(engine)
        self.ballots = SqlBallots(engine)
        self.reminders = SqlReminders(engine)
        self.audit = SqlAudit(engine)
        self.inbox = SqlInbox(engine)
        self.questions = SqlQuestions(engine, askers)
        self.petitions = SqlPetitions(engine)
        self.reports = SqlReports(engine)
        self.consultations = SqlConsultations(engine)
        self.timers = SqlTimers(engine)
        self.dashboard = SqlDashboard(engine)
        self.privacy = SqlPrivacy(engine, askers)
        self.membership = SqlMembership(engine)


if TYPE_CHECKING:  # mypy proves here that SqlStore is a whole Store
    _: type[Store] = SqlStore
