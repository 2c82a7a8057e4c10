"""Every repository, as one object passed to use cases."""

from __future__ import annotations

from typing import Protocol

from bot.core.ports.actions import ConsultationRepo, PetitionRepo, ReportRepo, TimerRepo
from bot.core.ports.ballots import BallotRepo, ReminderRepo
from bot.core.ports.channels import ChannelRepo, SubscriptionRepo
from bot.core.ports.dashboard import DashboardRepo
from bot.core.ports.delivery import BroadcastRepo, DeliveryRepo
from bot.core.ports.inbox import InboxRepo
from bot.core.ports.membership import MembershipRepo
from bot.core.ports.people import BranchRepo, MemberRepo, RoleRepo
from bot.core.ports.privacy import PrivacyRepo
from bot.core.ports.questions import AuditRepo, QuestionRepo


class Store(Protocol):
    """Every repository, as one object passed to use cases."""

    @property
    def members(self) -> MemberRepo: ...

    @property
    def roles(self) -> RoleRepo: ...

    @property
    def branches(self) -> BranchRepo: ...

    @property
    def channels(self) -> ChannelRepo: ...

    @property
    def subscriptions(self) -> SubscriptionRepo: ...

    @property
    def broadcasts(self) -> BroadcastRepo: ...

    @property
    def deliveries(self) -> DeliveryRepo: ...

    @property
    def ballots(self) -> BallotRepo: ...

    @property
    def reminders(self) -> ReminderRepo: ...

    @property
    def audit(self) -> AuditRepo: ...

    @property
    def questions(self) -> QuestionRepo: ...

    @property
    def inbox(self) -> InboxRepo: ...

    @property
    def petitions(self) -> PetitionRepo: ...

    @property
    def reports(self) -> ReportRepo: ...

    @property
    def consultations(self) -> ConsultationRepo: ...

    @property
    def timers(self) -> TimerRepo: ...

    @property
    def privacy(self) -> PrivacyRepo: ...

    @property
    def dashboard(self) -> DashboardRepo: ...

    @property
    def membership(self) -> MembershipRepo: ...
