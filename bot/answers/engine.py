"""Answers to members' questions, offline and in-process.

In order: a ballot's result is never invented (hand-off); a question asking the bot to take
sides gets the neutral answer; "how many have signed" is counted live; a question about a
ballot's dates is answered from the store for the moment asked; everything else is the
passage of the content that holds the fact (BM25F), if it explains the question and holds
the kind of fact asked for, or an honest hand-off.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Collection, Sequence
from datetime import date, datetime

from bot.answers import (
    checks,
    dialect,
    embedding,
    focus,
    gate,
    kinds,
    languages,
    latest,
    live,
    neutral,
    owned,
    put_to_bot,
    routing,
    sections,
    spelling,
    topics,
    unheld,
    views,
)
from bot.answers.dates import DATED_WORDS, Clock, close_line, day_named, none_open, said_for
from bot.answers.index import MARKERS, Hit, PassageIndex, field_words
from bot.answers.phrasings import Outcome, Phrasebook, asked_as, file_of, outcome_of
from bot.answers.said import together, trim
from bot.answers.text import (
    HOW_TO,
    QUESTION_WORDS,
    asking_clause,
    asking_sentences,
    clean_question,
    is_chatter,
    is_temporal,
    normalise,
    questions_in,
    stem,
    two_branches,
    without_reason,
    words,
    years_asked,
)
from bot.content.loader import Content
from bot.content.passages import (
    Passage,
    added_faq,
    alias,
    faq_entry,
    passages_from,
    structure_source,
)
from bot.core.ballots import WorkingDays
from bot.core.models import Ballot, BallotKind, Question
from bot.core.ports import Store
from bot.core.services import Answer

MIN_SCORE, MIN_COVERAGE = 1.0, 0.65
# The content's rule on how many branches a member belongs to ("Every member belongs to one
# branch"), for "can I be in two branches?"
_ONE_BRANCH = re.compile(r"\bbelongs? to (one|a single|only one) branch\b")
# "Who appoints the PSSEC secretary or is it a closed shop?": a question of who, what or how,
# then the member's own guess at the answer, put as a second question the content need not
# explain in its words (after a yes-or-no question, "or …" is the other half of the choice:
# "does the pay campaign have a deadline or does it just drift on forever").
_GUESSED = re.compile(
    r"^((who|whos|what|whats|which|how|where|when|whens|why)\b[^?]{8,}?),? or (did|is|has|have|"
    r"was|were|does|do|are|will|would) \w+ [^?]*\??$"
)
LIVE = 0.95  # the confidence of an answer said from the store and the clock, not a passage
CONTEXT_COVERAGE = 0.4  # of a question whose asking clause the passage explains
ENTRY_AHEAD = 2.0  # an entry this many times a ballot's best passage is the member's case
OTHER_HELD = 0.5  # of a dated question's words besides the ballots', a dated passage holding
# this share of them is its answer rather than a ballot's dates
_HOW_TO_SLOTS = frozenset({"replace", "pack", "posting", "join", "opening"})
PETITION = frozenset(stem(w) for w in "petition signatures signatories".split())
READ_AS = "(I read English best: this answers your question as I understood it.)"
_DATES = ("when", "date")
# An action's deadline as its passage says it ("…, by Friday 26 February 2021."), which the
# reply says has passed once the day asked is later: tense follows the clock.
_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_ACTION_DUE = re.compile(
    r", by (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) (?P<day>\d{1,2}) "
    rf"(?P<month>{'|'.join(_MONTHS)}) (?P<year>\d{{4}})\."
)


def deadlines_in_tense(found: Answer, today: date) -> Answer:
    """The reply, with each action deadline before `today` said to have passed."""

    def said(m: re.Match[str]) -> str:
        due = date(int(m["year"]), _MONTHS.index(m["month"]) + 1, int(m["day"]))
        return f"{m.group()[:-1]}: that deadline has passed." if due < today else m.group()

    told = _ACTION_DUE.sub(said, found.text)
    return found if told == found.text else dataclasses.replace(found, text=told)


_CLOCK_SAID = re.compile(unheld.CLOCK_TIME, re.IGNORECASE)
_HOW_WAY = re.compile(r"\bhow (do|does|can|could|would|should|will|to|one)\b")
_YEAR = re.compile(r"(19|20)\d\d")
# A word standing for something said before it: "how does it work", "anything about that".
_POINTS_BACK = re.compile(r"\b(it|its|that|this|they|them|those|these|one|there)\b")
# "Each member votes for their own group's executive": which group depends on the member.
_THIS_YEAR = re.compile(r"\bthis years?\b")
_OWN_GROUP = re.compile(r"\b(own|your|their) group\b")
# "Branch code for HMRC Newcastle?", "the short name I use for DWP Leeds when subscribing",
# "branch id for cabinet office": the name a branch goes by in commands (not a sort code, a
# postcode or a dress code).
_CODE_WORD = re.compile(
    r"(?<!sort )(?<!post )(?<!dress )\b(code|short ?name|slug|handle)\b|\bbranch(es)? ids?\b|"
    r"\bname (i|we|you) (type|use|put|enter)\b|\bbranch name\b"
)
_CODE_OF = re.compile(r"\b(branch|branches|subscrib\w*|commands?|bot)\b|/subscribe")
# "No pack yet, do I panic?": whether to worry asks nothing of its own; what was told decides.
_WORRY = frozenset(stem(w) for w in "panic panicking worry worried fret stress concerned".split())
# "When was the meeting that…", "on what date did the NEC meet to…": the meeting's own date.
_MEETING = re.compile(r"\b(meeting|met|meet)\b")
# The ways of reaching someone a question asks about ("who do I phone?"): a passage naming a
# helpline or the branch secretary answers them without the word.
_REACHING = frozenset(
    stem(w) for w in "phone ring call contact email text speak talk number telephone".split()
)
# The words that ask what a thing is for ("what is its job?"): a stated purpose answers them,
# in whatever words.
_PURPOSE_WORDS = frozenset(
    stem(w) for w in "job role purpose point aim aims remit function".split()
)
# "Whom do I contact for a fresh one?", "who should she ring": someone to reach for a new
# paper, which the replacement's entry names (the helpline, the branch secretary).
_WHOM = re.compile(
    r"\bwho(m)? ((do|should|can|could|would|will|must|does) )?(i|we|you|u|they|she|he|members?|"
    r"people) (\w+ )?(phone|ring|call|contact|email|text|write to|speak to|talk to|"
    r"get in touch with|ask|go to|chase)\b|\bwho(m)? to (phone|ring|call|contact|ask|speak to|"
    r"talk to|email|go to|chase)\b"
)
_ASK_REPLACEMENT = re.compile(r"\bask for a (new|replacement) (ballot )?(paper|pack)\b", re.I)
_COUNT = re.compile(
    r"\bhow (many|far)\b|\b(count|counted|number|total|progress|so far|target|tally)\b"
)


def heading_of(passage: Passage) -> str:
    """A passage's own question or heading: an FAQ entry's question, a section's heading."""
    if passage.kind in ("faq", "added"):
        return passage.fields[0][0]
    return passage.source.partition(": ")[2]


def _source(passage: Passage) -> str:
    return passage.source + (f" — {passage.link}" if passage.link else "")


# A sentence of a question ballot's own page that states how the union recommends voting
# ("The NEC recommends a yes vote."): said as written, since the bot never makes one up.
_RECOMMENDED = re.compile(r"[^.!?]*\brecommend\w*\b[^.!?]*[.!?]", re.IGNORECASE)


# Groups asked for as those on a slate: "which groups joined the joint slate".
# Whether what was heard is so, asked after it ("heard the papers go to work. is that true?"):
# what was heard is the question, not truth.
_CONFIRMING = re.compile(
    r"\b(is|isn'?t|was|wasn'?t) (that|it|this) (really )?(true|right|correct|so|the case)\b|"
    r"\b(am i|is that|that|that's|thats) (right|true|correct)\b",
    re.IGNORECASE,
)
_GROUPS_ASKED = re.compile(r"\b(which|what)( other| two| 2| three| 3)? groups?\b", re.IGNORECASE)


class ContentAnswerer:
    """Answers from campaigns/ and from the store, offline, in a few milliseconds."""

    def __init__(
        self,
        content: Content,
        store: Store | None,
        calendar: WorkingDays,
        zone: str,
        extra: Sequence[Passage] = (),
        embedder: embedding.Embedder | None = None,
        gated: bool = True,
        whom: views.Views | None = None,
    ) -> None:
        self.content, self.store, self.calendar, self.zone = content, store, calendar, zone
        base = [*passages_from(content), *extra]
        where = file_of(content)
        found = [(p.q, outcome_of(p, base, where)) for p in content.phrasings]
        named = [(g.name, g.title) for g in content.structure.groups] + [
            (b.name, b.title) for g in content.structure.groups for b in g.branches
        ]
        self._structure_words = {stem(w) for pair in named for w in words(" ".join(pair))}
        self.index = PassageIndex(asked_as(base, found, self._structure_words))
        # The content's own words, not members' words for it: what a dated question's other
        # words must be to be about something else than the ballot's dates.
        self._own = [{s for t, _ in p.fields for _, s in field_words(t)} for p in base]
        self._own_words = set().union(*self._own)
        # The content's words as written ("pensions", never members' "pensioner"), not those
        # its phrasings add to the index: whether the content names a kind of member.
        self._written = {w for p in base for t, _ in p.fields for w, _ in field_words(t)}
        self._held = " ".join(normalise(t) for p in base for t, _ in p.fields)  # (unheld)
        self._docs = {d.id: d for d in content.ballots}
        # The titles a source starts with when its passage holds no way to vote in a ballot
        # (a meeting's report, a committee, a campaign): the closed line is not for those.
        self._not_how_to = tuple(
            [r.title for r in content.reports]
            + [c.title for c in content.committees]
            + [c.title for c in content.campaigns]
            + [structure_source(content.structure)]  # (the "dwp group": no ballot in it)
        )
        self.topics = topics.held(content)  # suggested by a hand-off with nothing near
        self._standing_in = {d.id: neutral.names_standing(d.standing) for d in content.ballots}
        self._standing = [n for names in self._standing_in.values() for n in names]
        # the posts the elections held name: their titles and who stands for what
        self._posts = " ".join(
            normalise(" ".join([d.title, *d.standing])) for d in content.ballots
        ).replace("-", " ")
        self._ballot_vocabulary = {
            term
            for passage, bag in zip(self.index.passages, self.index.bags, strict=True)
            if passage.kind == "ballot"
            for term in bag
        } | {stem(w) for w in words(DATED_WORDS)}
        self.phrasebook = Phrasebook(embedder or embedding.shared())
        # (words spelt as they sound put back in these: the content's and the phrasings')
        self.speller = spelling.Speller(
            [t for p in base for t, _ in p.fields] + [p.q for p in content.phrasings]
        )
        # the learned second opinion beside the partisan rules (views.py)
        self.whom = whom or views.Views.load(self.phrasebook.embedder)
        self.gate = gate.load() if gated else None  # (bot/answers/gate.py)
        self.gated = 0  # answers handed off by the gate
        self.read_as = "whole"  # how the last answer read the message: whole, asked, glossed
        self.overruled = 0  # answers the phrasings' vote gave instead of the rules'
        self.meant = 0  # of those, answers the vote in meaning (embeddings) gave
        self.doubted = 0  # weak answers handed off, the vote in meaning not behind them
        shipped = [(q, o) for q, o in found if o and (o.kind != "live" or o.ballot in self._docs)]
        self.phrasebook.add(((q, self._query(clean_question(q)), o) for q, o in shipped), True)
        self.owned = owned.Owned()  # each FAQ entry's own question and aliases (owned.py)
        answered = {i for _, o in shipped if o.kind == "answer" for i in o.passages}
        self.voted = frozenset(answered)  # passages some phrasing answers with (routing.kin)
        partisan = functools.partial(neutral.is_partisan, names=self._standing)
        self._owning(owned.own_questions(self.index.passages, answered, partisan))

    def add_faq(self, question: Question) -> None:
        """An organiser's reply, added to the FAQ: answered from now on."""
        if question.answer:
            self._added(
                [(question.text, added_faq(question.text, question.answer, f"#{question.id}"))]
            )

    def _added(self, found: Sequence[tuple[str, Passage]]) -> None:
        """Passages added at run time, each with the question it answers as a phrasing."""
        start = len(self.index.passages)
        self.index.add([p for _, p in found])
        self.voted |= set(range(start, start + len(found)))  # each with its own phrasing
        self.phrasebook.add(
            (q, self._query(clean_question(q)), Outcome("answer", (start + n,)))
            for n, (q, _) in enumerate(found)
        )
        self._owning([(q, start + n) for n, (q, _) in enumerate(found)])
        # (what an organiser answered, and how it was asked, is held from now on: "are specs
        # covered" names what their entry covers)
        added = (normalise(t) for q, p in found for t in (q, *(t for t, _ in p.fields)))
        self._held = " ".join([self._held, *added])

    def _owning(self, found: Sequence[tuple[str, int]]) -> None:
        said = [(q, self._query(clean_question(q)), passage) for q, passage in found]
        self.owned.add(said, self.phrasebook)

    def _faq(self, entry: str) -> Passage | None:
        return next((p for p in self.index.passages if faq_entry(p) == entry), None)

    def has_faq(self, entry: str) -> bool:
        return self._faq(entry) is not None

    def add_alias(self, entry: str, phrase: str) -> None:
        """Another way of asking an FAQ entry's question, answered by that entry."""
        found = self._faq(entry)
        if found is not None:
            self._added([(phrase, alias(found, phrase))])

    async def load_faq(self) -> int:
        """The organisers' FAQ additions and alternative phrasings, at start-up."""
        if self.store is None:
            return 0
        added = [q for q in await self.store.questions.faq() if q.answer]
        self.apply_faq(added, [(a.entry, a.phrase) for a in await self.store.questions.aliases()])
        return len(added)

    def apply_faq(self, added: Sequence[Question], aliases: Sequence[tuple[str, str]]) -> None:
        """Answered questions added to the FAQ, and (entry, phrase) alternative phrasings."""
        self._added([(q.text, added_faq(q.text, q.answer or "", f"#{q.id}")) for q in added])
        for entry, phrase in aliases:
            self.add_alias(entry, phrase)

    def _query(self, text: str) -> list[str]:
        """The question's stems, misspellings mapped to words the content uses, without
        chatter or where the member says they work ("I'm in DWP Leeds, …")."""
        aside = self._aside(text)
        said = words(_CONFIRMING.sub(" ", text))
        kept = [w for w in said if not is_chatter(w) and not self._manner(w)]
        # "how do I ask a question": chatter is all there is, so it is the topic
        chosen = kept if {stem(w) for w in kept} - MARKERS else said
        found = [self.index.related(stem(self.index.correct(w))) for w in chosen]
        return list(dict.fromkeys(s for s in found if s not in aside))

    def _manner(self, word: str) -> bool:
        """An adverb the content never uses ("quietly"; "nationally" it knows): how, not what."""
        return (
            word.endswith("ly")
            and stem(word) == stem(word[:-2])
            and not self.index.knows(stem(word))
        )

    def _aside(self, text: str) -> set[str]:
        lowered = normalise(text)
        if focus.ABOUT_STRUCTURE.search(lowered):
            return set()
        found: set[str] = set()
        for match in focus.AS_ROLE.finditer(lowered):
            where = {stem(w) for w in (match.group("where") or "").split()}
            if where <= self._structure_words:  # ("as a retired member": a kind, not where)
                found |= {stem(w) for w in match.group().split()[1:]}
        for match in focus.SELF.finditer(lowered):
            found |= {stem(w) for w in match.group(3).split()} & self._structure_words
        # ("once it lands", "never voted by post before"), as the query reads each word
        found |= {self.index.related(stem(self.index.correct(w))) for w in focus.told_when(text)}
        for match in focus.GROUPS_OWN.finditer(lowered):
            before = [stem(w) for w in match.group("name").split()]
            while before and before[-1] in self._structure_words - {"group"}:
                found.add(before.pop())  # (the words of its name, nearest first)
        return found

    async def answer(self, question: str, now: datetime) -> Answer:
        question = self.mended(question)
        # (the reason for asking told after it is left out of the reading, not of the choice)
        found = await self._answered(without_reason(question), now)
        found = await self._choice_in_view(question, found, now)
        if not found.handoff:
            found = deadlines_in_tense(found, Clock(now, self.zone, self.calendar).today)
        if found.handoff and not found.suggestions:  # nothing near: what the content holds
            return dataclasses.replace(found, suggestions=self.topics)
        return found

    def mended(self, question: str) -> str:
        """The question with words spelt as they sound put back in the content's spelling
        ("wen dus the presidenshul ballot shut"); one in another language as written (asked
        only when a word would change: `_answer` tells the language again); Scots words said
        in English first ("whit dae I dae wi ma paper")."""
        mended = self.speller.fix(dialect.mended(question))
        if mended == question or languages.detect(clean_question(question)) is not None:
            return question
        return mended

    async def _choice_in_view(self, question: str, found: Answer, now: datetime) -> Answer:
        """A question about an internal election's choice is never handed off when it asks
        for a view, and a fact given for it ends with the neutral line: the bot recommends
        no one, the choice is the member's, where the statements are, how and when to vote.
        A result (the scrutineer's) and another union's election stay hand-offs."""
        if neutral.is_neutral(found.text):
            return found
        text = clean_question(question)
        names = self._standing
        known = await self._known()
        if found.handoff:
            if not self._view_handed_off(text, known, now):
                return found
            stand = [k for k in known if neutral.mentions(text, self.standing_of(k))]
            return self.neutral(
                stand or live.intent(text, self._query(text), known).ballots, known, now
            )
        if not neutral.about_choice(text, names):
            return found
        line = self._choice_line(text, found.text, known, now)
        return dataclasses.replace(found, text=f"{found.text} {line}") if line else found

    def _view_handed_off(self, text: str, known: Sequence[live.Known], now: datetime) -> bool:
        """Whether a question handed off asks for a view: the partisan rules or the learned
        check say so, or it names one of those standing with a word of choosing, backing,
        comparing or forecasting. Not a count or a result asked ("who won, was it BLN?"; a
        result told first is not asked: "heard X was elected last time, does she deserve
        another go"), anything about results once every ballot has closed, nor another
        union's election or one the bot does not hold."""
        names = self._standing
        clause = asking_clause(text) or text
        # each sentence that asks, in a message of several ("did X get in. any news"): a result
        # asked first is still asked, however the last sentence asks
        clauses = [clause, *(asking_clause(part) or part for part in questions_in(text))]
        if any(neutral.counted(c) or live.asks_result(c) for c in clauses):
            return False
        closed = not any(now < k.ballot.closes_at for k in known)
        if closed and any(live.slot_of(c) == "result" for c in clauses):
            return False
        asked = years_asked(clause, now.date())  # (a year told first is no other election)
        unnamed = neutral.without_names(text, names)  # ("bln" is no other union's initials)
        if live.foreign(unnamed, asked, known, self.index.postings.keys()):
            return False
        return (
            neutral.is_partisan(text, names)
            or (neutral.weighs_them(text, names) and not views.fact_asked(text, names))
            or self.whom.asks_whom(text, names)
        )

    def _choice_line(
        self, text: str, said: str, known: Sequence[live.Known], now: datetime
    ) -> str | None:
        """The neutral line for the elections in view: those the question names or where
        those it names stand, else the open ones, the next or the last to close; none when
        the ballots it names ask a question ("which way do I vote in the pay ballot?")."""
        elections = [k for k in known if self._has_candidates(k)]
        stand = [k for k in elections if neutral.mentions(text, self.standing_of(k))]
        asked = live.intent(text, self._query(text), known).ballots
        named = [k for k in asked if k in elections]
        if asked and not named and not stand:
            return None
        chosen = live.which(stand or named, elections, now)
        clock = Clock(now, self.zone, self.calendar)
        links = [u for k in chosen if (u := k.candidates_url or k.ballot.info_url)]
        if links and all(u in said for u in links):
            links = []  # (the reply gives them already)
        closing = [line for k in chosen if (line := close_line(clock, k.ballot)) not in said]
        closed = bool(chosen) and all(now >= k.ballot.closes_at for k in chosen)
        line = neutral.choice_line(links, closing, closed)
        if "does not recommend" in said:  # (the passage says so: the rest of the line)
            line = line.removeprefix(neutral.CLOSED_CHOICE_LEAD if closed else neutral.CHOICE_LEAD)
            line = line.strip()
        return line or None

    async def _answered(self, question: str, now: datetime) -> Answer:
        self.read_as = "whole"
        found = await self._answer(question, now)
        # (a part answered alone, what was said before it); how the member may stand for a
        # post, which the content holds no rule of (`neutral.to_stand`)
        text = clean_question(question)
        stands = not found.handoff and (
            neutral.to_stand(text)
            or neutral.held_of_them(text, self._standing)  # what a statement says, their site
            or neutral.post_unheld(text, self._standing, self._posts)  # a post none elects
        )
        if stands or unheld.unheld(question, found, self._held, now.date()):
            return self.handoff(self.search(text, self._query(text)))
        if self.gate is None or found.handoff or gate.neutral_answer(found):
            return found
        titles = {k.ballot.name: k.ballot.title for k in await self._known()}
        if self.gate.right(gate.features(self, question, found, titles)) >= self.gate.threshold:
            return found
        self.gated += 1
        return self.handoff(self.search(question, self._query(clean_question(question))))

    async def _answer(self, question: str, now: datetime) -> Answer:
        text = clean_question(question)
        lang = languages.detect(text)
        if lang is None:
            return await self._read(text, now)
        found = await self._whole(text, now)  # (a view asked in French is still read so)
        if not found.handoff:
            return found
        self.read_as = "glossed"
        glossed = await self._read(languages.in_english(text, lang), now)
        if glossed.handoff:
            return dataclasses.replace(found, language=lang.name)
        return dataclasses.replace(glossed, text=f"{READ_AS} {glossed.text}")

    async def _read(self, text: str, now: datetime) -> Answer:
        """The message as a whole, or else the sentences in it that ask."""
        found = await self._whole(text, now)
        if not found.handoff:
            return found
        alone = self._asked_alone(text, await self._known())
        if alone is None:
            return found
        focused = await self._whole(alone, now)
        if focused.handoff:
            return found
        self.read_as = "asked"
        # (the branch told first, "HMRC Liverpool here. Whose exec do I vote for?": its group)
        return self._own_group(text, focused)

    def _asked_alone(self, text: str, known: Sequence[live.Known]) -> str | None:
        """The sentences that ask, after what the member says first ("I'm new at HMRC
        Newcastle and heard there's a vote for president. How does it work?"), with only the
        names in what they say that pick the ballot or the topic ("president")."""
        asked, told = asking_sentences(text)
        if not asked or not told or self._held_back(text):
            return None
        names = {n for k in known for n in k.names}

        def naming(sentence: str) -> list[str]:
            return [
                word
                for word in words(sentence)
                if (s := self.index.related(stem(self.index.correct(word)))) in names
                or self.index.named([s])
                or _YEAR.fullmatch(word)
            ]

        kept = [word for sentence in told for word in naming(sentence)]
        question = " ".join(asked)
        if self._leans_on_context(question, bool(kept)):
            return None  # "… nothing's come. what do I do?": the asking alone says too little
        if not kept and not naming(question):
            return None  # "… not on your list. How do we get set up?": nothing named, to ask of
        return " ".join(dict.fromkeys(kept)) + ". " + question if kept else question

    def _held_back(self, text: str) -> bool:
        """What the member says first that keeps the whole message from the bot, asked alone
        or not: a result (the scrutineer's), another country, a rule bent for one member, a
        kind of member the content never names, a place it never names, a problem reported."""
        return (
            live.slot_of(text) == "result"
            or live.asks_result(text)
            or live.elsewhere(text)
            or live.asks_else(text) == "check"
            or live.kind_of_member(text, self._written.__contains__)
            or self._unknown_place(text)
            or checks.reports_problem(text)
        )

    def refuses(self, text: str) -> bool:
        """Whether the rules hand the question off whatever passage is near: a result, another
        country, whether a vote got there or a rule bent, a kind of member or a place the
        content never names (`_held_back`, but a problem reported is no reason)."""
        return live.abroad(text) or (self._held_back(text) and not checks.reports_problem(text))

    @staticmethod
    def _leans_on_context(question: str, named: bool) -> bool:
        """Whether a question points back at what was said before it ("did they say anything
        about that?") and that named nothing, or asks too little of its own to be answered
        alone ("what do I do?", "can someone check?")."""
        if _POINTS_BACK.search(normalise(question)):
            return not named
        said = {stem(w) for w in words(question) if not is_chatter(w)} - MARKERS
        return len(said) < 2

    async def _whole(self, text: str, now: datetime) -> Answer:
        found = await self._one(text, now)
        if not found.handoff and found.confidence >= LIVE:
            return found  # a date for the moment asked, the neutral answer: the whole's
        parted = await self._in_parts(text, now)
        if parted is None or (parted.handoff and not found.handoff):
            return found  # (answered whole, and not every part held: the whole's answer)
        return parted

    async def _in_parts(self, text: str, now: datetime) -> Answer | None:
        """A message asking several things ("when does it close? and how do I get a new
        paper?"): each question in it answered on its own. If some are not held, the answer
        is a hand-off, with what is held said now."""
        parts = questions_in(text)
        if len(parts) < 2 or live.slot_of(text) == "result":
            return None  # (who won is the scrutineer's, however it is asked)
        found = [await self._one(part, now) for part in parts]
        held = [a for a in found if not a.handoff and a.confidence >= routing.DOUBT]
        if not held:
            return None
        body = " ".join(dict.fromkeys(a.text for a in held))
        sources = tuple(dict.fromkeys(s for a in held for s in a.sources))
        if len(held) == len(found):
            return Answer(body, sources, min(a.confidence for a in held), False)
        return Answer(body, sources, 0.0, True, ())

    async def _one(self, text: str, now: datetime) -> Answer:
        # "who am i": /whoami; "posted mine": /voted
        asked = text  # (the member's branch, named before a question said in other words)
        text = (
            focus.spelled(text, self.index.commands)
            or focus.told_voted(text)
            or focus.told_signed(text)
            or put_to_bot.told_done(text)  # "posted it this morning, bot tell how": /voted
            or focus.own_record(text)
            or focus.passed_on(text)
            or focus.bot_does(text)
            or focus.every_exec(text)  # "every group's exec or just mine": one's own group's
            or focus.own_data(text)
            or put_to_bot.asks_bot(text)  # "in the slack channel do i @ you": /ask
            or text
        )
        query = self._query(text)
        if focus.commands(text):  # "what does /remindme do": its passage says what it does
            query = [t for t in query if t not in MARKERS] or query
        known = await self._known()
        if not query:  # "which one, if you had to?": small words, and a view asked
            partisan = neutral.is_partisan(text, self._standing) or self.whom.asks_whom(
                text, self._standing
            )
            return self.neutral([], known, now) if partisan else Answer("", (), 0.0, True, ())
        ruled = await self._by_rules(text, query, known, now)
        found = await routing.arbitrate(self, ruled, text, query, known, now)
        found = latest.best_report(self, ruled, found, text, query, now)  # the best matched
        found = owned.preferred(self, found, text, query, now, known)  # an entry's own question
        found = sections.of_part(self, found, text)  # what members, branches do; what is asked
        found = self._standing_listed(text, query, known, found)  # who stands with whom
        if (
            neutral.instead(text, self._standing, found)
            or views.instead(self.whom, text, self._standing, found)
        ) and not live.asks_result(text):
            stand = [k for k in known if neutral.mentions(text, self.standing_of(k))]
            return self.neutral(stand or live.intent(text, query, known).ballots, known, now)
        # the member's own case, news since, an event unsaid, a standing or a body not held
        if unheld.unheld(text, found, self._held, now.date()):
            return self.handoff(self.search(text, query))
        return self._closed_first(text, query, known, now, self._own_group(asked, found))

    def _standing_listed(
        self, text: str, query: Sequence[str], known: Sequence[live.Known], found: Answer
    ) -> Answer:
        """Who stands with whom, on which slate or for which post (`neutral.asks_standing`):
        the election notice's list, for the elections where those named stand, else those
        asked about, else every one that lists who stands."""
        if "as named in the election notice" in found.text:
            return found
        if not neutral.asks_standing(text, self._standing):
            return found
        listing = [k for k in known if self.standing_of(k)]
        stand = [k for k in listing if neutral.mentions(text, self.standing_of(k))]
        # ("which groups joined the slate": groups on a slate, not the group executive's)
        unsaid = _GROUPS_ASKED.sub("which", text)
        asked = live.intent(unsaid, self._query(unsaid) if unsaid != text else query, known).ballots
        chosen = stand or [k for k in asked if k in listing] or ([] if asked else listing)
        groups = {f"ballot:{k.ballot.name}:standing" for k in chosen}
        said = [p for p in self.index.passages if p.group in groups]
        if not said:
            return found
        sources = tuple(dict.fromkeys(_source(p) for p in said))
        return Answer(" ".join(p.text for p in said), sources, 0.9, False)

    def _closed_first(
        self,
        text: str,
        query: Sequence[str],
        known: Sequence[live.Known],
        now: datetime,
        found: Answer,
    ) -> Answer:
        """A passage on how to vote in a ballot the question names, after that ballot closed
        ("how do I vote in the NEC election?" in June, "will my link still work?" past noon on
        the last day): that it closed, said first, for the how-to is past."""
        if found.handoff or found.confidence >= LIVE:
            return found  # (a date for the moment asked says its own tense)
        named = live.intent(text, query, known).ballots
        if not named or any(now < k.ballot.closes_at for k in named):
            return found
        lowered = found.text.lower()
        if "closed" in lowered or "too late" in lowered:
            return found
        if found.sources and all(s.startswith(self._not_how_to) for s in found.sources):
            return found  # a meeting's decision, a committee, a campaign, the structure: no vote
        clock = Clock(now, self.zone, self.calendar)
        said = " ".join(close_line(clock, k.ballot) for k in named)
        sources = (*(routing.ballot_source(k.ballot) for k in named), *found.sources)
        return dataclasses.replace(
            found, text=f"{said} {found.text}", sources=tuple(dict.fromkeys(sources))
        )

    def _branch_code(self, text: str) -> Answer | None:
        """For "what's the branch code for HMRC Newcastle?" (one branch named, by its title
        or, when its group has no other, by its group's), the name it goes by in commands;
        None for any other question, or one that already uses that name."""
        lowered = normalise(text)
        if not (_CODE_WORD.search(lowered) and _CODE_OF.search(lowered)):
            return None
        pairs = [(g, b) for g in self.content.structure.groups for b in g.branches]
        named = [b for _, b in pairs if re.search(rf"\b{re.escape(normalise(b.title))}\b", lowered)]
        if not named:  # "cabinet office": its one branch, Cabinet Office London
            named = [
                b
                for g, b in pairs
                if len(g.branches) == 1
                and re.search(rf"\b{re.escape(normalise(b.title).rsplit(' ', 1)[0])}\b", lowered)
            ]
        if len(named) != 1 or named[0].name in lowered:
            return None
        group = f"structure:command:{named[0].name}"
        said = [p for p in self.index.passages if p.group == group]
        if not said:
            return None
        return Answer(said[0].text, (_source(said[0]),), LIVE, False)  # (the content's own name)

    def _own_group(self, text: str, found: Answer) -> Answer:
        """A member who names their branch ("I'm at DWP Leeds, whose exec is mine?") and is
        told that each votes for their own group's: which group that is, said after it."""
        if found.handoff or not _OWN_GROUP.search(found.text):
            return found
        lowered = normalise(text)
        named = [
            (b.title, g.title)
            for g in self.content.structure.groups
            for b in g.branches
            if re.search(rf"\b{re.escape(normalise(b.title))}\b", lowered)
        ]
        if len(named) != 1 or named[0][1] in found.text:
            return found
        branch, group = named[0]
        return dataclasses.replace(found, text=f"{found.text} {branch} is a branch of the {group}.")

    async def _by_rules(
        self, text: str, query: list[str], known: list[live.Known], now: datetime
    ) -> Answer:
        want = live.intent(text, query, known)
        if (want.about_ballots or neutral.mentions(text, self._standing)) and live.asks_result(
            text
        ):
            return self.handoff([])  # "who won?", "did they get in?": never a view asked
        if neutral.asks_outcome(text, self._standing):
            return self.handoff([])  # "what share of the vote did X end up with": the count's
        if neutral.is_partisan(text, self._standing):  # "should X be re-elected" judges
            stand = [k for k in known if neutral.mentions(text, self.standing_of(k))]
            return self.neutral(stand or want.ballots, known, now)  # where those named stand
        if want.slot == "result" or (
            want.about_ballots
            and neutral.mentions(text, self._standing)
            and live.slot_of(text) == "result"
        ):
            return self.handoff([])  # results are the independent scrutineer's to announce
        if want.about_ballots and live.kind_of_member(text, self._written.__contains__):
            return self.handoff([])  # the content's one rule on who votes is the join-by
        if want.about_ballots and live.abroad(text):
            return self.handoff([])  # the content says nothing of papers sent abroad
        if want.about_ballots and live.asks_else(text, want.slot) == "check":
            return self.handoff([])  # whether a vote got there, a rule bent: the organisers'
        coded = self._branch_code(text)
        if coded is not None:
            return coded  # "branch code for HMRC Newcastle?": its name in commands
        online = live.by_kind(text, "pack", list(want.ballots or known))
        asked = live.which(want.ballots and online, online, now)

        def foreign() -> bool:  # (worked out only for a way or a kind asked)
            years = years_asked(text, now.date())
            return live.foreign(text, years, known, self.index.postings.keys())

        way = live.asks_way(text, want) and not foreign()
        # (nothing through the door of an online one; not next year's, not a strike's)
        if (
            want.about_ballots
            and not way
            and live.missing_email(text, asked, Clock(now, self.zone, self.calendar))
            and checks.asks(asking_clause(text) or text) not in ("when", "date")
        ):
            return self.handoff([])  # no date or passage mends an email that never came
        guessed = live.link_came(text, want.ballots, known) if want.about_ballots else []
        if guessed:  # the link is the online ballot's, not the postal one guessed
            return self._link_for(guessed, now)
        same = live.asks_same(text, query, known) if want.about_ballots else ()
        if same:  # one ballot or two: each one's kind and close
            moded = self._mode(dataclasses.replace(want, ballots=same), known, now)
            if moded is not None:
                return dataclasses.replace(moded, text=f"They are separate ballots. {moded.text}")
        mode = live.asks_mode(text) or kinds.MODE in kinds.asked(text) or way
        if want.about_ballots and mode and checks.asks(text) not in _DATES:
            if foreign():
                return self.handoff([])  # "is the 2025 NEC ballot postal?": not this one's kind
            moded = self._mode(want, known, now)
            if moded is not None:
                return moded  # by post or online: the ballot's kind, not a day to post by
        if PETITION & set(query) and _COUNT.search(normalise(text)) and self.store:
            counted = await self._petition_count()
            if counted is not None:
                return counted
        stale = live.stale(want, known, now)
        hits = [h for h in self.search(text, query) if h.passage.doc not in stale]
        if want.slot is not None and not focus.wants_link(text):
            dated = self._dated(text, query, want, known, hits, now)
            if dated is not None:
                return dated
        named = {f"ballot:{k.ballot.name}" for k in want.ballots}
        if named:  # another ballot's page does not answer a question about this one
            hits = [h for h in hits if h.passage.kind != "ballot" or h.passage.doc in named]
        found = self._retrieved(text, query, hits, now, named)
        return self._replaced_by(
            text, want, known, now, self._with_dates(text, query, known, now, found)
        )

    def _replaced_by(
        self,
        text: str,
        want: live.Intent,
        known: Sequence[live.Known],
        now: datetime,
        found: Answer,
    ) -> Answer:
        """A passage that tells a member whose paper went wrong to ask for a replacement
        ("… ask for a replacement paper if yours went to the old address"), while a postal
        ballot's deadline for one is ahead: by when, said after it."""
        if found.handoff or want.slot != "replace" or not _ASK_REPLACEMENT.search(found.text):
            return found
        return self._replacement_said(text, want, known, now, found, ahead=True)

    def _replacement_said(
        self,
        text: str,
        want: live.Intent,
        known: Sequence[live.Known],
        now: datetime,
        found: Answer,
        *,
        ahead: bool,
    ) -> Answer:
        """The found passage, then each ballot's replacement line: while the deadline for a new
        paper is `ahead`, or once it has passed (`ahead=False`); the passage alone otherwise."""
        pool = live.by_kind(text, "replace", list(want.ballots or known))
        ballots = live.which(want.ballots and pool, pool, now)
        if not ballots or live.still_useful("replace", ballots, now) != ahead:
            return found
        clock = Clock(now, self.zone, self.calendar)
        said = [(k, line) for k in ballots if (line := said_for("replace", clock, k.ballot, text))]
        if not said:
            return found
        sources = (*found.sources, *(routing.ballot_source(k.ballot) for k, _ in said))
        body = " ".join([found.text, *(line for _, line in said)])
        return dataclasses.replace(found, text=body, sources=tuple(dict.fromkeys(sources)))

    def _with_dates(
        self,
        text: str,
        query: Sequence[str],
        known: Sequence[live.Known],
        now: datetime,
        found: Answer,
    ) -> Answer:
        """For "how do I check the NEC's dates through the bot?", the command that shows them
        (`found`) and then the dates of the ballot named, as /ballot would show them."""
        if found.handoff or not live.sees_dates(text):
            return found
        clock = Clock(now, self.zone, self.calendar)
        lines = [said_for("when", clock, k.ballot, text) for k in live.named(query, known)]
        said = " ".join(line for line in lines if line)
        return dataclasses.replace(found, text=f"{found.text} {said}") if said else found

    def search(self, text: str, query: Sequence[str]) -> list[Hit]:
        """The best passages, with those naming a command the question names ("/ballots")."""
        hits = self.index.search(query)
        found = {h.index for h in hits}
        named = [i for c in focus.commands(text) for i in self.index.commands.get(c, [])]
        extra = [self.index.scored(query, i) for i in dict.fromkeys(named) if i not in found]
        return sorted([*hits, *extra], key=lambda h: (-h.score, h.index))

    # --- ballots ---------------------------------------------------------------------------

    async def _ballots(self) -> list[Ballot]:
        if self.store is None:
            from bot.content.sync import ballot_from_content

            return [ballot_from_content(doc) for doc in self.content.ballots]
        return [b for b in await self.store.ballots.all() if not b.cancelled]

    async def _known(self) -> list[live.Known]:
        found = []
        for ballot in await self._ballots():
            doc = self._docs.get(ballot.name)
            extra = [ballot.name.replace("-", " ")]
            if doc is not None:
                extra += list(doc.keywords)  # not its candidates: "independent" is not a ballot
            url = str(doc.candidates_url) if doc is not None and doc.candidates_url else None
            found.append(live.Known(ballot, live.names_of(ballot.title, extra), url))
        return found

    def _live_wins(
        self, text: str, want: live.Intent, query: Sequence[str], hits: Sequence[Hit], now: datetime
    ) -> bool:
        """Whether a dated question is about a ballot's dates: its other words belong to
        ballots, or (for a precise slot such as the posting day) no other passage explains
        them better."""
        other = {w for w in want.leftover if w in self._own_words} - self._ballot_vocabulary
        if _THIS_YEAR.search(normalise(text)):
            other.discard("year")  # "when's the nec vote this year": the ballots are this year's
        if not other:
            return True
        if want.slot == "when" or not hits:
            return False
        top = hits[0]
        if top.passage.kind == "ballot":
            return True
        if want.slot == "replace" and top.passage.kind == "faq" and not top.passage.dated:
            return True  # how to get a new paper says no deadline's date: the date, then how
        if (
            want.slot == "posting"
            and not top.passage.dated
            and day_named(text, Clock(now, self.zone, self.calendar).today) is not None
        ):
            return True  # "filled it in, can I post it on the 9th?": in time or not, by date
        if self._case_of_entry(text, hits):
            return False  # "moved house end of march … old address": the entry's, not a date
        # in its own words, not members' words for it (an organiser's addition has no other)
        own = self._own[top.index] if top.index < len(self._own) else None
        bag = own if own is not None else set(self.index.bags[top.index])
        covered = self.index.coverage(query, top, own=bag)
        confident = top.score >= MIN_SCORE and covered >= MIN_COVERAGE
        holds = checks.fits(
            text, top.passage.text, top.passage.years, top.passage.dated, now.date(), set()
        )
        if confident and holds and all(w in bag for w in other):
            return False
        # a date of its own for most of what else is asked ("our AGM… how long have we got
        # according to the NEC": the AGM's deadline, not the NEC election's dates)
        return not (
            top.score >= MIN_SCORE
            and holds
            and is_temporal(top.passage.text)
            and self._share(other - self._structure_words, bag) >= OTHER_HELD
        )  # (where the member works, "Cabinet Office London", is not what they ask)

    def _case_of_entry(self, text: str, hits: Sequence[Hit]) -> bool:
        """Whether the member's case is an FAQ entry's own, and the ballot's moment was read
        from what they tell ("the post is a nightmare", "moved house end of march") rather
        than from what they ask (the clause that asks names none, or nothing asks): the entry,
        undated, is far above every ballot's passage (ENTRY_AHEAD) and explains what is asked
        (the whole message when nothing asks). Joining to vote is asked however it is put."""
        clause = asking_clause(text)
        top = hits[0]
        if live.asked_slot(text) == "join":
            return False  # "if she joins this week, can she vote?": joining to vote is asked
        if clause is not None and live.slot_of(clause) is not None:
            return False
        if clause is None and QUESTION_WORDS & set(normalise(text).split()):
            return False  # "when are the papers going out to folks' houses": what asks
        if top.passage.kind != "faq" or top.passage.dated:
            return False
        ballots = [h.score for h in hits if h.passage.kind == "ballot"]
        if ballots and top.score < ENTRY_AHEAD * ballots[0]:
            return False
        asked = self._query(clause) if clause is not None else self._query(text)
        return bool(asked) and self.index.coverage(asked, top) >= MIN_COVERAGE

    def _share(self, terms: Collection[str], bag: Collection[str]) -> float:
        """The idf-weighted share of the terms the bag holds."""
        idf = self.index.idf
        total = sum(idf.get(t, 0.0) for t in terms) or 1.0
        return sum(idf.get(t, 0.0) for t in terms if t in bag) / total

    def _dated(
        self,
        text: str,
        query: Sequence[str],
        want: live.Intent,
        known: Sequence[live.Known],
        hits: Sequence[Hit],
        now: datetime,
    ) -> Answer | None:
        other = live.asks_else(text, want.slot)
        if other == "person" and want.slot == "replace" and _WHOM.search(normalise(text)):
            # whom to reach for a new paper, however the trouble is told: the entry that
            # names whom (no date: "who do we call" is not "by when")
            # (the entry on replacements first, however little the words say: "who i ask
            # for new paper")
            wanted = [*query, stem("replacement")]
            named = self._companion(text, wanted, self.search(text, wanted), always=True, whom=True)
            if named is not None:
                # once the deadline for a new paper has passed, that it has, said after the
                # entry (which alone reads as if there were time)
                found = Answer(named.text, (_source(named),), LIVE, False)
                return self._replacement_said(text, want, known, now, found, ahead=False)
        if other == "check":
            return self.handoff(hits)  # whether a vote arrived: only the scrutineer knows
        if (
            other
            or live.asks_whether(text, want.slot, want.leftover)
            or self._asks_unknown(text)
            or not self._live_wins(text, want, query, hits, now)
            or checks.wants_detail(text)
            or (self._problem(text, want.slot) and not self._none_due(want, known, now))
            or not kinds.dates_answer(text, want.slot)
        ):
            return None  # (a number, an address, a name, a place, a purpose: no date holds it)
        if live.foreign(text, years_asked(text, now.date()), known, self.index.postings.keys()):
            return self.handoff(hits)
        asked_when = checks.asks(text) in ("when", "date")
        told: tuple[live.Known, ...] = ()  # named as done: said after the open ones
        if want.slot in ("status", "over") and live.asks_any_open(text):
            told = want.ballots
            want = dataclasses.replace(want, slot="status", ballots=())  # any, not the one named
        assert want.slot is not None
        clock = Clock(now, self.zone, self.calendar)
        current = any(now < k.ballot.closes_at for k in known)
        if not want.ballots and want.slot in _HOW_TO_SLOTS and not current and not asked_when:
            return None  # no ballot to date: how to get a paper, post it, join is the answer
        pool = live.by_kind(text, want.slot, list(want.ballots or known))
        several = live.several(text)  # ("what ballots are coming up": every one to come)
        ballots = live.in_order(text, live.which(want.ballots and pool, pool, now, several))
        ballots += [k for k in told if k not in ballots]
        if want.slot == "replace" and live.not_come(text, ballots, now):
            want = dataclasses.replace(want, slot="pack")  # not late yet: when packs arrive
        elif want.slot == "replace" and live.email_not_come(text, ballots, now, asked_when):
            want = dataclasses.replace(want, slot="opening")  # "when should the email come?"
        assert want.slot is not None
        lines = [(k, said_for(want.slot, clock, k.ballot, text)) for k in ballots]
        if want.slot in ("status", "over") and not want.ballots and not live.open_now(known, now):
            lines = [(k, none_open(clock, k.ballot)) for k in ballots[:1]]  # "any ballot on?"
            lines += [(k, close_line(clock, k.ballot)) for k in ballots[1:] if several]
        said = [(k, line) for k, line in lines if line]
        if not said:  # no join-by, no replacement (an online ballot): the content cannot say
            lacking = want.slot in ("join", "replace") and (want.ballots or len(pool) < len(known))
            return self.handoff(hits) if lacking else None
        useful = live.still_useful(want.slot, ballots, now)
        # past the replacement deadline, whom to reach is said only when how or whom is asked
        # ("who do I contact for a new paper?"): the organisers may still help
        extra = (
            self._companion(text, query, hits, always=want.slot == "replace" and useful)
            if useful or (want.slot == "replace" and self._how_or_whom(text))
            else None
        )
        body = " ".join(line for _, line in said)
        sources = [routing.ballot_source(k.ballot) for k, _ in said]
        if extra is not None:
            body += " " + extra.text
            sources.append(_source(extra))
        return Answer(body, tuple(dict.fromkeys(sources)), LIVE, False)

    async def live_for(
        self,
        slot: str,
        text: str,
        query: Sequence[str],
        known: Sequence[live.Known],
        now: datetime,
    ) -> Answer | None:
        """The date of the slot the phrasings nearest the question are asked for, for a
        question about a ballot that names no date and that the rules handed off ("is there
        any point any more?"); held to the same checks as a slot the question names."""
        read = live.intent(text, query, known)
        if read.slot is not None or not read.about_ballots:
            return None  # a date the question asks the rules found none for: not another
        if self._problem(text, slot):
            return None
        if slot == "replace" and not kinds.reports_problem(text):
            return None  # "got my paper, what do I do with it?": nothing lost or spoilt
        want = dataclasses.replace(read, slot=slot)
        stale = live.stale(want, known, now)
        hits = [h for h in self.search(text, query) if h.passage.doc not in stale]
        found = self._dated(text, query, want, known, hits, now)
        return None if found is None or found.handoff else found

    @staticmethod
    def _problem(text: str, slot: str | None) -> bool:
        """A problem reported ("my link won't open") and no date asked: no date but a missing
        pack's or a replacement's mends it."""
        return (
            checks.reports_problem(text)
            and slot not in ("pack", "replace")
            and checks.asks(text) not in ("when", "date")
        )

    @staticmethod
    def _how_or_whom(text: str) -> bool:
        """Whether a question asks whom to reach or how to get something ("who do I contact
        for a new paper?", "how do I get a duplicate?"), not how many."""
        return kinds.CONTACT in kinds.asked(text) or bool(_HOW_WAY.search(normalise(text)))

    def _reached(self, text: str, index: int) -> bool:
        """Whether the question asks whom to reach ("who do I phone?") and the passage names
        someone to reach (a helpline, the branch secretary)."""
        return kinds.CONTACT in kinds.asked(text) and kinds.CONTACT in self.index.kinds[index]

    @staticmethod
    def _unreached(query: Sequence[str]) -> list[str]:
        """The query without the ways of reaching someone ("phone", "ring"): a passage that
        names whom to reach answers them, in whatever words."""
        return [t for t in query if t not in _REACHING] or list(query)

    @staticmethod
    def _none_due(want: live.Intent, known: Sequence[live.Known], now: datetime) -> bool:
        """Whether every ballot in view has yet to open ("is the group exec open yet? not had
        anything" before it opens): nothing can be missing yet, so the dates answer."""
        return all(now < k.ballot.opens_at for k in want.ballots or known)

    def _asks_unknown(self, text: str) -> bool:
        """Whether the clause that asks, naming no date of its own, is mostly words the
        content never uses ("the group exec email came from an odd address, is it legit or
        phishing?"): what a ballot's dates do not answer."""
        clause = asking_clause(text)
        if clause is None or live.slot_of(clause) is not None or _CLOCK_SAID.search(clause):
            return False  # ("deadline for a new paper: is that 17:00 or midnight?": the hour)
        said = [self.index.related(stem(self.index.correct(w))) for w in words(clause)]
        said = [s for s in said if s not in MARKERS and not is_chatter(s) and s not in _WORRY]
        unknown = [s for s in said if s not in self._ballot_vocabulary and not self.index.knows(s)]
        return len(unknown) * 2 > len(said) > 0

    def _companion(
        self,
        text: str,
        query: Sequence[str],
        hits: Sequence[Hit],
        always: bool = False,
        whom: bool = False,
    ) -> Passage | None:
        """A passage about voting that answers the rest of a dated question ("who do I
        contact", "do I need a stamp"), said after the date; `always` for a replacement,
        whose how (whom to contact) the date does not say; `whom` when whom to reach for one
        is asked, which only a passage naming someone answers."""
        if not hits or hits[0].passage.kind not in ("faq", "ballot"):
            return None
        top = hits[0]
        reaching = [h for h in hits[:3] if self._reached(text, h.index)]
        if whom:
            reaching = [
                h
                for h in hits[:3]
                if h.passage.kind == "faq" and kinds.CONTACT in self.index.kinds[h.index]
            ]
            if not reaching:
                return None
        if reaching and reaching[0].passage.kind in ("faq", "ballot"):
            top = reaching[0]  # whom to reach asked: the near passage that names someone
        contact = self._reached(text, top.index)
        # (the date says the topic; a replacement's way, asked how, is the entry's to say)
        enough = CONTEXT_COVERAGE if contact or (always and HOW_TO in query) else MIN_COVERAGE
        if top.score < MIN_SCORE or self.index.coverage(self._unreached(query), top) < enough:
            return None
        if (
            not always
            and not contact
            and not re.search(r"\b(how|who|contact|stamp|what do i do)\b", normalise(text))
        ):
            return None
        return top.passage

    def _mode(self, want: live.Intent, known: Sequence[live.Known], now: datetime) -> Answer | None:
        """Whether the ballot asked about is by post or online, and when it closes."""
        clock = Clock(now, self.zone, self.calendar)
        lines, sources = [], []
        for k in live.which(want.ballots, known, now):
            kind = k.ballot.kind
            if kind.postal:
                how = "a postal vote: your ballot paper comes by post to your home address"
            elif kind is BallotKind.ONLINE_ELECTION:
                how = "an online vote: you vote through the personal link emailed to you"
            else:
                return None
            lines += [f"{k.ballot.title} is {how}.", close_line(clock, k.ballot)]
            sources.append(routing.ballot_source(k.ballot))
        if not lines:
            return None
        return Answer(" ".join(lines), tuple(sources), LIVE, False)

    def _link_for(self, guessed: Sequence[live.Known], now: datetime) -> Answer:
        """A voting link that came, said to be for a postal ballot: that one is by post, and
        the link is the online ballot's, with its close."""
        clock = Clock(now, self.zone, self.calendar)
        postal = [k for k in guessed if k.ballot.kind.postal]
        online = [k for k in guessed if not k.ballot.kind.postal]
        lines = [f"{k.ballot.title} is a postal vote: its paper comes by post." for k in postal]
        lines += [
            f"A personal voting link by email is for the {k.ballot.title}, an online vote. "
            + close_line(clock, k.ballot)
            for k in online
        ]
        sources = [routing.ballot_source(k.ballot) for k in [*online, *postal]]
        return Answer(" ".join(lines), tuple(sources), LIVE, False)

    def standing_of(self, k: live.Known) -> list[str]:
        return self._standing_in.get(k.ballot.name, [])

    def neutral(
        self, ballots: Sequence[live.Known], known: Sequence[live.Known], now: datetime
    ) -> Answer:
        clock = Clock(now, self.zone, self.calendar)
        chosen = live.which(ballots, known, now)[:3]
        elections = [k for k in chosen if self._has_candidates(k)]
        questions = [k for k in chosen if not self._has_candidates(k)]
        parts, sources = [], []
        closed = bool(elections) and all(now >= k.ballot.closes_at for k in elections)
        if elections or not questions:
            parts.append(neutral.CLOSED_LEAD if closed else neutral.LEAD)
        for k in elections:
            link = k.candidates_url or k.ballot.info_url
            parts.append(neutral.statements_line(k.ballot.title, link, closed))
            parts.append(close_line(clock, k.ballot))
            sources.append(k.ballot.title + (f" — {link}" if link else ""))
        if len(parts) == 1:
            parts.append("Read each candidate's own statement on the election page and decide.")
        for k in questions:
            parts.append(self._question_facts(clock, k))
            sources.append(routing.ballot_source(k.ballot))
        return Answer(
            " ".join(parts), tuple(sources) or ("The union's election rules",), 0.95, False
        )

    def _has_candidates(self, k: live.Known) -> bool:
        """Whether a ballot elects someone: those standing named, a candidates' page, or an
        election by its kind. An industrial-action or consultative ballot asks a question."""
        doc = self._docs.get(k.ballot.name)
        if doc is None or doc.standing or doc.candidates_url or k.candidates_url:
            return True
        return doc.ballot_kind in ("postal_election", "online_election")

    def _question_facts(self, clock: Clock, k: live.Known) -> str:
        """A question ballot's facts: what it asks (its summary, and any recommendation its
        own page states, never one made up), how it is voted in, and when it closes."""
        doc = self._docs[k.ballot.name]
        said = [f"The {doc.title} {neutral.QUESTION_LEAD}: {doc.summary.strip()}"]
        said += _RECOMMENDED.findall(" ".join(doc.body.split()))
        if k.ballot.kind.postal:
            said.append(
                "It is a postal vote: your ballot paper comes by post to your home address."
            )
        elif k.ballot.kind is BallotKind.ONLINE_ELECTION or doc.posting_days == 0:
            said.append("It is an online vote, through the personal link emailed to you.")
        said.append(close_line(clock, k.ballot))
        if doc.info_url:
            said.append(f"Its page: {doc.info_url}.")
        return " ".join(said)

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
        return Answer(" ".join(lines), tuple(sources), LIVE, False)

    # --- passages --------------------------------------------------------------------------

    def handoff(self, hits: Sequence[Hit]) -> Answer:
        near = tuple(dict.fromkeys(h.passage.source for h in hits[:3]))
        return Answer("", (), 0.0, True, near)

    def _retrieved(
        self,
        text: str,
        query: Sequence[str],
        hits: Sequence[Hit],
        now: datetime,
        ballots: Collection[str] = (),
    ) -> Answer:
        if not hits or hits[0].score < MIN_SCORE:
            return self.handoff(hits)
        if self._unknown_place(text):
            return self.handoff(hits)  # "is there a Local in Aberdeen": the content names none
        asked = years_asked(text, now.date())
        loose, named = self.index.loose(text), self.index.named(query)
        named |= set(ballots) if named else set()  # "is the group exec one postal like the NEC?"
        key = self.index.key_term(query)
        needed = kinds.needed(text)  # where a paper goes, what a thing is for, how long
        focused = focus.focused(text, hits)
        stated: list[Hit] = []
        named_commands = focus.commands(text)  # "can any member run /turnout?": its own entry
        if kinds.PURPOSE in needed:  # "what is it for?": its stated purpose first
            stated = [self.index.scored(query, i) for i in self.index.purposes[hits[0].passage.doc]]
            focused = [*stated, *(h for h in focused if h.index not in {s.index for s in stated})]
        for hit in focused:
            commanded = any(c in hit.passage.text for c in named_commands)
            if hit.score < 0.5 * hits[0].score and hit not in stated and not commanded:
                break  # (a stated purpose, for "what is its job", in whatever words; a command)
            acted = self.acted(text, query, hit.passage)
            if acted is False:
                continue  # how to do another thing ("tell the bot I voted" for "stop reminders")
            reached = self._unreached(query) if self._reached(text, hit.index) else query
            coverage = self._explained(text, reached, hit, loose)
            if hit in stated:  # (its purpose, said in other words than "job" or "role")
                unworded = [t for t in reached if t not in _PURPOSE_WORDS] or list(reached)
                coverage = max(coverage, self._explained(text, unworded, hit, loose))
            defined = focus.says_what(text, hit.passage)  # (what the thing asked is)
            enough = CONTEXT_COVERAGE if acted or defined or commanded else MIN_COVERAGE
            if coverage < enough or not (commanded or self.index.on_topic(query, hit)):
                continue
            if key is not None and hit is not focused[0] and not self.index.holds_term(key, hit):
                continue  # a lesser match missing the question's most telling word
            if named and hit.passage.names and hit.passage.doc not in named:
                continue  # about something else than the thing the question names
            if hit.passage.kind == "structure" and focus.votes_not_structure(text):
                continue  # "I'm HMRC, do I vote for the DWP exec too?": who votes, not where
            if (
                hit.passage.kind == "structure"
                and two_branches(text)
                and not _ONE_BRANCH.search(hit.passage.text)
            ):
                continue  # "can I be in two branches?": the rule on branches, not the list
            if hit.passage.kind == "faq" and checks.undoes_unasked(text, hit.passage.source):
                continue  # "how do I get my data" is not "how do I delete my data"
            if not needed <= self.index.kinds[hit.index]:
                continue  # the topic, not the fact: "PSSEC stands for…" for what it is for
            if kinds.COMMAND_NAME in needed and not kinds.names_asked(text, hit.passage.text):
                continue  # another branch's name, or an example's
            if kinds.REMEDY in self.index.kinds[hit.index] and not kinds.reports_problem(text):
                continue  # what to do if it never came, for "what do I do with my paper?"
            said = together(hit, hits)
            if defined:  # what the thing asked is, before the rest of its group
                said = [hit.passage, *(p for p in said if p is not hit.passage)]
            body = " ".join(trim(p.text, query) for p in said)
            # (the meeting's own date asked: said first, from the report's heading)
            body = self._meeting_dated(text, hit.passage, body)
            if not checks.fits(text, body, hit.passage.years, hit.passage.dated, now.date(), asked):
                if not checks.fits(text, body, hit.passage.years, True, now.date(), asked):
                    continue
            if not (
                checks.dated_near(text, body, query)
                and checks.defines(text, hit.passage.text, hit.passage.source)
                and checks.yes_or_no_fits(query, hit.passage)
            ):
                continue
            confidence = min(0.94, hit.score / (MIN_SCORE * 3)) * coverage
            if commanded:  # (a command named is asked about: its entry says what it does)
                confidence = max(confidence, routing.DOUBT)
            sources = tuple(dict.fromkeys(_source(p) for p in said))
            return Answer(body, sources, round(confidence, 3), False)
        return self.handoff(hits)

    def acted(self, text: str, query: Sequence[str], passage: Passage) -> bool | None:
        """For "how do I stop the reminders?", whether the passage's own question or heading
        says how to do that (True: "How do I stop the ballot reminders?", of a thing the
        question names) or how to do another thing (False: "How do I tell the bot I have
        voted?", which stops them only as a side effect); None when either names no way."""
        asked = kinds.action_asked(text)
        if asked is None:
            return None
        said = kinds.action_of(heading_of(passage))
        if said is None:
            return None
        if said != asked:
            return False if kinds.acts_apart(asked, said) else None
        own = {stem(w) for w in words(heading_of(passage)) if not is_chatter(w)} - MARKERS
        return True if own & (set(query) - {stem(w) for w in words(asked)}) else None

    @staticmethod
    def _meeting_dated(text: str, passage: Passage, body: str) -> str:
        """For "on what date was the meeting that looked at X?", a report's passage on X led
        by its heading, which dates the meeting ("Report from the NEC meeting of 12 November
        2020"); the body as it was for any other question."""
        heading = passage.source.split(":")[0]
        if not (_MEETING.search(normalise(text)) and checks.asks(text) in _DATES):
            return body
        if passage.kind != "report" or not _YEAR.search(heading):
            return body
        return f"{heading}: {body}"

    def _unknown_place(self, text: str) -> bool:
        """Whether the question asks about a place the content never names."""
        return any(
            not all(self.index.knows(stem(w)) for w in words(place)) for place in focus.places(text)
        )

    def _explained(self, text: str, query: Sequence[str], hit: Hit, loose: frozenset[str]) -> float:
        """How much of the question the passage explains; or, when the member says something
        first ("done my group exec vote, how do I stop the reminders"), how much of the
        clause that asks, if the passage also explains a good part of the rest."""
        whole = self.index.coverage(query, hit, loose)
        guessed = _GUESSED.match(normalise(text))
        if whole < MIN_COVERAGE and guessed is not None:
            asked = self._query(guessed.group(1))  # the question, without the member's guess
            if len(asked) >= 2:
                whole = max(whole, self.index.coverage(asked, hit, loose))
        clause = asking_clause(text)
        if whole >= MIN_COVERAGE or whole < CONTEXT_COVERAGE or clause is None:
            return whole
        if len(questions_in(text)) > 1:
            return whole  # the last of several questions is not all that is asked
        asked = self._query(clause)
        if len(asked) < 2:
            return whole
        return max(whole, self.index.coverage(asked, hit, loose))
