"""Faults a stand-in can be told to produce, matched per API method and chat: scripted (the
next `times` calls) or at random (each call with probability `chance`, from a seeded RNG, so
a run can be replayed)."""

from __future__ import annotations

import asyncio
import math
import random
import time
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
    times out and the message never arrived), "late" (stall for `seconds`, then process it:
    the client has given up long before the message arrives).
    whole_bot: with a 429, the whole bot must wait `retry_after` (Telegram's flood control
    for the bot, Slack's for the method): every send meanwhile gets a 429 too.
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
    whole_bot: bool = False

    def matches(self, method: str, chat: str | None) -> bool:
        return self.times > 0 and self.method == method and (self.chat is None or self.chat == chat)

    def retry_after(self) -> float:
        """The wait a 429 of this fault names (Telegram's body, Slack's header)."""
        parameters = self.body.get("parameters") or {}
        return float(parameters.get("retry_after") or self.headers.get("Retry-After") or 1)

    @property
    def label(self) -> str:
        return f"{self.kind} {self.status}" if self.kind == "status" else self.kind


class FaultPlan:
    def __init__(self, seed: int = 13) -> None:
        self._faults: list[Fault] = []
        self._random = random.Random(seed)
        self.injected: Counter[str] = Counter()
        self.jitter = 0.0  # each round trip drawn from delay ± jitter
        self._trips = random.Random(seed + 1)
        self.penalty: Penalty | None = None  # the whole bot told to wait (a whole_bot 429)
        self.told_since: list[float] = []  # seconds from the bot being told to a send it caused

    def caused(self, penalty: Penalty, arrived: float) -> bool:
        """Whether a send met by `penalty` is the bot's doing (noted with how long after the
        bot was told it reached the stand-in)."""
        if not penalty.caused_by_bot(arrived):
            self.injected["429 whole bot, on its way"] += 1
            return False
        self.told_since.append(round(arrived - penalty.told_at, 4))
        return True

    def round_trip(self, delay: float) -> float:
        if not self.jitter:
            return delay
        return max(0.0, self._trips.uniform(delay - self.jitter, delay + self.jitter))

    def penalised(self, method: str, arrived: float) -> Penalty | None:
        """The penalty a send of `method` that reached the stand-in at `arrived` meets now,
        if any."""
        penalty = self.penalty
        if penalty is None or penalty.method != method or time.monotonic() >= penalty.until:
            return None
        return penalty

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


@dataclass
class Penalty:
    """The whole bot told to wait: `until` (time.monotonic), told at `told_at`. A send that
    reached the stand-in after the bot was told is the bot's own fault (a 429 it caused);
    one already on its way was not."""

    method: str
    until: float
    told_at: float

    def retry_after(self) -> int:
        return max(1, math.ceil(self.until - time.monotonic()))

    def caused_by_bot(self, arrived: float) -> bool:
        return arrived > self.told_at


async def before(
    fault: Fault | None, request: web.Request, default_body: dict[str, Any]
) -> web.StreamResponse | None:
    """What a fault does before the request is processed (None: process it)."""
    if fault is None:
        return None
    if fault.kind == "late":  # the client gave up long ago (aiohttp does not cancel us)
        await asyncio.sleep(fault.seconds)
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


def penalise(plan: FaultPlan, fault: Fault | None, method: str) -> None:
    """After answering a whole_bot 429: every send of `method` waits its retry_after from now."""
    if fault is not None and fault.whole_bot and fault.kind == "status" and fault.status == 429:
        now = time.monotonic()
        plan.penalty = Penalty(method, now + fault.retry_after(), now)


def control(plan: FaultPlan, data: dict[str, Any]) -> None:
    """What /_standin/control says about faults and round trips."""
    from_json(plan, list(data.get("faults", [])))
    plan.jitter = float(data.get("jitter", plan.jitter))
