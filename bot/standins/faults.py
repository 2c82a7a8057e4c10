"""Faults a stand-in can be told to produce, matched per API method and chat."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Fault:
    """One scripted fault.

    kind: "status" (answer `status` with `body`), "reset" (drop the connection before
    answering, the request not processed), "slow_after" (process the request, then stall
    for `seconds`, so the client times out with the message delivered: the ambiguous case).
    """

    method: str
    kind: str = "status"
    status: int = 502
    body: dict[str, Any] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    chat: str | None = None
    times: int = 1
    seconds: float = 0.0

    def matches(self, method: str, chat: str | None) -> bool:
        return self.times > 0 and self.method == method and (self.chat is None or self.chat == chat)


class FaultPlan:
    def __init__(self) -> None:
        self._faults: list[Fault] = []

    def add(self, fault: Fault) -> Fault:
        self._faults.append(fault)
        return fault

    def take(self, method: str, chat: str | None) -> Fault | None:
        for fault in self._faults:
            if fault.matches(method, chat):
                fault.times -= 1
                return fault
        return None

    def clear(self) -> None:
        self._faults.clear()
