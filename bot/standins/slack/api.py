"""The Slack Web API methods the stand-in answers, with Slack's errors and limits."""

from __future__ import annotations

import json
import re
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from bot.standins.limits import SlidingWindow, whole_seconds
from bot.standins.slack.events import BOT_USER_ID, SlackSide
from bot.standins.slack.limits import MOST_VIEW_BLOCKS, refusal

_EVERYONE = re.compile(r"<!(channel|here|everyone)(\|[^>]*)?>|<!subteam\^")


@dataclass
class Posted:
    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]] | None
    ephemeral_user: str | None
    thread_ts: str | None
    at: float
    metadata: dict[str, Any] | None = None


class WebApi(SlackSide):
    """One `_m_<method>` per Web API method (dots as underscores); `SlackStandIn._handle`
    dispatches to them."""

    received: defaultdict[str, list[Posted]]
    files: defaultdict[str, list[tuple[str, bytes]]]
    emails: dict[str, str]
    missing: set[str]
    not_in: set[str]
    archived: set[str]
    refusals: Counter[str]
    notified_everyone: list[str]
    homes: dict[str, dict[str, Any]]
    enforce_limits: bool
    too_many: int
    over_limits: int  # messages and views refused for Slack's size limits
    _limits: SlidingWindow
    _uploads: dict[str, tuple[str, bytes | None]]

    def _error(self, error: str, status: int = 200, **headers: str) -> web.Response:
        return web.json_response({"ok": False, "error": error}, status=status, headers=headers)

    async def _m_auth_test(self, params: dict[str, Any]) -> web.Response:
        return web.json_response(
            {
                "ok": True,
                "url": "https://union.slack.com/",
                "team": "Union",
                "user": "campaignbot",
                "team_id": "T0001",
                "user_id": BOT_USER_ID,
                "bot_id": "BSTAND1",
            }
        )

    async def _m_users_info(self, params: dict[str, Any]) -> web.Response:
        user = str(params.get("user", ""))
        if not user.startswith(("U", "W")):
            return self._error("user_not_found")
        profile: dict[str, Any] = {"display_name": user.lower()}
        if user in self.emails:
            profile["email"] = self.emails[user]
        return web.json_response(
            {
                "ok": True,
                "user": {
                    "id": user,
                    "name": user.lower(),
                    "tz": "Europe/London",
                    "is_bot": False,
                    "is_email_confirmed": user in self.emails,
                    "profile": profile,
                },
            }
        )

    async def _m_conversations_info(self, params: dict[str, Any]) -> web.Response:
        channel = str(params.get("channel", ""))
        if channel in self.missing:
            return self._error("channel_not_found")
        return web.json_response(
            {
                "ok": True,
                "channel": {
                    "id": channel,
                    "name": channel.lower(),
                    "is_channel": channel.startswith("C"),
                    "is_im": channel.startswith("D"),
                    "is_archived": channel in self.archived,
                    "is_member": channel not in self.not_in,
                },
            }
        )

    def _refuse(self, channel: str, params: dict[str, Any]) -> web.Response | None:
        for where, error in (
            (self.missing, "channel_not_found"),
            (self.archived, "is_archived"),
            (self.not_in, "not_in_channel"),
        ):
            if channel in where:
                self.refusals[channel] += 1
                return self._error(error)
        text = params.get("text")
        blocks = params.get("blocks")
        if not text and not blocks:
            return self._error("no_text")
        if (too_big := refusal(text, blocks)) is not None:
            self.over_limits += 1
            return self._error(too_big)
        if self.enforce_limits:
            wait = self._limits.wait(channel)
            if wait > 0:
                self.too_many += 1
                return self._error(
                    "ratelimited", status=429, **{"Retry-After": str(whole_seconds(wait))}
                )
            self._limits.hit(channel)
        return None

    def _record(self, params: dict[str, Any], ephemeral_user: str | None) -> Posted:
        channel = str(params["channel"])
        text = str(params.get("text") or "")
        if _EVERYONE.search(text) or (
            params.get("link_names") in (True, "true", "1")
            and re.search(r"@(channel|here|everyone)\b", text)
        ):
            self.notified_everyone.append(channel)
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        posted = Posted(
            channel,
            ts,
            text,
            params.get("blocks"),
            ephemeral_user,
            params.get("thread_ts"),
            time.monotonic(),
            metadata if isinstance(metadata := params.get("metadata"), dict) else None,
        )
        self.received[channel].append(posted)
        return posted

    async def _m_chat_postMessage(self, params: dict[str, Any]) -> web.Response:
        channel = str(params.get("channel", ""))
        refused = self._refuse(channel, params)
        if refused is not None:
            return refused
        posted = self._record(params, None)
        return web.json_response(
            {
                "ok": True,
                "channel": channel,
                "ts": posted.ts,
                "message": {
                    "type": "message",
                    "text": posted.text,
                    "ts": posted.ts,
                    "bot_id": "BSTAND1",
                },
            }
        )

    async def _m_conversations_history(self, params: dict[str, Any]) -> web.Response:
        """Newest first, from `oldest` to `latest`, `limit` a page with a cursor; message
        metadata only with `include_all_metadata`."""
        channel = str(params.get("channel", ""))
        if channel in self.missing:
            return self._error("channel_not_found")
        if channel in self.not_in:
            return self._error("not_in_channel")
        inclusive = _true(params.get("inclusive"))
        oldest, latest = float(params.get("oldest") or 0), float(params.get("latest") or "inf")
        found = [
            p
            for p in reversed(self.received[channel])
            if p.ephemeral_user is None
            and (oldest <= float(p.ts) if inclusive else oldest < float(p.ts))
            and (float(p.ts) <= latest if inclusive else float(p.ts) < latest)
        ]
        start = int(str(params.get("cursor") or "0").removeprefix("next_") or 0)
        limit = max(1, min(int(params.get("limit") or 100), 999))
        page, more = found[start : start + limit], start + limit < len(found)
        metadata = _true(params.get("include_all_metadata"))
        return web.json_response(
            {
                "ok": True,
                "messages": [_history_entry(p, metadata) for p in page],
                "has_more": more,
                "response_metadata": {"next_cursor": f"next_{start + limit}" if more else ""},
            }
        )

    async def _m_conversations_open(self, params: dict[str, Any]) -> web.Response:
        user = str(params.get("users", ""))
        if not user.startswith(("U", "W")) or "," in user:
            return self._error("user_not_found")
        return web.json_response({"ok": True, "channel": {"id": "D" + user[1:]}})

    async def _m_files_getUploadURLExternal(self, params: dict[str, Any]) -> web.Response:
        if not params.get("filename") or not str(params.get("length", "")).isdigit():
            return self._error("invalid_arguments")
        file_id = f"F{len(self._uploads) + 1:06d}"
        self._uploads[file_id] = (str(params["filename"]), None)
        return web.json_response(
            {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id}
        )

    async def _upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if file_id not in self._uploads:
            return web.Response(status=404)
        self._uploads[file_id] = (self._uploads[file_id][0], await request.read())
        return web.Response(text=f"OK - {len(self._uploads[file_id][1] or b'')}")

    async def _m_files_completeUploadExternal(self, params: dict[str, Any]) -> web.Response:
        files = params.get("files")
        channel = str(params.get("channel_id", ""))
        if not isinstance(files, list) or not files:
            return self._error("invalid_arguments")
        done = []
        for entry in files:
            name, content = self._uploads.get(str(entry.get("id")), ("", None))
            if content is None:
                return self._error("file_not_found")
            if channel:
                self.files[channel].append((name, content))
            done.append({"id": entry["id"], "name": name, "title": entry.get("title") or name})
        return web.json_response({"ok": True, "files": done})

    async def _m_views_publish(self, params: dict[str, Any]) -> web.Response:
        user, view = str(params.get("user_id", "")), params.get("view")
        if isinstance(view, str):
            view = json.loads(view)
        if not user.startswith(("U", "W")):
            return self._error("user_not_found")
        if not isinstance(view, dict) or view.get("type") != "home":
            return self._error("invalid_arguments")
        if (error := refusal(None, view.get("blocks") or [], MOST_VIEW_BLOCKS)) is not None:
            self.over_limits += 1
            return self._error(error)
        self.homes[user] = view
        return web.json_response({"ok": True, "view": {"id": f"V{len(self.homes)}", **view}})

    async def _m_chat_postEphemeral(self, params: dict[str, Any]) -> web.Response:
        channel = str(params.get("channel", ""))
        refused = self._refuse(channel, params)
        if refused is not None:
            return refused
        if not params.get("user"):
            return self._error("user_not_in_channel")
        posted = self._record(params, str(params["user"]))
        return web.json_response({"ok": True, "message_ts": posted.ts})

    async def _m_chat_update(self, params: dict[str, Any]) -> web.Response:
        channel = str(params.get("channel", ""))
        for posted in self.received[channel]:
            if posted.ts == params.get("ts"):
                posted.text = str(params.get("text") or posted.text)
                posted.blocks = params.get("blocks", posted.blocks)
                return web.json_response(
                    {"ok": True, "channel": channel, "ts": posted.ts, "text": posted.text}
                )
        return self._error("message_not_found")


def _true(value: Any) -> bool:
    return value in (True, 1, "1", "true", "True")


def _history_entry(posted: Posted, metadata: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "type": "message",
        "user": BOT_USER_ID,
        "bot_id": "BSTAND1",
        "text": posted.text,
        "ts": posted.ts,
    }
    if posted.blocks:
        entry["blocks"] = posted.blocks
    if posted.thread_ts:
        entry["thread_ts"] = posted.thread_ts
    if metadata and posted.metadata:
        entry["metadata"] = posted.metadata
    return entry
