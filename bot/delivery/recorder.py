"""What became of one claimed delivery, as an Outcome for the group-committing writer."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from bot.core.clock import Clock
from bot.core.models import Claimed, DeliveryState, Outcome
from bot.core.wording import counted
from bot.delivery.writer import OutcomeWriter


@dataclass
class WorkerOptions:
    claim_size: int = 32
    max_in_flight: int = 64
    max_attempts: int = 5
    idle_poll: float = 1.0
    base_backoff: float = 1.0
    max_backoff: float = 300.0
    stall_after: float = 0.25  # seconds without an answer (at least; 4 round trips if longer)
    probe_first: float = 5.0  # seconds from a refused token to asking again (bot/delivery/probe.py)
    probe_most: float = 300.0  # the longest wait between two questions


class Recorder:
    """Each record returns the future of its commit: a slot is free only once the outcome
    is committed, so a crash can leave no more deliveries in doubt than there are slots."""

    def __init__(
        self,
        writer: OutcomeWriter,
        clock: Clock,
        options: WorkerOptions,
        due_in: Callable[[float], None] | None = None,
    ) -> None:
        self.writer, self.clock, self.options = writer, clock, options
        self.due_in = due_in  # told of a row put back for later: seconds until it is due

    def put(
        self,
        claimed: Claimed,
        state: DeliveryState,
        reason: str | None = None,
        *,
        after: float | None = None,
        refund: bool = False,
        ambiguous: bool = False,
        resolved: bool = False,
    ) -> asyncio.Future[None]:
        now = self.clock.now()
        outcome = Outcome(
            claimed.delivery.id,
            state,
            reason,
            now + timedelta(seconds=after) if after is not None else None,
            refund,
            ambiguous,
            now,
            claimed.delivery.broadcast_id,
            resolved,
        )
        if after is not None and state is DeliveryState.PENDING and self.due_in is not None:
            self.due_in(after)
        return self.writer.put(outcome)

    def retry(self, claimed: Claimed, reason: str, **flags: bool) -> asyncio.Future[None]:
        """Back off and try again, or give up after `max_attempts`."""
        attempts = claimed.delivery.attempts
        if attempts >= self.options.max_attempts:
            return self.put(
                claimed, DeliveryState.FAILED, f"gave up after {counted(attempts, 'try')}: {reason}"
            )
        backoff = min(self.options.max_backoff, self.options.base_backoff * 2 ** (attempts - 1))
        after = backoff * random.uniform(0.5, 1.5)
        return self.put(claimed, DeliveryState.PENDING, reason, after=after, **flags)
