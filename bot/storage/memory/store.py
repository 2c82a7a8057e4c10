"""Every memory repository on one set of tables, as the one `Store` the application is
given: a real fake of the SQL store, held to the same contract tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.core.ports import Store
from bot.storage.erasure import Askers
from bot.storage.memory.actions import MemoryConsultations, MemoryPetitions, MemoryReports
from bot.storage.memory.ballots import MemoryBallots, MemoryReminders
from bot.storage.memory.broadcasts import MemoryBroadcasts, MemoryDeliveries
from bot.storage.memory.channels import MemoryChannels, MemorySubscriptions
from bot.storage.memory.dashboard import MemoryDashboard
from bot.storage.memory.data import Data
from bot.storage.memory.inbox import MemoryInbox
from bot.storage.memory.members import MemoryBranches, MemoryMembers, MemoryRoles
from bot.storage.memory.membership import MemoryMembership
from bot.storage.memory.privacy import MemoryPrivacy
from bot.storage.memory.questions import MemoryAudit, MemoryQuestions
from bot.storage.memory.timers import MemoryTimers


class MemoryStore:
    def __init__(self, askers: Askers | None = None) -> None:
        data = self.data = Data()
        askers = askers or Askers()
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
        self.questions = MemoryQuestions(data, askers)
        self.petitions = MemoryPetitions(data)
        self.reports = MemoryReports(data)
        self.consultations = MemoryConsultations(data)
        self.timers = MemoryTimers(data)
        self.dashboard = MemoryDashboard(data)
        self.privacy = MemoryPrivacy(data, askers)
        self.membership = MemoryMembership(data)


if TYPE_CHECKING:  # mypy proves here that MemoryStore is a whole Store
    _: type[Store] = MemoryStore
