"""What the roles and members' data services return."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import (
    Identity,
    Role,
)


@dataclass(frozen=True)
class RoleHolder:
    identities: tuple[Identity, ...]
    role: Role
    branch: str | None


@dataclass(frozen=True)
class LinkCode:
    code: str
    minutes: int


@dataclass(frozen=True)
class Linked:
    identities: tuple[Identity, ...]


@dataclass(frozen=True)
class MemberData:
    held: dict[str, object]  # table by table, as exported


@dataclass(frozen=True)
class Forgotten:
    pseudonym: str
    touched: dict[str, int]
