"""The Slack Web API stand-in: `server` (the HTTP server and its dispatch), `api` (the Web
API methods, errors and limits), `events` (Slack's side of the Events API: signed events,
commands and button presses posted to the bot), `socket` (Slack's side of Socket Mode: a
WebSocket the bot connects to, envelopes pushed down it and acknowledged)."""

from bot.standins.slack.api import Posted
from bot.standins.slack.events import BOT_USER_ID, Delivered
from bot.standins.slack.server import TEST_BOT_TOKEN, TEST_SIGNING_SECRET, SlackStandIn
from bot.standins.slack.socket import TEST_APP_TOKEN, Acked

__all__ = [
    "BOT_USER_ID",
    "TEST_APP_TOKEN",
    "TEST_BOT_TOKEN",
    "TEST_SIGNING_SECRET",
    "Acked",
    "Delivered",
    "Posted",
    "SlackStandIn",
]
