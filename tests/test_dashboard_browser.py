"""The dashboard in a real browser (headless Chromium): an organiser signs in with the link
the bot sends on Telegram, composes and schedules a broadcast, sees how it will look on
Telegram and on Slack, watches it deliver through the stand-ins, and downloads the report;
an officer sees only their own branches."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By

from tests.browser import Browser, browser
from tests.dashboard_kit import (
    LEEDS_GROUP,
    LIVERPOOL_CHANNEL,
    OFFICER,
    ORGANISER,
    dashboard,
    link_by_chat,
)
from tests.harness import Harness, eventually

TYPED = "<b>Pay</b> & <!channel> @everyone *offer*"


async def signed_in(h: Harness, b: Browser, user: int) -> None:
    await b.get(await link_by_chat(h, user))
    await b.click("#sign-in")
    await b.wait_for(b.has_text("h1", "Overview"))


async def compose(b: Browser, when: datetime) -> None:
    await b.click('a[href="/dashboard/broadcasts"]')
    await b.type("#text", f"Pay offer update\n{TYPED}\nBranch meetings this week.")
    await b.click('input[name="audience"][value="branches"]')
    for branch in ("dwp-leeds", "hmrc-liverpool"):
        await b.click(f'input[name="branches"][value="{branch}"]')
    await b.click('input[name="when"][value="at"]')
    field = await b.find('input[name="send_at"]')
    local = when.astimezone(ZoneInfo("Europe/London")).strftime("%Y-%m-%dT%H:%M:%S")
    # Seconds, so the test need not wait for the next minute; people pick minutes.
    await b.script("arguments[0].step = 1; arguments[0].value = arguments[1];", field, local)
    await b.click("#preview")


async def test_organiser_schedules_a_broadcast_and_watches_it_deliver(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, browser() as b:
        await signed_in(h, b, ORGANISER)
        await b.shoot("overview")
        await compose(b, datetime.now(ZoneInfo("UTC")) + timedelta(seconds=6))
        await b.wait_for(b.has_text("#audience-count", "2 channels"))
        telegram = await b.text("figure.telegram")
        slack = await b.text("figure.slack")
        assert TYPED in telegram and TYPED in slack  # shown literally, on both
        assert not await b.all("figure.preview .bubble b")  # never markup on the page
        await b.shoot("broadcast-preview")
        await b.click("#confirm")
        await b.wait_for(b.has_text("[data-live=state]", "scheduled"))
        await eventually(
            lambda: bool(h.tg.received[str(LEEDS_GROUP)] and h.slack.received[LIVERPOOL_CHANNEL]),
            within=20,
        )
        await b.wait_for(b.has_text('[data-live="total.sent"]', "2"), within=20)
        await b.shoot("broadcast-report")
        sent_tg = h.tg.received[str(LEEDS_GROUP)][-1].text
        assert "&lt;b&gt;Pay&lt;/b&gt;" in sent_tg  # escaped for Telegram's HTML
        assert "&lt;!channel&gt;" in h.slack.received[LIVERPOOL_CHANNEL][-1].text
        await b.click('a[href$="report.csv"]')
        await b.wait_for(lambda: any(b.downloads.glob("broadcast-*.csv")))
        csv_text = next(b.downloads.glob("broadcast-*.csv")).read_text()
        assert "platform,telegram,1" in csv_text and "branch,dwp-leeds,1" in csv_text


async def test_officer_sees_only_their_branches(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, browser() as b:
        await signed_in(h, b, OFFICER)
        nav = [e.text for e in await b.all("header nav a")]
        assert "Broadcasts" not in nav and "Audit log" not in nav
        await b.get(h.bot.http.url + "/dashboard/broadcasts")
        assert "Not yours to see" in await b.text("h1")
        found = await b.run(lambda: b.driver.find_elements(By.CSS_SELECTOR, "main a"))
        assert found
