"""The union's zone is named one way everywhere a time carries it: as its readers name it
at that time (GMT in winter, BST in summer), in chat, in the CLI and on the dashboard; never
by its key (Europe/London), which no member says."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.wording import day, zone_name
from tests.dashboard_kit import ORGANISER, client, dashboard, link_by_chat, sign_in
from tests.harness import eventually
from tests.test_actions import cli

NEXT_YEAR = datetime.now(UTC).year + 1  # both times to come, whenever the test runs
WINTER, SUMMER = date(NEXT_YEAR, 1, 15), date(NEXT_YEAR, 7, 15)


def test_the_name_is_the_seasons_and_a_forms_names_both() -> None:
    london, sydney = ZoneInfo("Europe/London"), ZoneInfo("Australia/Sydney")
    january, july = datetime(2027, 1, 15, 9, tzinfo=UTC), datetime(2027, 7, 15, 8, tzinfo=UTC)
    assert (zone_name(january, london), zone_name(july, london)) == ("GMT", "BST")
    assert zone_name(july, london, whole_year=True) == "GMT/BST"
    assert zone_name(july, sydney, whole_year=True) == "AEDT/AEST"
    assert zone_name(july, ZoneInfo("UTC"), whole_year=True) == "UTC"


async def test_chat_the_cli_and_the_dashboard_name_it_alike(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        for on, name in ((WINTER, "GMT"), (SUMMER, "BST")):
            before, when = len(h.tg.received[str(ORGANISER)]), f"{on:%Y-%m-%d} 09:00"
            h.tg.message(ORGANISER, f"/broadcast general all at {when} Branch meeting")
            await eventually(lambda b=before: len(h.tg.received[str(ORGANISER)]) >= b + 2)
            said = h.tg.received[str(ORGANISER)][-1].text
            assert f"{day(on)}, 09:00 ({name})" in said and "Europe/London" not in said

            args = ("--topic", "general", "--to", "all", "--at", when, "--text", "Hi")
            done = await asyncio.to_thread(cli, tmp_path, "broadcast", "schedule", *args)
            assert done.exit_code == 0, done.output
            assert f"scheduled for {day(on)}, 09:00 ({name})." in done.output

        await sign_in(session, await link_by_chat(h, ORGANISER))
        async with session.get(h.bot.http.url + "/dashboard/broadcasts") as page:
            shown = await page.text()
        assert "Send at (GMT/BST)" in shown and "Times in GMT/BST." in shown
        assert "Europe/London" not in shown
