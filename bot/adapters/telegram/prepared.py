"""sendMessage for fan-out, without building python-telegram-bot's objects per send.

A broadcast sends the same part to thousands of chats. `Prepared.send_message` takes the
arguments `Bot.send_message` takes (the ones outgoing.py uses), encodes everything but the
chat id once per part (cached), and posts the JSON through our own transport
(AiohttpRequest.post_json). A failed answer goes through PTB's own request wrapper, so it
raises the same TelegramError kinds (RetryAfter, Forbidden, ChatMigrated, …) that
outgoing.classify reads; a success is only parsed, and the Message object PTB would build
from it, which nobody reads, is not built.
"""

from __future__ import annotations

import json
from functools import lru_cache

from telegram import InlineKeyboardMarkup, LinkPreviewOptions

from bot.adapters.telegram.transport import AiohttpRequest


@lru_cache(maxsize=256)
def _rest(
    text: str,
    parse_mode: str | None,
    markup: InlineKeyboardMarkup | None,
    preview: LinkPreviewOptions | None,
    thread_id: int | None,
) -> str:
    """Every field but the chat id, encoded once: `"text":…,"parse_mode":…`."""
    fields: dict[str, object] = {"text": text}
    if parse_mode is not None:
        fields["parse_mode"] = parse_mode
    if markup is not None:
        fields["reply_markup"] = markup.to_dict()
    if preview is not None:
        fields["link_preview_options"] = preview.to_dict()
    if thread_id is not None:
        fields["message_thread_id"] = thread_id
    return json.dumps(fields, ensure_ascii=False)[1:-1]


def body(
    chat_id: str,
    text: str,
    parse_mode: str | None = None,
    markup: InlineKeyboardMarkup | None = None,
    preview: LinkPreviewOptions | None = None,
    thread_id: int | None = None,
) -> bytes:
    rest = _rest(text, parse_mode, markup, preview, thread_id)
    return f'{{"chat_id":{json.dumps(chat_id)},{rest}}}'.encode()


class Prepared:
    """What outgoing.send_part needs of a Bot, for broadcasts: send_message, prepared."""

    def __init__(self, request: AiohttpRequest, bot_url: str) -> None:
        self._request = request
        self._url = f"{bot_url}/sendMessage"  # holds the token: never logged
        self._get_me = f"{bot_url}/getMe"

    @property
    def request(self) -> AiohttpRequest:
        return self._request

    async def send_message(
        self,
        chat_id: str,
        text: str,
        parse_mode: str | None = None,
        reply_markup: InlineKeyboardMarkup | None = None,
        link_preview_options: LinkPreviewOptions | None = None,
        message_thread_id: int | None = None,
        read_timeout: float | None = None,  # seconds to wait for the answer
    ) -> None:
        payload = body(
            chat_id, text, parse_mode, reply_markup, link_preview_options, message_thread_id
        )
        await self._request.post_json(self._url, payload, read_timeout)

    async def get_me(self) -> None:
        """Whether Telegram takes the token: raises InvalidToken (401) if it does not."""
        await self._request.post_json(self._get_me, b"{}")
