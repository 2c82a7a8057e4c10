"""What a command handler is given: the store, the clock, and the other ports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from bot.core.clock import Clock
from bot.core.events import Incoming
from bot.core.models import Member, Question, Role, RoleGrant
from bot.core.ports import Store


@dataclass(frozen=True)
class Answer:
    text: str
    sources: tuple[str, ...] = ()
    confidence: float = 0.0
    handoff: bool = False
    suggestions: tuple[str, ...] = ()


class Answerer(Protocol):
    async def answer(self, question: str, now: datetime) -> Answer:
        """Answer a member's question from the union's content and live dates."""
        ...

    def add_faq(self, question: Question) -> None:
        """Answer this (answered) question from now on."""
        ...


class ContentInfo(Protocol):
    """Facts from campaigns/ the core needs, without knowing how they are stored."""

    def branch_names(self) -> list[str]: ...


@dataclass(frozen=True)
class Caller:
    member: Member
    grants: tuple[RoleGrant, ...]

    @property
    def role(self) -> Role:
        ranks = [g.role for g in self.grants]
        return max(ranks, key=lambda r: r.rank, default=Role.ANYONE)

    def is_officer_of(self, branch: str) -> bool:
        return any(
            g.role is Role.ORGANISER or (g.role is Role.OFFICER and g.branch == branch)
            for g in self.grants
        )

    @property
    def branches(self) -> tuple[str, ...]:
        found = [g.branch for g in self.grants if g.branch]
        if self.member.branch:
            found.insert(0, self.member.branch)
        return tuple(dict.fromkeys(found))


@dataclass
class Context:
    store: Store
    clock: Clock
    answerer: Answerer
    timezone: str = "Europe/London"
    slack_command: str = "/campaign"
    extras: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Call:
    """One command as a handler sees it."""

    ctx: Context
    incoming: Incoming
    caller: Caller
    args: tuple[str, ...]
    rest: str

    def spell(self, name: str) -> str:
        """How this person types a command on their platform: /help, or /campaign help."""
        if self.incoming.conversation.platform.value == "slack":
            return f"{self.ctx.slack_command} {name}"
        return f"/{name}"
