"""A strict reader of Telegram's HTML parse mode, as the Bot API applies it.

Accepts only the tags and entities Telegram documents; anything else is the Bot API's
"Bad Request: can't parse entities" error. Returns the visible text.
"""

from __future__ import annotations

import re

ALLOWED = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "code",
    "pre",
    "a",
    "tg-spoiler",
    "blockquote",
    "span",
    "tg-emoji",
}
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_TAG = re.compile(r"<(/?)([a-z-]+)((?:\s+[a-z-]+=\"[^\"<>]*\")*)\s*>")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class ParseEntitiesError(ValueError):
    def __init__(self, offset: int, problem: str) -> None:
        super().__init__(f"Bad Request: can't parse entities: {problem} at byte offset {offset}")


def _entity(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _NAMED:
        return _NAMED[name]
    return chr(int(name[2:], 16) if name.startswith("#x") else int(name[1:]))


def visible_text(markup: str) -> str:
    """Parse like the Bot API; raise ParseEntitiesError on anything it would reject."""
    out: list[str] = []
    stack: list[str] = []
    index = 0
    while index < len(markup):
        ch = markup[index]
        if ch == "<":
            tag = _TAG.match(markup, index)
            if tag is None:
                raise ParseEntitiesError(index, "unsupported start tag")
            closing, name, attrs = tag.group(1), tag.group(2), tag.group(3)
            if name not in ALLOWED:
                raise ParseEntitiesError(index, f'unsupported start tag "{name}"')
            if closing:
                if not stack or stack[-1] != name:
                    raise ParseEntitiesError(index, f'unmatched end tag "{name}"')
                stack.pop()
            else:
                if name == "a" and 'href="' not in attrs:
                    raise ParseEntitiesError(index, "a tag without href")
                if stack and stack[-1] in ("code", "pre") and name != "code":
                    raise ParseEntitiesError(index, "entities can't be nested in code")
                stack.append(name)
            index = tag.end()
        elif ch == "&":
            entity = _ENTITY.match(markup, index)
            if entity is None:
                raise ParseEntitiesError(index, "unsupported entity")
            out.append(_entity(entity))
            index = entity.end()
        elif ch == ">":
            raise ParseEntitiesError(index, "unexpected '>'")
        else:
            out.append(ch)
            index += 1
    if stack:
        raise ParseEntitiesError(len(markup), f'can\'t find end tag corresponding to "{stack[-1]}"')
    return "".join(out)
