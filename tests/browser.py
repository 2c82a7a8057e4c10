"""Headless Chromium (Debian's package) driven by Selenium, for the dashboard's browser
tests. WebDriver calls block, so each runs in a thread while the bot keeps serving on the
test's event loop. Screenshots go to .screenshots/ (not committed) to be looked at."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / ".screenshots"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)
DESKTOP, PHONE = (1280, 900), (390, 844)
# ChromeDriver gives a page 300 s to load, and waits as long on a renderer stuck in a script;
# Selenium waits on ChromeDriver with no limit at all: a hung Chromium held its test past
# pytest-timeout, which ends the whole worker. ChromeDriver now gives up in PAGE_S, Selenium
# in COMMAND_S whatever ChromeDriver does, and quitting gets QUIT_S before ChromeDriver and
# its Chromium are killed.
PAGE_S, COMMAND_S, QUIT_S = 60, 90, 30
T = TypeVar("T")


class Browser:
    def __init__(self, driver: webdriver.Chrome, downloads: Path) -> None:
        self.driver, self.downloads = driver, downloads

    async def run(self, work: Callable[[], T]) -> T:
        return await asyncio.to_thread(work)

    async def get(self, url: str) -> None:
        await self.run(lambda: self.driver.get(url))

    async def find(self, css: str) -> WebElement:
        return await self.run(lambda: self.driver.find_element(By.CSS_SELECTOR, css))

    async def all(self, css: str) -> list[WebElement]:
        return await self.run(lambda: self.driver.find_elements(By.CSS_SELECTOR, css))

    async def text(self, css: str = "main") -> str:
        found = await self.find(css)
        return await self.run(lambda: found.text)

    async def click(self, css: str) -> None:
        found = await self.find(css)
        await self.run(found.click)

    async def type(self, css: str, text: str) -> None:
        found = await self.find(css)
        await self.run(lambda: (found.clear(), found.send_keys(text)))

    async def upload(self, css: str, path: Path) -> None:
        found = await self.find(css)
        await self.run(lambda: found.send_keys(str(path)))

    async def script(self, code: str, *args: Any) -> Any:
        return await self.run(lambda: self.driver.execute_script(code, *args))

    async def wait_for(self, check: Callable[[], bool], within: float = 15.0) -> None:
        deadline = time.monotonic() + within
        while not await self.run(check):
            if time.monotonic() > deadline:
                page = await self.run(lambda: self.driver.find_element(By.TAG_NAME, "body").text)
                raise AssertionError(f"browser: condition not met; the page said:\n{page}")
            await asyncio.sleep(0.2)

    def has_text(self, css: str, text: str) -> Callable[[], bool]:
        def check() -> bool:
            found = self.driver.find_elements(By.CSS_SELECTOR, css)
            try:
                return any(text in element.text for element in found)
            except StaleElementReferenceException:  # the live page replaced it meanwhile
                return False

        return check

    @property
    def url(self) -> str:
        return str(self.driver.current_url)

    async def _shot(self, name: str, size: tuple[int, int]) -> Path:
        path = SHOTS / name
        await self.run(lambda: _size(self.driver, *size))
        await self.run(lambda: self.driver.save_screenshot(str(path)))
        return path

    async def shoot(self, name: str) -> list[Path]:
        """The whole page at desktop and phone widths."""
        SHOTS.mkdir(exist_ok=True)
        saved = []
        for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
            saved.append(await self._shot(f"{name}-{label}.png", size))
        await self.run(lambda: self.driver.set_window_size(*DESKTOP))
        return saved


def _size(driver: webdriver.Chrome, width: int, height: int) -> None:
    driver.set_window_size(width, height)
    full = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(width, max(height, min(full, 6000)))


def _driver(profile: Path, downloads: Path) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument(f"--window-size={DESKTOP[0]},{DESKTOP[1]}")
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    # Its own process group: what is left of ChromeDriver and Chromium is killed at the end.
    service = Service(CHROMEDRIVER, popen_kw={"start_new_session": True})
    driver = webdriver.Chrome(options=options, service=service)
    driver.command_executor.client_config.timeout = COMMAND_S
    driver.set_page_load_timeout(PAGE_S)
    return driver


async def _quit(driver: webdriver.Chrome) -> None:
    group = driver.service.process.pid
    try:
        await asyncio.wait_for(asyncio.to_thread(driver.quit), QUIT_S)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)


@asynccontextmanager
async def browser() -> AsyncIterator[Browser]:
    profile = Path(tempfile.mkdtemp(prefix="chromium-profile-"))
    downloads = Path(tempfile.mkdtemp(prefix="chromium-downloads-"))
    driver = await asyncio.to_thread(_driver, profile, downloads)
    try:
        yield Browser(driver, downloads)
    finally:
        await _quit(driver)
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(downloads, ignore_errors=True)
