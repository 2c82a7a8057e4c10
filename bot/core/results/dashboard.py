"""What the dashboard's sign-in and overview return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.core.models import (
    Channel,
    Person,
    Subscription,
)


@dataclass(frozen=True)
class SignInLink:
    """A one-time link to the dashboard, sent by chat or printed by the CLI."""

    url: str
    minutes: int
    who: str  # PLATFORM:USER_ID


@dataclass(frozen=True)
class OpenedSession:
    """A session opened from a sign-in link: the secret goes in the browser's cookie only."""

    secret: str
    expires_at: datetime


@dataclass(frozen=True)
class Upcoming:
    """Something the bot will do at a time: a reminder, a scheduled broadcast, a report's
    action deadline, a consultation's close. `ref` names what it belongs to (kind:key)."""

    at: datetime
    kind: str
    title: str
    ref: str


@dataclass(frozen=True)
class BranchPeople:
    """A branch's members with roles, a page at a time, and subscription requests waiting."""

    branch: str
    title: str
    people: tuple[Person, ...]
    total: int
    offset: int
    waiting: tuple[tuple[Subscription, Channel], ...] = ()  # requests, and the chat of each
