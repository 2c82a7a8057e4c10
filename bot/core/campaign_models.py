"""The campaign actions' models: consultations and their tallies, petitions and meeting
reports as content defines them. Re-exported by bot/core/models.py.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime


class ConsultationState(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


@dataclass(frozen=True)
class Consultation:
    """An indicative question put to members: never a statutory ballot."""

    id: int
    question: str
    options: tuple[str, ...]
    topic: str
    opens_at: datetime
    closes_at: datetime
    branches: tuple[str, ...] = ()  # empty: every branch
    state: ConsultationState = ConsultationState.OPEN
    created_by: int | None = None
    results: dict[str, object] | None = None

    def is_open(self, now: datetime) -> bool:
        return self.state is ConsultationState.OPEN and self.opens_at <= now < self.closes_at


@dataclass(frozen=True)
class Tally:
    """Votes for one option in one branch (branch None: members with no branch)."""

    branch: str | None
    choice: int
    votes: int


@dataclass(frozen=True)
class PetitionInfo:
    """A campaign's petition, as content defines it."""

    id: str
    title: str
    url: str
    target: int
    campaign: str


@dataclass(frozen=True)
class ReportItemInfo:
    title: str
    summary: str
    decision: str
    actions: tuple[tuple[str, str], ...] = ()  # (what to do, deadline as ISO date or "")


# The template of a report's broadcasts; their values' "id" names the report.
REPORT_TEMPLATE = "meeting-report"


@dataclass(frozen=True)
class ReportInfo:
    """A meeting report, as content defines it."""

    id: str
    title: str
    meeting: str
    date: str
    summary: str
    items: tuple[ReportItemInfo, ...]
    topic: str = "reports"
    body: str = ""
