"""Members: importing the membership list (200,000 rows) and re-syncing it with 1% changes,
each as its own `campaign-bot members import` process (wall time and peak RSS); a /join
request end to end through both stand-ins, to the officer's Approve and back.

    python -m benchmarks.members [--rows N] [--joins N]
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from bot.app import start_bot
from bot.core import buttons
from bot.core.caller import Caller
from bot.core.models import Identity, Platform, Role
from bot.settings import Settings
from bot.standins.slack import SlackStandIn
from bot.standins.telegram import TelegramStandIn

ROOT = Path(__file__).resolve().parent.parent
KEY = "benchmark-member-key-" + "0123456789abcdef" * 3
BRANCHES = ["dwp-leeds", "dwp-glasgow", "hmrc-liverpool", "hmrc-newcastle"]


def write_list(path: Path, rows: int, changed: float = 0.0) -> None:
    """`rows` members; with `changed`, that share differs: half moved branch, a quarter gone
    (lapsed), a quarter new."""
    step = int(1 / changed) if changed else 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["membership_number", "branch", "email", "name"])
        for i in range(rows):
            branch, number = BRANCHES[i % len(BRANCHES)], f"M{i:08d}"
            if step and i % step == 0:
                kind = (i // step) % 4
                if kind == 0:
                    continue  # lapsed
                if kind == 1:
                    number = f"N{i:08d}"  # new
                else:
                    branch = BRANCHES[(i + 1) % len(BRANCHES)]  # moved
            email = f"member{i}@example.org" if i % 2 else ""
            out.writerow([number, branch, email, "Someone"])


def run_import(db: Path, path: Path) -> dict[str, Any]:
    """One `campaign-bot members import FILE --yes` process: wall seconds, peak RSS (MB)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "SLACK_"))}
    env |= {
        "DATABASE_URL": f"sqlite+aiosqlite:///{db}",
        "CONTENT_DIR": str(ROOT / "campaigns"),
        "MESSAGES_DIR": str(ROOT / "messages"),
        "MEMBER_KEY": KEY,
    }
    started = time.perf_counter()
    command = [sys.executable, "-m", "bot", "members", "import", str(path), "--yes", "--json"]
    proc = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise RuntimeError(f"import failed: {err.decode()[-500:]}")
    return {"seconds": round(elapsed, 2), **json.loads(out)}


def run_measured(db: Path, path: Path) -> dict[str, Any]:
    """run_import in a fresh helper process, so that its children's peak RSS is this one's."""
    helper = [sys.executable, "-m", "benchmarks.members", "--import-child", str(db), str(path)]
    done = subprocess.run(helper, capture_output=True, check=True, text=True)
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def import_child(db: Path, path: Path) -> None:
    result = run_import(db, path)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = round(used.ru_utime + used.ru_stime, 2)
    print(json.dumps(result | {"peak_rss_mb": round(used.ru_maxrss / 1024, 1), "cpu_s": cpu}))


def measure_imports(rows: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        db, first, second = (Path(folder) / n for n in ("m.db", "first.csv", "second.csv"))
        write_list(first, rows)
        write_list(second, rows, changed=0.01)
        initial = run_measured(db, first)
        resync = run_measured(db, second)
    return {
        "rows": rows,
        "import_s": initial["seconds"],
        "import_cpu_s": initial["cpu_s"],
        "import_peak_rss_mb": initial["peak_rss_mb"],
        "resync_s": resync["seconds"],
        "resync_cpu_s": resync["cpu_s"],
        "resync_peak_rss_mb": resync["peak_rss_mb"],
        "resync_added": resync["added"],
        "resync_moved": resync["moved"],
        "resync_lapsed": resync["lapsed"],
    }


async def _arrives(box: Any, key: str, before: int, within: float = 30.0) -> float:
    deadline = time.perf_counter() + within
    while len(box[key]) <= before:
        if time.perf_counter() > deadline:
            raise TimeoutError(f"nothing arrived for {key}")
        await asyncio.sleep(0.005)
    return time.perf_counter()


async def measure_joins(joins: int) -> dict[str, Any]:
    """Members send /join on Telegram; the officer, on Slack, presses Approve; the member is
    told. Latency of each leg, through the real clients, the outbox and the delivery engine."""
    officer, officer_dm = "U0OFFICER1", "D0OFFICER1"
    async with TelegramStandIn() as tg, SlackStandIn() as sl, AsyncExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            DATABASE_URL=f"sqlite+aiosqlite:///{folder / 'bot.db'}",
            CONTENT_DIR=str(ROOT / "campaigns"),
            MESSAGES_DIR=str(ROOT / "messages"),
            HTTP_PORT=0,
            LOG_LEVEL="WARNING",
            MEMBER_KEY=KEY,
            TELEGRAM_BOT_TOKEN=tg.token,
            TELEGRAM_API_BASE_URL=tg.url,
            SLACK_BOT_TOKEN=sl.token,
            SLACK_SIGNING_SECRET=sl.signing_secret,
            SLACK_API_BASE_URL=sl.base_url,
        )
        bot = await start_bot(settings, stack)
        app = bot.app
        listed = folder / "list.csv"
        write_list(listed, joins)
        await app.services.membership.import_list(
            lambda: iter(listed.read_bytes().splitlines(keepends=True)), True, Caller.operator()
        )
        who = Identity(Platform.SLACK, officer)
        await app.services.roles.grant(who, Role.OFFICER, "dwp-leeds", Caller.operator())
        events = bot.http.url + "/slack/events"
        asked, approved = [], []
        for i in range(0, joins, len(BRANCHES)):  # the dwp-leeds members
            user = 5_200_000_000 + i
            before = len(sl.received[officer])
            started = time.perf_counter()
            tg.message(user, f"/join M{i:08d} dwp-leeds")
            asked.append(await _arrives(sl.received, officer, before) - started)
            button = next(
                e["value"]
                for b in sl.received[officer][-1].blocks or []
                if b.get("type") == "actions"
                for e in b["elements"]
                if e["value"].removeprefix(buttons.PREFIX).startswith("/approve_join")
            )
            before = len(tg.received[str(user)])
            started = time.perf_counter()
            await sl.post_action(events, sl.block_action(officer, officer_dm, button))
            await _arrives(tg.received, str(user), before)
            while "You're in" not in tg.received[str(user)][-1].text:
                await _arrives(tg.received, str(user), len(tg.received[str(user)]))
            approved.append(time.perf_counter() - started)
    return {
        "joins": len(asked),
        "request_to_officer_s_median": round(statistics.median(asked), 3),
        "request_to_officer_s_worst": round(max(asked), 3),
        "approve_to_member_s_median": round(statistics.median(approved), 3),
        "approve_to_member_s_worst": round(max(approved), 3),
    }


async def measure(rows: int = 200_000, joins: int = 40) -> dict[str, Any]:
    results = await asyncio.to_thread(measure_imports, rows)
    return results | await measure_joins(joins)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.members", description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--joins", type=int, default=40)
    parser.add_argument("--import-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_child:
        import_child(Path(args.import_child[0]), Path(args.import_child[1]))
        return
    print(json.dumps(asyncio.run(measure(args.rows, args.joins)), indent=2))


if __name__ == "__main__":
    main()
