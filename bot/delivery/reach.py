"""Whose limit a 429 was: one chat's, or the whole bot's.

A 429 says how long to wait (Telegram's `retry_after`, Slack's `Retry-After`) but not for
what: one chat's limit, or the bot's own (Telegram's flood control for the bot, Slack's for
a method across the workspace). A bot told to wait that sends on to other chats causes
every 429 they meet; a bot that stops for every chat's 429 stalls at one in ten. So each
429 is judged by the sends that reached the platform after it processed the 429: those
that left, to another chat, no sooner than the quickest round trip (less the pacer's
margin) before the 429 was heard. One of them accepted: the chat's limit, and the bot goes
on. One met by a 429 too: the bot's, and it waits. Until it knows, the bot holds every
other send; when none such is on its way, it lets one go to find out (the only 429 it can
cause, and only where 429s hold the whole bot). What was learned holds for the 429s after:
once they are known to be a chat's own, a 429 holds nothing but its chat, until two sends
around one meet a 429 and none is accepted (one chat in ten may meet its own).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.delivery.ports import Verdict


@dataclass
class _Heard:
    """A 429 heard on `chat`, lasting until `until`; sends that left after `after` reached
    the platform after it (`on_way` of them not yet answered)."""

    chat: object
    until: float
    after: float
    holding: bool
    on_way: int = 0
    accepted: int = 0
    refused: int = 0


class Reach:
    def __init__(self) -> None:
        self.whole_bot: bool | None = None  # learned: None until a 429's reach was seen
        self._heard: _Heard | None = None

    def heard(self, chat: object, until: float, after: float, on_way: int) -> None:
        """A 429 on `chat` (`on_way`: sends to other chats that left after `after` and are
        not yet answered)."""
        self._heard = _Heard(chat, until, after, self.whole_bot is not False, on_way)

    def _about(self, chat: object, left: float, now: float) -> _Heard | None:
        """The 429 a send to `chat` that left at `left` tells about, if any."""
        heard = self._heard
        if heard is None or now >= heard.until or chat is heard.chat or left < heard.after:
            return None
        return heard

    def shows(self, chat: object, left: float, now: float) -> bool:
        """Whether a send to `chat` that left at `left` tells about the open 429."""
        return self._about(chat, left, now) is not None

    def left(self, chat: object, now: float) -> None:
        if (heard := self._about(chat, now, now)) is not None:
            heard.on_way += 1

    def answered(self, chat: object, left: float, now: float, verdict: Verdict) -> bool:
        """What a send's answer tells; True when it lifts the hold."""
        heard = self._about(chat, left, now)
        if heard is None:
            return False
        heard.on_way -= 1
        if verdict is Verdict.SENT:
            heard.accepted += 1
            self.whole_bot = False
            lifted, heard.holding = heard.holding, False
            return lifted
        if verdict is Verdict.RETRY_AFTER:
            heard.refused += 1
            if not heard.accepted and (self.whole_bot is not False or heard.refused > 1):
                self.whole_bot = True
                heard.holding = True
        return False

    def hold(self, now: float) -> float:
        """Until when nothing may leave (0: no hold); while 429s are not known to hold the
        whole bot and no send is on its way to tell, one may go and find out."""
        heard = self._heard
        if heard is None or now >= heard.until or not heard.holding:
            return 0.0
        if self.whole_bot is None and heard.on_way <= 0:
            return 0.0
        return heard.until
