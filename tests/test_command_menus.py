"""Command menus by role: members see the member menu; officers and organisers their fuller
menu in their own DM (BotCommandScopeChat), set at start and after a grant or revoke."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.telegram import menus
from bot.core.caller import Caller
from bot.core.models import Identity, Platform, Role, RoleGrant
from tests.harness import eventually, running

PRIYA, TOM = 5012340001, 6023450001


def names(commands: list[dict[str, str]]) -> set[str]:
    return {c["command"] for c in commands}


async def test_menus_follow_roles(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        store = h.bot.app.store
        default = names(h.tg.menus["default"])
        assert {"help", "ask"} <= default and "broadcast" not in default
        assert "approve" not in default  # an officer's
        organiser = await store.members.get_or_create(Identity(Platform.TELEGRAM, str(PRIYA)))
        await store.roles.grant(RoleGrant(organiser.id, Role.ORGANISER, None))
        h.tg.message(PRIYA, "/whoami")
        await eventually(lambda: f"chat:{PRIYA}" in h.tg.menus)
        assert {"broadcast", "approve"} <= names(h.tg.menus[f"chat:{PRIYA}"])
        await store.roles.revoke(organiser.id, Role.ORGANISER, None)
        h.tg.message(PRIYA, "/whoami")
        await eventually(lambda: f"chat:{PRIYA}" not in h.tg.menus)
        assert names(h.tg.menus["default"]) == default


async def test_role_holders_get_their_menu_when_the_bot_starts(tmp_path: Path) -> None:
    async with running(tmp_path, slack=False) as h:
        officer = await h.bot.app.store.members.get_or_create(Identity(Platform.TELEGRAM, str(TOM)))
        await h.bot.app.store.roles.grant(RoleGrant(officer.id, Role.OFFICER, "dwp-leeds"))
        assert h.bot.telegram is not None
        await h.bot.telegram.menus.start()  # as at the next start
        menu = names(h.tg.menus[f"chat:{TOM}"])
        assert "approve" in menu and "broadcast" not in menu


async def test_a_role_granted_elsewhere_reaches_the_menu_without_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Granted and revoked through the service, as the CLI, the dashboard or another replica
    do: the leader follows the roles by itself, with no message from the person."""
    monkeypatch.setattr(menus, "RECONCILE_SECONDS", 0.2)
    async with running(tmp_path, slack=False) as h:
        roles, tom = h.bot.app.services.roles, Identity(Platform.TELEGRAM, str(TOM))
        await roles.grant(tom, Role.OFFICER, "dwp-leeds", Caller.operator())
        await eventually(lambda: f"chat:{TOM}" in h.tg.menus, within=10)
        assert "approve" in names(h.tg.menus[f"chat:{TOM}"])
        await roles.revoke(tom, Role.OFFICER, "dwp-leeds", Caller.operator())
        await eventually(lambda: f"chat:{TOM}" not in h.tg.menus, within=10)
        assert not h.tg.received[str(TOM)]  # nothing was said to them for it


async def test_a_role_revoked_while_no_bot_ran_loses_its_menu_at_the_next_start(
    tmp_path: Path,
) -> None:
    async with running(tmp_path, slack=False) as h:
        roles, priya = h.bot.app.services.roles, Identity(Platform.TELEGRAM, str(PRIYA))
        await roles.grant(priya, Role.ORGANISER, None, Caller.operator())
        adapter = h.bot.telegram
        assert adapter is not None
        await adapter.menus.reconcile()
        assert "broadcast" in names(h.tg.menus[f"chat:{PRIYA}"])
        # The bot stops; the role is revoked from the CLI; a new process starts, knowing
        # nothing of what the last one showed.
        await roles.revoke(priya, Role.ORGANISER, None, Caller.operator())
        await menus.Menus(adapter.bot, adapter.menu, roles).start()
        assert f"chat:{PRIYA}" not in h.tg.menus
