"""python -m benchmarks.cluster: replicas on PostgreSQL behind HAProxy (scripts/cluster),
against stand-ins enforcing Telegram's limits. Writes benchmarks/cluster.json.

- failover: five times, with a broadcast under way, kill -9 the leader; seconds from the
  kill to the first broadcast message sent by the new leader, and duplicates per kill;
  the killed replica is started again (as a standby) before the next round.
- incoming: Telegram updates posted through HAProxy by 64 senders at once, to 1 and to 3
  replicas: 90% chatter in groups not addressed to the bot, 10% questions by DM, each
  answered. Updates handled per second: until every update is answered 200 (stored) and its
  inbox row marked handled (not until the replies arrive: those share the token's one
  budget of 30/s across the cluster); also the seconds until every question's reply was
  received, the replicas' CPU seconds per update, and how busy the whole machine was.

--quick runs the smallest sizes (a check that it works, not figures); --out FILE writes the
figures elsewhere than benchmarks/cluster.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bot.app import build_app
from bot.core.caller import Caller
from bot.core.results import BroadcastRequest
from bot.storage.database import create_engine
from tests.cluster_kit import Cluster, cluster
from tests.delivery_kit import add_channels
from tests.harness import settings_for

RESULTS = Path(__file__).parent / "cluster.json"


async def failovers(folder: Path, rounds: int, channels: int) -> dict[str, Any]:
    times: list[float] = []
    duplicates: list[int] = []
    async with cluster(folder / "failover") as c, AsyncExitStack() as stack:
        settings = settings_for(folder, c.tg, c.slack, DATABASE_URL=c.database_url)
        app = await build_app(settings, stack)
        chats = [ch.chat_id for ch in await add_channels(app, channels, 0)]
        for round_ in range(1, rounds + 1):
            took, extra = await one_failover(c, app, chats, f"Round {round_} of talks.")
            times.append(took)
            duplicates.append(extra)
        too_many = c.tg.too_many
    return {
        "failover_s": [round(t, 2) for t in times],
        "failover_median_s": round(statistics.median(times), 2),
        "failover_worst_s": round(max(times), 2),
        "duplicates_per_failover": duplicates,
        "channels_per_round": channels,
        "http_429s": too_many,
    }


async def one_failover(c: Cluster, app: Any, chats: list[str], words: str) -> tuple[float, int]:
    """A broadcast; the leader killed a quarter of the way; seconds until the new leader's
    first send, and the copies sent twice. The killed replica comes back as a standby."""
    request = BroadcastRequest("pay", "all", words, title="Pay")
    await app.services.broadcasts.send(request, Caller.operator())

    def got() -> list[float]:
        return sorted(s.at for chat in chats for s in c.tg.received[chat] if words in s.text)

    def everywhere() -> bool:
        return all(any(words in s.text for s in c.tg.received[chat]) for chat in chats)

    await until(lambda: len(got()) >= len(chats) // 4, 120)
    leader = await c.leader()
    assert leader is not None
    killed = c.kill(leader)
    await until(lambda: any(t > killed + 0.05 for t in got()), 60)
    took = min(t for t in got() if t > killed + 0.05) - killed
    await until(everywhere, 300)
    await asyncio.sleep(2)
    copies = [sum(words in s.text for s in c.tg.received[chat]) for chat in chats]
    await c.restart(leader)
    await until_healthy(c, leader)
    return took, sum(n - 1 for n in copies)


def plan_updates(c: Cluster, updates: int) -> list[dict[str, Any]]:
    """90% chatter in groups (not addressed to the bot), 10% questions by DM."""
    plan = []
    for i in range(updates):
        if i % 10 == 0:
            plan.append(c.telegram_update(8_000_000 + i, "/ask how do I vote?"))
        else:
            update = c.telegram_update(7_000_000 + i, "are we meeting on thursday?")
            update["message"]["chat"] = {"id": -1002000000000 - i % 50, "type": "supergroup",
                                         "title": "Branch"}  # fmt: skip
            plan.append(update)
    return plan


async def incoming(folder: Path, replicas: int, updates: int, senders: int = 64) -> dict[str, Any]:
    """Seconds until every update is answered 200 (stored), marked handled in the inbox, and
    every question's reply received; and the CPU the replicas and the machine spent."""
    async with cluster(folder / f"incoming-{replicas}", replicas=replicas) as c:
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        for update in plan_updates(c, updates):
            queue.put_nowait(update)
        statuses: list[int] = []

        async def sender() -> None:
            while not queue.empty():
                statuses.append(await c.post_telegram(queue.get_nowait()))

        asked = [str(8_000_000 + i) for i in range(0, updates, 10)]
        pids = [c.state["pids"][name] for name in c.replicas()]
        cpu, machine, started = replicas_cpu(pids), machine_cpu(), time.monotonic()
        await asyncio.gather(*(sender() for _ in range(senders)))
        accepted = time.monotonic() - started
        handled = await until_handled(c.database_url, updates, started)
        await until(lambda: all(c.tg.received[user] for user in asked), 300)
        answered = time.monotonic() - started
        cpu, (busy, total) = replicas_cpu(pids) - cpu, machine_cpu()
    assert set(statuses) == {200}
    return {"replicas": replicas, "updates": updates, "accepted_s": round(accepted, 2),
            "handled_s": round(handled, 2), "answered_s": round(answered, 2),
            "handled_per_s": round(updates / handled, 1),
            "replica_cpu_s_per_update": round(cpu / updates, 4),
            "machine_busy": round((busy - machine[0]) / (total - machine[1]), 2),
            "load_average": round(os.getloadavg()[0], 1)}  # fmt: skip


async def until_handled(database_url: str, updates: int, started: float) -> float:
    """Seconds from `started` until `updates` Telegram updates are marked handled."""
    engine = create_engine(database_url)
    query = text("SELECT count(*) FROM inbox WHERE source = :source AND state = 'handled'")
    try:
        while True:
            async with engine.connect() as conn:
                if (await conn.scalar(query, {"source": "telegram:update"}) or 0) >= updates:
                    return time.monotonic() - started
            if time.monotonic() - started > 300:
                raise TimeoutError("the updates were not handled in time")
            await asyncio.sleep(0.05)
    finally:
        await engine.dispose()


def replicas_cpu(pids: list[int]) -> float:
    """CPU seconds (user + system) the replicas' processes have used so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    used = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        used += int(fields[11]) + int(fields[12])  # utime, stime
    return used / ticks


def machine_cpu() -> tuple[int, int]:
    """The machine's (busy, total) CPU time in ticks, from /proc/stat: all cores, all users."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return sum(values) - idle, sum(values)


async def until(check: Any, within: float) -> None:
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("not in time")
        await asyncio.sleep(0.05)


async def until_healthy(c: Cluster, name: str, within: float = 120) -> None:
    url = c.replicas()[name]
    deadline = time.monotonic() + within
    while (await c.health(url)).get("status") != 200:
        if time.monotonic() > deadline:
            raise TimeoutError(f"{name} did not come back")
        await asyncio.sleep(0.5)


async def run(rounds: int, channels: int, updates: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results: dict[str, Any] = {"failover": await failovers(folder, rounds, channels)}
        one = await incoming(folder, 1, updates)
        three = await incoming(folder, 3, updates)
        results["incoming"] = {
            "one": one,
            "three": three,
            "speedup": round(three["handled_per_s"] / one["handled_per_s"], 2),
        }
    return results


QUICK = {"rounds": 1, "channels": 40, "updates": 10}  # the smallest sizes it accepts


def at_least(least: int) -> Callable[[str], int]:
    def parse(given: str) -> int:
        if int(given) < least:
            raise argparse.ArgumentTypeError(f"at least {least}")
        return int(given)

    return parse


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cluster", description=__doc__)
    parser.add_argument("--rounds", type=at_least(QUICK["rounds"]), default=5)
    parser.add_argument("--channels", type=at_least(QUICK["channels"]), default=400)
    parser.add_argument("--updates", type=at_least(QUICK["updates"]), default=2000)
    parser.add_argument("--quick", action="store_true", help="the smallest sizes: a check")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the figures go")
    args = parser.parse_args()
    sizes = QUICK if args.quick else {k: getattr(args, k) for k in QUICK}
    results = asyncio.run(run(sizes["rounds"], sizes["channels"], sizes["updates"]))
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
