"""`campaign-bot dashboard link PLATFORM:USER_ID`: a sign-in link for hosts with no chat."""

from __future__ import annotations

from typing import Annotated

import typer

from bot.app import App
from bot.cli.common import fail, noun_app, on_app, say
from bot.core.caller import Caller
from bot.core.models import Identity
from bot.core.results import SignInLink

app = noun_app("The organisers' dashboard.")


@app.command("link")
def dashboard_link(
    who: Annotated[str, typer.Argument(help="PLATFORM:USER_ID of an organiser or branch officer.")],
) -> None:
    """Print a one-time sign-in link (valid 10 minutes) for an organiser or officer."""
    try:
        identity = Identity.parse(who)
    except ValueError as error:
        raise fail(f"PLATFORM:USER_ID: {error}") from None
    made = on_app(lambda app: link(app, identity))
    say(made.url)
    say(f"(for {made.who}; it works once, within {made.minutes} minutes)")


async def link(app: App, identity: Identity) -> SignInLink:
    return await app.services.dashboard.sign_in_link(identity, Caller.operator())
