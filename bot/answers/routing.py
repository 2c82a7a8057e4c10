"""The answer the nearest phrasings vote for, when they are near and agree enough.

A passage is chosen among those the phrasings name by their vote and its search score for
the question, if it holds the kind of fact asked; a hand-off and the neutral answer are what
the rules give them. A live date is never the vote's to say: the rules say it for the
moment and the ballot asked (live phrasings still vote, and agree with such an answer).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from bot.answers import checks, focus, kinds, live, neutral
from bot.answers.phrasings import Verdict
from bot.answers.said import trim
from bot.answers.text import years_asked
from bot.core.models import Ballot
from bot.core.services import Answer

if TYPE_CHECKING:
    from bot.answers.engine import ContentAnswerer

# When the phrasings' vote overrules the rules (chosen by leave-one-writer-out
# cross-validation, benchmarks/answers_cv.py): the share of the vote its kind must have, and
# how near the nearest phrasing of that kind must be to hand off an answer the rules gave,
# to answer a question the rules handed off ("rescue"), to answer otherwise than the rules
# ("switch"), to give the neutral answer the rules did not (1.01: never; on the folds it
# lost more than it won). That phrasing must also ask about most of what the question asks
# (COVER of its words, weighted by how rare they are): "how do I become a member" does not
# ride "how do I become a rep", however alike they look.
SHARE, COVER = 0.5, 0.8
LIVE = 0.95  # the rules' answers from the store and the clock (engine.LIVE)
NEAR = {"handoff": 0.5, "rescue": 0.6, "switch": 0.7, "partisan": 1.01}
SEARCH = 0.5  # the search score's weight against the phrasings' vote in choosing a passage
# The vote in meaning (sentence embeddings), asked when the words' vote left the rules'
# answer standing: its kind must have this share of the vote and its nearest phrasing this
# cosine similarity, to answer (a hand-off or another passage) or to hand off; never the
# neutral answer, never a date. Chosen on the folds of the writers the rules were tuned on
# (a-g, c, dev): the strictest point at which none of them lost.
MEANT_SHARE, MEANT_NEAR = 0.7, 0.75
MEANT_KINDS = frozenset({"answer", "handoff"})
# A passage answer below this confidence (its search score and how much of the question it
# explains, or its phrasing's similarity) must have the vote in meaning behind it
# (`unsupported`). Chosen by leave-one-writer-out cross-validation over the 14 writers: at
# 0.8 no fold lost an answer; 0.9 and 0.95 cost some (benchmarks/answers_cv.py).
DOUBT = 0.8
# The words' vote backs such an answer only with its nearest phrasing this alike: below it
# ("can I bring a rep to my review meeting?" riding "ask a colleague to sign the petition")
# the vote in meaning decides alone. 0.45 on every readable writer: 2 hand-offs and 2 fewer
# wrong answers for 1 answer (0.5 lost 10 answers for 5).
WEAK_WORDS = 0.45
# A hand-off the words' vote gives against a passage answer is checked against the vote in
# meaning (`_backs`, an embedding) only when the words' vote is split (below this share)
# and no phrasing labelled a hand-off is the question itself, said alike (SAME).
SPLIT, SAME = 0.8, 0.95
# A hand-off the rules give is answered after all (`_rescued`) when the search's first
# passage scores MARGIN times the next and the vote in meaning is for it first, its nearest
# phrasing at least RESCUE_NEAR alike; not when the words' vote hands off with its nearest
# phrasing FIRM alike.
MARGIN, RESCUE_NEAR, FIRM = 1.25, 0.55, 0.6


def agrees(a: ContentAnswerer, ruled: Answer, verdict: Verdict, titles: dict[str, str]) -> bool:
    """Whether the rules' answer is one the phrasings vote for (`titles`: each ballot's)."""
    if ruled.handoff:
        return verdict.kind == "handoff"
    if verdict.kind == "partisan":
        return neutral.is_neutral(ruled.text)
    if verdict.kind == "live":
        title = titles.get(verdict.outcome.ballot, "\0")
        return any(s.startswith(title) for s in ruled.sources)
    said = [a.index.passages[i].text[:60] for i in verdict.votes]
    return any(part in ruled.text for part in said)


def overrules(ruled: Answer, verdict: Verdict, agreed: bool) -> bool:
    """Whether the vote decides instead of the rules."""
    if agreed or verdict.covers < COVER or verdict.share < SHARE:
        return False
    if ruled.confidence >= LIVE and not ruled.handoff:
        return False  # a date for the moment asked, the neutral answer, a count: the rules'
    if verdict.kind == "live":  # on the folds the vote's dates never beat the rules' (and
        # named the other ballot when the question named one); they may rescue a hand-off,
        # said by the rules for the ballot and the moment asked
        return ruled.handoff and verdict.nearest >= NEAR["rescue"]
    if verdict.kind in ("handoff", "partisan"):
        return verdict.nearest >= NEAR[verdict.kind]
    return verdict.nearest >= NEAR["rescue" if ruled.handoff else "switch"]


def overrules_in_meaning(ruled: Answer, verdict: Verdict, agreed: bool) -> bool:
    """Whether the vote in meaning decides instead of the rules."""
    if agreed or verdict.share < MEANT_SHARE:
        return False
    if verdict.kind == "live":  # the date the nearest in meaning ask for, for a hand-off
        return ruled.handoff and verdict.nearest >= MEANT_NEAR
    if verdict.kind not in MEANT_KINDS:
        return False
    if ruled.confidence >= LIVE and not ruled.handoff:
        return False  # a date for the moment asked, the neutral answer, a count: the rules'
    return verdict.nearest >= MEANT_NEAR


async def arbitrate(
    a: ContentAnswerer,
    ruled: Answer,
    text: str,
    query: Sequence[str],
    known: Sequence[live.Known],
    now: datetime,
) -> Answer:
    """The rules' answer, unless the phrasings' vote in words, or else in meaning,
    overrules it; handed off when too little stands behind it (`unsupported`)."""
    titles = {k.ballot.name: k.ballot.title for k in known}
    verdict = a.phrasebook.vote(text, query)
    found, meant = await _decided(a, ruled, verdict, text, query, known, now, titles)
    if found.handoff or found.confidence >= DOUBT:
        return found
    if meant is None:  # worked out (about 10 ms) only for a weak answer
        meant = a.phrasebook.meant(text, query)
    if meant is None:
        return found
    words = verdict is not None and agrees(a, found, verdict, titles)
    words = words and verdict is not None and verdict.nearest >= WEAK_WORDS
    in_meaning = agrees(a, found, meant, titles) or kin(a, found, meant)
    if words and _elsewhere(found, verdict, meant, in_meaning):
        switched = await routed(a, meant, text, query, known, now)
        if switched is not None and not _loses_command(text, found, switched):
            a.overruled, a.meant = a.overruled + 1, a.meant + 1
            return switched
    factual = neutral.asks_names(text, [n for k in known for n in a.standing_of(k)])
    if unsupported(found, words, meant, in_meaning, factual):
        a.doubted += 1
        return a.handoff(a.search(text, query))
    return found


def kin(a: ContentAnswerer, answer: Answer, meant: Verdict) -> bool:
    """Whether a passage answer no phrasing answers with (content newer than the phrasings,
    which no vote can name) is under the heading of the passage the vote in meaning puts
    first: the vote is for that heading, and cannot be for this passage."""
    if meant.kind != "answer" or not meant.votes:
        return False
    first = a.index.passages[max(meant.votes, key=lambda i: (meant.votes[i], -i))]
    return any(
        i not in a.voted and p.source == first.source and p.text[:60] in answer.text
        for i, p in enumerate(a.index.passages)
    )


def _elsewhere(answer: Answer, verdict: Verdict | None, meant: Verdict, in_meaning: bool) -> bool:
    """Whether a weak passage answer the words' vote backs (as one of the passages it votes
    for) is another passage's in meaning, by the vote in meaning's own standard."""
    return (
        verdict is not None
        and verdict.kind == meant.kind == "answer"
        and overrules_in_meaning(answer, meant, in_meaning)
    )


async def _decided(
    a: ContentAnswerer,
    ruled: Answer,
    verdict: Verdict | None,
    text: str,
    query: Sequence[str],
    known: Sequence[live.Known],
    now: datetime,
    titles: dict[str, str],
) -> tuple[Answer, Verdict | None]:
    """The answer the rules and the votes give, with the vote in meaning if it was asked."""
    agreed = verdict is not None and agrees(a, ruled, verdict, titles)
    if (
        verdict is not None
        and overrules(ruled, verdict, agreed)
        and not _other_figure(a, text, query)
    ):
        split = verdict.share < SPLIT and verdict.nearest < SAME
        if verdict.kind == "handoff" and not ruled.handoff and split:
            if _nearest_backs(a, ruled, text, query, titles):
                return ruled, None  # split, and the one phrasing most like it is answered so
            meant = a.phrasebook.meant(text, query)
            if meant is not None and _backs(a, ruled, meant, titles):
                return ruled, meant  # the words' vote hands off, the vote in meaning backs it
        found = await routed(a, verdict, text, query, known, now)
        if found is not None and not _loses_command(text, ruled, found):
            a.overruled += 1
            return found, None
    if not ruled.handoff and (agreed or ruled.confidence >= LIVE):
        return ruled, None  # the words' vote agrees, or a live answer: the embedding (about
        # 10 ms) is worked out only for a question it may change
    if ruled.handoff and agreed and (_held_firmly(verdict) or _top_alone(a, text, query) is None):
        return ruled, None  # a hand-off the words' vote is for, and no passage stands out
    meant = a.phrasebook.meant(text, query)
    if meant is None or not overrules_in_meaning(ruled, meant, agrees(a, ruled, meant, titles)):
        found = _rescued(a, ruled, meant, text, query, now) if meant is not None else None
        return found or ruled, meant
    found = await routed(a, meant, text, query, known, now)
    if found is not None and _loses_command(text, ruled, found):
        found = None
    a.overruled += found is not None
    a.meant += found is not None
    return found or ruled, meant


def _loses_command(text: str, ruled: Answer, found: Answer) -> bool:
    """Whether a vote would put a passage without the command the question names ("can I use
    /mydata in our channel?") in place of the rules' passage that has it."""
    named = focus.commands(text)
    return (
        bool(named)
        and not ruled.handoff
        and any(c in ruled.text for c in named)
        and not any(c in found.text for c in named)
    )


def _held_firmly(verdict: Verdict | None) -> bool:
    """Whether the words' vote hands off as firmly as it would overrule an answer."""
    return verdict is not None and verdict.kind == "handoff" and verdict.nearest >= FIRM


def _top_alone(a: ContentAnswerer, text: str, query: Sequence[str]) -> int | None:
    """The passage the search puts first, far ahead of any other (MARGIN times the next
    score): the one the question can only be about, if any."""
    hits = a.search(text, query)
    if not hits or hits[0].score < 1.0:  # (engine.MIN_SCORE)
        return None
    if len(hits) > 1 and hits[1].score * MARGIN > hits[0].score:
        return None
    return hits[0].index


def _rescued(
    a: ContentAnswerer,
    ruled: Answer,
    meant: Verdict,
    text: str,
    query: Sequence[str],
    now: datetime,
) -> Answer | None:
    """A hand-off answered after all when two things that read the question differently
    agree on one passage: the search puts it far ahead of any other, and the vote in meaning
    is for it first ("Dear Sir, I should like to know what information this service holds
    about me": words the content never uses weaken the match, not what it is about). Held to
    the passage's own checks (the kind of fact asked, what fits)."""
    if not ruled.handoff or meant.kind != "answer" or meant.share < MEANT_SHARE:
        return None
    if a.refuses(text):
        return None  # a result, another country, a rule bent: never a passage's
    if meant.nearest < RESCUE_NEAR or not meant.votes:
        return None
    top = _top_alone(a, text, query)
    first = max(meant.votes, key=lambda i: (meant.votes[i], -i))
    if top is None or top != first:
        return None
    alone = Verdict(meant.outcome, "answer", meant.nearest, 1.0, {first: 1.0}, meant.covers)
    return _passage(a, alone, text, query, now)


_FIGURES = ("how much", "how many")


def _other_figure(a: ContentAnswerer, text: str, query: Sequence[str]) -> bool:
    """Whether the phrasing labelled a hand-off nearest the question asks for a figure the
    question does not ("how much did each branch get for a Zoom AGM" against "is there money
    for Zoom AGMs"): handed off for a figure the content lacks, it says nothing of this one."""
    asked = checks.asks(text)
    for _, i in a.phrasebook.nearest(text, query):
        if a.phrasebook.outcomes[i].kind == "handoff":
            theirs = checks.asks(a.phrasebook.texts[i])
            return theirs in _FIGURES and asked not in _FIGURES
    return False


def _nearest_backs(
    a: ContentAnswerer, answer: Answer, text: str, query: Sequence[str], titles: dict[str, str]
) -> bool:
    """Whether the single phrasing most like the question, nearer than any labelled a
    hand-off, is answered by the answer given ("is there money for zoom AGMs" is "will
    branches get money for zoom AGMs", not "how much money…")."""
    near = a.phrasebook.nearest(text, query)
    if not near:
        return False
    sim, first = near[0]
    outcome = a.phrasebook.outcomes[first]
    if outcome.kind != "answer" or any(
        s >= sim and a.phrasebook.outcomes[i].kind == "handoff" for s, i in near
    ):
        return False
    alone = Verdict(outcome, "answer", sim, 1.0, dict.fromkeys(outcome.passages, 1.0), 1.0)
    return agrees(a, answer, alone, titles)


def _backs(a: ContentAnswerer, answer: Answer, meant: Verdict, titles: dict[str, str]) -> bool:
    """Whether the vote in meaning, by its own standard, is for the answer given."""
    return (
        meant.kind == "answer"
        and meant.share >= MEANT_SHARE
        and meant.nearest >= MEANT_NEAR
        and agrees(a, answer, meant, titles)
    )


def unsupported(
    answer: Answer, words: bool, meant: Verdict, in_meaning: bool, factual: bool = False
) -> bool:
    """Whether a weak passage answer (confidence below DOUBT) has too little behind it: the
    vote in meaning does not agree with it and either prefers another passage or, when the
    words' vote does not agree either, anything but the neutral answer (a partisan question
    is never handed off), unless the question asks only the names of those standing
    (`factual`, neutral.asks_names)."""
    if answer.handoff or answer.confidence >= DOUBT or in_meaning:
        return False
    if words:  # another passage in meaning, by the vote in meaning's own standard
        return meant.kind == "answer" and meant.nearest >= MEANT_NEAR
    return meant.kind != "partisan" or factual


async def routed(
    a: ContentAnswerer,
    verdict: Verdict,
    text: str,
    query: Sequence[str],
    known: Sequence[live.Known],
    now: datetime,
) -> Answer | None:
    kind = verdict.kind
    if kind == "handoff":
        return a.handoff(a.search(text, query))
    if kind == "partisan":
        standing = [k for k in known if neutral.mentions(text, a.standing_of(k))]
        return a.neutral(standing or list(live.intent(text, query, known).ballots), known, now)
    if kind == "live":  # the rules say it, for the moment and the ballot asked
        return await a.live_for(verdict.outcome.slot, text, query, known, now)
    return _passage(a, verdict, text, query, now)


def ballot_source(ballot: Ballot) -> str:
    return ballot.title + (f" — {ballot.info_url}" if ballot.info_url else "")


def _passage(
    a: ContentAnswerer, verdict: Verdict, text: str, query: Sequence[str], now: datetime
) -> Answer | None:
    if not verdict.votes:
        return None
    most = max(verdict.votes.values())
    scored = {i: a.index.scored(query, i).score for i in verdict.votes}
    top = max(scored.values()) or 1.0
    best = max(
        verdict.votes, key=lambda i: (verdict.votes[i] / most + SEARCH * scored[i] / top, -i)
    )
    passage = a.index.passages[best]
    if not kinds.needed(text) <= a.index.kinds[best]:
        return None  # the topic, not the fact asked (where a paper goes, what it is for)
    if passage.kind == "faq" and checks.undoes_unasked(text, passage.source):
        return None  # "how do I see my data" is not "how do I delete my data"
    if a.acted(text, query, passage) is False:
        return None  # how to do another thing than the question asks how to do
    body = trim(passage.text, query)
    asked = years_asked(text, now.date())
    if not checks.fits(text, body, passage.years, passage.dated, now.date(), asked):
        return None  # the kind of fact asked (a count, a date, a name) is not in it
    if not checks.dated_near(text, body, query):
        return None  # a time said of another thing ("recommendations come to the next NEC"
        # for "when are the claims settled")
    source = passage.source + (f" — {passage.link}" if passage.link else "")
    return Answer(body, (source,), round(min(verdict.nearest, 0.94), 3), False)
