"""Members link their own chat accounts to their record on the membership list: with an
invite code (Telegram's deep link sends /start CODE), with /join and an officer's approval,
or (Slack, optional) by their verified work email.

Guessing is made slow and visible: wrong codes and /join requests count against the account
(a keyed hash of it, so /forget does not reset the count), five a day; every attempt is
audited, by branch, never by number or code. A wrong number and a number on the list for
another branch get the same answer: the bot never says whether a number exists."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta

from bot.content.loader import Content
from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.errors import Forbidden, InvalidInput
from bot.core.membership import (
    ATTEMPTS_PER_DAY,
    JoinRequest,
    Listed,
    MemberKey,
    looks_like_invite,
    normalise_email,
    normalise_number,
    number_hint,
)
from bot.core.models import Identity, Member, Role, RoleGrant
from bot.core.ports import Store
from bot.core.results import JoinDecided, Joined, JoinOutcome, JoinWaiting
from bot.core.wording import typed
from bot.delivery.outbox import Outbox
from bot.services.audit import AuditService
from bot.services.membership import need_key
from bot.services.membership_file import branch_names

DAY = timedelta(days=1)
MAX_DECISIONS = 20


def _identity(by: Caller) -> Identity:
    try:
        return Identity.parse(by.label)
    except ValueError:
        raise InvalidInput("member", "this needs a member's own chat account") from None


def _member(by: Caller) -> Member:
    if by.member is None:
        raise InvalidInput("member", "this needs a member's own chat account")
    return by.member


class JoiningService:
    def __init__(
        self,
        store: Store,
        content: Content,
        clock: Clock,
        outbox: Outbox,
        audit: AuditService,
        key: MemberKey | None,
        slack_command: str = "/campaign",
    ) -> None:
        self.store, self.content, self.clock = store, content, clock
        self.outbox, self.audit, self.key = outbox, audit, key
        self.slack_command = slack_command

    def _title(self, branch: str) -> str:
        titles = {b.name: b.title for g in self.content.structure.groups for b in g.branches}
        return titles.get(branch) or branch

    # Attempts --------------------------------------------------------------------------

    async def _tries_left(self, account: str) -> int:
        used = await self.store.membership.attempts(account, self.clock.now() - DAY)
        return max(0, ATTEMPTS_PER_DAY - used)

    async def _count(self, account: str) -> int:
        now = self.clock.now()
        await self.store.membership.attempt(account, now, now - DAY)
        return await self._tries_left(account)

    async def _refused(
        self, by: Caller, account: str, outcome: JoinOutcome, branch: str | None = None
    ) -> Joined:
        """An attempt that failed: counted against the account and audited."""
        left = await self._count(account)
        await self.audit.record(by, "/join", outcome.value, branch=branch or "")
        return Joined(outcome, branch, tries_left=left)

    async def _locked(self, by: Caller, account: str) -> Joined | None:
        if await self._tries_left(account) > 0:
            return None
        await self.audit.record(by, "/join", JoinOutcome.LOCKED.value)
        return Joined(JoinOutcome.LOCKED)

    # Invite codes ----------------------------------------------------------------------

    def _titled(self, joined: Joined) -> Joined:
        return replace(joined, title=self._title(joined.branch)) if joined.branch else joined

    async def redeem(self, code: str, by: Caller) -> Joined:
        return self._titled(await self._redeem(code, by))

    async def join(self, number: str, branch: str, by: Caller) -> Joined:
        return self._titled(await self._join(number, branch, by))

    async def _redeem(self, code: str, by: Caller) -> Joined:
        key, who, me = need_key(self.key), _identity(by), _member(by)
        account = key.account(str(who))
        if (locked := await self._locked(by, account)) is not None:
            return locked
        invite = (
            await self.store.membership.invite(key.invite(code))
            if looks_like_invite(code)
            else None
        )
        record = None
        if invite is not None:
            record = (await self.store.membership.records([invite.number_hash])).get(
                invite.number_hash
            )
        if invite is None or record is None:
            return await self._refused(by, account, JoinOutcome.CODE_WRONG)
        if invite.expires_at <= self.clock.now():
            return await self._refused(by, account, JoinOutcome.CODE_EXPIRED, record.branch)
        if record.member_id == me.id:
            return Joined(JoinOutcome.ALREADY, record.branch)
        if await self.store.membership.record_of(me.id) is not None:
            await self.audit.record(by, "/join", JoinOutcome.OTHER_RECORD.value)
            return Joined(JoinOutcome.OTHER_RECORD)
        owner = await self._owner(record)
        taken = owner is not None and any(i.platform is who.platform for i in owner.identities)
        if taken or not await self.store.membership.use_invite(
            invite.code_hash, who.platform.value
        ):
            return await self._refused(by, account, JoinOutcome.CODE_USED, record.branch)
        return await self._link(by, me, record, owner)

    async def _owner(self, record: Listed) -> Member | None:
        if record.member_id is None:
            return None
        return await self.store.members.get(record.member_id)

    async def _link(self, by: Caller, me: Member, record: Listed, owner: Member | None) -> Joined:
        """This account joins the record: linked to it, or merged into the member it has."""
        if owner is None:
            if not await self.store.membership.link(record.number_hash, me.id):
                return Joined(JoinOutcome.CODE_USED, record.branch)
            outcome, survivor = JoinOutcome.LINKED, me.id
        else:
            await self.store.privacy.merge(me.id, owner.id)
            outcome, survivor = JoinOutcome.ACCOUNTS_JOINED, owner.id
        await self.audit.record(by, "/join", outcome.value, branch=record.branch)
        member = await self.store.members.get(survivor)
        platforms = tuple(i.platform.value for i in member.identities) if member else ()
        return Joined(outcome, record.branch, platforms=platforms)

    # /join -----------------------------------------------------------------------------

    def _branch(self, name: str) -> str:
        titles = {b.name: b.title for g in self.content.structure.groups for b in g.branches}
        found = branch_names(titles).get(name.casefold())
        if found is None:
            known = ", ".join(self.content.branch_names())
            raise InvalidInput("BRANCH", f"unknown branch {typed(name)}; branches: {known}")
        return found

    async def _join(self, number: str, branch: str, by: Caller) -> Joined:
        key, who, me = need_key(self.key), _identity(by), _member(by)
        branch, normal = self._branch(branch), normalise_number(number)
        if normal is None:
            raise InvalidInput(
                "NUMBER", "a membership number is letters and digits, as on your card"
            )
        account = key.account(str(who))
        if (locked := await self._locked(by, account)) is not None:
            return locked
        mine = await self.store.membership.record_of(me.id)
        if mine is not None:
            return Joined(JoinOutcome.ALREADY, mine.branch)
        waiting = await self.store.membership.requests_of(me.id)
        if waiting:
            return Joined(JoinOutcome.WAITING, waiting[0].branch)
        listed = await self.store.membership.has_list()
        if not listed and me.branch == branch and by.role.rank >= Role.MEMBER.rank:
            return Joined(JoinOutcome.ALREADY, branch)
        number_hash = key.number(normal)
        if listed:
            found = await self.store.membership.records([number_hash])
            record = found.get(number_hash)
            # The same answer whether the number is unknown or another branch's: no oracle.
            if record is None or record.branch != branch:
                return await self._refused(by, account, JoinOutcome.NO_MATCH, branch)
            owner = await self._owner(record)
            if owner is not None and any(i.platform is who.platform for i in owner.identities):
                return await self._refused(by, account, JoinOutcome.TAKEN, branch)
        left = await self._count(account)
        request = await self.store.membership.request(
            me.id, branch, number_hash if listed else None, self.clock.now()
        )
        told, organisers = await self._tell_officers(
            request, who, None if listed else number_hint(normal)
        )
        await self.audit.record(
            by, "/join", JoinOutcome.REQUESTED.value, branch=branch, listed=str(listed).lower()
        )
        return Joined(JoinOutcome.REQUESTED, branch, left, told, organisers, listed)

    async def _tell_officers(
        self, request: JoinRequest, who: Identity, hint: str | None
    ) -> tuple[int, bool]:
        """Tell the branch's officers (or the organisers); how many, and if organisers."""
        deciders = await self.outbox.deciders_of([request.branch])
        title = self._title(request.branch)
        checked = (
            f"The membership list holds their number for {title}."
            if hint is None
            else "There is no membership list in the bot to check against: approve only if "
            f"you know they are a member of {title} (their number ends in {hint})."
        )
        values = {"branch": title, "platform": who.platform.value.title(), "checked": checked}
        ids = str(request.id)
        await self.outbox.notify(
            deciders.identities,
            "join-request",
            values,
            title=f"Join request for {title}",
            buttons=[("Approve", f"/approve_join {ids}"), ("Decline", f"/decline_join {ids}")],
        )
        return deciders.reachable, deciders.organisers

    async def decide(self, ids: Sequence[int], approve: bool, by: Caller) -> JoinDecided:
        action = "/approve_join" if approve else "/decline_join"
        done: list[str] = []
        not_linked = 0
        for request_id in list(ids)[:MAX_DECISIONS]:
            request = await self.store.membership.get_request(request_id)
            if request is None:
                continue
            if not by.is_officer_of(request.branch):
                raise Forbidden(action, f"officer of {request.branch}")
            if by.member_id == request.member_id:
                raise Forbidden(action, f"the other officers of {request.branch}")
            if not await self.store.membership.close_request(request.id):
                continue
            admitted = await self._admit(request) if approve else None
            not_linked += approve and admitted is None
            await self._tell_member(request, admitted)
            done.append(request.branch)
        if not done:
            raise InvalidInput(
                "ID", "that request was already decided, or there is no such request"
            )
        decision = "approved" if approve else "declined"
        await self.audit.record(by, action, decision, branches=",".join(done))
        return JoinDecided(approve, tuple(done), not_linked)

    async def waiting(self, branch: str, by: Caller) -> list[JoinWaiting]:
        if not by.is_officer_of(branch):
            raise Forbidden("join requests", f"officer of {branch}")
        found = []
        for request in await self.store.membership.requests_in(branch):
            member = await self.store.members.get(request.member_id)
            accounts = member.identities if member is not None else ()
            listed = request.number_hash is not None
            found.append(
                JoinWaiting(request.id, branch, request.requested_at, listed, tuple(accounts))
            )
        return found

    async def _admit(self, request: JoinRequest) -> Member | None:
        """The member joins the branch: linked to their record when the list holds it (None
        when it has since lapsed, moved, or been linked on their platform by someone else)."""
        member = await self.store.members.get(request.member_id)
        if member is None:
            return None
        if request.number_hash is None:
            await self.store.members.set_branch(member.id, request.branch)
            await self.store.roles.grant(RoleGrant(member.id, Role.MEMBER, request.branch))
            return await self.store.members.get(member.id)
        found = await self.store.membership.records([request.number_hash])
        record = found.get(request.number_hash)
        if record is None or record.branch != request.branch:
            return None
        owner = await self._owner(record)
        if owner is None:
            linked = await self.store.membership.link(record.number_hash, member.id)
            return await self.store.members.get(member.id) if linked else None
        platforms = {i.platform for i in owner.identities}
        if owner.id == member.id or platforms & {i.platform for i in member.identities}:
            return owner if owner.id == member.id else None
        await self.store.privacy.merge(member.id, owner.id)
        return await self.store.members.get(owner.id)

    async def _tell_member(self, request: JoinRequest, admitted: Member | None) -> None:
        member = admitted or await self.store.members.get(request.member_id)
        if member is None:
            return
        template = "join-approved" if admitted is not None else "join-declined"
        title = self._title(request.branch)
        await self.outbox.notify(
            member.identities, template, {"branch": title}, title=f"Your request to join {title}"
        )

    # Slack: work emails ------------------------------------------------------------------

    async def match_email(self, member: Member, email: str) -> str | None:
        normal = normalise_email(email)
        if self.key is None or normal is None or not member.identities:
            return None
        record = await self.store.membership.by_email(self.key.email(normal))
        if record is None or await self.store.membership.record_of(member.id) is not None:
            return None
        owner = await self._owner(record)
        who = member.identities[0]
        if owner is not None and any(i.platform is who.platform for i in owner.identities):
            return None
        by = Caller(member, (), str(who))
        await self._link(by, member, record, owner)
        await self.outbox.notify(
            [who],
            "join-email-matched",
            {"branch": self._title(record.branch), "forget": f"{self.slack_command} forget"},
            title="Linked to your membership record",
        )
        return record.branch
