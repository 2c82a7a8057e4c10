"""`campaign-bot turnout BALLOT [--json] [--chart FILE.png]`: reported turnout per branch."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

from bot.app import App
from bot.cli.common import fail, iso_time, on_app, print_json, say, settings, show_table
from bot.core.ballots import pace
from bot.core.caller import Caller
from bot.core.results import TurnoutView


def turnout_command(
    ballot: Annotated[str, typer.Argument(help="The ballot's short name.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    chart: Annotated[
        Path | None, typer.Option("--chart", help="Also draw a bar chart to this PNG file.")
    ] = None,
) -> None:
    """Turnout per branch against the threshold, votes still needed, projection."""
    cfg = settings()
    report = on_app(lambda app: turnout_report(app, ballot), cfg)
    if chart is not None:
        try:
            draw_chart(report, chart)
        except OSError as error:
            raise fail(f"--chart: cannot write {chart}: {error}") from None
    if as_json:
        print_json(as_json_report(report, cfg.zone))
        return
    show(report, cfg.zone)
    if chart is not None:
        say(f"Chart written to {chart}")


async def turnout_report(app: App, name: str) -> TurnoutView:
    return await app.services.ballots.turnout(name, Caller.operator())


def as_json_report(report: TurnoutView, zone: ZoneInfo) -> dict[str, object]:
    result = report.turnout
    return {
        "ballot": report.ballot.name,
        "title": report.ballot.title,
        "threshold": result.threshold,
        "yes_threshold": report.ballot.yes_threshold,
        "eligible": result.eligible,
        "reported": result.reported,
        "share": round(result.share, 4),
        "needed": result.needed,
        "projected_share": round(report.projected, 4) if report.projected is not None else None,
        "opens_at": iso_time(report.ballot.opens_at, zone),
        "closes_at": iso_time(report.ballot.closes_at, zone),
        "branches": [
            {
                "branch": b.branch,
                "eligible": b.eligible,
                "reported": b.reported,
                "share": round(b.share, 4),
                "needed": b.needed,
            }
            for b in result.branches
        ],
    }


def show(report: TurnoutView, zone: ZoneInfo) -> None:
    result = report.turnout
    say(f"{report.ballot.title} — threshold {result.threshold:.0%}")
    rows = [
        (b.branch, str(b.eligible), str(b.reported), f"{b.share:.0%}", str(b.needed))
        for b in result.branches
    ]
    show_table(("branch", "eligible", "reported", "share", "still needed"), rows)
    where = pace(report.ballot, report.projected, report.as_of, zone)
    say(
        f"Whole ballot: {result.reported} of {result.eligible} ({result.share:.0%}), "
        f"{result.needed} more needed; {where}. Counts are members who told the bot they "
        "voted; the bot never collects votes."
    )


def draw_chart(report: TurnoutView, path: Path) -> None:
    """A bar per branch (reported share) with the threshold line, as a PNG."""
    # matplotlib is heavy (about half a second to import) and only this option needs it.
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    branches = report.turnout.branches
    names = [b.branch for b in branches]
    shares = [100 * b.share for b in branches]
    threshold = 100 * report.turnout.threshold
    figure, axes = plt.subplots(figsize=(max(6.0, 0.6 * len(names) + 2), 4.5), dpi=120)
    colours = ["#2e7d32" if s >= threshold else "#c62828" for s in shares]
    bars = axes.bar(names, shares, color=colours)
    axes.axhline(threshold, color="black", linestyle="--", linewidth=1.2)
    axes.text(
        len(names) - 0.5, threshold + 1, f"threshold {threshold:.0f}%", ha="right", va="bottom"
    )
    for bar, b in zip(bars, branches, strict=True):
        axes.text(
            bar.get_x() + bar.get_width() / 2,
            bar.get_height() + 1,
            f"{b.reported}/{b.eligible}",
            ha="center",
            va="bottom",
            fontsize=8,
        )
    axes.set_ylim(0, 105)
    axes.set_ylabel("members who reported voting (%)")
    axes.set_title(f"{report.ballot.title}: reported turnout by branch", fontsize=10)
    axes.tick_params(axis="x", labelrotation=45)
    figure.tight_layout()
    figure.savefig(path, format="png")
    plt.close(figure)
