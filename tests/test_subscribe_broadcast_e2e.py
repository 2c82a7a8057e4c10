"""Subscriptions and /broadcast in chat, end to end through both stand-ins."""

from __future__ import annotations

from pathlib import Path

from bot.core.models import Identity, Platform, Role, RoleGrant
from bot.standins.telegram.html import visible_text
from tests.harness import Harness, eventually, running, settle

TOM, PRIYA, GROUP = 6023456789, 5012345678, -1001678901234
ANA, SAM, CHANNEL = "U0ANA00001", "U0SAM00001", "C0LEEDS01"


async def grant(h: Harness, who: Identity, role: Role, branch: str | None = None) -> int:
    member = await h.bot.app.store.members.get_or_create(who)
    await h.bot.app.store.roles.grant(RoleGrant(member.id, role, branch))
    return member.id


async def subs_of(h: Harness, platform: Platform, chat: str) -> list[tuple[str, str, str]]:
    channel = await h.bot.app.store.channels.find(platform, chat)
    if channel is None:
        return []
    found = await h.bot.app.store.subscriptions.for_channel(channel.id)
    return [(s.branch, s.topic, s.state.value) for s in found]


async def test_officer_subscribes_a_group_at_once(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await grant(h, Identity(Platform.TELEGRAM, str(TOM)), Role.OFFICER, "dwp-leeds")
        h.tg.message(
            TOM,
            "/subscribe dwp-leeds pay ballots",
            chat_id=GROUP,
            chat_type="supergroup",
            title="DWP Leeds",
        )
        await eventually(lambda: bool(h.tg.received[str(GROUP)]))
        assert "now gets dwp-leeds news on: pay, ballots" in h.tg.texts(GROUP)[0]
        assert await subs_of(h, Platform.TELEGRAM, str(GROUP)) == [
            ("dwp-leeds", "ballots", "active"),
            ("dwp-leeds", "pay", "active"),
        ]


async def test_member_request_waits_for_an_officers_button(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await grant(h, Identity(Platform.TELEGRAM, str(TOM)), Role.OFFICER, "dwp-leeds")
        await grant(h, Identity(Platform.SLACK, SAM), Role.MEMBER, "dwp-leeds")
        await h.slack.post_command(
            h.events_url, h.slack.command(SAM, CHANNEL, "subscribe dwp-leeds pay")
        )
        await eventually(lambda: bool(h.tg.received[str(TOM)]), within=10)
        notice = h.tg.received[str(TOM)][0]
        assert "Subscription request" in visible_text(notice.text)
        assert await subs_of(h, Platform.SLACK, CHANNEL) == [("dwp-leeds", "pay", "pending")]
        approve = notice.reply_markup["inline_keyboard"][0][0]  # type: ignore[index]
        assert approve["text"] == "Approve"
        h.tg.press(TOM, approve["callback_data"])
        await eventually(lambda: len(h.tg.received[str(TOM)]) >= 2)
        assert "Subscription approved" in h.tg.texts(TOM)[1]
        assert await subs_of(h, Platform.SLACK, CHANNEL) == [("dwp-leeds", "pay", "active")]


async def test_a_member_cannot_approve_and_non_members_cannot_subscribe(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        h.tg.message(PRIYA, "/subscribe dwp-leeds", chat_id=GROUP, chat_type="supergroup")
        await eventually(lambda: bool(h.tg.received[str(GROUP)]))
        assert "only for members" in h.tg.texts(GROUP)[0]
        await grant(h, Identity(Platform.TELEGRAM, str(PRIYA)), Role.MEMBER, "dwp-leeds")
        h.tg.message(PRIYA, "/approve 1", chat_id=GROUP, chat_type="supergroup")
        await eventually(lambda: len(h.tg.received[str(GROUP)]) >= 2)
        assert "only for branch officers" in h.tg.texts(GROUP)[1]
        audit = await h.bot.app.store.audit.recent()
        assert [(a.action, a.outcome) for a in audit[:2]] == [
            ("/approve", "refused"),
            ("/subscribe", "refused"),
        ]


async def test_organiser_broadcasts_with_preview_and_confirm(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await grant(h, Identity(Platform.TELEGRAM, str(TOM)), Role.OFFICER, "dwp-leeds")
        await grant(h, Identity(Platform.SLACK, ANA), Role.ORGANISER)
        h.tg.message(TOM, "/subscribe dwp-leeds pay", chat_id=GROUP, chat_type="supergroup")
        await eventually(lambda: bool(h.tg.received[str(GROUP)]))
        text = "broadcast pay group:dwp Talks resume on Monday <!channel> *bring a friend*"
        await h.slack.post_command(
            h.events_url, h.slack.command(ANA, "D0ANA00001", text, channel_name="directmessage")
        )
        await eventually(lambda: len(h.slack.received["D0ANA00001"]) >= 2)
        preview, summary = h.slack.received["D0ANA00001"][:2]
        assert "Talks resume on Monday" in preview.text
        assert "goes to 1 channel subscribed" in summary.text
        button = summary.blocks[-1]["elements"][0]  # type: ignore[index]
        assert button["text"]["text"] == "Send now"
        assert len(h.tg.received[str(GROUP)]) == 1  # nothing sent before the confirmation
        # someone else pressing the button is refused
        await grant(h, Identity(Platform.SLACK, "U0OTHER001"), Role.ORGANISER)
        stolen = h.slack.block_action("U0OTHER001", "D0OTHER001", button["value"])
        await h.slack.post_action(h.events_url, stolen)
        await eventually(lambda: bool(h.slack.received["D0OTHER001"]))
        assert "organiser who composed it" in h.slack.received["D0OTHER001"][0].text
        await settle()
        assert len(h.tg.received[str(GROUP)]) == 1
        mine = h.slack.block_action(ANA, "D0ANA00001", button["value"])
        await h.slack.post_action(h.events_url, mine)
        await eventually(lambda: len(h.tg.received[str(GROUP)]) >= 2, within=10)
        sent = h.tg.texts(GROUP)[1]
        assert "Talks resume on Monday <!channel> *bring a friend*" in sent
        assert h.slack.notified_everyone == []


async def test_broadcast_bad_input_is_explained(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await grant(h, Identity(Platform.TELEGRAM, str(PRIYA)), Role.ORGANISER)
        for text, expected in [
            ("/broadcast pay all at yesterday Hello", "could not read"),
            ("/broadcast pay all at 2020-01-01T09:00 Hello", "already passed"),
            ("/broadcast pay all Hello", "no channel is subscribed"),
            ("/broadcast nonsense all Hello", "unknown topic"),
            ("/broadcast", "usage"),
        ]:
            before = len(h.tg.received[str(PRIYA)])
            h.tg.message(PRIYA, text)
            await eventually(lambda b=before: len(h.tg.received[str(PRIYA)]) > b)
            assert expected in h.tg.texts(PRIYA)[-1], text
        assert await h.bot.app.store.broadcasts.recent() == []


async def test_non_organiser_broadcast_is_refused_and_audited(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await grant(h, Identity(Platform.TELEGRAM, str(TOM)), Role.OFFICER, "dwp-leeds")
        h.tg.message(TOM, "/broadcast pay all Hello")
        await eventually(lambda: bool(h.tg.received[str(TOM)]))
        assert "only for organisers" in h.tg.texts(TOM)[0]
        [entry] = await h.bot.app.store.audit.recent()
        assert (entry.action, entry.outcome) == ("/broadcast", "refused")


async def test_remindme_subscribes_a_dm_for_ballots(tmp_path: Path) -> None:
    async with running(tmp_path) as h:
        await grant(h, Identity(Platform.TELEGRAM, str(PRIYA)), Role.MEMBER, "dwp-leeds")
        member = await h.bot.app.store.members.find(Identity(Platform.TELEGRAM, str(PRIYA)))
        assert member is not None
        await h.bot.app.store.members.set_branch(member.id, "dwp-leeds")
        h.tg.message(PRIYA, "/remindme on")
        await eventually(lambda: bool(h.tg.received[str(PRIYA)]))
        assert await subs_of(h, Platform.TELEGRAM, str(PRIYA)) == [
            ("dwp-leeds", "ballots", "active")
        ]
        channel = await h.bot.app.store.channels.find(Platform.TELEGRAM, str(PRIYA))
        assert channel is not None and channel.member_id == member.id


async def test_a_forum_topic_subscribed_from_inside_gets_its_broadcasts(tmp_path: Path) -> None:
    """An officer subscribes one topic of a forum; the reply and the broadcast go to that
    topic (message_thread_id), not to General, and the rest of the forum hears nothing."""
    topic = 4
    async with running(tmp_path) as h:
        await grant(h, Identity(Platform.TELEGRAM, str(TOM)), Role.OFFICER, "dwp-leeds")
        await grant(h, Identity(Platform.TELEGRAM, str(PRIYA)), Role.ORGANISER)
        h.tg.message(
            TOM, "/subscribe dwp-leeds pay", chat_id=GROUP, chat_type="supergroup", topic=topic
        )
        await eventually(lambda: bool(h.tg.received[str(GROUP)]))
        [confirmed] = h.tg.received[str(GROUP)]
        assert "now gets dwp-leeds news on: pay" in visible_text(confirmed.text)
        assert confirmed.thread == topic
        assert await subs_of(h, Platform.TELEGRAM, str(GROUP)) == []  # the forum itself: none
        place = await h.bot.app.store.channels.find(Platform.TELEGRAM, str(GROUP), str(topic))
        assert place is not None
        subs = await h.bot.app.store.subscriptions.for_channel(place.id)
        assert [(s.branch, s.topic) for s in subs] == [("dwp-leeds", "pay")]
        h.tg.message(PRIYA, "/broadcast pay all Talks resume on Monday")
        await eventually(lambda: len(h.tg.received[str(PRIYA)]) >= 2)
        markup = h.tg.received[str(PRIYA)][-1].reply_markup or {}
        send = markup["inline_keyboard"][0][0]
        assert send["text"] == "Send now"
        h.tg.press(PRIYA, send["callback_data"])
        await eventually(lambda: len(h.tg.received[str(GROUP)]) >= 2, within=10)
        news = h.tg.received[str(GROUP)][1]
        assert "Talks resume on Monday" in visible_text(news.text) and news.thread == topic
        await settle()
        assert [m.thread for m in h.tg.received[str(GROUP)]] == [topic, topic]


async def test_commands_typed_without_a_slash_in_a_slack_mention_run(tmp_path: Path) -> None:
    """COMMANDS.md: on Slack, DMs and mentions take the commands as plain text. An officer's
    "@bot subscribe dwp-leeds ballots" subscribes the channel and a member's asks the
    officers, as /campaign subscribe does; a command the member may not use, and a command
    word starting a question ("ballot papers not arrived"), are questions, never refusals."""
    async with running(tmp_path, telegram=False) as h:
        await grant(h, Identity(Platform.SLACK, ANA), Role.OFFICER, "dwp-leeds")
        await grant(h, Identity(Platform.SLACK, SAM), Role.MEMBER, "dwp-leeds")
        said = [
            (ANA, "subscribe dwp-leeds ballots"),
            (SAM, "subscribe dwp-leeds pay"),
            (SAM, "broadcast dwp-leeds pay hello all"),
            (SAM, "ballot papers not arrived"),
        ]
        for who, text in said:
            seen = len(h.slack.received[CHANNEL])
            mention = {"type": "app_mention", "user": who, "channel": CHANNEL}
            asked = mention | {"text": f"<@UBOTSTAND1> {text}"}
            await h.slack.post_event(h.events_url, h.slack.event(asked))
            await eventually(lambda n=seen: len(h.slack.received[CHANNEL]) > n, within=20)
            told = h.slack.received[CHANNEL][-1].text
            assert "only for" not in told and "Unknown ballot" not in told.lower(), told
        assert await subs_of(h, Platform.SLACK, CHANNEL) == [
            ("dwp-leeds", "ballots", "active"),
            ("dwp-leeds", "pay", "pending"),
        ]
