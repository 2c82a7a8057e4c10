"""Turnout per branch against the threshold, as an accessible SVG drawn on the server.

Every bar carries its figures in words (reported, eligible, share, votes still needed), so
nothing is told by colour alone; a bar short of the threshold is also hatched. Branches come
in order of votes still needed, the whole ballot first, with the time of the figures and a
note that they are members' own reports."""

from __future__ import annotations

from datetime import datetime
from html import escape

from markupsafe import Markup

from bot.core.ballots import BranchTurnout
from bot.core.results import TurnoutView

WIDTH, LABEL, BAR, ROW, TOP = 760, 210, 330, 34, 78


def _line(row: BranchTurnout | None, view: TurnoutView) -> tuple[str, int, int, float, int]:
    if row is None:
        t = view.turnout
        return "Whole ballot", t.reported, t.eligible, t.share, t.needed
    return row.branch, row.reported, row.eligible, row.share, row.needed


def _words(reported: int, eligible: int, share: float, needed: int) -> str:
    left = f"{needed:,} more needed" if needed else "threshold reached"
    return f"{reported:,} of {eligible:,} ({share:.0%}) · {left}"


def _bar(y: int, line: tuple[str, int, int, float, int], whole: bool) -> str:
    name, reported, eligible, share, needed = line
    width = max(0.0, min(share, 1.0)) * BAR
    fill = "url(#short)" if needed else "#1d6b3a"
    weight = ' font-weight="700"' if whole else ""
    words = escape(_words(reported, eligible, share, needed))
    return (
        f'<g><text x="{LABEL - 8}" y="{y + 15}" text-anchor="end"{weight}>{escape(name)}</text>'
        f'<rect x="{LABEL}" y="{y + 3}" width="{BAR}" height="16" fill="#eef0f3" '
        f'stroke="#9aa3ad"/>'
        f'<rect x="{LABEL}" y="{y + 3}" width="{width:.1f}" height="16" fill="{fill}" '
        f'stroke="#1b1f24" stroke-width="0.5"/>'
        f'<text x="{LABEL + BAR + 8}" y="{y + 15}" font-size="12"{weight}>{words}</text></g>'
    )


def turnout_svg(view: TurnoutView, as_of: str) -> Markup:
    rows = sorted(view.turnout.branches, key=lambda b: (-b.needed, b.branch))
    lines = [_line(None, view), *(_line(r, view) for r in rows)]
    height = TOP + ROW * len(lines) + 30
    threshold_x = LABEL + view.turnout.threshold * BAR
    title = f"Reported turnout: {view.ballot.title}"
    summary = "; ".join(f"{n}: {_words(*rest)}" for n, *rest in lines)  # type: ignore[arg-type]
    bars = "".join(_bar(TOP + i * ROW, line, i == 0) for i, line in enumerate(lines))
    bottom = TOP + ROW * len(lines)
    svg = (
        f'<svg class="chart" viewBox="0 0 {WIDTH + 180} {height}" role="img" '
        f'aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="13" fill="#1b1f24">'
        f'<title id="chart-title">{escape(title)}</title>'
        f'<desc id="chart-desc">{escape(summary)}</desc>'
        '<defs><pattern id="short" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#8a1538"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#f3c5d1" stroke-width="2"/></pattern></defs>'
        f'<text x="0" y="20" font-size="16" font-weight="700">{escape(title)}</text>'
        f'<text x="0" y="40" font-size="12">As of {escape(as_of)}. Members\' own reports to the '
        "bot (\u201cI've voted\u201d); the result that counts is the scrutineer's.</text>"
        f'<text x="0" y="58" font-size="12">Sorted by votes still needed. Hatched: short of '
        f"the {view.turnout.threshold:.0%} threshold.</text>"
        f"{bars}"
        f'<line x1="{threshold_x:.1f}" y1="{TOP - 6}" x2="{threshold_x:.1f}" y2="{bottom}" '
        'stroke="#1b1f24" stroke-width="2" stroke-dasharray="4 3"/>'
        f'<text x="{threshold_x:.1f}" y="{bottom + 16}" text-anchor="middle" font-size="12">'
        f"threshold {view.turnout.threshold:.0%}</text>"
        "</svg>"
    )
    return Markup(svg)


def as_of_text(moment: datetime) -> str:
    return f"{moment:%A %-d %B %Y, %H:%M}"
