"""The Telegram stand-in, stopping: a long poll still waiting is answered at once (nothing
new), not left for the server's cleanup to cut off after its shutdown_timeout, which every
test with a polling bot would wait out."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.standins.telegram import TelegramStandIn


async def test_a_waiting_long_poll_is_answered_when_the_stand_in_stops() -> None:
    async with aiohttp.ClientSession() as session, TelegramStandIn() as tg:
        url = f"{tg.base_url}{tg.token}/getUpdates"

        async def poll() -> tuple[int, object]:
            async with session.post(url, json={"timeout": 20}) as response:
                return response.status, await response.json()

        waiting = asyncio.create_task(poll())
        await asyncio.sleep(0.2)  # the poll is waiting for an update
        assert not waiting.done()
        await tg.stop()
        assert await asyncio.wait_for(waiting, 5) == (200, {"ok": True, "result": []})
