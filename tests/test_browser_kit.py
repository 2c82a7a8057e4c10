"""The browser tests' kit fails a hung page in its own time limits, and leaves no Chromium."""

from __future__ import annotations

import asyncio
import os
import time

import pytest
from selenium.common.exceptions import TimeoutException

from tests import browser as kit
from tests.harness import eventually

# Started once the page has loaded: under load, a page that hung while loading held get()
# until Selenium's own limit (COMMAND_S) instead.
HANG = "setTimeout(() => { while (true) {} }, 1000); return 1"


async def test_a_hung_page_fails_in_the_command_limit_and_chromium_is_gone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A renderer stuck in a script held WebDriver calls for ChromeDriver's 300 s (and
    Selenium's own wait had no limit), past the test's, which ended its whole worker."""
    monkeypatch.setattr(kit, "PAGE_S", 3)
    async with kit.browser() as b:
        group = b.driver.service.process.pid
        await b.get("data:text/html,a page")
        await b.script(HANG)
        await asyncio.sleep(1.5)
        started = time.monotonic()
        with pytest.raises(TimeoutException):
            await b.script("return 1")
        assert time.monotonic() - started < 20
    await eventually(lambda: not _alive(group), within=10)


def _alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
