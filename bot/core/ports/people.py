"""Repositories of members, their roles and the union's branches."""

from __future__ import annotations

from typing import Protocol

from bot.core.models import (
    Branch,
    Identity,
    Member,
    Role,
    RoleGrant,
)


class MemberRepo(Protocol):
    async def get_or_create(self, identity: Identity) -> Member:
        """The member behind an identity, created on first contact."""
        ...

    async def find(self, identity: Identity) -> Member | None: ...

    async def get(self, member_id: int) -> Member | None: ...

    async def set_branch(self, member_id: int, branch: str | None) -> None: ...

    async def link(self, member_id: int, identity: Identity) -> None:
        """Attach another platform identity to a member (moving it if needed)."""
        ...

    async def delete(self, member_id: int) -> None:
        """Erase a member and their identities and roles."""
        ...


class RoleRepo(Protocol):
    async def grant(self, grant: RoleGrant) -> None: ...

    async def revoke(self, member_id: int, role: Role, branch: str | None = None) -> bool: ...

    async def for_member(self, member_id: int) -> list[RoleGrant]: ...

    async def holders(self, role: Role, branch: str | None = None) -> list[RoleGrant]: ...


class BranchRepo(Protocol):
    async def upsert(self, branch: Branch) -> None: ...

    async def get(self, name: str) -> Branch | None: ...

    async def all(self) -> list[Branch]: ...
