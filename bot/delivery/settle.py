"""What a send's result means for its row, its channel and the platform; and, before a send,
what to do with a row left in doubt."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.core.models import (
    CONNECTION_DROPPED,
    IN_FLIGHT_AT_A_CRASH,
    Channel,
    ChannelState,
    Claimed,
    DeliveryState,
    Platform,
)
from bot.core.ports import Store
from bot.delivery.pacing import MIN_PAUSE
from bot.delivery.ports import Message, Sender, SendResult, Verdict
from bot.delivery.recorder import Recorder

log = logging.getLogger(__name__)
Alert = Callable[[Channel, str], Awaitable[None]]
Done = asyncio.Future[None]

WHY_SKIPPED = {
    ChannelState.BLOCKED: "skipped: the chat blocked the bot",
    ChannelState.GONE: "skipped: the chat is gone",
    ChannelState.NEEDS_ATTENTION: "skipped: the channel needs attention",
}
RETRY_IN_DOUBT = 2.0  # seconds before a send that timed out is looked up or tried again


@dataclass(frozen=True)
class Plan:
    """How to go on with a claimed delivery: send from `first_part` (`resolved`: a look-up
    showed the parts before it, and no more, arrived, and none can arrive later), or
    nothing to send (`done`)."""

    first_part: int = 0
    resolved: bool = False
    done: Done | None = None


class Settle:
    def __init__(
        self,
        store: Store,
        record: Recorder,
        alert: Alert | None,
        platform: Platform,
        can_look_up: bool,
    ) -> None:
        self.store, self.record, self.alert, self.platform = store, record, alert, platform
        self.can_look_up = can_look_up
        self.halted: str | None = None
        self.token_refused = False  # why it halted: the token (asked again), or the lease
        self.sent = 0
        self.unreachable: dict[int, str] = {}  # channel id → why, found by this process
        self._resume: dict[int, int] = {}  # delivery id → parts already delivered
        self._told_cannot_look_up = False

    # --- before a send ----------------------------------------------------------------------

    async def plan(self, claimed: Claimed, message: Message | None, sender: Sender) -> Plan:
        if message is None:
            return Plan(done=self.record.put(claimed, DeliveryState.FAILED, "nothing to send"))
        if self.halted:
            put = self.record.put(claimed, DeliveryState.PENDING, self.halted, refund=True)
            return Plan(done=put)
        if why := self.unreachable.get(claimed.channel.id):
            return Plan(done=self.record.put(claimed, DeliveryState.SKIPPED, why))
        first = self._resume.pop(claimed.delivery.id, 0)
        if claimed.delivery.ambiguous and self._can_look_up:
            return await self._look_up(claimed, message, sender)
        return Plan(first)

    async def _look_up(self, claimed: Claimed, message: Message, sender: Sender) -> Plan:
        """Slack: is the send in doubt there? Marked sent if it is, sent (the missing parts)
        only if it is not, so nothing arrives twice."""
        since = claimed.delivery.first_tried_at or self.record.clock.now()
        found = await sender.look_up(claimed.channel, claimed.delivery.id, since)
        if found.parts is None and found.retry_after:
            put = self.record.put(
                claimed, DeliveryState.PENDING, found.reason, after=found.retry_after, refund=True
            )
            return Plan(done=put)
        if found.parts is None and found.retry:
            return Plan(done=self.record.retry(claimed, found.reason))
        if found.parts is None:
            self._cannot_look_up(found.reason)
            return Plan()
        if found.parts >= len(message.parts):
            reason = "found on the platform after a crash or a timeout: not sent again"
            return Plan(done=self.record.put(claimed, DeliveryState.SENT, reason, resolved=True))
        # Not there. A send in flight at a crash, or whose connection dropped, died with its
        # connection; one that timed out is still held by the platform, which may process it
        # after this look-up (and after the resend): its resend stays a possible duplicate
        # (benchmarks/FAULTS.md, hangs processed late).
        reason = claimed.delivery.reason or ""
        died = reason == IN_FLIGHT_AT_A_CRASH or reason.startswith(CONNECTION_DROPPED)
        return Plan(found.parts, resolved=died)

    def _cannot_look_up(self, reason: str) -> None:
        if not self._told_cannot_look_up:
            self._told_cannot_look_up = True
            log.error(
                "operator: %s deliveries in doubt cannot be looked up (%s); each is sent once "
                "more and reported as a possible duplicate",
                self.platform.value,
                reason,
            )

    # --- after a send -----------------------------------------------------------------------

    async def outcome(self, claimed: Claimed, result: SendResult, resolved: bool) -> Done:
        verdict, channel = result.verdict, claimed.channel
        if verdict is not Verdict.SENT and result.parts_done:
            self._resume[claimed.delivery.id] = result.parts_done
        if verdict is Verdict.SENT:
            self.sent += 1
            return self.record.put(claimed, DeliveryState.SENT, resolved=resolved)
        if verdict is Verdict.RETRY_AFTER:
            wait = max(result.retry_after, MIN_PAUSE) + random.uniform(0, 0.25)
            return self.record.put(
                claimed, DeliveryState.PENDING, result.reason, after=wait, refund=True
            )
        if verdict is Verdict.TRANSIENT:
            self._warn(claimed, "not sent", result.reason)
            return self.record.retry(claimed, result.reason)
        if verdict is Verdict.AMBIGUOUS:
            self._warn(claimed, "in doubt", result.reason)
            return self._in_doubt(claimed, result.reason)
        if verdict in (Verdict.BLOCKED, Verdict.GONE, Verdict.NEEDS_ATTENTION):
            return await self._lost(claimed, result)
        if verdict is Verdict.MIGRATED and result.new_chat_id:
            await self.store.channels.migrate(channel.id, result.new_chat_id)
            return self.record.put(claimed, DeliveryState.PENDING, result.reason, refund=True)
        if verdict is Verdict.HALT:
            return self._halt(claimed, result.reason)
        return self.record.put(claimed, DeliveryState.FAILED, result.reason)

    def _warn(self, claimed: Claimed, what: str, reason: str) -> None:
        """A transient platform failure: one line, no traceback (nothing for a person to do;
        the delivery is retried, and gives up with one summary to its author)."""
        log.warning(
            "%s: delivery %s to channel %s %s (%s, attempt %d); trying again",
            self.platform.value,
            claimed.delivery.id,
            claimed.channel.id,
            what,
            reason,
            claimed.delivery.attempts,
        )

    def _in_doubt(self, claimed: Claimed, reason: str) -> Done:
        """It may have arrived. Where it can be looked up, it is, before any resend (up to
        the attempt limit); elsewhere it is sent at most once more."""
        delivery = claimed.delivery
        looked_up = self.record.options.max_attempts > delivery.attempts and self._can_look_up
        if delivery.ambiguous and not looked_up:
            return self.record.put(claimed, DeliveryState.UNKNOWN, reason)
        return self.record.put(
            claimed, DeliveryState.PENDING, reason, after=RETRY_IN_DOUBT, ambiguous=True
        )

    @property
    def _can_look_up(self) -> bool:
        return self.can_look_up and not self._told_cannot_look_up

    async def _lost(self, claimed: Claimed, result: SendResult) -> Done:
        """Blocked, gone, or needing a person: the channel is marked, this row settles, and
        no other row goes to it (those already claimed here, and those still queued)."""
        channel, verdict = claimed.channel, result.verdict
        state = {
            Verdict.BLOCKED: ChannelState.BLOCKED,
            Verdict.GONE: ChannelState.GONE,
        }.get(verdict, ChannelState.NEEDS_ATTENTION)
        current = await self.store.channels.get(channel.id)
        first = current is None or current.state is not state
        await self.store.channels.set_state(channel.id, state)
        self.unreachable[channel.id] = WHY_SKIPPED[state]
        if state is ChannelState.NEEDS_ATTENTION:
            done = self.record.put(claimed, DeliveryState.FAILED, result.reason)
            if first and self.alert is not None:
                await self.alert(channel, result.reason)
        else:
            done = self.record.put(claimed, DeliveryState.BLOCKED, result.reason)
        await self.skip_unreachable()
        return done

    async def skip_unreachable(self) -> None:
        """Rows still queued for channels that can no longer be sent to end as skipped."""
        done = [
            self.record.put(
                claimed,
                DeliveryState.SKIPPED,
                WHY_SKIPPED.get(claimed.channel.state, "skipped"),
            )
            for claimed in await self.store.deliveries.unreachable(self.platform, 500)
        ]
        if done:
            await asyncio.gather(*done, return_exceptions=True)

    def _halt(self, claimed: Claimed, reason: str) -> Done:
        if not self.halted:
            self.halted, self.token_refused = reason, True
            log.critical(
                "operator: %s; %s deliveries paused and kept pending. The token is tried "
                "again now and then, and sending resumes by itself once it is accepted (a new "
                "token needs a restart)",
                reason,
                self.platform.value,
            )
        return self.record.put(claimed, DeliveryState.PENDING, reason, refund=True)

    def resume(self) -> None:
        """The platform takes the token again: send what was kept pending."""
        self.halted, self.token_refused = None, False
