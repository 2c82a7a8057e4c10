"""python -m benchmarks.cluster: replicas on PostgreSQL behind HAProxy (scripts/cluster),
against stand-ins enforcing Telegram's limits. Writes benchmarks/cluster.json.

- failover: five times, with a broadcast under way, kill -9 the leader; seconds from the
  kill to the first broadcast message sent by the new leader, and duplicates per kill;
  the killed replica is started again (as a standby) before the next round.
- incoming: Telegram updates posted through HAProxy by 64 senders at once, to 1 and to 3
  replicas: 90% chatter in groups not addressed to the bot, 10% questions by DM, each
  answered; updates handled per second (all answered 200, every question's answer
  received).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from bot.app import build_app
from bot.core.caller import Caller
from bot.core.results import BroadcastRequest
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


async def incoming(folder: Path, replicas: int, updates: int, senders: int = 64) -> dict[str, Any]:
    async with cluster(folder / f"incoming-{replicas}", replicas=replicas) as c:
        plan = []
        for i in range(updates):
            if i % 10 == 0:
                plan.append(c.telegram_update(8_000_000 + i, "/ask how do I vote?"))
            else:
                update = c.telegram_update(7_000_000 + i, "are we meeting on thursday?")
                update["message"]["chat"] = {"id": -1002000000000 - i % 50, "type": "supergroup",
                                             "title": "Branch"}  # fmt: skip
                plan.append(update)
        queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        for update in plan:
            queue.put_nowait(update)
        statuses: list[int] = []

        async def sender() -> None:
            while not queue.empty():
                statuses.append(await c.post_telegram(queue.get_nowait()))

        asked = [str(8_000_000 + i) for i in range(0, updates, 10)]
        started = time.monotonic()
        await asyncio.gather(*(sender() for _ in range(senders)))
        await until(lambda: all(c.tg.received[user] for user in asked), 300)
        took = time.monotonic() - started
    assert set(statuses) == {200}
    return {"replicas": replicas, "updates": updates, "seconds": round(took, 2),
            "handled_per_s": round(updates / took, 1)}  # fmt: skip


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


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.cluster", description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--channels", type=int, default=400)
    parser.add_argument("--updates", type=int, default=2000)
    args = parser.parse_args()
    results = asyncio.run(run(args.rounds, args.channels, args.updates))
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
