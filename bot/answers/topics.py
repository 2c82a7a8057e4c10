"""The topics a hand-off suggests when nothing near the question was found: taken from the
content loaded, so a union whose content holds no campaign or no meeting report is never
pointed at one (they were once fixed: "the pay campaign", "the latest NEC meeting")."""

from __future__ import annotations

from bot.content.loader import Content

MOST = 3


def held(content: Content) -> tuple[str, ...]:
    """A campaign, the ballots, the latest meeting report (each with what to ask for it),
    then FAQ questions."""
    found = [f"{c.title} (/ask {c.title.lower()})" for c in content.campaigns[:1]]
    if content.ballots:
        found.append("ballots and elections (/ask how do I vote)")
    if content.reports:
        latest = max(content.reports, key=lambda r: r.date)
        found.append(f"{latest.title} (/ask {latest.title.lower()})")
    questions = [e.question for faq in content.faqs for e in faq.entries]
    found += questions  # (asked as written)
    return tuple(found[:MOST])
