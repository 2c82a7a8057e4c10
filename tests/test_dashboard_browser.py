"""The dashboard in a real browser (headless Chromium): an organiser signs in with the link
the bot sends on Telegram, composes and schedules a broadcast, sees how it will look on
Telegram and on Slack, watches it deliver through the stand-ins, and downloads the report;
an officer sees only their own branches."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from selenium.webdriver.common.by import By

from bot.core.models import Identity, Platform
from bot.core.results import BroadcastRequest
from tests.browser import Browser, browser
from tests.dashboard_kit import (
    LEEDS_GROUP,
    LIVERPOOL_CHANNEL,
    OFFICER,
    OPERATOR,
    ORGANISER,
    dashboard,
    link_by_chat,
)
from tests.harness import Harness, eventually

LONDON = ZoneInfo("Europe/London")
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
        await compose(b, datetime.now(ZoneInfo("UTC")) + timedelta(seconds=30))
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
            within=90,
        )
        await b.wait_for(b.has_text('[data-live="total.sent"]', "2"), within=90)
        await b.shoot("broadcast-report")
        sent_tg = h.tg.received[str(LEEDS_GROUP)][-1].text
        assert "&lt;b&gt;Pay&lt;/b&gt;" in sent_tg  # escaped for Telegram's HTML
        assert "&lt;!channel&gt;" in h.slack.received[LIVERPOOL_CHANNEL][-1].text
        await b.click('a[href$="report.csv"]')
        await b.wait_for(lambda: any(b.downloads.glob("broadcast-*.csv")))
        csv_text = next(b.downloads.glob("broadcast-*.csv")).read_text()
        assert "platform,telegram,1" in csv_text and "branch,dwp-leeds,1" in csv_text


async def test_the_overview_shows_delivery_progress_live(tmp_path: Path) -> None:
    """A broadcast's progress on the overview moves without reloading the page (the script
    keeps a mark on the window), and the row goes when the broadcast is done."""
    async with dashboard(tmp_path) as h, browser() as b:
        await signed_in(h, b, ORGANISER)
        h.tg.delay, h.slack.delay = 4.0, 11.0  # Leeds answers after 4 s, Liverpool after 11
        request = BroadcastRequest("pay", "dwp-leeds,hmrc-liverpool", text="Pay talks resume")
        await h.bot.app.services.broadcasts.send(request, OPERATOR)
        await b.get(h.bot.http.url + "/dashboard/")
        await b.script("window.sameLoad = true;")
        assert "0 of 2 sent" in await b.text("[data-broadcast]")
        await b.wait_for(b.has_text("[data-broadcast]", "1 of 2 sent"), within=30)
        assert await b.script("return window.sameLoad === true;")
        await b.shoot("overview-sending")
        await b.wait_for(b.has_text("#now + p", "Nothing is being delivered"), within=40)


async def test_officer_sees_only_their_branches(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, browser() as b:
        await signed_in(h, b, OFFICER)
        nav = [e.text for e in await b.all("header nav a")]
        assert "Broadcasts" not in nav and "Audit log" not in nav
        await b.get(h.bot.http.url + "/dashboard/broadcasts")
        assert "Not yours to see" in await b.text("h1")
        found = await b.run(lambda: b.driver.find_elements(By.CSS_SELECTOR, "main a"))
        assert found


async def add_ballot(b: Browser) -> None:
    await b.click('a[href="/dashboard/ballots"]')
    await b.click('a[href="/dashboard/ballots/new"]')
    opens = (datetime.now(LONDON) - timedelta(days=2)).strftime("%Y-%m-%d 09:00")
    closes = (datetime.now(LONDON) + timedelta(days=20)).strftime("%Y-%m-%d 12:00")
    for css, text in (
        ("#name", "pay-2027"),
        ("#title", "Pay ballot 2027 <i>statutory</i>"),
        ("#opens", opens),
        ("#closes", closes),
        ("#join_by", (datetime.now(LONDON) - timedelta(days=1)).strftime("%Y-%m-%d")),
    ):
        await b.type(css, text)
    await b.shoot("ballot-form")
    await b.click("#save")
    await b.wait_for(b.has_text("h1", "Pay ballot 2027 <i>statutory</i>"))


async def test_organiser_runs_a_ballot_and_reads_turnout(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, browser() as b:
        await signed_in(h, b, ORGANISER)
        await add_ballot(b)
        electorate = tmp_path / "electorate.csv"
        electorate.write_text("branch,eligible\ndwp-leeds,40\nhmrc-liverpool,25\ndwp-glasgow,30\n")
        await b.upload("#file", electorate)
        await b.click("#upload")
        await b.wait_for(b.has_text("svg.chart", "Whole ballot"))
        store = h.bot.app.store
        for i in range(14):
            member = await store.members.get_or_create(Identity(Platform.SLACK, f"U0VOTER{i:03}"))
            branch = "hmrc-liverpool" if i < 12 else "dwp-leeds"
            await store.ballots.bank("pay-2027", member.id, branch, datetime.now(LONDON))
        await b.get(b.url.split("?")[0])
        chart = await b.text("svg.chart")
        assert "As of" in chart and "Members' own reports" in chart
        assert "12 of 25 (48%) · 1 more needed" in chart  # labelled in words, not by colour
        assert "threshold 50%" in chart
        order = [
            t for t in chart.splitlines() if t in ("dwp-glasgow", "dwp-leeds", "hmrc-liverpool")
        ]
        assert order == ["dwp-leeds", "dwp-glasgow", "hmrc-liverpool"]  # most votes needed first
        timeline = await b.text("#timeline")
        assert "Reminder: opens" in timeline and "Closes" in timeline
        assert "skipped" in timeline or "planned" in timeline
        await b.shoot("ballot")
        await b.click('a[href$="turnout.csv"]')
        await b.wait_for(lambda: any(b.downloads.glob("pay-2027-turnout.csv")))
        rows = next(b.downloads.glob("pay-2027-turnout.csv")).read_text().splitlines()
        assert rows[0] == "branch,eligible,reported,share,votes_still_needed"
        assert rows[1].startswith("dwp-leeds,40,2,")


async def test_every_page_looks_right(tmp_path: Path) -> None:
    """Screenshots of every page, at desktop and phone widths, with hostile text typed in."""
    async with dashboard(tmp_path) as h, browser() as b:
        h.tg.message(OFFICER, "<b>Can</b> I <!channel> bring @everyone to the AGM?")
        await eventually(lambda: bool(h.tg.received[str(OFFICER)]), within=10)
        await signed_in(h, b, ORGANISER)
        for name in (
            "ballots",
            "petitions",
            "reports",
            "consultations",
            "questions",
            "branches",
            "audit",
        ):
            await b.get(h.bot.http.url + f"/dashboard/{name}")
            assert "Not yours" not in await b.text("h1")
            await b.shoot(name)
        await b.get(h.bot.http.url + "/dashboard/questions")
        assert "<b>Can</b> I <!channel> bring @everyone" in await b.text("main")
        await b.get(h.bot.http.url + "/dashboard/branches/dwp-leeds")
        await b.shoot("branch")
