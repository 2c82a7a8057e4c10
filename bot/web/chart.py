"""Turnout per branch against the threshold, as an accessible SVG drawn on the server.

Every bar carries its figures in words (reported, eligible, share, votes still needed), so
nothing is told by colour alone; a bar short of the threshold is also hatched. Branches come
in order of votes still needed, the whole ballot first, with the time of the figures and a
note that they are members' own reports."""

from __future__ import annotations

from datetime import datetime
from html import escape

from markupsafe import Markup

from bot.core import wording
from bot.core.ballots import BranchTurnout
from bot.core.results import TurnoutView

# One column: each row's name and figures on a line, its bar under them across the whole
# width, so the chart reads at a phone's width without scrolling sideways.
WIDTH, ROW, TOP = 440, 44, 104


def _line(row: BranchTurnout | None, view: TurnoutView) -> tuple[str, int, int, float, int]:
    if row is None:
        t = view.turnout
        return view.total_label, t.reported, t.eligible, t.share, t.needed
    return row.branch, row.reported, row.eligible, row.share, row.needed


def _words(reported: int, eligible: int, share: float, needed: int) -> str:
    left = f"{needed:,} more needed" if needed else "threshold reached"
    return f"{reported:,} of {eligible:,} ({share:.0%}) · {left}"


def _bar(y: int, line: tuple[str, int, int, float, int], whole: bool) -> str:
    name, reported, eligible, share, needed = line
    width = max(0.0, min(share, 1.0)) * WIDTH
    fill = "url(#short)" if needed else "#1d6b3a"
    weight = ' font-weight="700"' if whole else ""
    words = escape(_words(reported, eligible, share, needed))
    return (
        f'<g><text x="0" y="{y + 13}"{weight}>{escape(name)}</text>'
        f'<text x="{WIDTH}" y="{y + 13}" text-anchor="end" font-size="12"{weight}>{words}</text>'
        f'<rect x="0" y="{y + 19}" width="{WIDTH}" height="14" fill="#eef0f3" stroke="#9aa3ad"/>'
        f'<rect x="0" y="{y + 19}" width="{width:.1f}" height="14" fill="{fill}" '
        f'stroke="#1b1f24" stroke-width="0.5"/></g>'
    )


def _heading(view: TurnoutView, as_of: str) -> str:
    lines = (
        (16, 15, "700", view.ballot.title),
        (36, 12, "400", f"As of {as_of}."),
        (52, 12, "400", "Members' own reports to the bot (\u201cI've voted\u201d);"),
        (68, 12, "400", "the result that counts is the scrutineer's."),
        (
            84,
            12,
            "400",
            f"Hatched: short of the {view.turnout.threshold:.0%} threshold. "
            "Most votes needed first.",
        ),
    )
    return "".join(
        f'<text x="0" y="{y}" font-size="{size}" font-weight="{weight}">{escape(text)}</text>'
        for y, size, weight, text in lines
    )


def _marks(x: float, rows: int) -> str:
    """The threshold across each bar (not through the figures above it)."""
    return "".join(
        f'<line x1="{x:.1f}" y1="{TOP + i * ROW + 16}" x2="{x:.1f}" y2="{TOP + i * ROW + 36}" '
        'stroke="#1b1f24" stroke-width="2" stroke-dasharray="4 2"/>'
        for i in range(rows)
    )


def turnout_svg(view: TurnoutView, as_of: str) -> Markup:
    rows = sorted(view.turnout.branches, key=lambda b: (-b.needed, b.branch))
    lines = [_line(None, view), *(_line(r, view) for r in rows)]
    bottom = TOP + ROW * len(lines)
    threshold_x = min(view.turnout.threshold, 1.0) * WIDTH
    title = f"Reported turnout: {view.ballot.title}"
    summary = "; ".join(f"{n}: {_words(*rest)}" for n, *rest in lines)  # type: ignore[arg-type]
    bars = "".join(_bar(TOP + i * ROW, line, i == 0) for i, line in enumerate(lines))
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {bottom + 22}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="13" fill="#1b1f24">'
        f'<title id="chart-title">{escape(title)}</title>'
        f'<desc id="chart-desc">{escape(summary)}</desc>'
        '<defs><pattern id="short" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#8a1538"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#f3c5d1" stroke-width="2"/></pattern></defs>'
        f"{_heading(view, as_of)}{bars}"
        f"{_marks(threshold_x, len(lines))}"
        f'<text x="{threshold_x:.1f}" y="{bottom + 16}" text-anchor="middle" font-size="12">'
        f"threshold {view.turnout.threshold:.0%}</text>"
        "</svg>"
    )
    return Markup(svg)


def as_of_text(moment: datetime) -> str:
    return f"{wording.day(moment)}, {moment:%H:%M}"
