"""The repository behind members' data: export, erase, link."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol


class PrivacyRepo(Protocol):
    """Members' data: linking identities, seeing it all, erasing it everywhere."""

    async def issue_code(self, member_id: int, code_hash: str, expires_at: datetime) -> None:
        """Keep a one-time link code's hash (any earlier code of this member is dropped)."""
        ...

    async def redeem_code(self, code_hash: str, now: datetime) -> int | None:
        """The member a live code belongs to; the code is used up either way."""
        ...

    async def merge(self, from_member: int, into_member: int) -> None:
        """Move everything of one member to another (after /link), in one transaction."""
        ...

    async def export(self, member_id: int) -> dict[str, object]:
        """Everything the store holds about a member, table by table."""
        ...

    async def forget(
        self, member_id: int, identities: Sequence[str], pseudonym: str
    ) -> dict[str, int]:
        """Erase or anonymise a member everywhere, in one transaction; rows touched per table."""
        ...

    async def expire_delivery_links(self, cutoff: datetime) -> int:
        """Clear the member link of deliveries settled before `cutoff`."""
        ...
