"""While a platform refuses the bot's token: ask it now and then whether it takes the token
again (Telegram getMe, Slack auth.test), and send nothing else meanwhile.

The first question comes a few seconds after the refusal, then each wait doubles up to a few
minutes (WorkerOptions.probe_first, probe_most: 5 s and 300 s). A refusal that lasts moments
(both platforms have answered 401 / invalid_auth for a while during their own incidents)
costs seconds; a token a person must fix costs 16 questions in the first hour and 12 an
hour after, far inside either platform's limits for these methods, and once it is fixed
the queue waits at most five minutes more. The questions are not logged; the resumption
is, in one line.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot.delivery.ports import Sender


class TokenProbe:
    def __init__(self, first: float, most: float, sent: Callable[[], int]) -> None:
        self.first, self.most, self.sent = first, most, sent
        self.wait = first
        self.asked = 0  # questions asked, in all
        self._sent_at_resume = -1

    async def until_accepted(self, sender: Sender) -> None:
        """Return once the platform takes the token again. The wait starts short again only
        if sends went through since the last resume: a token taken by getMe but refused for
        sending would otherwise halt and resume every few seconds, a log line each time."""
        if self.sent() > self._sent_at_resume:
            self.wait = self.first
        while True:
            await asyncio.sleep(self.wait)
            self.wait = min(self.most, self.wait * 2)
            self.asked += 1
            if await sender.token_accepted():
                self._sent_at_resume = self.sent()
                return
