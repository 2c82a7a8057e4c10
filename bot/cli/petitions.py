"""`campaign-bot petition send|report`: the campaign's petition and its signatures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import typer

from bot.app import App
from bot.cli.common import JsonOption, audit, on_app, print_json, say, show_table
from bot.core.actions import leaderboard
from bot.core.models import PetitionInfo

app = typer.Typer(help="The campaign's petition: signatures per branch.", no_args_is_help=True)

Petition = Annotated[
    str | None, typer.Option("--petition", help="Which petition (when there are several).")
]


@dataclass(frozen=True)
class Standing:
    petition: PetitionInfo
    signatures: int
    leaderboard: list[dict[str, object]]  # rank, branch, title, signatures

    def as_json(self) -> dict[str, object]:
        return {
            "petition": self.petition.id,
            "title": self.petition.title,
            "url": self.petition.url,
            "target": self.petition.target,
            "signatures": self.signatures,
            "share_of_target": round(self.signatures / self.petition.target, 4),
            "leaderboard": self.leaderboard,
        }


@app.command("report")
def petition_report(petition: Petition = None, as_json: JsonOption = False) -> None:
    """Signatures per branch, as a leaderboard, with the total against the target."""
    found = on_app(lambda app: standing(app, petition))
    if as_json:
        print_json(found.as_json())
        return
    target = found.petition.target
    say(f"{found.petition.title}: {found.signatures} of {target} ({found.signatures / target:.1%})")
    rows = [
        (str(row["rank"] or "-"), str(row["title"]), str(row["signatures"]))
        for row in found.leaderboard
    ]
    show_table(("rank", "branch", "signatures"), rows)


async def standing(app: App, petition_id: str | None) -> Standing:
    found = app.actions.petition(petition_id)
    counts = await app.store.petitions.counts(found.id)
    board = leaderboard(counts, app.actions.branch_titles())
    return Standing(found, sum(counts.values()), board)


@app.command("send")
def petition_send(
    to: Annotated[
        str, typer.Option("--to", help="all, group:NAME, or branch,branch (default all).")
    ] = "all",
    petition: Petition = None,
) -> None:
    """Send the petition, with its progress and an "I've signed" button, to channels
    subscribed to `petitions`."""
    sent = on_app(lambda app: send(app, petition, to))
    say(f"petition: broadcast {sent.broadcast}, {sent.channels} channels queued")


@dataclass(frozen=True)
class Sent:
    broadcast: int
    channels: int


async def send(app: App, petition_id: str | None, to: str) -> Sent:
    broadcast_id, queued = await app.actions.send_petition(petition_id, to, None)
    await audit(app, "petition send", {"broadcast": str(broadcast_id), "target": to})
    return Sent(broadcast_id, queued)
