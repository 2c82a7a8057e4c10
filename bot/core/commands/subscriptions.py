"""/subscribe, /unsubscribe, /subscriptions, /approve, /decline, /remindme."""

from __future__ import annotations

from bot.core.context import Call
from bot.core.errors import InvalidInput
from bot.core.events import Reply
from bot.core.models import Role
from bot.core.router import Command
from bot.core.wording import counted


def _chat(call: Call) -> str:
    return call.incoming.conversation.title or "this chat"


def request_sent(
    template: str, what: str, branch: str, told: int, organisers: bool, then: str
) -> Reply:
    """Who a request went to, as it is: the branch's officers, the organisers (the branch
    has none), or nobody yet (no officer and no organiser)."""
    if not told:
        return Reply("request-unseen", {"what": what, "branch": branch, "then": then})
    who = (
        f"the organisers ({told}), as {branch} has no officer"
        if organisers
        else f"the branch's officers ({told})"
    )
    return Reply(template, {"branch": branch, "officers": who})


async def subscribe(call: Call) -> list[Reply]:
    if call.incoming.is_dm:
        raise InvalidInput("where", f"run {call.spell('subscribe')} in the group or channel itself")
    if not call.args:
        raise InvalidInput("BRANCH", f"usage: {call.spell('subscribe')} BRANCH [TOPIC...]")
    done = await call.ctx.subscriptions.subscribe(
        call.incoming.conversation, call.args[0], call.args[1:], call.caller
    )
    if done.waiting:
        what = f"request to subscribe this chat to {done.branch}"
        then = f"once it has one, {call.spell('subscribe')} again"
        told, organisers = done.officers_told, done.organisers_told
        return [request_sent("subscription-requested", what, done.branch, told, organisers, then)]
    values = {"branch": done.branch, "topics": ", ".join(done.topics), "chat": _chat(call)}
    return [Reply("subscribed", values)]


def _ids(call: Call) -> list[int]:
    if not call.args:
        raise InvalidInput("ID", "which request? Use the buttons in the request message")
    try:
        return [int(x) for x in call.args[0].split(",") if x]
    except ValueError:
        raise InvalidInput("ID", "request ids are numbers") from None


async def _decide(call: Call, approve: bool) -> list[Reply]:
    done = await call.ctx.subscriptions.decide(_ids(call), approve, call.caller)
    decision = "approved" if done.approved else "declined"
    return [Reply("subscription-decided", {"decision": decision, "what": ", ".join(done.what)})]


async def approve(call: Call) -> list[Reply]:
    return await _decide(call, True)


async def decline(call: Call) -> list[Reply]:
    return await _decide(call, False)


async def unsubscribe(call: Call) -> list[Reply]:
    branch = call.args[0] if call.args else None
    count = await call.ctx.subscriptions.unsubscribe(
        call.incoming.conversation, branch, call.caller
    )
    if not count:
        to = f" to {branch}" if branch else ""
        raise InvalidInput(
            "BRANCH",
            f"this chat has no subscription{to}; {call.spell('subscriptions')} lists them",
        )
    return [Reply("unsubscribed", {"count": counted(count, "subscription"), "chat": _chat(call)})]


async def subscriptions(call: Call) -> list[Reply]:
    lines = [
        f"{line.subscription.branch}: {line.subscription.topic}"
        + (" (waiting for approval)" if line.waiting else "")
        for line in await call.ctx.subscriptions.of(call.incoming.conversation)
    ]
    return [Reply("subscriptions", {"chat": _chat(call), "lines": lines or ["none"]})]


async def remindme(call: Call) -> list[Reply]:
    """Personal ballot reminders by DM, for members who ask for them."""
    if not call.incoming.is_dm:
        raise InvalidInput("where", f"send {call.spell('remindme')} to me in a direct message")
    if not call.args:
        return [await _reminders_now(call)]
    choice = call.args[0].lower()
    if choice not in ("on", "off"):
        raise InvalidInput("on|off", f"usage: {call.spell('remindme')} on|off")
    await call.ctx.subscriptions.remind_me(call.incoming.conversation, choice == "on", call.caller)
    then = (
        "You get each ballot's reminders until you say you have voted "
        f"({call.spell('voted')}); {call.spell('remindme')} off stops them."
        if choice == "on"
        else f"You get none by DM now; {call.spell('remindme')} on starts them again."
    )
    return [Reply("remindme", {"state": choice, "then": then})]


async def _reminders_now(call: Call) -> Reply:
    """/remindme alone: what it does, whether it is on, how to change it; nothing changed."""
    on = any(
        line.subscription.topic == "ballots" and not line.waiting
        for line in await call.ctx.subscriptions.of(call.incoming.conversation)
    )
    spell = call.spell("remindme")
    return Reply(
        "remindme-usage",
        {"state": "on" if on else "off", "start": f"{spell} on", "stop": f"{spell} off",
         "voted": call.spell("voted")},
    )


COMMANDS = [
    Command(
        "subscribe",
        "subscribe this chat to a branch's topics",
        Role.MEMBER,
        subscribe,
        usage="BRANCH [TOPIC...]",
    ),
    Command(
        "unsubscribe", "stop this chat's subscriptions", Role.OFFICER, unsubscribe, usage="[BRANCH]"
    ),
    Command("subscriptions", "what this chat is subscribed to", Role.MEMBER, subscriptions),
    Command("approve", "approve a subscription request", Role.OFFICER, approve, usage="ID"),
    Command("decline", "decline a subscription request", Role.OFFICER, decline, usage="ID"),
    Command(
        "remindme",
        "ballot reminders by DM (on or off)",
        Role.MEMBER,
        remindme,
        usage="on|off",
        dm_only=True,
    ),
]
