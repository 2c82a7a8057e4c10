"""Pacing sends at each platform's limits, reserving a time slot for every send.

Telegram: ≈30 messages/s for the bot, 20/min per group, ≈1/s per private chat.
Slack: ≈1 message/s per channel. A 429 pauses only what it must: the chat, or the bot.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass

from bot.core.models import Channel, ChatKind, Platform

GUARD_WINDOW = 1.03  # seconds: a platform's one-second window, with room for jitter
SLACK_WORKSPACE_RATE = 10.0  # messages/s across a workspace (≈600 a minute)


@dataclass(frozen=True)
class Limits:
    per_bot: float | None  # messages per second for the whole bot; None: no limit
    group_window: tuple[int, float] | None  # (messages, seconds) per group chat
    per_dm: float | None  # messages per second in one private chat
    per_channel: float | None  # messages per second in one channel (Slack)

    @classmethod
    def for_platform(cls, platform: Platform, unlimited: bool = False) -> Limits:
        if platform is Platform.TELEGRAM:
            # A little under 30/s, so clock jitter never makes 31 in a second.
            return cls(None if unlimited else 29.4, (20, 60.0), 1.0, None)
        if platform is Platform.SLACK:
            # 1/s per channel; Slack also caps a workspace at "several hundred a minute".
            return cls(None if unlimited else SLACK_WORKSPACE_RATE, None, 1.0, 1.0)
        return cls(None, None, None, None)


class Pacer:
    def __init__(self, limits: Limits, now: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._now = now
        self._next_bot = 0.0
        self._paused_until = 0.0
        self._chat_next: dict[str, float] = {}
        self._chat_paused: dict[str, float] = {}
        self._group_sends: defaultdict[str, deque[float]] = defaultdict(deque)
        self._dispatched: deque[float] = deque()

    def _chat_gap(self, channel: Channel) -> float:
        if channel.kind is ChatKind.DM and self.limits.per_dm:
            return 1.0 / self.limits.per_dm
        if channel.kind is not ChatKind.DM and self.limits.per_channel:
            return 1.0 / self.limits.per_channel
        return 0.0

    def reserve(self, channel: Channel) -> float:
        """Reserve the earliest allowed moment for one send to `channel`; return it."""
        key = channel.chat_id
        slot = max(
            self._now(),
            self._paused_until,
            self._chat_next.get(key, 0.0),
            self._chat_paused.get(key, 0.0),
        )
        if self.limits.per_bot:
            slot = max(slot, self._next_bot)
        window = self.limits.group_window
        if window and channel.kind is not ChatKind.DM:
            count, seconds = window
            sends = self._group_sends[key]
            while sends and sends[0] <= slot - seconds:
                sends.popleft()
            if len(sends) >= count:
                slot = max(slot, sends[0] + seconds)
            sends.append(slot)
        if self.limits.per_bot:
            self._next_bot = slot + 1.0 / self.limits.per_bot
        self._chat_next[key] = slot + self._chat_gap(channel)
        return slot

    async def wait_turn(self, channel: Channel) -> None:
        delay = self.reserve(channel) - self._now()
        if delay > 0:
            await asyncio.sleep(delay)
        if self.limits.per_bot:
            await self._guard()

    async def _guard(self) -> None:
        """Whatever the schedule said, never dispatch more than the platform's per-second
        count within a slightly longer window: a late wake-up cannot bunch sends into a 429."""
        assert self.limits.per_bot is not None
        burst = math.ceil(self.limits.per_bot)
        while True:
            now = self._now()
            while self._dispatched and self._dispatched[0] <= now - GUARD_WINDOW:
                self._dispatched.popleft()
            if len(self._dispatched) < burst:
                self._dispatched.append(now)
                return
            await asyncio.sleep(self._dispatched[0] + GUARD_WINDOW - now)

    def pause_chat(self, channel: Channel, seconds: float) -> None:
        self._chat_paused[channel.chat_id] = self._now() + seconds

    def pause_all(self, seconds: float) -> None:
        self._paused_until = max(self._paused_until, self._now() + seconds)
        self._next_bot = max(self._next_bot, self._paused_until)

    def backlog(self) -> float:
        """How far ahead of now the bot-wide slots are already reserved."""
        return max(0.0, self._next_bot - self._now())
