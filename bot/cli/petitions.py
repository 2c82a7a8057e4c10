"""`campaign-bot petition send|report`: the campaign's petition and its signatures."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from bot.cli.common import JsonOption, noun_app, on_app, print_json, say, show_table
from bot.core.caller import Caller
from bot.core.results import PetitionProgress
from bot.core.wording import counted, share

app = noun_app('Petitions: send one with an "I\'ve signed" button; signatures per branch.')

OPERATOR = Caller.operator()
Petition = Annotated[
    str | None, typer.Option("--petition", help="Which petition (when there are several).")
]


def as_json(found: PetitionProgress) -> dict[str, object]:
    return {
        "petition": found.petition.id,
        "title": found.petition.title,
        "url": found.petition.url,
        "target": found.petition.target,
        "signatures": found.total,
        "share_of_target": round(found.share, 4),
        "leaderboard": [asdict(row) for row in found.board],
    }


@app.command("report")
def petition_report(petition: Petition = None, json_out: JsonOption = False) -> None:
    """Signatures per branch, as a leaderboard, with the total against the target."""
    found = on_app(lambda app: app.services.petitions.progress(petition, OPERATOR))
    if json_out:
        print_json(as_json(found))
        return
    target = found.petition.target
    say(f"{found.petition.title}: {found.total:,} of {target:,} ({share(found.share)})")
    rows = [(str(row.rank or "-"), row.title, str(row.signatures)) for row in found.board]
    show_table(("rank", "branch", "signatures"), rows, empty="No signatures yet.")


@app.command("send")
def petition_send(
    to: Annotated[
        str, typer.Option("--to", help="all, group:NAME, or branch,branch (default all).")
    ] = "all",
    petition: Petition = None,
) -> None:
    """Send the petition, with its progress and an "I've signed" button, to channels
    subscribed to `petitions`."""
    sent = on_app(lambda app: app.services.petitions.send(petition, to, OPERATOR))
    say(f"petition: broadcast {sent.broadcast_id}, {counted(sent.deliveries, 'channel')} queued")
