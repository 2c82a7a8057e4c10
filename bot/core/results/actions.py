"""What the petition, report and consultation services return."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.core import wording
from bot.core.models import (
    Consultation,
    PetitionInfo,
)


@dataclass(frozen=True)
class PetitionProgress:
    petition: PetitionInfo
    total: int
    board: tuple[LeaderboardRow, ...]  # only what this caller may see
    signed: bool  # this caller has signed

    @property
    def share(self) -> float:
        return self.total / self.petition.target if self.petition.target else 0.0


@dataclass(frozen=True)
class LeaderboardRow:
    rank: int | None
    branch: str | None
    title: str
    signatures: int


@dataclass(frozen=True)
class Signed:
    petition: PetitionInfo
    first: bool
    total: int


@dataclass(frozen=True)
class Queued:
    """A message sent to channels: the broadcast holding it and how many deliveries."""

    broadcast_id: int
    deliveries: int


@dataclass(frozen=True)
class Published:
    report: str
    broadcast_id: int
    channels: int
    reminders: int
    skipped: tuple[str, ...] = ()  # channels not sent it again, each with why


@dataclass(frozen=True)
class ReportStatus:
    report: str
    title: str
    noted: dict[str, datetime]
    missing: tuple[str, ...]  # sent to these branches, not yet noted
    published: bool = True  # False: not sent to branches yet, so none has had it to note
    unsent: tuple[str, ...] = ()  # never sent to these: no channel of theirs took its topic
    noted_by: dict[str, int | None] = field(default_factory=dict)  # None: since forgotten
    topic: str = "reports"

    def states(self, zone: ZoneInfo) -> list[tuple[str, str]]:
        """(branch, state) in the same words wherever a person reads them: the CLI, the
        dashboard and chat. Noted first, then sent and not yet noted, then never sent."""
        rows = [(b, self.noted_words(b, zone)) for b in sorted(self.noted)]
        rows += [(b, SENT_NOT_NOTED) for b in self.missing]
        return rows + [(b, self.unsent_words(b)) for b in self.unsent]

    def noted_words(self, branch: str, zone: ZoneInfo) -> str:
        by = self.noted_by.get(branch)
        who = "a member since forgotten" if by is None else f"member {by}"
        return f"noted {wording.at(self.noted[branch], zone, short=True)} by {who}"

    def unsent_words(self, branch: str) -> str:
        if not self.published:
            return f"not sent to any branch yet; run: campaign-bot report publish {self.report}"
        return (
            f"never sent (no channel of this branch took {self.topic!r} when it went out); "
            f"subscribe one, then run: campaign-bot report publish {self.report} "
            f"--branch {branch}"
        )


SENT_NOT_NOTED = "sent, not yet noted"


@dataclass(frozen=True)
class NotedLine:
    branch: str
    first: bool


@dataclass(frozen=True)
class ConsultationOpened:
    consultation: Consultation
    dms: int


@dataclass(frozen=True)
class ConsultationResults:
    consultation: Consultation
    options: tuple[str, ...]
    totals: tuple[int, ...]  # empty while too few have voted to show any (withheld)
    branches: dict[str, tuple[int, ...]]  # only branches with enough votes to show
    branches_withheld: int
    cast: int | None = None  # votes cast, when the totals are withheld

    @property
    def votes(self) -> int:
        return sum(self.totals) if self.cast is None else self.cast

    @property
    def withheld(self) -> bool:
        """Votes were cast, and too few for any totals to be shown."""
        return not self.totals and self.votes > 0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.consultation.id,
            "question": self.consultation.question,
            "state": self.consultation.state.value,
            "options": list(self.options),
            "totals": list(self.totals),
            "votes": self.votes,
            "branches": {b: list(v) for b, v in self.branches.items()},
            "branches_withheld": self.branches_withheld,
            "totals_withheld": self.withheld,
        }


@dataclass(frozen=True)
class VoteOutcome:
    """What became of a /vote: counted, refused (and why), or the member's own buttons."""

    consultation: Consultation
    counted: str | None = None  # the option counted
    refused: str | None = None
    show_ballot: bool = False  # send the member their voting buttons (by DM)
