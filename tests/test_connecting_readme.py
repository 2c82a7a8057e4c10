"""The bot's own commands in the README's "Connecting Telegram" and "Connecting Slack"
sections, run as shown through the stand-ins (the topic's /subscribe is run by
tests/test_subscribe_broadcast_e2e.py, the lifecycle by tests/test_payload_replay.py)."""

from __future__ import annotations

from pathlib import Path

from bot.core.models import Identity, Platform, Role, RoleGrant
from tests.harness import eventually, running, settle

README = (Path(__file__).parent.parent / "README.md").read_text()
SECTIONS = README.split("## Connecting Telegram")[1].split("## What the bot is for")[0]
GROUP, TOM = -1001678900001, 6023400001


def test_the_sections_show_these_commands() -> None:
    for shown in (
        "`/help`",
        "`/help@yourbot`",
        "`/subscribe dwp-leeds pay`",
        "`/campaign subscribe BRANCH TOPIC`",
    ):
        assert shown in SECTIONS, shown


async def test_help_and_help_at_the_bot_are_answered_and_another_bots_command_is_not(
    tmp_path: Path,
) -> None:
    async with running(tmp_path, slack=False) as h:
        me = h.tg.username
        for sent in ("/help", f"/help@{me}"):
            before = len(h.tg.received[str(GROUP)])
            h.tg.message(TOM, sent, chat_id=GROUP, chat_type="supergroup")
            await eventually(lambda b=before: len(h.tg.received[str(GROUP)]) > b)
            assert "campaign bot" in h.tg.texts(GROUP)[-1], sent
        before = len(h.tg.received[str(GROUP)])
        h.tg.message(TOM, "/report", chat_id=GROUP, chat_type="supergroup")
        await settle(1.0)
        assert len(h.tg.received[str(GROUP)]) == before  # not ours, not addressed: silence


async def test_campaign_subscribe_in_a_slack_channel(tmp_path: Path) -> None:
    async with running(tmp_path, telegram=False) as h:
        officer = await h.bot.app.store.members.get_or_create(Identity(Platform.SLACK, "U0TOM0001"))
        await h.bot.app.store.roles.grant(RoleGrant(officer.id, Role.OFFICER, "dwp-leeds"))
        form = h.slack.command("U0TOM0001", "C0BRANCH01", "subscribe dwp-leeds pay")
        assert (await h.slack.post_command(h.events_url, form)).status == 200
        await eventually(lambda: bool(h.slack.responses or h.slack.received["C0BRANCH01"]))
        channel = await h.bot.app.store.channels.find(Platform.SLACK, "C0BRANCH01")
        assert channel is not None
        subs = await h.bot.app.store.subscriptions.for_channel(channel.id)
        found = [(s.branch, s.topic, s.state.value) for s in subs]
        assert found == [("dwp-leeds", "pay", "active")]
