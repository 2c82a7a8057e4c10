"""What the membership services return."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime

from bot.core.membership import BranchCounts, ListChanges
from bot.core.models import (
    Identity,
)


@dataclass(frozen=True)
class ListImported:
    changes: ListChanges
    applied: bool  # False: a dry run, nothing saved
    ignored_columns: tuple[str, ...] = ()
    needs_yes: bool = False  # not applied because members would lapse and --yes was not given


@dataclass(frozen=True)
class InviteLine:
    """One invite for the union's own mail-out: never stored (the store keeps the code's hash)."""

    number: str  # as the membership file writes it
    branch: str
    email: str
    code: str
    telegram_link: str  # empty when the bot's Telegram username is not known
    slack: str  # what to type in Slack
    expires_at: datetime


@dataclass(frozen=True)
class InvitesMade:
    written: int
    already_in_chat: int  # members already linked: no invite made
    expires_at: datetime
    telegram_links: bool


class JoinOutcome(enum.StrEnum):
    """What became of an invite code or a /join; each has its own message (join-*.md)."""

    LINKED = "linked"  # this account is now linked to the member's record
    ACCOUNTS_JOINED = "accounts-joined"  # and joined to the member's other account
    ALREADY = "already"  # nothing to do: already linked
    OTHER_RECORD = "other-record"  # this account is linked to another record
    CODE_WRONG = "code-wrong"
    CODE_EXPIRED = "code-expired"
    CODE_USED = "code-used"
    LOCKED = "locked"  # too many tries today
    REQUESTED = "requested"  # a request went to the branch's officers
    WAITING = "waiting"  # a request is already waiting
    NO_MATCH = "no-match"  # the list does not hold that number for that branch
    TAKEN = "taken"  # that record is already linked to an account on this platform


@dataclass(frozen=True)
class Joined:
    outcome: JoinOutcome
    branch: str | None = None
    tries_left: int = 0
    officers_told: int = 0
    organisers_told: bool = False  # the branch has no officer: its organisers were told
    listed: bool = False  # a request checked against the list (else on the member's word)
    platforms: tuple[str, ...] = ()  # the member's linked platforms, after
    title: str = ""  # the branch as people read it


@dataclass(frozen=True)
class JoinWaiting:
    """A join request as an officer sees it: the accounts asking, never the number."""

    id: int
    branch: str
    requested_at: datetime
    listed: bool  # checked against the list (else asked on the member's word)
    accounts: tuple[Identity, ...]


@dataclass(frozen=True)
class JoinDecided:
    approved: bool
    branches: tuple[str, ...]
    not_linked: int = 0  # approved, but their record had lapsed or was taken meanwhile


@dataclass(frozen=True)
class BranchReach:
    branch: str
    title: str
    counts: BranchCounts

    @property
    def share(self) -> float | None:
        """Of the members on the list, the share the bot can reach in chat."""
        on_list = self.counts.on_list
        return self.counts.in_chat / on_list if on_list else None


@dataclass(frozen=True)
class MembersReport:
    branches: tuple[BranchReach, ...]
    list_imported: bool

    @property
    def total(self) -> BranchReach:
        c = [b.counts for b in self.branches]
        sums = BranchCounts(
            sum(x.on_list for x in c),
            sum(x.in_chat for x in c),
            sum(x.pending for x in c),
            sum(x.not_on_list for x in c),
        )
        return BranchReach("total", "Total", sums)
