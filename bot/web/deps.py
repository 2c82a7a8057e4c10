"""What the dashboard's pages are given: the service ports (the same ones chat commands and
the CLI call), the union's structure for the forms, and how to show times."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.clock import Clock
from bot.core.services import (
    AuditLog,
    Ballots,
    Broadcasts,
    Consultations,
    Dashboard,
    Joining,
    Membership,
    Overview,
    People,
    Petitions,
    Questions,
    Reports,
    Subscriptions,
)


@dataclass(frozen=True)
class Structure:
    """Branches (name → title), groups (name → branch names), topics and the templates an
    organiser may broadcast (name → the values it needs): what the forms offer."""

    branches: dict[str, str]
    groups: dict[str, tuple[str, ...]]
    topics: tuple[str, ...]
    templates: dict[str, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Deps:
    clock: Clock
    zone: ZoneInfo
    secure: bool  # the public address is https: cookies are Secure
    structure: Structure
    dashboard: Dashboard
    overview: Overview
    broadcasts: Broadcasts
    ballots: Ballots
    petitions: Petitions
    reports: Reports
    consultations: Consultations
    questions: Questions
    people: People
    membership: Membership
    joining: Joining
    subscriptions: Subscriptions
    audit: AuditLog

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)
