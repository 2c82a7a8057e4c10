"""Members, their platform identities, their roles, and the branches they belong to."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from bot.core.models import Branch, Identity, Member, Role, RoleGrant
from bot.storage.memory.data import Data, IdentityRow, MemberRow


class MemoryMembers:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def find(self, identity: Identity) -> Member | None:
        row = self._d.identities.get(identity)
        return None if row is None else self._d.member(row.member_id)

    async def get(self, member_id: int) -> Member | None:
        return self._d.member(member_id)

    async def get_or_create(self, identity: Identity) -> Member:
        if identity not in self._d.identities:
            member_id = self._d.next_id("members")
            self._d.members[member_id] = MemberRow(member_id, None, datetime.now(UTC))
            self._d.identities[identity] = _identity(identity, member_id)
        found = await self.find(identity)
        assert found is not None
        return found

    async def set_branch(self, member_id: int, branch: str | None) -> None:
        if member_id in self._d.members:
            self._d.members[member_id] = replace(self._d.members[member_id], branch=branch)

    async def link(self, member_id: int, identity: Identity) -> None:
        self._d.identities[identity] = _identity(identity, member_id)

    async def delete(self, member_id: int) -> None:
        self._d.delete("members", [member_id])  # identities and roles follow, as in SQL


def _identity(identity: Identity, member_id: int) -> IdentityRow:
    return IdentityRow(identity.platform.value, identity.user_id, member_id)


class MemoryRoles:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def grant(self, grant: RoleGrant) -> None:
        if grant not in self._d.roles.values():
            self._d.roles[self._d.next_id("roles")] = grant

    async def revoke(self, member_id: int, role: Role, branch: str | None = None) -> bool:
        target = RoleGrant(member_id, role, branch)
        return self._d.delete_where("roles", lambda g: g == target) > 0

    async def for_member(self, member_id: int) -> list[RoleGrant]:
        return [g for g in self._d.roles.values() if g.member_id == member_id]

    async def holders(self, role: Role, branch: str | None = None) -> list[RoleGrant]:
        return [
            g
            for g in self._d.roles.values()
            if g.role is role and (branch is None or g.branch == branch)
        ]


class MemoryBranches:
    def __init__(self, data: Data) -> None:
        self._d = data

    async def upsert(self, branch: Branch) -> None:
        self._d.branches[branch.name] = branch

    async def get(self, name: str) -> Branch | None:
        return self._d.branches.get(name)

    async def all(self) -> list[Branch]:
        return [self._d.branches[k] for k in sorted(self._d.branches)]
