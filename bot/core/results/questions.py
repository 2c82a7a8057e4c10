"""What the questions service returns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Asked:
    """A member's question: answered, or handed to the organisers (with its queue number)."""

    text: str
    sources: tuple[str, ...] = ()
    handed_off: int | None = None
    suggestions: tuple[str, ...] = ()
    unsure: bool = False  # nothing to hand on (no words in it)
    language: str = ""  # handed off in a language the bot reads only a little of


@dataclass(frozen=True)
class AliasAdded:
    """Another way of asking an FAQ entry's question, added."""

    entry: str
    phrase: str


@dataclass(frozen=True)
class HandoffLine:
    question_id: int
    asked_at: datetime
    branch: str | None
    text: str
    answered: bool
    faq: bool


@dataclass(frozen=True)
class HandoffReport:
    """The questions handed to the organisers since `since`: the gaps in the content."""

    days: int
    since: datetime
    lines: tuple[HandoffLine, ...]


@dataclass(frozen=True)
class Replied:
    question_id: int
    outcome: str
