"""Answers to members' questions: live ballot dates from the store, neutral election
answers, and BM25 retrieval over the content, with an honest "not sure" below a threshold.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.answers.index import Bm25Answerer, Entry, entries_from, tokens
from bot.content.loader import Content
from bot.core.ballots import WorkingDays, last_safe_posting_day, time_left
from bot.core.context import Answer
from bot.core.models import Ballot, Question
from bot.core.ports import Store

MAX_QUESTION = 500  # characters considered; the rest of a 10,000-character paste is noise
_MARKUP = re.compile(r"<[^>]{0,200}>|[*_`~|]")

# "When" words: a question with one of these about a ballot wants a date.
DATE_WORDS = frozenset(
    "when date dates deadline close closes closing closed shut shuts end ends finish "
    "open opens opening start starts begin begins until long left last days".split()
)
# "How many have signed the petition?": answered live from the store's count.
PETITION_WORDS = frozenset("petition petitions petiton signatures signatories".split())
COUNT_WORDS = frozenset(
    "many count counted number total progress far target tally signatures people".split()
)
POSTING_WORDS = frozenset("post posting posted postal send sent postbox".split())
OPENING_WORDS = frozenset("open opens opening start starts begin begins out".split())
BALLOT_WORDS = frozenset("ballot ballots vote voting votes election elections poll".split())
# Asking the bot to take sides in an internal election.
NEUTRAL = re.compile(
    r"\b(who|which)\b.{0,40}\b(vote|back|support|choose|pick)\b|"
    r"\b(best|right|good|recommended?)\s+(candidate|person|slate)|"
    r"\brecommend\b.{0,30}\b(candidate|vote)|\bcandidates?\b.{0,30}\b(should|best|better)\b|"
    r"\bhow should i vote\b",
    re.IGNORECASE,
)


def clean_question(text: str) -> str:
    """The words of a question: mentions, markup and excess length removed."""
    text = text[: MAX_QUESTION * 4]
    text = re.sub(r"<@[A-Z0-9]+>|@\w+", " ", text)
    text = _MARKUP.sub(" ", text)
    return " ".join(text.split())[:MAX_QUESTION]


class ContentAnswerer:
    """Answers from campaigns/ and from the store, offline, in a millisecond or two."""

    def __init__(
        self,
        content: Content,
        store: Store | None,
        calendar: WorkingDays,
        zone: str,
        threshold: float = 3.5,
        extra: Sequence[Entry] = (),
    ) -> None:
        self.content, self.store, self.calendar, self.zone = content, store, calendar, zone
        self.threshold = threshold
        self._entries = [*entries_from(content), *extra]
        self._rebuild()
        self._ballot_words = {
            doc.id: self._distinctive(" ".join([doc.id, doc.title, *doc.keywords]))
            for doc in content.ballots
        }

    def _rebuild(self) -> None:
        self.index = Bm25Answerer(self._entries, self.threshold, min_coverage=0.5)
        self.vocabulary = sorted(
            {w for doc in self.index.docs for w in doc} | DATE_WORDS | BALLOT_WORDS
        )

    @staticmethod
    def _distinctive(text: str) -> set[str]:
        return {w for w in tokens(text) if w not in BALLOT_WORDS and not w.isdigit()} | (
            {"nec"} if "national executive" in text.lower() else set()
        )

    def _append_faq(self, question: Question) -> None:
        if question.answer:
            text = question.text
            self._entries.append(
                Entry(text, question.answer, "FAQ: " + text, None, f"{text} {text}")
            )

    def add_faq(self, question: Question) -> None:
        """An organiser's reply, added to the FAQ: answered from now on."""
        self._append_faq(question)
        self._rebuild()

    async def load_faq(self) -> int:
        """The organisers' FAQ additions from the store, at start-up."""
        if self.store is None:
            return 0
        added = await self.store.questions.faq()
        for question in added:
            self._append_faq(question)
        self._rebuild()
        return len(added)

    def _words(self, question: str) -> list[str]:
        """Tokens, with misspellings mapped to the nearest word the content knows."""
        found = []
        for word in tokens(question):
            if len(word) > 4 and word not in self.index.idf and word not in DATE_WORDS:
                close = difflib.get_close_matches(word, self.vocabulary, n=1, cutoff=0.85)
                if close and close[0][0] == word[0]:
                    word = close[0]
            found.append(word)
        return found

    async def answer(self, question: str, now: datetime) -> Answer:
        text = clean_question(question)
        words = self._words(text)
        if not words:
            return Answer("", (), 0.0, True, self._topics())
        if NEUTRAL.search(text):
            return await self._neutral(words, now)
        said = set(re.findall(r"[a-z0-9]+", text.lower())) | set(words)  # stop words too
        if said & DATE_WORDS and (said & BALLOT_WORDS or self._ballot_named(words) is not None):
            live = await self._ballot_dates(sorted(said), now)
            if live is not None:
                return live
        if said & PETITION_WORDS and said & COUNT_WORDS and self.store is not None:
            live = await self._petition_count()
            if live is not None:
                return live
        return self.index.answer(" ".join(words))

    async def _petition_count(self) -> Answer | None:
        petitions = [c.petition for c in self.content.campaigns if c.petition is not None]
        if not petitions or self.store is None:
            return None
        lines, sources = [], []
        for p in petitions:
            signed = sum((await self.store.petitions.counts(p.id)).values())
            lines.append(
                f"The petition “{p.title}” has {signed:,} of {p.target:,} signatures counted "
                f"by the bot so far ({signed / p.target:.1%}). Sign at {p.url}, then tell "
                "the bot with /signed so your branch is counted."
            )
            sources.append(f"{p.title} — {p.url}")
        return Answer(" ".join(lines), tuple(sources), 0.95, False)

    def _topics(self) -> tuple[str, ...]:
        return tuple(e.title for e in self._entries[:3])

    def _ballot_named(self, words: Sequence[str]) -> str | None:
        scores = {name: len(distinct & set(words)) for name, distinct in self._ballot_words.items()}
        best = max(scores.items(), key=lambda item: item[1], default=(None, 0))
        return best[0] if best[1] else None

    async def _ballots(self) -> list[Ballot]:
        if self.store is None:
            from bot.content.sync import ballot_from_content

            return [ballot_from_content(doc) for doc in self.content.ballots]
        return [b for b in await self.store.ballots.all() if not b.cancelled]

    async def _which(self, words: Sequence[str], now: datetime) -> list[Ballot]:
        ballots = await self._ballots()
        named = self._ballot_named(words)
        if named is not None:
            return [b for b in ballots if b.name == named]
        live = [b for b in ballots if b.opens_at <= now < b.closes_at]
        if live:
            return live
        coming = sorted((b for b in ballots if now < b.opens_at), key=lambda b: b.opens_at)
        if coming:
            return coming[:1]
        done = sorted(ballots, key=lambda b: b.closes_at, reverse=True)
        return done[:1]

    async def _ballot_dates(self, words: Sequence[str], now: datetime) -> Answer | None:
        ballots = await self._which(words, now)
        if set(words) & POSTING_WORDS and any(b.kind.postal for b in ballots):
            ballots = [b for b in ballots if b.kind.postal]  # "post my vote": the postal one
        if not ballots:
            return None
        tz = ZoneInfo(self.zone)
        lines, sources = [], []
        for ballot in ballots:
            closes = ballot.closes_at.astimezone(tz)
            opens = ballot.opens_at.astimezone(tz)
            posting = last_safe_posting_day(ballot, self.calendar, self.zone)
            left = time_left(now, ballot.closes_at, self.zone)
            at = f"{closes:%H:%M} on {closes:%A} {closes.day} {closes:%B %Y}"
            if set(words) & POSTING_WORDS and posting is not None:
                line = (
                    f"{ballot.title}: post your paper by {posting:%A} {posting.day} "
                    f"{posting:%B %Y} at the latest (the last safe posting day); it must "
                    f"arrive before {at}."
                )
            elif set(words) & OPENING_WORDS and not {"close", "closes", "closing"} & set(words):
                verb = "Papers went out" if ballot.kind.postal else "Voting opened"
                if now < ballot.opens_at:
                    verb = "Papers go out" if ballot.kind.postal else "Voting opens"
                line = f"{ballot.title}: {verb} on {opens:%A} {opens.day} {opens:%B %Y}; it {left}."
            else:
                if now >= ballot.closes_at:
                    line = f"{ballot.title} closed at {at}."
                else:
                    line = f"{ballot.title} {left} (at {at})."
                    if posting is not None:
                        line += f" Last safe posting day: {posting:%A} {posting.day} {posting:%B}."
            lines.append(line)
            sources.append(ballot.title + (f" — {ballot.info_url}" if ballot.info_url else ""))
        return Answer(" ".join(lines), tuple(sources), 0.95, False)

    async def _neutral(self, words: Sequence[str], now: datetime) -> Answer:
        ballots = await self._which(words, now)
        docs = {d.id: d for d in self.content.ballots}
        links = [
            f"{docs[b.name].title}: {docs[b.name].candidates_url}"
            for b in ballots
            if b.name in docs and docs[b.name].candidates_url
        ]
        dates = await self._ballot_dates(words, now)
        text = (
            "Who you vote for is your choice: the union's channels stay neutral in internal "
            "elections and the bot never recommends a candidate. Read the candidates' "
            "statements"
            + (" (" + "; ".join(links) + ")" if links else " on the election page")
            + " and make sure your vote counts."
            + (" " + dates.text if dates else "")
        )
        sources = tuple(dates.sources) if dates else ()
        return Answer(text, sources or ("The union's election rules",), 0.95, False)
