"""How a message will look on Telegram and on Slack, as safe HTML for the preview.

Built from exactly what would be sent (Telegram's HTML, Slack's rich_text blocks). Telegram's
HTML is read tag by tag and only its own formatting tags are kept; every piece of text is
escaped again here, so nothing a person typed can become markup on the dashboard."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser
from typing import Any

from markupsafe import Markup

KEEP = {
    "b": "strong",
    "strong": "strong",
    "i": "em",
    "em": "em",
    "u": "u",
    "s": "s",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}


class _Telegram(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href") or ""
            safe = href if href.startswith(("https://", "http://")) else ""
            self.out.append(f'<a href="{escape(safe)}" rel="noopener noreferrer">')
            self.open.append("a")
        elif tag in KEEP:
            self.out.append(f"<{KEEP[tag]}>")
            self.open.append(KEEP[tag])

    def handle_endtag(self, tag: str) -> None:
        name = "a" if tag == "a" else KEEP.get(tag)
        if name and name in self.open:
            while self.open:
                last = self.open.pop()
                self.out.append(f"</{last}>")
                if last == name:
                    break

    def handle_data(self, data: str) -> None:
        self.out.append(escape(data).replace("\n", "<br>\n"))

    def result(self) -> str:
        return "".join(self.out) + "".join(f"</{t}>" for t in reversed(self.open))


def telegram(text: str) -> Markup:
    parser = _Telegram()
    parser.feed(text)
    parser.close()
    return Markup(parser.result())


def _element(element: dict[str, Any]) -> str:
    text = escape(str(element.get("text", ""))).replace("\n", "<br>\n")
    if element.get("type") == "link":
        url = str(element.get("url", ""))
        href = url if url.startswith(("https://", "http://")) else ""
        text = f'<a href="{escape(href)}" rel="noopener noreferrer">{text or escape(href)}</a>'
    style = element.get("style") or {}
    for key, tag in (("code", "code"), ("italic", "em"), ("bold", "strong")):
        if style.get(key):
            text = f"<{tag}>{text}</{tag}>"
    return text


def _section(section: dict[str, Any]) -> str:
    kind = section.get("type")
    inner = "".join(_element(e) for e in section.get("elements", []))
    if kind == "rich_text_list":
        items = "".join(
            f"<li>{''.join(_element(e) for e in s.get('elements', []))}</li>"
            for s in section.get("elements", [])
        )
        return f"<ul>{items}</ul>"
    if kind == "rich_text_preformatted":
        return f"<pre>{inner}</pre>"
    return "<p>" + inner.removeprefix("<br>\n") + "</p>"


def slack(payload: dict[str, Any] | None, fallback: str) -> Markup:
    blocks = (payload or {}).get("blocks") or []
    parts = [
        _section(section)
        for block in blocks
        if block.get("type") == "rich_text"
        for section in block.get("elements", [])
    ]
    if not parts:
        return Markup(f"<p>{escape(fallback)}</p>")
    return Markup("".join(parts))
