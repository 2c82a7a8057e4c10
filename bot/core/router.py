"""The one command surface: parse, check who may do what, dispatch, audit refusals."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace

from bot.core.caller import Caller
from bot.core.clock import Clock
from bot.core.context import Call, Context, MenuItem
from bot.core.errors import DomainError, Forbidden, those
from bot.core.events import Incoming, Reply, check_your_dms
from bot.core.models import Platform, Role
from bot.core.parse import CommandText, clean, parse_command
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
    organiser_usage: str = ""  # with the verbs only organisers may use; `usage` without them


# "join 1234567 dwp-leeds" typed without its slash (a Slack DM or mention, say): /join, so
# the membership number or invite code is refused unread in a group and, in a DM, used as
# /join uses it; never stored in clear as a question for the organisers.
_JOIN_TYPED = re.compile(r"(?i)join\s+\S*\d")
# Other commands typed without their slash where plain text reaches the bot (a DM, a
# mention: on Slack the only way besides /campaign): "subscribe dwp-leeds ballots",
# "remindme off", "ballots". Not a question ("?"), not "help …" (small talk and questions
# start so), and a command that takes nothing only as the one word; if it is refused or its
# arguments are wrong ("ballot papers not arrived"), the message is a question after all.
_NEVER_TYPED = frozenset({"help", "start", "ask", "join"})
_FIRST_WORD = re.compile(r"([A-Za-z_]+)(?:\s+(.*))?", re.S)


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
        return tuple(
            MenuItem(
                c.name,
                c.organiser_usage if role is Role.ORGANISER and c.organiser_usage else c.usage,
                c.summary,
            )
            for c in self.visible(role)
        )

    def knows(self, incoming: Incoming) -> bool:
        """Whether what was sent is a command the bot has."""
        parsed = parse_command(clean(incoming.callback or incoming.text))
        return parsed is not None and parsed.name in self.commands

    def _parse(self, incoming: Incoming) -> CommandText | None:
        """What to run, or None when there is nothing to answer: talk not addressed to the
        bot, a command it does not have unless addressed to it (in a group another bot may
        own it), a button that carries a command it does not have."""
        text = clean(incoming.callback or incoming.text)
        parsed = parse_command(text)
        addressed = incoming.addressed or incoming.is_dm
        if parsed is None:
            if incoming.callback is not None or not addressed:
                return None
            if _JOIN_TYPED.match(text):  # a number or code is never kept as a question
                return parse_command("/" + text)
            typed = self._typed(text)
            if typed is not None:
                return typed
            return parse_command("/ask " + text) if text else parse_command("/help")
        if parsed.name in self.commands or (addressed and incoming.callback is None):
            return parsed
        return None

    def _typed(self, text: str) -> CommandText | None:
        """A command typed without its slash, as plain text that reaches the bot."""
        found = _FIRST_WORD.fullmatch(text.strip())
        if found is None or "?" in text:
            return None
        command = self.commands.get(found.group(1).lower())
        if command is None or command.name in _NEVER_TYPED:
            return None
        if found.group(2) and not (command.usage or command.organiser_usage):
            return None  # "forget it", "voted for the slate": talk, not /forget or /voted
        parsed = parse_command("/" + text.strip())
        return replace(parsed, plain=True) if parsed is not None else None

    async def handle(self, incoming: Incoming) -> list[Reply]:
        parsed = self._parse(incoming)
        if parsed is None:
            return []
        replies = await self._handle(incoming, parsed)
        if replies is None:  # typed without a slash and refused: a question after all
            asked = parse_command("/ask " + clean(incoming.text))
            assert asked is not None
            return await self._handle(incoming, asked) or []
        return replies

    async def _handle(self, incoming: Incoming, parsed: CommandText) -> list[Reply] | None:
        # Flood control is for accounts on a platform; the console is the operator's own.
        console = incoming.actor.platform is Platform.CONSOLE
        actor = str(incoming.actor)
        if not console and not self._limiter.allow(actor):
            return [Reply("slow-down", ephemeral=True)] if self._limiter.tell(actor) else []
        command = self.commands.get(parsed.name)
        if command is None:
            shown = parsed.name if len(parsed.name) <= 32 else parsed.name[:32] + "…"
            slack = incoming.conversation.platform is Platform.SLACK  # "/campaign foo" there
            typed = f"{self.ctx.slack_command} {shown}" if slack else "/" + shown
            return [Reply("unknown-command", {"command": typed})]
        if incoming.anonymous:
            # Sent as the group (an anonymous admin) or a channel: no one to give a role to.
            if command.role is not Role.ANYONE or command.dm_only:
                return [Reply("send-as-yourself", {"command": "/" + command.name})]
            caller = Caller(None, (), str(incoming.actor))
        else:
            caller = await self.ctx.roles.caller(incoming.actor)
        call = Call(self.ctx, incoming, caller, parsed.args, parsed.rest, self.menu(caller.role))
        if parsed.plain:  # typed without a slash: refused, it is a question (None)
            if command.role.rank > caller.role.rank:
                return None
            try:
                if command.dm_only and not incoming.is_dm:
                    private = [replace(r, dm=True) for r in await command.handler(call)]
                    return [check_your_dms(call.spell(command.name)), *private]
                return await command.handler(call)
            except DomainError:
                return None
        return await self._run(command, call)

    async def _run(self, command: Command, call: Call) -> list[Reply]:
        caller, incoming = call.caller, call.incoming
        try:
            if command.role.rank > caller.role.rank:
                raise Forbidden("/" + command.name, command.role.label)
            if command.dm_only and not incoming.is_dm:
                private = [replace(r, dm=True) for r in await command.handler(call)]
                return [check_your_dms(call.spell(command.name)), *private]
            return await command.handler(call)
        except Forbidden as refusal:
            await self.audit.record(caller, refusal.command, "refused", needed=refusal.needed)
            needed, shown = those(refusal.needed), refusal.command
            if shown.startswith("/"):  # as this person types it: /campaign approve on Slack
                shown = call.spell(shown[1:])
            if refusal.needed == Role.MEMBER.label and caller.role.rank < Role.MEMBER.rank:
                # members link themselves (/join): no one need be asked for the role
                spelt = {"join": call.spell("join"), "link": call.spell("link")}
                return [Reply("members-only", {"command": shown, **spelt})]
            return [Reply("forbidden", {"command": shown, "needed": needed})]
        except DomainError as error:
            return [Reply("error", {"problem": str(error), "command": call.spell(command.name)})]
