"""What a command handler is given: the caller, and typed service ports, nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.events import Incoming
from bot.core.models import Member
from bot.core.services import (
    Answerer,
    Ballots,
    Broadcasts,
    Channels,
    Consultations,
    Dashboard,
    Joining,
    MembersData,
    Membership,
    Petitions,
    Questions,
    Reports,
    Roles,
    Subscriptions,
)


@dataclass(frozen=True)
class Context:
    """Everything a chat command may use: the clock and one port per feature."""

    clock: Clock
    timezone: str
    slack_command: str
    answers: Answerer
    roles: Roles
    channels: Channels
    subscriptions: Subscriptions
    broadcasts: Broadcasts
    ballots: Ballots
    petitions: Petitions
    reports: Reports
    consultations: Consultations
    members: MembersData
    questions: Questions
    dashboard: Dashboard
    membership: Membership
    joining: Joining


@dataclass(frozen=True)
class MenuItem:
    """One line of /help: a command this caller may use."""

    name: str
    usage: str
    summary: str


@dataclass(frozen=True)
class Call:
    """One command as a handler sees it."""

    ctx: Context
    incoming: Incoming
    caller: Caller
    args: tuple[str, ...]
    rest: str
    menu: tuple[MenuItem, ...] = ()

    @property
    def member(self) -> Member:
        """The person's member record (every chat caller has one, created on first contact)."""
        if self.caller.member is None:
            raise RuntimeError("a chat command without a member record")
        return self.caller.member

    @property
    def zone(self) -> ZoneInfo:
        """The bot's time zone, in which people read times (bot.core.wording writes them)."""
        return ZoneInfo(self.ctx.timezone)

    def local(self, moment: datetime) -> datetime:
        """A stored (UTC) time as people here read it, in the bot's time zone."""
        return moment.astimezone(ZoneInfo(self.ctx.timezone))

    def spell(self, name: str) -> str:
        """How this person types a command on their platform: /help, or /campaign help."""
        if self.incoming.conversation.platform.value == "slack":
            return f"{self.ctx.slack_command} {name}"
        return f"/{name}"
