"""Faults a stand-in can be told to produce, matched per API method and chat: scripted (the
next `times` calls) or at random (each call with probability `chance`, from a seeded RNG, so
a run can be replayed)."""

from __future__ import annotations

import asyncio
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class Fault:
    """One fault.

    kind: "status" (answer `status` with `body`), "reset" (drop the connection before
    answering, the request not processed), "slow_after" (process the request, then stall
    for `seconds`, so the client times out with the message delivered: the ambiguous case),
    "hang" (stall for `seconds` without processing, then drop the connection: the client
    times out and the message never arrived).
    """

    method: str
    kind: str = "status"
    status: int = 502
    body: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    chat: str | None = None
    times: int = 1
    seconds: float = 0.0
    chance: float = 1.0
    html: str | None = None  # with "status": answer this HTML page (a proxy's error page)

    def matches(self, method: str, chat: str | None) -> bool:
        return self.times > 0 and self.method == method and (self.chat is None or self.chat == chat)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.status}" if self.kind == "status" else self.kind


class FaultPlan:
    def __init__(self, seed: int = 13) -> None:
        self._faults: list[Fault] = []
        self._random = random.Random(seed)
        self.injected: Counter[str] = Counter()

    def add(self, fault: Fault) -> Fault:
        self._faults.append(fault)
        return fault

    def take(self, method: str, chat: str | None) -> Fault | None:
        """At most one fault per call; random ones are drawn from one roll, so their chances
        add up (10% and 5% mean 15% of calls are faulty)."""
        roll = self._random.random()
        for fault in self._faults:
            if not fault.matches(method, chat):
                continue
            if fault.chance < 1.0:
                if roll >= fault.chance:
                    roll -= fault.chance
                    continue
            fault.times -= 1
            self.injected[fault.label] += 1
            return fault
        return None

    def clear(self) -> None:
        self._faults.clear()


async def before(
    fault: Fault | None, request: web.Request, default_body: dict[str, Any]
) -> web.StreamResponse | None:
    """What a fault does before the request is processed (None: process it)."""
    if fault is None:
        return None
    if fault.kind in ("reset", "hang"):
        if fault.kind == "hang":
            await asyncio.sleep(fault.seconds)
        assert request.transport is not None
        request.transport.close()
        return web.Response(status=500)
    if fault.kind == "status" and fault.html is not None:
        return web.Response(
            text=fault.html, status=fault.status, content_type="text/html", headers=fault.headers
        )
    if fault.kind == "status":
        body = fault.body or default_body
        return web.json_response(body, status=fault.status, headers=fault.headers)
    return None


def unheard(refusals: Counter[str], chat: str, before: int) -> None:
    """Take back refusals counted for a chat whose answer never reached the bot."""
    if before:
        refusals[chat] = before
    else:
        del refusals[chat]


def from_json(plan: FaultPlan, faults: list[dict[str, Any]]) -> None:
    """Replace the plan's faults with these (as posted to /_standin/control)."""
    plan.clear()
    for spec in faults:
        plan.add(Fault(**spec))
