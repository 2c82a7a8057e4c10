"""What a question is about, before the passages are ranked: who is asking and where they
work (not the topic), whether it wants a link, the union's structure, or a kind of document.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from bot.answers import checks, live
from bot.answers.index import Hit
from bot.answers.memo import of_question
from bot.answers.text import STOP, asking_clause, normalise, stem, words
from bot.content.passages import Passage

# "I'm in DWP Leeds", "new starter at HMRC Newcastle": where the member is, not what they ask
# (unless they ask which group or branch that is).
SELF = re.compile(
    r"\b(im|i am|i work|were|we are|based|starter|started|joined|transferred|member)\s+"
    r"(?:(?:new|now|just|currently|working|based|still)\s+)?"
    r"(in|at|for|from|to|of|with)\s+((?:[a-z]+\s*){1,4})"
)
# "As branch chair, how do I see our turnout?": who is asking, not what they ask; so is
# where ("as a home office member, …": `where`, kept only when the union's structure names it).
AS_ROLE = re.compile(
    r"\bas (a |an |the |our |your |my )?(branch |group )?(?P<where>(?:[a-z]+ ){1,3}?)??"
    r"(chair\w*|secretary|rep|steward|officer|organiser|member)\b"
)
# "How do I vote for the HMRC group exec?": the group named before its own election, which the
# group elections' passage covers for every group.
GROUPS_OWN = re.compile(
    r"\b(vote|voting|cast)\b[^?.]{0,25}?\b(for|in|on) (the |my |our )?"
    r"(?P<name>(?:[a-z]+ ){1,3}?)group (exec\w*|elections?|ballots?)\b"
)
# "What do I do with the paper once it lands on my doormat?", "… once I've filled it in?",
# "never voted by post before, …": when the member will ask, or that they never have; what
# to do with the thing is asked, so these words are told, not searched for.
_DOING_WITH = re.compile(r"\bwhat (do|should|shall|must|would) (i|we|you) (\w+ )?do with\b")
_TOLD_WHEN = re.compile(
    r"\b(once|when|after|as soon as) (it|they|its|mine|(i|ive|i have|youve) (\w+ )?(filled|"
    r"marked|done|completed|ticked))( \w+){0,3}? (lands?|arrives?|comes?|turns? up|gets? "
    r"here|in|out|it|them)\b(( on| through| in)( my| the)? (doormat|door|letterbox|post))?"
)
# (of "never voted by post before", "first time doing this", only the words of never having:
# what they never did may be all that names the thing)
_NEVER_BEFORE = re.compile(r"\b(never)\b(?= (\w+ ){1,6}(before)\b)|\b(first time)\b")
_NEVER_WORDS = frozenset({"never", "before", "first", "time"})


def told_when(text: str) -> set[str]:
    """The words that say when the member will ask what to do with a thing, or that they
    never have ("once it lands on my doormat", "never voted by post before"), in a question
    asking what to do with it: told, not asked."""
    lowered = normalise(text)
    if not _DOING_WITH.search(lowered):
        return set()
    told = {w for m in _TOLD_WHEN.finditer(lowered) for w in m.group().split()}
    if _NEVER_BEFORE.search(lowered):
        told |= _NEVER_WORDS
    # (and, so told, "what do I do" is no "what can I do": the thing's use, not a campaign's)
    return told | {"todo"} if told else told


# "What groups does the union have?", "list the branches": the union's structure (not "am I
# voting for all of the groups?", who votes for what).
_LISTS_STRUCTURE = re.compile(
    r"\b(what|which|how many|list|(?<!for )all)\b[^?.]{0,20}\b(groups|branches)\b"
)
# (not "every groups exec", a group's own executive or election as written without its
# apostrophe)
ABOUT_STRUCTURE = re.compile(
    r"\b(which|what) (group|branch)|\bbranches\b|"
    r"\bgroups\b(?! (exec|executive|election|vote|ballot)s?\b)"
)
# "The committee", "the campaign": a document of that kind, when the content has one near.
_KIND_NAMED = re.compile(
    r"\b(the|this|that|your|our) ((?!(executive|nec|group|national|campaign|committee)\b)"
    r"[a-z]+ )?(?P<kind>campaign|committee)s?\b(?! (elections?|members?)\b)"
)

# "Link for requesting a replacement paper?", "is there a web page about replacements I can send
# on?": the page, not the deadline.
_LINK_ASKED = re.compile(
    r"(^(the |a )?|\b(where|what|whats|wheres|send|give|need|get|want|share|is there|any)\b"
    r"[^?.]{0,25})"
    r"\b(link|url|web ?page|website|page|form) (for|to|about|on)\b|\b(link|url|website)\s*\??\s*$|"
    r"\bwhere\b[^?.]*\b(link|url|website|web ?page|form)\b"
)


def wants_link(text: str) -> bool:
    return bool(_LINK_ASKED.search(normalise(text))) and checks.asks(text) not in ("when", "date")


# The words that ask for a page, not what it is about.
_PAGE_WORDS = frozenset(stem(w) for w in "link url website web page form site".split())


def _address(link: str | None) -> set[str]:
    """The words of a page's address after its host ("/elections/replacement-papers")."""
    if not link:
        return set()
    path = re.sub(r"^[a-z]+://[^/]+", "", link.lower())
    return {stem(w) for w in re.findall(r"[a-z]+", path)}


def of_link(text: str, hits: Sequence[Hit]) -> Sequence[Hit]:
    """A page asked for ("is there a page about getting replacement papers?"): among the hits
    near the first, those whose own page's address names most of what the page is asked
    about come first (the replacement papers' page, not the election's page that every
    passage of the ballot links to)."""
    if not hits or not wants_link(text):
        return hits
    about = {stem(w) for w in words(text) if w not in STOP} - _PAGE_WORDS
    named = {h.index: len(about & _address(h.passage.link)) for h in hits}
    near = [h for h in hits if h.score >= 0.5 * hits[0].score and named[h.index]]
    near.sort(key=lambda h: -named[h.index])
    return [*near, *(h for h in hits if h not in near)]


def votes_not_structure(text: str) -> bool:
    """A question about voting that does not ask which group or branch there is: the
    union's list of groups does not answer it, whatever groups it names."""
    lowered = normalise(text)
    return (
        live.about(text)
        and not _LISTS_STRUCTURE.search(lowered)
        and not re.search(r"(which|what) (group|branch)", lowered)
    )


# "Which departments have their own group?": the groups listed, one per department, however
# well one group's title matches the word "department".
_LISTS_DEPARTMENTS = re.compile(
    r"\b(what|which|how many|list|all)\b[^?.]{0,20}\b(departments|employers|depts)\b"
)


# "Which groups is the union organised into?": the groups by name, not how groups work.
_WHICH_GROUPS = re.compile(r"\b(what|which)( \w+)? groups\b")


def of_structure(text: str, hits: Sequence[Hit]) -> Sequence[Hit]:
    """A question listing the groups or branches is about the structure, not a ballot; one
    listing the departments that have a group, the list of groups first."""
    lowered = normalise(text)
    departments = bool(_LISTS_DEPARTMENTS.search(lowered) or _WHICH_GROUPS.search(lowered))
    if not hits or not (_LISTS_STRUCTURE.search(lowered) or departments) or live.about(text):
        return hits
    kept = [h for h in hits if h.passage.kind == "structure" and h.score >= 0.5 * hits[0].score]
    if departments:
        kept.sort(key=lambda h: not h.passage.group.endswith(":all"))
    return kept if kept else hits


def of_kind_named(text: str, hits: Sequence[Hit]) -> Sequence[Hit]:
    found = {m.group("kind") for m in _KIND_NAMED.finditer(normalise(text))}
    if len(found) != 1:
        return hits
    near = [h for h in hits if h.score >= 0.5 * hits[0].score]
    kept = [h for h in near if h.passage.kind in found]
    return kept if kept else hits


_COMMAND = re.compile(r"(?<![\w/])/[a-z]+\b")


def commands(text: str) -> list[str]:
    """The bot's commands a question names: "what does /ballots do?"."""
    return list(dict.fromkeys(_COMMAND.findall(text.lower())))


_POLITE = frozenset("pls please plz thanks thank ta hi hey hello bot again".split())


def spelled(text: str, known: Collection[str]) -> str | None:
    """A command said as words and nothing else besides small words ("who am i?": /whoami,
    "my data pls": /mydata), among the `known` commands ("/whoami")."""
    said = re.findall(r"[a-z]+", normalise(text))
    for size in (3, 2):
        for start in range(len(said) - size + 1):
            command = "/" + "".join(said[start : start + size])
            rest = said[:start] + said[start + size :]
            if command in known and all(w in STOP or w in _POLITE for w in rest):
                return command
    return None


# "Posted mine", "voted!", "done my nec vote": the member says they voted and asks nothing;
# telling the bot is /voted.
_DONE = re.compile(
    r"^((i|ive|i have|just|already|finally|all|now) )*"
    r"((posted|voted|sent|returned)( (it|mine))?|(posted|voted|sent|returned|done|did) "
    r"(it|mine|my (\w+ ){0,3}(vote|ballot|paper)s?|(the|my|our) (\w+ ){0,2}(vote|ballot|paper)s?))"
    r"( (off|back|in|today|yesterday|now|already|earlier|this morning|at last))*\s*[.!]*$"
)


# A place the question asks about: a capitalised name after "in", "at"…, or a town written in
# lower case ("a Local in Aberdeen", "any branch in sheffield").
_PLACE_NAMED = re.compile(r"\b(?:in|at|near|around|from|for|of) ((?:[A-Z][a-z]+)(?: [A-Z][a-z]+)?)")
_TOWNS = re.compile(
    r"\b(?:in|at|near|around|from|for|of) (aberdeen|dundee|edinburgh|inverness|stirling|perth|"
    r"belfast|derry|swansea|newport|bristol|bath|exeter|plymouth|cardiff|birmingham|coventry|"
    r"leicester|nottingham|derby|sheffield|manchester|salford|bolton|preston|blackpool|"
    r"lancaster|york|hull|bradford|wakefield|huddersfield|sunderland|durham|middlesbrough|"
    r"carlisle|norwich|ipswich|cambridge|oxford|reading|southampton|portsmouth|brighton|"
    r"croydon|luton|peterborough|lincoln|stoke|wolverhampton|doncaster|bangor|wrexham)\b"
)
_NOT_PLACES = frozenset(
    "I January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Christmas Easter".split()
)


def places(text: str) -> list[str]:
    """The places a question's asking clause names (lower case)."""
    clause = asking_clause(text) or normalise(text)
    found = [
        m.group(1).lower()
        for m in _PLACE_NAMED.finditer(text)
        if not set(m.group(1).split()) & _NOT_PLACES
    ]
    found += [m.group(1) for m in _TOWNS.finditer(normalise(text))]
    return [p for p in dict.fromkeys(found) if re.search(rf"\b{re.escape(p)}\b", clause)]


# "Just signed the fair pay petition, do I need to tell anyone?": how a signature is told,
# which /signed is (not the campaign's "tell your branch when you have").
_SIGNED = re.compile(r"\b(signed|done) (the |my |our )?(\w+ ){0,3}petition\b")
_TELL = re.compile(
    r"\b(tell|let (\w+ ){1,2}know|record|counted|anything else|what now|is that it)\b"
)


def told_signed(text: str) -> str | None:
    """The message with /signed named, for one that says the member signed the petition and
    asks whether or how to tell anyone."""
    lowered = normalise(text)
    if _SIGNED.search(lowered) and _TELL.search(lowered) and "/signed" not in lowered:
        return f"{text} /signed"
    return None


# The bot's own record of the member's branch, said to be wrong or out of date ("the bot thinks
# i'm still in my old branch, I moved last month", "you've got me down in Leeds"): what /whoami
# shows, not a change of home address ("moved" alone reads as one).
_HOLDER = re.compile(
    r"\b(the bot|bot|bots|you|youve|whoami|it|your (records?|system|list))( still| now| wrongly)?"
    r"( (has|have|got|thinks?|reckons?|believes?|says?|shows?|lists?|puts?|keeps?|holds?|"
    r"records?|is|s)\b){1,2}"
)
_OF_ME = re.compile(
    r"^[^.!?;]{0,60}?\b(me (down )?(in|as|at|under)|(me|my|im|i am) (\w+ ){0,3}branch)\b"
    r"(?! (meeting|rep|secretary|chair|officer|news|channel|email|page|event|social)s?\b)"
)


# The bot reaching the member, not holding a record of them: "keeps pinging me at 0300",
# "sends me reminders in the night".
_REACHES_ME = re.compile(
    r"\b(ping\w*|messag\w*|remind\w*|send\w*|sent|text\w*|nag\w*|wak\w*|notif\w*|buzz\w*|"
    r"spam\w*|bother\w*|disturb\w*|alert\w*|email\w*|dm\w*|chas\w*|hound\w*)\b"
)


# "Delete everything it holds on me", "wipe what you have on me": the record erased, which
# /forget does, not what /whoami says of it.
_ERASED = re.compile(
    r"\b(delete[ds]?|deleting|erased?|erasing|wiped?|wiping|removed?|removing|forget|forgotten|"
    r"scrub(bed)?)\b"
)


# "bot reckons im dwp leeds. im in croydon. who sorts that", "whoami says hmrc-newcastle,
# i'm nowhere near. fix?": what the bot says the member is, and who puts it right (not a
# vote, a signature, a subscription or a link it says the member has or has not made).
_SAYS_I_AM = re.compile(
    r"\b(the bot|bot|whoami|you|it)( still)? (says?|reckons?|thinks?|shows?|lists?|has) "
    r"(i am|im|me as|me at|me in|me) (?!(not|voted|signed|subscribed|registered|linked|down as)\b)|"
    r"\bwhoami( still)? (says?|shows?|lists?|has|gives)\b"
)
_WHO_FIXES = re.compile(
    r"\bwho (\w+ )?(sorts?|fix(es)?|changes?|corrects?|updates?|amends?) (that|it|this|them)\b|"
    r"\bfix( (that|it|this))?\W*$|\bhow (do|can) i (fix|change|correct|update) (that|it|this)\b"
)


def own_record(text: str) -> str | None:
    """What /whoami says of the member's branch, for a message that says the bot holds it
    (wrongly, or from before a move)."""
    lowered = normalise(text)
    if _ERASED.search(lowered):
        return None
    if _SAYS_I_AM.search(lowered) and _WHO_FIXES.search(lowered):
        return "what does /whoami say about my branch, it is wrong"
    holder = _HOLDER.search(lowered)
    if holder is None or (holder.group(1) == "it" and "bot" not in lowered):
        return None
    of_me = _OF_ME.search(lowered[holder.end() :])
    if of_me is None or (of_me.group(3) == "as" and "branch" not in lowered):
        return None  # "the bot has me down as voted": another record than the branch
    if _REACHES_ME.search(lowered[holder.end() : holder.end() + of_me.start(1)]):
        return None  # "the bot keeps pinging me at 3am": it reaching the member, no record
    return "what does /whoami say about my branch, it is wrong"


# "Do I vote for every group's exec or just mine?", "the whole union's execs or only the HMRC
# one?": which group executive a member votes for (their own group's), whatever group or
# department is named beside it; not the NEC's or the president's ballot.
_EVERY = re.compile(r"\b(every|everyones?|everybodys?|all|each|whole|other|another|any)\b")
_ONLY = re.compile(r"\b(just|only|jist|mine|my own|ours|our own)\b")
# ("for group election i vote all groups or only home office": the group one, by its name)
_EXEC = re.compile(r"\bexec(s|utives?)?\b|\bgroups? (election|elections|ballot|ballots|vote)\b")
_VOTE = re.compile(r"\b(vote|votes|voting|ballot)\b")
_NATIONAL = re.compile(r"\b(nec|national|president|presidential|pres)\b")


def every_exec(text: str) -> str | None:
    """The question of which group's executive a member votes for, for a message that asks
    whether it is every group's or only the member's own."""
    lowered = normalise(text)
    if _NATIONAL.search(lowered) or " or " not in f" {lowered} ":
        return None
    if all(p.search(lowered) for p in (_EVERY, _ONLY, _EXEC, _VOTE)):
        return "do i vote for every group's exec or only mine"
    return None


def told_voted(text: str) -> str | None:
    """ "/voted" for a message that only says the member voted."""
    return "/voted" if _DONE.match(normalise(text).strip()) else None


def of_command(text: str, hits: Sequence[Hit]) -> Sequence[Hit]:
    """The passages that name the command the question names, if any was found."""
    named = commands(text)
    if not named:
        return hits
    kept = [h for h in hits if any(c in h.passage.text for c in named)]

    def first(hit: Hit) -> int:  # "Type /ballots…" explains it; "…/ballots shows…" mentions it
        return min(hit.passage.text.find(c) for c in named if c in hit.passage.text)

    return sorted(kept, key=first) if kept else hits


# "What are union Locals?", "what are these Locals the union is setting up?": what a thing
# is, asked in a sentence of its own, the thing perhaps told more of after it.
# Said after something else in the same sentence ("sorry if this is a daft one, what's a
# group?", "silly one but what is …"), in quotes
# ("what's a union "Local"?"), with "even", what it is "supposed to be" or "short for", where
# it is ("in the union"), and an aside after it ("… like is it per department", "sorry im
# new"): still what the thing is.
_WHAT_IS = re.compile(
    r"^([^?]{0,60}?([,;:]| but| so) )?"
    r"(what is|what are|whats|what does|(wat|wot|what)( even| actually| exactly| really)? "
    r"(is|are|does)) (the |a |an |these |those |union )*(?P<x>[a-z]{2,12})"
    r"( stands? for| short for| means?| supposed to be| meant to be| actually| even| exactly)*"
    r"( (in|within|inside) (the|a|our|this) (union|report|ballot|election|bot))?"
    r"( (the|that|which|you|they|we|people|everyone|some\w*|my|our)\b[^?]*|"
    r",? (like|i mean|is it|or|as in)\b[^?]*| (sorry|im new|thanks|cheers|please)\b[^?]*)?"
    r"\s*\??$"
)
_SENTENCE = re.compile(r"[^?.!]+[?.!]?")
_QUOTES = re.compile("[\"'‘’“”]")


def _defined(text: str) -> re.Match[str] | None:
    """The thing a sentence of the question asks what it is, if one does."""
    for sentence in _SENTENCE.findall(_QUOTES.sub("", normalise(text))):
        found = _WHAT_IS.match(sentence.strip())
        if found:
            return found
    return None


@of_question
def _says(text: str) -> re.Pattern[str] | None:
    """What a passage that says what the thing asked is reads like, if a thing is asked."""
    found = _defined(text)
    if found is None:
        return None
    x = found.group("x")
    # (a gloss in brackets: "organised in groups (one per department or employer)")
    return re.compile(
        rf"\b{x}s?(\s+(stands? for|means?|is an?|are an?)\b|['’]s purpose|"
        rf" \((one|each|every|usually|such as|like|e\.g\.|i\.e\.)\b)|"
        rf"^[^:]*\b{x}s?\b[^:]*: {x}s?\b",
        re.I,
    )


def says_what(text: str, passage: Passage) -> bool:
    """Whether the passage says what the thing the question asks about is ("what are these
    Locals they're setting up?": "Union Locals: Locals bring…"), so that the words told
    after the thing need not be in it."""
    says = _says(text)
    return says is not None and bool(says.search(passage.text))


def of_definition(text: str, hits: Sequence[Hit]) -> Sequence[Hit]:
    """ "What is the PSSEC?": the passages that say what it is ("PSSEC stands for…", "the
    PSSEC's purpose", a report item's own summary under its title: "Union Locals: Locals
    bring…", not what was decided about it) first, among those that match about as well."""
    says = _says(text)
    if says is None or not hits:
        return hits
    top = hits[0].passage.group  # (of the item found first, however its words weigh)
    near = [
        h
        for h in hits
        if (h.score >= 0.8 * hits[0].score or h.passage.group == top)
        and says.search(h.passage.text)
    ]
    return [*near, *(h for h in hits if h not in near)]


def focused(text: str, hits: Sequence[Hit]) -> Sequence[Hit]:
    """The hits about the command, the structure or the kind of document the question names,
    and for "what is X" those that say what it is."""
    return of_link(
        text,
        of_definition(text, of_kind_named(text, of_structure(text, of_command(text, hits)))),
    )


# "How can a member see everything the bot keeps on them?", "what has it got about my
# colleague?", "what do you remember about me?": what the bot holds on a member (its data
# export, /mydata), however the member is
# named; not erasing it (/forget), nor a record of who asked a question ("do you keep a note of
# who asked it?": no member after "on" or "about").
_KEPT_ON = re.compile(
    r"\b(the bot|bot|this bot|you|u|it|the union)( \w+)?( actually| really| still)? "
    r"(keeps?|kept|holds?|held|stores?|stored|knows?|has|have|got|collects?|saves?|records?|"
    r"remembers?|remembered|recalls?|tracks?|logs?|logged)"
    r"( got)? (on|about) (me|us|them|him|her|members?|a member|people|(my|our|a) \w+)\b"
)


_APOSTROPHE = re.compile(r"['’]")


def own_data(text: str) -> str | None:
    """What /mydata lists, for a message that asks what the bot holds on a member."""
    lowered = normalise(text)
    plain = _APOSTROPHE.sub("", text.lower())  # (before "you keep about me" is "my data")
    if _ERASED.search(lowered) or not (_KEPT_ON.search(lowered) or _KEPT_ON.search(plain)):
        return None
    return "what does the bot know about me"


# "If my question gets passed to a person, do you keep a note of who asked?": what becomes of
# a question the bot hands on (the organisers answer it, then the bot forgets who asked),
# not what /mydata lists.
_PASSED_ON = re.compile(
    r"\b(my|a|the|our) (\w+ )?questions? (\w+ ){0,3}(passed|handed|sent|forwarded|referred|"
    r"escalated)( on| over)?\b|"
    r"\b(pass|passes|passed|hand|hands|handed|send|sends|forward|forwards) (on )?(my|the|a|our) "
    r"questions?\b|"
    r"\b(organisers?|person|someone|human|people) (\w+ )?(answers?|answered|replies|replied) "
    r"(to )?(my|a|the|our) questions?\b"
)
_WHO_ASKED = re.compile(
    r"\b(who (asked|sent) (it|them|the question)?|(it was|its|being) me|my name|records?|notes?|"
    r"remember\w*|keeps?|kept|knows?|track)\b"
)


def passed_on(text: str) -> str | None:
    """What happens to a question the bot passes on, for a message that asks whether the
    bot keeps who asked it."""
    lowered = normalise(text)
    if _ERASED.search(lowered) or not (_PASSED_ON.search(lowered) and _WHO_ASKED.search(lowered)):
        return None
    return "what happens to my question if the bot cannot answer, is who asked kept"


# "What can you actually do?", "what does this bot do?", "what are you for?": the bot's own
# features, asked in words that are all small words (no passage's words to search with).
_BOT_DOES = re.compile(
    r"^((so|ok|okay|hi|hey|hello|right|and|but|um|erm)[,!]? )*"
    r"(what|wat|wot) (can|do|does|will|could) "
    r"(you|u|this bot|the bot|this thing|it) ((actually|even|really|exactly|else|all|now) )*"
    r"(do|help (me )?with|do for (me|us|members))"
    r"( (for (me|us|members)|then|exactly|here|in here))?"
    r"\s*[?!.]*$|"
    r"^(what|wat|wot) (are you|is this bot|is the bot|is this thing)( (actually|even|really))? "
    r"for\s*[?!.]*$"
)


def bot_does(text: str) -> str | None:
    """The bot's help entry's question, for a message that asks only what the bot does."""
    if _BOT_DOES.search(normalise(text).strip()):
        return "what can the bot do, and what are its commands"
    return None
