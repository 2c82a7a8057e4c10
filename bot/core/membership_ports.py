"""The ports of the membership features: the union's list in the bot (import, invites,
report), members joining by code or by asking their officers, and what a platform says about
an account. Re-exported by bot/core/services.py with the other ports.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from bot.core.caller import Caller
from bot.core.models import Identity, Member
from bot.core.results import (
    InviteLine,
    InvitesMade,
    JoinDecided,
    Joined,
    JoinWaiting,
    ListImported,
    MembersReport,
)

Lines = Callable[[], Iterable[bytes]]
"""A membership file, read from the start each time it is called (lines as bytes)."""


class Membership(Protocol):
    """The union's membership list in the bot: imported, invited from, reported on."""

    async def import_list(self, lines: Lines, apply: bool | None, by: Caller) -> ListImported:
        """Sync the list with a CSV file (membership_number,branch[,email]). `apply` None:
        apply unless members would lapse; False: a dry run; True: apply. Problems, each
        naming its row, nothing saved."""
        ...

    async def invites(
        self,
        lines: Lines,
        branch: str | None,
        bot_username: str | None,
        write: Callable[[InviteLine], None],
        by: Caller,
    ) -> InvitesMade:
        """A new one-time code for each member in the file (of one branch, or all) who is on
        the list and not yet in chat, each written out; problems first, nothing saved."""
        ...

    async def report(self, by: Caller) -> MembersReport:
        """Per branch: on the list, in chat, waiting, the share reachable. Officers see their
        branches, organisers all."""
        ...


class Joining(Protocol):
    """Members linking their own chat accounts to their record on the list."""

    async def redeem(self, code: str, by: Caller) -> Joined:
        """An invite code (or Telegram's /start CODE): links this account to the record."""
        ...

    async def join(self, number: str, branch: str, by: Caller) -> Joined:
        """/join: ask the branch's officers to let this account in."""
        ...

    async def decide(self, ids: Sequence[int], approve: bool, by: Caller) -> JoinDecided: ...

    async def waiting(self, branch: str, by: Caller) -> list[JoinWaiting]:
        """A branch's join requests waiting, for its officers and the organisers."""
        ...

    async def match_email(self, member: Member, email: str) -> str | None:
        """A Slack account's verified email on the list: linked on first contact. The
        branch it joined, or None."""
        ...


class Directory(Protocol):
    """What a platform says about an account: its verified email (Slack, users:read.email)."""

    async def verified_email(self, identity: Identity) -> str | None: ...
