"""The content answerer, built the first time it is needed.

Building it (the passages' index, the phrasings' words and their embeddings) costs about a
second of CPU and, with the modules it needs (numpy among them), about 45 MB: a CLI verb that
answers nothing need not pay it, and neither does a running bot until a member asks something
(its idle RSS was 178 MB with the answerer built at start, against a target of 150). The first
question builds it in a thread, so the event loop is not blocked meanwhile (a daemon thread,
which a stop does not wait for: what it writes, the embeddings' cache, is renamed into place
whole): replicas starting
together on one loop once timed out connecting to PostgreSQL while another built its answerer
on the loop. The organisers' FAQ additions are read from the store at start-up (one cheap
query) and given to the answerer when it is built.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.content.loader import Content
from bot.core.ballots import WorkingDays
from bot.core.models import Question
from bot.core.ports import Store
from bot.core.services import Answer
from bot.core.threads import in_daemon_thread

if TYPE_CHECKING:
    from bot.answers.engine import ContentAnswerer


class LazyAnswerer:
    """A ContentAnswerer (see there), built on first use."""

    def __init__(self, content: Content, store: Store | None, calendar: WorkingDays, zone: str):
        self._args = (content, store, calendar, zone)
        self.store = store
        self._built: ContentAnswerer | None = None
        self._faq: tuple[Sequence[Question], Sequence[tuple[str, str]]] = ((), ())
        self._lock = threading.Lock()  # built once, even when warmed in a thread

    @property
    def engine(self) -> ContentAnswerer:
        with self._lock:
            if self._built is None:
                # imported here: the engine's modules and numpy are what is saved (above)
                from bot.answers.copies import build

                built = build(*self._args)
                built.apply_faq(*self._faq)
                self._built = built
            return self._built

    @property
    def built(self) -> bool:
        return self._built is not None

    def warm(self) -> None:
        """Build it now."""
        self.engine  # noqa: B018 (built as a side effect)

    async def load_faq(self) -> int:
        """The organisers' FAQ additions and alternative phrasings, read now and given to the
        answerer when it is built (at once, if it already is)."""
        if self.store is None:
            return 0
        added = [q for q in await self.store.questions.faq() if q.answer]
        aliases = [(a.entry, a.phrase) for a in await self.store.questions.aliases()]
        with self._lock:
            if self._built is None:
                self._faq = (added, aliases)
                return len(added)
        self._built.apply_faq(added, aliases)
        return len(added)

    async def answer(self, question: str, now: datetime) -> Answer:
        if self._built is None:  # the first question: built in a thread (see above)
            await in_daemon_thread(self.warm, "answers-build")
        return await self.engine.answer(question, now)

    def add_faq(self, question: Question) -> None:
        self.engine.add_faq(question)

    def has_faq(self, entry: str) -> bool:
        return self.engine.has_faq(entry)

    def add_alias(self, entry: str, phrase: str) -> None:
        self.engine.add_alias(entry, phrase)
