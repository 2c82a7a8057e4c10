"""Command menus by role (setMyCommands with BotCommandScopes).

Everyone sees the member menu (the default scope). Officers and organisers get their
fuller menu in their own DM (BotCommandScopeChat). The leader sets them when it starts
receiving, and takes the fuller menu back from anyone whose role was revoked while no bot
ran (the audit log names them); then it follows the roles every RECONCILE_SECONDS (a grant
or revoke made anywhere: chat, CLI, dashboard, another replica), and at once for a person
whose role changed when they next write in their DM.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from contextlib import AsyncExitStack

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.core.context import MenuItem
from bot.core.events import Incoming
from bot.core.models import Platform, Role
from bot.core.services import Roles
from bot.core.stopping import stop_task

log = logging.getLogger(__name__)
Menu = Callable[[Role], tuple[MenuItem, ...]]
RECONCILE_SECONDS = 30.0


def commands(items: tuple[MenuItem, ...]) -> list[BotCommand]:
    return [BotCommand(c.name, c.summary[:256]) for c in items][:100]


class Menus:
    def __init__(self, bot: Bot, menu: Menu, roles: Roles) -> None:
        self.bot, self.menu, self.roles = bot, menu, roles
        self.shown: dict[str, Role] = {}  # the scoped menu each person's DM has

    def _items(self, role: Role) -> list[BotCommand]:
        return commands(self.menu(role))

    async def start(self, stack: AsyncExitStack | None = None) -> None:
        """The leader: the default menu, the fuller ones, and (with a stack) following
        the roles until the stack closes."""
        await self.bot.set_my_commands(self._items(Role.MEMBER))
        staff = await self._staff()
        for identity in await self.roles.formerly_staff():
            user = identity.user_id
            telegram = identity.platform is Platform.TELEGRAM and user.lstrip("-").isdigit()
            if telegram and user not in staff:
                self.shown[user] = Role.MEMBER  # taken back below, if Telegram still shows it
        await self.reconcile(staff)
        if stack is not None:
            task = asyncio.create_task(self._follow_roles(), name="telegram-menus")
            stack.push_async_callback(_cancel, task)

    async def reconcile(self, staff: dict[str, Role] | None = None) -> None:
        """Each organiser's and officer's fuller menu; the member menu for anyone shown a
        fuller one who no longer holds the role."""
        staff = await self._staff() if staff is None else staff
        for user, role in staff.items():
            if self.shown.get(user) is not role:
                await self._show(user, role)
        for user in set(self.shown) - set(staff):
            await self._show(user, Role.MEMBER)

    async def _staff(self) -> dict[str, Role]:
        best: dict[str, Role] = {}
        for holder in await self.roles.staff():
            for who in holder.identities:
                if who.platform is Platform.TELEGRAM:
                    held = best.get(who.user_id, Role.MEMBER)
                    best[who.user_id] = max(held, holder.role, key=lambda r: r.rank)
        return best

    async def _follow_roles(self) -> None:
        while True:
            await asyncio.sleep(RECONCILE_SECONDS)
            try:
                await self.reconcile()
            except Exception as error:  # the store or Telegram away: next time
                log.warning("telegram: menus not followed this time (%s)", type(error).__name__)

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


async def _cancel(task: asyncio.Task[None]) -> None:
    await stop_task(task)
