"""The bot with its dashboard on, against both stand-ins; people with roles; signing in
through the Telegram stand-in as an organiser or officer would."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html import unescape
from pathlib import Path
from typing import Any

import aiohttp

from bot.core.caller import Caller
from bot.core.models import ChatKind, Identity, Platform, Role, SubscriptionState
from tests.harness import Harness, eventually, running
from tests.ports import free_port

ORGANISER, OFFICER, OTHER_OFFICER, MEMBER = 7100000001, 7100000002, 7100000003, 7100000004
LEEDS_GROUP, LIVERPOOL_CHANNEL = -1001700000001, "C0LIVERPOOL"
OPERATOR = Caller.operator("test")


@asynccontextmanager
async def dashboard(tmp_path: Path, **extra: Any) -> AsyncIterator[Harness]:
    port = free_port()
    values: dict[str, Any] = {
        "HTTP_PORT": port,
        "DASHBOARD_URL": f"http://127.0.0.1:{port}/dashboard",
    }
    async with running(tmp_path, **(values | extra)) as h:
        await cast(h)
        yield h


async def cast(h: Harness) -> None:
    """An organiser, an officer of dwp-leeds, one of hmrc-liverpool, a member; a Telegram
    group for Leeds and a Slack channel for Liverpool, subscribed to every topic."""
    roles, store = h.bot.app.services.roles, h.bot.app.store
    tg = Platform.TELEGRAM
    await roles.grant(Identity(tg, str(ORGANISER)), Role.ORGANISER, None, OPERATOR)
    await roles.grant(Identity(tg, str(OFFICER)), Role.OFFICER, "dwp-leeds", OPERATOR)
    await roles.grant(Identity(tg, str(OTHER_OFFICER)), Role.OFFICER, "hmrc-liverpool", OPERATOR)
    await roles.grant(Identity(tg, str(MEMBER)), Role.MEMBER, "dwp-leeds", OPERATOR)
    places = (
        (tg, str(LEEDS_GROUP), ChatKind.GROUP, "DWP Leeds", "dwp-leeds"),
        (Platform.SLACK, LIVERPOOL_CHANNEL, ChatKind.CHANNEL, "hmrc-liverpool", "hmrc-liverpool"),
    )
    for platform, chat, kind, title, branch in places:
        channel = await store.channels.upsert(platform, chat, kind, title)
        for topic in h.bot.app.content.topics():
            await store.subscriptions.add(channel.id, branch, topic, SubscriptionState.ACTIVE)


async def link_by_chat(h: Harness, user: int) -> str:
    """The person asks the bot for /dashboard in a DM; the link in its reply."""
    before = len(h.tg.received[str(user)])
    h.tg.message(user, "/dashboard")
    await eventually(lambda: len(h.tg.received[str(user)]) > before, within=10)
    text = h.tg.received[str(user)][-1].text
    found = re.search(r'href="([^"]+/sign-in/[^"]+)"', text)
    assert found is not None, text
    return unescape(found.group(1))


def client() -> aiohttp.ClientSession:
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found is not None, f"no {name} field"
    return unescape(found.group(1))


async def sign_in(session: aiohttp.ClientSession, link: str) -> aiohttp.ClientResponse:
    async with session.get(link) as shown:
        page = await shown.text()
    async with session.post(link, data={"csrf": field(page, "csrf")}) as response:
        await response.read()
        return response
