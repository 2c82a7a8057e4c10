"""Platform senders for the delivery engine, built from the settings."""

from __future__ import annotations

from contextlib import AsyncExitStack

from slack_sdk.errors import SlackApiError
from telegram import Bot
from telegram.error import InvalidToken, NetworkError

from bot.adapters.errors import StartupError
from bot.adapters.slack.app import make_client
from bot.adapters.slack.sender import SlackSender
from bot.adapters.telegram.app import api_base
from bot.adapters.telegram.sender import TelegramSender
from bot.adapters.telegram.transport import AiohttpRequest
from bot.delivery.ports import Sender
from bot.settings import Settings


async def build_senders(settings: Settings, stack: AsyncExitStack) -> list[Sender]:
    senders: list[Sender] = []
    if settings.telegram_bot_token is not None:
        bot = Bot(
            settings.telegram_bot_token.get_secret_value(),
            base_url=api_base(str(settings.telegram_api_base_url or "") or None),
            request=AiohttpRequest(),
        )
        try:
            await bot.initialize()
        except InvalidToken:
            raise StartupError(
                "Telegram rejected TELEGRAM_BOT_TOKEN (check it with @BotFather)"
            ) from None
        except NetworkError as error:
            raise StartupError(f"cannot reach the Telegram Bot API: {error}") from None
        stack.push_async_callback(bot.shutdown)
        senders.append(TelegramSender(bot))
    if settings.slack_bot_token is not None:
        client = make_client(
            settings.slack_bot_token.get_secret_value(),
            str(settings.slack_api_base_url or "") or None,
        )
        try:
            await client.auth_test()
        except SlackApiError as error:
            raise StartupError(
                f"Slack rejected SLACK_BOT_TOKEN ({error.response.get('error', 'error')})"
            ) from None
        senders.append(SlackSender(client))
    return senders
