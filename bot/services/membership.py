"""The union's membership list in the bot: imported (a sync: added, moved, lapsed), invites
for the union's own mail-out, and each branch's reach. Numbers and emails are hashed with
MEMBER_KEY as they are read; neither is stored, logged or audited in clear."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta

from bot.content.loader import Content
from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.errors import Forbidden, InvalidInput, Problems
from bot.core.membership import (
    BranchCounts,
    Invite,
    ListChanges,
    MemberKey,
    StagedRow,
    deep_link,
    new_invite_code,
)
from bot.core.ports import ListImport, Store
from bot.core.results import (
    BranchReach,
    InviteLine,
    InvitesMade,
    ListImported,
    MembersReport,
)
from bot.core.services import Lines
from bot.services.audit import AuditService
from bot.services.membership_file import (
    FileReport,
    FileRow,
    ListFileError,
    batches,
    branch_names,
    read_list,
)

BATCH = 5000  # rows staged (or invites issued) per short transaction


def member_key(secret: str | None) -> MemberKey | None:
    return MemberKey(secret) if secret else None


def need_key(key: MemberKey | None) -> MemberKey:
    if key is None:
        raise InvalidInput(
            "MEMBER_KEY", "is not set: `make run` generates one into .env (see .env.example)"
        )
    return key


class MembershipService:
    def __init__(
        self,
        store: Store,
        content: Content,
        clock: Clock,
        audit: AuditService,
        key: MemberKey | None,
        invite_days: int,
        slack_command: str,
    ) -> None:
        self.store, self.content, self.clock, self.audit = store, content, clock, audit
        self.key, self.invite_days, self.slack_command = key, invite_days, slack_command

    def _branches(self) -> dict[str, str]:
        titles = {b.name: b.title for g in self.content.structure.groups for b in g.branches}
        return branch_names(titles)

    def _read(self, lines: Lines, report: FileReport) -> Iterator[FileRow]:
        try:
            yield from read_list(lines(), self._branches(), report)
        except ListFileError as error:
            raise Problems([("file", str(error))]) from None

    async def _stage(self, staging: ListImport, rows: Iterable[FileRow], key: MemberKey) -> None:
        for chunk in batches(rows, BATCH):
            await staging.stage(
                [
                    StagedRow(
                        r.row,
                        key.number(r.number),
                        r.branch,
                        key.email(r.email) if r.email else None,
                    )
                    for r in chunk
                ]
            )

    async def _checked(self, staging: ListImport, report: FileReport) -> None:
        """Duplicates join the file's other problems; any problem, and nothing is saved."""
        count, shown = await staging.duplicates(50)
        for row, first in shown:
            report.add(row, f"this membership number is already in row {first}")
        report.count += count - len(shown)
        if report.count:
            raise Problems([("file", line) for line in report.lines()])

    async def import_list(self, lines: Lines, apply: bool | None, by: Caller) -> ListImported:
        if not by.is_organiser:
            raise Forbidden("members import", "organiser")
        key, report = need_key(self.key), FileReport()

        def commit(changes: ListChanges) -> bool:
            return changes.rows > 0 and (apply is True or (apply is None and not changes.lapsed))

        async with self.store.membership.importing() as staging:
            await self._stage(staging, self._read(lines, report), key)
            await self._checked(staging, report)
            changes = await staging.apply(commit)
        if not changes.rows:
            raise Problems([("file", "the file has no members in it; nothing to import")])
        if not commit(changes):
            needs_yes = apply is None
            return ListImported(changes, False, report.ignored, needs_yes)
        await self.audit.record(by, "members import", "done", **_counts(changes))
        return ListImported(changes, True, report.ignored)

    async def invites(
        self,
        lines: Lines,
        branch: str | None,
        bot_username: str | None,
        write: Callable[[InviteLine], None],
        by: Caller,
    ) -> InvitesMade:
        if not by.is_organiser:
            raise Forbidden("members invites", "organiser")
        key = need_key(self.key)
        if branch is not None:
            branch = self._branch(branch)
        await self._check_invites(lines, key)
        expires = self.clock.now() + timedelta(days=self.invite_days)
        written = linked = 0
        for chunk in batches(self._read(lines, FileReport()), BATCH):
            records = await self.store.membership.records([key.number(r.number) for r in chunk])
            made: list[tuple[Invite, InviteLine]] = []
            for row in chunk:
                record = records.get(key.number(row.number))
                if record is None or branch not in (None, record.branch):
                    continue
                if record.member_id is not None:
                    linked += 1
                    continue
                made.append(self._invite(row, record.number_hash, expires, key, bot_username))
            await self.store.membership.issue([invite for invite, _ in made])
            for _, line in made:
                write(line)
            written += len(made)
        await self.audit.record(
            by, "members invites", "done", branch=branch or "all", invites=str(written)
        )
        return InvitesMade(written, linked, expires, bot_username is not None)

    def _branch(self, name: str) -> str:
        found = self._branches().get(name.casefold())
        if found is None:
            known = ", ".join(self.content.branch_names())
            raise InvalidInput("--branch", f"unknown branch {name!r}; branches: {known}")
        return found

    async def _check_invites(self, lines: Lines, key: MemberKey) -> None:
        """Every row on the list, in the branch the list has, once: or nothing is made."""
        report = FileReport()
        async with self.store.membership.importing() as staging:  # only to find duplicates
            for chunk in batches(self._read(lines, report), BATCH):
                records = await self.store.membership.records([key.number(r.number) for r in chunk])
                for row in chunk:
                    record = records.get(key.number(row.number))
                    if record is None:
                        report.add(row.row, "not on the membership list: import the file first")
                    elif record.branch != row.branch:
                        report.add(row.row, "the list has another branch: import the file first")
                await self._stage(staging, chunk, key)
            await self._checked(staging, report)

    def _invite(
        self, row: FileRow, number_hash: str, expires: datetime, key: MemberKey, bot: str | None
    ) -> tuple[Invite, InviteLine]:
        code = new_invite_code()
        line = InviteLine(
            row.written,
            row.branch,
            row.email or "",
            code,
            deep_link(bot, code) if bot else "",
            f"{self.slack_command} join {code}",
            expires,
        )
        return Invite(key.invite(code), number_hash, expires), line

    async def report(self, by: Caller) -> MembersReport:
        if by.is_organiser:
            names = list(dict.fromkeys(self.content.branch_names()))
        elif by.officer_branches:
            names = list(by.officer_branches)
        else:
            raise Forbidden("/members", "branch officer")
        counts = await self.store.membership.reach()
        if by.is_organiser:
            names += [b for b in counts if b not in names]
        titles = {b.name: b.title for g in self.content.structure.groups for b in g.branches}
        rows = tuple(
            BranchReach(b, titles.get(b) or b, counts.get(b, BranchCounts())) for b in names
        )
        return MembersReport(rows, await self.store.membership.has_list())


def _counts(changes: ListChanges) -> dict[str, str]:
    """What the audit log keeps of an import: counts, never a number or an email."""
    return {
        "rows": str(changes.rows),
        "added": str(changes.added),
        "moved": str(changes.moved),
        "lapsed": str(changes.lapsed),
    }
