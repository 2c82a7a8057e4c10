"""A meeting report's state per branch, in the same words on the CLI, the dashboard and in
chat: noted (when, by which member), sent and not yet noted, or never sent (no channel of
the branch took the report's topic when it went out), with what to run to send it there.

Was every branch not noted "not yet", as if a branch the report never reached were slow."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.models import ChatKind, Identity, Platform, Role, SubscriptionState
from tests.dashboard_kit import (
    LEEDS_GROUP,
    LIVERPOOL_CHANNEL,
    OPERATOR,
    ORGANISER,
    OTHER_OFFICER,
    client,
    dashboard,
    link_by_chat,
    sign_in,
)
from tests.harness import eventually
from tests.test_actions import ANA, ORGANISERS, cli, slack

REPORT = "nec-2020-11"
ACTIVE = SubscriptionState.ACTIVE
LEEDS, LIVERPOOL = "Leeds <b>&</b> Bradford", "<!channel> Liverpool"  # channels' own names
LONDON = ZoneInfo("Europe/London")
NEVER = (
    "never sent (no channel of this branch took 'reports' when it went out); subscribe one, "
    f"then run: campaign-bot report publish {REPORT} --branch dwp-glasgow"
)


async def test_a_branch_the_report_never_reached_reads_never_sent(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        services = h.bot.app.services
        other = await services.roles.caller(Identity(Platform.TELEGRAM, str(OTHER_OFFICER)))
        await services.reports.publish(REPORT, OPERATOR)
        await services.reports.note(REPORT, "hmrc-liverpool", other)
        assert other.member is not None
        by = f"by member {other.member.id}"

        shown = await asyncio.to_thread(cli, tmp_path, "report", "status", REPORT)
        assert shown.exit_code == 0, shown.output
        lines = {line.split()[0]: line for line in shown.output.splitlines() if line.strip()}
        assert re.search(rf"^hmrc-liverpool\s+noted .+ {by}$", lines["hmrc-liverpool"])
        assert re.search(r"^dwp-leeds\s+sent, not yet noted$", lines["dwp-leeds"])
        glasgow = re.sub(r"\s+", " ", lines["dwp-glasgow"])
        assert glasgow == f"dwp-glasgow {NEVER}", shown.output
        status = json.loads(
            (await asyncio.to_thread(cli, tmp_path, "report", "status", REPORT, "--json")).output
        )
        assert status["not_noted"] == ["dwp-leeds"] and "dwp-glasgow" in status["never_sent"]
        assert status["noted_by"] == {"hmrc-liverpool": other.member.id}

        await sign_in(session, await link_by_chat(h, ORGANISER))
        async with session.get(h.bot.http.url + "/dashboard/reports") as page:
            text = re.sub(r"\s+", " ", await page.text())
        assert "<td>sent, not yet noted" in text and NEVER.replace("'", "&#39;") in text, text
        assert re.search(rf"<td>noted [^<]+ {by}", text)
        assert "not yet\n" not in text and "<td>not yet" not in text
        async with session.get(h.bot.http.url + "/dashboard/reports.csv") as got:
            rows = list(csv.reader(io.StringIO(await got.text())))
        [noted_at] = [r[3] for r in rows if r[1] == "hmrc-liverpool"]
        moment = datetime.fromisoformat(noted_at)  # the bot's zone, to the second (was UTC)
        assert "." not in noted_at and moment.utcoffset() == moment.astimezone(LONDON).utcoffset()

        # Once a channel of the branch subscribes, --branch sends it there, and only there.
        store = h.bot.app.store
        channel = await store.channels.upsert(
            Platform.SLACK, "C0GLASGOW", ChatKind.CHANNEL, "dwp-glasgow"
        )
        await store.subscriptions.add(
            channel.id, "dwp-glasgow", "reports", SubscriptionState.ACTIVE
        )
        sent = await asyncio.to_thread(
            cli, tmp_path, "report", "publish", REPORT, "--branch", "dwp-glasgow"
        )
        assert sent.exit_code == 0 and "1 channel queued" in sent.output, sent.output
        await eventually(lambda: bool(h.slack.received["C0GLASGOW"]), within=10)
        assert "Report from the NEC meeting" in h.slack.received["C0GLASGOW"][-1].text
        again = await asyncio.to_thread(
            cli, tmp_path, "report", "publish", REPORT, "--branch", "dwp-glasgow"
        )
        assert again.exit_code == 2 and "already sent to dwp-glasgow" in again.output
        shown = await asyncio.to_thread(cli, tmp_path, "report", "status", REPORT)
        assert re.search(r"^dwp-glasgow\s+sent, not yet noted$", shown.output, re.M)
        assert len(h.slack.received["C0LIVERPOOL"]) == 1  # nothing more to the others
        before = len(h.tg.received[str(ORGANISER)])
        h.tg.message(ORGANISER, f"/reports publish {REPORT} dwp-glasgow")  # the same, in chat
        await eventually(lambda: len(h.tg.received[str(ORGANISER)]) > before, within=10)
        assert "already sent to dwp-glasgow" in h.tg.received[str(ORGANISER)][-1].text


async def test_a_channel_subscribed_for_two_branches_gets_the_report_once(tmp_path: Path) -> None:
    """C0LIVERPOOL had the report through hmrc-liverpool; subscribed for dwp-glasgow as well,
    `--branch dwp-glasgow` skips it (saying why) and sends only to Glasgow's own channel.
    Was: queued for both, so C0LIVERPOOL had it twice."""
    async with dashboard(tmp_path) as h:
        store = h.bot.app.store
        shared = await store.channels.find(Platform.SLACK, "C0LIVERPOOL")
        assert shared is not None  # for dwp-leeds too: publishing to all sends it once
        await store.subscriptions.add(shared.id, "dwp-leeds", "reports", SubscriptionState.ACTIVE)
        await h.bot.app.services.reports.publish(REPORT, OPERATOR)
        await eventually(lambda: len(h.slack.received["C0LIVERPOOL"]) == 1, within=10)
        own = await store.channels.upsert(
            Platform.SLACK, "C0GLASGOW", ChatKind.CHANNEL, "dwp-glasgow"
        )
        for channel in (shared, own):
            assert channel is not None
            await store.subscriptions.add(
                channel.id, "dwp-glasgow", "reports", SubscriptionState.ACTIVE
            )
        sent = await asyncio.to_thread(
            cli, tmp_path, "report", "publish", REPORT, "--branch", "dwp-glasgow"
        )
        assert sent.exit_code == 0 and "1 channel queued" in sent.output, sent.output
        assert re.search(
            r"slack hmrc-liverpool: skipped, it already had this report through dwp-leeds, "
            r"hmrc-liverpool",
            sent.output,
        ), sent.output
        await eventually(lambda: bool(h.slack.received["C0GLASGOW"]), within=10)
        assert len(h.slack.received["C0LIVERPOOL"]) == 1


async def test_chat_names_the_channels_it_skipped_escaped_per_platform(tmp_path: Path) -> None:
    """`/reports publish REPORT BRANCH` in chat says which channels it did not send the
    report again, as the CLI does, their names literal on each platform (a channel named
    "<!channel>" notifies no one). Was: only "on its way to 1 channel"."""
    async with dashboard(tmp_path) as h:
        store, tg = h.bot.app.store, Platform.TELEGRAM
        await h.bot.app.services.roles.grant(
            Identity(Platform.SLACK, ANA), Role.ORGANISER, None, OPERATOR
        )
        leeds = await store.channels.upsert(tg, str(LEEDS_GROUP), ChatKind.GROUP, LEEDS)
        liverpool = await store.channels.upsert(
            Platform.SLACK, LIVERPOOL_CHANNEL, ChatKind.CHANNEL, LIVERPOOL
        )
        await h.bot.app.services.reports.publish(REPORT, OPERATOR)
        for branch, own in (("dwp-glasgow", "C0GLASGOW"), ("hmrc-newcastle", "C0NEWCASTLE")):
            mine = await store.channels.upsert(Platform.SLACK, own, ChatKind.CHANNEL, own)
            for channel in (leeds, liverpool, mine):
                await store.subscriptions.add(channel.id, branch, "reports", ACTIVE)

        before = len(h.tg.received[str(ORGANISER)])
        h.tg.message(ORGANISER, f"/reports publish {REPORT} dwp-glasgow")
        await eventually(lambda: len(h.tg.received[str(ORGANISER)]) > before, within=10)
        said = h.tg.received[str(ORGANISER)][-1].text  # Telegram's HTML
        assert "on its way to 1 channel" in said, said
        skipped = ": skipped, it already had this report through"
        assert f"telegram Leeds &lt;b&gt;&amp;&lt;/b&gt; Bradford{skipped} dwp-leeds" in said
        assert f"slack &lt;!channel&gt; Liverpool{skipped} hmrc-liverpool" in said

        before = len(h.slack.received[ORGANISERS])
        await slack(h, ANA, f"reports publish {REPORT} hmrc-newcastle")
        await eventually(lambda: len(h.slack.received[ORGANISERS]) > before, within=10)
        said = h.slack.received[ORGANISERS][-1].text  # Slack's mrkdwn
        assert "on its way to 1 channel" in said, said
        assert f"telegram Leeds &lt;b&gt;&amp;&lt;/b&gt; Bradford{skipped} dwp-glasgow" in said
        assert f"slack &lt;!channel&gt; Liverpool{skipped} dwp-glasgow" in said
        assert "<!channel>" not in said
