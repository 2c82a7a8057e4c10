"""Reading a request body as a JSON object without trusting it: any bytes in, a dict or None
out, never an exception (not UTF-8, not JSON, not an object, nested absurdly deep)."""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 48  # real updates and events nest about a dozen levels


def loads_object(body: bytes | str) -> dict[str, Any] | None:
    """The body as a JSON object, or None when it is anything else."""
    try:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        value = json.loads(text)
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not isinstance(value, dict) or too_deep(value):
        return None
    return value


def too_deep(value: object, limit: int = MAX_DEPTH) -> bool:
    """Whether lists and objects nest deeper than `limit` (walked without recursion)."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: list[object] = list(item.values())
        elif isinstance(item, list):
            children = list(item)
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False
