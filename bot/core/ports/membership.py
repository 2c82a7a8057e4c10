"""Repositories of the membership list, invites and join requests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Protocol

from bot.core.membership import (
    BranchCounts,
    Invite,
    JoinRequest,
    ListChanges,
    Listed,
    StagedRow,
)


class ListImport(Protocol):
    """One import of the membership list: its rows staged aside, checked, then applied in one
    transaction (or dropped, when the import block ends)."""

    async def stage(self, rows: Sequence[StagedRow]) -> None:
        """Keep a batch of the import's rows aside (a short transaction)."""
        ...

    async def duplicates(self, limit: int) -> tuple[int, list[tuple[int, int]]]:
        """Rows whose number came before: how many, and the first `limit` of them as (row,
        the row it first came in)."""
        ...

    async def apply(self, commit: Callable[[ListChanges], bool]) -> ListChanges:
        """In one transaction: what the import changes, and, if `commit` says so, the list
        made what the import holds: records added, moved and lapsed. A linked member moved
        follows their record's branch (their member role too); a linked member lapsed loses
        the member role, and the branch unless an officer's role keeps it. A lapsed record's
        invites and join requests go with it. The rows must hold each number once."""
        ...


class MembershipRepo(Protocol):
    """The union's membership list (keyed hashes only), invites, join requests, attempts."""

    def importing(self) -> AbstractAsyncContextManager[ListImport]:
        """A new import's staging, dropped when the block ends (nothing else is kept)."""
        ...

    async def has_list(self) -> bool:
        """Whether any membership list has been imported."""
        ...

    async def records(self, number_hashes: Sequence[str]) -> dict[str, Listed]:
        """The records the list holds, of those numbers."""
        ...

    async def record_of(self, member_id: int) -> Listed | None:
        """The record a member is linked to."""
        ...

    async def by_email(self, email_hash: str) -> Listed | None: ...

    async def link(self, number_hash: str, member_id: int) -> bool:
        """Link a member to a record, in one transaction: the member takes the record's
        branch and the member role for it (and no other branch's member role), and the
        record's invites name them. False (nothing changed) when the record is gone or
        linked to another member."""
        ...

    async def issue(self, invites: Sequence[Invite]) -> None:
        """Store invites; each replaces its record's earlier invite."""
        ...

    async def invite(self, code_hash: str) -> Invite | None: ...

    async def use_invite(self, code_hash: str, platform: str) -> bool:
        """Mark an invite used on a platform; False if it already was (or is gone)."""
        ...

    async def request(
        self, member_id: int, branch: str, number_hash: str | None, at: datetime
    ) -> JoinRequest: ...

    async def requests_of(self, member_id: int) -> list[JoinRequest]: ...

    async def requests_in(self, branch: str) -> list[JoinRequest]:
        """A branch's join requests waiting for an officer, oldest first."""
        ...

    async def get_request(self, request_id: int) -> JoinRequest | None: ...

    async def close_request(self, request_id: int) -> bool:
        """Remove a request once decided; False if it was already gone."""
        ...

    async def attempts(self, account_hash: str, since: datetime) -> int:
        """An account's attempts counted since a time."""
        ...

    async def attempt(self, account_hash: str, at: datetime, forget_before: datetime) -> None:
        """Count an attempt, and forget every account's attempts before `forget_before`."""
        ...

    async def reach(self) -> dict[str, BranchCounts]:
        """Per branch: records on the list, those linked to chat accounts, join requests
        waiting, and members of the branch in chat with no record."""
        ...
