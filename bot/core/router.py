"""The one command surface: parse, check who may do what, dispatch, audit refusals."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace

from bot.core.context import Call, Caller, Context
from bot.core.errors import DomainError, Forbidden
from bot.core.events import Incoming, Reply
from bot.core.models import AuditEntry, Platform, Role
from bot.core.parse import clean, parse_command
from bot.core.ratelimit import TokenBuckets

log = logging.getLogger(__name__)

Handler = Callable[[Call], Awaitable[list[Reply]]]

# Telegram's stand-ins for anonymous group admins and channels: never trusted with a role.
ANONYMOUS_TELEGRAM_IDS = frozenset({"1087968824", "136817688", "777000"})


@dataclass(frozen=True)
class Command:
    name: str
    summary: str
    role: Role
    handler: Handler
    usage: str = ""
    dm_only: bool = False
    aliases: tuple[str, ...] = ()


class Router:
    def __init__(
        self,
        ctx: Context,
        commands: Iterable[Command],
        limiter: TokenBuckets | None = None,
    ) -> None:
        self.ctx = ctx
        self.commands: dict[str, Command] = {}
        for command in commands:
            for name in (command.name, *command.aliases):
                self.commands[name] = command
        self._limiter = limiter or TokenBuckets(ctx.clock, rate_per_s=0.5, burst=8)

    def visible(self, role: Role) -> list[Command]:
        unique = {c.name: c for c in self.commands.values()}
        return [c for c in unique.values() if c.role.rank <= role.rank]

    async def caller(self, incoming: Incoming) -> Caller:
        member = await self.ctx.store.members.get_or_create(incoming.actor)
        grants: tuple[object, ...] = ()
        if not self._anonymous(incoming):
            grants = tuple(await self.ctx.store.roles.for_member(member.id))
        return Caller(member, grants)  # type: ignore[arg-type]

    @staticmethod
    def _anonymous(incoming: Incoming) -> bool:
        actor = incoming.actor
        return actor.platform is Platform.TELEGRAM and actor.user_id in ANONYMOUS_TELEGRAM_IDS

    async def handle(self, incoming: Incoming) -> list[Reply]:
        text = clean(incoming.callback or incoming.text)
        parsed = parse_command(text)
        if parsed is None and not (incoming.addressed or incoming.is_dm):
            return []
        if not self._limiter.allow(str(incoming.actor)):
            return [Reply("slow-down", ephemeral=True)]
        if parsed is None:
            parsed = parse_command("/ask " + text) if text else parse_command("/help")
        assert parsed is not None
        command = self.commands.get(parsed.name)
        if command is None:
            return [Reply("unknown-command", {"command": "/" + parsed.name})]
        caller = await self.caller(incoming)
        try:
            if command.role.rank > caller.role.rank:
                raise Forbidden("/" + command.name, command.role.label)
            if command.dm_only and not incoming.is_dm:
                call = Call(self.ctx, incoming, caller, parsed.args, parsed.rest)
                private = [replace(r, dm=True) for r in await command.handler(call)]
                return [Reply("check-your-dms", {"command": "/" + command.name}), *private]
            call = Call(self.ctx, incoming, caller, parsed.args, parsed.rest)
            return await command.handler(call)
        except Forbidden as refusal:
            await self.audit(incoming, "/" + command.name, "refused", {"needed": refusal.needed})
            return [Reply("forbidden", {"command": refusal.command, "needed": refusal.needed})]
        except DomainError as error:
            return [Reply("error", {"problem": str(error), "command": "/" + command.name})]

    async def audit(
        self, incoming: Incoming, action: str, outcome: str, detail: dict[str, str]
    ) -> None:
        entry = AuditEntry(self.ctx.clock.now(), str(incoming.actor), action, outcome, detail)
        await self.ctx.store.audit.record(entry)
