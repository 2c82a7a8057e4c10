"""The dashboard's pages over HTTP: officers reach only their own branches (direct URLs and
forged posts refused with 403); ballots are added and edited with the CLI's checks; an
electorate file with problems saves nothing; what people type is shown literally."""

from __future__ import annotations

import re
from pathlib import Path

import aiohttp

from bot.core.models import Identity, Platform, Role
from bot.core.services import Membership
from tests.dashboard_kit import (
    MEMBER,
    OFFICER,
    OPERATOR,
    ORGANISER,
    OTHER_OFFICER,
    client,
    dashboard,
    field,
    link_by_chat,
    sign_in,
)
from tests.harness import Harness, eventually

HOSTILE = "<script>alert(1)</script> <b>bold</b> & @here <!channel>"


async def csrf_of(session: aiohttp.ClientSession, h: Harness) -> str:
    async with session.get(h.bot.http.url + "/dashboard/") as page:
        return field(await page.text(), "csrf")


async def test_an_officer_reaches_only_their_own_branch(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        await sign_in(session, await link_by_chat(h, OFFICER))
        base = h.bot.http.url + "/dashboard"
        async with session.get(base + "/branches/dwp-leeds") as own:
            assert own.status == 200
            assert f"telegram:{MEMBER}" in await own.text()
        for path in ("/branches/hmrc-liverpool", "/branches/hmrc-liverpool.csv", "/audit"):
            async with session.get(base + path) as other:
                assert other.status == 403, path
        csrf = await csrf_of(session, h)
        forged = {"csrf": csrf, "who": f"telegram:{MEMBER}", "role": "member"}
        async with session.post(base + "/branches/hmrc-liverpool/grant", data=forged) as post:
            assert post.status == 403
        officer = {"csrf": csrf, "who": f"telegram:{MEMBER}", "role": "officer"}
        async with session.post(base + "/branches/dwp-leeds/grant", data=officer) as post:
            assert post.status == 403  # an officer grants the member role only
        note = {"csrf": csrf, "branch": "hmrc-liverpool"}
        async with session.post(base + "/reports/nec-2020-11/note", data=note) as post:
            assert post.status in (400, 403)
        roles = await h.bot.app.store.roles.for_member(
            (await h.bot.app.store.members.find(Identity(Platform.TELEGRAM, str(MEMBER)))).id  # type: ignore[union-attr]
        )
        assert [(g.role, g.branch) for g in roles] == [(Role.MEMBER, "dwp-leeds")]
        refused = await h.bot.app.services.audit.recent(20, "roles grant")
        assert [e.outcome for e in refused] == ["refused", "refused"] + ["done"] * (
            len(refused) - 2
        )


async def test_an_officer_approves_their_own_branch_requests_only(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        h.tg.message(
            MEMBER,
            "/subscribe hmrc-liverpool pay",
            chat_id=-1001711111111,
            chat_type="supergroup",
            title="<i>Liverpool</i> chat",
        )
        store = h.bot.app.store
        # The request is handled in the background: wait for the officer's DM about it, so
        # it is kept and is not taken for the reply to /dashboard.
        await eventually(lambda: bool(h.tg.received[str(OTHER_OFFICER)]), within=30)
        await sign_in(session, await link_by_chat(h, OTHER_OFFICER))
        base = h.bot.http.url + "/dashboard"
        async with session.get(base + "/branches/hmrc-liverpool") as page:
            text = await page.text()
        assert "&lt;i&gt;Liverpool&lt;/i&gt; chat" in text  # literally, never markup
        ids = field(text, "ids")
        async with client() as leeds:
            await sign_in(leeds, await link_by_chat(h, OFFICER))
            forged = {"csrf": await csrf_of(leeds, h), "ids": ids, "decision": "approve"}
            async with leeds.post(base + "/branches/dwp-leeds/requests", data=forged) as post:
                assert post.status == 403
        pending = await store.subscriptions.get(int(ids))
        assert pending is not None and pending.state.value == "pending"
        mine = {"csrf": await csrf_of(session, h), "ids": ids, "decision": "approve"}
        async with session.post(base + "/branches/hmrc-liverpool/requests", data=mine) as post:
            assert post.status == 200
        approved = await store.subscriptions.get(int(ids))
        assert approved is not None and approved.state.value == "active"


async def test_ballots_added_and_edited_with_the_clis_checks(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        await sign_in(session, await link_by_chat(h, ORGANISER))
        base, csrf = h.bot.http.url + "/dashboard", await csrf_of(session, h)
        bad = {
            "csrf": csrf,
            "name": "pay 2027",
            "title": HOSTILE,
            "kind": "strike",
            "opens": "2027-03-29 09:00",
            "closes": "2027-03-01 12:00",
            "threshold": "1.5",
            "group": "nowhere",
        }
        async with session.post(base + "/ballots/new", data=bad) as page:
            text = await page.text()
            assert page.status == 400
        for problem in ("name", "kind", "threshold", "group"):
            assert f"<strong>{problem}</strong>" in text, problem
        assert "&lt;script&gt;" in text and "<script>alert" not in text
        assert await h.bot.app.services.ballots.all() == [
            b for b in await h.bot.app.services.ballots.all() if b.name != "pay-2027"
        ]
        good = bad | {
            "name": "pay-2027",
            "kind": "statutory_postal",
            "threshold": "0.5",
            "opens": "2027-03-01 09:00",
            "closes": "2027-03-29 12:00",
            "group": "dwp",
        }
        async with session.post(base + "/ballots/new", data=good) as page:
            assert page.status == 200 and "/ballots/pay-2027" in str(page.url)
            assert "Reminder: opens" in await page.text()
        edited = good | {"closes": "2027-03-30 12:00", "title": "Pay ballot 2027"}
        async with session.post(base + "/ballots/pay-2027/edit", data=edited) as page:
            assert page.status == 200
        ballot = await h.bot.app.services.ballots.get("pay-2027")
        assert ballot.title == "Pay ballot 2027" and ballot.closes_at.day == 30
        actions = [e.action for e in await h.bot.app.services.audit.recent(5)]
        assert "ballots edit" in actions and "/addballot" in actions


async def test_an_electorate_with_problems_saves_nothing(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        await sign_in(session, await link_by_chat(h, ORGANISER))
        base, csrf = h.bot.http.url + "/dashboard", await csrf_of(session, h)
        url = base + "/ballots/nec-2023/electorate"

        async def upload(content: bytes) -> tuple[int, str]:
            data = aiohttp.FormData()
            data.add_field("csrf", csrf)
            data.add_field("file", content, filename="e.csv", content_type="text/csv")
            async with session.post(url, data=data) as page:
                return page.status, await page.text()

        status, text = await upload(
            b"branch,eligible\ndwp-leeds,120\nnowhere,5\ndwp-glasgow,lots\n"
        )
        assert status == 400 and "row 3" in text and "row 4" in text
        assert await h.bot.app.store.ballots.electorate("nec-2023") == {}
        status, text = await upload(b"x" * (300 * 1024))
        assert status in (400, 413) and await h.bot.app.store.ballots.electorate("nec-2023") == {}
        status, text = await upload(b"\xff\xfe\x00bad")
        assert status == 400
        status, text = await upload(b"branch,eligible\ndwp-leeds,120\ndwp-glasgow,80\n")
        assert status == 200 and "Whole ballot" in text
        assert await h.bot.app.store.ballots.electorate("nec-2023") == {
            "dwp-leeds": 120,
            "dwp-glasgow": 80,
        }


async def test_the_audit_log_filters_by_person_and_action(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        await sign_in(session, await link_by_chat(h, ORGANISER))
        base = h.bot.http.url + "/dashboard"
        async with session.get(base + f"/audit?person=telegram:{OFFICER}") as page:
            text = await page.text()
        assert "/dashboard" in text and f"telegram:{ORGANISER}</a>" not in text
        async with session.get(base + "/audit.csv?action=dashboard") as csv:
            rows = (await csv.text()).splitlines()
        assert rows[0] == "at,who,action,outcome,detail"
        assert all(",dashboard sign-in," in r for r in rows[1:]) and len(rows) == 2
        async with session.get(base + "/audit?since=yesterday") as page:
            assert page.status == 400


async def test_every_page_renders_for_both_roles(tmp_path: Path) -> None:
    pages = (
        "/",
        "/ballots",
        "/ballots/nec-2023",
        "/petitions",
        "/reports",
        "/consultations",
        "/branches",
        "/overview.csv",
        "/ballots.csv",
        "/petitions.csv",
        "/reports.csv",
        "/consultations.csv",
        "/branches.csv",
        "/ballots/nec-2023/timeline.csv",
    )
    organiser_only = ("/broadcasts", "/questions", "/audit", "/questions.csv", "/audit.csv")
    async with dashboard(tmp_path) as h:
        await h.bot.app.services.roles.grant(
            Identity(Platform.TELEGRAM, str(MEMBER)), Role.MEMBER, "dwp-leeds", OPERATOR
        )
        for who, refused in ((ORGANISER, ()), (OFFICER, organiser_only)):
            async with client() as session:
                await sign_in(session, await link_by_chat(h, who))
                for path in (*pages, *organiser_only):
                    async with session.get(h.bot.http.url + "/dashboard" + path) as page:
                        expected = 403 if path in refused else 200
                        assert page.status == expected, (who, path, await page.text())


async def test_members_and_roles_shows_each_branchs_reach(tmp_path: Path) -> None:
    """The /members figures on the dashboard: an officer sees their branch, an organiser every
    branch and the total; before any list, how to import one."""
    key = "dashboard-member-key-" + "0" * 32
    async with dashboard(tmp_path, MEMBER_KEY=key) as h, client() as session:
        await sign_in(session, await link_by_chat(h, ORGANISER))
        base = h.bot.http.url + "/dashboard"
        async with session.get(base + "/branches") as before:
            assert "No membership list has been imported yet" in await before.text()
        listed = b"membership_number,branch\n100001,dwp-leeds\n100002,dwp-leeds\n"
        listed += b"100003,dwp-leeds\n100004,dwp-leeds\n100005,hmrc-liverpool\n"
        await membership_of(h).import_list(lambda: iter(listed.splitlines(True)), True, OPERATOR)
        # The member (granted by hand: in chat with no record, as the officers are) asks to
        # join by number, and the officer approves: one of Leeds' four is reachable.
        h.tg.message(MEMBER, "/join 100001 dwp-leeds")
        await eventually(lambda: bool(h.tg.received[str(OFFICER)]), within=10)
        h.tg.message(OFFICER, "/approve_join 1")
        await eventually(
            lambda: any("You're in" in m.text for m in h.tg.received[str(MEMBER)]), within=10
        )
        async with session.get(base + "/branches") as everyone:
            text = re.sub(r">\s+<", "><", await everyone.text())
        cells = "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>"
        assert '<th scope="row">DWP Leeds</th>' + cells.format(4, 1, "25%", 0, 1) in text
        assert '<th scope="row">HMRC Liverpool</th>' + cells.format(1, 0, "0%", 0, 1) in text
        assert '<th scope="row">Total</th>' + cells.format(5, 1, "20%", 0, 2) in text
    (tmp_path / "officer").mkdir()
    async with dashboard(tmp_path / "officer", MEMBER_KEY=key) as h, client() as session:
        await membership_of(h).import_list(lambda: iter(listed.splitlines(True)), True, OPERATOR)
        h.tg.message(MEMBER, "/join 100001 dwp-leeds")  # waiting for the officer
        await eventually(lambda: bool(h.tg.received[str(OFFICER)]), within=10)
        await sign_in(session, await link_by_chat(h, OFFICER))
        async with session.get(h.bot.http.url + "/dashboard/branches") as mine:
            text = re.sub(r">\s+<", "><", await mine.text())
        assert '<th scope="row">DWP Leeds</th>' + cells.format(4, 0, "0%", 1, 2) in text
        assert "HMRC Liverpool" not in text and '<th scope="row">Total' not in text


def membership_of(h: Harness) -> Membership:
    return h.bot.app.services.membership


async def test_an_officer_decides_join_requests_on_their_branch_page(tmp_path: Path) -> None:
    key = "dashboard-member-key-" + "0" * 32
    async with dashboard(tmp_path, MEMBER_KEY=key) as h, client() as session, client() as other:
        listed = b"membership_number,branch\n100001,dwp-leeds\n"
        await membership_of(h).import_list(lambda: iter(listed.splitlines(True)), True, OPERATOR)
        h.tg.message(MEMBER, "/join 100001 dwp-leeds")
        await eventually(lambda: bool(h.tg.received[str(OFFICER)]), within=10)
        page = h.bot.http.url + "/dashboard/branches/dwp-leeds"
        # An officer of another branch cannot decide it, even with a valid form of their own.
        await sign_in(other, await link_by_chat(h, OTHER_OFFICER))
        forged = {"csrf": await csrf_of(other, h), "ids": "1", "decision": "approve"}
        async with other.post(page + "/joins", data=forged) as refused:
            assert refused.status == 403
        assert await h.bot.app.store.membership.get_request(1) is not None  # still waiting
        await sign_in(session, await link_by_chat(h, OFFICER))
        async with session.get(page) as shown:
            text = await shown.text()
        assert "Members asking to join" in text
        assert f"telegram:{MEMBER} asked" in text and "the list holds their number" in text
        assert "100001" not in text  # the number is never shown (the bot does not have it)
        approve = {"csrf": field(text, "csrf"), "ids": "1", "decision": "approve"}
        async with session.post(page + "/joins", data=approve) as done:
            assert done.status == 200 and "Members asking to join" not in await done.text()
        await eventually(
            lambda: any("You're in" in m.text for m in h.tg.received[str(MEMBER)]), within=10
        )
        member = await h.bot.app.store.members.find(Identity(Platform.TELEGRAM, str(MEMBER)))
        assert member is not None
        assert await h.bot.app.store.membership.record_of(member.id) is not None
        decided = await h.bot.app.services.audit.recent(10, "/approve_join")
        assert [(e.actor, e.outcome) for e in decided] == [(f"telegram:{OFFICER}", "approved")]
