"""The repository behind the dashboard's sign-in and its pages."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.core.models import (
    AuditEntry,
    AuditQuery,
    Channel,
    DeliveryCount,
    Person,
    SignIn,
    Subscription,
)


class DashboardRepo(Protocol):
    """The dashboard's one-time sign-in links and its sessions, kept only as hashes."""

    async def add_link(self, token_hash: str, sign_in: SignIn) -> None: ...

    async def use_link(self, token_hash: str, now: datetime) -> SignIn | None:
        """Whose live link this is; the link is used up either way (and expired ones go)."""
        ...

    async def add_session(self, session_hash: str, sign_in: SignIn, now: datetime) -> None: ...

    async def session(self, session_hash: str, now: datetime) -> SignIn | None:
        """A live session; an expired one is deleted and None returned."""
        ...

    async def end_session(self, session_hash: str) -> None: ...

    async def end_sessions(self, member_id: int) -> int:
        """Sign a member out everywhere (a role revoked); returns the sessions ended."""
        ...

    async def first_post(self, nonce_hash: str, now: datetime) -> bool:
        """Record a form's one-time number; False if it was posted before. Numbers older
        than two days are forgotten (a form is not left open that long)."""
        ...

    # What the dashboard's pages read in one query each, whatever the union's size.

    async def people(self, branch: str, offset: int, limit: int) -> tuple[list[Person], int]:
        """Members holding a role in a branch, by member id, a page at a time; and how many."""
        ...

    async def waiting(self, branch: str) -> list[tuple[Subscription, Channel]]:
        """Subscription requests for a branch waiting for an officer, and their chats."""
        ...

    async def progress(self, broadcast_ids: Sequence[int]) -> dict[int, dict[str, int]]:
        """Each broadcast's deliveries counted by state."""
        ...

    async def delivery_counts(
        self, broadcast_id: int, topic: str
    ) -> tuple[list[DeliveryCount], list[DeliveryCount]]:
        """A broadcast's deliveries counted per platform, and per branch (through the
        channels' active subscriptions to the topic; a channel with none counts under None)."""
        ...

    async def audit(self, query: AuditQuery) -> list[AuditEntry]:
        """Audit entries matching the query, newest first."""
        ...
