"""The dashboard refuses what it must: forged, expired and replayed sign-in links, forms
without their CSRF token, a session after its role was revoked, an officer's direct URLs and
forged posts for organisers' work; a form posted twice has one effect."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.core.models import Identity, Platform, Role
from tests.dashboard_kit import (
    MEMBER,
    OFFICER,
    OPERATOR,
    ORGANISER,
    client,
    dashboard,
    field,
    link_by_chat,
    sign_in,
)
from tests.harness import eventually


class Shifted:
    """The system clock, moved on by hand (to let a link or a session expire)."""

    def __init__(self) -> None:
        self.offset = timedelta()

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


async def test_a_link_works_once_and_not_after_ten_minutes(tmp_path: Path) -> None:
    clock = Shifted()
    async with dashboard(tmp_path, clock=clock) as h, client() as session:
        link = await link_by_chat(h, ORGANISER)
        assert (await sign_in(session, link)).status == 200
        async with client() as again:
            replayed = await sign_in(again, link)
            assert replayed.status == 401
            forged = await sign_in(again, link[:-4] + "AAAA")
            assert forged.status == 401
            late = await link_by_chat(h, ORGANISER)
            clock.offset = timedelta(minutes=10, seconds=1)
            assert (await sign_in(again, late)).status == 401
            async with again.get(h.bot.http.url + "/dashboard/") as page:
                assert page.status == 401


async def test_the_session_cookie_and_headers(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        link = await link_by_chat(h, ORGANISER)
        async with session.get(link) as shown:
            await shown.read()
        async with session.post(
            link, data={"csrf": field(await shown.text(), "csrf")}, allow_redirects=False
        ) as signed:
            cookie = signed.headers["Set-Cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/dashboard" in cookie
        assert "Secure" not in cookie  # DASHBOARD_URL is http:// here
        for path in ("/dashboard/", "/dashboard/broadcasts"):
            async with session.get(h.bot.http.url + path) as page:
                html = await page.text()
                policy = page.headers["Content-Security-Policy"]
                assert "script-src 'self'" in policy and "unsafe-inline" not in policy
                assert page.headers["Referrer-Policy"] == "no-referrer"
                assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # no inline script
                assert not re.search(r"\son[a-z]+=", html)  # no inline handlers
                assert "http://" not in html.replace(h.bot.http.url, "")  # nothing external


async def test_a_form_without_its_csrf_token_is_refused(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        await sign_in(session, await link_by_chat(h, ORGANISER))
        form = {"topic": "pay", "audience": "all", "text": "Hello", "when": "now", "nonce": "n1"}
        async with session.post(h.bot.http.url + "/dashboard/broadcasts", data=form) as refused:
            assert refused.status == 403
        assert await h.bot.app.services.broadcasts.recent() == []
        link = await link_by_chat(h, ORGANISER)
        async with client() as other, other.post(link, data={}) as no_token:
            assert no_token.status == 403


async def test_a_form_posted_twice_has_one_effect(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        await sign_in(session, await link_by_chat(h, ORGANISER))
        async with session.get(h.bot.http.url + "/dashboard/broadcasts") as page:
            csrf = field(await page.text(), "csrf")
        form = {
            "csrf": csrf,
            "topic": "pay",
            "audience": "all",
            "text": "Pay news\nMeet at 6",
            "when": "now",
            "nonce": "the-same-form",
        }
        for _ in range(2):
            async with session.post(h.bot.http.url + "/dashboard/broadcasts", data=form) as done:
                assert done.status == 200
        assert len(await h.bot.app.services.broadcasts.recent()) == 1


async def test_revoking_the_role_ends_the_session_at_once(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        await sign_in(session, await link_by_chat(h, OFFICER))
        async with session.get(h.bot.http.url + "/dashboard/") as page:
            assert page.status == 200
        who = Identity(Platform.TELEGRAM, str(OFFICER))
        await h.bot.app.services.roles.revoke(who, Role.OFFICER, "dwp-leeds", OPERATOR)
        async with session.get(h.bot.http.url + "/dashboard/") as page:
            assert page.status == 401


async def test_forget_ends_the_session(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        await sign_in(session, await link_by_chat(h, ORGANISER))
        h.tg.message(ORGANISER, "/forget confirm")
        await eventually(lambda: len(h.tg.received[str(ORGANISER)]) >= 2, within=10)
        async with session.get(h.bot.http.url + "/dashboard/") as page:
            assert page.status == 401


async def test_an_officer_cannot_reach_organisers_work(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        await sign_in(session, await link_by_chat(h, OFFICER))
        async with session.get(h.bot.http.url + "/dashboard/") as page:
            csrf = field(await page.text(), "csrf")
        for path in ("/dashboard/broadcasts", "/dashboard/broadcasts.csv"):
            async with session.get(h.bot.http.url + path) as refused:
                assert refused.status == 403, path
        forged = {
            "csrf": csrf,
            "topic": "pay",
            "audience": "all",
            "text": "x",
            "when": "now",
            "nonce": "forged-1",
        }
        async with session.post(h.bot.http.url + "/dashboard/broadcasts", data=forged) as post:
            assert post.status == 403
        assert await h.bot.app.services.broadcasts.recent() == []


async def test_members_get_no_link_and_groups_get_it_by_dm(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h:
        h.tg.message(MEMBER, "/dashboard")
        await eventually(lambda: bool(h.tg.received[str(MEMBER)]), within=10)
        assert "sign-in" not in h.tg.received[str(MEMBER)][-1].text
        assert "officer" in h.tg.texts(MEMBER)[-1]
        group = -1001799999999
        h.tg.message(OFFICER, "/dashboard", chat_id=group, chat_type="supergroup", title="G")
        await eventually(lambda: bool(h.tg.received[str(OFFICER)]), within=10)
        assert "/sign-in/" in h.tg.received[str(OFFICER)][-1].text
        assert all("/sign-in/" not in s.text for s in h.tg.received[str(group)])


async def test_without_dashboard_url_there_is_no_dashboard(tmp_path: Path) -> None:
    async with dashboard(tmp_path, DASHBOARD_URL="") as h, client() as session:
        async with session.get(h.bot.http.url + "/dashboard/") as page:
            assert page.status == 404
        h.tg.message(ORGANISER, "/dashboard")
        await eventually(lambda: bool(h.tg.received[str(ORGANISER)]), within=10)
        assert "not switched on" in h.tg.texts(ORGANISER)[-1]
