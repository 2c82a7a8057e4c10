"""A branch officer on the dashboard sees and acts on their own branches only, on every page
and every form: each route of the dashboard is tried, with another branch's data present.
Consultation results are the exception by design: any member sees them by branch in chat
(/consult results), once a branch has 10 votes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp.web_routedef import RouteDef

from bot.core.models import ChatKind, Identity, Platform, SubscriptionState
from bot.core.results import BroadcastRequest
from bot.web import PAGES
from tests.dashboard_kit import (
    OFFICER,
    OPERATOR,
    OTHER_OFFICER,
    client,
    dashboard,
    field,
    link_by_chat,
    sign_in,
)
from tests.harness import Harness

OTHERS = ("hmrc-liverpool", "HMRC Liverpool")
LIVERPUDLIAN = Identity(Platform.SLACK, "U0LIVERPOOL1")
PARAMS = {
    "{id}": "1",
    "{name}": "nec-2023",
    "{branch}": "hmrc-liverpool",
    "{branch:[a-z0-9-]+}": "hmrc-liverpool",
}
# Routes an officer may use for their own branches; with another branch's they are refused.
OFFICERS_OWN = {"/reports/{id}/note", "/branches/{branch}/grant", "/branches/{branch}/revoke"}
OFFICERS_OWN |= {"/branches/{branch}/requests"}
NOT_SIGNED_IN = {"/sign-in/{token}", "/sign-out"}


def routes(method: str) -> list[str]:
    return [
        r.path
        for module in PAGES
        for r in module.routes
        if isinstance(r, RouteDef) and r.method == method and r.path not in NOT_SIGNED_IN
    ]


def filled(path: str) -> str:
    for key, value in PARAMS.items():
        path = path.replace(key, value)
    path = path.replace("/reports/1", "/reports/nec-2020-11")
    return path.replace("/petitions/1", "/petitions/pay-petition")


async def liverpool_at_work(h: Harness) -> int:
    """Another branch's people, signatures, notes, turnout, a broadcast for it alone and a
    channel's request to hear it (its id)."""
    services, store = h.bot.app.services, h.bot.app.store
    other = await services.roles.caller(Identity(Platform.TELEGRAM, str(OTHER_OFFICER)))
    await services.reports.publish("nec-2020-11", OPERATOR)
    await services.reports.note("nec-2020-11", "hmrc-liverpool", other)
    member = await store.members.get_or_create(LIVERPUDLIAN)
    await store.members.set_branch(member.id, "hmrc-liverpool")
    await services.petitions.sign("pay-petition", await services.roles.caller(LIVERPUDLIAN))
    await services.ballots.import_electorate(
        "nec-2023", "branch,eligible\nhmrc-liverpool,300\ndwp-leeds,100\n", OPERATOR
    )
    await store.ballots.bank("nec-2023", member.id, "hmrc-liverpool", datetime.now(UTC))
    later = datetime.now(UTC) + timedelta(days=2)
    await services.broadcasts.send(
        BroadcastRequest(
            "pay",
            "hmrc-liverpool",
            text="HMRC Liverpool branch meeting\nThursday at 6",
            send_at=later,
        ),
        OPERATOR,
    )
    channel = await store.channels.upsert(Platform.SLACK, "C0WAITING", ChatKind.CHANNEL, "Docks")
    waiting = await store.subscriptions.add(
        channel.id, "hmrc-liverpool", "pay", SubscriptionState.PENDING
    )
    return waiting.id


async def test_an_officer_sees_nothing_of_another_branch_on_any_page(tmp_path: Path) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        await liverpool_at_work(h)
        everything = await h.bot.app.services.overview.upcoming(OPERATOR)
        assert any("HMRC Liverpool" in u.title for u in everything)  # an organiser sees it
        await sign_in(session, await link_by_chat(h, OFFICER))
        base, shown = h.bot.http.url + "/dashboard", []
        for path in routes("GET"):
            async with session.get(base + filled(path)) as page:
                text = await page.text()
                assert page.status in (200, 403), (path, page.status, text[:500])
            if page.status == 200:
                shown.append(path)
                if not path.startswith("/consultations"):
                    leaked = [o for o in OTHERS if o in text]
                    assert not leaked, (path, leaked)
        assert {"/", "/ballots/{name}", "/ballots/{name}/turnout.csv", "/reports"} <= set(shown)
        assert {"/petitions.csv", "/reports.csv", "/overview.csv", "/branches.csv"} <= set(shown)


async def test_an_officer_cannot_act_for_another_branch_or_for_organisers(
    tmp_path: Path,
) -> None:
    async with dashboard(tmp_path) as h, client() as session:
        waiting = await liverpool_at_work(h)
        await sign_in(session, await link_by_chat(h, OFFICER))
        base = h.bot.http.url + "/dashboard"
        async with session.get(base + "/") as page:
            csrf = field(await page.text(), "csrf")
        posted = {
            "csrf": csrf,
            "nonce": "forged",
            "branch": "hmrc-liverpool",
            "who": f"slack:{LIVERPUDLIAN.user_id}",
            "role": "member",
            "ids": str(waiting),
            "decision": "approve",
            "text": "x",
            "topic": "pay",
            "audience": "all",
            "when": "now",
        }
        posts = routes("POST")
        assert OFFICERS_OWN <= set(posts)
        for path in posts:
            async with session.post(base + filled(path), data=posted) as refused:
                assert refused.status == 403, (path, refused.status, (await refused.text())[:500])
        done = [
            e.action
            for e in await h.bot.app.services.audit.recent(200)
            if e.actor == f"telegram:{OFFICER}" and e.outcome == "done"
        ]
        assert done == ["dashboard sign-in"]
        request = await h.bot.app.store.subscriptions.get(waiting)
        assert request is not None and request.state is SubscriptionState.PENDING
