"""The one command surface: parse, check who may do what, dispatch, audit refusals."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace

from bot.core.clock import Clock
from bot.core.context import Call, Context, MenuItem
from bot.core.errors import DomainError, Forbidden
from bot.core.events import Incoming, Reply
from bot.core.models import Platform, Role
from bot.core.parse import clean, parse_command
from bot.core.ratelimit import TokenBuckets
from bot.core.services import AuditLog

log = logging.getLogger(__name__)

Handler = Callable[[Call], Awaitable[list[Reply]]]


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
        audit: AuditLog,
        limiter: TokenBuckets | None = None,
    ) -> None:
        self.ctx, self.audit = ctx, audit
        self.commands: dict[str, Command] = {}
        for command in commands:
            for name in (command.name, *command.aliases):
                self.commands[name] = command
        self._limiter = limiter or self.default_limiter(ctx.clock)

    @staticmethod
    def default_limiter(clock: Clock) -> TokenBuckets:
        return TokenBuckets(clock, rate_per_s=0.5, burst=8)

    def visible(self, role: Role) -> list[Command]:
        unique = {c.name: c for c in self.commands.values()}
        return [c for c in unique.values() if c.role.rank <= role.rank]

    def menu(self, role: Role) -> tuple[MenuItem, ...]:
        return tuple(MenuItem(c.name, c.usage, c.summary) for c in self.visible(role))

    async def handle(self, incoming: Incoming) -> list[Reply]:
        text = clean(incoming.callback or incoming.text)
        parsed = parse_command(text)
        if parsed is None and not (incoming.addressed or incoming.is_dm):
            return []
        # Flood control is for accounts on a platform; the console is the operator's own.
        console = incoming.actor.platform is Platform.CONSOLE
        if not console and not self._limiter.allow(str(incoming.actor)):
            return [Reply("slow-down", ephemeral=True)]
        if parsed is None:
            parsed = parse_command("/ask " + text) if text else parse_command("/help")
        assert parsed is not None
        command = self.commands.get(parsed.name)
        if command is None:
            return [Reply("unknown-command", {"command": "/" + parsed.name})]
        caller = await self.ctx.roles.caller(incoming.actor)
        call = Call(self.ctx, incoming, caller, parsed.args, parsed.rest, self.menu(caller.role))
        try:
            if command.role.rank > caller.role.rank:
                raise Forbidden("/" + command.name, command.role.label)
            if command.dm_only and not incoming.is_dm:
                private = [replace(r, dm=True) for r in await command.handler(call)]
                return [Reply("check-your-dms", {"command": "/" + command.name}), *private]
            return await command.handler(call)
        except Forbidden as refusal:
            await self.audit.record(caller, refusal.command, "refused", needed=refusal.needed)
            return [Reply("forbidden", {"command": refusal.command, "needed": refusal.needed})]
        except DomainError as error:
            return [Reply("error", {"problem": str(error), "command": "/" + command.name})]
