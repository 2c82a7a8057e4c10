"""The Telegram Bot API stand-in: `server` (the HTTP server and its dispatch), `people`
(users' updates), `api` (the Bot API methods, errors and limits), `html` (Telegram's HTML
parser, to reject what Telegram would)."""

from bot.standins.telegram.api import Sent
from bot.standins.telegram.people import BOT_ID
from bot.standins.telegram.server import TEST_TOKEN, TelegramStandIn

__all__ = ["BOT_ID", "TEST_TOKEN", "Sent", "TelegramStandIn"]
