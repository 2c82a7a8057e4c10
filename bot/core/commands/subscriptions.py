"""/subscribe, /unsubscribe, /subscriptions, /approve, /decline, /remindme."""

from __future__ import annotations

from bot.core.context import Call
from bot.core.errors import Forbidden, InvalidInput
from bot.core.events import Reply
from bot.core.models import AuditEntry, ChannelState, ChatKind, Role, SubscriptionState
from bot.core.ports import OutboxPort
from bot.core.router import Command


def _outbox(call: Call) -> OutboxPort:
    outbox = call.ctx.extras.get("outbox")
    if outbox is None:
        raise InvalidInput("broadcasting", "delivery is not running in this process")
    return outbox  # type: ignore[return-value]


def _known(call: Call) -> tuple[list[str], list[str]]:
    content = call.ctx.extras["content"]
    return content.branch_names(), content.topics()  # type: ignore[attr-defined]


async def _audit(call: Call, action: str, outcome: str, **detail: str) -> None:
    entry = AuditEntry(call.ctx.clock.now(), str(call.incoming.actor), action, outcome, detail)
    await call.ctx.store.audit.record(entry)


async def subscribe(call: Call) -> list[Reply]:
    if call.incoming.is_dm:
        raise InvalidInput("where", f"run {call.spell('subscribe')} in the group or channel itself")
    if not call.args:
        raise InvalidInput("BRANCH", f"usage: {call.spell('subscribe')} BRANCH [TOPIC...]")
    branches, topics = _known(call)
    branch = call.args[0].lower()
    if branch not in branches:
        raise InvalidInput("BRANCH", f"unknown branch {branch!r}; branches: {', '.join(branches)}")
    wanted = [t.lower() for t in call.args[1:]] or topics
    unknown = [t for t in wanted if t not in topics]
    if unknown:
        raise InvalidInput("TOPIC", f"unknown topic {unknown[0]!r}; topics: {', '.join(topics)}")
    conv = call.incoming.conversation
    store = call.ctx.store
    channel = await store.channels.upsert(conv.platform, conv.chat_id, conv.kind, conv.title)
    if call.caller.is_officer_of(branch):
        if channel.state is not ChannelState.ACTIVE:
            await store.channels.set_state(channel.id, ChannelState.ACTIVE)
        for topic in wanted:
            await store.subscriptions.add(
                channel.id, branch, topic, SubscriptionState.ACTIVE, call.caller.member.id
            )
        await _audit(call, "/subscribe", "done", branch=branch, topics=",".join(wanted))
        return [
            Reply(
                "subscribed",
                {"branch": branch, "topics": ", ".join(wanted), "chat": conv.title or "this chat"},
            )
        ]
    subs = [
        await store.subscriptions.add(
            channel.id, branch, topic, SubscriptionState.PENDING, call.caller.member.id
        )
        for topic in wanted
    ]
    pending = [s for s in subs if s.state is SubscriptionState.PENDING]
    if not pending:
        return [
            Reply(
                "subscribed",
                {"branch": branch, "topics": ", ".join(wanted), "chat": conv.title or "this chat"},
            )
        ]
    ids = ",".join(str(s.id) for s in pending)
    outbox = _outbox(call)
    officers = await outbox.officers_of([branch])
    await outbox.notify(
        officers,
        "subscription-request",
        {
            "chat": conv.title or conv.chat_id,
            "platform": conv.platform.value,
            "branch": branch,
            "topics": ", ".join(s.topic for s in pending),
        },
        title=f"Subscription request for {branch}",
        buttons=[("Approve", f"/approve {ids}"), ("Decline", f"/decline {ids}")],
    )
    await _audit(call, "/subscribe", "requested", branch=branch, topics=ids)
    return [Reply("subscription-requested", {"branch": branch, "officers": str(len(officers))})]


async def _decide(call: Call, approve: bool) -> list[Reply]:
    if not call.args:
        raise InvalidInput("ID", "which request? Use the buttons in the request message")
    try:
        ids = [int(x) for x in call.args[0].split(",") if x]
    except ValueError:
        raise InvalidInput("ID", "request ids are numbers") from None
    store = call.ctx.store
    done: list[str] = []
    for sub_id in ids[:20]:
        sub = await store.subscriptions.get(sub_id)
        if sub is None or sub.state is not SubscriptionState.PENDING:
            continue
        if not call.caller.is_officer_of(sub.branch):
            raise Forbidden("/approve" if approve else "/decline", f"officer of {sub.branch}")
        if approve:
            await store.subscriptions.set_state(sub.id, SubscriptionState.ACTIVE)
        else:
            await store.subscriptions.delete(sub.id)
        done.append(f"{sub.branch}/{sub.topic}")
    if not done:
        return [
            Reply("error", {"command": "/approve", "problem": "that request was already decided"})
        ]
    await _audit(call, "/approve" if approve else "/decline", "done", subscriptions=",".join(done))
    return [
        Reply(
            "subscription-decided",
            {"decision": "approved" if approve else "declined", "what": ", ".join(done)},
        )
    ]


async def approve(call: Call) -> list[Reply]:
    return await _decide(call, True)


async def decline(call: Call) -> list[Reply]:
    return await _decide(call, False)


async def unsubscribe(call: Call) -> list[Reply]:
    conv = call.incoming.conversation
    store = call.ctx.store
    channel = await store.channels.find(conv.platform, conv.chat_id)
    subs = await store.subscriptions.for_channel(channel.id) if channel else []
    branch = call.args[0].lower() if call.args else None
    mine = [s for s in subs if branch in (None, s.branch)]
    if not mine:
        return [Reply("subscriptions", {"chat": conv.title or "this chat", "lines": ["none"]})]
    allowed = [s for s in mine if call.caller.is_officer_of(s.branch)]
    if not allowed:
        raise Forbidden("/unsubscribe", f"officer of {mine[0].branch}")
    assert channel is not None
    for sub in allowed:
        await store.subscriptions.delete(sub.id)
    await _audit(call, "/unsubscribe", "done", subscriptions=str(len(allowed)))
    return [Reply("unsubscribed", {"count": str(len(allowed)), "chat": conv.title or "this chat"})]


async def subscriptions(call: Call) -> list[Reply]:
    conv = call.incoming.conversation
    channel = await call.ctx.store.channels.find(conv.platform, conv.chat_id)
    subs = await call.ctx.store.subscriptions.for_channel(channel.id) if channel else []
    waiting = " (waiting for approval)"
    lines = [
        f"{s.branch}: {s.topic}{waiting if s.state is SubscriptionState.PENDING else ''}"
        for s in subs
    ] or ["none"]
    return [Reply("subscriptions", {"chat": conv.title or "this chat", "lines": lines})]


async def remindme(call: Call) -> list[Reply]:
    """Personal ballot reminders by DM, for members who ask for them."""
    member = call.caller.member
    branch = member.branch or next(iter(call.caller.branches), None)
    if branch is None:
        raise InvalidInput(
            "branch", "the bot does not know your branch yet; ask your branch secretary"
        )
    choice = call.args[0].lower() if call.args else "on"
    if choice not in ("on", "off"):
        raise InvalidInput("on|off", f"usage: {call.spell('remindme')} on|off")
    conv = call.incoming.conversation
    store = call.ctx.store
    channel = await store.channels.upsert(
        conv.platform, conv.chat_id, ChatKind.DM, member_id=member.id
    )
    if choice == "on":
        await store.subscriptions.add(
            channel.id, branch, "ballots", SubscriptionState.ACTIVE, member.id
        )
    else:
        await store.subscriptions.remove(channel.id)
    return [Reply("remindme", {"state": choice})]


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
