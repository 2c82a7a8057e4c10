"""Members' data: one member across platforms (/link), see it all (/mydata), erase it
(/forget), and forget who received settled deliveries after the retention period."""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

from bot.core.actions import LINK_CODE_MINUTES, hash_code, new_link_code, normalise_code, pseudonym
from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.errors import InvalidInput, LinkFailed
from bot.core.ports import Store
from bot.core.results import Forgotten, LinkCode, Linked, MemberData
from bot.services.audit import AuditService

log = logging.getLogger(__name__)
RETENTION_SWEEP = timedelta(hours=6)


class MembersDataService:
    def __init__(self, store: Store, clock: Clock, audit: AuditService) -> None:
        self.store, self.clock, self.audit = store, clock, audit

    def _member(self, by: Caller) -> int:
        if by.member is None:
            raise InvalidInput("member", "this needs a member's own account")
        return by.member.id

    async def link_code(self, by: Caller) -> LinkCode:
        code = new_link_code()
        expires = self.clock.now() + timedelta(minutes=LINK_CODE_MINUTES)
        await self.store.privacy.issue_code(self._member(by), hash_code(code), expires)
        return LinkCode(code, LINK_CODE_MINUTES)

    async def link(self, code: str, by: Caller) -> Linked:
        me = self._member(by)
        clean = normalise_code(code)
        target = (
            await self.store.privacy.redeem_code(hash_code(clean), self.clock.now())
            if clean
            else None
        )
        if target is None:
            raise LinkFailed()
        into = await self.store.members.get(target)
        if into is None:
            raise LinkFailed()
        if target == me:
            return Linked(into.identities)
        platform = by.label.partition(":")[0]
        if any(i.platform.value == platform for i in into.identities):
            raise LinkFailed(f": that member already has a {platform} account linked")
        records = [await self.store.membership.record_of(m) for m in (me, target)]
        if all(records) and records[0] != records[1]:
            raise LinkFailed(": the two accounts are linked to two different membership records")
        await self.store.privacy.merge(me, target)
        merged = await self.store.members.get(target)
        identities = merged.identities if merged else ()
        await self.audit.record(
            by, "/link", "linked", platforms=",".join(i.platform.value for i in identities)
        )
        return Linked(identities)

    async def export(self, by: Caller) -> MemberData:
        return MemberData(await self.store.privacy.export(self._member(by)))

    async def forget(self, by: Caller) -> Forgotten:
        member = by.member
        if member is None:
            raise InvalidInput("member", "this needs a member's own account")
        identities = [str(i) for i in member.identities] or [by.label]
        alias = pseudonym(identities, secrets.token_hex(16))
        touched = await self.store.privacy.forget(member.id, identities, alias)
        await self.audit.record(
            Caller(None, (), alias), "/forget", "erased", **{k: str(v) for k, v in touched.items()}
        )
        return Forgotten(alias, touched)


class Retention:
    """The due-work source that clears member links from old settled deliveries."""

    name = "retention"

    def __init__(self, store: Store, clock: Clock, days: int) -> None:
        self.store, self.clock, self.days = store, clock, days
        self._next: datetime | None = None  # first sweep at start

    async def next_due(self) -> datetime | None:
        return self._next or self.clock.now()

    async def fire_due(self) -> int:
        now = self.clock.now()
        self._next = now + RETENTION_SWEEP
        cleared = await self.store.privacy.expire_delivery_links(now - timedelta(days=self.days))
        if cleared:
            log.info("retention: %d settled deliveries unlinked from members", cleared)
        return cleared
