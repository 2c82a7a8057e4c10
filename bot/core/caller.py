"""Who is acting: a member in chat or on the dashboard, or the operator at the command line."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.models import Member, Role, RoleGrant


@dataclass(frozen=True)
class Caller:
    """A person acting through chat, the dashboard, or the operator at the command line.

    `label` is what the audit log records: a platform identity ("telegram:123"), or "cli".
    The operator has no member record and acts as an organiser.
    """

    member: Member | None
    grants: tuple[RoleGrant, ...]
    label: str

    @classmethod
    def operator(cls, label: str = "cli") -> Caller:
        return cls(None, (RoleGrant(0, Role.ORGANISER),), label)

    @property
    def member_id(self) -> int | None:
        return self.member.id if self.member is not None else None

    @property
    def role(self) -> Role:
        ranks = [g.role for g in self.grants]
        return max(ranks, key=lambda r: r.rank, default=Role.ANYONE)

    @property
    def is_organiser(self) -> bool:
        return self.role is Role.ORGANISER

    def is_officer_of(self, branch: str) -> bool:
        return any(
            g.role is Role.ORGANISER or (g.role is Role.OFFICER and g.branch == branch)
            for g in self.grants
        )

    @property
    def branches(self) -> tuple[str, ...]:
        found = [g.branch for g in self.grants if g.branch]
        if self.member is not None and self.member.branch:
            found.insert(0, self.member.branch)
        return tuple(dict.fromkeys(found))

    @property
    def branch(self) -> str | None:
        """The member's own branch (or the first they hold a role in)."""
        return next(iter(self.branches), None)

    @property
    def officer_branches(self) -> tuple[str, ...]:
        return tuple(g.branch for g in self.grants if g.role is Role.OFFICER and g.branch)
