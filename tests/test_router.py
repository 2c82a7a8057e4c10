"""The command surface: roles checked on every command, refusals audited, personal answers by DM."""

from __future__ import annotations

from datetime import timedelta

from bot.content.loader import Content
from bot.content.templates import Templates
from bot.core.clock import FixedClock
from bot.core.events import Conversation, Incoming
from bot.core.models import ChatKind, Identity, Platform, Role, RoleGrant
from bot.core.router import Router
from bot.storage.memory import MemoryStore
from tests.conftest import ROOT, wired

ALICE = Identity(Platform.TELEGRAM, "1001")
GROUP = Conversation(Platform.TELEGRAM, "-100777", ChatKind.GROUP, "Leeds branch")
DM = Conversation(Platform.TELEGRAM, "1001", ChatKind.DM)


def make_router(content: Content, clock: FixedClock) -> tuple[Router, MemoryStore]:
    store = MemoryStore()
    app = wired(store, content, Templates.load(ROOT / "messages"), clock)
    return app.router, store


def said(
    text: str, who: Identity = ALICE, where: Conversation = DM, addressed: bool = False
) -> Incoming:
    return Incoming(who, where, text, addressed=addressed)


async def test_help_lists_only_what_the_role_may_use(content: Content, clock: FixedClock) -> None:
    router, _ = make_router(content, clock)
    [reply] = await router.handle(said("/help"))
    assert reply.template == "help" and reply.values["role"] == "anyone"
    names = {line.split()[0] for line in reply.values["commands"]}
    # Anyone: reading, and the member actions that explain themselves to an unlinked
    # account (/signed, /vote say how to /link); never an officer's or organiser's command.
    assert names == {
        "/start",
        "/help",
        "/whoami",
        "/join",
        "/ask",
        "/ballots",
        "/ballot",
        "/petition",
        "/signed",
        "/reports",
        "/vote",
        "/link",
        "/mydata",
        "/forget",
    }


async def test_refusal_is_replied_and_audited(content: Content, clock: FixedClock) -> None:
    async def organiser_only(call: object) -> list[object]:
        raise AssertionError("must not run")

    from bot.core.router import Command

    router, store = make_router(content, clock)
    router.commands["broadcast"] = Command("broadcast", "x", Role.ORGANISER, organiser_only)  # type: ignore[arg-type]
    [reply] = await router.handle(said("/broadcast hello", where=GROUP))
    assert reply.template == "forbidden" and reply.values["needed"] == "organisers"
    [entry] = await store.audit.recent()
    assert (entry.actor, entry.action, entry.outcome) == ("telegram:1001", "/broadcast", "refused")


async def test_anonymous_group_admin_gets_no_role(content: Content, clock: FixedClock) -> None:
    router, store = make_router(content, clock)
    anon = Identity(Platform.TELEGRAM, "1087968824")
    member = await store.members.get_or_create(anon)
    await store.roles.grant(RoleGrant(member.id, Role.ORGANISER))
    caller = await router.ctx.roles.caller(anon)
    assert caller.role is Role.ANYONE


async def test_whoami_in_a_group_goes_to_dms(content: Content, clock: FixedClock) -> None:
    router, store = make_router(content, clock)
    member = await store.members.get_or_create(ALICE)
    await store.roles.grant(RoleGrant(member.id, Role.OFFICER, "dwp-leeds"))
    notice, private = await router.handle(said("/whoami@campaign_bot", where=GROUP))
    assert notice.template == "check-your-dms" and not notice.dm
    assert private.template == "whoami" and private.dm
    assert private.values["roles"] == ["branch officer of dwp-leeds"]
    assert private.values["identities"] == ["telegram:1001"]


async def test_plain_text_is_a_question_only_when_addressed(
    content: Content, clock: FixedClock
) -> None:
    router, _ = make_router(content, clock)
    assert await router.handle(said("how do I vote?", where=GROUP)) == []
    [reply] = await router.handle(said("how do I vote?", where=GROUP, addressed=True))
    assert reply.template == "answer" and "post" in reply.values["answer"]
    [unsure] = await router.handle(said("what's the football score", where=DM))
    assert unsure.template == "answer-handoff" and unsure.values["suggestions"]


async def test_flooding_is_throttled(content: Content, clock: FixedClock) -> None:
    router, _ = make_router(content, clock)
    replies = [await router.handle(said("/help")) for _ in range(30)]
    answered = [r[0].template for r in replies if r]
    # The burst is answered, then one "slow down" for the whole spell, not one per message.
    assert answered == ["help"] * 8 + ["slow-down"]
    clock.advance(timedelta(seconds=10))  # five tokens back: answered again, told again
    replies = [await router.handle(said("/help")) for _ in range(30)]
    assert [r[0].template for r in replies if r] == ["help"] * 5 + ["slow-down"]
    other = Identity(Platform.SLACK, "U2")
    [fresh] = await router.handle(said("/help", who=other))
    assert fresh.template == "help"


async def test_bad_input_never_crashes(content: Content, clock: FixedClock) -> None:
    router, _ = make_router(content, clock)
    for text in [
        "",
        "/",
        "/\x00",
        "x" * 10_000,
        "/ask " + "y" * 10_000,
        "'); DROP TABLE members;--",
        '/ask "unclosed',
        "😀😀😀",
        "/HELP",
    ]:
        for reply in await router.handle(said(text)):
            assert reply.template


async def test_the_part_held_is_answered_and_the_whole_handed_off(
    content: Content, clock: FixedClock
) -> None:
    router, store = make_router(content, clock)
    held, rest = await router.handle(
        said("who do I speak to about a grievance with my line manager? and where are the reports?")
    )
    assert held.template == "answer" and "/reports" in held.values["answer"]
    assert rest.template == "answer-rest" and rest.values["id"] == "1"
    [waiting] = await store.questions.open()
    assert waiting.text.startswith("who do I speak to about a grievance")
