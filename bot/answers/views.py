"""Whether a question asks whom to back, learned from the labelled questions: a second
opinion beside the partisan rules (`neutral.is_partisan`), for the shapes they do not know.

The rules were grown one shape at a time from each writer's misses, and every new writer
found a shape they lacked (95-98% of a fresh pair's partisan questions). This check
generalises instead: two stages over the exemplars in `views.json` (every labelled question
of the tuning sets, partisan or not, written by `python -m benchmarks.views`; no held-out
question is among them):

1. words: a logistic model over the question's words, word pairs and letter runs (hashed;
   the names of those standing read as one token), cheap enough for every question; below
   GATE it says no and nothing more is worked out;
2. meaning: the question's sentence embedding against the exemplars' (about 10 ms, so only
   past the gate): the mean similarity of the K nearest partisan exemplars less that of the
   K nearest others must reach MARGIN.

GATE and MARGIN were chosen on leave-one-writer-out folds over every writer
(benchmarks/views.py): the partisan questions the rules miss that it catches, against the
others it would wrongly call partisan. A question that plainly asks a fact
(`neutral._fact_asked`, `neutral.asks_names`) is never partisan by this check.
"""

from __future__ import annotations

import functools
import itertools
import json
import re
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from bot.answers import languages, neutral
from bot.answers.embedding import Embedder, Vectors
from bot.answers.text import clean_question
from bot.core.services import Answer

EXEMPLARS = Path(__file__).parent / "views.json"
BUCKETS = 1 << 15
GATE, MARGIN, K = 0.2, 0.03, 5
# An answer the engine is sure of that is about the election (a date, a passage) is replaced
# only past this margin: a fact about those standing is near the partisan exemplars in
# meaning, since so many of them name the same slates.
SURE = 0.1
# A message the engine would hand off passes the words at this lower gate (the vote in
# meaning at MARGIN still decides): an organiser asked whom to back could say no more than the
# neutral reply. Below it, "none of them impress me - talk me round to one?" was handed off.
HANDED_GATE = 0.1
DOUBT = 0.8  # routing.DOUBT: below it an answer is a guess
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Exemplar:
    text: str
    partisan: bool
    writer: str = ""


def features(text: str, names: Sequence[str]) -> list[str]:
    """Words, word pairs and runs of 3-5 letters of the question as the rules read it, the
    names of those standing one token ("zname")."""
    lowered = neutral._lowered(text)
    for name in sorted(names, key=len, reverse=True):
        lowered = re.sub(rf"\b{re.escape(name)}s?\b", " zname ", lowered)
    said = re.findall(r"[a-z0-9]+", lowered)
    found = [f"w:{w}" for w in said] + [f"b:{a}_{b}" for a, b in itertools.pairwise(said)]
    run = f" {' '.join(said)} "
    for n in (3, 4, 5):
        found += [f"c:{run[i : i + n]}" for i in range(len(run) - n + 1)]
    return found


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode()) % BUCKETS


def _rows(
    texts: Sequence[list[str]], kept: set[str] | None = None
) -> tuple[npt.NDArray[np.intp], npt.NDArray[np.intp], Floats]:
    """Each question's features as (row, bucket, weight), each row of unit length."""
    rows: list[int] = []
    cols: list[int] = []
    for n, found in enumerate(texts):
        said = {_bucket(f) for f in found if kept is None or f in kept}
        rows += [n] * len(said)
        cols += sorted(said)
    r, c = np.array(rows, np.intp), np.array(cols, np.intp)
    counts = np.bincount(r, minlength=len(texts)).astype(np.float64)
    return r, c, 1.0 / np.sqrt(np.maximum(counts[r], 1.0))


def fit(
    exemplars: Sequence[Exemplar], names: Sequence[str], rounds: int = 300
) -> tuple[Floats, float]:
    """The words model's weights and bias: logistic regression (L2, Adam), over the features
    at least two writers used (a writer's own habits do not carry to the next)."""
    said = [features(e.text, names) for e in exemplars]
    writers: defaultdict[str, set[str]] = defaultdict(set)
    for e, found in zip(exemplars, said, strict=True):
        for f in found:
            writers[f].add(e.writer)
    kept = {f for f, w in writers.items() if len(w) >= 2}
    r, c, v = _rows(said, kept)
    y = np.array([e.partisan for e in exemplars], np.float64)
    m, w, b = len(exemplars), np.zeros(BUCKETS), 0.0
    first, second = np.zeros(BUCKETS), np.zeros(BUCKETS)  # Adam's moments, and the bias's
    first_b = second_b = 0.0
    for t in range(1, rounds + 1):
        p = 1.0 / (1.0 + np.exp(-(np.bincount(r, v * w[c], minlength=m) + b)))
        g = (p - y) / m
        gw = np.bincount(c, v * g[r], minlength=BUCKETS) + 1e-4 * w
        gb = float(g.sum())
        first, second = 0.9 * first + 0.1 * gw, 0.999 * second + 0.001 * gw * gw
        first_b, second_b = 0.9 * first_b + 0.1 * gb, 0.999 * second_b + 0.001 * gb * gb
        step = 0.05 * (1 - 0.999**t) ** 0.5 / (1 - 0.9**t)
        w = w - step * first / (np.sqrt(second) + 1e-8)
        b -= step * first_b / (second_b**0.5 + 1e-8)
    return w, b


class Views:
    """The two stages over a set of exemplars (`load`: the shipped ones)."""

    def __init__(
        self,
        exemplars: Sequence[Exemplar],
        weights: Floats,
        bias: float,
        embedder: Embedder | None,
    ) -> None:
        self.exemplars = list(exemplars)
        self.weights, self.bias = weights, bias
        self.embedder = embedder if embedder is not None and embedder.available() else None
        self._partisan = np.array([e.partisan for e in self.exemplars], bool)
        self._vectors: Vectors | None = None  # embedded when first needed

    @classmethod
    def load(cls, embedder: Embedder | None, path: Path = EXEMPLARS) -> Views:
        exemplars, weights, bias = _shipped(path)
        return cls(exemplars, weights, bias, embedder)

    @classmethod
    def fitted(
        cls, exemplars: Sequence[Exemplar], names: Sequence[str], embedder: Embedder | None
    ) -> Views:
        weights, bias = fit(exemplars, names)
        return cls(exemplars, weights, bias, embedder)

    def likely(self, text: str, names: Sequence[str]) -> float:
        """The words model's probability that the question asks whom to back."""
        said = {_bucket(f) for f in features(text, names)}
        if not said:
            return 0.0
        z = float(self.weights[sorted(said)].sum()) / len(said) ** 0.5 + self.bias
        return 1.0 / (1.0 + float(np.exp(-z)))

    def margin(self, text: str) -> float | None:
        """How much nearer in meaning the question is to the partisan exemplars than to the
        others (K nearest of each); None without the model."""
        if self.embedder is None or not self._partisan.any() or self._partisan.all():
            return None
        alike = self.warm() @ self.embedder.question(clean_question(text))
        ours = np.sort(alike[self._partisan])[-K:].mean()
        theirs = np.sort(alike[~self._partisan])[-K:].mean()
        return float(ours - theirs)

    def warm(self) -> Vectors:
        """The exemplars' embeddings, worked out once and kept on disk (`make model` warms
        them, so the first question asked does not)."""
        if self._vectors is None:
            said = [clean_question(e.text) for e in self.exemplars]
            if self.embedder is None:
                return np.zeros((0, 384), np.float32)
            self._vectors = self.embedder.embed(said, keep=True)
        return self._vectors

    def asks_whom(
        self, text: str, names: Sequence[str], least: float = MARGIN, gate: float = GATE
    ) -> bool:
        """Whether both stages say the question asks whom to back (the margin in meaning at
        least `least`, the words past `gate`), and it asks no fact."""
        if self.likely(text, names) < gate:
            return False
        if fact_asked(text, names) or not about_them(text, names):
            return False
        if neutral.disclaims_view(text):
            return False  # (the rules read what is left: "no opinions, just who's best?")
        found = self.margin(text)
        return found is not None and found >= least


# Who stands with whom, which the content says ("are BLN and Independent Left running
# together?", "the same lot?"), and how to stand or nominate: facts, however near in meaning
# to the partisan questions about the same slates.
_WITH_WHOM = re.compile(
    r"\b(together|separate(ly)?|seperate(ly)?|jointly|pact|alliance|on (its|their) own|"
    r"(go|goes|going) it alone|(on|in) a (slate|ticket|team) with|against each other|"
    r"with each other|one slate|separate slates)\b"
)
# Whether one of them stands, what their initials stand for, what a name is ("is that a slate
# or a party?"), who is in a slate
_STANDS = re.compile(
    r"\b(are|is) (they|he|she|it|them|those|these|\w+) (standing|running|in the)\b|"
    r"\b(does|do)( \w+)? (stand for|include|have)\b|\bteam(ed)? up\b|"
    r"\b(is|are) (that|it|this|they|those|these) (a|an) \w+ or (a|an)\b"
)
_STANDING = re.compile(r"\b(run|runs|running|stand|stands|standing|slates?|tickets?)\b")
_SAME_LOT = re.compile(r"\bthe same (lot|slate|people|group|ticket|team)\b")
_TO_STAND = re.compile(r"\b(can|could|how (do|can|could)) (i|we|you|u) (nominate|stand|run)\b")
# Who holds a role now: "who's in charge of pensions on the nec?"
_HOLDS_ROLE = re.compile(
    r"\bwho(s| is| are| was| were)( \w+)? (in charge of|responsible for|heading|chairing|"
    r"(the )?(chair|head|convenor|lead|secretary|officer|contact|rep) (for|of|on))\b"
)

# Whether those standing are members: "are the candidates members of the union" (a fact the
# exemplars of v14, many naming candidates, had brought near the partisan ones).
_MEMBERS = re.compile(
    r"\b(are|is|arent|isnt|r)( all| any of)? (the |all the |them |those |these )?(candidates?|"
    r"nominees?|slates?|they|he|she|them)( all| both| even| actually| really)? (union )?"
    r"(members?|a member) of\b"
    # "is there a candidate who isn't a member?", "any nominees that are not members"
    r"|\b(candidates?|nominees?|anyone standing|someone standing)( who| that)? (is|are|isnt|arent"
    r"|is not|are not|r)( not| even| actually| really)? (a )?(union )?members?\b"
)

# Whom to ask, however judged: "who is best placed to help with my pension query?", "the best
# person to talk to about pay" (not whom to vote for).
_WHOM_TO_ASK = re.compile(
    r"\bbest placed\b|\b(best|right|correct|proper) (person|people|one|contact|rep) (to|for) "
    r"(help|ask|talk|speak|contact|advise|answer|deal|go to|ring|call|e-?mail|message)\b"
    # who helps members, reps or a branch: "who supports new reps in my branch?"
    r"|\bwho (supports|helps|trains|mentors|looks after|backs up) (new |our |my |the |other )?"
    r"(reps?|stewards?|members?|staff|people|branch|branches|officers?|me|us)\b"
    # whom to trust for advice: "who can we trust to give us advice on pensions?"
    r"|\bwho (can|could|should|do) (i|we|you|u|members|people) (trust|rely on|turn to|go to)\b"
    r"(?=[^?.]{0,30}\b(advice|advise|help|answers?|questions?|query|queries|information|info)\b)"
)


# Whether a paper is void or still counts: "I marked one more candidate than allowed, is it
# spoilt?", "does my vote still count?".
_VOID = re.compile(
    r"\b(void|voided|spoilt|spoiled|spoil|spoils|invalid|invalidated?|disqualif\w*|"
    r"(still|not|wont|will not|will it|does it) count(ed)?)\b"
)

# Which ballots are open to the member, a vote already cast done again: "are there any union
# ballots I can vote in right now?", "she clicked the wrong candidate, can she redo it?".
_BALLOTS_OPEN = re.compile(
    r"\b(any|which|what)( \w+)? (ballots?|elections?|votes?|polls?) (can|could|may|do|should) "
    r"(i|we|you|u|members?)( \w+)? (vote|take part|have a say)\b"
)
_VOTE_REDONE = re.compile(
    r"\b(can|could|may)( (i|we|she|he|they|you|u|someone|my \w+))? (redo|re-?do|undo|take back|"
    r"retract|re-?cast|re-?submit|withdraw|change|correct|amend|cancel)"
    r"( (it|that|her|his|my|their|the|a|our) ?(vote|votes|ballot|choice|choices|paper)?)?\b"
)


def fact_asked(text: str, names: Sequence[str]) -> bool:
    """Whether the question plainly asks a fact: the rules' facts (`neutral._fact_asked`,
    `neutral.asks_names`), who stands with whom, how to stand, who holds a role now, whether
    they are members, whom to ask."""
    lowered = neutral._lowered(text)
    rest = " ".join(neutral._unnamed(lowered, names).split())
    if _WITH_WHOM.search(rest) and _STANDING.search(rest):
        return True
    if _SAME_LOT.search(rest) or _TO_STAND.search(rest) or _STANDS.search(rest):
        return True
    if neutral.to_stand(text):
        return True  # the member standing: how or whether
    if _HOLDS_ROLE.search(rest):
        return True  # who holds a role now, not who would do it best
    if _MEMBERS.search(rest) or _WHOM_TO_ASK.search(rest):
        return True  # whether they are members; whom to ask
    if _BALLOTS_OPEN.search(rest) or _VOTE_REDONE.search(rest):
        return True  # which ballots are open; a vote cast done again
    if neutral.met_in_person(rest):
        return True  # a hustings, or one of them asked to come and speak: an event, not a view
    if _VOID.search(rest):
        return True  # whether a paper marked so is void: the rules of the count, not a choice
    if neutral.ASKED_TO_ACT.search(rest):
        return True  # someone asked to do a thing for the member: "can someone fix that"
    if neutral.asks_standing(text, names):
        return True  # on which slate, with whom, for which post: the election notice's list
    if neutral.held_of_them(text, names):
        return True  # what a statement says, the forms it comes in, a site of their own
    return neutral._fact_asked(rest) or neutral.asks_names(text, names)


# Someone a view may be of, without a name or a word for those standing: "who", "which one",
# "them", "that lot", a side or a label ("the lefties").
_SOMEONE = re.compile(
    r"\b(who|whom|whos|whose|whod|wholl|whoever|which|them|they|theyre|theyve|he|she|him|her|"
    r"his|one|ones|anyone|anybody|someone|somebody|lot|sides?|bunch|crowd|camp|lefty|leftie|"
    r"lefties|trots?|tory|tories|moderates?|radicals?|leadership|incumbents?)\b"
)


def about_them(text: str, names: Sequence[str]) -> bool:
    """Whether the question speaks of anyone a view could be of: one of those standing named,
    candidates, slates or factions, the election, or someone asked for ("who", "which one",
    "them"). A question about none of them ("recommend a good book", "is it easier for me")
    asks no view of those standing, however near in meaning to the partisan exemplars."""
    lowered = neutral._lowered(text)
    if neutral.mentions(lowered, names):
        return True
    rest = neutral._unnamed(lowered, names)
    return any(
        found.search(rest)
        for found in (
            neutral._FIELD,
            neutral._IN_VIEW,
            neutral._VOTE_TALK,
            neutral._INTERNAL_IN_VIEW,
            _SOMEONE,
            neutral._WHO_ABROAD,
            neutral._FIELD_ABROAD,
        )
    )


@functools.cache
def _shipped(path: Path) -> tuple[tuple[Exemplar, ...], Floats, float]:
    """The exemplars and the words model, read once a process."""
    data = json.loads(path.read_text(encoding="utf-8"))
    exemplars = tuple(Exemplar(q, bool(p), w) for q, p, w in data["exemplars"])
    return exemplars, np.array(data["weights"], np.float64), float(data["bias"])


def instead(found_views: Views | None, text: str, names: Sequence[str], found: Answer) -> bool:
    """Whether the check gives the neutral answer in place of `found` (not already it): a
    hand-off, a weak answer or one off the election at MARGIN, a sure one about it at SURE."""
    if found_views is None or neutral.is_neutral(found.text) or languages.detect(text) is not None:
        return False  # (the model reads English: another language is glossed, then read)
    said = " ".join([found.text, *found.sources]).lower()
    sure = not found.handoff and found.confidence >= DOUBT and neutral._ELECTION.search(said)
    gate = HANDED_GATE if found.handoff else GATE
    return found_views.asks_whom(text, names, SURE if sure else MARGIN, gate)
