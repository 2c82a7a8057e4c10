"""What people do on the Telegram stand-in: their messages, button presses and the bot's
membership changes, as the updates Telegram delivers (by getUpdates or to the webhook)."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any

from aiohttp import ClientSession, ClientTimeout

BOT_ID = 123456789


class People:
    """Builds users' updates and queues them (or posts them to the bot's webhook)."""

    username: str
    webhook_url: str | None
    webhook_secret: str | None
    webhook_statuses: list[int]
    unstarted: set[str]
    _chats: dict[str, dict[str, Any]]
    _updates: list[dict[str, Any]]
    _update_ids: itertools.count[int]
    _message_ids: itertools.count[int]
    _new_update: asyncio.Event
    _session: ClientSession | None

    def _chat(
        self, chat_id: int, kind: str, title: str | None, user: dict[str, Any]
    ) -> dict[str, Any]:
        chat: dict[str, Any] = {"id": chat_id, "type": kind}
        if kind == "private":
            chat.update({k: v for k, v in user.items() if k in ("first_name", "username")})
        else:
            chat["title"] = title or f"Group {chat_id}"
        self._chats[str(chat_id)] = chat
        return chat

    @staticmethod
    def user(
        user_id: int, first_name: str = "Member", username: str | None = None
    ) -> dict[str, Any]:
        found: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
        if username:
            found["username"] = username
        return found

    def message(
        self,
        user_id: int,
        text: str,
        chat_id: int | None = None,
        chat_type: str = "private",
        title: str | None = None,
        first_name: str = "Member",
        edited: bool = False,
        topic: int | None = None,
    ) -> dict[str, Any]:
        """A user's message as Telegram delivers it; returns the update after queueing it.
        With `topic`, the chat is a forum and the message is in that topic."""
        user = self.user(user_id, first_name)
        chat = self._chat(chat_id if chat_id is not None else user_id, chat_type, title, user)
        if chat_type == "private":
            self.unstarted.discard(str(user_id))  # they opened the chat: the bot may write
        if topic is not None:
            chat["is_forum"] = True
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "from": user,
            "chat": chat,
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        if edited:
            message["edit_date"] = int(time.time())
        if topic is not None:
            message.update(message_thread_id=topic, is_topic_message=True)
        return self.push({"edited_message" if edited else "message": message})

    def press(
        self,
        user_id: int,
        data: str,
        chat_id: int | None = None,
        chat_type: str = "private",
        message_id: int = 1,
    ) -> dict[str, Any]:
        user = self.user(user_id)
        chat = self._chat(chat_id if chat_id is not None else user_id, chat_type, None, user)
        query = {
            "id": str(next(self._update_ids)),
            "from": user,
            "chat_instance": str(chat["id"]),
            "data": data,
            "message": {
                "message_id": message_id,
                "chat": chat,
                "date": int(time.time()),
                "text": "…",
                "from": self.me(),
            },
        }
        return self.push({"callback_query": query})

    def bot_membership(
        self, chat_id: int, title: str, by_user: int, added: bool = True, chat_type: str = "group"
    ) -> dict[str, Any]:
        user = self.user(by_user)
        chat = self._chat(chat_id, chat_type, title, user)
        me = self.me()
        old, new = ("left", "member") if added else ("member", "left")
        update = {
            "my_chat_member": {
                "chat": chat,
                "from": user,
                "date": int(time.time()),
                "old_chat_member": {"user": me, "status": old},
                "new_chat_member": {"user": me, "status": new},
            }
        }
        return self.push(update)

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": next(self._update_ids), **update}
        if self.webhook_url:
            asyncio.get_running_loop().create_task(self.post_webhook(update))
        else:
            self._updates.append(update)
            self._new_update.set()
        return update

    def redeliver(self, update: dict[str, Any]) -> None:
        """Deliver the same update again (a webhook retry, or a poller that lost its offset)."""
        if self.webhook_url:
            asyncio.get_running_loop().create_task(self.post_webhook(update))
        else:
            self._updates.append(update)
            self._updates.sort(key=lambda u: u["update_id"])
            self._new_update.set()

    async def post_webhook(self, update: dict[str, Any], secret: str | None = None) -> int:
        assert self.webhook_url
        if self._session is None:
            self._session = ClientSession(timeout=ClientTimeout(total=10))
        headers = {"Content-Type": "application/json"}
        token = secret if secret is not None else self.webhook_secret
        if token:
            headers["X-Telegram-Bot-Api-Secret-Token"] = token
        async with self._session.post(
            self.webhook_url, data=json.dumps(update), headers=headers
        ) as r:
            self.webhook_statuses.append(r.status)
            return r.status

    def me(self) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Campaign bot",
            "username": self.username,
        }
