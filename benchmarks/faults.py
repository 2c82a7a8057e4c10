"""Delivery under faults at 80 ms round trips: the crash loop and the fault run (issue 13).

Crash loop: one broadcast to 200 Telegram groups and 200 Slack channels at once, delivered
by `campaign-bot deliver --until-idle` in a child process, killed with SIGKILL as the
stand-ins' receipts reach each kill point, restarted, and finally run to the end. After
each kill the rows left *sending* are the sends in doubt; a duplicate is a channel that got
the message twice, attributed to the kill that left it in doubt.

Fault run: two broadcasts queued at once (the second to a subset that includes every
blocked or gone chat), stand-ins answering 10% of sends with a 429 and `retry_after`, 5%
with a 500 or a 502 HTML page, 3% hanging past the client's timeout; blocked private chats,
a group migrated to a supergroup, archived, missing and left Slack channels. The stand-ins
never process a hung request; `faults_processed` is the same run where each hung request was
processed before it hung (as RELIABILITY.md row 10's fake does): the message arrived, the bot
cannot know it, and a Telegram resend is a duplicate, which must be flagged.

Run alone: `python -m benchmarks.faults [--quick] [--only crash|faults] [--channels N]
[--kills K]` (prints JSON); `make bench` includes it. Another harness's parameters, one at a
time: `--rtt S` and `--jitter S` (each round trip drawn from rtt ± jitter), `--retry-after N`
(the 429s' wait), `--whole-bot` (a 429 holds every send for its wait, not one chat's),
`--groups N` (Telegram groups in the fault run), `--hangs late` (a hung request processed
after the client gave up, rather than at once or never; several may be given).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import signal
import sqlite3
import sys
import tempfile
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import ROOT, StandinProcess, app_for, env_for
from bot.app import start_delivery
from bot.core.caller import Caller
from bot.core.models import ChatKind, Platform, SubscriptionState
from bot.core.results import BroadcastRequest
from bot.delivery.pacing import BOT_MARGIN
from bot.delivery.slots import most_in_doubt

RTT = 0.08
TELEGRAM_RATE = 30.0
SLACK_RATE = 10.0
HANG_SECONDS = 16.0  # past both clients' timeouts (Telegram 10 s, Slack 15 s)

Spec = tuple[Platform, str, ChatKind, tuple[str, ...]]
HANGS = {"unprocessed": "hang", "processed": "slow_after", "late": "late"}


@dataclass(frozen=True)
class Mix:
    """The stand-ins' round trips and 429s (the defaults: this project's own example)."""

    rtt: float = RTT
    jitter: float = 0.0
    retry_after: int = 1
    whole_bot: bool = False

    async def start(self, platform: str) -> StandinProcess:
        standin = await StandinProcess.start(platform, delay=self.rtt, limits=True)
        if self.jitter:
            await standin.control({"jitter": self.jitter})
        return standin


async def _queue(db: Path, tg: StandinProcess, sl: StandinProcess, specs: list[Spec]) -> None:
    """Subscribe the channels, then queue one broadcast per topic ('pay' first)."""
    async with AsyncExitStack() as stack:
        app = await app_for(stack, db, tg, sl)
        for platform, chat, kind, topics in specs:
            channel = await app.store.channels.upsert(platform, chat, kind)
            for topic in topics:
                await app.store.subscriptions.add(
                    channel.id, "dwp-leeds", topic, SubscriptionState.ACTIVE
                )
        every = sorted({t for *_, ts in specs for t in ts}, key=lambda t: t != "pay")
        for topic in every:
            request = BroadcastRequest(topic, "all", f"Talks resume ({topic}).", title="Update")
            await app.services.broadcasts.send(request, Caller.operator("bench"))


def _rows(db: Path) -> list[tuple[str, str, str, int]]:
    """(platform, chat id, state, ambiguous) of every delivery."""
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            "SELECT d.platform, c.chat_id, d.state, d.ambiguous FROM deliveries d "
            "JOIN channels c ON c.id = d.channel_id"
        ).fetchall()
    finally:
        conn.close()


async def _deliver(env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "deliver",
        "--until-idle",
        env=env,
        cwd=ROOT,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def _received(standins: list[StandinProcess]) -> int:
    return sum([(await s.stats())["received"] for s in standins])


async def _kill_at(k: int, env: dict[str, str], standins: list[StandinProcess]) -> bool:
    """Start the sender, kill it with SIGKILL once the stand-ins hold k messages; False if it
    finished first."""
    proc = await _deliver(env)
    deadline = time.monotonic() + 120
    while proc.returncode is None and time.monotonic() < deadline:
        if await _received(standins) >= k:
            os.kill(proc.pid, signal.SIGKILL)
            await proc.wait()
            return True
        await asyncio.sleep(0.002)
    await proc.wait()
    return False


async def crash_loop(channels: int, kills: int, mix: Mix = Mix()) -> dict[str, Any]:
    tg, sl = await mix.start("telegram"), await mix.start("slack")
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "crash.db"
            specs: list[Spec] = []
            for i in range(channels):
                specs.append((Platform.TELEGRAM, str(-1001000000000 - i), ChatKind.GROUP, ("pay",)))
                specs.append((Platform.SLACK, f"C{i:08d}", ChatKind.CHANNEL, ("pay",)))
            await _queue(db, tg, sl, specs)
            env = env_for(db, tg, sl)
            total = 2 * channels
            points = [round(total * (i + 0.5) / (kills + 1)) for i in range(1, kills + 1)]
            in_doubt: list[list[tuple[str, str]]] = []
            for k in points:
                if await _kill_at(k, env, [tg, sl]):
                    in_doubt.append([(p, c) for p, c, state, _ in _rows(db) if state == "sending"])
            proc = await _deliver(env)
            await asyncio.wait_for(proc.wait(), 900)
            rows = _rows(db)
        copies = {"telegram": (await tg.stats())["per_chat"]}
        copies["slack"] = (await sl.stats())["per_chat"]
    finally:
        await tg.stop()
        await sl.stop()
    return _crash_figures(channels, in_doubt, rows, copies, mix.rtt)


def _crash_figures(
    channels: int,
    in_doubt: list[list[tuple[str, str]]],
    rows: list[tuple[str, str, str, int]],
    copies: dict[str, dict[str, int]],
    rtt: float = RTT,
) -> dict[str, Any]:
    flagged = {(p, c) for p, c, _, ambiguous in rows if ambiguous}
    twice = {(p, c) for p, per_chat in copies.items() for c, n in per_chat.items() if n > 1}
    seen: set[tuple[str, str]] = set()
    per_kill: dict[str, list[int]] = {"telegram": [], "slack": []}
    doubt_per_kill: dict[str, list[int]] = {"telegram": [], "slack": []}
    for doubted in in_doubt:
        fresh = set(doubted) - seen  # still in doubt from an earlier kill: counted there
        seen |= fresh
        for platform in per_kill:
            doubt_per_kill[platform].append(sum(1 for p, _ in doubted if p == platform))
            per_kill[platform].append(sum(1 for p, c in fresh & twice if p == platform))
    figures: dict[str, Any] = {"kills": len(in_doubt), "channels_per_platform": channels}
    for platform in per_kill:
        got = copies[platform]
        figures[f"{platform}_lost"] = channels - sum(1 for n in got.values() if n > 0)
        figures[f"{platform}_duplicates"] = sum(n - 1 for n in got.values() if n > 1)
        figures[f"{platform}_duplicates_per_kill"] = per_kill[platform]
        figures[f"{platform}_max_duplicates_per_kill"] = max(per_kill[platform], default=0)
        figures[f"{platform}_in_doubt_per_kill"] = doubt_per_kill[platform]
    figures["lost"] = figures["telegram_lost"] + figures["slack_lost"]
    figures["delivery_states"] = {
        state: sum(1 for _, _, s, _ in rows if s == state) for state in {r[2] for r in rows}
    }
    figures["unflagged_duplicates"] = len(twice - flagged)
    figures["unattributed_duplicates"] = len(twice - seen)
    figures["telegram_bound_at_rtt"] = math.ceil(TELEGRAM_RATE * rtt * 1.25)
    figures["telegram_bound_per_kill"] = most_in_doubt(TELEGRAM_RATE, rtt)  # the README's
    return figures


def _faults(method: str, too_many: dict[str, Any], hang: str = "hang") -> list[dict[str, Any]]:
    """10% 429, 3% 502 as an HTML page, 2% 500, 3% hangs past the client's timeout (`hang`:
    not processed; "slow_after": processed, then the answer never comes; "late": processed
    once the client has given up)."""
    forever = 10**9
    return [
        too_many | {"method": method, "chance": 0.10, "times": forever},
        {
            "method": method,
            "status": 502,
            "html": "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "chance": 0.03,
            "times": forever,
        },
        {"method": method, "status": 500, "chance": 0.02, "times": forever},
        {"method": method, "kind": hang, "seconds": HANG_SECONDS}
        | {"chance": 0.03, "times": forever},
    ]


def _fault_specs(groups: int, dms: int, slack: int) -> tuple[list[Spec], dict[str, Any]]:
    """Channels (every one on 'pay', the blocked or gone ones and some others also on
    'ballots') and what each stand-in is told to refuse."""
    blocked = [str(100000 + i) for i in range(10)]
    gone = {"archived": ["C00000000", "C00000001"], "not_in": ["C00000002"]}
    gone["missing"] = ["C00000003"]
    bad_slack = {c for cs in gone.values() for c in cs}
    specs: list[Spec] = []
    for i in range(groups):
        specs.append((Platform.TELEGRAM, str(-1001000000000 - i), ChatKind.GROUP, ("pay",)))
    for i in range(dms):
        chat = str(100000 + i)
        topics = ("pay", "ballots") if chat in blocked or i % 10 == 0 else ("pay",)
        specs.append((Platform.TELEGRAM, chat, ChatKind.DM, topics))
    for i in range(slack):
        chat = f"C{i:08d}"
        topics = ("pay", "ballots") if chat in bad_slack or i % 5 == 0 else ("pay",)
        specs.append((Platform.SLACK, chat, ChatKind.CHANNEL, topics))
    migrated = {"-1001000000000": "-1009000000000"}
    control = {"blocked": blocked, "migrated": migrated, "slack": gone}
    return specs, control


async def fault_run(
    groups: int, dms: int, slack: int, hang: str = "hang", mix: Mix = Mix()
) -> dict[str, Any]:
    specs, control = _fault_specs(groups, dms, slack)
    tg, sl = await mix.start("telegram"), await mix.start("slack")
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "faults.db"
            await _queue(db, tg, sl, specs)
            tg_429 = {"status": 429, "body": _tg_429(mix.retry_after), "whole_bot": mix.whole_bot}
            sl_429 = {"status": 429, "body": {"ok": False, "error": "ratelimited"}}
            sl_429 |= {"headers": {"Retry-After": str(mix.retry_after)}, "whole_bot": mix.whole_bot}
            await tg.control(
                {"faults": _faults("sendMessage", tg_429, hang)}
                | {k: control[k] for k in ("blocked", "migrated")}
            )
            await sl.control(
                {"faults": _faults("chat.postMessage", sl_429, hang)} | control["slack"]
            )
            elapsed = await _settle(db, tg, sl)
            if hang == "late":  # the hung requests still to be processed
                await asyncio.sleep(HANG_SECONDS + 1)
            rows = _rows(db)
        tg_stats, sl_stats = await tg.stats(), await sl.stats()
    finally:
        await tg.stop()
        await sl.stop()
    figures = _fault_figures(specs, control, rows, tg_stats, sl_stats, mix.rtt)
    return figures | {"elapsed_s": elapsed}


def _tg_429(seconds: int = 1) -> dict[str, Any]:
    return {
        "ok": False,
        "error_code": 429,
        "description": f"Too Many Requests: retry after {seconds}",
        "parameters": {"retry_after": seconds},
    }


async def _settle(db: Path, tg: StandinProcess, sl: StandinProcess) -> float:
    async with AsyncExitStack() as stack:
        app = await app_for(stack, db, tg, sl)
        started = time.perf_counter()
        engine = await start_delivery(app, stack)
        assert engine is not None
        for line in await app.services.broadcasts.recent(10):
            await engine.settle(line.broadcast.id, poll=0.05)
        return time.perf_counter() - started


def _fault_figures(
    specs: list[Spec],
    control: dict[str, Any],
    rows: list[tuple[str, str, str, int]],
    tg_stats: dict[str, Any],
    sl_stats: dict[str, Any],
    rtt: float = RTT,
) -> dict[str, Any]:
    unreachable = set(control["blocked"]) | {c for cs in control["slack"].values() for c in cs}
    moved = control["migrated"]
    got = tg_stats["per_chat"] | sl_stats["per_chat"]
    expected = {moved.get(chat, chat): len(topics) for _, chat, _, topics in specs}
    reachable = [chat for chat in expected if chat not in unreachable]
    exact = sum(1 for chat in reachable if got.get(chat, 0) == expected[chat])
    short = sum(max(0, expected[chat] - got.get(chat, 0)) for chat in reachable)
    extra = sum(max(0, got.get(chat, 0) - expected[chat]) for chat in reachable)
    states: dict[str, int] = {}
    flagged: set[str] = set()
    for _, chat, state, ambiguous in rows:
        states[state] = states.get(state, 0) + 1
        if ambiguous:
            flagged.add(moved.get(chat, chat))
    twice = {chat for chat in reachable if got.get(chat, 0) > expected[chat]}
    both = {"telegram": tg_stats, "slack": sl_stats}
    return {
        "messages_expected": sum(expected[chat] for chat in reachable),
        "exactly_once_rate": round(exact / len(reachable), 4),
        "lost": short,
        "duplicates": extra,
        "unflagged_duplicates": len(twice - flagged),
        "sends_after_block": tg_stats["sends_after_refusal"] + sl_stats["sends_after_refusal"],
        "bot_caused_429s": tg_stats["too_many"] + sl_stats["too_many"],
        "telegram_rate_ratio": _share(tg_stats["arrivals"], TELEGRAM_RATE),
        "slack_rate_ratio": _share(sl_stats["arrivals"], SLACK_RATE),
        "telegram_rate_ratio_whole_run": _share(tg_stats["arrivals"], TELEGRAM_RATE, 1.0),
        "telegram_rate_ceiling": _ceiling(tg_stats, rtt),
        "slack_rate_ceiling": _ceiling(sl_stats, rtt),
        "faults_injected": {"telegram": tg_stats["faults"], "slack": sl_stats["faults"]},
        # a whole-bot 429 the bot caused: how long after it was told each send reached it
        "caused_after_told": {p: s["caused_after_told"] for p, s in both.items()},
        "delivery_states": states,
    }


def _share(arrivals: list[float], limit: float, part: float = 0.95) -> float:
    """Messages accepted per second ÷ the platform's limit, over the first `part` of them
    (the rest wait out hung requests and backoff: a tail, not the pace)."""
    last = max(1, math.ceil(len(arrivals) * part) - 1)
    span = arrivals[last] - arrivals[0]
    return round(last / span / limit, 3) if span > 0 else 0.0


def _ceiling(stats: dict[str, Any], rtt: float = RTT) -> float:
    """The most a pacer that never causes a 429 can deliver under the faults injected, as a
    share of the limit: every send that may have arrived (answered, or hung with no answer)
    is counted for the window plus the pacer's margin, and a refused one (429, 5xx) until
    its answer a round trip later. Accepted ÷ (counted × (1 + margin) + refused × round trip),
    per window of one second."""
    faults = stats["faults"]
    hung = faults.get("hang", 0)  # a "slow_after" or "late" one was processed: received
    refused = sum(n for label, n in faults.items() if label not in HANGS.values())
    sends = stats["received"] + hung + refused
    counted = (stats["received"] + hung) / sends
    used = counted * (1 + BOT_MARGIN) + refused / sends * rtt
    return round(stats["received"] / sends / used, 3)


async def measure(
    quick: bool,
    only: str | None = None,
    channels: int | None = None,
    kills: int = 8,
    mix: Mix = Mix(),
    hangs: tuple[str, ...] = ("unprocessed", "processed"),
    groups: int | None = None,
) -> dict[str, Any]:
    """Both runs (`only`: one of them); `channels` sizes the crash loop's broadcast, `groups`
    the fault run's Telegram groups; `hangs` says which fault runs (unprocessed, processed,
    late)."""
    results: dict[str, Any] = {}
    if only in (None, "crash"):
        results["crash"] = await crash_loop(channels or (60 if quick else 200), kills, mix)
    if only in (None, "faults"):
        sizes = (120, 40, 60) if quick else (500, 100, 200)
        sizes = (groups or sizes[0], *sizes[1:])
        for hang in hangs:
            name = {"unprocessed": "faults", "processed": "faults_processed"}.get(hang)
            run = await fault_run(*sizes, hang=HANGS[hang], mix=mix)
            results[name or f"faults_{hang}"] = run
    return results


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.faults", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes")
    parser.add_argument("--only", choices=("crash", "faults"), help="run one of the two")
    parser.add_argument("--channels", type=int, help="crash loop: channels per platform")
    parser.add_argument("--kills", type=int, default=8, help="crash loop: kill points")
    parser.add_argument("--rtt", type=float, default=RTT, help="round trip, seconds")
    parser.add_argument("--jitter", type=float, default=0.0, help="round trips rtt ± this")
    parser.add_argument("--retry-after", type=int, default=1, help="the 429s' wait, seconds")
    parser.add_argument("--whole-bot", action="store_true", help="a 429 holds every send")
    parser.add_argument("--groups", type=int, help="fault run: Telegram groups")
    parser.add_argument(
        "--hangs", choices=sorted(HANGS), action="append", help="fault runs to make"
    )
    args = parser.parse_args()
    mix = Mix(args.rtt, args.jitter, args.retry_after, args.whole_bot)
    hangs = tuple(args.hangs or ("unprocessed", "processed"))
    figures = measure(args.quick, args.only, args.channels, args.kills, mix, hangs, args.groups)
    print(json.dumps(asyncio.run(figures), indent=2))


if __name__ == "__main__":
    main()
