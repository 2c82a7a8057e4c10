"""The dashboard at scale: server time per page and each page's size, at 200,000 members,
5,000 channels and 100 broadcasts (each to every channel) in SQLite.

    python -m benchmarks.dashboard            # the full size; writes benchmarks/dashboard.json
    python -m benchmarks.dashboard --quick    # 20,000 members, 1,000 channels, 20 broadcasts

Each page is fetched over loopback by a signed-in organiser. "server" is the time inside the
server, from the request reaching the dashboard to its response being ready (a middleware
on the outer application); "CPU" is the process's CPU time over the same span (every
thread), which a busy machine stretches far less than the wall-clock time; "fetch" is from
the request leaving to the last byte arriving.
The machine is shared, so each fetch of a page is paired with a fetch of a bare handler on
the same server just before it, and the ratio of their medians says how many bare requests
a page costs whatever the load. Size counts the page and the stylesheet and script it
loads; "external" counts any address elsewhere."""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sqlite3
import statistics
import tempfile
import time
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from benchmarks.common import settings_for
from benchmarks.scale import BRANCHES, populate
from bot.app import App, build_app, dashboard_deps
from bot.core.caller import Caller
from bot.core.models import Identity, Platform, Role
from bot.web import build

RESULTS = Path(__file__).parent / "dashboard.json"
STATES = ("sent",) * 17 + ("pending", "failed", "blocked")
ORGANISER = Identity(Platform.TELEGRAM, "9000000001")
TARGET_MS, TARGET_KB = 150.0, 200


def add_work(db: Path, broadcasts: int, channels: int) -> None:
    """Broadcasts each delivered to every channel, an electorate, audit entries."""
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
    conn = sqlite3.connect(db)
    with conn:
        conn.executemany(
            "INSERT INTO broadcasts (id, kind, title, body, topic, template_values, buttons, "
            "branches, state, created_at) VALUES (?, 'broadcast', ?, 'Body', 'pay', '{}', '[]', "
            "'[]', ?, ?)",
            (
                (b, f"Pay update {b}", "done" if b % 10 else "queued", now)
                for b in range(1, broadcasts + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO deliveries (broadcast_id, channel_id, platform, state, attempts, "
            "ambiguous) VALUES (?, ?, ?, ?, 1, 0)",
            (
                (b, c, "telegram" if c % 3 else "slack", STATES[(b * 7 + c) % len(STATES)])
                for b in range(1, broadcasts + 1)
                for c in range(1, channels + 1)
            ),
        )
        conn.executemany(
            "INSERT INTO ballot_electorate (ballot, branch, eligible) VALUES ('nec-2023', ?, ?)",
            ((b, 30_000 + 1_000 * i) for i, b in enumerate(BRANCHES)),
        )
        conn.executemany(
            "INSERT INTO audit_log (at, actor, action, outcome, detail) VALUES (?, ?, ?, 'done', "
            "'{}')",
            ((now, f"telegram:{5_000_000_000 + i}", "/voted") for i in range(20_000)),
        )
    conn.close()


async def session_cookie(app: App) -> str:
    await app.services.roles.grant(ORGANISER, Role.ORGANISER, None, Caller.operator("bench"))
    link = await app.services.dashboard.sign_in_link(ORGANISER, Caller.operator("bench"))
    opened = await app.services.dashboard.sign_in(link.url.rsplit("/", 1)[1])
    return opened.secret


def pages(broadcast: int) -> list[str]:
    return [
        "/dashboard/",
        "/dashboard/broadcasts",
        f"/dashboard/broadcasts/{broadcast}",
        f"/dashboard/broadcasts/{broadcast}/report.json",
        "/dashboard/ballots",
        "/dashboard/ballots/nec-2023",
        "/dashboard/petitions",
        "/dashboard/reports",
        "/dashboard/consultations",
        "/dashboard/questions",
        "/dashboard/branches",
        "/dashboard/branches/dwp-leeds",
        "/dashboard/audit",
    ]


SERVER_MS: list[tuple[float, float]] = []  # (wall, CPU) of each request, in ms


@web.middleware
async def timed(request: web.Request, handler: Any) -> web.StreamResponse:
    started, cpu = time.perf_counter(), time.process_time()
    response = await handler(request)
    wall = (time.perf_counter() - started) * 1000
    SERVER_MS.append((wall, (time.process_time() - cpu) * 1000))
    return response  # type: ignore[no-any-return]


async def bare(request: web.Request) -> web.Response:
    return web.Response(text="ok")


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


async def fetch(session: aiohttp.ClientSession, url: str) -> tuple[float, bytes, int]:
    started = time.perf_counter()
    async with session.get(url) as response:
        body = await response.read()
    return (time.perf_counter() - started) * 1000, body, response.status


def external(body: bytes) -> int:
    found = re.findall(rb'(?:src|href|action)="(https?://[^"]*)"', body)
    return len([u for u in found if not u.startswith(b"https://example.org")])


async def measure_pages(base: str, secret: str, broadcast: int, rounds: int) -> dict[str, Any]:
    jar = aiohttp.CookieJar(unsafe=True)
    figures: dict[str, Any] = {}
    async with aiohttp.ClientSession(cookie_jar=jar, cookies={"cb_session": secret}) as session:
        assets = 0
        for asset in ("/dashboard/static/dashboard.css", "/dashboard/static/dashboard.js"):
            assets += len((await fetch(session, base + asset))[1])
        for path in pages(broadcast):
            times, server, cpu, baseline = [], [], [], []
            for _ in range(rounds):
                baseline.append((await fetch(session, base + "/bare"))[0])
                SERVER_MS.clear()
                ms, body, status = await fetch(session, base + path)
                assert status == 200, (path, status, body[:300])
                times.append(ms)
                server.append(SERVER_MS[-1][0])
                cpu.append(SERVER_MS[-1][1])
            figures[path] = {
                "server_p50_ms": round(statistics.median(server), 1),
                "server_p95_ms": round(p95(server), 1),
                "cpu_p50_ms": round(statistics.median(cpu), 1),
                "cpu_p95_ms": round(p95(cpu), 1),
                "fetch_p95_ms": round(p95(times), 1),
                "bare_p50_ms": round(statistics.median(baseline), 2),
                "x_bare": round(statistics.median(times) / statistics.median(baseline), 1),
                "kb": round((len(body) + (0 if path.endswith(".json") else assets)) / 1024, 1),
                "external": external(body),
            }
    return figures


async def run(members: int, channels: int, broadcasts: int, rounds: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "dashboard.db"
        async with AsyncExitStack() as stack:
            settings = settings_for(db, None, None).model_copy(
                update={"dashboard_url": "http://127.0.0.1/dashboard"}
            )
            app = await build_app(settings, stack)
            populate(db, members, channels)
            add_work(db, broadcasts, channels)
            secret = await session_cookie(app)
            root = web.Application(middlewares=[timed])
            root.router.add_get("/bare", bare)
            root.add_subapp("/dashboard", build(dashboard_deps(app)))
            runner = web.AppRunner(root)
            await runner.setup()
            stack.push_async_callback(runner.cleanup)
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            port = runner.addresses[0][1]
            pages_ = await measure_pages(f"http://127.0.0.1:{port}", secret, broadcasts, rounds)
    worst = max(p["server_p95_ms"] for p in pages_.values())
    worst_cpu = max(p["cpu_p95_ms"] for p in pages_.values())
    heaviest = max(p["kb"] for p in pages_.values())
    return {
        "members": members,
        "channels": channels,
        "broadcasts": broadcasts,
        "deliveries": channels * broadcasts,
        "rounds": rounds,
        "pages": pages_,
        "worst_server_p95_ms": worst,
        "worst_p95_over_target": round(worst / TARGET_MS, 2),
        "worst_cpu_p95_ms": worst_cpu,
        "worst_cpu_p95_over_target": round(worst_cpu / TARGET_MS, 2),
        "heaviest_kb": heaviest,
        "heaviest_over_target": round(heaviest / TARGET_KB, 2),
        "external_requests": sum(p["external"] for p in pages_.values()),
        "targets_met": worst < TARGET_MS and heaviest < TARGET_KB,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.dashboard", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a tenth of the size")
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    sizes = (20_000, 1_000, 20) if args.quick else (200_000, 5_000, 100)
    results = asyncio.run(run(*sizes, args.rounds))
    for path, figures in results["pages"].items():
        print(
            f"{path:42} server p50 {figures['server_p50_ms']:6.1f} ms p95 "
            f"{figures['server_p95_ms']:6.1f} ms  CPU p50 {figures['cpu_p50_ms']:5.1f} p95 "
            f"{figures['cpu_p95_ms']:5.1f} ms  {figures['x_bare']:5.1f}x bare  "
            f"{figures['kb']:5.1f} KB  external {figures['external']}"
        )
    print(json.dumps({k: v for k, v in results.items() if k != "pages"}))
    if not args.quick:
        RESULTS.write_text(json.dumps(results, indent=2) + "\n")
        print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
