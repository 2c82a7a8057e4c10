"""Command menus by role (setMyCommands with BotCommandScopes).

Everyone sees the member menu (the default scope). Officers and organisers get their
fuller menu in their own DM (BotCommandScopeChat): for every role holder when the bot
starts receiving, and again for a person whose role has changed since, at their next
message in their DM (a grant or revoke made anywhere: chat, CLI or dashboard).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.core.context import MenuItem
from bot.core.events import Incoming
from bot.core.models import Platform, Role
from bot.core.services import Roles

log = logging.getLogger(__name__)
Menu = Callable[[Role], tuple[MenuItem, ...]]


def commands(items: tuple[MenuItem, ...]) -> list[BotCommand]:
    return [BotCommand(c.name, c.summary[:256]) for c in items][:100]


class Menus:
    def __init__(self, bot: Bot, menu: Menu, roles: Roles) -> None:
        self.bot, self.menu, self.roles = bot, menu, roles
        self.shown: dict[str, Role] = {}  # the scoped menu each person's DM has

    def _items(self, role: Role) -> list[BotCommand]:
        return commands(self.menu(role))

    async def start(self) -> None:
        await self.bot.set_my_commands(self._items(Role.MEMBER))
        best: dict[str, Role] = {}
        for holder in await self.roles.holders():
            for who in holder.identities:
                if who.platform is Platform.TELEGRAM:
                    held = best.get(who.user_id, Role.MEMBER)
                    best[who.user_id] = max(held, holder.role, key=lambda r: r.rank)
        for user, role in best.items():
            await self._show(user, role)

    async def follow(self, incoming: Incoming) -> None:
        """After a person's message in their DM: their menu, if their role changed."""
        who = incoming.actor
        if not incoming.is_dm or incoming.anonymous or who.platform is not Platform.TELEGRAM:
            return
        role = (await self.roles.caller(who)).role
        role = role if role.rank > Role.MEMBER.rank else Role.MEMBER
        if self.shown.get(who.user_id, Role.MEMBER) is not role:
            await self._show(who.user_id, role)

    async def _show(self, user: str, role: Role) -> None:
        scope = BotCommandScopeChat(int(user))
        try:
            if role.rank > Role.MEMBER.rank:
                await self.bot.set_my_commands(self._items(role), scope=scope)
                self.shown[user] = role
            elif self.shown.pop(user, None) is not None:
                await self.bot.delete_my_commands(scope=scope)
        except TelegramError as error:  # a person who never opened a DM with the bot
            log.info("telegram: no menu for one %s (%s)", role.value, type(error).__name__)
