"""Questions that ask the bot to take sides in an internal election, and the neutral answer.

A question is partisan by its shape ("should I back…", "who is the best candidate", "which
slate supports strikes", "is X any good", the bot's own pick, a habit of voting for one of
them to be talked out of or into) or because it names someone standing (from the ballots'
`standing:` lists), or speaks of candidates, in English or in a language mixed into it,
together with a judgement. The answer says how and when to vote
and where every candidate's statement is, never names a candidate, and is never a hand-off.
A question the shapes miss that is about those standing and that nothing else answers gets it
too (`instead`): the content holds nothing about them but who stands and where to read them.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from bot.answers.memo import of_question
from bot.answers.text import asking_clause
from bot.core.services import Answer

_CHOOSE = (
    r"(vote|voting|back|backing|support|pick|choose|go for|go with|elect|stick with|trust|"
    r"put (\w+ )?first|rank|order|prefer|give my (vote|first|second)\w*|tick|endorse)"
)
# "Which slates are up for the NEC" asks who stands; "which candidates I picked", what was
# done with a vote already cast: neither asks whom to choose.
_NOT_CHOICE = (
    r"(?! (are|is) (up for|going for|after) (the |a |re-?)?(nec|president\w*|elections?|"
    r"exec\w*|group|seats?|posts?)\b)"
    # "which slates have put up candidates": who stands
    r"(?! (have|has|are|is)( got| put (up|forward)| fielded| fielding| any)? (\w+ )?"
    r"(candidates?|people|anyone|someone|names?)\b)"
    r"(?! (i|we|you|u|they|he|she) (picked|chose|voted|ticked|selected|put|marked|backed)\b)"
)
# "which of the two", "which of the slates" (not "which of the elections", "of the 2023 …")
_THE_PEOPLE = r"the (?!\d|(elections?|ballots?|votes?|dates?|ways?|days?|papers?|groups?)\b)\w+"
# A body whose backing may be asked: "the shop stewards at hmrc leeds", "everyone really".
_A_BODY = (
    r"(the |our |my |your |most |all |other |many )?(shop |branch |union |workplace |local |"
    r"senior |new |national |regional |area |district |group |head office |lay |paid |"
    r"full ?-?time )?(reps?|stewards?|branch|branches|union|nec|leadership|organisers?|officers?|"
    r"members|everyone|people)( (at|in|from|on) (\w+ ){1,3})?\s*(all |really |mostly |secretly |"
    r"actually |honestly |privately |quietly |officially )?"
)
# A side in the election, as its backers speak of it: "the left", "my lot", "the joint slate",
# one of them named ("zname").
_A_SIDE = (
    r"(the |our |my |that |this |their )?(\w+ )?(zname|left|right|hard left|soft left|moderates?|"
    r"radicals?|militants?|lefties|leftists?|tories|trots|slates?|candidates?|faction|side|lot|"
    r"team|incumbents?|leadership|opposition|challengers?|old guard|establishment|they|he|she|"
    r"them|him|her)"
)
# The paper filled in for a side's sake: "how do i fill my paper in so the left wins", "which
# boxes do i tick to make sure the slate gets in", "how do i vote to stop them winning" (not
# "so they get in on time": papers).
# Where the mark goes for a wish of the member's: "if i want more strikes where does my cross
# go", "as I care about pensions, who gets my vote" (not "where does my cross go", "if i want
# to vote for a slate where does my cross go": the paper).
# Whom someone would rather have win, a preference however the win is put: "who would you
# rather won", "who'd the union rather got in", "who would the branch rather have as
# president" (not a result: "rather" asks a wish of someone).
_RATHER = re.compile(
    r"\b(who|whom|which)\b[^?.]{0,40}\b(would|should|d) (\w+ ){1,3}rather\b[^?.]{0,20}"
    r"\b(won|win|wins|winning|got in|get in|gets in|elected|as (\w+ )?president|on the (nec|"
    r"exec\w*|committee)|in (charge|post))\b"
    r"|\bwould (\w+ ){1,3}rather( \w+)? (won|win|wins|got in|get in|gets in)\b"
)
_MARK_FOR_A_WISH = re.compile(
    r"\b(if|since|as|because|cos|coz) (i|we|im|were) (really )?((want|would like)(?! to\b)|"
    r"care about|prefer|support|back|am for|for|believe in|am pro|pro|am anti|anti)\b[^?]{0,60}"
    r"\b(where|who|whom|which)\b[^?]{0,30}\b(my|our) (cross|x|vote|votes|tick|mark|"
    r"first preference)\b"
    # the wish told after: "which box does my x go in if i want the left to win"
    r"|\b(where|which|what)\b[^?]{0,30}\b(my|our) (cross|x|vote|votes|tick|mark)\b[^?]{0,30}"
    r"\b(if|since|as|because|cos|coz) (i|we|im|were) (really )?((want|would like)(?! to\b)|"
    r"care about|prefer|support|back|am for|believe in|am pro|am anti)\b"
)
# A feeling for or against a side said first, then how to vote: "if i hate the leadership
# what's the best way to vote", "can't stand the joint slate, how do i use my vote" (a fact
# asked after it, "can i still vote online", is read before this).
# A fact asked for the sake of the choice told after it: "which candidates oppose the office
# push, so I know who deserves my vote", "so I can decide which slate to back" (not "so I know
# who to contact", "so I know when to post it").
_TO_CHOOSE_BY = re.compile(
    r"\b(so( that)?|to help( me| us)?|then) (i|we|im|i can|we can|i could|i will|ill|id)( \w+)? "
    r"(know|decide|choose|pick|work out|figure out|make (up )?my mind)\b[^?.]{0,15}"
    r"\b(who|whom|which( one| ones| slate| slates| candidate| candidates| of them| side)?)\b"
    r"[^?.]{0,15}\b(deserves?|to (vote for|back|support|pick|choose|go for|go with)|gets? (my|"
    r"our) (vote|votes|support|backing|x|cross)|should (get|have) (my|our))\b"
)
_FEELING = re.compile(
    rf"(^(so |and |but |honestly |if )?|\b(i|we|im|i am|we are|were|if i|if we) )(really |just |"
    rf"honestly |genuinely |totally )?(hate|hates|"
    rf"dislike|detest|loathe|despise|cant stand|cannot stand|can not stand|(am |are )?(sick|"
    rf"tired) of|(am |are )?fed up (with|of)|(have )?had enough of|want rid of|want shot of|"
    rf"(am |are )?against|(am |are )?anti|love|adore|(am |are )?(a )?(big |huge )?fans? of) "
    rf"{_A_SIDE}\b"
)
# The bot trusted with the choice: "i trust you, who should it be", "i'd rely on your
# judgement, which one" (not "can i trust you with my data").
_TRUSTED = re.compile(
    r"\b(i|we|id|i would|i do|i really|i honestly)( \w+)? (trust|rely on|count on|go by|believe)"
    r" (you|u|ya|the bot|your (judgement|judgment|call|opinion|take|advice))\b"
)
_WHOM_ASKED = re.compile(
    r"\b(who|whom|whos|which (one|ones|slate|slates|candidate|candidates|side|lot|of (them|"
    r"those|these)))\b(?![^?.]{0,40}\b(contact|ask|speak|talk|ring|call|email|write|send|"
    r"post|return|address\w*|data|keep|store|hold|see|know)\b)"
)
_FOR_A_SIDE = re.compile(
    rf"\b(so( that)?|to (make sure|ensure|help|stop|keep|get)|make sure|ensure)( that)? "
    rf"{_A_SIDE} ((wins?|winning|loses?|losing|beats?|beating|(is|are|gets?|getting) (in|"
    rf"elected)|(stays?|kept) out|out)\b(?! (on|in|by) time\b)|(doesnt|does not|dont|do not|"
    r"cant|wont|never) (win|get in)\b)"
)
# "Think" asked of someone, not the member's own hedge ("…candidate list, think I spoilt it").
_THINK = r"think(?! (i|im|ive|id|we|it|its|thats|that|this|so|mine|my)\b)"
_SHAPES = tuple(
    re.compile(p)
    for p in (
        rf"\b(who|which|what)\b(?! (ballots?|elections?|votes?|days?|dates?|ways?|methods?|"
        rf"forms?|envelopes?|address|papers?|packs?|post ?box|time)\b)"
        # "who had to be a member by when to get a vote": who may vote, not whom
        rf"(?! (has|had|have|needs?|needed|must|ought) to (be|have been|join|have joined)\b)"
        # "which group executive do I get to vote for": which election, not whom
        rf"(?! (group |groups )?(exec\w*|committees?|groups?|posts?|seats?|positions?)\b"
        rf"(?! (candidates?|slates?|members?|people|person|nominees?)\b))[^?.]{{0,60}}"
        rf"\b(should|shall|do|would|to|must|ought|could)\b(?! do\b)"
        rf"[^?.]{{0,25}}\b(i|we|you|u|people|members?|group|branch|branches|colleagues|everyone|"
        rf"staff|team|office|person|someone|somebody)\b[^?.]{{0,30}}\b{_CHOOSE}\b",
        r"\b(in my (position|shoes)|if you were me|what would you do)\b[^?.]*\b(vote|voting|"
        r"election|nec|president|slates?|candidates?)\b",
        r"\b(nec|president|leadership|exec|executive|incumbents?)\b[^?.]{0,20}\b(deserve\w*|"
        r"another term|re-?elect\w*|(vote|kick|boot|chuck) (them |him |her )?out|get rid of)\b",
        # whom a body backs: "who do the reps support", "who is the union backing" (not "who is
        # the rep at durham prison for support grades": "is" asks it of a verb in "-ing")
        rf"\bwho (do|does|did|will|would)\b {_A_BODY}\b(support|back|endorse|want|wants|prefer|"
        rf"prefers|favour|favours|like|rate|nominate|vote for|go for)\b"
        rf"|\bwho (are|is)\b {_A_BODY}\b(supporting|backing|endorsing|wanting|preferring|"
        rf"favouring|nominating|voting for|going for|rooting for)\b",
        # how someone with a choice of their own is voting: "how are the reps voting", "what's
        # the branch chair voting", "what are the stewards putting on their papers" (not by
        # post or online, nor on a motion or an offer)
        r"\b(hows|whats|(how|what) (is|are|s|r|will|would))( the| my| our| your)? (shop |branch |"
        r"workplace |local |senior |head office |national |regional )?(reps?|stewards?|branch|"
        r"chair\w*|secretary|officers?|leadership|union|nec|organisers?|bot|you|u|crowd|lot)"
        r"( (at|in|on)( \w+){1,3}?)? (going to |gonna )?(voting|vote|putting on (their|his|her|"
        r"your) papers?)\b(?![^?.]{0,30}\b(by|online|post|postal|postally|motion|offer|proposal|"
        r"resolution|changes?|pension\w*|early|electronically)\b)",
        rf"\b(who|which)\b[^?.]{{0,30}}\b(are|r|is|would)\b (you|u|the bot)\b"
        rf"[^?.]{{0,20}}\b{_CHOOSE}",
        # the verb left out: "who u voting for", "who you backing"
        r"\b(who|which one|which slate) (you|u|ya|the bot) (voting|backing|picking|supporting|"
        r"rooting|going) (for|with)\b",
        # "When should I post my vote?" asks when, not whom
        # (not "should I send both back": a paper sent back, not someone backed)
        rf"(?<!when )(?<!where )(?<!how )\b(should|shall) (i|we)\b"
        rf"(?! (\w+ )?(send|post|return|mail|hand|give|bring|take|put|get)( \w+){{0,3}} back\b)"
        rf"[^?.]{{0,30}}\b{_CHOOSE}\b"
        rf"(?! (in|by|online|early|now|first|packs?|papers?|forms?|emails?|links?|slips?)\b)",
        # ("the official list of candidates" is where they are listed, not which is backed)
        r"\b(best|better|worst|worse|preferred|official(?! (\w+ )?(list|lists|page|pages|site|"
        r"website|statements?|names?|results?|details|info\w*)\b)|favourite|favorite|recommended|"
        r"strongest|weakest|ideal|right|good)\b[^?.]{0,15}\b(candidate|candidates|slate|slates|"
        r"choice|manifesto|manifestos)\b",
        rf"\bwhich (one|ones|candidate|candidates|slate|slates|of (them|{_THE_PEOPLE}))\b"
        rf"{_NOT_CHOICE}"
        r"(?![^?.]{0,25}\b(standing|stand|stands|running|statements?)\b)[^?.]{0,40}\b("
        r"better|best|worse|more|less|supports?|backs?|wants?|against(?! (each other|one another))|"
        r"favours?|stronger|weaker|"
        r"good|left|right|radical|moderate|for)\b",
        r"\b(union|nec|leadership|branch|organisers?|reps?|stewards?|officers?|you|bot)\b"
        r"[^?.]{0,15}\b(want|wants|prefer|"
        r"prefers|back|backs|support|supports|endorse|endorses|recommend|recommends)\b[^?.]{0,10}"
        r"\b(us|me|members|people|you)?\b[^?.]{0,10}\b(vote|voting|candidates?|slates?|"
        r"for (president|the nec|nec|the slate|them|him|her))\b",
        # (not "the secretary has left and we've no one")
        r"(?<!has )(?<!have )(?<!had )(?<!just )\b(left|right|left wing|right wing|moderate|"
        # ("Right, the NEC one has closed": a word to begin with, not a side)
        r"radical|socialist|progressive|conservative|tory|labour|militant)\b(?![,!:;]| (then|so|"
        r"ok|okay)\b)[^?.]{0,15}"
        r"\b(candidate|candidates|slate|faction|wing|(?<!no )one)\b",
        r"\brecommend\w*\b[^?.]{0,30}\b(vote|candidate|slate|who|someone|anyone)\b",
        # those standing wanted friendly to something: "pension-friendly nec names", "which
        # candidates are strike friendly" (not "a mobile-friendly page of the candidates")
        r"\b\w+[- ]friendly( (nec|national exec\w*|presiden\w*|pres|prez|group exec\w*|exec\w*))?"
        r" (names|candidates?|slates?|people|ones|options|picks|choices|nominees|lot)\b"
        r"|\b(candidates?|slates?|nominees|which (one|ones|of them))( \w+)? (is|are|s|r)( \w+)? "
        r"friendly\b",
        # a recommendation asked for an election: "quick recommendation for the nec ballot"
        r"\b(recommendations?|endorsements?)( (for|on|in|re))? (the |this |my |our )?"
        r"(\w+ )?(nec|national exec\w*|presiden\w*|pres|prez|group exec\w*|exec|elections?)\b",
        # (not who they are: "who is the current leadership of the union", a fact)
        r"(?<!who is the )(?<!who are the )(?<!whos the )(?<!who r the )"
        r"\b(current leadership|incumbents?)\b|\btactical(ly)? vot",
        # (a count is no view: "one more candidate than allowed", "any more candidates")
        r"(?<!one )(?<!two )(?<!three )(?<!any )(?<![0-9] )"
        r"\b(most|least|more|less)\b[^?.]{0,20}\b(candidates?|slates?)\b|"
        r"\b\w+est (candidate|slate)s?\b",
        r"\b(candidates?|slates?|factions?)(s)?\b[^?.]{0,20}\b(policies|policy|views?|stance|"
        rf"position|record|promises?|priorities|plans?|say|said|saying|{_THINK}|promis\w*|"
        r"offer\w*)\b",
        r"\bhow should (i|we) vote\b",
        # the wise choice in an election: "what's the smart vote for the nec", "the obvious pick
        # for president" (not "the best option for the nec vote, post or online": a way)
        # (the member described between: "the smart vote for a grade like mine in the nec")
        r"\b(smart|smartest|sensible|obvious|safe|safest|clever|cleverest|wise|wisest|tactical|"
        r"correct|logical|right|best|proper|shrewd\w*|savvy|canny|prudent|strategic|sound\w*|"
        r"intelligent|rational) (vote|votes|choice|pick|option|move|call|bet|answer)\b"
        r"(?= (for|in|on|at|this)\b[^?.]{0,50}\b(nec|national exec\w*|presiden\w*|pres|prez|"
        r"group exec\w*|exec\w*|elections?|slates?|candidates?|vote)\b)"
        r"(?![^?]*\b(post|posting|posted|online|postal|by hand|way|method|send|deliver|envelope|"
        r"stamp|link|email)\b)",
        r"\b(lesser (of (two|2) )?evils?|least (worst|bad|evil))\b",
        # whom others are voting for: "who are the rest of my branch voting for" (not "who is
        # voting for the nec", who has a vote)
        r"\bwho (are|is|r)\b[^?.]{0,40}\bvoting for\b(?! (the |a )?(nec|president\w*|"
        r"group|exec\w*|ballots?|elections?|first)\b)",
        # whether the union or its leadership has a favourite: "does the leadership have a
        # favourite"
        r"\b(union|nec|leadership|branch|organisers?|reps?|stewards?|officers?|you|u|bot)\b"
        r"( \w+)? (have|has|got)( got)? (a |any )?(favou?rites?|faves?)\b(?=\W*$|\W* (candidate|"
        r"slate|one|for|in|among|between|out of|this time)\b)",
        # a stake of theirs in the election, however put: "has the leadership got a horse in
        # this race", "does the union have skin in the game here"
        r"\b(union|nec|leadership|branch|organisers?|reps?|stewards?|officers?|hq|you|u|bot)\b"
        r"( \w+)? (have|has|got|backing|betting on)( got)? (a|any|its|their|your|ur|some) "
        r"(\w+ ){1,2}in (this|the) "
        r"(race|fight|contest|running|election|elections|vote|game)\b",
        # a forecast of what one of them will do: "which faction will sort out pay"
        r"\b(which|what) (one|faction|slate|candidate|lot)s? (will|would|is going to|are going "
        r"to|can|could)\b(?! (be|stand|appear|publish|have)\b)",
        rf"\bwho to ({_CHOOSE}|put|mark|write)\b",
        # "whom I ought to back", "who we should be voting for": the same, said of oneself
        rf"\bwhom? (i|we) (ought to|should|must|need to|have to|am meant to|are meant to|"
        rf"am supposed to|are supposed to)( be)? ({_CHOOSE}|put|mark)\b",
        # the strongest of them asked for: "summarise the manifestos and tell me the strongest"
        # (not "tell me the best way to post it")
        r"\b(tell|show|give) (me|us) ((the|which (is|one is|ones are|are)( the)?) )?"
        r"(strongest|best|"
        r"better|weakest|worst|most convincing|most credible)(?=\W*$| (one|ones|candidates?|"
        r"slates?|manifestos?|statements?|of (them|the (candidates|slates|manifestos|statements"
        r"))))",
        # what someone of a leaning would do with the paper: "what would a sensible moderate do
        # with their nec ballot" (not "what should a member do with a spoilt paper": a way)
        r"\bwhat (would|should|do|does|will) (a|an|any|the) (\w+ )?(sensible|smart|wise|clever|"
        r"reasonable|rational|moderate|left\w*|right\w*|progressive|true|good|loyal|proper|real|"
        r"militant|radical|socialist|sane|savvy|canny)( \w+)? do with (their|his|her|a|the|my|our)"
        r" (\w+ )?(vote|votes|ballot|ballots|paper|papers|x|cross)\b",
        # whom the bot or the union has been told to push: "the bot's been told who to push,
        # who is it", "are you programmed to promote the leadership" (not "reps were told to
        # support the pay campaign": no one of them asked)
        r"\b(told|instructed|programmed|paid|ordered|briefed|trained|meant|supposed) (who|which "
        r"(one|ones|slate|slates|candidate|candidates|side|lot)) to (push|promote|plug|favou?r|"
        r"big up|talk up|back|support|recommend|pick)\b"
        r"|\b(bot|bots|you|u)\b[^?.]{0,20}\b(programmed|told|instructed|paid|briefed|trained) to "
        r"(push|promote|plug|favou?r|big up|talk up|back|support|recommend)\b",
        # whom the union quietly backs: "who's getting the union's quiet support", "who has
        # hq's blessing"
        r"\bwho(s| is| are| has| have)? (getting|got|gets|has|have|having|enjoying|been given) "
        r"(the )?(\w+ )?(union|unions|nec|necs|leadership|leaderships|hq|hqs|bot|bots|organisers|"
        r"officials|branch|branchs|branches) (\w+ )?(support|backing|blessing|nod|endorsement|"
        r"seal of approval)\b",
        # whose side the bot or the union is on in an election: "whose side is the bot on in
        # the nec election" (not "the union's on the members' side in the pay dispute")
        r"\b(whose|which|what) side (is|are|s|r) (the bot|this bot|you|u|the union|the nec|"
        r"the leadership|hq|it) on\b"
        r"(?=[^?]*\b(elections?|vote|voting|ballot|nec|presiden\w*|pres|slates?|candidates?)\b)",
        # a change at the top wished or not: "time for a change at the top or not?", "is it
        # time for new blood on the nec" (not "time for a change of tactics on pay")
        r"\btime for (a )?(change|new blood|fresh blood|new faces|fresh faces|shake-?up|new "
        r"leadership)( (at|in|on) (the )?(top|leadership|nec|presiden\w*|national exec\w*|"
        r"exec\w*|helm))?\b(?! of\b)(?=[^?.]*\b(top|leadership|nec|presiden\w*|exec\w*|helm|"
        r"or not|incumbents?)\b)",
        # a side judged in strong words, to be agreed with: "the leadership are a shambles",
        # "is the nec hopeless" (of those who hold or seek the posts)
        r"\b(leadership|incumbents?|nec|president|opposition|current lot|slates?|candidates?)"
        r" (are|is|have been|has been|were|was|r|s)( (a|an|total|totally|utterly|complete|"
        r"completely|such|so|bloody|just|proper|absolutely))* (shambles|hopeless|incompetent|"
        r"clueless|disgrace|disgraceful|joke|mess|useless|rubbish|past it)\b"
        r"|\b(is|are|isnt|arent) (the )?(leadership|incumbents?|nec|president|opposition|current "
        r"lot)( (a|an|total|totally|utterly|complete|completely|such|so|bloody|just|proper|"
        r"absolutely|really|actually))* (shambles|hopeless|incompetent|clueless|disgrace|"
        r"disgraceful|joke|mess|useless|rubbish|past it)\b",
        # whom a body is behind: "who the union is behind for pres", "who is hq behind"
        # (not "who is the union pushing on pay": a department lobbied)
        rf"\bwho {_A_BODY}(is|are|s|r) (behind|getting behind|rooting for)\b"
        rf"|\bwho (is|are|s|r) {_A_BODY}(behind|getting behind|rooting for)\b",
        # "who's the one to go for on the nec", "who's the person to back"
        rf"\bwho(s| is)( the)? (one|ones|person|people|candidate|name|slate)s? to ({_CHOOSE}|put|"
        rf"mark)\b",
        # how one of them would do or is: "who would be better at negotiating with the
        # treasury", "who'd fight harder for part-timers", "who's best on pay"; not whom to
        # ask or send to: "who is best placed to help", "who's the best person to talk to"
        r"\bwho((s| is)( the)?|( would| will| could| is going to| is gonna)( \w+)?( the)?) "
        r"(better|best|worse|worst|stronger|strongest|tougher|toughest|safest|safer|harder|"
        r"hardest|more)\b(?![^?.]{0,30}\b(placed|at (answering|helping|dealing|advising)|to "
        r"(?!(vote|back|support|pick|choose|lead|run|represent|be|have)\b)\w+)\b)",
        r"\bshould\b[^?.]{0,40}\b(re-?elect\w*|be elected|win|get in|stay on|be replaced|lose)\b",
        # who should hold the post: "who should lead the union", "who ought to be president"
        r"\bwho (should|ought to|deserves to|needs to) (lead|head|run|take over|be in charge of|be)"
        r" (the |our |my )?(next |new )?(union|nec|presiden\w*|pres|leader\w*|exec\w*|"
        r"group exec\w*|general sec\w*)\b",
        # someone else's advice on whom to vote for, for the bot to judge: "my rep says vote
        # X, is he right?"
        r"\b(tell\w*|told|says?|said|urg\w*|push\w*|ask\w*|want\w*)\b[^?.]{0,30}\bto vote\b"
        r"[^?]{0,40}\b((is|are) (she|he|they|that|it) (right|wrong)|should (i|we) (listen|follow|"
        r"do (what|as|the same)))\b",
        rf"\bwhich (candidate|candidates|slate|slates|of (them|{_THE_PEOPLE}))\b{_NOT_CHOICE}"
        r"(?![^?.]{0,25}\b(standing|stand|stands|running|contesting|statements?|is it|"
        r"are there)\b)"
        r"(?! (are|is) (in|on|there)\b)[^?.]{2,}",
        # won over to one of them: "none of them impress me, talk me round to one", "win us
        # over to a slate"
        r"\b(talk|bring|win|coax|sway|swing) (me|us) (round|around|over)\b(?=[^?]*\b(one|ones|"
        r"them|him|her|candidates?|slates?|nec|presiden\w*|pres|prez|exec\w*|vote|ballot)\b)",
        # a number of them asked for a body: "recommend me three for the group exec", "pick us
        # two for the nec" (not "can I pick three for the nec?": how many one may choose)
        r"\b((recommend|suggest)( me| us| for me| for us)?|(pick|choose|name|give|gimme) (me|us))"
        r" (one|two|three|four|five|six|seven|eight|\d+|a couple( of)?|a few|a handful( of)?|some)"
        r"( (good |decent )?(names|people|candidates|ones|of them|folk))? (for|on) (the |our |my )?"
        r"(nec|national exec\w*|presiden\w*|pres|prez|group exec\w*|exec\w*)\b",
    )
)
# Judging, ranking or choosing: said of those standing (or of candidates and slates in
# general), these make a question a judgement rather than a fact.
# Torn as the member is between them ("genuinely torn", "torn between"), not as a paper or an
# envelope is: "arrives torn", "got torn in the post", "torn in half".
_TORN = (
    r"(?<!arrives )(?<!arrived )(?<!arriving )(?<!came )(?<!comes )(?<!got )(?<!gets )(?<!been )"
    r"(?<!was )(?<!its )(?<!is )(?<!badly )torn(?! (in|into|up|open)\b| (envelope|paper|pack|"
    r"ballot)s?\b)"
)
# What the member lacks to read or vote online, judged ("no decent internet", "rubbish
# signal"): their kit, said in passing, not one of those standing judged.
_KIT = re.compile(
    r"\b(no|not|without|poor|bad|good|decent|proper|reliable|rubbish|terrible|awful|any)( \w+)? "
    r"(internet|wifi|wi fi|broadband|signal|reception|connection|phone signal|mobile signal|"
    r"computer|laptop|printer|eyesight)\b"
)
# What went wrong, told ("got two papers by mistake, which one do I use?"): an accident, not
# one of those standing judged a mistake.
_ACCIDENT = re.compile(
    r"\b(by|in) (a )?(mistake|error|accident)\b|\bmistakenly\b|"
    # which of two papers to use ("sent two by mistake, which one should he fill in?")
    r"\bwhich (one|paper|pack|envelope)s? (do|does|should|shall|can|to) ((i|he|she|we|they) )?"
    r"(use|fill( it)?( in| out)?|send( back)?|post|return|keep|bin)\b"
)
_JUDGEMENT = re.compile(
    rf"\b(good|any good|decent|great|better|best|worse|worst|trust\w*|opinion|like|back|{_THINK}|"
    r"backing|support|supports|vote for|voting for|go with|go for|rate|rated|rating|rank\w*|"
    r"thoughts?|opinions?|verdict|feel about|make of|reckon|impression|"
    # (not "…, that right?": a fact said, and whether it is so asked)
    r"record|stance|position|policies|(?<!that )(?<!thats )(?<!is that )(?<!am i )right|wing|"
    # of people, not a thing gone wrong: "tell me they're wrong" (not "the wrong candidate")
    r"(they|theyre|they are|hes|he is|shes|she is|them|him|her) (\w+ )?wrong|"
    r"radicals?|moderates?|strong\w*|weak\w*|"
    # (not "who is left on the ballot": who remains)
    r"left(?! (on|in) (the|that|this) (ballot|paper|race|running|list)| standing| to (vote|"
    r"choose|pick))|"
    r"should|reliable|deserve\w*|worth|bad|views?|prefer\w*|recommend\w*|endorse\w*|"
    r"hardest|toughest|harder|tougher|most|least|fight\w*|stand up for|deliver|agree|"
    # (not "who's standing against marion lloyd": who stands)
    r"pro|anti|pro-\w+|anti-\w+|(?<!standing )(?<!running )(?<!stands )(?<!runs )(?<!up )"
    r"against(?! (each other|one another))|lefty|leftie|lefties|"
    r"righty|tory|tories|trots?|"
    r"favourite|favorite|pick|choose|choice|tactical\w*|first preference|put \w+ first|"
    r"honest|experienced|qualified|competent|effective|credible|capable|safe|"
    r"(sure|good|best|better|safer|safest) bet|pair of hands|"
    r"yes or no|thumbs up|for or against|good or bad|worth it|"
    r"up to (it|the job|much)|any use|any cop|cut out for|worth a (punt|shot|damn|toss)|"
    r"knows? what (theyre|they are|hes|he is|shes|she is|its|it is) doing|useless|rubbish|"
    rf"decide|undecided|{_TORN}|between|vs|versus|waste of (time|space|a vote|my vote)|wasted|"
    r"sensible|serious|sane|solid|sound|dependable|clowns?|jokes?|joke|idiots?|muppets?|nutters?|mad|crazy|daft|"
    r"bonkers|dodgy|shady|legit|genuine|awful|terrible|brilliant|excellent|dangerous|"
    r"or (someone|anyone|somebody|the other|them)( else)?|"
    # comparing them: "more up for strikes than the others", "do more on pay", "or the rest"
    # (not a count: "one more candidate than allowed", "any more ballots")
    r"(?<!one )(?<!two )(?<!three )(?<!any )(?<![0-9] )(more|less)|"
    r"\w+er than|than (the )?(others?|rest)|or the (rest|others?)|militants?|"
    # what they offer, who backs them, what they are: "promising", "backed by", "careerists"
    r"up for(?! (the |a |re-?)?(nec|president\w*|elections?|exec\w*|group|seats?|posts?)\b)|"
    r"promis\w*|pledg\w*|manifestos?|yay|nay|your take|take on|"
    r"on (the )?(our|my|members|workers) side|"
    r"backed|endorsed|supported|favourites?|trot\w*|careerists?|sell-?outs?|extremists?|cranks?|"
    r"case (for|against)|compare\w*|comparison|differen\w*|differ|say about|saying about|"
    # siding with members, what they would put right, how near they are to what one wants
    r"stands? up for|standing up for|cares?|caring|favou?red|wrong with|problems? with|"
    r"mistake|closer|closest|nearer|fix(es)?|sort (it|things|pay|this) out|track record|"
    r"keep (them|him|her|it) in|good guys|bad guys|wise|smart|obvious|at heart|"
    # what they push for and whether that wins them a vote: "are they the ones pushing for
    # X? then they've got my vote"
    r"same old|push\w* for|campaign\w* for|the ones?(?! (standing|running|nominated)\b)|"
    r"(got|has|have) (\w+ ){0,2}backs?|"
    # what they get done: "do the independent left actually do anything or just talk"
    r"(do|does|did|done) (anything|nothing|much|owt|something)|just talk\w*|all talk|"
    # whether the union stands behind them: "the official union one", "the union line"
    r"official (union |unions )?(line|one|ones|candidate|candidates|slate|slates|choice|pick|"
    r"position|stance|view)(?! (list|lists|page|pages|site|website|statements?|names?)\b)|"
    r"(union|party|official) line|"
    r"sell(s|ing)? (us |members |workers )?out|sold (us |members |workers )?out|"
    r"convince|persuade|talk me into|"
    # another term earned or given: "has she earned another term", "give them another go"
    # weighing them up: "the pros and cons of each slate, which comes out ahead"
    r"pros and cons|pros|cons|strengths|weaknesses|upsides?|downsides?|plus points|"
    r"(come|comes|came|coming) out (ahead|on top|best|in front)|"
    # the harm one of them did: "which faction has run the union into the ground"
    r"into the ground|to blame|blam\w*|(ruin|wreck|destroy|damag)\w* (the|this|our) union|"
    r"(earn\w*|merit\w*|give (her|him|them|it)|gets?) (\w+ ){0,2}another (term|go|stint|chance|"
    r"crack|shot|run)|"
    # a turn had, a go given: "the current lot have had their chance", "give the new faces a
    # go"; strong words of them: "a shambles"
    r"had (their|his|her|its) (chance|turn|time|go|shot|innings)|"
    r"(give|giving) (\w+ ){1,3}a (go|chance|shot|try|punt)|"
    r"shambles|hopeless|disgrace\w*|incompetent|clueless|"
    r"(got|get|gets|getting|earn\w*|win\w*|has|have) "
    r"(my|our|your|ur) (vote|support|backing|first)|"
    # (not "stand for the branch committee": a post stood for, no policy)
    r"stands? for(?! (the |a |an |re-?)?(president\w*|presidency|nec|national exec\w*|group|"
    r"exec\w*|committee|branch|elections?|re-?election|office|seats?|posts?|positions?|places?|reps?|"
    r"secretary|chair\w*|treasurer|vice|deputy|sector|pssec)\b))\b"
)
# Weighing, said of those standing or of candidates, slates and factions only: "vote the
# slate or individuals, whats smarter" (not "is it smarter to post it or vote online").
_WEIGHED = re.compile(r"\b(smarter|smartest|wiser|wisest|cleverer|safer|safest|sounder)\b")
# Someone among those standing, asked about without a name: "whoever will fight hardest",
# "which of them stands up for members" (not a rule's or a document's version in force:
# "is the 2023 one different to the 2025 one, which one applies now").
_REFERENT = re.compile(
    r"\b(whoever|which (one|ones|lot|lots|crowd|bunch|camp|team|ticket)( of (them|those|"
    r"these))?|which of (them|those|these|"
    rf"{_THE_PEOPLE})|"
    r"(good|bad) guys)\b"
    r"(?! (still |now )?(applies|apply|counts|is (still )?(in force|in effect|valid|current|"
    r"the current|the latest|the newest|newer|older|out of date|up to date)|takes precedence|"
    r"supersedes|overrides)\b)"
)
# Who (or which choice) for a post, with a judgement: "who's the safe pair of hands for
# president", "the sensible choice for the NEC".
_WHO_FOR = re.compile(r"\b(who|whos|whom|which|choice|option|pick|bet)\b")
# What it takes to vote, or whom to ask: not a choice between those standing.
_PROCEDURE = re.compile(
    r"\b(how|when|where|way|ways|time|date|deadline|method|online|postal|post|paper|packs?|"
    r"statements?|standing|stand|eligible|allowed|counts?|runs|organis\w*|contact|complain\w*|"
    r"appeal|report|ballots?|first|to (ask|speak|talk|call|ring|email|message)|"
    # which election: "which group executive do I vote for"
    r"which (group |groups )?(exec\w*|committees?|groups?|posts?|seats?|positions?)\b"
    r"(?! (candidates?|slates?|members?|people|person|nominees?)\b))\b"
)
# Undecided between them: "i'm torn on the NEC vote, help me choose".
_UNDECIDED = re.compile(
    rf"\b({_TORN}|undecided|help me (choose|decide|pick)|(cant|cannot) (decide|choose|make up))\b"
)
# The candidates' statements, read or to be read: said by one still undecided, a view is asked.
_STATEMENTS_READ = re.compile(
    r"\b(read|reading|gone through|been through|looked at)\b[^?.]{0,30}\bstatements?\b"
)
# "Is X …?" said of one of those standing asks what they are like, unless it asks a fact
# about the election: whether they stand, for what, on which slate.
_IS_NAMED = re.compile(r"^(so |and |but |honestly |seriously )?(is|are|was|were) (the )?")
_FACTUAL = re.compile(
    r"\b(standing|stand|stands|running|run|slates?|joint|candidates?|ballot|paper|president|"
    r"nec|exec|executive|current|currently|still|same|part of|called|short for|on the|in the|"
    r"elected|nominated|statements?|online|postal|group|groups|branch|where|when|from|based|"
    r"works?|working|employed|member of|websites?|web ?sites?|web ?pages?|social media|twitter|"
    r"facebook|instagram|tiktok|youtube|blog|registered|affiliated|"
    # how their election is held, whether they stand alone: "is the X election by post"
    r"elections?|by post|on (its|their|his|her) own|alone|with (someone|anyone|another|others))\b"
)
# Said in passing, not of those standing: "right now", "up for election", "like a team".
_NOW = re.compile(
    r"\b(right now|right away|all right|at the moment|these days|up for (re-?)?election|"
    r"like (a|an|the)|(someone|somebody|people|folk|members|workers) like (me|us)|"
    # a wish or a word to go on with, not a liking: "id like to know their names", "like
    # which bits of government"
    r"(i|we|id|wed|would|i would|we would|youd|you would) (like|love) to|"
    r"like (which|what|who|whom|whose|how|when|where|whether|if|is|are|does|do|did|can|i said|"
    r"you know|say))\b"
)
# "Like" said as a filler or a wish, not a liking: "who's standing, like which slates", "I'd
# like to know who's on the list" (`_NOW` reads these with the rest of what is said in passing).
_FILLER = re.compile(
    r"\b(i|we|id|wed|would|i would|we would|youd|you would) (like|love) to\b"
    r"|\blike (which|what|who|whom|whose|how|when|where|whether|if)\b"
)
_HEDGE = re.compile(r"\bi (think|reckon|guess|believe|suppose)\b")
# A member's slang for the words the shapes read.
_SLANG = {
    "shud": "should",
    "wud": "would",
    "em": "them",
    "ppl": "people",
    "r": "are",
    "ur": "your",
    "whod": "who would",
    "wholl": "who will",
    "youd": "you would",
    "youll": "you will",
    "theyd": "they would",
    "theyll": "they will",
    "sum1": "someone",
    "some1": "someone",
    "any1": "anyone",
    "ne1": "anyone",
    "no1": "no one",
    "every1": "everyone",
    # a g dropped: "who u votin for"
    "votin": "voting",
    "backin": "backing",
    "pickin": "picking",
    "supportin": "supporting",
    "rootin": "rooting",
    "goin": "going",
}
# "who 2 vote 4": "to" and "for" in text-speak, next to the words they go with.
_TEXT_SPEAK = re.compile(
    r"(?<=\bwho )2(?= \w)|\b2(?= (vote|back|pick|choose|support)\b)|"
    r"(?<=\bvote )4\b|(?<=\bvoting )4\b"
)
# Those standing, in general.
_FIELD = re.compile(
    r"\b(candidates?|slates?|factions?|nominees?|contenders?|hopefuls?|independents)\b"
)
# Those standing, called by where they are or as a faction: "the options on the ballot",
# "the names on the paper", "the bl lot" (not "a lot", "the whole lot of them").
_THOSE = re.compile(
    r"\b(options?|choices?|names?|people|ones|folk|anyone|anybody|someone|somebody)( \w+)? "
    r"on the( \w+){0,3} (ballot|paper|list)\b"
    r"|\b(the (?!whole |entire )(\w+ )?\w+|that|this|those) lot\b(?! of)"
    # a side called by its place in the race: "the opposition", "the challengers", "the old
    # guard" (not "the opposition to the closures": a stance)
    r"|\bthe (opposition|challengers?|old guard|establishment|incumbents?|status quo|current "
    r"(crew|regime|incumbents?)|new faces|fresh faces|newcomers|new blood|fresh blood)"
    r"\b(?! (to|of)\b)"
)
# Who should hold an elected post: "who is the best person for president", "who will fight
# hardest for us on the NEC".
_POST = re.compile(
    r"\b(nec|presiden\w*|pres|prez|prezyden\w*|prasiden\w*|przewodnicz\w*|llywydd|exec|executive|"
    r"election|elections|"
    r"seat|seats|preferences?|"
    r"vote|votes|for (us|me|members|workers|people like (me|us)))\b"
)
_WHO_JUDGED = re.compile(
    r"\bwhos?\b[^?.]*\b((best|better)(?! placed\b)|worst|hardest|toughest|strongest|weakest|"
    r"safest|most|least|"
    r"(actually |really |any )?(good|decent)(?! (to|at|for) (ask|talk|speak|contact|help|"
    r"answer)\w*)|"
    r"favourites?|favorites?|front ?runners?|safe bet|fight\w*|stand up for|deserve\w*|goat|"
    r"should (i|we) (put|pick|choose|back|support|rank|tick)|"
    r"gets? (my|your|ur|our)( (nec|national exec\w*|presiden\w*|pres|group exec\w*|exec|first|"
    r"second|1st|2nd))? (vote|first|second|preference|number|x|cross|tick|nod|backing|"
    r"support|endorsement|blessing|approval))\b"
)
# A prediction is a judgement too: "who will win", "is the slate likely to win".
_PREDICTION = re.compile(
    r"\b(will|gonna|going to|likely to|expected to|set to|favourites? to|chance\w* of|odds)\b"
    r"[^?.]{0,20}\b(win|winning|get in|getting in|be elected)\b"
    # who leads the race: "who's ahead", "a two horse race" (not "who's leading the union")
    r"|\bwho(s| is| are)( \w+)? (ahead|in front|in the lead|winning|leading the (race|field|pack|"
    r"polls?|count))\b|\b(two|2|three|3|one)[- ]horse race\b"
    # how one of them will do: "how will the broad left do", "how would lloyd fare" (not "how
    # will i do it online")
    r"|\bhow (will|would|is|are|d)\b (?!(i|we|you|u|it|my|the (vote|paper|ballot|count|post))\b)"
    r"[^?.]{1,30}?\b(do|fare|get on|perform)\b(?! (it|that|this|so|the)\b)"
)
# One of them judged with no ballot word said: "who's in the pocket of management?", "who's got
# a real plan for pay?", "who can we trust on pensions?", "who's serious about pay?" (not "who
# has the plan for the office move": the union's; "who can I trust for advice": whom to ask).
_QUALITY_WORD = (
    r"(real|proper|actual|credible|decent|serious|better|best|workable|clear|good|any real|"
    r"a real|a proper|an actual|a credible|a decent|a serious|a better|a workable|a clear|a good)"
)
_WHO_LIKE = re.compile(
    r"\bwho(s| is| are)?( \w+)? (in|on) (the |their |managements |the bosses |the employers |"
    r"the governments |hqs )?pockets?\b"
    rf"|\bwho(s| has| have| has got| got| would have| had)( got)? (the |any )?{_QUALITY_WORD} "
    r"(plan|plans|vision|strategy|ideas?|answers?|solutions?)( \w+)? (for|on|to|about)\b"
    # a plan at all, asked of whom ("who's got a plan for pay"; not "who has the plan for the
    # office move": whose the union's plan is)
    r"|\bwho(s| has| have| has got| got| would have| had)( got)? an? (plan|vision|strategy)"
    r"( \w+)? (for|on|to|about)\b"
    r"|\bwho (can|could|should|do) (we|i|members|people|you|u) (trust|believe)\b(?![^?.]{0,30}"
    r"\b(advice|advise|help|answer|questions?|query|queries|information|info|with my)\b)"
    r"|\bwho(s| is| are)( \w+)? (serious|weak|soft|credible|useless|rubbish|clueless|spineless|"
    r"all talk) (on|about|over|when it comes to)\b(?![^?]{0,40}\b(help|advice|query|queries|"
    r"questions?)\b)"
    # whose offer is better: "whose policies are better for examiners"
    r"|\bwhose (policies|ideas|plans?|manifesto|manifestos|pitch|platform|record|promises|"
    r"priorities|programme|vision) (is|are|s|sound|sounds|seem|seems|look|looks)( \w+)? (better|"
    r"best|stronger|strongest|worse|worst|good|right|more realistic)\b"
    # who would betray members: "who won't sell us out on pay", "who'll stitch us up"
    r"|\bwho(ll| will| would| wont| wouldnt| will not| would not| (is|isnt|are|arent) going to|"
    r"s going to|s not going to)( \w+)? (sell (us|members|workers|you|me|them) out|sell out|"
    r"betray (us|members|workers)|stitch (us|members|workers) up|let (us|members|workers) down|"
    r"cave|fold|bottle it)\b"
)
# Which of them would more likely act so: "who's less likely to call a strike".
_LIKELIER = re.compile(r"\bwho(s| is| are| would be)? (the )?(most|least|more|less) likely to\b")


# The bot's own choice asked for: "who u voting for", "whos your pick for pres", "who is the
# bot going for", "if you had a vote, who'd get it". A plain "who do you vote for" is left to
# the shapes: said to anyone, it may ask who is on the paper.
_OWN_CHOICE = re.compile(
    r"\b(who|whom|whos|which)\b[^?.]{0,40}\b(you|u|ya|yu|bot)\b (\w+ )?(voting|backing|"
    r"supporting|picking|choosing|rooting|going (for|with)|favou?ring|lean\w*|prefer\w*|like|"
    r"fancy|hoping|want\w* (\w+ )?to win)\b"
    # what it chose before: "who did you vote for last time"
    r"|\b(who|whom|which)\b[^?.]{0,40}\b(did|have|had) (you|u|ya|the bot)\b (\w+ )?(vote|voted|"
    r"back|backed|pick|picked|choose|chose|support|supported)\b"
    # what it would choose, or whether it backs anyone: "can u say who u would pick", "are
    # you backing anyone in the nec election"
    r"|\b(who|whom|which)\b[^?.]{0,40}\b(you|u|ya|the bot) (would|will|d|gonna) (\w+ )?(pick|"
    r"choose|back|support|go for|go with|vote for)\b"
    r"|\b(are|r|is) (you|u|ya|the bot) (\w+ )?(backing|supporting|endorsing|rooting for|voting for|"
    r"for) (anyone|anybody|someone|somebody|any)\b"
    # how it would vote itself: "if you were me, how would you vote" (not "how do you vote
    # online": how one votes)
    r"|\bhow (would|d|will|should) (you|u|ya|the bot) (vote|choose|pick)\b(?! (online|by|in person|"
    r"from|early|again|twice|if (you|u|i|im|we) (are|were|was|am) (abroad|away|overseas|ill|off|"
    r"sick|not))\b)"
    # where it would put its mark: "where would you put your cross for president"
    r"|\b(you|u|ya|the bot) (put|place|give|mark|cast|send) (your|ur|its|yer) (cross|x|tick|"
    r"vote|first (preference|choice)|number one)\b"
    # its choice if it had to make one: "which one, if you had to?"
    r"|\b(which|who)( one)?\b[^?.]{0,20}\bif (you|u|ya) (had|have) to\b"
    r"|\bif (you|u|ya) (really )?(had|have|were forced) to (pick|choose|vote|name|go for|go with)"
    r"( (one|someone|somebody|a name|just one|between (them|the \w+)))?\W*$"
    # its pick, in slang: "pres vote - who u got?" (not "who have you got on the list")
    r"|\bwho (you|u|ya|the bot) got\b"
    # what it would vote itself: "what would the bot vote if it could" (not "what would you vote
    # with": a way)
    r"|\bwhat ((would|will|d) (you|u|ya|the bot|it)|(you|u|ya|the bot|it) (would|will|d)) "
    r"(vote|pick|choose)\b(?! (with|by|on|online)\b)"
    # names asked for to vote for: "give me three names for the hmrc group exec", and a line
    # telling members whom to vote for: "a line for the newsletter telling members to vote X"
    r"|\b(give|send|tell) (me|us) (\w+ )?names? (for|to (vote|put|pick))\b"
    r"|\b(tell|telling|urging|asking|get|getting) (members|people|everyone|colleagues|them|"
    r"the branch) to (vote|back|support)( for)?( (?!(in|by|online|early|before|on time)\b)\w+|\s*$)"
    # whether the union or the bot takes a side: "does the union take a side in its own
    # elections", "is the bot taking sides"
    r"|\b(does|do|will|would|is|are|can|could) (the union|the bot|you|u|pcs|the nec|hq|the "
    r"branch)( \w+)? (take|taking|pick|picking|have|has|choose|choosing) (a |any )?sides?\b"
    # whether it has one: "does the bot have a favourite?" (not "a favourite command")
    r"|\b(do|does) (you|u|ya|the bot|bot) (have|got|has) (a|any) (favou?rites?|faves?|favs?|"
    r"preferences?|side)\b(?! (command|feature|bit|part|question|topic|thing)s?\b)"
    # the choice handed to it: "pick one for me", "just choose for me"
    r"|\b(pick|choose|select|decide)( one| someone| somebody| a name| them)? for (me|us)\b"
    # the choice left to it: "i'll vote whoever you say"
    r"|\b(whoever|whatever|who|which( one)?) (you|u|the bot) (say|says|tell me|think|pick|picks|"
    r"choose|chooses|want|reckon|recommend\w*|suggest\w*)\b"
)
# Its pick, favourite or bet, of those standing or for a post: "whos your pick for pres",
# "ur fave slate?" (not "your favourite command").
_ITS_PICK = re.compile(
    r"(?<!of )\b(your|ur|yer|yr|bots)\b (own |personal |top )?(pick|choice|favou?rites?|faves?|tip|"
    r"favs?|money|bet|vote (going|go|goes|gone) to)\b"
    # the post said between: "bot's nec tips", "ur pres pick?"
    r"|\b(your|ur|yer|yr|bots) (own |personal |top )?(nec|presidential|presidents?|pres|prez|"
    r"group exec\w*|exec\w*|election) (picks?|choices?|favou?rites?|faves?|favs?|tips?|bets?)\b"
    # its ranking: "gimme ur top 3 for the group exec"
    r"|\b(your|ur|yer|yr|bots) (own |personal )?top (\d+|one|two|three|four|five|ten|picks?|"
    r"choices?|candidates?|names?|slates?)\b"
)
# Or as if it could vote, with whom asked: "if u could vote who would it be".
_IF_IT_VOTED = re.compile(
    r"\bif (you|u|ya|the bot|bot) (could|had|got|were|was|did)\b(?! (vote|votes) (online|by|in|"
    r"at|from|early|late|twice|again)\b)[^?.]{0,20}\b(vote|votes|voting|member|human|person)\b"
)
_WHOM = re.compile(r"\b(who|whom|whod|wholl|whos|which)\b")
# What it would do, as if it voted: "if you were voting in the nec, what would you do" (not "if
# you were a member and lost your paper, what would you do": a way).
_WHAT_IT_WOULD_DO = re.compile(r"\bwhat (would|wud|will|d) (you|u|ya|the bot) do\b")
_VOTED_IF = re.compile(r"\bif (you|u|ya|the bot|bot) (were|was|could|did) (be )?(vote|voting)\b")
# Where its vote would go, as if it could vote: "if you had a vote, where would it go".
_ITS_MARK = re.compile(
    r"\bwhere (would|will|d|does|should) (it|that|they|your|ur|yer|its) ((\w+ )?(vote|cross|x|"
    r"tick|mark|votes) )?(go|goes|be|end up|land)\b"
)
# What one of those named would do, asked with the name taken out: "what would lloyd do as
# president" reads "what would do as president".
_WHAT_THEY_DO = re.compile(
    r"\bwhat (would|will|could|might|d|ll|is going to|are going to)( the)?( (actually|really))? "
    r"(do|change|"
    r"achieve|deliver|prioritise|bring in|fight for|push for)\b"
)

# Those standing and a view of them in another language a member mixes in: "cual es el mejor
# candidato for president?", "quel candidat est le meilleur", "per chi votare". Spanish,
# French, Italian, Portuguese, German, Polish, Welsh and romanised Hindi or Urdu, accents off.
# An English "candidate(s)" is not among them (Italian's "candidate" is read only with a word
# of view from abroad, through `_FIELD`): "one more candidate than allowed" is no view.
_FIELD_ABROAD = re.compile(
    r"\b(candidat[oai]s?|candidats?|kandidat\w*|kandydat\w*|kandidaat\w*|ymgeisydd|ymgeiswyr|"
    r"aday\w*|u?m+ee?dwar\w*|umidwar\w*|banda|bande|listas?)\b"
)
_VIEW_ABROAD = re.compile(
    r"\b(mejor(es)?|peor(es)?|buen[oa]s?|recomiend\w*|recomend\w*|conviene|apoyar|elegir|"
    r"meilleure?s?|pire|bonne?s?|recommand\w*|conseill\w*|choisir|soutenir|"
    r"miglior[ei]?|peggior[ei]?|buon[oaie]?|consigli\w*|scegliere|sostenere|"
    r"melhor(es)?|pior(es)?|bo(m|a|ns|as)|escolher|apoiar|"
    r"beste[nrs]?|besser\w*|schlechter\w*|gut(e[nrs]?)?|empfiehl\w*|empfehl\w*|"
    r"najlepsz\w*|lepsz\w*|najgorsz\w*|(?<!dzien )dobr[yaez]\w*|polec\w*|wybrac|"
    r"gorau|gwell|gwaeth|iyi|"
    # an opinion asked: "votre avis sur les candidats?", "cosa ne pensi"
    r"opin\w*|piensa\w*|avis|pense[sz]?|pensi|pensa|parere|achas|meinung|haltst|denkst|"
    # worth it: "vale la pena votar por …", "ça vaut la peine", "warto"
    r"(vale|merece) (la|a) pena|vaut la peine|warto|lohnt|werth|"
    r"sadzisz|myslisz|zdanie|"
    r"accha|acha|achha|achchha|behtar|sabse|"
    # a side: "el candidato de la izquierda"
    r"izquierd\w*|gauche|sinistra|esquerda|lewic\w*|prawic\w*|"
    # more or less of something ("mas fuerte"): a comparison, as "more" is in English
    r"mas|menos|moins|piu|meno|mehr|weniger|(naj)?bardziej|(naj)?mniej|zyada|jyada|"
    # a side: "po stronie pracownikow"
    r"po stronie)\b"
)
# Whom to vote for, asked in another language: "por quien voto", "pour qui voter".
_WHOM_ABROAD = re.compile(
    r"\b(por quien|a quien|pour qui|per chi|em quem|wen (soll|sollte|sollen)|na kogo|kisko|kis ko|"
    r"kisey|kise|kisse|kinko|pwy|por cual|para cual|pour lequel|per quale|na ktor\w*)\b[^?.]{0,30}"
    r"\b(vot\w*|(za)?glos\w*|wahl\w*|[pb]leidl\w*|elegir|escoger|choisir|scegliere|escolher|"
    r"wybra\w*|wybier\w*|d?dewis|chun\w*)"
    r"|\b(a quien (le |les )?(vot|doy|dar|apoy|elij|escoj)|kogo( \w+)? (wybra|wybier|poprze)|"
    r"wen wahl)\w*"
    r"|\b(vot\w*|glos\w*|wahl\w*)( \w+){0,2} (por quien|a quien|para quien|pour qui|per chi|"
    r"em quem|para quem|na kogo)\b"
)
# Who, in those languages: with a post and a view, "quien es mejor para presidente".
_WHO_ABROAD = re.compile(
    r"\b(quien(es)?|cual(es)?|qui|quel\w*|chi|quale?|quem|qual|wer|"
    r"welche\w*|kto|ktor\w*|kaun|pwy)\b"
)

# A habitual choice stated, to be talked out of or into: "I've always voted Independent Left,
# any reason I shouldn't this time?", "I usually back the joint slate, talk me out of it".
_HABIT = re.compile(
    r"\b(always|usually|normally|generally|traditionally|habitually|every (time|year|election)|"
    r"each time|for (years|decades|ages)|all my (working )?life|my whole life|since \d{4}|"
    r"\d+ years|last time|in the past|previously|never|used to|in (19|20)\d\d)\b"
)
_CHOSEN = re.compile(
    r"\b(vot\w*|back(s|ed|ing|ers?)?|support\w*|(gone|went|go|going) (with|for)|pick\w*|chose|"
    r"choose|ticked|tick|stuck with|stick with)\b"
)
_SAME_WAY = re.compile(r"\bthe same (way|lot|people|ones|side|team|slate|candidates?)\b")
_ASKED_TO_CHANGE = re.compile(
    r"\b(reasons?|why|should|shouldnt|change|changing|switch\w*|stick|stay|still|again|"
    r"this time|keep|carry on|continue|convince|persuade|talk me|make me|worth|right call|"
    r"mistake|regret\w*|instead|alternatives?|(someone|anyone|somebody|anybody|who) (else|"
    r"different))\b"
)
# What a habit of voting for them may come with and still ask a fact: whether they stand.
_STILL_STANDING = re.compile(
    r"\b(standing|stand|stands|running|run|on the (ballot|paper|list)|nominated)\b"
)


# What a name may come with and still be a name alone: the post, the vote, small words.
_BARE = frozenset(
    "for as the a to of and or then so on then president presidency nec exec executive vote "
    "election elections slate slates candidate candidates group yes no ok okay maybe yeah nah "
    "hmm eh lol pls please".split()
)


_GROUP_NOUNS = frozenset(
    "network group alliance caucus coalition campaign slate party front movement ticket list "
    "platform".split()
)


def names_standing(standing: Sequence[str]) -> list[str]:
    """How members may name those standing: "Marion Lloyd (candidate for President)" →
    "marion lloyd" and, for a person, "lloyd"; "Independent Left (joint slate…)" →
    "independent left"."""
    found: list[str] = []
    for entry in standing:
        name = re.sub(r"\s*\(.*?\)\s*", " ", entry).strip().lower()
        if not name:
            continue
        found.append(name)
        if "candidate" in entry.lower() and len(name.split()) > 1:
            found.extend([name.split()[0], name.split()[-1]])
        elif len(name.split()) > 1:
            found.append("".join(w[0] for w in name.split()))  # a slate's initials: "bln"
            *short, last = name.split()
            if len(short) > 1 and last in _GROUP_NOUNS:
                found.append(" ".join(short))  # "broad left" of "broad left network"
                found.append("".join(w[0] for w in short))  # and its initials, "bl"
            found.extend(_clipped(name.split()))
    return list(dict.fromkeys(found))


# How members clip a word of a slate's name: "indy left", "the indies" for Independent Left.
_CLIPPED = {
    "independent": ("indy", "indie", "indies", "indys"),
    "independents": ("indies", "indys"),
    "socialist": ("soc", "socs"),
    "progressive": ("progs",),
    "democratic": ("dem", "dems"),
}


def _clipped(words: Sequence[str]) -> list[str]:
    """A slate's name with its first word clipped ("indy left"), and the clipped word alone
    when it names members of the slate ("the indies")."""
    first, *others = words
    clips = _CLIPPED.get(first, ())
    said = [" ".join([c, *others]) for c in clips if others and not c.endswith("s")]
    return said + [c for c in clips if c.endswith("s")]


@lru_cache(maxsize=64)
def _name_shapes(names: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Each name of those standing as a pattern (a plural allowed), the longest first."""
    return tuple(re.compile(rf"\b{re.escape(n)}s?\b") for n in sorted(names, key=len, reverse=True))


def mentions(text: str, names: Sequence[str]) -> bool:
    lowered = text.lower()
    return any(shape.search(lowered) for shape in _name_shapes(tuple(names)))


# "What do I need to vote?", "where do I have to vote": what it takes, not whom to choose.
_PRACTICAL = re.compile(
    r"^(what|when|where|how)\b[^?.]*\b(need|needs|have|has|able|allowed|got) to (vote|elect)\b"
    r"(?! for)"
)


# Where to read what they say: the statements, a fact ("where do I read what the candidates
# say", "where can I see Lloyd's views on pay").
_WHERE_TO_READ = re.compile(r"^(so |and |but |ok |hi )?where\b[^?.]*\b(read|find|see|look)\b")

_INITIALS = re.compile(r"^what (does|do|is) [a-z]{2,4} (stand|short) for\b")

# What the asking clause may ask of the election that is a fact whatever it says of those
# standing: a result ("who won the group exec vote", "did the broad left slate get in"), or
# whether one may vote ("i like the dwp candidates, can i vote for them if i'm in hmrc?",
# "can i vote for more than one candidate"), unless it asks for a choice too.
_RESULT_ASKED = re.compile(
    r"^(so |and |but |ok )?(who|whom|which \w+|did|has|have|what|were|was)\b[^?]*"
    r"\b(won|lost|(?<!if they )(?<!if he )(?<!if she )(?<!once they )(get|got) in|was elected|"
    r"were elected|"
    r"results?|turnout)\b"
)
_MAY_I_VOTE = re.compile(
    r"^(so |and |but |ok )?(can|may|could|am|do|will|is it ok if|are) (i|we|members?|you|u)\b"
    r"( \w+)? (vote|be allowed|allowed|get (a |to )?vote|eligible)\b"
)
# How to vote or what to do, asked of a procedure: "how do i vote for the nec candidates",
# "what do i do if i vote for the wrong candidate by mistake".
_PROCEDURE_ASKED = re.compile(
    r"^(so |and |but |ok )?(how (?!would (you|u) )(do|can|does|will|would|to) ((i|we|you|u|"
    r"members?|people|one) )?(vote|cast)|what (do|should|can|shall) (i|we|you|u) do (if|when|"
    r"now|about|after|next|with))\b"
)
# What the bot (or the union) keeps or knows: "does the bot keep track of who supports which
# candidate", "can the union see who i voted for".
_DATA_ASKED = re.compile(
    r"^(so |and |but |ok )?(does|do|will|can|could|is|would) (the bot|you|u|it|the union|anyone|"
    r"they|my (rep|branch|employer|manager))( \w+)? (know|knows|record\w*|keep\w*|stor\w*|see|"
    r"track\w*|find out|log\w*|sav\w*)\b"
)
# Whether one of them holds the post now: "is X the sitting president or a challenger?" (not
# what a vote means: "is a vote for X a vote against the current leadership", a view)
_HOLDS_POST = re.compile(
    r"^(so |and |but |ok )?(is|are|was|were) (?!(a |my |your |our )?(votes?|voting)\b)"
    # (not how they do in it: "is the current leadership any good")
    r"(?![^?]*\b(any good|good|bad|decent|useless|rubbish|competent|up to (it|the job)|"
    r"doing (a |an )?\w+ job)\b)[^?]*"
    r"\b((the|an?) (sitting|incumbent|outgoing|"
    r"serving|existing|current)|(a|the) challenger)\b"
)
# The union's bodies, one of which does a thing: not those standing.
_BODY = r"(nec|groups?|group exec\w*|branch(es)?|union|pssec|sector exec\w*|committees?|hq|reps?)"
# What a word or a name means: "what does the left in independent left mean".
_MEANING = re.compile(
    r"^(so |and |but |ok )?what (does|do|is|s|are)\b[^?]*\b(mean|means|meant|short for)\b"
    # what a kind of thing on the paper is: "what's a joint slate?"
    r"|^(so |and |but |ok )?(what|wot|wat) ?(is|s|are|r) (a|an) (joint |single |separate |"
    r"combined )?(slate|ticket|faction|caucus|nominee|statement|election address|manifesto)s?"
    r"\W*$"
)
# Whose slate someone is on, one name the same as another: "which slate is X on", "is the
# left slate the same as the broad left network" (not "which side is X on": a view).
_SLATE_OF = re.compile(
    r"^(so |and |but |ok )?which (slate|slates|ticket|list)s? (is|are|s|does|do) [^?]{0,40}"
    r"\b(on|in|part of|with|belong to|standing (for|with|on))\W*$"
)
_SENT = re.compile(
    r"\b(send|post|return|hand in|deliver|give in) (my|our|the|your|his|her|their) (vote|paper|"
    r"ballot|form)s?\b"
)
# Where the mark goes on the paper ("where does my cross go if I want to vote for a slate",
# "which box does my x go in": the mark goes, the member does not choose; not "where should
# my cross go", "which box do I tick": a choice), who is on the member's paper ("who can I
# vote for?").
_WHERE_MARK = re.compile(
    r"^(so |and |but |ok )?(where|(which|what) (box|boxes|column|space|square|bit|part|section|"
    r"line|row|side)( of| on)?( the| my)?( \w+)?( paper| form| sheet)?) (does|do|will) (my|the|"
    r"our|your|a) (cross|x|tick|mark|number)s? (go|goes)\b"
)
_WHO_MAY = re.compile(
    r"^(so |and |but |ok )?(who|whom) (can|may|could) (i|we) (vote|pick|choose)( for)?"
    r"( (in|on|at|for) [^?.,]*)?\W*$"
)
_SAME_AS = re.compile(r"^(so |and |but |ok )?(is|are) [^?]*\bthe same (as|thing)\b")
_CHOICE_TOO = re.compile(r"\b(should|shall|best|better|worth|recommend\w*|or not)\b")
# What the asking clause asks first that is a fact, however the rest is worded: whom to reach
# ("who should I contact to order a replacement ballot paper?"), a date or a deadline ("what's
# the cut-off date for joining if you want a vote"), how the member does a thing, whether one
# gets a vote. A choice word further on ("order", "want … vote") does not make it a view.
_OPENS = r"^(so |and |but |ok |okay |please |hi |hello |sorry )*"
_CONTACT_ASKED = re.compile(
    rf"{_OPENS}(who|whom|whos|which (person|people|office|team|department|number|address|"
    r"email)|where)( \w+)? (should|do|can|could|would|must|shall|will|is|are|s|am) (i|we|you|u|"
    r"one|members?|people|my (colleague|mate|friend|partner|wife|husband|rep|manager|branch|"
    r"team)|(the )?(right |best |correct )?(person|people|one|contact|"
    r"office|team|number|address|email))( \w+)?( to| i| we)? (contact|ask|speak|talk|ring|"
    r"call|phone|e-?mail|write|go to|go and see|turn to|report|complain|get in touch|message|"
    r"reach|apply|request|order|send|tell|chase|see about|get hold of)\b"
    # "who's the right person to ask for a new ballot paper?"
    rf"|{_OPENS}(who|whos|which)( is| are)? (the |a )?(right |best |correct |proper )?(person|"
    r"people|one|contact|office|team|department|number|address|email) (to|i should|we should) "
    r"(contact|ask|speak|talk|ring|call|phone|e-?mail|write to|go to|get in touch|message|tell)\b"
)
_WHEN_ASKED = re.compile(
    rf"{_OPENS}(when|whens|by when|until when|till when|up to when|how (long|late|soon|early)|"
    r"(what|whats|which) (is |s |are |was |were |will be |would be )?(the |my |our )?(\w+ )?"
    r"(cut-? ?off|cutoff|deadline|deadlines|closing date|last (day|date)|final (day|date)|date|"
    r"dates|day|time))\b"
)
_HOW_ASKED = re.compile(
    rf"{_OPENS}how ((do|can|could|will|does|did) (i|we|you|u|one|members?|people|my \w+|"
    r"(my|a|the) (colleague|mate|friend|partner|member|new starter))|to) (?!(choose|decide|pick|"
    r"know|tell|work out|figure out|compare|judge|rate|make up|feel|help|campaign|canvass|"
    r"vote(?! (by|online|in|"
    r"from|if|when|early|again|without|with(?!out)))|back|support|go for|go with|find out "
    r"who|see who|rank|order them)\b)\w+"
    # "how should I read a candidate's statement": a way of doing a thing, not a choice
    rf"|{_OPENS}how (should|shall|must) (i|we|you|u|one|members?|people) (read|go through|get "
    r"through|find|look up|get hold of|post|send|return|fill in|fill out|complete|sign|seal|"
    r"request|ask for|order|apply|contact|check|register|update|report)\b"
)
# Whether one gets a vote at all: "do new starters get a vote", "if you want a vote", "am I
# eligible" (not "who gets my vote": a choice).
_HAS_A_VOTE = re.compile(
    r"\b(eligib\w*|entitled|qualify|qualifies|(get|gets|getting|have|has|having|want|wants|"
    r"given|still get|keep) (a|any|the|their) (vote|say|ballot( paper)?|voting (paper|pack)))\b"
)
# How many one may choose, whether two of them are one slate: "how many nec candidates can i
# pick", "r they the same slate or different ones".
_HOW_MANY = re.compile(
    r"\bhow many (\w+ ){0,3}(can|may|could|do|am|are|is|should) (i|we|you|u|one|members?|people)"
    r"( \w+)? (pick|choose|vote for|vote|tick|mark|select|back|rank|put)\b|"
    r"\bhow many (\w+ ){0,3}(i|we|you|u|one|members?|people) (can|may|could|should|get to|are "
    r"allowed to|am allowed to) (pick|choose|vote for|vote|tick|mark|select|back|rank|put)\b|"
    r"\b(is there|whats|what is|what s) (a |the )?(limit|maximum|max|minimum|min)\b"
    # how a slate is marked: "is the joint slate one vote or several"
    r"|\b(one|a single|1) (vote|cross|tick|mark|x|box)e?s? or (two|several|more|many|separate|"
    r"multiple|lots|\d+)\b"
    # whether a slate is voted for whole: "do I have to vote for everyone on a slate"
    r"|\b(have|need|got) to (vote for|pick|choose|tick|mark|back|select) (all|every|everyone|"
    r"everybody|each|both|the whole|them all)\b"
)
_ONE_SLATE = re.compile(
    r"\b(is|are|r) (they|it|those|these|them|both|the two)( \w+)? (the same|one|a single|separate|"
    r"different|two) (slates?|tickets?|lots?|lists?|groups?|teams?|parties)\b"
)
# Someone among them asked for, or a view, beside the fact: "when I vote, who's best?"
_VIEW_TOO = re.compile(
    r"\b(who|whom|whos|whose|whoever|which (one|ones|candidates?|slates?|lot|side|of (them|those|"
    r"these|the \w+))|best|better|worse|worst|worth|recommend\w*|trust\w*|or not|deserve\w*|"
    r"any good|favou?rites?|endorse\w*|pick|choose|should (i|we) (vote|back|support|pick|choose)|"
    # for one of them, not for the post ("if you want to vote for the nec"), nor a paper back
    r"(vote|voting|votes) for(?! (the |a |your |my |this |that )?(nec|national|presiden\w*|"
    r"pres|exec\w*|group|elections?|ballots?|posts?|seats?|first time)\b)|"
    r"(to|i|we|you|u|should|would|will|they|members) (back|support)|backing|supporting|"
    # helping one side or keeping another out: "who should I contact to help the … campaign",
    # "how do I get rid of the current leadership"
    r"help\w*|campaign\w*|canvass\w*|rid of|stop|keep (\w+ ){1,2}(out|off|in)|take over|"
    r"elected|get in|win|lose|leadership|incumbents?|current (lot|nec|president|exec\w*))\b"
)


def _fact_first(clause: str, lowered: str) -> bool:
    """Whether the clause asks a contact, a date, a way, or the message whether one gets a
    vote, how many one may choose, whether two of them are one slate; and nothing else of
    those standing (no one asked for, no view, no forecast)."""
    lowered = " ".join(lowered.split())  # (the names of those standing taken out)
    if _PREDICTION.search(lowered) or _LIKELIER.search(lowered) or _FORECAST.search(lowered):
        return False
    if _THEY_WILL.search(lowered) or _ACTING.search(lowered):
        return False  # "when will they sort out pay": what one of them will do
    for head, said in (
        (_CONTACT_ASKED, clause),
        (_WHEN_ASKED, clause),
        (_HOW_ASKED, clause),
        (_HAS_A_VOTE, lowered),
        (_HOW_MANY, lowered),
        (_ONE_SLATE, lowered),
    ):
        rest = head.sub(" ", said)
        if not head.search(said) or _VIEW_TOO.search(rest):
            continue
        if not (_FIELD.search(rest) and _JUDGEMENT.search(rest)):
            return True  # (not "how can I show my support for the joint slate")
    return False


# How one of those standing, or the election, came out: a share, a place, a seat won, got in
# or not, asked in the past ("what share of the vote did X end up with", "has X got in as
# president", "where did X finish", "was X successful"). The scrutineer's to announce, never a
# view, and no forecast ("will X get in").
_OUTCOME = re.compile(
    r"\b((share|proportion) of (the )?votes?|vote share|percentage|per ?cent|(\d+ ?)?%)"
    # (a share of something else is no count: "the 60% office attendance push", "a 5% rise")
    r"(?! (turnout|threshold|needed|to win|yes|office|attendance|in (the )?office|pay|rise|"
    r"increase|cut|return|of (staff|the workforce|workers|the time|time|salary|pay)))"
    r"|\b(did|has|have|had)\b[^?.]{0,40}\b(come|came|finish\w*|end(ed)? up|place[ds]?|"
    r"rank(ed)?)( in)? (first|second|third|last|top|bottom|\d+(st|nd|rd|th))\b"
    r"|\bwhere did\b[^?.]{0,40}\b(finish|come|place|end up|rank)\b"
    r"|\b(has|have|had)\b[^?.]{0,40}\b(got in|gotten in|won|lost|been (re-?)?elected|made it "
    r"(in|on|onto)|taken (the|a|any) seats?|topped the poll)\b"
    r"|\b(was|were)\b[^?.]{0,40}\b(successful|unsuccessful|beaten|defeated|voted (in|out)|"
    r"(re-?)?elected)\b(?! (last|in (19|20)\d\d|before|previously))"
    r"|\b(end|ended) up with\b"
    # the count's share, in the past: "which slate got the most seats", "who won the most
    # votes", "how many seats did they take"
    r"|\b(got|won|took|gained|secured|picked up|came away with)( (the|a))? (most|more|fewest|"
    r"fewer|least|majority|biggest share|all|\d+)( of( the)?)? (seats?|votes?|places?|"
    r"positions?)\b"
    r"|\bhow many (seats?|votes?|places?) (did|has|have|had)\b"
    # "did the joint slate get a majority", "did X get more votes than last time"
    r"|\b(did|has|have|had)\b[^?.]{0,40}\b(get|got|gotten|win|won|take|took|taken|gain|gained|"
    r"secure|secured)( (the|a|an))?( overall)? (majority|control|(most|more|fewer|fewest|less|"
    r"least|\d+)( \w+)? (seats?|votes?))\b"
    # a post taken: "did lloyd become president", "has she made it onto the nec"
    r"|\b(did|has|have|had)\b[^?.]{0,40}\b(become|became|been made|end(ed)? up as|made it (as|"
    r"onto|on to|on))( the)?( new)? (president|nec|national exec\w*|group exec\w*|exec\w*)\b"
    # how close it was: "how close was the president vote", "was it a landslide"
    r"|\bhow (close|tight|narrow) (was|were)\b|\bby how (much|many) (did|was|were|had)\b"
    r"|\b(landslide|walkover|photo finish)\b"
    # who did best: "which slate did best in my branch", "who polled highest"
    r"|\b(which|who|whos)\b[^?.]{0,30}\b(did|came|finished|fared|polled|scored) (best|worst|"
    r"better|worse|well|badly|strongest|weakest|highest|lowest)\b"
    # one of them out of the race: "did any candidate get disqualified", "has X pulled out"
    r"|\b(did|has|have|had|was|were)\b[^?.]{0,40}\b(disqualified|barred|withdrawn|withdrew|"
    r"pulled out|dropped out|stood down)\b"
    r"|\b(did|has|have)\b[^?.]{0,40}\b(top(ped)? the poll|win (any|a|the|many) seats?|get (any|a|"
    r"many) seats?|take (any|a|many) seats?)\b"
)
_NOT_YET = re.compile(
    r"\b(will|would|could|might|gonna|going to|likely|chances?|odds|expect\w*|predict\w*|think|"
    r"reckon|hope|should|deserve\w*|need|needs|to win)\b"
)


def asks_outcome(text: str, names: Sequence[str]) -> bool:
    """Whether the clause that asks asks how one of those standing (or the election) came out:
    a share, a place, a seat, got in or not. A hand-off (the scrutineer's), never a view."""
    lowered = _lowered(text)
    clause = (asking_clause(lowered) or lowered).strip()
    did = _OUTCOME.search(clause) or _HOW_THEY_DID.search(clause)  # "how did X do in the count"
    if not did or _NOT_YET.search(clause):
        return False
    rest = _unnamed(clause, names)
    return bool(mentions(clause, names) or _FIELD.search(rest) or _RACE.search(rest))


_RACE = re.compile(r"\b(elections?|presiden\w*|seats?|poll|race|ballot|vote|votes)\b")


def _fact_asked(lowered: str) -> bool:
    """A result, whether one may vote, or how to, asked by the clause that asks."""
    clause = (asking_clause(lowered) or lowered).strip()
    if _PROCEDURE_ASKED.search(clause) or _DATA_ASKED.search(clause):
        return True
    if _MEANING.search(clause) or _SLATE_OF.search(clause) or _SAME_AS.search(clause):
        return True  # what a word means, whose slate, one the same as another
    if _SENT.search(clause) or _WHERE_MARK.search(clause) or _WHO_MAY.search(clause):
        return True  # where the paper or the mark goes, who is on the member's paper
    if re.search(rf"\b{_BODY},? or (the )?{_BODY}\b", lowered):
        return True  # what a word means; which body does a thing, not which of them
    if _fact_first(clause, lowered):
        return True  # whom to contact, a date, a way, a vote at all
    if _of_them_unheld(lowered):
        return True  # what a statement says, a format, their own site, what they are
    if _OUTCOME.search(clause) and not _NOT_YET.search(clause):
        return True  # how one of them came out: "what share of the vote did X end up with"
    asked = _RESULT_ASKED.search(clause) or _MAY_I_VOTE.search(clause) or _HOLDS_POST.search(clause)
    forecast = _PREDICTION.search(clause) or _LIKELIER.search(clause)
    return bool(asked and not forecast and not _CHOICE_TOO.search(clause))


# What the content cannot hold of those standing, however near their names: what a statement
# says ("what did X say in her statement about disabled members", "does her manifesto mention
# pensions"), the forms it comes in ("are the statements in braille"), a site or an account of
# their own ("is X a registered faction with its own website"). The content holds where the
# statements are, never what is in them: a fact asked, for an organiser (`held_of_them`).
_STATEMENT = r"(statements?|manifestos?|election address\w*)"
_STATEMENT_SAID = re.compile(
    r"\b(say|says|said|saying|write|writes|wrote|written|mention\w*|put|promis\w*|pledg\w*|"
    r"talk\w* about|commit\w*)\b[^?.]{0,30}\b(in|on)( (her|his|their|its|the|a|that|this))?"
    rf"( own| election| candidates?)? {_STATEMENT}\b"
    rf"|\b{_STATEMENT} (say|says|said|mention\w*|cover\w*|talk\w* about|address\w*|promis\w*|"
    r"pledg\w*|include\w*|contain\w*|commit\w*)\b"
    rf"|\bin (her|his|their|its)( own)? {_STATEMENT}\b[^?.]{{0,40}}\b(about|on|regarding|re)\b"
    rf"|\b{_STATEMENT}\b[^?.]{{0,40}}\b(braille|large print|audio|easy ?read|sign language|bsl|"
    r"welsh|gaelic|translat\w*|other languages?|another language|accessible|alternative "
    r"formats?|other formats?|video|recording|hard copy|paper copy|printed|print out|"
    # sent to the member: "can I get the statements posted to me on paper"
    r"(posted|sent|mailed) (to (me|us|my \w+)|home|out to (me|us))|on paper|in the post)\b"
    # the form named first: "paper copies of the candidates' statements"
    r"|\b(paper|hard|printed|print|braille|large print|audio|posted|welsh|gaelic|english|"
    r"easy ?read|accessible|translated)( language)? (copy|copies|versions?|translations?|"
    r"formats?|editions?) of (the |her |his |their |all the |each )?(candidates? |nec |"
    r"presidential )?"
    rf"{_STATEMENT}\b"
)
# Their own site, account or standing as a body: "does X have a website", "is X on twitter",
# "is X a registered faction".
_OWN_MEDIA = re.compile(
    r"\b(websites?|web ?sites?|web ?pages?|homepage|social media|twitter|facebook|instagram|"
    r"tiktok|youtube|blog|mailing list|newsletter|registered|registration|affiliated)\b"
)
# What one of them is: "is X a political party", "is the independent left a faction" (not
# "is X a good choice": a judgement, read before this).
_WHAT_THEY_ARE = re.compile(
    r"^(so |and |but |ok |hi )?(is|are) (the |this |that )?(\w+ )?(a|an) (registered |political |"
    r"proper |real |official |separate |new |national |union )?(faction|party|group|"
    r"organisation|organization|network|slate|campaign|company|charity|union|caucus)\b"
)
_OF_THEM_VIEW = re.compile(
    r"\b(should|best|better|worse|worst|good|bad|worth|trust\w*|recommend\w*|back|backing|"
    r"support|supporting|vote for|prefer\w*|favou?r\w*|like|rate|agree|reckon|think|opinion|"
    r"impress\w*|convinc\w*|honest\w*|true|truth|lies|lying|any good|decent|serious|"
    r"believ\w*|credib\w*|realistic|mean it|buy it|deliver\w*)\b"
)
_WHERE_READ = re.compile(r"\b(where|link|links|url|page|find|read|see|look at|copy of)\b")
# The past of one of them named, in office or before this election: "has X been president
# before", "would this be her first term", "what's X's background", "is X already in post".
# The content holds who stands now and where their statements are, never their record.
_THEIR_PAST = re.compile(
    r"\b(been|was|were|served|stood|ran|held|done)\b[^?.]{0,40}\b(before|previously|in the "
    r"past)\s*($|[?.,!]|or\b|and\b)"
    r"|\b(first|second|third|previous|last) (term|time (in|as|on) (post|office|the))\b"
    r"|\b(background|track record|career)\b"
    r"|\b(already|currently|still) (the |a |in |on the )?(president|post|office|nec)\b"
    r"|\bhow long (has|have) (s?he|they|it) (been|served|held)\b"
)


# The election's ways the content holds no rule or date of: campaigning for one of them (may
# supporters put posters up, can I canvass at work; not the bot asked to: `_CANVASS`), meeting
# them (a hustings, a Q and A, "meet the candidates"), a recount, and who held a post before.
_CAMPAIGNING = re.compile(
    r"\b(campaign(s|ed|ing)?|canvass\w*|leaflet\w*|posters?|flyers?|stickers?|electioneer\w*|"
    r"hustings?)\b"
)
_MAY_ONE = re.compile(
    r"\b(can|could|may|might|cant|allowed|permitted|ok|okay|rules?|against the rules|banned|"
    r"forbidden)\b"
)
_NOT_THE_BOT = re.compile(r"\b(can|could|will|would|may) (you|u|the bot|bot)\b")
_MEETING_THEM = re.compile(
    r"\b(hustings?|q ?(and|&|n) ?as?|question time|meet(ing)?(-| and )greet|meet (the|any of the|"
    r"all the|them|those) (candidates?|nominees?|slates?|hopefuls?|zname|them)|(debates?|"
    r"meetings?|events?|q ?(and|&|n) ?as?|sessions?) (with|between|for) (the )?(candidates?|"
    r"nominees?|slates?|zname))\b"
)
_RECOUNT = re.compile(r"\b(re-?counts?|re-?counted|re-?counting)\b")
# Who held an elected post before: "who was the president before the 2023 election", "who
# was on the nec before" (the content names no one who holds or held a post).
_HELD_BEFORE = re.compile(
    r"\bwho (was|were|used to be|had been|held|served as)( the| our)?( (last|previous|old|"
    r"outgoing|former))? (president|gen(eral)? sec\w*|chair\w*|secretary|treasurer|nec|on the "
    r"nec|leader)\b[^?]{0,40}\b(before|previously|prior|until|last (time|year)|then)\b"
)


def _election_unheld(tokened: str) -> bool:
    """Campaigning for one of them asked as a rule, meeting them, a recount, who held a post
    before (`tokened`: the question with their names read as "zname", spaced once)."""
    if _RECOUNT.search(tokened) or _HELD_BEFORE.search(tokened) or _MEETING_THEM.search(tokened):
        return True
    clause = (asking_clause(tokened) or tokened).strip()  # ("… the link for a leaflet": told)
    if _WHERE_TO_READ.search(clause):
        return False  # where the statements are: "where can I read them, for a leaflet"
    return bool(
        _CAMPAIGNING.search(clause)
        and _MAY_ONE.search(clause)
        and not _NOT_THE_BOT.search(tokened)
        and _ELECTION_SAID_TOO.search(tokened)
    )


_ELECTION_SAID_TOO = re.compile(
    r"\b(zname|elections?|candidates?|slates?|factions?|nominees?|supporters?|nec|presiden\w*|"
    r"group exec\w*)\b"
)


def _of_them_unheld(lowered: str) -> bool:
    """What a statement says or the form it comes in, asked with no view beside it; a site
    of their own (`held_of_them`: only where one of them is named)."""
    lowered = " ".join(lowered.split())
    if _OF_THEM_VIEW.search(lowered):
        return False
    if _election_unheld(lowered):
        return True  # campaigning for them, meeting them, a recount, who held a post before
    lowered = (asking_clause(lowered) or lowered).strip()  # (a statement told first: no fact)
    said = _STATEMENT_SAID.search(lowered)
    if said and not _WHERE_READ.search(lowered[: said.start()]):
        return True  # ("where can I read what X says in her statement": where they are)
    return bool(_WHAT_THEY_ARE.search(lowered))


def held_of_them(text: str, names: Sequence[str]) -> bool:
    """Whether the question asks what a statement of theirs says, the forms statements come
    in, a site or account of one of those standing, or the past of one named (in office
    before, their background): facts the content does not hold (it holds who stands and
    where the statements are), handed off, never the neutral answer."""
    lowered = _lowered(text)
    rest = " ".join(_unnamed(lowered, names).split())
    if _OF_THEM_VIEW.search(_KIT.sub(" ", rest)) or is_partisan(text, names):
        return False  # ("no decent internet": the member's kit, not them)
    if _election_unheld(_tokened(lowered, names)):
        return True  # campaigning for them, meeting them, a recount, who held a post before
    clause = (asking_clause(rest) or rest).strip()
    said = _STATEMENT_SAID.search(clause)
    if said and not _WHERE_READ.search(clause[: said.start()]):
        return True  # ("where can I read what X says in her statement": where they are)
    if mentions(lowered, names) and _THEIR_PAST.search(rest):
        return True  # their record before this election: "has X been president before"
    named = mentions(lowered, names) or bool(_FIELD.search(rest))
    return named and bool(_OWN_MEDIA.search(rest)) and not re.search(_STATEMENT, rest)


# Who stands for a post, or a vote for it: "who is standing for vice president", "candidates
# for deputy general secretary", "do we get a vote for treasurer". The post is held only if an
# election the content holds names it (`post_unheld`'s `held`: their titles and who stands).
_POST_ASKED = re.compile(
    r"\b(standing|stand|stands|stood|running|run|runs|ran|candidates?|nominees?|nominated|"
    r"nominations?|contest\w*|up|elect\w*|vote|votes|voting|ballot|election|race) (for|as)"
    r"( the)?( (post|position|role|office|job|seat) of)? (?P<post>((vice|deputy|assistant|"
    r"general|honorary|joint|branch)[ -])*(president|secretary|treasurer|"
    r"chair|chairperson|chairman|chairwoman|vice-?chair|convenor|officer))\b"
)


def post_unheld(text: str, names: Sequence[str], held: str) -> bool:
    """Whether the question asks who stands for a post, or a vote for it, that no election
    the content holds names (`held`: their titles and who stands, lower case): "who is
    standing for vice president" when only a President is elected. A hand-off, never the
    list of those who stand for another post; a view asked keeps the neutral answer."""
    lowered = " ".join(_lowered(text).split())
    found = _POST_ASKED.search(lowered)
    if found is None or is_partisan(text, names):
        return False
    post = found.group("post").replace("-", " ")
    return re.search(rf"\b{re.escape(post)}\b", held) is None


# Who stands with whom, on which slate, for which post: what the election notice lists
# (`standing:`), asked of one of those standing (a name, read as "zname") or of a slate.
# "which group is on the joint slate with the independent left", "is marion lloyd on the broad
# left slate?", "who is on the joint slate", "which groups joined the slate", "which post is
# lloyd going for", "is the independent left going it alone or on a slate with someone".
_SLATE = r"(slates?|tickets?|pacts?|alliances?|zname)"
_ON_SLATE = (
    r"(on|in|part of|with|joined|joining|standing (on|with|alongside|for)|running (on|with|"
    r"alongside|for)|teamed up with|allied (to|with)|aligned with|affiliated (to|with))"
)
_STANDING_ASKED = re.compile(
    # who came forward, in other words: "who has put themselves forward for president",
    # "which slates have put people up for the nec", "who's thrown their hat in the ring" (not
    # "what has the nec put forward on pay": a proposal)
    r"\b(who|whos|whom|which|what|(has|have|did) (anyone|anybody|someone|somebody|any))\b"
    r"[^?.]{0,30}?( (has|have|is|are|s|did|had))?( \w+)? (put|putting) ((themselves|himself|"
    r"herself|people|candidates?|someone|somebody|anyone|names?|a name|\w+ (candidates?|people|"
    r"names?)) (forward|up)\b(?! (with|to)\b)|(forward|up)( (people|candidates?|names?|someone|"
    r"anyone))? (for|as|in|on) (the |this |our |a )?(\w+ )?(presiden\w*|pres|nec|national "
    r"exec\w*|exec\w*|elections?|ballot|seats?|posts?|slates?)\b)"
    r"|\b(who|whos|whom|which|what|(has|have|did) (anyone|anybody|someone|somebody|any))\b"
    r"[^?.]{0,30}?( (has|have|is|are|s|did|had))?( \w+)? (come forward|fielded|fielding|"
    r"thrown (their|his|her|its) hats? in|declared (for|as|themselves))\b|"
    # whose slate: "who is on the joint slate", "who's standing with the indy left"
    rf"\bwho(s| is| are| else is| else)? ({_ON_SLATE}|make up|makes up|forms?|formed|"
    rf"is in) (the |a |that |this |their |its )?(joint |same |zname |opposition |other |rival )*"
    rf"{_SLATE}\b"
    # with whom one of them stands: "who has the independent left teamed up with"
    r"|\bwho (has|have|is|are|did|does|do) zname (teamed up|team up|joined|join|allied|partnered|"
    r"paired up|standing|running|stand|run) (with|alongside)\b"
    # who else stands, or against whom: "who's standing against marion lloyd?"
    r"|\bwho(s| is| are)?( else)?( is| s)? (standing|running|stands|runs) against\b"
    r"|\bwho else (is |s )?(standing|running|on the (ballot|paper|list))\b"
    # who stands for a post an election holds: "who is up for president this time round"
    r"|\bwho(s| is| are)( \w+)? (standing|running|up|going|in the running|stood|nominated) for "
    r"(the )?(post of |role of )?(presiden\w*|pres|prez|nec|national exec\w*|group exec\w*|"
    r"exec\w*)\b"
    # which group or slate: "which group is on the joint slate with …", "which groups joined
    # the joint slate", "what other slate is zname standing with"
    rf"|\b(which|what)( other| two| 2| three| 3)? (groups?|slates?|factions?|organisations?|"
    rf"networks?|"
    rf"part(y|ies)|tickets?|names?)\b( \w+){{0,2}} (is|are|s|was|were|has|have|joined|"
    rf"make up|makes up|form|formed)( (also|now))? ({_ON_SLATE} |joined )?"
    rf"(the |a |that |this |their |its )?"
    rf"(joint |same |zname )*{_SLATE}\b"
    # which have joined together: "which slates have joined together for the nec vote"
    r"|\b(which|what)( other)? (groups?|slates?|factions?|networks?|part(y|ies)|tickets?) (have|"
    r"has|are|is|s)( \w+)? (joined|teamed|come|got|banded|clubbed|linked) (up|together|forces)\b"
    rf"|\b(which|what) (slate|slates|ticket|list|group|side of the slate)s? (is|are|s|was|were|"
    rf"does|do|did) "
    rf"zname( \w+)? ({_ON_SLATE}|belong to)\b"
    # one of them on a slate: "is zname on the zname slate", "are they on a slate with
    # someone", "is zname with zname"
    rf"|^(so |and |but |ok |hi |hiya )?(is|are|isnt|arent|was|were|wasnt|werent) "
    rf"(zname|they|he|she|it|them)"
    rf"( and zname)?( (also|even|actually|definitely|really))? {_ON_SLATE} (a |the |any |one |"
    rf"that |this |their |its )?(joint |same |zname )*{_SLATE}\b"
    rf"|\b(are|is|was|were) (they|it|zname) on a {_SLATE} with\b"
    # which post: "which post is zname going for", "what position is zname standing for"
    rf"|\b(which|what) (post|position|role|seat|office|job|election)s? (is|are|s|was|were|"
    rf"does|do|did) "
    rf"zname (standing|running|going|up|stand|run|go)( for| in)?\b"
    rf"|\b(is|are) zname (standing|running|going) for (which|what)\b"
    # a slate's name: "what's the joint slate called - the one with zname"
    rf"|\b(whats|what is|what s|whats the name of|what is the name of) the (joint |other |zname )?"
    rf"{_SLATE} (called|named|with zname)\b"
    # "who is zname standing for": the post, as members ask it
    rf"|^(so |and |but |ok |hi )?(who|what)(s| is) zname (standing|running|going|up) for\W*$"
    # two of them, together or not: "zname and zname are they together or wat"
    rf"|\bzname (and|&|n) zname\b[^?.]{{0,25}}\b(together|on the same (slate|ticket|side)|"
    rf"allied|teamed up|joined up|a team|a joint slate)\b"
    # alone or together, asked as a choice between the two: "zname - on their own or teamed up
    # with someone?", "zname and zname, two separate slates or one?", "together or separately?"
    # (one of them or a slate said first: not "is the union doing pay alone or with others")
    rf"|\b(zname|{_SLATE})\b[^?.]{{0,30}}?\b(on (its|their|his|her) own|alone|solo|"
    r"separate(ly)?|independently)\b[^?.]{0,25}\bor\b"
    r"[^?.]{0,25}\b(with|together|joint\w*|alongside|part of|teamed|cosied|cozied|paired|allied|"
    r"in a (slate|ticket|pact)|on a (slate|ticket))\b"
    rf"|\b(separate|two|different)( \w+)? {_SLATE} or (one|the same|a joint|joint|together)\b"
    # which one stands, or whether anyone else does: "is zname the one standing for president",
    # "is zname the only candidate", "is she up against anyone"
    r"|^(so |and |but |ok |hi )?(is|are) zname (the|a) (one|ones|person|people|candidate)( \w+)? "
    r"(standing|running|nominated|up)\b"
    r"|^(so |and |but |ok |hi )?(is|are) zname the only (one|ones|candidate|candidates|person|"
    r"nominee|name)\b"
    r"|\b(up against|competing against|opposed by|challenged by|facing) (anyone|anybody|someone|"
    r"somebody|any one|another|other|others|more)\b"
    # on its own or with someone: "is zname going it alone this year"
    rf"|\b(is|are) (zname|they|it) (going it alone|(standing|running) (alone|on (its|their) "
    rf"own|separately|independently|jointly))\b"
    # which of them the notice names: "which slates are in the nec election", "which candidate
    # for president is named in the election details", "what slates are on the nec ballot"
    r"|\b(which|what)( other)? (candidates?|slates?|groups?|names?|factions?|nominees?|"
    r"tickets?)( (for|in|on) (the )?(\w+ ){0,2}?(nec|presiden\w*|exec\w*|elections?|ballots?))? "
    r"(is|are|s|r|was|were) ((named|listed|mentioned|included|shown|printed)\b"
    r"|(in|on) (the |this |that |my |our )?(\w+ ){0,3}?(elections?|ballots?|papers?|lists?|race|"
    r"running|notice|details)\b"
    r"|(standing|running|up|competing|taking part) (for|in|on) (the |this |that |my |our )?"
    r"(\w+ ){0,3}?(elections?|ballots?|papers?|race|nec|presiden\w*|exec\w*)\b"
    # "which slates are contesting the nec elections"
    r"|(contesting|fighting|in the running for) (the |this |that |my |our )?(\w+ ){0,3}?"
    r"(elections?|ballots?|race|nec|presiden\w*|exec\w*|seats?|posts?)\b)"
    # the verb left out, and nothing more asked of them: "which slate in nec election?",
    # "what candidates on the ballot" (not "which candidate on the ballot is for strikes")
    r"|\b(which|what)( other)? (candidates?|slates?|groups?|names?|factions?|nominees?|tickets?) "
    r"(in|on) (the |this |that |my |our )?(\w+ ){0,3}?(elections?|ballots?|papers?|race|notice)"
    r"\W*$"
)
# Who one of them named is: "who are bln?", "bln - who are they exactly?" (the notice says
# who stands and on which slate).
_WHO_THEY_ARE = re.compile(
    r"^(so |and |but |ok |hi |sorry )?((who|what) (are|is|r)|whos|whats|wots|wat is) "
    r"(zname|they|them|it|he|she)( (exactly|"
    r"then|anyway|again|even|when theyre at home))?\W*$"
)
# What turns such a question into a view: whether the slate is good, whom to back.
_STANDING_VIEW = re.compile(
    r"\b(should|best|better|worse|worst|good|worth|trust\w*|recommend\w*|back|backing|"
    r"support|supporting|vote for|prefer\w*|favou?r\w*|like|rate|side|think|reckon|opinion|"
    r"any cop|any use|up to (much|it|the job)|cut out for)\b"
)


_THE_ZNAME = re.compile(r"\bthe zname\b")


def _tokened(lowered: str, names: Sequence[str]) -> str:
    """The question with each name of those standing read as "zname", spaced once."""
    for shape in _name_shapes(tuple(names)):
        lowered = shape.sub(" zname ", lowered)
    return _THE_ZNAME.sub("zname", " ".join(lowered.split()))


def asks_standing(text: str, names: Sequence[str]) -> bool:
    """Whether the clause that asks asks who stands with whom, on which slate or for which
    post (what the election notice lists), and no view of them."""
    lowered = _lowered(text)
    clause = _tokened((asking_clause(lowered) or lowered).strip(), names)
    found = _STANDING_ASKED.search(clause)
    if found is None and "zname" in _tokened(lowered, names):
        found = _WHO_THEY_ARE.search(clause)  # "who are bln?", "bln. who are they?"
    if found is None or _STANDING_VIEW.search(_FILLER.sub(" ", _tokened(lowered, names))):
        return False
    return not (_PREDICTION.search(clause) or _RESULT_ASKED.search(clause))


# The member (or someone they speak for) standing in an election, asked how or whether:
# "can i stand for the branch committee", "i want to stand for group exec next year, how
# become candidate", "how do i get nominated". Standing is no choice between those who stand,
# and the content holds no rule of it (not "if i run to the post office", "stand a chance").
# What may come between the member and standing: "can i", "i want to", "im thinking of".
_MAY_I = (
    r"( (can|could|may|might|should|would|will|want|wanna|wants|like|love|hope|hoping|plan|"
    r"planning|intend|intending|fancy|am|m|be|to|of|thinking|considering|going|gonna|allowed|"
    r"able|eligible|need|have|still|also|ever|really|even|myself|i|we|actually|finally|next "
    r"year|next time))*"
)
_TO_STAND = re.compile(
    rf"\b(i|we|me|myself|im|ive|id|ill|my (colleague|mate|friend|partner)|a member|"
    rf"someone like me){_MAY_I} (stand|standing|stood|run|running)"
    r"( (for|as|in|at)\b(?! (the |a )?(queue|post|postbox|post office|shop|rain|corner|line)\b)"
    r"(?! for (it|them)\b)| again\b|\W*$)"
    rf"|\b(i|we|me|myself|my (colleague|mate|friend|partner)|a member|someone|anyone|one)"
    rf"{_MAY_I} (be|get|getting|being) nominated\b"
    r"|\b(become|becoming|be|being) (a |an )?(candidate|nominee)\b"
    r"|\b(put|putting) (myself|my name|me|ourselves) (forward|up)\b"
    r"|\b(nominate|nominating) (myself|me|ourselves|a colleague|someone|somebody|my \w+)\b"
    r"|\bhow (to |do (i|we|you|u|people) |does (one|someone|a member|anyone) |can (i|we|one|"
    r"someone|anyone) )?(stand|run|get nominated|be nominated)\b(?! (out|up|a chance)\b)"
)


def to_stand(text: str) -> bool:
    """Whether the question asks how or whether the member (or someone they speak for) may
    stand in an election: a hand-off (the content holds no rule of it), never a view."""
    lowered = _lowered(text)
    return bool(_TO_STAND.search(lowered))


# Whom to choose, asked in ways the folds showed both checks missing (the nineteenth round):
# the member's mark ("who do I put on the nec paper"), someone worth a vote ("anyone worth
# voting for in the group exec election"), one of them by a side ("who's the real lefty on the
# ballot"), a name given to us ("give us a name for the group exec").
_WHOM_MORE = re.compile(
    r"\bwho (do|should|shall|would|must|could) (i|we|u|you) (put|tick|mark|number|rank)\b"
    r"(?! (as|down as|in the (address|box for))\b)"
    r"|\b(anyone|anybody|someone|somebody|any of (them|those|these)|who|whos|which (one|ones|"
    r"of them))\b[^?.]{0,30}\bworth (voting for|a vote|my vote|backing|supporting|a punt)\b"
    r"|\bwho(s| is| are)( the)?( \w+)? (lefty|leftie|lefties|leftist|left[- ]?wing|right[- ]?wing|"
    r"moderate|radical|militant|trot|tory|socialist|centrist)s?\b"
    r"|\b(give|tell|send) us ((just|only) )?(a|one|1|the one|your|a single) (name|pick|steer|tip|"
    r"nudge)\b"
    r"(?! (on|about|for) (how|when|where|what)\b)"
    # the one to choose, in a clause of its own: "since that is the person I ought to vote for"
    r"|\b(person|people|one|ones|candidates?|slates?|names?)( that| who| whom)? (i|we) (should|"
    r"ought to) (vote for|back|pick|choose|support|go for|tick)\b"
)
# The same, with an internal election said: which way to vote ("just tell me which way to vote
# in the NEC election"; not in the pay ballot, which asks a question), and the union's own pick
# ("what does the union recommend for the group exec").
_WHOM_IN_ELECTION = re.compile(
    r"\b(which|what) way (to|should (i|we)|do (i|we)) (vote|go)\b"
    # asked for others: "which way should my branch vote in the group exec"
    r"|\b(which|what) way (should|shall|do|does|would|will|must|ought|is|are) (you|u|my \w+|"
    r"our \w+|the \w+|members|people|everyone|colleagues)( \w+)? (vote|voting|lean|leaning)\b"
    r"|\bwhat (does|do|would|will|is) (the |our |my )?(union|leadership|nec|branch|hq|reps?) "
    r"(recommend\w*|want\w*|back(s|ed|ing|ers?)?|support\w*|prefer\w*|suggest\w*)\b"
)
_ELECTION_SAID = re.compile(
    r"\b(elections?|candidates?|slates?|group exec\w*|presiden\w*|seats?|sitting|new faces|"
    r"nominees?|factions?)\b"
)


def _whom_more(rest: str) -> bool:
    """Whom to choose, in the shapes `_WHOM_MORE` and `_WHOM_IN_ELECTION` read."""
    if _WHOM_MORE.search(rest):
        return True
    in_view = _ELECTION_SAID.search(rest) and not _QUESTION_ASKED.search(rest)
    return bool(in_view and _WHOM_IN_ELECTION.search(rest))


# The member backed, helped or stood by, in their own case: "will the union back me if a
# candidate complains about me", "would the branch support us" (not "back me voting for X").
_MEMBER_BACKED = re.compile(
    r"\b(back|backs|backed|backing|support|supports|supported|supporting|defend\w*|"
    r"represent\w*|stand by|stick up for)( me| us| my (case|claim|complaint|grievance|appeal)|"
    r" our (case|claim|complaint|grievance|appeal))( up)?\b(?! (to vote|voting|in (voting|backing|"
    r"supporting|choosing|picking)|for (a |the )?(vote|nec|presiden\w*|exec\w*|candidates?|"
    r"slates?)\b))"
)


# A bare "who" in a burst of short messages, once an election is named: "go on then. nec.
# who", "president. who then?"; a bare "thoughts?" once candidates or a post are: "nec.
# thoughts?" (not "nec. who can vote?", "results. who?", "my paper hasn't arrived. who?", nor
# a question asked first: "is there a slate in the nec election, who is it").
_BURST = re.compile(r"[.!?;:,\n]+")
_BARE_WHO = re.compile(
    r"^(so|ok|okay|and|but|go on|then|well|fine|right|come on)?\s*(who|whom|which one|which)"
    r"( (then|tho|though|pls|please|mate|m8|eh|lol|do you reckon|d you reckon|"
    r"you reckon|u reckon|then eh))*$"
)
_BARE_VIEW = re.compile(
    r"^(so|ok|okay|and|but|go on|then|well|fine|right|come on)?\s*(your |ur |any )?(thoughts|"
    r"opinions?|views?|verdict|take)( (then|pls|please|anyone|on it))*$"
)
_BURST_RACE = re.compile(
    r"\b(nec|national exec\w*|presiden\w*|pres|prez|elections?|slates?|candidates?|group exec\w*"
    r"|zname)\b"
)
_ASKS_FIRST = re.compile(
    r"^(is|are|was|were|isnt|arent|when|whens|where|wheres|how|hows|what|whats|can|could|do|"
    r"does|did|will|would|which|who|whos|has|have|why|should)\b"
)
_BURST_PAPER = re.compile(r"\b(ballot|ballots|vote|votes|voting|papers?)\b")
_BURST_FACT = re.compile(
    r"\b(results?|won|win|winner|winning|count\w*|turnout|standing|stand|running|current|"
    r"currently|now|contact|ask|replacement|lost|missing|arrived|arrive|spoilt|spoiled|help|"
    r"sends?|sent|organis\w*|runs|in charge)\b"
)


def _bare_asked(lowered: str) -> bool:
    """Whether a burst of short messages asks a bare "who" (or "thoughts?") of an election
    it names, and nothing else."""
    said = [c.strip() for c in _BURST.split(lowered) if c.strip()]
    if len(said) < 2 or _BURST_FACT.search(lowered):
        return False
    bare = [c for c in said if _BARE_WHO.match(c) or _BARE_VIEW.match(c)]
    if any(_ASKS_FIRST.match(c) for c in said if c not in bare):
        return False
    race = any(_BURST_RACE.search(c) for c in said)
    if any(_BARE_WHO.match(c) for c in said):
        return race or any(_BURST_PAPER.search(c) for c in said)
    return race and any(_BARE_VIEW.match(c) for c in said)


def is_partisan(text: str, names: Sequence[str]) -> bool:
    lowered = _lowered(text)
    # A name such as "Independent Left" must not read as a judgement ("left") itself.
    named = mentions(lowered, names)
    rest = _unnamed(_HEDGE.sub(" ", lowered), names)  # "2021 I think?": a hedge, not a view
    rest = _FILLER.sub(" ", rest)  # "who's standing, like which slates": no liking
    rest = _KIT.sub(" ", rest)  # "no decent internet at home": the member's kit, not them
    rest = _ACCIDENT.sub(" ", rest)  # "two papers came by mistake": not a view of anyone
    field = bool(_FIELD.search(rest) or _THOSE.search(rest))
    if _FOR_A_SIDE.search(_tokened(lowered, names)) and _VOTE_TALK.search(rest):
        return True  # how to vote so that one of them wins, however practical the "how"
    if _MARK_FOR_A_WISH.search(rest):
        return True  # "if i want more strikes where does my cross go": whom, for that wish
    if _TO_CHOOSE_BY.search(" ".join(rest.split())):
        return True  # "which of them oppose X, so I know who deserves my vote": the choice
    if _RATHER.search(" ".join(rest.split())):
        return True  # "who would the union rather won": a wish asked, not the result
    if _WHERE_TO_READ.search(lowered) or _fact_asked(_unnamed(lowered, names)):
        return False
    if asks_standing(text, names) or to_stand(text):
        return False  # "which slate is X on": the election notice's list; how to stand
    if _bare_asked(_tokened(lowered, names)):
        return True  # "go on then. nec. who": a burst of short messages
    if _FEELING.search(_tokened(lowered, names)) and _VOTE_TALK.search(rest):
        return True  # "if i hate the leadership, what's the best way to vote"
    if _TRUSTED.search(rest) and _WHOM_ASKED.search(rest):
        return True  # "i trust you, who should it be"
    if _whom_more(" ".join(rest.split())):
        return True
    if not _PRACTICAL.search(lowered) and any(shape.search(rest) for shape in _SHAPES):
        return True
    if _own_choice(rest, named) or _abroad(rest, named) or _habit(rest, named):
        return True
    if _picked(rest, named or field):
        return True
    if (named or field or _THEM.search(rest)) and _ACTING.search(rest):
        return True  # what one of them will do: "who on the ballot will actually change that"
    if named and _THEY_WILL.search(" ".join(rest.split())):
        return True  # "if the joint slate get in, will they call a strike?"
    if named and _WHAT_THEY_DO.search(" ".join(rest.split())):
        return True  # "what would X do as president": what their statement says, a forecast
    if _INITIALS.search(lowered):
        return False  # "what does BLN stand for": the name written out, not a view
    if (named or field) and (_JUDGEMENT.search(rest) or _WEIGHED.search(rest)):
        return True
    if named and set(re.findall(r"[a-z]+", rest)) <= _BARE:
        return True  # a name alone ("marion lloyd?", "lloyd for president?") asks for a view
    if named and _IS_NAMED.match(lowered) and not _FACTUAL.search(rest):
        return True  # "is Lloyd too cosy with management": what they are like
    if _WHO_LIKE.search(" ".join(rest.split())):
        return True  # "who's in the pocket of management?": a view, though no ballot is named
    if _asked_for_them(" ".join(rest.split()), named or field):
        return True  # a name wanted, a forecast, whom a branch or an officer backs
    if _guided(" ".join(rest.split()), named):
        return True  # "what's your steer on the nec vote", "who's popular for president"
    if _canvass(rest, named or field) or _LIKELIER.search(rest):
        return True  # "can you post in our channel asking people to back him"
    if _promoted(_tokened(lowered, names), rest, named, field):
        return True  # "my mate's standing for exec, can the bot push him in our channel"
    plain = _NOW.sub(" ", rest)
    if _compared(lowered, names) or (_REFERENT.search(rest) and _JUDGEMENT.search(plain)):
        return True  # "is BLN or Independent Left closer to…", "whoever will fight hardest"
    if _UNDECIDED.search(rest) and _STATEMENTS_READ.search(rest):
        return True  # "i've read the statements and i'm still torn, point me in a direction"
    if not (named or field or _POST.search(rest)):
        return False
    if _WHO_JUDGED.search(rest) or _PREDICTION.search(rest) or _UNDECIDED.search(rest):
        return True
    if _FIT_FOR.search(plain) and not _PROCEDURE.search(rest):
        return True  # "safe pair of hands for pres": whom, though no "who" asks it
    judged = _JUDGEMENT.search(plain)
    asked = _told_which(rest)  # ("…only DWP Glasgow, which can't be right for me")
    return bool(judged and _WHO_FOR.search(asked) and not _PROCEDURE.search(rest))


# "Which" that tells more of one thing just said, not one that asks between things: "I can only
# see DWP Glasgow, which can't be right for me" (not "the lefties or the moderates, which would
# do better?", "BLN or IL, which is better?": a choice between two said before it).
_RELATIVE = re.compile(
    r"(?<=[a-z0-9]),\s*which (isnt|cant|cannot|wasnt|doesnt|must|means|meant|seems|seemed|"
    r"sounds|looks|makes|made)\b"
)


def _told_which(rest: str) -> str:
    """The message without a "which" that tells more of what was just said."""
    for found in reversed(list(_RELATIVE.finditer(rest))):
        before = re.split(r"[.?!;]", rest[: found.start()])[-1]
        if not re.search(r"\b(or|vs|versus|between)\b", before):
            rest = rest[: found.start()] + " " + rest[found.end() :]
    return rest


# A choice handed over as a name: "just give me one name for president", "tell me which boxes
# to tick" (not "give me a steer on how to vote online": how).
_A_NAME = re.compile(
    r"\b(need|want|give me|gimme|tell me|send me|just) ((just|only) )?(a|one|1|the one|your|"
    r"a single) (name|pick|steer|tip|nudge)\b(?! (on|about|for) (how|when|where|what)\b)"
    r"|\b(tell|show) (me|us) (which|what) (box|boxes|one|ones|name|names) to (tick|mark|cross|"
    r"vote for|pick|choose|go for)\b"
)
# A forecast of the race: "who's the frontrunner", "who's tipped for president", "any
# predictions for the nec result".
_RACE_CALLED = re.compile(
    r"\bfront ?-?runners?\b|\btipped (to|for)\b|\b(odds|bookies)\b[^?.]{0,30}\b(win\w*|nec|"
    r"presiden\w*|elect\w*|slates?|candidates?)\b|\bpredict\w*\b[^?.]{0,30}\b(win\w*|results?|"
    r"outcome|nec|presiden\w*|elections?|exec\w*)\b"
    # the race called as punters call it: "who's the dark horse", "is X a shoo-in"
    r"|\b(dark horses?|shoo-?ins?)\b"
    # how the race stands: "is it a close race", "who's doing well in the polls", "who's surging"
    r"|\b(close|tight|neck and neck|open) (race|contest|fight)\b|\bneck and neck\b"
    r"|\b(doing (well|badly)|ahead|behind|leading|trailing|gaining|slipping) in the polls?\b"
    r"|\bwho(s| is| are)( \w+)? (surging|gaining ground|pulling ahead|falling behind|the one to "
    r"beat)\b"
)
# Whom a branch, an officer or the union backs: "has my branch endorsed anyone", "is the
# branch secretary backing anyone", "who's the general secretary supporting", "who would the
# pay campaign want on the nec", "which candidates does the leadership want in" (whom they
# nominated is a fact: `_NOT_A_VIEW`).
_BACKERS = (
    r"(branch|branches|reps?|stewards?|secretary|chair|chairs?|union|leadership|nec|hq|officers?|"
    r"organisers?|gen(eral)? sec\w*|president|exec\w*|committee|campaign)"
)
_BACKING = (
    r"(endors\w*|backing|backed|back|supporting|supported|support|behind|got behind|"
    r"recommend\w*)"
)
# Backing someone with their casework is help, not a vote ("who does the branch secretary
# support with casework"; not "is our rep supporting anyone in the nec election").
_NOT_HELPED = (
    r"(?! (with|through|over|about|to)\b)(?! (in|on|at) (?!(the |this |that |our )?(nec|"
    r"presiden\w*|pres|elections?|exec\w*|group exec\w*|race|ballot|vote)\b))"
)
_ENDORSED = re.compile(
    rf"\b(has|have|is|are|did|does|do|will|would)( \w+)? (my|our|the|your|any) (\w+ ){{0,2}}"
    rf"{_BACKERS}( \w+)? {_BACKING} (anyone|anybody|someone|somebody|a candidate|any candidates?|"
    rf"a slate|any slates?|a side|sides|one|any of them|either)\b{_NOT_HELPED}"
    rf"|\bwho(s| is| are| has| have| did| does| do)( \w+)? (my|our|the|your) (\w+ ){{0,2}}"
    rf"{_BACKERS}( \w+)? ({_BACKING}|voting for|going for)\b{_NOT_HELPED}"
    # whom asked last: "officers backing who", "the reps are voting for which slate?" (not
    # "the branch is backing whoever needs it", "supporting who is eligible")
    rf"|\b{_BACKERS} ((are|is|r|s) )?(backing|supporting|endorsing|behind|voting for|going for|"
    r"rooting for) (who|whom|which( one| ones| slates?| candidates?| side| lot| of them)?)"
    r"(?! (is|are|was|were|s|has|have|needs?|wants?|asks?)\b)\b"
    rf"|\bwho (do|does|did|would|will)( the| our| my)? (\w+ ){{0,3}}(want|wants|prefer|like) "
    r"(on|in|as|for) (the )?(nec|presiden\w*|pres|exec\w*|group exec\w*)\b"
)
# What the union or its leadership wants of the election, said of them: "is that what the
# union wants", "does the leadership secretly want the slate to lose", "which candidates does
# the leadership want in".
_WANTED_IN = re.compile(
    r"\bwhat (the |our )?(union|leadership|nec|branch|hq) (wants?|would want|recommends?|backs?|"
    r"supports?|prefers?)\b"
    rf"|\b{_BACKERS}\b( \w+)? (want|wants|wanted|would like|prefers?)\b[^?.]{{0,30}}\b(to (win|"
    r"lose|get in)|in|out|elected)\W*$"
)


# Guidance on the election asked of the bot, however put: "what's your steer on the nec vote",
# "any hints for the president election", "point me in the right direction for the group
# exec", "make the call for me" (not "any tips on filling in the nec paper": a way).
_GUIDANCE = re.compile(
    r"\b(your|ur|yer|yr|the bots?|bots) (own |personal |honest |gut )?(advice|steer|thoughts?|"
    r"take|views?|opinions?|verdict|guidance|hints?|tips?|suggestions?|pointers?|two pence|2p|"
    r"feeling|instinct)\b"
    r"|\b(any|some|a|give me a|gimme a|give us a) (advice|steer|hints?|tips?|suggestions?|"
    r"pointers?|guidance|clue)\b"
    r"|\b(steer|nudge|guide|point) (me|us)\b|\bright direction\b"
    r"|\b(make|take) (the|my|this|that|a) (decision|choice|call) for (me|us)\b"
    # "help me not waste my vote", "help us make up our minds"
    r"|\bhelp (me|us) (to )?(decide|choose|pick|make up (my|our) minds?|not (to )?waste (my|our) "
    r"votes?)\b|\b(dont|do not|not) (want to |wanna )?waste (my|our) votes?\b"
)
# How popular one of them is, how the talk goes: "who's popular in the nec race", "who's got
# momentum", "who's everyone talking about for president", "what's the buzz about the slates".
_POPULAR = re.compile(
    r"\b(popular|popularity|momentum|buzz|hype|tipped)\b"
    r"|\b(everyone|everybody|people|folk|members|colleagues|the branch|my branch)"
    r"( (at|in|on) (\w+ )?\w+)? (is |are |s )?"
    r"(talking about|raving about|excited about|getting behind|rallying (behind|around))\b"
)
# What one of them named would be like in the post: "what kind of president would X make",
# "how would X be as president" (the name taken out).
_WHAT_KIND = re.compile(
    r"\bwhat (kind|sort|type) of (\w+ ){0,2}(would|will|could|might|d|is)\b[^?.]{0,30}"
    r"\b(make|be)\b|\bhow (would|will|d|could|might)( \w+){0,2} be as\b"
)
# What keeps a guidance or a popularity asked from being a view: a way, a date, a place to
# read, a ballot that asks a question.
_NOT_GUIDED = re.compile(
    r"\b(how|when|where|post|posting|postal|online|deadline|dates?|replacement|link|email|"
    r"envelope|stamp|arrive\w*|fill\w*|spoil\w*|lost|missing|late|register\w*|sign\w*|"
    r"statements?|petition|pay|strikes?|industrial|action|consult\w*|indicative|offer|reports?|"
    r"meetings?|decided|minutes|motions?|hasnt|havent|not (come|arrived)|if (my|our|i|im|it|"
    r"the (paper|pack|ballot|email|link)))\b"
)
# (the NEC alone is a body that meets and decides: "your take on the nec report")
_ELECTION_IN_VIEW = re.compile(
    r"\b(presiden\w*|pres|prez|elections?|candidates?|slates?|factions?|nominees?|race|ballot|"
    r"paper|vote|voting|(for|on|onto) (the )?(nec|exec\w*|group exec\w*))\b"
)


def _guided(rest: str, named: bool) -> bool:
    """Guidance on the election asked of the bot, one of them popular or talked of, what one
    named would be like in the post (`rest`: spaced once, the names taken out)."""
    if named and _WHAT_KIND.search(rest):
        return True
    if not (named or _ELECTION_IN_VIEW.search(rest)) or _NOT_GUIDED.search(rest):
        return False
    return bool(_GUIDANCE.search(rest) or _POPULAR.search(rest))


def _asked_for_them(rest: str, about: bool) -> bool:
    """A choice asked for as a name, a forecast of the race, or whom the union, a branch or
    an officer backs (`rest`: the question without the names of those standing, spaced
    once; `about`: one of them named, or candidates spoken of)."""
    if _ENDORSED.search(rest) or _RACE_CALLED.search(rest):
        return True
    if about and (_WANTED_IN.search(rest) or _TO_CHOOSE.search(rest)):
        return True
    if not _A_NAME.search(rest) or _ASKS_A_FACT.search(_UNREAD.sub(" ", rest)):
        return False  # ("one name to speak to about my paper", "which box to tick online")
    return bool(about or _POST.search(rest) or _IN_VIEW.search(rest) or _TICKED.search(rest))


_TICKED = re.compile(r"\b(tick|cross|go with)\b")


# Someone among them asked for: "who", "anyone on that ballot", "which lot", "the one name",
# "any candidates", or the member's own cross.
_PICK = re.compile(
    r"\b(who|whom|whos|whoever|whoevers|which (one|ones|lot|lots|crowd|bunch|camp|side|team|"
    r"ticket|slates?|candidates?|of (them|those|these))|anyone|anybody|someone|somebody|"
    r"(any|which|what) (candidates?|slates?|nominees?)|any of (them|those|these|the \w+)|"
    r"(a|one|the|the one|your|1) (name|person|candidate)|(a|an|the) (\w+ )?(option|choice))\b"
)
# The election in view, however it is spoken of: a post, the ballot, those standing, "this time".
_IN_VIEW = re.compile(
    r"\b(nec|presiden\w*|pres|prez|exec|executive|elections?|ballot|paper|slates?|candidates?|"
    r"nominees?|standing|running|vote|votes|voting|cross|elected|seats?|this time( round)?|"
    r"options?|"
    # who gets in, said as members say it: "don't want the militants in again", "keep them out"
    r"(in|back in|out) again|(keep|kept|get|got|want|vote|kick|boot) (them |the \w+ |\w+ ){0,2}"
    r"(in|out|off)|which (ones|lot|crowd|bunch|camp|ticket)|on the (\w+ )?list|if (they|he|she) "
    r"(get|gets|got) in|if elected|once elected|"
    r"(members|workers|peoples|grassroots|reps|shop floor) (choice|candidate|pick|favourite)|"
    # those the conversation is about: "any of them got a backbone?"
    r"(any|none|either|neither|which|all|each) of (them|those|these|em))\b"
)
# A quality the content never gives anyone: "the members' champion", "isn't a career
# bureaucrat", "won't sell us out", "worked on the front line", "the same faces".
_QUALITY = re.compile(
    r"\b(champions?|bureaucrat\w*|career (\w+ )?(bureaucrat|politician|climber|rep)s?|careerists?|"
    r"sell(s|ing)? (us |members |workers )?out|sold (us |members |workers )?out|sell-?outs?|"
    r"yes[- ]?m[ae]n|puppets?|stooges?|establishment|grassroots|shop floor|front ?line|"
    r"real deal|one of us|(in|on) (the |our |their |managements |the bosses )?(pocket|side)|"
    r"same (old )?faces|old guard|fresh (faces?|blood|ideas)|new blood|fighters?|"
    r"(safe|steady|good) (pair of )?hands|backbone|spine|bottle|guts|principled|cliques?|cronies|"
    r"in it for (themselves|himself|herself|the money|the title)|normal|sane|sensible|"
    r"down to earth|level[- ]?headed|"
    r"(members|workers|peoples|grassroots|reps|shop floor) (choice|candidate|pick|favourite))\b"
    # said of one of them in a clause of its own: "anyone on that ballot who isn't …", "the one
    # name … that won't …", "candidates who've actually …" (not "workers who never see")
    r"|\b((anyone|anybody|someone|somebody|name|one|ones|candidates?|nominees?|person|slates?|"
    r"lot|whos)\b( \w+){0,4} (who|whove|whos|wholl|whod|that|thatll|thats|which)|which (one|ones|"
    r"lot|of them)|(anyone|anybody|someone|somebody|candidates?|nominees?))"
    r"( (is|has|have|will|would|does|did))? (isnt|is not|aint|wont|will not|wouldnt|would not|"
    r"doesnt|does not|hasnt|has not|havent|never|not|actually|really|genuinely|properly)\b"
)
# A side or a political label: "the moderates", "the hard left", "I'm on the left of the
# union" (not the left of the paper, a box on the right).
_LABEL = re.compile(
    r"\b((the|hard|far|soft|old|new) (left|right)(?! (hand|side|box|column|corner|of the "
    r"(paper|page|form|ballot|sheet|screen)))|(left|right)[- ]?wing\w*|moderates?|centrists?|"
    r"lefties|leftists?|leftys|radicals|militants|trots|tories|blairites?|corbynites?|"
    r"hardliners?)\b"
)
# A stance wanted of them: "whoever's against the office closures", "whoever is for keeping
# the hybrid deal".
_STANCE = re.compile(
    r"\bwhoevers?( is| s|( \w+)? will| would)? (against|pro|anti|opposed|for (keeping|saving|"
    r"stopping|scrapping|fighting|ending|more|a|the)|fights?|backs?|supports?|opposes?)\b"
    # "who on the paper is for keeping hybrid working", "which of them is against the move"
    r"|\b(who|whos|which (one|ones|lot|slate|candidate|of (them|those|these))|anyone|any of "
    r"(them|those|these))( \w+){0,4} (is|are|s)( \w+)? (against|anti|pro|opposed to|for "
    r"(keeping|saving|stopping|scrapping|fighting|ending|getting|bringing|cutting|more|less))\b"
)
# Facts of those standing, whatever else is said: where they work, whether they are on a
# slate or members, their results.
_FACT_OF_THEM = re.compile(
    r"\b((works?|working|based) (in|at|for)|on a slate|with a slate|members? of|eligib\w*|"
    r"allowed|rules?|(is|isnt|are|arent|not|comes?|come) from|before|previously|first time|"
    r"ever (been|stood|served)|(a|not a|an) (member|officer|rep)\b|complain\w*|"
    r"nominat\w*|how many|results?|won|turnout|count(s|ed|ing)?|means?|meaning|called|"
    r"contact|e-?mail|phone|statements?)\b"
)
# The member's own choice asked of the bot: "where should my cross go", "who should get my
# vote" (not where the paper goes).
_MY_CHOICE = re.compile(
    r"\b(where|who|whom|which( \w+)?) (should|shall|ought|would|do you think|must) (my|our) "
    r"(cross|x|vote|votes|tick|first (preference|choice)|number one|preference|support|backing)"
    r"( \w+)? (go|goes|land|be)\b"
    # the one for the member: "who's for me?", "who's the one for people like me"
    r"|\bwho(s| is)( the one| the candidate)? for (me|us|people like (me|us))\b"
    # the mark itself, however asked: "where's my x going then"
    r"|\b((who|whom|which (one|ones|slate|candidate|lot|name|of them))( is|s| does| will| do)?|"
    r"(where is|wheres)) (my|our) (cross|x|tick|first (preference|choice)|number one)( \w+)? (go|"
    r"goes|going|land|landing)\b"
    # who is given it: "who gets my x", "who deserves my cross"
    r"|\b(who|whom|which (one|ones|slate|candidate|lot|name|of them))( \w+)? (gets?|getting|"
    r"deserves?) (my|our) (cross|x|tick|first (preference|choice)|number one)\b"
)


_LEANING = re.compile(
    r"\b(im|i am|as|being) (a|an)( \w+){0,2} (supporter|voter|fan|socialist|tory|conservative|"
    r"liberal|lefty|leftie|leftist|centrist|moderate|trot|radical|activist)\b"
)
_IN_OFFICE = re.compile(
    r"\b(if|once|when) (they|he|she|elected|in office)( (get|gets|got|are|is) (in|elected))?\b"
)


# The choice handed to the bot to make: "can you settle it", "break the tie for us".
_SETTLE = re.compile(
    r"\b(you|u|ya|the bot|bot)( \w+)? (settle|decide|break|tip|swing)( it| this| that| the "
    r"(tie|argument|debate|row|matter|balance|vote))\b"
)
# (not a fact disputed: "we can't agree when it closes, can you settle it?")
_WHEN_OR_HOW = re.compile(r"\b(when|how|where|date|deadline|opens?|closes?|closing|still)\b")


def _picked(rest: str, about: bool) -> bool:
    """Someone among those standing asked for by a quality, a stance or the member's leaning,
    with the election in view: "is there anyone on that ballot who isn't a career
    bureaucrat", "who are the moderates standing", "vote for whoever's against the office
    closures, who is that on the nec ballot", "which lot is the members' champion this time";
    or the member's own cross asked for ("where should my cross go")."""
    if _MY_CHOICE.search(rest):
        return True
    if not (about or _IN_VIEW.search(rest)) or _FACT_OF_THEM.search(rest):
        return False
    if _SETTLE.search(rest) and not _WHEN_OR_HOW.search(rest):
        return True  # "our branch is split on the president vote, can you settle it?"
    if not (about or _PICK.search(_NOW.sub(" ", rest))):
        return False  # ("someone like me" is not one of them)
    if _QUALITY.search(rest) or _LABEL.search(rest) or _STANCE.search(rest):
        return True
    # the member's leaning ("I'm a Corbyn supporter"), or what one would do once elected
    return bool(_LEANING.search(rest) or (_IN_OFFICE.search(rest) and _FORECAST.search(rest)))


# Fit for a post, said with no "who": "safe pair of hands for pres", "strongest for the nec?"
_FIT_FOR = re.compile(
    r"\b((best|better|safest|safe|strongest|stronger|ideal|right|fittest|most \w+|least \w+|"
    r"top (\d+|two|three|four|five))"
    r"( (one|ones|person|people|bet|pick|choice|option|candidate|hands))?|pair of hands) for "
    r"(the )?(nec|presiden\w*|pres|prez|exec\w*|national exec\w*|group exec\w*)\b"
)


# The bot asked to campaign for one of them: "can you post in our channel asking people to
# back him", "get the bot to tell the branch to vote for X".
_CANVASS = re.compile(
    r"\b(you|u|bot)\b[^?.]{0,40}\b(post|send|message|tell|ask|remind|encourage|share|announce|"
    r"promote|push|plug|urge|get|put out|shout out)\w*\b[^?.]{0,40}\b(to )?(back|vote( for)?|"
    r"support|endorse|pick|choose)\b(?P<whom> (him|her|them|my \w+|our \w+))?"
)


def _canvass(rest: str, named: bool) -> bool:
    """The bot asked to urge members to choose one of them (named, or him, her, them)."""
    found = _CANVASS.search(rest)
    return bool(found and (named or found.group("whom")))


# The bot asked to promote someone standing itself, with no "to back" after: "can the bot
# push him in our channel", "could you big up my colleague, she's standing" (not "push him a
# reminder", "push them out again", "push our motion", "push my rep to answer").
_PROMOTED_WHOM = (
    r"him|her|them|zname|(my|our|a) (mates?|friends?|pals?|colleagues?|reps?|stewards?|secretary|"
    r"chair|candidates?|slate|guy|bloke|lass|comrades?)"
)
_PROMOTED = re.compile(
    r"\b(you|u|bot)\b[^?.]{0,40}\b(promote|push|plug|endorse|big up|champion|talk up|hype up|"
    rf"campaign for|canvass for|advertise|boost)\b (?P<whom>{_PROMOTED_WHOM})\b"
    r"(?! (a|an|the|some|this|that|his|her|their|its|my|our|your|out|off|back|"
    r"through|again)\b)(?! to (?!(members|everyone|everybody|people|all|the (branch|members|"
    r"channel|group))\b))"
    # a plug given: "can the bot give her a wee shout-out in our channel" (not "give the rep a
    # shout": ask them)
    rf"|\b(you|u|bot)\b[^?.]{{0,40}}\b(give|gives|giving|do) (?P<given>{_PROMOTED_WHOM}) (a|an|"
    r"some)( \w+)? (shout[- ]?outs?|plugs?|boost|mention|big up|puff|push)\b"
)
# Someone standing, told of without a word for those standing: "my mate's standing for exec".
_STANDING_TOLD = re.compile(r"\b(standing|stands|stood|running|candidacy|nominated|nomination)\b")


def _promoted(tokened: str, rest: str, named: bool, field: bool) -> bool:
    """The bot asked to promote one of those standing, of an election the question names."""
    found = _PROMOTED.search(tokened)
    if not found or (
        (found.group("whom") or found.group("given")) == "them" and not (named or field)
    ):
        return False
    return bool(named or field or _POST.search(rest) or _STANDING_TOLD.search(rest))


def _own_choice(rest: str, named: bool) -> bool:
    """The bot's own choice asked for, or what it would choose if it could vote."""
    if _OWN_CHOICE.search(rest) or (
        _IF_IT_VOTED.search(rest) and (_WHOM.search(rest) or _ITS_MARK.search(rest))
    ):
        return True
    if _VOTED_IF.search(rest) and _WHAT_IT_WOULD_DO.search(rest):
        return True  # "if you were voting in the nec, what would you do"
    about = named or _WHOM.search(rest) or _FIELD.search(rest) or _POST.search(rest)
    return bool(_ITS_PICK.search(rest) and about)


def _abroad(rest: str, named: bool) -> bool:
    """A view of those standing asked partly in another language: of them by name or as
    candidates, or of whoever stands for a post; or whom to vote for."""
    if _WHOM_ABROAD.search(rest):
        return True
    if _FIELD_ABROAD.search(rest) and (_JUDGEMENT.search(rest) or _VIEW_ABROAD.search(rest)):
        return True  # "which candidato is best"
    if not _VIEW_ABROAD.search(rest):
        return False
    if named or _FIELD.search(rest):
        return True
    return bool(_POST.search(rest) and _WHO_ABROAD.search(rest) and not _PROCEDURE.search(rest))


def _habit(rest: str, named: bool) -> bool:
    """A habitual choice of those standing stated, with a reason to keep it or change it asked
    for; not whether they stand again."""
    chosen = _CHOSEN.search(rest)
    return bool(
        chosen
        and (named or _FIELD.search(rest) or _SAME_WAY.search(rest))
        and _HABIT.search(rest)
        and _ASKED_TO_CHANGE.search(rest[chosen.end() :])
        and not _STILL_STANDING.search(rest)
    )


# What a question about those standing may ask that is no view of them, whoever holds it: a
# result or a count (the scrutineer's), who stands, with whom and for what, how to stand
# oneself and the rules for those who do, how to reach one of them, where one comes from or
# works, what post one holds now, what a word or a name means.
_NOT_A_VIEW = re.compile(
    r"\b((?<!to )win|wins|won|winner\w*|lost|(?<!to )lose|results?|turnout|count\w*|tally|"
    r"how many|how much|"
    r"how did|last time|votes? (did|do|does|has|have)|got (\w+ )?votes|"
    r"stand|stands|standing|run|runs|running|ran|nominat\w*|become a candidate|"
    r"e-?mail|phone|number|contact|address|get in touch|reach|ring|speak to|talk to|meet|"
    r"complain\w*|spam\w*|"
    r"hustings?|from|works?|worked|working|based|job|age|old|born|lives?|current|currently|"
    # where one named works: "X's branch?", "which department is she in" (not "does X turn
    # up to branch meetings")
    # (the name said first and taken out: "  branch?")
    r"((?<=\bs )|(?<=\bhis )|(?<=\bher )|(?<=\btheir )|(?<=\bwhich )|(?<=\bwhat ))(branch|"
    r"workplace|department|employer|grade)|"
    r"(?<![a-z])(?<![a-z] )(?<![a-z]  )(branch|workplace|department|employer|grade)(?=\W*$)|"
    r"now|at the moment|at present|presently|already|still|in office|in post|"
    # what one of them did before: "what is X's background, has she been president before"
    r"background|previously|first time|ever (been|stood|served|held|run)|how long|"
    r"(been|served|stood|run|ran|held (it|that|the \w+)) (\w+ ){0,3}before|"
    # who stands with whom, for what, in which election: "is X on a slate", "teamed up with
    # anyone", "going for which post", "in the group exec elections?"
    r"on a slate|with a slate|teamed|team up|pact|together|alone|separately|with anyone|"
    r"going for|which post|what post|for which|for what|include\w*|part of|elections?|"
    r"ballots?|"
    # the rules for those standing: "what are the candidates allowed to spend"
    r"allowed|rules?|eligib\w*|spend\w*|expenses|campaign\w* (at|in)|are members|be members|"
    # what they may do: "can candidates campaign in the office" (not "can they be trusted")
    r"(can|may) (the )?(candidates?|nominees?|slates?)(?= (?!(be|deliver|win|do|fix|sort|"
    r"change|actually|really)\b)\w+)|"
    r"a member|members? of|who (are|r|is) (the |all the )?(candidates?|nominees?|contenders?)\b"
    r"(?! (any|worth|good|best|better))|"
    r"short for|what (is|are|s) (a|an)|means?|meaning|defin\w*|called|name of|named|"
    # their names, what they are, one the same as another: who stands
    r"names|(is|are) (it|that|this|they|he|she) (a|an) (slate|party|group|faction|person|union|"
    r"candidate|individual|team|list|network|organisation|campaign)|the same (as|thing))\b"
    r"(?! up\b)"
)
# Below this confidence (routing.DOUBT's) a passage is a guess; a question that asks where,
# which or who asks a fact of it.
WEAK = 0.8
_ASKED = re.compile(
    r"\b(where|link|list|names?|which|who|whos|whom|statements?|read|see|find|when|how|what)\b"
)
# What an answer about the internal elections speaks of (not a ballot on pay).
_INTERNAL = re.compile(r"\b(elect\w*|candidat\w*|slates?|statements?|standing)\b")
# What an answer about the election speaks of.
_ELECTION = re.compile(r"\b(vot\w*|elect\w*|ballots?|candidat\w*|slates?|statements?)\b")


# Those standing met in person: "any hustings near me?", "could she come and speak at our
# branch meeting?" (not "who did best at the hustings?": a view of how they did).
_MET = re.compile(
    r"\bhustings?\b"
    r"|\b(come|coming|invite\w*)( \w+){0,2} (and |to )?(speak|talk|address|visit)\b"
    r"|\b(speak|talk|visit)( (?!for\b)\w+)? ((at|to) )?((our|my|the|a) (\w+ )?)?(branch|meeting|"
    r"agm|members|event|rally|workplace|office|site)\b"
    r"|\bmeet (the |our )?(candidates?|nominees?)\b"
)
_MET_JUDGED = re.compile(
    r"\b(best|better|worst|worse|should|vote for|back|support|impress\w*|recommend\w*|won|"
    r"win|came across|perform\w*|did (well|badly)|strongest|weakest)\b"
)


def met_in_person(rest: str) -> bool:
    """Whether those standing are asked of as met in person (a hustings, a talk at the
    branch): an event the content does not hold, not a view, unless how they did is asked."""
    return bool(_MET.search(rest)) and not _MET_JUDGED.search(rest)


def instead(text: str, names: Sequence[str], found: Answer) -> bool:
    """Whether a question that names one of those standing, or speaks of candidates, slates
    or factions, gets the neutral answer in place of `found`, what the rules and the phrasings
    gave: a hand-off, or an answer not about the election. The content holds nothing about
    those standing but who stands and where their statements are, so what is left to ask of
    them is a view ("heard X want to sell out on pay, true?", "is that the union's line?"),
    unless it is something no one has a view on (`_NOT_A_VIEW`)."""
    lowered = _lowered(text)
    rest = _unnamed(lowered, names)
    named = mentions(lowered, names)
    if _fact_asked(rest) or asks_standing(text, names):
        return False  # (who stands is the notice's list, or a hand-off where it lists no one)
    if met_in_person(rest):
        return False  # a hustings, one of them asked to come and speak: an event
    elsewhere = found.handoff or not _ELECTION.search(
        " ".join([found.text, *found.sources]).lower()
    )
    if not (named or _FIELD.search(rest)) or _NOT_A_VIEW.search(rest):
        # naming no one: only a hand-off or a weak answer off the election is replaced
        said = " ".join([found.text, *found.sources]).lower()
        off = found.handoff or (found.confidence < WEAK and not _INTERNAL.search(said))
        return off and view_asked(rest)
    if elsewhere:
        return True
    # A weak passage about the election, for a question naming one of them that asks no
    # fact of it ("marion lloyd as president, would that be a step forward")
    return named and found.confidence < WEAK and not _ASKED.search(rest)


def asks_names(text: str, names: Sequence[str]) -> bool:
    """Whether a question asks the names of those standing ("who are the candidates for the
    hmrc group exec", "dwp group exec candidates names"), naming none of them and asking no
    view: then a vote in meaning for the neutral answer does not keep a weak answer from
    being handed off (the content names those standing in one election only)."""
    lowered = _lowered(text)
    rest = _unnamed(lowered, names)
    if mentions(lowered, names) or is_partisan(text, names) or view_asked(rest):
        return False
    return bool(_FIELD.search(rest) and _NAMES_ASKED.search(rest))


_NAMES_ASKED = re.compile(
    r"\bnames\b|\bwho (are|r|is|s) (the |all the )?((presidential|president|presidency|nec|"
    r"national executive|group exec\w*|exec\w*|sector|pssec) )?(candidates?|nominees?|contenders?|"
    r"hopefuls?)\b"
)


# Someone among those standing, without a name or a word for them: "who", "anyone on the
# paper", "any of these people", "the winner", "which boxes to tick", "which side".
_SOMEONE = re.compile(
    r"\b(who|whom|whos|whod|wholl|whoever|whose|anyone|anybody|someone|somebody|"
    r"(any|any one|anyone|either|one|none) of (them|these|those)|these people|those people|"
    r"the winners?|"
    r"which (one|ones|boxes|box|names?|options?|sides?|ways?)|options?|sides?)\b"
)
# What only a view of them answers: whom to choose, a forecast, whose side.
_CHOICE_TO = re.compile(
    r"\b(to|should (i|we)|shall (i|we)|do (i|we)|must (i|we)) (tick|vote|back|pick|choose|mark|"
    r"put|support|go for|go with|cross)\b"
)
_FORECAST = re.compile(
    r"\b(likely|odds|chances?|favourites?|front ?runners?|bet|gonna|going to|will|expect\w*|"
    r"predict\w*|tipped)\b[^?.]{0,25}\b(win|winning|get in|getting in|top the poll|"
    r"be elected)\b"
    r"|\bwinners?\b[^?.]{0,30}\b(who|which)\b[^?.]{0,20}\b(going to|gonna|will|likely)\b"
    # what one of them will do in office: "who will protect our pensions on the nec" (not
    # who will stand, count, announce or be told)
    r"|\bwho(ever)?( will|ll|d| would| is going to| is gonna) (?!be (standing|running|on|in|"
    r"the|announced|told|counting|elected|a candidate)\b)(?!(stand(?! up)|run|count|announce|"
    r"tell|send|know|get|have|be able|chair|host|convene|organise|publish|check|handle|process|"
    r"receive)\b)\w+"
)
# Whose side the bot or the union is on: "which side r u on", "are you on their side".
_SIDE = re.compile(
    r"\b(which|whose|what) side\b|\bon (the|their|his|her|its|our|your|ur|\w+s) side\b"
)
# One of them told by a quality the content never gives: "who's the real deal on the list",
# "who's the continuity candidate" (not "the best person to talk to": a fact is asked).
_ONE_OF_THEM = re.compile(
    r"\bwho(s| is| are)( the)? (?!the )(\w+ ){1,2}(one|ones|candidate|candidates|choice|option|"
    r"pick|bet|"
    r"deal|person|name|man|woman|guy)\b(?= (on|for|in|of|out of|and|or)\b|\W*$|,)"
)
# One of them as an option: "who's the continuity option" (the election, though unnamed).
_AN_OPTION = re.compile(
    r"\bwho(s| is| are)( the)? (?!the )(\w+ ){1,2}(option|options|candidate|candidates|choice|"
    r"pick|bet)\b"
)
# What they have done or will do for members: "who on the list has done anything for us".
_DONE_FOR = re.compile(
    r"\b(done|do|did|does|achieved|delivered|fought|got|get)\b[^?.]{0,20}\bfor (us|members|"
    r"workers|me|people like)\b"
)
# A choice asked for as a name: "need a name for president", "give me a steer" (not "the
# names of the candidates": who stands).
_NAME_WANTED = re.compile(
    r"\b(need|want|give me|gimme|tell me|send me|got) (a|one|some|any) (name|names|pick|steer|tip|"
    r"tips|nudge|recommendation)\b"
)
# Names wanted for a choice: "give me the names … so i can just tick them all".
_TO_CHOOSE = re.compile(
    r"\bso (that )?(i|we) (can|could|know (who|which) to)( just)? (tick|vote for|back|pick|choose|"
    r"support|mark|cross) (them|those|these|him|her|the lot|all)\b"
)
# The election, however it is spoken of.
_VOTE_TALK = re.compile(
    r"\b(nec|presiden\w*|pres|prez|exec|executive|elections?|seats?|vote|votes|voting|voted|"
    r"ballot|paper|tick|boxes|standing|running|win|winner|winning|get in|elected|sides?|race|"
    r"contest)\b"
)
# Those standing, spoken of as "them": "any of them", "none of those", "who on the ballot".
_THEM = re.compile(
    r"\b((any|none|one|either|neither|all|which|each) of (them|those|these|em)|(who|anyone|anybody|"
    r"someone|somebody) (on|in) the (ballot|paper|list|running|race))\b"
)
# What one of them would do, or stands for, in office: "who on the ballot will actually
# change that", "any of them going to do something about office closures", "who backs
# strikes", "who will stand up to the treasury" (not "who will count the votes", "who would
# I speak to", "who will sort my overpayment": whom to ask, or a member's own case).
_ACTS = (
    r"(do (something|anything|more|owt|much|better)|fight\w*|stand up|sort\w*|deliver\w*|"
    r"change\w*|fix\w*|tackle\w*|push\w*|protect\w*|defend\w*|challenge\w*|take on|"
    r"call\w* (a |for )?(strike|ballot|action)|strike|back(s|ed|ing)?|support(?!ers?\b)\w*|"
    r"oppose\w*|stop\w*|save\w*|win (us|back)|get (us|rid)|represent\w*|listen\w*|care\w*|"
    r"roll over|cave|"
    r"sell\w* (us )?out|improve\w*|put (their|his|her) money|reverse\w*|scrap\w*|"
    r"go (after|for)|take (on|a stand)|bring back|restore\w*|"
    # "who'll keep the hybrid deal" (not "who will keep us updated", "keep the minutes")
    r"keep\w* (?!(us|me|you|members|people|everyone|track|records?|minutes|notes|a|an|in touch|"
    r"informed|updated|posted|the (minutes|records?|register|list|data|count))\b))"
)
_WHO_OF_THEM = (
    r"(who(ever|s)?|(any|none|one|either|neither|which) of (them|those|these|em|(this|that|the) "
    r"(lot|bunch|crowd))|anyone|anybody)"
    r"( (on|in) the( \w+)? (ballot|paper|list|running|race)| standing| running)?"
)
_ADVERB = r"( (actually|really|even|ever|truly|definitely))?"
# What one of those named will do: "will marion lloyd fight the pay freeze", "would they
# scrap it if they got in" (said of someone named, so no "who" is needed).
_THEY_WILL = re.compile(
    rf"\b(will|would|wud|are|is|can|could)( (they|he|she|them|her|him))?( (going to|gonna))?"
    rf"{_ADVERB} {_ACTS}\b"
)
_ACTING = re.compile(
    rf"(\b{_WHO_OF_THEM}{_ADVERB} ((will|would|ll|d|is going to|are going to|going to|is gonna|"
    rf"are gonna|gonna|can|could){_ADVERB} {_ACTS}|(backs|supports|opposes|favours|wants|"
    rf"(is|are) (against|pro|anti)|stands up for|pushes for|fights for|campaigns for)"
    rf"(?! (up|me|us|you|members|reps|stewards|people|staff|new|branch|branches|the (branch|rep|"
    rf"reps)|my|our)\b))"
    # "whos against the office mandate" (not "who's for president": who stands)
    rf"|\bwhos{_ADVERB} (against|pro|anti)"
    # asked the other way round: "will any of them do anything about it", "is anyone on the
    # ballot going to fight the office move"
    rf"|\b((will|would|can|could) {_WHO_OF_THEM}|(is|are) {_WHO_OF_THEM}{_ADVERB} (going to|"
    rf"gonna)){_ADVERB} {_ACTS})\b(?![^?.]{{0,15}}\b(my|me|mine)\b)"
)
# What a question about the election asks that is a fact, however it is worded: how, when,
# where, whether one may, how many, the result, how to stand or whom to tell.
_ASKS_A_FACT = re.compile(
    r"\b(how|when|where|deadline|method|online|postal|by post|packs?|statements?|eligib\w*|"
    r"allowed|count(s|ed|ing)?|contact|complain\w*|appeal|report|"
    r"to (ask|speak|talk|call|ring|email|message|tell|send)|"
    r"can (i|we|you|u) (still )?(vote|get|have|use)|how many|results?|won|turnout|"
    r"nominat\w*|become a candidate|mean|means|stand for election|for me|on my behalf|"
    r"in my place|proxy|day(?!s? (week|working))|date|record\w*|stored?|"
    # what is kept ("does the bot keep it"), not what one of them will keep ("who will keep")
    r"(?<!will )(?<!would )(?<!gonna )(?<!going to )keeps?|"
    # a choice already made, or which election: "who I voted for", "whose executive"
    r"who (i|we) (voted|picked|chose|ticked|backed|put)|whose (exec\w*|committee|group|"
    r"election|ballot)|announc\w*|"
    r"who (do|should|can|could|would) (i|we) (ask|tell|contact|complain to|speak to|talk to|"
    r"ring|email|go to|report)|"
    # which body does it: "who will negotiate the pay claim, the nec or the groups?"
    rf"{_BODY},? or (the )?{_BODY})\b"
)


# Someone asked to do a thing for the member ("can someone fix that", "could anyone sort it
# out"): a request, not one of those standing judged ("will someone fix pay?" is not asked so).
ASKED_TO_ACT = re.compile(
    r"\b(can|could) (someone|somebody|anyone|anybody)( please| pls)? (fix|sort|change|"
    r"correct|update|amend|move|check|look (at|into)|resend|re-send|send|put)( out| right)? "
    r"(that|this|it|my|mine|me)\b"
    # whom to ask it of: "who can sort that?", "who could fix this for me" (not "which of
    # them can fix pay": one of those standing)
    r"|\bwho (can|could)( i get to| \w+ get to)? (fix|sort|change|correct|update|amend|check|"
    r"look (at|into)|deal with|refund|resend|re-send)( out| right)? (that|this|it|my|mine|me)\b"
)


def view_asked(rest: str) -> bool:
    """Whether a question about the election, naming no one, asks what only a view of those
    standing answers: whom to choose, how one of them would do or is, who will win, whose
    side the bot or the union is on ("anyone worth voting for in the group exec election?",
    "who's likely to win?", "which boxes do I tick, I don't know any of them")."""
    acting = _ACTING.search(rest)
    about = _VOTE_TALK.search(rest) or _WHO_JUDGED.search(rest) or _THEM.search(rest)
    if not (about or acting or _AN_OPTION.search(rest)):
        return False
    if _ASKS_A_FACT.search(rest) or ASKED_TO_ACT.search(rest):
        return False  # (whom to ask for the member's own errand: "who can sort that?")
    # what is asked, not what is told before it; "someone like me" is not one of them
    clause = _NOW.sub(" ", asking_clause(rest) or rest)
    if _FORECAST.search(rest) or _SIDE.search(clause) or _ONE_OF_THEM.search(clause):
        return True
    if _ACTING.search(clause):
        return True
    if _NAME_WANTED.search(clause) or _TO_CHOOSE.search(rest):
        return True
    judged = _CHOICE_TO.search(clause) or _JUDGEMENT.search(clause) or _DONE_FOR.search(clause)
    return bool(_SOMEONE.search(clause) and judged) and not ASKED_TO_ACT.search(clause)


# A view disclaimed: "just the names please, not asking who to pick", "I don't want a
# recommendation": what follows is what the member does not ask.
_DISCLAIMED = re.compile(
    r"\b(not|never|dont|do not|am not|im not)( really| even)? (asking|after|looking for|wanting|"
    r"requesting|seeking|interested in|want|need|needing)( for)?( you to \w+( me)?)? (who|whom|"
    r"which|(a|any|your|an) (recommendation|opinion|view|endorsement|steer|pick|choice|verdict)s?|"
    r"recommendations|advice on (who|which))\b[^?.!,;]*"
    r"|\bno (recommendations?|opinions?|views?|steers?|endorsements?|verdicts?)\b"
    # "just want the names, not an opinion"
    r"|\bnot (a|an|any|your) (recommendation|opinion|view|endorsement|steer|pick|verdict)s?\b"
)


# The statements left unread, told, not asked: "no time to read statements, just give me a
# name", "skipped the statements" (no fact of them is asked).
_UNREAD = re.compile(
    r"\b(no time|not got (the )?time|havent (got )?(the )?time|dont have (the )?time|too busy|"
    r"cant be bothered|skipped|skipping|not reading|wont read|cant read)(( for| to)? (read|reading|"
    r"go through|wade through|look at))?( all)?( the| those| these| them)?( candidates)? "
    r"statements\b"
)


# A place on the paper, not a side: "the left column", "the right-hand box", "on the left of
# the paper".
_PLACE_ON_PAPER = re.compile(
    r"\b(the )?(left|right)([- ]?hand)?( side| column| box| corner| margin)\b|"
    r"\b(left|right)[- ]?hand\b|"
    r"\b(on|in|to) the (left|right) of the (paper|page|form|list|ballot|sheet|screen)\b"
)


# A word to begin with, not a side: "right, …", "all right then …" (not "right wing …").
_OPENER = re.compile(r"^(all right|alright|right)(,|!|\.|:| then\b| so\b)\s*")

# Letters NFKD leaves whole: "głosować" → "glosowac", "größte" → "grosste".
_UNACCENTED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


@of_question
def _plain(text: str) -> str:
    """Lower case, without apostrophes or accents ("quién" → "quien"), slang spelt out."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    said = re.sub(r"['’]", "", bare.lower()).translate(_UNACCENTED)
    said = _TEXT_SPEAK.sub(lambda m: "to" if m.group() == "2" else "for", said)
    said = " ".join(_SLANG.get(w, w) for w in said.split())
    return _OPENER.sub("", said)  # "right, the nec one has closed": a word to begin with


def _lowered(text: str) -> str:
    """`_plain`, a view disclaimed and a place on the paper left out."""
    return _PLACE_ON_PAPER.sub(" ", _DISCLAIMED.sub(" ", _plain(text)))


def disclaims_view(text: str) -> bool:
    """Whether the member says they ask no view ("the list of candidates, no
    recommendations", "not asking who to pick"): the rules read the rest of the message; a
    likeness in meaning to the partisan questions is no reason to answer what was not asked."""
    return bool(_DISCLAIMED.search(_plain(text)))


def _unnamed(lowered: str, names: Sequence[str]) -> str:
    """The question without the names of those standing, longest first, nor the member
    backed in their own case ("will the union back me if a candidate complains")."""
    for shape in _name_shapes(tuple(names)):
        lowered = shape.sub(" ", lowered)
    return _MEMBER_BACKED.sub(" ", lowered)


# One of them and a yes or no asked: "marion lloyd or not?", "vote independent left y/n".
_EITHER_WAY = re.compile(r"\W*(or not|y/?n|yes or no|yay or nay|thumbs up or (down|thumbs down))\b")


def _compared(lowered: str, names: Sequence[str]) -> bool:
    """Two of those standing set against each other ("BLN or Independent Left?"), or one of
    them with a yes or no asked."""
    spans = sorted(m.span() for n in names for m in re.finditer(rf"\b{re.escape(n)}s?\b", lowered))
    if any(_EITHER_WAY.match(lowered, end) for _, end in spans):
        return True
    return any(
        re.fullmatch(r"\W*(or|vs|versus|or the|or for|or vote)\W*", lowered[end:start])
        for (_, end), (start, _) in itertools.pairwise(spans)
    )


LEAD = (
    "Who you vote for is your choice: the union's channels stay neutral in internal "
    "elections, and the bot never recommends a candidate, slate or group."
)
# Once every election in view has closed there is no choice left to make: no invitation to one.
CLOSED_LEAD = (
    "Voting has closed: the union's channels stay neutral in internal elections, and the bot "
    "never recommends a candidate, slate or group."
)


# Said first when every ballot in view asks members a question (an industrial-action or a
# consultative ballot, no one standing): its facts, never candidates nor a view of the bot's.
QUESTION_LEAD = "asks members a question and has no candidates to choose between"


def is_neutral(text: str) -> bool:
    """Whether a reply is the answer to a view asked: the election's neutral answer, or a
    question ballot's facts given instead."""
    return LEAD in text or CLOSED_LEAD in text or QUESTION_LEAD in text


def statements_line(title: str, url: str | None, closed: bool = False) -> str:
    where = f"at {url}" if url else "on the election page"
    if closed:  # (nothing left to decide)
        return f"Every candidate's own statement for the {title} is {where}."
    return f"Every candidate's own statement for the {title} is {where}: read them and decide."


# Choosing in an internal election, however asked: "which way to vote in the nec election",
# "who do I pick for president", "can't decide between them", "any recommendations for the
# group exec?" (an election in view: `_INTERNAL_IN_VIEW`). Not who may vote, which group's
# election is the member's, or what the NEC decided.
_CHOOSING = re.compile(
    r"\bwhich way\b[^?.]{0,15}\bvot(e|ing)\b|"
    r"\b(who|whom|which( (one|ones|candidates?|slates?|sides?|names?|box|boxes|person|people))?)"
    r"\b(?! (can|may|is|are|gets?|has|have)\b)(?! (group |groups )?(exec\w*|committees?|groups?|"
    r"elections?|ballots?|posts?|seats?)\b)[^?.]{0,30}\b(should|shall|to|do|would|must|"
    r"ought)\b[^?.]{0,15}\b(vote for|vote against|pick|choose|back|support|tick|go for|go with|"
    r"put first|rank)\b|"
    r"\b(help (me|us)|cant|cannot|can not|struggling to|trying to|how (do|should|shall|can) "
    r"(i|we)) (decide|choose|pick)\b|\b(decide|deciding|choose|choosing) (who|whom|which|"
    r"between)\b|\b(undecided|tactical\w*|make (up )?my mind|my mind up)\b|"
    # whom to back asked for, not what a body recommended ("the NEC's recommendations on…")
    r"\b(recommend|endorse)\w* (who|whom|which|any ?one|any ?body|some ?one|candidates?|"
    r"slates?|me)\b|\b(any|your|a) (recommendations?|endorsements?)\b"
)
_INTERNAL_IN_VIEW = re.compile(
    r"\b(nec|national executive|presiden\w*|pres|prez|group exec\w*|exec|executive|elections?|"
    r"candidat\w*|slates?|factions?|nominees?|hopefuls?|statements?)\b"
)
# Choosing, backing, comparing or forecasting said of one of them: "marion lloyd, yes or no",
# "is BLN better than the independents", "will the joint slate get in".
_WEIGHING = re.compile(
    r"\b(vote|voting|voted|pick\w*|choos\w*|choice|back(s|ed|ing|ers?)?|support\w*|endors\w*|recommend\w*|"
    r"prefer\w*|favour\w*|trust\w*|rate|rated|worth|good|any good|best|better|worse|worst|"
    r"than|compare\w*|versus|vs|differen\w*|same as|like|should|would you|win|winning|"
    r"likely|chances?|odds|predict\w*|forecast\w*|tipped|front ?runners?|get in|getting in|"
    r"(do|does|doing) (well|better|badly|worse)|do it again)\b"
)


def about_choice(text: str, names: Sequence[str]) -> bool:
    """Whether a question is about an internal election's choice: it names one of those
    standing, speaks of candidates, slates or factions, or asks about choosing with an
    election in view ("which way do I vote in the nec election?"). A reply to it that is not
    the neutral answer ends with the neutral line (`ContentAnswerer.answer`); how to get a
    replacement paper or when to post it is not about the choice, unless one of them is
    named in the question."""
    lowered = _lowered(text)
    if mentions(lowered, names):
        return True
    rest = _unnamed(lowered, names)
    if _FIELD.search(rest):
        return True
    internal = _INTERNAL_IN_VIEW.search(rest)
    if not internal and _QUESTION_ASKED.search(rest):
        return False  # "which way do I vote in the pay ballot?": no one stands in it
    if is_partisan(text, names) or view_asked(rest):
        return True
    return bool(internal and _CHOOSING.search(rest)) and not _fact_asked(rest)


# A ballot that asks members a question: pay, action, a consultation.
_QUESTION_ASKED = re.compile(
    r"\b(pay|strikes?|industrial|action|consult\w*|indicative|dispute|offer|deal)\b"
)


def without_names(text: str, names: Sequence[str]) -> str:
    """The question, lower case, without the names of those standing."""
    return " ".join(_unnamed(_lowered(text), names).split())


def counted(text: str) -> bool:
    """Whether a question asks a count ("how many votes does X need to win") or how one of
    them did ("did BLN do well in the nec election?"): the scrutineer's or the paper's,
    never a view."""
    lowered = _lowered(text)
    return bool(_COUNTED.search(lowered) or _HOW_THEY_DID.search(lowered))


_HOW_THEY_DID = re.compile(
    r"\b(did|have|has|had)\b[^?.]{0,30}\b(do|done|go|gone|fare|fared|perform\w*)\b[^?.]{0,10}"
    r"\b(well|badly|ok|okay|alright|better|worse)\b|\bhow did\b[^?.]{0,40}\b(do|go|fare|get on)\b"
)


def weighs_them(text: str, names: Sequence[str]) -> bool:
    """Whether a question names one of those standing (or speaks of candidates, slates or
    factions) with a word of choosing, backing, comparing or forecasting: never handed off,
    whatever else it asks (`ContentAnswerer.answer`)."""
    lowered = _lowered(text)
    rest = _FILLER.sub(" ", _unnamed(lowered, names))  # ("id like to ask her": a wish)
    if not (mentions(lowered, names) or _FIELD.search(rest)) or _COUNTED.search(rest):
        return False
    return bool(_WEIGHING.search(rest)) or _compared(lowered, names)


# A count, which only the scrutineer or the paper gives: "how many votes does X need to win",
# "how many candidates can I pick".
_COUNTED = re.compile(
    r"\b(how many|how much|turnout|count(s|ed|ing)?|tally|votes? (to|needed|need))\b"
)


CHOICE_LEAD = "The bot does not recommend anyone: who you vote for is your choice."
CLOSED_CHOICE_LEAD = "The bot does not recommend anyone."


def choice_line(statements: Sequence[str], closing: Sequence[str], closed: bool = False) -> str:
    """The neutral line a reply about the election's choice ends with: no recommendation,
    the choice the member's (unless every election in view has `closed`), where the
    statements are (`statements`, unless the reply gives them), and how and when to vote
    (`closing`)."""
    said = [CLOSED_CHOICE_LEAD if closed else CHOICE_LEAD]
    if statements:
        said.append(f"The candidates' statements are at {' and '.join(statements)}.")
    return " ".join([*said, *closing])
