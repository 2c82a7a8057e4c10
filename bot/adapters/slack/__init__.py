"""Slack: the adapter (requests in, replies out) and the sender the delivery engine uses.

The composition root calls these factories; nothing else imports this package's insides.
"""

from __future__ import annotations

from contextlib import AsyncExitStack

from bot.adapters.dispatch import Dispatcher
from bot.adapters.inbox import Ingress
from bot.adapters.slack.app import SlackAdapter, check_token, make_client
from bot.adapters.slack.directory import SlackDirectory
from bot.adapters.slack.messenger import Present
from bot.adapters.slack.sender import SlackSender
from bot.delivery.pacing import Pacer
from bot.delivery.ports import Sender
from bot.http import HttpServer
from bot.settings import Settings

__all__ = ["SlackAdapter", "make_directory", "make_sender", "start"]


async def start(
    settings: Settings,
    stack: AsyncExitStack,
    http: HttpServer,
    dispatcher: Dispatcher,
    ingress: Ingress,
    present: Present,
    pacer: Pacer,
) -> SlackAdapter:
    adapter = SlackAdapter(settings, dispatcher, ingress, present, pacer)
    await adapter.start(stack, http)
    return adapter


async def make_sender(settings: Settings, stack: AsyncExitStack) -> Sender:
    assert settings.slack_bot_token is not None
    client = make_client(
        settings.slack_bot_token.get_secret_value(), str(settings.slack_api_base_url or "") or None
    )
    await check_token(client)
    return SlackSender(client)


def make_directory(settings: Settings) -> SlackDirectory:
    """Slack's users.info, for linking members by their verified email (SLACK_MATCH_EMAIL)."""
    assert settings.slack_bot_token is not None
    return SlackDirectory(
        make_client(
            settings.slack_bot_token.get_secret_value(),
            str(settings.slack_api_base_url or "") or None,
        )
    )
