"""No secret in any log line, at DEBUG, through failing platform calls (RELIABILITY.md row
21): the real process (`campaign-bot deliver`, logging as in production) sends a broadcast
against stand-ins answering 502 pages, 429s, dropped connections and 5xx, then meets a
refused token on both platforms; everything it writes to stderr is searched for the tokens
and the signing secret."""

from __future__ import annotations

import asyncio
import re
from contextlib import AsyncExitStack
from pathlib import Path

from bot.app import build_app
from bot.core.caller import Caller
from bot.core.models import Channel, Platform
from bot.core.results import BroadcastRequest
from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn
from tests.delivery_kit import add_channels
from tests.harness import settings_for
from tests.test_crash import _deliver, _env

PAGE = "<html><body><h1>502 Bad Gateway</h1></body></html>"
TOO_MANY = {
    "ok": False,
    "error_code": 429,
    "description": "Too Many",
    "parameters": {"retry_after": 1},
}
UNAUTHORIZED = {"ok": False, "error_code": 401, "description": "Unauthorized"}


async def queue(
    tmp_path: Path, tg: TelegramStandIn, sl: SlackStandIn, channels: int = 0
) -> list[Channel]:
    async with AsyncExitStack() as stack:
        app = await build_app(settings_for(tmp_path, tg, sl), stack)
        made = await add_channels(app, channels, channels)
        request = BroadcastRequest("pay", "all", "Talks resume.", title="Pay")
        await app.services.broadcasts.send(request, Caller.operator())
    return made


async def deliver(tmp_path: Path, tg: TelegramStandIn, sl: SlackStandIn) -> tuple[int, str]:
    process = await _deliver(_env(tmp_path, tg, sl) | {"LOG_LEVEL": "DEBUG"}, tmp_path)
    _, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, err.decode()


async def test_no_token_or_secret_in_the_log_at_debug(tmp_path: Path) -> None:
    async with TelegramStandIn() as tg, SlackStandIn() as sl:
        channels = await queue(tmp_path, tg, sl, channels=3)
        t = [c.chat_id for c in channels if c.platform is Platform.TELEGRAM]
        s = [c.chat_id for c in channels if c.platform is Platform.SLACK]
        tg.fault("sendMessage", status=502, html=PAGE, chat=t[0], times=2)
        tg.fault("sendMessage", kind="reset", chat=t[1])
        tg.fault("sendMessage", status=429, body=TOO_MANY, chat=t[2])
        sl.fault("chat.postMessage", status=500, chat=s[0], times=2)
        sl.fault("chat.postMessage", kind="reset", chat=s[1])
        code, faults = await deliver(tmp_path, tg, sl)
        assert code == 0, faults[-2000:]
        assert all(len(tg.received[c]) >= 1 for c in t) and all(len(sl.received[c]) == 1 for c in s)
        await queue(tmp_path, tg, sl)
        tg.fault("sendMessage", status=401, body=UNAUTHORIZED, times=100)
        sl.fault("chat.postMessage", body={"ok": False, "error": "invalid_auth"}, times=100)
        code, refused = await deliver(tmp_path, tg, sl)
        assert code != 0 and "token" in refused
    logged = faults + refused
    assert " DEBUG " in logged  # the level was in effect
    assert "Bad Gateway (502)" in logged and "operator:" in refused  # the failures were logged
    for secret in (tg.token, sl.token, sl.signing_secret, tg.token.split(":")[1]):
        assert secret not in logged
    assert re.search(r"bot\d+:", logged) is None and re.search(r"xox[abpe]-", logged) is None
