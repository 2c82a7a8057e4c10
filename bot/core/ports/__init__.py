"""Every interface the core depends on, documented once.

Implementations live in bot/storage (SQL and memory). Each method is one short
transaction; none is held open across a call to a platform.

Split by family; every name is importable from here."""

from bot.core.ports.actions import ConsultationRepo, PetitionRepo, ReportRepo, TimerRepo
from bot.core.ports.ballots import BallotRepo, ReminderRepo
from bot.core.ports.channels import ChannelRepo, SubscriptionRepo
from bot.core.ports.dashboard import DashboardRepo
from bot.core.ports.delivery import BroadcastRepo, DeliveryRepo
from bot.core.ports.inbox import InboxRepo
from bot.core.ports.membership import ListImport, MembershipRepo
from bot.core.ports.people import BranchRepo, MemberRepo, RoleRepo
from bot.core.ports.privacy import PrivacyRepo
from bot.core.ports.questions import AuditRepo, QuestionRepo
from bot.core.ports.store import Store

__all__ = [
    "AuditRepo",
    "BallotRepo",
    "BranchRepo",
    "BroadcastRepo",
    "ChannelRepo",
    "ConsultationRepo",
    "DashboardRepo",
    "DeliveryRepo",
    "InboxRepo",
    "ListImport",
    "MemberRepo",
    "MembershipRepo",
    "PetitionRepo",
    "PrivacyRepo",
    "QuestionRepo",
    "ReminderRepo",
    "ReportRepo",
    "RoleRepo",
    "Store",
    "SubscriptionRepo",
    "TimerRepo",
]
