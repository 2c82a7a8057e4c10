"""A small Markdown subset, parsed once into neutral blocks, rendered per platform.

Organisers' templates are Markdown; every inserted value is literal text. Values never
pass through the Markdown parser, so `*`, `_`, `<b>` or `<!channel>` in them stay literal.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

BlockKind = Literal["para", "bullet", "heading", "code"]
# A rich_text block's safe size: Slack documents 3,000 characters for a section's text and
# no limit for rich_text, so this is kept to; a message carries several (templates.py).
SLACK_BLOCK = 3000
_OPEN, _CLOSE = "\ue000", "\ue001"
_SENTINEL = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
_MD = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable(["image", "html_block"])


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    spans: tuple[Span, ...]


Doc = tuple[Block, ...]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def placeholders(template: str) -> list[str]:
    return list(dict.fromkeys(_PLACEHOLDER.findall(template)))


def _as_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _prepare(template: str, values: Mapping[str, Any]) -> tuple[str, list[str]]:
    """Swap placeholders for sentinels; a list value alone on its line becomes bullets."""
    slots: list[str] = []

    def slot(text: str) -> str:
        slots.append(text)
        return f"{_OPEN}{len(slots) - 1}{_CLOSE}"

    lines: list[str] = []
    for line in template.splitlines():
        whole = _PLACEHOLDER.fullmatch(line.strip())
        if whole and isinstance(values.get(whole.group(1)), (list, tuple)):
            items = values[whole.group(1)]
            lines.extend(f"- {slot(str(item))}" for item in items)
            lines.append("")
            continue
        lines.append(
            _PLACEHOLDER.sub(
                lambda m: (
                    slot(_as_text(values[m.group(1)])) if m.group(1) in values else m.group(0)
                ),
                line.replace("{{", "\ue002").replace("}}", "\ue003"),
            )
        )
    text = "\n".join(lines).replace("\ue002", "{").replace("\ue003", "}")
    return text, slots


def _fill(text: str, slots: Sequence[str]) -> str:
    return _SENTINEL.sub(lambda m: slots[int(m.group(1))], text)


def _inline(children: Sequence[Token], slots: Sequence[str]) -> list[Span]:
    spans: list[Span] = []
    bold = italic = False
    href: str | None = None
    nowhere = False  # inside a link whose address was a value, and the value was empty
    for tok in children:
        if nowhere and tok.type != "link_close":
            continue
        if tok.type == "strong_open":
            bold = True
        elif tok.type == "strong_close":
            bold = False
        elif tok.type == "em_open":
            italic = True
        elif tok.type == "em_close":
            italic = False
        elif tok.type == "link_open":
            raw = str(tok.attrGet("href") or "").replace("%EE%80%80", _OPEN)
            filled = _fill(raw.replace("%EE%80%81", _CLOSE), slots)
            # "[Official information]({info_url})" with no address: left out, words and all,
            # rather than words that read as a link and lead nowhere
            nowhere = bool(raw) and raw != filled and not filled.strip()
            href = _safe_href(filled)
        elif tok.type == "link_close":
            href, nowhere = None, False
        elif tok.type in ("softbreak", "hardbreak"):
            spans.append(Span("\n"))
        elif tok.type == "code_inline":
            spans.append(Span(_fill(tok.content, slots), bold, italic, True, href))
        elif tok.content:
            spans.append(Span(_fill(tok.content, slots), bold, italic, False, href))
    return _merge(spans)


def _safe_href(href: str) -> str | None:
    href = href.strip()
    ok = href.startswith(("https://", "http://", "mailto:", "tg://")) and " " not in href
    return href if ok and len(href) <= 2000 else None


def _merge(spans: Sequence[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in spans:
        if not span.text:
            continue
        if merged and replace(merged[-1], text="") == replace(span, text=""):
            merged[-1] = replace(merged[-1], text=merged[-1].text + span.text)
        else:
            merged.append(span)
    return merged


def parse(template: str, values: Mapping[str, Any] | None = None) -> Doc:
    """Parse a template and insert values literally. Unknown placeholders stay as written."""
    text, slots = _prepare(template, values or {})
    tokens = _MD.parse(text)
    blocks: list[Block] = []
    kind: BlockKind = "para"
    for tok in tokens:
        if tok.type == "heading_open":
            kind = "heading"
        elif tok.type == "list_item_open":
            kind = "bullet"
        elif tok.type in ("heading_close", "list_item_close"):
            kind = "para"
        elif tok.type in ("fence", "code_block"):
            blocks.append(Block("code", (Span(_fill(tok.content.rstrip("\n"), slots), code=True),)))
        elif tok.type == "inline":
            spans = _inline(tok.children or [], slots)
            if spans:
                blocks.append(Block(kind, tuple(spans)))
    return tuple(blocks)


def literal(text: str) -> Doc:
    """Free text shown exactly as typed, one paragraph per blank-line-separated chunk."""
    chunks = [c for c in re.split(r"\n\s*\n", text) if c.strip()]
    return tuple(Block("para", (Span(c.strip("\n")),)) for c in chunks)


# --- plain text -----------------------------------------------------------------------------


def plain_spans(spans: Sequence[Span]) -> str:
    """Spans as plain text, each link's address once after its words (however many spans
    of bold, italic or code its words are made of)."""
    out = []
    for index, span in enumerate(spans):
        out.append(span.text)
        if (
            span.href
            and span.href != span.text
            and (index == len(spans) - 1 or spans[index + 1].href != span.href)
        ):
            out.append(f" ({span.href})")
    return "".join(out)


def _join_blocks(blocks: Sequence[Block], render: Any, bullet: str) -> str:
    parts: list[str] = []
    for index, block in enumerate(blocks):
        body = render(block)
        if block.kind == "bullet":
            body = bullet + body
        if index:
            together = block.kind == "bullet" and blocks[index - 1].kind == "bullet"
            parts.append("\n" if together else "\n\n")
        parts.append(body)
    return "".join(parts)


def to_plain(doc: Doc) -> str:
    return _join_blocks(doc, lambda b: plain_spans(b.spans), "• ")


# --- Telegram HTML --------------------------------------------------------------------------


def _tg_span(span: Span) -> str:
    text = html.escape(span.text, quote=False)
    if span.code:
        text = f"<code>{text}</code>"
    if span.italic:
        text = f"<i>{text}</i>"
    if span.bold:
        text = f"<b>{text}</b>"
    if span.href:
        text = f'<a href="{html.escape(span.href, quote=True)}">{text}</a>'
    return text


def _tg_block(block: Block) -> str:
    if block.kind == "code":
        return f"<pre>{html.escape(block.spans[0].text, quote=False)}</pre>"
    body = "".join(_tg_span(s) for s in block.spans)
    return f"<b>{body}</b>" if block.kind == "heading" else body


def to_telegram_html(doc: Doc) -> str:
    return _join_blocks(doc, _tg_block, "• ")


def telegram_visible_text(doc: Doc) -> str:
    """The text Telegram counts against its limit: the message with tags stripped."""
    return _join_blocks(doc, lambda b: "".join(s.text for s in b.spans), "• ")


# --- Slack ----------------------------------------------------------------------------------


def slack_escape(text: str) -> str:
    """Slack's three control characters; with them escaped no mention or link can form."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_element(span: Span, heading: bool) -> dict[str, Any]:
    style = {
        k: True
        for k, on in (("bold", span.bold or heading), ("italic", span.italic), ("code", span.code))
        if on
    }
    element: dict[str, Any] = (
        {"type": "link", "url": span.href, "text": span.text}
        if span.href
        else {"type": "text", "text": span.text}
    )
    if style:
        element["style"] = style
    return element


def to_slack(doc: Doc) -> dict[str, Any]:
    """A chat.postMessage payload: rich_text blocks (literal by construction), each within
    SLACK_BLOCK, + fallback text. One message holds several blocks: SLACK_BLOCK bounds a
    block, not a message (templates.SLACK_MESSAGE does)."""
    payload: dict[str, Any] = {"text": slack_escape(to_plain(doc)) or " "}
    blocks = [_rich_text(part) for part in split(doc, SLACK_BLOCK)] if doc else []
    if blocks:
        payload["blocks"] = blocks
    return payload


def _rich_text(doc: Doc) -> dict[str, Any]:
    elements: list[dict[str, Any]] = []
    bullets: list[dict[str, Any]] = []

    def flush_bullets() -> None:
        if bullets:
            elements.append(
                {"type": "rich_text_list", "style": "bullet", "elements": list(bullets)}
            )
            bullets.clear()

    for block in doc:
        if block.kind == "code":
            flush_bullets()
            elements.append(
                {
                    "type": "rich_text_preformatted",
                    "elements": [{"type": "text", "text": block.spans[0].text}],
                }
            )
            continue
        inner = [_slack_element(s, block.kind == "heading") for s in block.spans]
        section: dict[str, Any] = {"type": "rich_text_section", "elements": inner}
        if block.kind == "bullet":
            bullets.append(section)
        else:
            flush_bullets()
            if elements:
                inner.insert(0, {"type": "text", "text": "\n"})
            elements.append(section)
    flush_bullets()
    return {"type": "rich_text", "elements": elements}


# --- splitting ------------------------------------------------------------------------------


def _cut(text: str, room: int) -> int:
    """Index at which to cut `text` so the head has at most `room` UTF-16 units."""
    used = 0
    for index, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > room:
            head = text[:index]
            space = max(head.rfind("\n"), head.rfind(" "))
            return space + 1 if space > len(head) // 2 else max(index, 1)
    return len(text)


def _take(block: Block, room: int) -> tuple[Block, Block | None]:
    """The head of a block that fits `room` UTF-16 units, and the rest (if any)."""
    head: list[Span] = []
    used = 0
    for index, span in enumerate(block.spans):
        size = utf16_len(span.text)
        if used + size <= room:
            head.append(span)
            used += size
            continue
        cut = _cut(span.text, room - used) if room - used > 0 else 0
        if cut:
            head.append(replace(span, text=span.text[:cut]))
        rest = ([replace(span, text=span.text[cut:])] if span.text[cut:] else []) + list(
            block.spans[index + 1 :]
        )
        if not head:  # not even one character fits: take one anyway, so we always progress
            return _take(block, room + 2)
        return Block(block.kind, tuple(head)), (Block(block.kind, tuple(rest)) if rest else None)
    return block, None


def _size(block: Block) -> int:
    return utf16_len(to_plain((block,))) + 2


def split(doc: Doc, limit: int, overhead: int = 64) -> list[Doc]:
    """Split into ordered parts whose plain text each fits `limit` UTF-16 units.

    Blocks are kept whole when they fit; a long block fills the current part and runs on
    into the next, cut between spans or at a space where one is near, never inside a
    surrogate pair or a tag. A last part of a line or two is not left on its own: the part
    before it gives up its end, from a section's start where one fits (see _tail).
    """
    budget = limit - overhead
    if budget < 32:
        raise ValueError("limit too small")
    parts: list[list[Block]] = [[]]
    used = 0
    for block in doc:
        size = _size(block)
        if used + size <= budget:
            parts[-1].append(block)
            used += size
            continue
        if size <= budget or budget - used < budget // 4:
            parts.append([])
            used = 0
        remaining: Block | None = block
        while remaining is not None:
            if _size(remaining) <= budget - used:
                parts[-1].append(remaining)
                used += _size(remaining)
                break
            bullet = 2 if remaining.kind == "bullet" else 0
            head, remaining = _take(remaining, budget - used - 2 - bullet)
            parts[-1].append(head)
            parts.append([])
            used = 0
    parts = [p for p in parts if p]
    _tail(parts, budget)
    return [tuple(p) for p in parts]


def _tail(parts: list[list[Block]], budget: int) -> None:
    """A short last part (under a quarter of the budget: "• /forget — erase..." alone, a
    message that reads as sent by mistake) starts earlier instead: the part before moves
    its end over, cut where the two come out most even, before a paragraph or heading (a
    list stays with the line that opens it) if any such cut fits, else between any two
    blocks."""
    if len(parts) < 2 or len(parts[-2]) < 2:
        return
    before, last = parts[-2], parts[-1]
    tail = sum(_size(b) for b in last)
    if tail >= budget // 4:
        return
    whole = tail + sum(_size(b) for b in before)
    fits: list[tuple[bool, int, int]] = []  # (mid-list, unevenness, cut)
    moved = tail
    for cut in range(len(before) - 1, 0, -1):
        moved += _size(before[cut])
        if moved > budget:
            break
        fits.append((before[cut].kind == "bullet", abs(whole - 2 * moved), cut))
    if fits:
        cut = min(fits)[2]
        parts[-2], parts[-1] = before[:cut], before[cut:] + last
