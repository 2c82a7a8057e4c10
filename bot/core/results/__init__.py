"""What the application services return: plain values, named fields, no positional tuples.

Chat commands, CLI verbs and dashboard pages render these; none of them computes a figure
of its own.

Split by family; every name is importable from here."""

from bot.core.results.actions import (
    ConsultationOpened,
    ConsultationResults,
    LeaderboardRow,
    NotedLine,
    PetitionProgress,
    Published,
    Queued,
    ReportStatus,
    Signed,
    VoteOutcome,
)
from bot.core.results.ballots import (
    BallotAdded,
    BallotDetails,
    BallotSpec,
    Banked,
    ElectorateImported,
    KeyDate,
    TimelineEntry,
    TurnoutView,
)
from bot.core.results.broadcasts import (
    BroadcastLine,
    BroadcastRequest,
    Cancelled,
    Confirmed,
    DeliveryReport,
    Draft,
    RenderedPart,
)
from bot.core.results.channels import ChannelChange, Decided, Subscribed, SubscriptionLine
from bot.core.results.dashboard import BranchPeople, OpenedSession, SignInLink, Upcoming
from bot.core.results.membership import (
    BranchReach,
    InviteLine,
    InvitesMade,
    JoinDecided,
    Joined,
    JoinOutcome,
    JoinWaiting,
    ListImported,
    MembersReport,
)
from bot.core.results.people import Forgotten, LinkCode, Linked, MemberData, RoleHolder
from bot.core.results.questions import AliasAdded, Asked, HandoffLine, HandoffReport, Replied

__all__ = [
    "AliasAdded",
    "Asked",
    "BallotAdded",
    "BallotDetails",
    "BallotSpec",
    "Banked",
    "BranchPeople",
    "BranchReach",
    "BroadcastLine",
    "BroadcastRequest",
    "Cancelled",
    "ChannelChange",
    "Confirmed",
    "ConsultationOpened",
    "ConsultationResults",
    "Decided",
    "DeliveryReport",
    "Draft",
    "ElectorateImported",
    "Forgotten",
    "HandoffLine",
    "HandoffReport",
    "InviteLine",
    "InvitesMade",
    "JoinDecided",
    "JoinOutcome",
    "JoinWaiting",
    "Joined",
    "KeyDate",
    "LeaderboardRow",
    "LinkCode",
    "Linked",
    "ListImported",
    "MemberData",
    "MembersReport",
    "NotedLine",
    "OpenedSession",
    "PetitionProgress",
    "Published",
    "Queued",
    "RenderedPart",
    "Replied",
    "ReportStatus",
    "RoleHolder",
    "SignInLink",
    "Signed",
    "Subscribed",
    "SubscriptionLine",
    "TimelineEntry",
    "TurnoutView",
    "Upcoming",
    "VoteOutcome",
]
