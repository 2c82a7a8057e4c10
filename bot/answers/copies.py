"""Content answerers, each built whole, or copied from one built for the same content.

Building one (the passages' index, the phrasings' words and their embeddings) takes 1-3 s of
CPU; copying one takes a fifth of that. A running bot builds one, once: nothing is kept. A
process that builds a second for equal content (the tests build hundreds, the benchmarks and
the demo several) keeps that one's state, pickled, before anything is added to it, and makes
every later one from the copy. What a copy must share with the caller, not hold its own of
(the content, the store, the calendar, the process's embedder), is the caller's, never the
kept one's; an engine that cannot be pickled is built every time.
"""

from __future__ import annotations

import io
import logging
import pickle
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.content.loader import Content
from bot.core.ballots import WorkingDays
from bot.core.ports import Store

if TYPE_CHECKING:
    from bot.answers.engine import ContentAnswerer

log = logging.getLogger(__name__)
SEEN = 4  # contents remembered: a test file's few variants of the shipped content


@dataclass
class _Kept:
    content: Content
    zone: str
    calendar: tuple[type, dict[str, Any]]
    state: bytes | None = None  # the pickled engine, from the second build on
    copyable: bool = True

    def fits(self, content: Content, zone: str, calendar: WorkingDays) -> bool:
        return (
            zone == self.zone
            and _calendar_key(calendar) == self.calendar
            and (content is self.content or content == self.content)
        )


_kept: list[_Kept] = []
_lock = threading.Lock()


def build(
    content: Content, store: Store | None, calendar: WorkingDays, zone: str
) -> ContentAnswerer:
    """A new ContentAnswerer, as `ContentAnswerer(content, store, calendar, zone)` gives."""
    from bot.answers.engine import ContentAnswerer

    with _lock:
        kept = next((k for k in _kept if k.fits(content, zone, calendar)), None)
        if kept is not None:
            _kept.remove(kept)
            _kept.insert(0, kept)
        else:
            _kept.insert(0, _Kept(content, zone, _calendar_key(calendar)))
            del _kept[SEEN:]
        state = kept.state if kept is not None else None
    if kept is not None and state is not None:
        return _load(state, content, store, calendar)
    engine = ContentAnswerer(content, store, calendar, zone)
    if kept is not None and kept.copyable:
        dumped = _dump(engine)
        with _lock:
            kept.state, kept.copyable = dumped, dumped is not None
    return engine


def _calendar_key(calendar: WorkingDays) -> tuple[type, dict[str, Any]]:
    return type(calendar), dict(getattr(calendar, "__dict__", {}))


def _shared(engine: ContentAnswerer) -> dict[int, str]:
    """What a copy takes from its caller: by identity, wherever the engine refers to it."""
    from bot.answers import embedding

    found = {id(engine.content): "content", id(engine.calendar): "calendar"}
    if engine.store is not None:
        found[id(engine.store)] = "store"
    embedder = embedding.shared()
    if embedder is not None:
        found[id(embedder)] = "embedder"
    return found


def _dump(engine: ContentAnswerer) -> bytes | None:
    shared = _shared(engine)

    class Pickler(pickle.Pickler):
        def persistent_id(self, obj: Any) -> str | None:
            return shared.get(id(obj))

    out = io.BytesIO()
    try:
        Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(engine)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        log.debug("answerers are built, not copied: %s", error)
        return None
    return out.getvalue()


def _load(
    state: bytes, content: Content, store: Store | None, calendar: WorkingDays
) -> ContentAnswerer:
    from bot.answers import embedding

    given = {"content": content, "calendar": calendar, "store": store}
    given["embedder"] = embedding.shared()

    class Unpickler(pickle.Unpickler):
        def persistent_load(self, pid: Any) -> Any:
            return given[pid]

    engine: ContentAnswerer = Unpickler(io.BytesIO(state)).load()
    engine.store = store  # built without one, copied for a caller with one
    return engine
