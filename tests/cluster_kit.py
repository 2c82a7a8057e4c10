"""A cluster started by scripts/cluster against stand-ins in this process, and the traffic
a platform sends it: Telegram updates to the webhook and signed Slack events, each retried
until answered 200 as the platforms do, all through HAProxy."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from typing import Any

import aiohttp

from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn
from tests.limits import IN_LOOP_MARGIN, TEARDOWN_MARGIN, within
from tests.ports import free_ports
from tests.processes import spawn

ROOT = Path(__file__).resolve().parent.parent
SECRET = "cluster-webhook-secret"


def have_cluster_tools() -> bool:
    postgres = any(Path("/usr/lib/postgresql").glob("*/bin/postgres"))
    return postgres and shutil.which("haproxy") is not None


@dataclass
class Cluster:
    folder: Path
    state: dict[str, Any]
    tg: TelegramStandIn
    slack: SlackStandIn
    session: aiohttp.ClientSession
    update_ids: count[int] = field(default_factory=lambda: count(10_000_000))

    @property
    def proxy(self) -> str:
        return str(self.state["proxy"])

    @property
    def database_url(self) -> str:
        return str(self.state["database_url"])

    def replicas(self) -> dict[str, str]:
        return {n: f"http://127.0.0.1:{r['port']}" for n, r in self.state["replicas"].items()}

    async def health(self, url: str) -> dict[str, Any]:
        try:
            async with self.session.get(url + "/health", timeout=aiohttp.ClientTimeout(3)) as r:
                return {"status": r.status} | json.loads(await r.text())
        except (aiohttp.ClientError, TimeoutError):
            return {"status": None}

    async def leader(self) -> str | None:
        for name, url in self.replicas().items():
            if (await self.health(url)).get("role") == "leader":
                return name
        return None

    def kill(self, name: str) -> float:
        os.kill(self.state["pids"][name], signal.SIGKILL)
        return time.monotonic()

    async def restart(self, name: str) -> None:
        await script("restart", name, "--dir", str(self.folder))
        self.state = json.loads((self.folder / "state.json").read_text())

    # --- what the platforms send ------------------------------------------------------------

    def telegram_update(self, user: int, text: str) -> dict[str, Any]:
        update_id = next(self.update_ids)
        who = {"id": user, "is_bot": False, "first_name": "Member"}
        message = {
            "message_id": update_id,
            "from": who,
            "chat": {"id": user, "type": "private", "first_name": "Member"},
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
        return {"update_id": update_id, "message": message}

    async def post_telegram(self, update: dict[str, Any], tries: int = 30) -> int:
        """As Telegram does: again, a little later, until the webhook answers 200."""
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        url = self.proxy + "/telegram/webhook"
        status = 0
        for _ in range(tries):
            try:
                async with self.session.post(url, json=update, headers=headers) as response:
                    status = response.status
            except (aiohttp.ClientError, TimeoutError):
                status = 0
            if status == 200:
                return status
            await asyncio.sleep(1.0)
        return status

    async def post_slack(self, envelope: dict[str, Any], tries: int = 30) -> int:
        """As Slack does: retried with X-Slack-Retry-Num until answered 2xx."""
        status = 0
        for attempt in range(tries):
            try:
                answer = await self.slack.post_event(
                    self.proxy + "/slack/events", envelope, retry_num=attempt or None
                )
                status = answer.status
            except (aiohttp.ClientError, TimeoutError):
                status = 0
            if 200 <= status < 300:
                return status
            await asyncio.sleep(1.0)
        return status


async def script(
    *args: str, env: dict[str, str] | None = None, share: float = IN_LOOP_MARGIN
) -> str:
    proc = await spawn(
        str(ROOT / "scripts" / "cluster"),
        *args,
        cwd=ROOT,
        env=(env or dict(os.environ)) | {"PYTHON": sys.executable},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(proc.communicate(), within(600, share))
    assert proc.returncode == 0, f"scripts/cluster {' '.join(args)}: {err.decode()[-3000:]}"
    return out.decode()


@asynccontextmanager
async def cluster(folder: Path, replicas: int = 3, lease: float = 10.0) -> AsyncIterator[Cluster]:
    """PostgreSQL, `replicas` bots and HAProxy (scripts/cluster), against stand-ins here."""
    async with (
        TelegramStandIn(enforce_limits=True) as tg,
        SlackStandIn(enforce_limits=True) as sl,
        aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as session,
    ):
        pg, proxy, *bots = free_ports(2 + replicas)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
        env |= {
            "TELEGRAM_API_BASE_URL": tg.url,
            "TELEGRAM_BOT_TOKEN": tg.token,
            "TELEGRAM_WEBHOOK_SECRET": SECRET,
            "SLACK_API_BASE_URL": sl.base_url,
            "SLACK_BOT_TOKEN": sl.token,
            "SLACK_SIGNING_SECRET": sl.signing_secret,
            "LOG_LEVEL": "INFO",
        }
        where = ["--dir", str(folder)]
        ports = ["--pg-port", str(pg), "--proxy-port", str(proxy), "--replica-ports", str(bots[0])]
        sizes = ["--replicas", str(replicas), "--lease", str(lease)]
        state = json.loads(await script("start", *where, *ports, *sizes, env=env))
        try:
            yield Cluster(folder, state, tg, sl, session)
        finally:
            # also after a test that spent its limit: teardown has until 0.95 of it
            await script("stop", *where, share=TEARDOWN_MARGIN)
