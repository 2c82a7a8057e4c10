"""What a question asks that no passage holds, however near the passage found: the member's own
standing as a member ("I'm behind on my subs, can I still vote?") or own money ("will I
personally get money back?"), an outcome or a reply since the record when the passage gives
only an aim or work under way ("have the claims gone to court yet?"), or an event or a
channel the passage does not speak of ("is the branch meeting still on this Thursday?", "a
whatsapp group?", "what time is the count?"). An answer found for such a question is handed to
the organisers instead (`engine._one`): the content cannot judge a member's case and does not
say what has happened since it was written.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from bot.answers import checks, live, neutral, practical
from bot.answers.text import STOP, asking_clause, has_money, normalise, stem, words, years_in
from bot.core.services import Answer

# The member's own membership, paid or not: the content's one rule on who votes is the
# join-by date, so whether one in arrears may vote is the organisers' to say.
_OWN_MEMBERSHIP = re.compile(
    r"\b(in|into|fallen into|got into) arrears\b|"
    r"\b(behind|late|short|overdue) (on|with) (my |our |the |paying )?(subs|subscriptions?|"
    r"membership|dues|payments?)\b|"
    r"\b(cant|cannot|can not|couldnt|struggling to) (afford|pay)( to pay)? (my |the |our )?(subs|"
    r"subscriptions?|membership|dues)\b|"
    r"\b(pause|freeze|suspend|stop|cancel|put on hold) (my |our )?(membership|subs|"
    r"subscriptions?|direct debit)\b|"
    r"\b(not|never|havent|hasnt|didnt|stopped|forgot to) (been )?pa(id|y|ying) "
    r"(my |the |our |any )?(subs|subscriptions?|dues)\b|"
    r"\b(subs|subscriptions?|dues|direct debit)\b[^?.]{0,15}\b(havent|hasnt|not|never|stopped)"
    r"( been)? (taken|paid|collected|gone out|come out)\b|"
    r"\b(owe|owing)( the union)? (\w+ )?(subs|dues)\b|\bmissed (\w+ )?(subs|dues|payments?)\b|"
    r"\b(direct debit|dd)\b[^?.]{0,20}\b(failed|bounced|cancelled|stopped|lapsed)\b|"
    # whether one has become a member yet: "filled in the form, am i a member yet", "has my
    # application gone through" (the membership system's record, not the content's)
    r"\b(am i|are we|is (he|she|my \w+))( officially| actually| definitely| now)? (a |an )?"
    r"(proper |full |paid up )?(member|members|in the "
    r"union|signed up|registered|on the books|on the system)( \w+)? (yet|now|already|officially)\b|"
    r"\b(has|have|is) my (membership|application|join form|joining form|form|sign ?up)( \w+)? "
    r"(gone through|through|been (processed|accepted|approved|confirmed)|active|live|confirmed|"
    r"processed|approved)\b|"
    r"\bwhen (does|will|do) (my|our) (membership|cover)( \w+)? (start|begin|kick in|go through|"
    r"become active)\b|"
    # "maybe my membership not processed?", "let her membership lapse and rejoined"
    r"\b(my|her|his|our) (membership|application|join form|joining form)( \w+)? (was |has |had )?"
    r"(not|never|hasnt|wasnt|didnt)( been| get| go)? (processed|gone through|go through|"
    r"accepted|approved|confirmed)\b|"
    r"\b(membership|subs)\b[^?.]{0,20}\blapsed?\b[^?.]{0,30}\brejoin\w*\b|"
    # what the subs are, a rate asked ("what's the subs for a band O officer?"): the union's
    # fees, which the content does not give (not a channel's subscriptions)
    r"\b(what|whats|how much)( is| are| r)? (the |my |our |union |current )?(subs|dues)\b"
    r"(?![^?.]{0,30}\b(channel|bot|updates|topic|topics|telegram|slack)\b)"
)
# The member's own money, asked of their own case: "will I personally get money back", "I was
# overpaid and they're taking it back out of my wages" (not "could I be owed money", which
# the passage on who may have a claim answers).
_OWN_MONEY = re.compile(
    r"\b(will|would|do|did|can|could|am|shall) (i|we) (personally|actually|definitely|myself|"
    r"ourselves) (get|got|receive|be paid|be owed|be due|be entitled to|be compensated|claim)\b"
    r"[^?.]{0,25}\b(money|payouts?|compensation|refunds?|back ?pay|payments?|cash|rebates?|"
    r"damages|anything|back)\b|"
    # a colleague's or a partner's: "is she due a refund from it?"
    r"\b(is|will|would) (she|he|my \w+)( \w+)? (due|owed|entitled to|getting|going to get)\b"
    r"[^?.]{0,25}\b(money|payouts?|compensation|refunds?|back ?pay|payments?|cash|rebates?|damages|"
    r"anything)\b|"
    r"\b(i was|ive been|i have been|im being|i am being|i got) (overpaid|underpaid|docked|"
    r"clawed back|over-?paid|under-?paid)\b|"
    r"\b(taking|take|took|claw\w*|deduct\w*|dock\w*) (it |\w+ |£\d[\d,.]* ){0,3}(back )?(out of|"
    r"from|off) (my|our) (wages|pay|salary|payslip|pay packet)\b|"
    # "sick pay they cut from me", "my pay was stopped": the member's own pay taken
    r"\b(sick pay|pay|wages|salary|overtime|allowance)\b (\w+ ){0,2}(cut|stopped|docked|reduced|"
    r"withheld|deducted)\b[^?.]{0,15}\b(from|off) (me|my|us)\b|"
    r"\b(my|our) (sick pay|pay|wages|salary|overtime|allowance) (was |has been |got |been )?(cut|"
    r"stopped|docked|reduced|withheld)\b|"
    # paid back to the member: "is the pension remedy going to pay me back"
    r"\b(going to|gonna|will|would|does|do|can|could) (\w+ ){0,4}(pay|repay|refund|compensate|"
    r"reimburse) (me|us)( back)?\b"
)
# What has happened since, or how something ended: "have the claims gone to court", "did we
# ever get it back", "did the cabinet office reply", "did we ballot in the end".
_SINCE = re.compile(
    r"\b(in the end|eventually|ever since|since then)\b|"
    # "did the NEC ever reassess …"
    r"\b(did|have|has) (we|they|members|the \w+( \w+)?|our \w+) ever\b|"
    r"\b(gone|go|went|been taken|taken|get|got) to court\b|"
    # "has the case been settled yet?", "has the review body actually been set up yet?"
    r"\b(has|have)\b[^?.]{1,90}\bbeen (\w+ )?(settled|resolved|concluded|set up|established|"
    r"created|launched|introduced|implemented|won|sorted|finished|lodged|filed|issued|brought|"
    r"started)( yet)?\b|"
    # "did the legal action on pensions ever actually get lodged?": a long subject, the act done
    r"\b(ever|actually|finally|eventually) (get|got|gotten|go|went|gone|been) (lodged|filed|"
    r"issued|brought|launched|started|settled|resolved|set up|heard|taken to court|off the "
    r"ground|paid out|paid)\b|"
    # whether an aim is real yet: "is it actually happening?" (not "or just talk", which asks
    # of talks too: "does it negotiate or just talk")
    r"\b(actually|really|definitely|ever) (happening|happened|going ahead|gone ahead|went ahead|"
    r"in place|up and running)\b|"
    # "what came out of it?", "what did it decide at its last meeting?"
    r"\bwhat (came|has come|come) (out )?of (it|that|them|the meeting)\b|"
    # "did anything ever come of the claims?" (not "come out of my wages": a thing came of)
    r"\b(did|has|have|had) (anything|owt|aught|much|something|nothing) (ever |actually |really )?"
    r"(come|came) (out )?of\b|"
    # how it stands now: "how's the legal case going at the moment?" (not "how is it going to
    # work", a way; nor "how is it going" alone, a greeting)
    r"\bhows?\b( is| are| has| have)? [^?.]{0,80}\b(been )?(going|progressing|coming along|"
    r"getting on|shaping up)\b(?! to\b)( \w+){0,2} (now|so far|at the moment|these days|currently|"
    r"at present|lately)\b|"
    r"\bwhat did (the |they |it |our )?(\w+ ){0,3}(decide|agree|recommend|conclude|say)\b"
    r"[^?.]{0,20}\b(its|their|the) (last|latest|most recent|previous)\b|"
    # "what was agreed at the last NEC meeting?" (the latest, not the record's own)
    r"\bwhat (was|were|got|has been|have been) (decided|agreed|resolved)\b[^?.]{0,10}\b(at|in) "
    r"(its|their|the) (last|latest|most recent) (\w+ )?(meeting|meet)\b|"
    r"\b(did|have|has|had) (we|they|you|members|ministers|the \w+( \w+)?|our \w+)( ever| finally)? "
    r"(get|got|gotten|receive|received|win|won|reply|replied|respond|responded|answer|answered|"
    r"hear back|heard back|get back to|got back to)\b(?! (to )?(vote|a vote))"
)
_TIME_LEFT = re.compile(r"\bhow (long|much time|many days|many weeks) (have|has) \w+ got\b")
# Where talks stand now: "what severance terms are they negotiating right now", "what's on the
# table at the moment" (the content gives the aims, never the state of the talks).
_TALKS_NOW = re.compile(
    r"\b(negotiat\w*|talks|terms|offer|offered|deal|on the table|settlement|proposals?)\b"
    r"[^?.]{0,40}\b(right now|currently|at the moment|at present|these days|so far|latest|today)\b|"
    r"\b(right now|currently|at the moment|at present|latest)\b[^?.]{0,40}\b(negotiat\w*|talks|"
    r"terms|offer|offered|on the table|settlement|proposals?)\b|"
    # what is proposed or on offer: "what changes to severance are being proposed?"
    r"\b(what|which|any) (\w+ ){0,2}(changes?|cuts?|proposals?|terms|offers?|deal)\b[^?.]{0,40}"
    r"\b(proposed|planned|on offer|on the table|offered|in the pipeline|being (made|discussed|"
    r"negotiated|considered|put forward|looked at))\b"
)
# An aim or work under way: what the content says of a thing still to happen.
_AIM = re.compile(
    r"\b(preparing|planning|plans to|aims? to|seeks? to|influence|campaigning|campaign (for|to)|"
    r"advance|"
    r"working (to|towards)|pushing for|pressing|reassess\w*|not ready yet|"
    # an action set for a day: "hold your AGM by Friday 26 February 2021"
    r"by (mon|tues|wednes|thurs|fri|satur|sun)day \d{1,2} [a-z]+ \d{4}|"
    # a schedule: when it meets, not what came of a meeting
    r"meets (quarterly|monthly|weekly|annually|yearly|every \w+))\b",
    re.IGNORECASE,
)
# Something that happened, said so.
_DONE = re.compile(
    r"\b(won|agreed to|accepted|rejected|replied|responded|went to court|was (heard|settled|paid)|"
    r"were (paid|refunded)|has been (paid|settled|heard))\b",
    re.IGNORECASE,
)
_EVENTS = (
    r"(meeting|meetings|agm|hustings|count|social|rally|demo|picket|strike|walkout|collection)"
)
_CHANNELS = r"(whatsapp|facebook|group chat|signal group|discord|mailing list)"
# Apps the bot is asked of that the content never names (it runs in Telegram and Slack)
_APPS = (
    r"(whats app|signal|microsoft teams|ms teams|teams|messenger|instagram|imessage|viber|"
    r"wechat|sms|text messages?)"
)
# An event or a channel asked of: whether there is one ("is there a strike at …", "does the
# branch have a whatsapp group"), whether it is still on, when, what time or where it is.
_EVENT_ASKED = re.compile(
    rf"\b(is there|are there|will there be|any|(does|do|has) (the |our |my |this |that )?(\w+ )"
    rf"{{0,4}}(have|got))\b (a |an |any )?(\w+ ){{0,3}}(?P<a>{_EVENTS}|{_CHANNELS})\b|"
    rf"\b(is|are|was|will)\b (the |our |my |a |there )?(\w+ ){{0,4}}(?P<b>{_EVENTS})s?( still)? "
    rf"(on|going ahead|cancelled|happening|postponed)\b|"
    rf"\b(when|what time|where)\b[^?.,]{{0,30}}\b(the|a|our)( \w+){{0,2}} (?P<c>{_EVENTS}|"
    rf"{_CHANNELS})\b|"
    # the bot asked of on a channel it is not on ("can I use this on whatsapp?", "is the bot
    # on signal?")
    rf"\b(use|using|get|have|add|run|read|reads|see|sees|work|works)\b[^?.]{{0,30}}\b(on|in|via|"
    rf"through|with|to|into) (the |our |my |a )?(\w+ )?(?P<d>{_CHANNELS}|{_APPS})\b|"
    rf"\b(is|are|s) (the bot|this bot|the app|this|it|you|u)( also| even| available)? (on|in|via|"
    rf"available on|available in) (the |our |my |a )?(?P<e>{_CHANNELS}|{_APPS})\b"
)
_OURS = re.compile(r"\b(telegram|slack)\b")  # the platforms the bot is on
# Telegram or Slack said as what members will not use ("half my members won't use
# Telegram"): not the channel asked of.
_NOT_OURS = re.compile(
    r"\b(not|arent|isnt|wont|dont|doesnt|never|refuse\w*|without|hate|cant)( \w+){0,2} "
    r"(telegram|slack)\b"
)
# Words the content uses for the same thing ("meets" for a meeting; industrial action for a
# strike; "counted" for the count).
_SAME_THING = {
    "meeting": ("meet", "met", "agm"),
    "meetings": ("meet", "met", "agm"),
    "agm": ("meeting", "meet"),
    "strike": ("industri", "action"),
    "walkout": ("industri", "action", "strike"),
    "count": ("counted", "scrutin"),
    "group chat": ("group", "channel"),
}


# The member's own job, asked of their own case: "off sick six months, will I lose my job?",
# "can they sack me for it?" (the content holds no one's case).
_OWN_JOB = re.compile(
    r"\b(will|would|could|can|might|am) i (\w+ )?(lose|be losing) (my )?(job|post|contract|role|"
    r"position|employment)\b"
    r"|\b(will|would|could|can|might|am) i (\w+ )?(get|be) (sacked|fired|dismissed|made redundant|"
    r"let go)\b"
    r"|\b(can|could|will|are) (they|my (manager|employer|boss|department)) (\w+ )?(sack|fire|"
    r"dismiss|get rid of) me\b|\bam i (going to|gonna) (be (sacked|fired|dismissed)|lose my "
    r"(job|post))\b"
    # a process at work the member is in ("I'm on a PIP and my manager's a nightmare, can someone
    # help?"), or what a manager said of their rights put to the bot ("my manager says we can't
    # have union meetings in work time, is that right?"): casework, not the content's
    # a member disciplined: "my colleague got disciplined for a post, can the union help"
    r"|\b(i|she|he|they|we|colleague|mate|friend|member|partner) (\w+ )?(got|been|was|were|is|"
    r"are|am|being|have been|has been) (disciplined|suspended|sacked|dismissed|investigated|"
    r"given a (written |final )?warning)\b"
    r"|\b(i am|im|i'm|i’m|she is|shes|he is|hes|been put|been placed|put me) on (a |an )?(pip|"
    r"performance improvement plan|capability|improvement plan|stage \d|final warning|"
    r"written warning|attendance warning)\b|\bon an? (pip|performance improvement plan|"
    r"capability plan|improvement plan)\b"
    r"|\b(manager|boss|employer|line manager|management|hr)( \w+){0,3}? (says|said|told (me|us)|"
    r"reckons)\b"
    r"[^?]{0,80}\b(is that (right|true|allowed|legal|fair)|are they allowed|can they (do|say) that|"
    r"can they)\b"
    r"|\b(manager|boss|employer|management|hr)( \w+){0,3}? (wont|won't|will not|doesnt|does not|"
    r"refuses to|refused to|would not|wouldnt) (let|allow)\b"
)
# A ballot's outcome asked: "did the pay ballot pass?", "how did the nec vote go?" (no result
# is in the content: the scrutineer announces them).
_OUTCOME = re.compile(
    r"\b(did|has|have|had) (the |our |that |this )?(\w+ ){0,5}(ballot|vote|election|poll)s? "
    r"(\w+ )?(pass|passed|succeed\w*|fail|failed|go through|gone through|carry|carried|get (the |"
    r"enough )?(turnout|threshold|mandate|votes|voters|people voting|yes)|reach\w* the threshold|"
    r"win|won)\b"
    r"|\bhow did (the |our |that |this )?(\w+ ){0,3}(ballot|vote|election|poll)s?( \w+){0,4} go\b"
)
_RESULT_SAID = re.compile(
    r"\b(turnout (was|of)|\d+(\.\d+)?% (yes|turnout)|result was|results? (were|was) announced)\b"
)


# Someone to stand beside the member in their own case: "can a rep come to my absence
# meeting with me?", "could someone be at my hearing?" (the content names no such help).
_OWN_MEETING = re.compile(
    r"\b(can|could|will|would) (someone|somebody|anyone|a rep|a steward|you|the union|the branch)"
    r"( from the (union|branch))? (come|attend|accompany|sit in|be there|be at|go|join me)\b"
    r"[^?.]{0,30}\b(meeting|hearing|interview|with me)\b"
)


# The member's own instance of a thing the content speaks of only in general: their paper, vote,
# request, claim or form ("my replacement request", "my claim"), or "it" and "mine" once the
# message has named one. The content says how such things go, never where one of them is.
_MINE = (
    r"(my|our) (own )?((?!(is|are|was|were|has|have|had|did|didnt|hasnt|havent|and|but|or|the|a|"
    r"to|in|on|at|for|of|it)\b)\w+ ){0,6}(paper|papers|ballot|ballots|vote|votes|pack|envelope|"
    r"request|claim|application|form|complaint|grievance|appeal|case|nomination|motion|"
    r"replacement)"
)
_OWN_THING = re.compile(rf"\b{_MINE}\b|\bmine\b")
# A state only a record holds: received, processed, lodged … ("has it been processed", "has my
# claim been lodged", "did my request go through"; not "will it be counted if I post it today",
# which the close answers, nor "has my pack arrived", which the packs' date answers).
_RECORDED = (
    r"(received|processed|lodged|logged|registered|recorded|accepted|approved|rejected|"
    r"actioned|dealt with|looked at|picked up|filed|gone through|went through|go through|"
    r"gone in|gone off|been put in|submitted)"
)
_OWN_STATE = re.compile(
    rf"\b(has|have|had|did|was|were|is)( \w+)? (it|they|mine|{_MINE})( \w+)? "
    rf"((been|actually|definitely|really|already|ever|got|get|gotten) ){{0,3}}{_RECORDED}\b"
)
# A condition asks the rule, not the state: "is my vote still accepted if I post it on
# Friday?" is the posting day's.
_CONDITION = re.compile(r"\b(if|as long as|provided|providing|unless|even though)\b")
# Whether what the member sent got there, asked to be checked or known ("can you confirm the
# scrutineer has actually received it", "how can I know it really arrived?"): something told
# as sent, or their own thing named, and a check of its arrival or state.
_SENT_MINE = re.compile(
    r"\b(i|ive|i have|we|weve) (already |just |only )?(posted|sent|returned|mailed|submitted|"
    r"put in|handed in|dropped off)\b|"
    # a colleague's or a partner's ("colleague posted her ballot on the 2nd, can she find out …")
    r"\b(posted|sent|returned|mailed|submitted) (her|his|their) (\w+ )?(paper|ballot|vote|pack)\b|"
    r"\b(posted|sent|returned|mailed|submitted) (it|mine|my \w+)\b"
)
_CHECKED = re.compile(
    r"\b(confirm|check|verify|know|tell|find out|be sure|make sure|see (if|whether))\b[^?.]{0,50}"
    r"\b(it|they|"
    r"mine|my (\w+ ){0,3}\w+|the \w+)( (has|have|was|were|did|had|been|actually|definitely|"
    r"really|safely|ever|got|get))* (arrived|arrive|got there|get there|reached|received|counted|"
    r"got through|processed|lodged|come through|came through)\b"
)
# Someone who got the member's own thing, asked ("did the union get my replacement request?",
# "did the scrutineer get my nec paper?"; not the bot: "did you get my …" is the bot's record).
_GOT_MINE = re.compile(
    rf"\b(did|has|have|had) (the \w+( \w+)?|they|anyone|someone|somebody) (actually |definitely |"
    rf"ever |already )?(get|got|gotten|receive|received|process|processed|log|logged|register|"
    rf"registered) ({_MINE}|mine)\b"
)
# A fault on the member's own paper that the content does not name: their name printed wrong,
# someone else's name on it ("my name is spelled wrong on it, will it count?",
# "came with someone else's name on it"); a spoilt or lost paper, or one sent to an old
# address, is the content's own case.
_OWN_FAULT = re.compile(
    r"\b(my|the|her|his|their) (name|surname|membership number)( \w+){0,4} "
    r"(is |are |was |were |has been |have been )?(spelt|spelled|written|printed|put|got)? ?"
    r"(wrong|wrongly|incorrect\w*|misspel\w*|mis-?spel\w*)\b|"
    r"\b(someone|somebody|some one) else'?s? (name|surname|membership (number|no)|details)\b|"
    # the paper has it ("has the wrong name in it"; not "put my cross next to the wrong name")
    r"\b(has|have|had|with|shows|showing|says|came with) (got )?(the |a )?(wrong|another "
    r"(person|member)'?s?|different) (name|surname)\b|"
    # said without "my": "came but name spelled wrong", "surname misspelt", "old membership no"
    r"\b(name|surname|membership (number|no))\b( \w+){0,3} (is |was |are |were |has been |"
    r"have been )?(spelt|spelled|written|printed|put|got) (wrong|wrongly|incorrect\w*)\b|"
    r"\b(misspel\w*|mis-?spel\w*) (my |the |her |his )?(name|surname)\b|"
    r"\b(name|surname)( \w+){0,2} (misspel\w*|mis-?spel\w*|typo)\b|"
    r"\b(wrong|old|incorrect|out of date) (membership (number|no)|surname)\b"
)
# Something else in the envelope with the member's paper, or two members' papers in one ("I
# put it in the envelope with a shopping list", "can we post our papers in one envelope?"):
# the content says to seal the paper in the envelope provided, never what else may go in it.
_ENVELOPE_SHARED = re.compile(
    r"\b(in|into) (one|the same|a single|just one) envelope\b|\b(same|single|shared) envelope\b|"
    r"\benvelope (with|along with|together with|as well as|alongside) (a|an|my|our|his|her|"
    r"their|some|the) \w+"
)
# The member's own replacement, asked as sent ("has my replacement been posted yet?"): the
# content gives the deadline to ask for one, never when one went out.
_NEW_ONE = r"(replacement|new paper|new pack|new ballot|second paper|spare paper)"
_REPLACEMENT_SENT = re.compile(
    rf"\b((has|have|was|were|is) )?(my|our) (\w+ )?{_NEW_ONE}( \w+){{0,2}} ((has|have|was|is) )?"
    r"(been |already |actually ){0,2}(posted|sent|issued|dispatched|despatched|on its way|"
    r"(go|gone|went) out)\b|"
    # "has the union sent my new paper yet?"
    rf"\b(sent|posted|issued|dispatched|despatched)( out)? (me )?(my|our) (\w+ )?{_NEW_ONE}\b"
)
# The member's own thing, not come, asked to come in time ("my replacement still hasn't
# arrived, will it get here in time?"): a forecast no passage makes.
_NOT_COME = re.compile(
    r"\b(hasnt|havent|has not|have not|not|never|didnt)( yet)? (arrived|come|turned up|got here|"
    r"been delivered|landed)\b|\bstill (waiting|not here)\b"
)
_COMES_IN_TIME = re.compile(
    r"\b(will|would|is|does|do) (it|they|mine|my \w+( \w+)?) (\w+ )?(get here|get to me|arrive|"
    r"come|turn up|reach me|be here|make it|be delivered)\b"
)
# Whether the member's own paper got there, with a check asked ("did my NEC paper arrive? can
# you check?"; not "has my pack arrived", which the packs' date answers).
_ARRIVED_MINE = re.compile(
    rf"\b(did|has|have) ({_MINE}|mine)( \w+)? (arrive|arrived|get there|got there|reach\w*|"
    r"get through|got through|been received)\b"
)
_CHECK_ASKED = re.compile(r"\b(check|confirm|verify|find out|let me know)\b")
_PAPERS = re.compile(r"\b(paper|papers|ballot|ballots|pack|envelope|email|link|form)\b")
# The bot's own record of the member ("has my vote been recorded by the bot?", "I pressed I've
# voted, has it been logged?"): what /voted and /mydata say, which the content does hold.
_BOTS_RECORD = re.compile(
    r"\b(by|with|on|in|to) (the bot|this bot|you|u|here)\b|"
    r"\b(the bot|you|u) (\w+ )?(recorded|registered|logged|noted|counted|got|have|has)\b|"
    r"\b(ive voted|i ve voted|/voted|voted button|the button)\b"
)


# The member's own paper opened or tampered with before it reached them ("my pack came already
# opened, is my vote still secret?"): the content says nothing of a paper so found.
_OPENED = re.compile(
    r"\b(already|been|got|was|were|came|arrived|come)( \w+){0,2} (opened|unsealed|tampered with|"
    r"ripped open|torn open|resealed)\b|\btampered\b"
)


# The member's own paper posted on a day named, asked as counted once the ballot has closed
# ("I posted my NEC paper on the 9th, will it be counted?" after the close): whether it got
# there in time is the scrutineer's record; the reply that voting has closed does not say.
_POSTED_ON = re.compile(
    r"\b(posted|sent|put|mailed|went (in|into) the (post|postbox|box))"
    r"( it| mine| (my|our) (\w+ ){0,3}(paper|vote|ballot|pack))?( \w+){0,3} "
    r"on (the )?(\d{1,2}|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
)
_COUNTED_ASKED = re.compile(
    r"\b(will|was|has|did|would|does|is) (it|mine|my \w+( \w+)?) (still )?(be |been |get |got )?"
    r"(counted|count|accepted|valid|included|arrived|got there|made it)\b"
)
_CLOSED_SAID = re.compile(r"\b(closed (at|on)|too late to vote)\b", re.IGNORECASE)


def posted_unsaid(lowered: str, reply: str) -> bool:
    """The member's paper told as posted on a day and asked as counted, and the reply says
    only that the ballot has closed."""
    return bool(
        _POSTED_ON.search(lowered) and _COUNTED_ASKED.search(lowered) and _CLOSED_SAID.search(reply)
    )


def own_record(lowered: str) -> bool:
    """The state of the member's own paper, request or claim asked (received, processed,
    lodged), an arrival of what they sent asked to be checked, or a fault printed on their own
    paper, something else in its envelope, a replacement asked as sent or as coming in time:
    what only the organisers' or the scrutineer's record holds."""
    if (_OWN_FAULT.search(lowered) or _OPENED.search(lowered)) and _PAPERS.search(lowered):
        return True
    if _ENVELOPE_SHARED.search(lowered) or _REPLACEMENT_SENT.search(lowered):
        return True
    mine = _OWN_THING.search(lowered) or _SENT_MINE.search(lowered)
    if not mine or _BOTS_RECORD.search(lowered):
        return False
    unsure = not _CONDITION.search(lowered)
    if unsure and _NOT_COME.search(lowered) and _COMES_IN_TIME.search(lowered):
        return True  # (not come, asked to come in time)
    if _ARRIVED_MINE.search(lowered) and _CHECK_ASKED.search(lowered):
        return True
    state = _OWN_STATE.search(lowered) and not _CONDITION.search(lowered)
    return bool(state or _CHECKED.search(lowered) or _GOT_MINE.search(lowered))


# The member's own case about a ballot, told and asked of, that no date or rule in the content
# answers, though the reply that comes nearest is a ballot's dates or its join-by rule:
# whether what they posted arrived, asked as a way to check it ("posted it on the 9th, any
# way of checking it got there?", "did it reach the scrutineer? I posted it Tuesday"); whether
# leave, retiring, lapsing or subs keep or lose them their vote ("I go on maternity leave in
# April, will I keep my vote?", "is my membership continuous?"); someone else posting it ("can
# I hand it to my rep to post?"); whether another service is open on a day and the reply
# does not name it ("is the helpline open on the bank holiday?", `open_unsaid`); a replacement
# asked for and late ("requested on the 3rd, still not here"); whether a paper with a fault is
# valid ("ticked two, is it void?").
_WAY_TO_CHECK = re.compile(
    r"\b(check|checking|track|tracking|confirm|confirming|verify|verifying|trace|tracing|know|"
    r"tell|find out|see|be sure|make sure)\b[^?.]{0,40}\b(arrived|(?<!be )received|got there|"
    r"reached|been delivered|landed|safely)\b|"
    # "can you check if they got my nec ballot?"
    r"\b(check|confirm|find out|see|know)\b (if|whether) (they|the \w+( \w+)?|anyone|someone) "
    r"(have |has |actually |definitely )?(got|gotten|get|received)\b"
)
_REACHED_SCRUTINEER = re.compile(
    r"\b(did|has|have|was) (it|mine|my|they|her|his)\b[^?.]{0,40}\b(reach\w*|arriv\w*|get to|"
    r"got to|make it to|made it to|been received by) (the )?scrutineer"
)
_POSTED_MINE = re.compile(r"\b(posted|sent|returned|mailed)\b")
_OWN_STANDING = re.compile(
    r"\b(maternity|paternity|parental|adoption|sick|unpaid|special|compassionate) leave\b|"
    r"\bcareer break\b|\bretir(e|es|ed|ing|ement)\b|\blaps(e|es|ed|ing)\b|\bredundan(t|cy)\b|"
    r"\bsuspended\b|\bsubs\b|\bsubscriptions?\b|\bdirect debit\b|\barrears\b|\bnon-?payment\b"
)
_VOTE_KEPT = re.compile(
    r"\b(keep|lose|losing|lost|retain|still have|still get|still keep|affect|change)\w* "
    r"(my|her|his|their|our|the) (nec |national |group |exec |president |presidential )?"
    r"(vote|votes|right to vote|ballot|say|membership|eligibility)\b|"
    r"\b(still|stay a member and( still)?) (vote|be (able|allowed|entitled|eligible) to vote|"
    r"get (a|an|my|the) (\w+ )?(vote|ballot|paper|say))\b|"
    r"\bmembership\b[^?.]{0,20}\bcontinuous\b|\bcontinuous\b[^?.]{0,20}\bmembership\b|"
    r"\bbreak in (my |her |his )?membership\b"
)
_SOMEONE = (
    r"(rep|steward|colleague|friend|mate|partner|husband|wife|son|daughter|branch secretary|"
    r"secretary|branch sec|manager|neighbour|someone|somebody|anyone)"
)
_POSTED_FOR = re.compile(
    rf"\b(hand|give|pass|leave|drop)( in| off)? (my|mine|it|them|her|his|the|our)( \w+){{0,4}} "
    rf"(to|with) (my|a|the|our|her|his|their) (\w+ )?{_SOMEONE}\b|"
    rf"\b(can|could|may|will|would) (my|a|the|our|her|his) (\w+ )?{_SOMEONE} (\w+ )?(post|send|"
    # (not their own paper: "can my colleague still post her ballot today?" asks the dates)
    r"return|hand in|drop off|take)\b(?! (her|his|their)( own)? (\w+ )?(paper|ballot|vote)\b)"
)
_OTHER_OPEN = re.compile(
    r"\b(is|are|will|would|does|do)( the| a| my| our| your| any)?( \w+){0,2} (?P<service>helpline|"
    r"phone ?lines?|post office|post offices|sorting office|membership team|switchboard|"
    r"union office|regional office|head office)( \w+){0,3} (be |is |are )?(open|opened|staffed|"
    r"manned|answering|running|working)\b"
)
_REPLACEMENT_LATE = re.compile(
    rf"\b{_NEW_ONE}\b[^?.]{{0,40}}\b(requested|asked for|ordered|applied for|phoned for|rang for)"
    r"\b[^?.]{0,40}\b(hasnt|havent|has not|have not|not|never|didnt)( yet)? (arrived|come|"
    r"turned up|got here|been delivered|landed|shown up)\b|"
    rf"\b(requested|asked for|ordered|applied for|phoned|rang|called|emailed)( \w+){{0,3}} (for )?"
    rf"(a |my |another |the )?{_NEW_ONE}\b[^?]{{0,60}}\b(still nothing|nothing (yet|still|so far|"
    r"came|has come|arrived|turned up)|(still )?(hasnt|havent|has not|not|never|didnt)( yet)? "
    r"(arrived|come|turned up))\b"
)
_FAULT = re.compile(
    r"\b(maiden|old|previous|former|married|birth) (name|surname)\b|"
    r"\b(torn|ripped|damaged|soggy|unsealed|not sealed|didnt seal|seal\w* (it |the envelope )?"
    r"properly|too many|one more|two candidates|extra (cross|tick|box)|ticked two|crossed two|"
    r"two crosses|two ticks)\b"
)
_VALID_ASKED = re.compile(
    r"\b(void|valid|invalid|disqualified|rejected|thrown out|still count|be counted)\b"
)


def ballot_case(lowered: str) -> bool:
    """The member's own case about a ballot that the content cannot judge, whatever it says of
    the ballot's dates (see above)."""
    lowered = lowered.lower()  # (a phrase rewritten may bring back a capital)
    return bool(
        (_WAY_TO_CHECK.search(lowered) and _POSTED_MINE.search(lowered))
        or (_REACHED_SCRUTINEER.search(lowered) and _POSTED_MINE.search(lowered))
        or (_OWN_STANDING.search(lowered) and _VOTE_KEPT.search(lowered))
        or _POSTED_FOR.search(lowered)
        or _REPLACEMENT_LATE.search(lowered)
        or (_FAULT.search(lowered) and _VALID_ASKED.search(lowered))
    )


# (the service said first: "helpline open overnight?")
_OPEN_FIRST = re.compile(
    r"^(the |is the |are the )?(?P<service>helpline|phone ?lines?|post office|membership team|"
    r"union office|regional office|head office)( \w+){0,2} (open|opened|staffed|manned)\b"
)


def open_unsaid(lowered: str, reply: str) -> bool:
    """Whether a service other than the ballot (the helpline, a post office) is asked as open,
    and the reply does not name it: a ballot's dates say nothing of its hours."""
    found = _OTHER_OPEN.search(lowered.lower()) or _OPEN_FIRST.search(lowered.lower())
    return found is not None and found.group("service") not in reply.lower()


# Someone filling in another member's paper or vote ("my wife is blind, can I mark her paper
# for her?", "can my son do my online vote for me?"), or a vote by proxy: the content says
# how a member votes, never who else may.
_FOR_ANOTHER = re.compile(
    r"\b(mark|fill( in| out)?|complete|do|cast|tick|sign|submit|post|return|hand in)\b[^?.]{0,40}"
    r"\b(paper|ballot|"
    r"vote|votes|form)\b[^?.,]{0,25}(?<!time )\b(for (her|him|them|me|us)|"
    r"on (his|her|their|my|our) behalf)\b|"
    # help from someone in filling it in ("can I get help filling in my ballot paper?")
    r"\b(help|helping|assistance|support)( me| her| him| them)? (with |in )?(fill\w*|complet\w*|"
    r"mark\w*|read\w*)( in| out)? (my|her|his|their|the|a) (\w+ ){0,2}(paper|ballot|vote|form)\b|"
    r"\b(mark|fill in|fill out|complete)\b (her|his|my (mums?|dads?|wifes?|husbands?|partners?)) "
    r"(\w+ )?(paper|ballot|form)\b|\bby proxy\b|\bproxy vote\b|"
    # asking for another member's new paper ("her paper didnt come, can I ask for her")
    r"\b(can|could|may|should) (i|we) (ask|request|apply|ring|phone|call|order) (\w+ ){0,3}"
    r"(for|on behalf of) (her|him|them)\b"
)
# An exception to a deadline for the member's own circumstance ("I was in hospital when the
# replacement deadline passed, can I still get one?"): the content gives the deadline, never
# who may be let off it.
_CIRCUMSTANCE = re.compile(
    r"\b(in hospital|hospitalised|ill|sick|unwell|away|on holiday|abroad|bereaved|bereavement|"
    r"off work|on leave|a funeral)\b"
)
_MISSED = re.compile(
    r"\b(deadline|cut-?off|closing date)\b[^?.]{0,30}\b(passed|gone|missed|went|was over|is "
    r"over)\b|\bmissed (the|my|it|that)\b|"
    # "only found out after the 4 May deadline"
    r"\b(after|past) the( \w+){0,3} (deadline|cut-?off|closing date)\b"
)
# (asked for the member: "can I still get one?", an extension; not "the last day a paper
# could still arrive", a date asked)
_LET_OFF = re.compile(
    r"\b(can|could|may|will) (i|we|they|you) (still|get an?|be given|be allowed)\b|"
    r"\b(exception|extension|extend|extended|re-?open\w*|let me (vote|in)|allow me)\b"
)


# What the member's own branch, or a branch named, has done or decided ("has our branch held
# its AGM yet?", "what did the Leeds branch decide?"): the content holds no branch's record.
_BRANCH_DID = re.compile(
    # (a branch named with its group spelt out: "our department for transport branch")
    r"\b(has|did) (our|my|the)( \w+){0,4} branch( \w+)? (held|had|done|sent|submitted|agreed|"
    r"voted|decided|elected|hold|have|send|submit|agree|vote|decide|elect|noted|note|"
    r"acknowledged|acknowledge|discussed|discuss)\b|"
    r"\bwhat did (our|my|the \w+( \w+)?) branch (decide|agree|vote|say)\b|"
    # told as what is asked: "can you tell me how my branch voted last time"
    r"\bhow (our|my) branch (voted|went|did|turned out)\b"
)


# What else the member can do once the deadline has passed ("the replacement deadline has gone,
# is there anything else I can do?"): the content gives the deadline, nothing past it.
_ELSE_ASKED = re.compile(
    r"\b(anything|something) else (i|we) (can|could) do\b|\bwhat (else )?can (i|we) (still )?do\b|"
    r"\bany other (way|ways|option|options|route)\b|\bis there (any ?way|anything)\b|"
    # "anything i can do at all", "what i can still do"
    r"\b(anything|what|nothing) (else )?(i|we|she|he|they) (can|could) (still )?do\b|"
    # someone asked to let the member in all the same ("can my branch sec get me a vote anyway")
    r"\b(get|give|let|allow|sort)\b[^?.]{0,30}\b(anyway|regardless|all the same)\b|"
    # "can anything be done?"
    r"\b(can|could) (anything|something|owt) (else )?(still )?be done\b"
)


# The member's own claim asked to be made ("how do I put in my own age discrimination claim?",
# "can the union put a claim in for me?"): the content says the union is preparing legal
# action and who may have a claim, never how one member's claim is made.
_OWN_CLAIM = re.compile(
    r"\b(how (do|can|would|could|should) (i|we)|(can|could|may|should) (i|we)|(can|could|will|"
    r"would) (the union|you|u|someone|a rep|my rep|the branch))( \w+){0,2} (put in|put|lodge|"
    r"register|submit|make|file|start|bring|sign up (to|for)|get on|take( on| up)?)( in)? "
    r"(a |an |my |our |the |her |his |their )?(own )?([\w-]+ ){0,8}(claims?|case)\b|"
    # someone else's claim: "how does she claim?"
    r"\bhow (do|does|can|could|should) (she|he|they|my \w+) (\w+ )?claim\b|"
    # the member's own claim named first: "my pension age discrimination claim, how i apply"
    r"\bmy ([\w-]+ ){0,8}claim\b[^?.]{0,20}\bhow (do |can |should )?(i|we) (apply|claim|start|"
    r"make|put|lodge|submit|register)\b"
)


# The content's remedy already tried and past: a replacement asked for and still not come ("I
# requested a replacement on the 2nd and it still hasn't come", "still waiting for my new
# paper"); someone asked to chase the member's own thing ("can someone chase it up?"). The
# content says how to ask for a replacement, never what to do when one does not come.
_REPLACEMENT_NOT_COME = re.compile(
    rf"\b{_NEW_ONE}( paper| pack| ballot| papers)?( \w+){{0,8}} (still )?(hasnt|havent|has not|"
    r"have not|not|never|didnt|did not)( yet| still)? (arrived|come|turned up|got here|"
    r"been delivered|landed|shown up)\b|"
    rf"\b(asked|requested|applied|ordered|rang|phoned|emailed) (for )?(a |my |another )?{_NEW_ONE}"
    r"[^?]{0,60}\b(it|one|they|nothing)( still)? (hasnt|havent|has not|not|never|didnt)( yet)? "
    r"(arrived|come|turned up|got here|been delivered|landed|shown up)\b|"
    # "requested a replacement NEC paper on 2 May, still nothing"
    rf"\b(asked|requested|applied|ordered|rang|phoned|emailed) (for )?(a |my |another )?{_NEW_ONE}"
    r"[^?]{0,60}\b(still nothing|nothing (yet|still|so far)|nothing( has|s| is)? (come|arrived|"
    r"turned up)|no (reply|answer|response)|heard nothing|not heard back)\b|"
    rf"\b(still )?waiting (for|on) (my|the|a|our) {_NEW_ONE}\b"
)
_CHASE_ASKED = re.compile(
    r"\b(can|could|will|would) (someone|somebody|anyone|you|u|the union|a rep|my rep|the branch|"
    r"they) (please )?chase\b|\bchase (it|this|that|them) up for (me|us)\b"
)
# Whom to chase asked ("no voting email yet, who do I chase?"), and the reply names no one to
# contact: the content's remedy for a paper not come names them, nothing else does.
_CHASE_WHOM = re.compile(
    r"\bwho (do|should|can|could|would|will) (i|we|she|he|they) (\w+ )?chase\b|\bwho to chase\b"
)
_CONTACT_NAMED = re.compile(r"\b(helpline|branch secretary|contact)\b", re.IGNORECASE)
# A vote the member cast, asked as recorded ("I voted online but got no confirmation, did it go
# through?"), or a confirmation of it asked when the reply says none is sent.
_VOTED_MYSELF = re.compile(r"\b(i|we) (already |just |definitely )?(voted|cast (my|our) votes?)\b")
_CONFIRMATION = re.compile(
    r"\b(confirmation|receipt)( email| message| text| number)?\b[^?.]{0,40}\b(vote|voted|voting|"
    r"ballot|paper)\b|"
    r"\b(vote|voted|voting|ballot|paper)\b[^?.]{0,60}\b(confirmation|receipt)\b"
)
_CONFIRMATION_SAID = re.compile(r"\b(confirmation|receipt|confirms?)\b", re.IGNORECASE)


# A fault on the member's own link or paper that the content does not name ("my link says
# already used but I haven't voted", "the link says it's expired"), and what to do when the
# return envelope is lost ("what address do I post it to?"): the content gives no return address.
_LINK_FAULT = re.compile(
    r"\b(link|code|ballot|paper|page|site)\b[^?.]{0,30}\b(says|said|saying|shows|showing|tells me|"
    r"told me|has|is|came up|comes up)\b[^?.]{0,20}\b(already (been )?used|already voted|invalid|"
    r"expired|not valid|no longer valid)\b|"
    r"\b(link|code)s?( \w+){0,3} (has |have |had )?(expired|been used)\b"
)
# A link or an email asked as safe ("is the vote link safe? looks like phishing", "is the email
# legit?"): the content says when the email comes, nothing of how to tell it is the union's
# (not a suspicion told beside another question: "bit suspicious, is that the president vote?").
_SUSPECTED = re.compile(
    r"\b(is|are|looks?( like)?|could (it|this|that) be)\b[^?.]{0,50}\b(safe|phishing|a scam|scam|"
    r"fake|legit|legitimate|genuine)\b"
)
_ONLINE_THING = re.compile(r"\b(link|email|e-?mail|sender|website)\b")
_LOST_ENVELOPE = re.compile(
    r"\b(lost|binned|thrown away|threw away|misplaced|ripped|torn|no|without (a|the|my))( the| my)?"
    r"( return| reply| prepaid| pre-paid)? envelope\b"
)
_ADDRESS_ASKED = re.compile(
    r"\b(what|which|whats|the) (\w+ )?address\b|\bwhere (do|should|can) (i|we)"
    r" (send|post|return)\b"
)


# The online ballot's email or link lost, deleted or gone to another address, and asked to be
# sent again or what to do ("deleted the voting email by mistake, what do I do?", "it went
# to my work address, can it be resent?"): the content gives the day the email comes and no
# way of getting another; the replacement it names is a postal paper.
_EMAIL_GONE = re.compile(
    r"\b(deleted|lost|binned|trashed|wiped|erased)\b[^?.]{0,30}\b(email|e-?mail|link)\b|"
    r"\b(email|e-?mail|link)\b[^?.]{0,30}\b(deleted|lost|binned|trashed|went to (my |the |an? )?"
    r"(work|old|wrong|other|former))\b"
)
_SENT_AGAIN = re.compile(
    r"\b(resen[dt]|re-sen[dt]|sen[dt] (it |me |her |him )?(again|another)|(new|another|fresh) "
    r"(link|email)|what (do|does|should|can) (i|we|she|he|they) do|what now)\b"
)


def remedy_past(lowered: str, reply: str) -> bool:
    """A replacement asked for and not come, or a chase asked; a vote the member cast asked as
    recorded; a confirmation of a vote asked and the reply says nothing of one."""
    if _CHASE_ASKED.search(lowered) or _LINK_FAULT.search(lowered):
        return True
    if _SUSPECTED.search(lowered) and _ONLINE_THING.search(lowered):
        return True
    if _CHASE_WHOM.search(lowered) and not _CONTACT_NAMED.search(reply):
        return True
    if _EMAIL_GONE.search(lowered) and _SENT_AGAIN.search(lowered):
        return True
    if _LOST_ENVELOPE.search(lowered) and _ADDRESS_ASKED.search(lowered):
        return True
    if _REPLACEMENT_NOT_COME.search(lowered) and not _CONDITION.search(lowered):
        return True  # (not "how do I get a replacement if mine hasn't come?": the rule)
    if _VOTED_MYSELF.search(lowered) and _OWN_STATE.search(lowered):
        return not _BOTS_RECORD.search(lowered) and not _CONDITION.search(lowered)
    return bool(_CONFIRMATION.search(lowered) and not _CONFIRMATION_SAID.search(reply))


# A way to vote the content never offers, asked instead of the online one it gives ("can I vote
# by post instead of online?", "is there a postal alternative for members without email?"):
# the content says the vote is online, and nothing of another way (not "group vote by post?",
# which the reply that it is online answers).
_OTHER_WAY = r"(by post|postal|paper|papers|post it|by phone|by telephone|over the phone|in person)"
_INSTEAD = r"(instead|alternative|alternatively|rather than|option)"
_WAY_INSTEAD = re.compile(
    rf"\b{_OTHER_WAY}\b[^?.]{{0,60}}\b{_INSTEAD}\b|\b{_INSTEAD}\b[^?.]{{0,6}}\b(to |of )?(voting |"
    r"doing it |the )?(online|email|link|internet|e-?ballot)\b|"
    rf"\b{_OTHER_WAY} (alternative|option|version|copy)\b|"
    r"\b(without|dont have|do not have|havent got|not got|no) (an? |any )?(email address|email "
    r"account|internet|computer|smartphone|access to (a computer|the internet|email))\b|"
    r"\bwithout (an? )?(email|e-?mail)\b|\b(dont|do not|cant|cannot) (use|do) (email|computers|"
    r"online)\b|"
    # a paper of the online vote asked for, with no "instead" ("can I get a paper ballot for
    # the group vote?")
    r"\b(can|could|may) (i|we|you|they|members) (get|have|request|ask for|use|be sent|send me) "
    r"(a |an )?(paper|postal|printed|hard ?copy) (ballot|vote|copy|version|form|voting)\b"
)
_ONLINE_SAID = re.compile(
    r"\bonline (vote|ballot|election)|\bvote online\b|\bpersonal link\b", re.I
)


# The member away from home for the ballot ("posted overseas till June, how do I get my paper?",
# "on secondment in Brussels, will it reach me?"): the content says papers go to the home
# address, and nothing of a member who will not be there.
_AWAY = re.compile(
    r"\b(abroad|overseas|out of the country|outside the uk|posted (to|out to|overseas)|stationed|"
    r"deployed|on (a )?secondment|seconded|on (a )?posting|working away|at sea|offshore)\b"
)
_GET_IT = re.compile(
    r"\bhow (do|can|will|would|should) (i|we|they|she|he) (get|receive|vote|have)\b|"
    r"\b(will|would|can|could) (it|my \w+|the \w+|they|you|the union)( \w+)? (reach|get to|come "
    r"to|be sent|send (it|them)|find|forward)\b|"
    r"\b(send|post|forward) (it|my \w+|the \w+) (to|out|abroad|overseas)\b"
)
_HOME_SAID = re.compile(r"\bhome address|\bby post\b|\bposted to\b", re.IGNORECASE)


def away_unsaid(lowered: str, said: str) -> bool:
    """The member away from home asked how the paper reaches them, and the reply (`said`: its
    text) gives the home address or the post alone."""
    return bool(_AWAY.search(lowered) and _GET_IT.search(lowered) and _HOME_SAID.search(said))


# Who can see what the bot holds about the member ("which organisers can look at my data?"),
# against /mydata's list of what it holds: the list says what is kept, never who may read it.
_WHO_SEES = re.compile(
    r"\b(who|which (\w+ )?(organisers?|officers?|people|staff)|can (my |the |any )?(\w+ )?"
    r"(organisers?|officers?|secretary|rep|manager|employer|anyone|anybody))\b[^?.]{0,25}\b(see|"
    r"sees|access|read|look at|view)\b[^?.]{0,30}\b(my data|mydata|data|what (the bot|it|you) "
    r"(holds?|keeps?|knows?)|about me)\b"
)


def access_unsaid(lowered: str, said: str) -> bool:
    """Who can see the member's data asked, and the reply (`said`) is /mydata's list."""
    return bool(_WHO_SEES.search(lowered)) and "/mydata" in said


# The member's email changed or asked to be updated ("my personal email changed, will the link
# go to the old one?"): the content tells how to update a home address, never an email.
_EMAIL_CHANGED = re.compile(
    r"\b(my|her|his|our) (\w+ )?(email|e-?mail)( address)? (has |have |is |was )?(changed|change|"
    r"new|different|gone|moved)\b|"
    r"\b(update|change|changed|updating|changing|correct|amend) (my|her|his|the) (\w+ )?(email|"
    r"e-?mail)( address)?\b|"
    r"\b(new|different) (\w+ )?(email|e-?mail)( address)?\b"
)
_EMAIL_SAID = re.compile(r"\b(email|e-mail) address\b", re.IGNORECASE)
# The member moved from one department to another and asks which group or executive is theirs
# now ("moved from HMRC to the Cabinet Office in March, which group exec do I vote in?"); not
# which branch the bot has them in, which /whoami answers.
_MOVED_FROM = re.compile(
    r"\b(i|ive|im|i have|i was)( \w+)? (moved|transferred|switched|changed) (over )?from "
    r"[^?.]{2,40}\bto\b"
)
_WHICH_GROUP_NOW = re.compile(r"\b(which|what) (\w+ )?(group|exec)")


def changed_unsaid(lowered: str, reply: str, said: str) -> bool:
    """The member's email changed, and the reply names no email address to update; or the
    member moved department and asks which group is theirs, and the reply (`said`) is not
    /whoami's."""
    if _EMAIL_CHANGED.search(lowered) and not _EMAIL_SAID.search(reply):
        return True
    moved = _MOVED_FROM.search(lowered) and _WHICH_GROUP_NOW.search(lowered)
    return bool(moved) and "/whoami" not in said


def way_unoffered(lowered: str, reply: str) -> bool:
    """Another way to vote asked instead of the online one, and the reply gives only that."""
    return bool(_WAY_INSTEAD.search(lowered) and _ONLINE_SAID.search(reply))


# A limit passed ("one day after the join-by date", "3 people missed the join-by date") and
# the rule asked to bend for the member ("can we appeal?", "get them added anyway?", "let her
# vote?"): the content gives the limit, never an exception to it.
_PAST_LIMIT = re.compile(
    r"\b(miss(ed)?|after|past|passed|late for|too late for|outside)\b( \w+){0,3} (join-?by|"
    r"joining|deadline|cut-?off|closing)( date| day| time)?\b|\b(join-?by|deadline|cut-?off)"
    r"( date| day)?\b[^?.]{0,20}\b(missed|passed|gone)\b"
)
_BENT = re.compile(
    r"\b(appeal|anyway|regardless|make an exception|an exception|special case|let (her|him|them|"
    r"me|us|my \w+) (vote|in|through)|get (them|her|him|me|us) (added|on|in|a vote)|add (them|"
    r"her|him|me|us))\b"
)


# The rule asked to bend with no limit named, the member's own date told instead ("joined on
# 2 April, can they let her vote anyway?", "the link failed, can I still vote late?", "can they
# count it if it turns up late?"): whether an exception is made is the organisers' to say.
_LET_ANYWAY = re.compile(
    r"\b(let|allow|count|accept|include)\b[^?.]{0,25}\b(anyway|regardless|all the same|late)\b|"
    r"\b(vote|voted|count|counted) (anyway|regardless|all the same|late)\b"
)


def _excepted(lowered: str) -> bool:
    if _LET_ANYWAY.search(lowered):
        return True
    if _MISSED.search(lowered) and _ELSE_ASKED.search(lowered):
        return True
    if _PAST_LIMIT.search(lowered) and _BENT.search(lowered):
        return True
    return bool(
        _CIRCUMSTANCE.search(lowered) and _MISSED.search(lowered) and _LET_OFF.search(lowered)
    )


# Whether a scheme or a claim covers the member's own kind of job ("will the review body cover
# grades like mine?", "would it include my profession?", "does that cover me?"): the content
# says whom the union wants it for, never where one member's job falls.
_COVERS_ME = re.compile(
    r"\b(cover|covers|covered|include|includes|included|apply to|applies to)\b( \w+){0,4} (like "
    r"me|like mine|like us|like myself|people like me|(me|us|my|our) (grade|grades|role|job|post|"
    r"profession|team))\b|\b(cover|covers|apply to|applies to|include|includes) (me|us)\b"
)


# "the new tenant opened it, is that a data breach?", "can I complain about that?": a legal
# judgement on the member's own case, or a complaint, which the content never speaks of.
# "how do I become a branch officer?": how officers come to hold their post, which the
# content never says (it says what officers may do).
_BECOME = re.compile(
    r"\bhow (do|can|would|does) (i|we|you|someone|somebody|a member|one) (become|get elected as|"
    r"get to be|be made) (a |an |the )?(branch |union |workplace |health and safety |learning )*"
    r"(\w+ )?(officer|rep|steward|secretary|chair|treasurer|organiser|representative)\b"
)
_TURNOUT_FORECAST = re.compile(
    r"\b(predicted|predict|forecast|expected|likely|projected) turnout\b"
)
# "has the Passport Office Liverpool branch got a dispute on?", "the HMRC people in Newcastle,
# are they on strike?", "predicted turnout?", "quorum for a branch AGM?", "moved from DWP to
# HMRC on 20 April, which group exec do I vote in?": a local dispute, a forecast, a rule or the
# member's own move, none of which the content holds. (A strike ballot to come, and a branch
# AGM on Zoom asked in a later year, stay the NEC record's: most writers expect it.)
_NOT_HELD_ASKED = re.compile(
    r"\b(are|is) (\w+ ){0,4}(on strike|striking|in dispute)\b|"
    r"\b(got|have|has|is there|any) (a |an )?(local )?(dispute|strike|industrial action) (on|"
    r"going on)\b|\b(got|have|has|is there) (a |an )?(local )?dispute\b|"
    rf"{_TURNOUT_FORECAST.pattern}|\bquorum|quorate\b|"
    r"\bmoved (\w+ )?from (\w+ ){1,3}to (\w+ ){1,4}[^?.]{0,30}\bwhich (group|branch)"
)
# "wants to transfer to dwp leeds branch, how": a move between branches, which the content
# never says how to make (it lists the branches).
_TRANSFER = re.compile(
    r"\b(transfer|transferring|transferred|switch|switching|change|changing)\b[^?.]{0,15}\b(to|into|"
    r"over to) (the |a |another |my )?(\w+ ){0,3}branch(es)?\b|\b(transfer|switch|change) (my |our "
    r"|her |his |their )?branch(es)?\b"
)
_COMPLAINT = re.compile(
    r"\b(can|could|should|do|how do|how can|where do|who do) (i|we) (\w+ ){0,2}(complain|"
    r"make a complaint|raise a (complaint|grievance)|put in a (complaint|grievance)|"
    r"file a (complaint|grievance)|lodge a (complaint|grievance))\b|"
    r"\b(is|are) (that|this|it) (grounds for )?a (complaint|grievance)\b"
)
_BREACH = re.compile(
    r"\b(data|gdpr|privacy|data protection) breach(es|ed)?\b|\bbreach(ed)? (of )?(my |our )?"
    r"(data|gdpr|privacy|data protection)\b"
)


def own_case(lowered: str) -> bool:
    """The member's own membership, money, meeting or record, or their own case about a ballot
    (`ballot_case`), which the content cannot judge (`lowered`: the question normalised)."""
    return bool(
        _OWN_MEMBERSHIP.search(lowered)
        or _OWN_MONEY.search(lowered)
        or _OWN_MEETING.search(lowered)
        or _OWN_JOB.search(lowered)
        or _BREACH.search(lowered)
        or _COMPLAINT.search(lowered)
        or _BECOME.search(lowered)
        or _TRANSFER.search(lowered)
        or _NOT_HELD_ASKED.search(lowered)
        or _COVERS_ME.search(lowered)
        or _FOR_ANOTHER.search(lowered)
        or _OWN_CLAIM.search(lowered)
        or _excepted(lowered)
        or _BRANCH_DID.search(lowered)
        or own_record(lowered)
        or ballot_case(lowered)
    )


# A vote already cast, to be changed or taken back: "I've voted online, can I go back in and
# change it?" (the content says only that a consultation's vote cannot be changed).
_CHANGE_VOTE = re.compile(
    r"\b(change|changed|changing|undo|amend|alter|redo|take back|cancel|withdraw|swap|switch)"
    r"( \w+)?( \w+)? (it|my (vote|votes|ballot|choice|choices|paper|mind|picks?|selections?|"
    r"preferences?|answers?|rankings?|order)|who i voted for|"
    r"what i (put|ticked|marked|chose))\b"
    r"|\b(vote|voted|ballot) again\b|\bsecond (vote|go)\b"
    # "can the vote be cancelled?", "can it be undone?"
    r"|\b(can|could|will|would) (the|my|that|this|it|our|mine)( \w+)?( (vote|votes|ballot|choice|"
    r"paper))? be (cancelled|canceled|changed|undone|withdrawn|voided|deleted|removed|reset|redone|"
    r"amended|taken back)\b"
)
_CAST = re.compile(
    r"\b(already|just|have|ive|i) (\w+ )?(voted|posted|sent|filled|submitted|cast|ticked|done)\b"
    r"|\b(voted|posted|sent|filled in|submitted|cast|returned) (my|it|mine|the|our|already|"
    r"online)\b|\bvoted (in|for|on) [^?.]{0,40}\b(by mistake|wrong|accidentally|in error)\b"
    r"|\bchange (my|your) (vote|ballot|choice)"
)
# A vote cast twice ("I think I voted twice, will my vote get cancelled?"): the content says
# nothing of a second vote in the same ballot.
_TWICE = re.compile(
    r"\b(voted|vote|voting|cast|clicked|submitted|sent|posted)( \w+){0,3} (twice|two times|"
    r"more than once|a second time)\b|\bvoted (again|both times)\b|"
    # "voted by post and then again online"
    r"\bvoted\b[^?.]{0,40}\b(then|and) (\w+ )?again\b|"
    # two papers come, both asked to be used ("got one at my old address too, can I use
    # both?"; not "I use both slack and telegram")
    r"\b(use|send|post|return|fill in|fill out|vote (with|on)|count) (them |the two )?both"
    r"(?= *([?.!,]|$|and|or))|"
    # two packs come ("got two ballot packs in the post, what do I do with the second one?")
    r"\b(got|received|have|had|been sent|sent me) (two|2|a second|an extra|duplicate) (\w+ )?"
    r"(ballot |voting )?(packs?|papers?|ballots?)\b|"
    r"\b(two|2) (ballot |voting )?(packs|papers|ballots) (came|arrived|turned up|have come)\b|"
    # the same email, link or letter come twice ("got the voting email twice, which one is
    # real?"), or one pack come for two members at one address
    r"\b(email|emails|link|links|letter|letters|message|messages|text|texts|pack|packs|paper|"
    r"papers|ballot|ballots)( \w+){0,3} (twice|two times|more than once)\b|"
    r"\b(got|received|have|had|been sent|sent me) (\w+ )?(two|2|duplicate|double) (\w+ ){0,2}"
    r"(emails|links|letters|messages|texts)\b|"
    r"\bonly (one|1|a single) (\w+ ){0,2}(pack|paper|ballot|email|link|envelope)s? (came|arrived|"
    r"turned up|has come|have come|was sent|got sent)\b"
)
_ONE_VOTE = re.compile(r"\b(votes?|voted) once\b|\b(cannot|can ?not|cant) be (changed|undone)")
_UNCHANGED = re.compile(r"\b(cannot|can ?not|cant|not) be (changed|undone)|\bonce\b")
# How long a replacement paper takes to come: the content gives the deadline to ask, never
# the time it takes.
_TAKES = re.compile(
    r"\bhow (long|many (days|weeks)|quick(ly)?|soon|fast)\b[^?.]{0,50}\b(take|takes|come|"
    r"arrive|get (here|to me)|turn up|be delivered|reach me)\b"
    r"|\b(take|takes) (how long|long)\b"
)
_REPLACED = re.compile(
    r"\breplacements?\b|\b(new|another|second|spare|duplicate) (\w+ )?(paper|pack|ballot|form)s?\b"
)
_DURATION = re.compile(
    r"\b(arrive|arrives|take|takes|come|comes|delivered|within)\b[^.]{0,30}\b(\d+|one|two|three|"
    r"four|five|a few) (working )?(days?|weeks?)\b"
)


def changed_vote(lowered: str, reply: str) -> bool:
    """A vote cast asked to be changed, or told as cast twice, and the reply does not say
    whether it can be; or how
    long a replacement paper takes to come, and the reply gives no time."""
    if _CHANGE_VOTE.search(lowered) and _CAST.search(lowered):
        return not _UNCHANGED.search(reply.lower())
    if _TWICE.search(lowered):
        return not _ONE_VOTE.search(reply.lower())
    if _TAKES.search(lowered) and _REPLACED.search(lowered):
        return not _DURATION.search(reply.lower())
    return bool(_OUTCOME.search(lowered) and not _RESULT_SAID.search(reply.lower()))


_MONTHS = (
    "january february march april may june july august september october november december".split()
)
_MONTH = re.compile(
    rf"\b({'|'.join(_MONTHS)}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\b( (19|20)\d\d\b)?"
)
_MET = re.compile(r"\b(meeting|meetings|met|meet)\b")
# A meeting after the one reported, asked of ("at its next meeting", "the following NEC",
# "the next national executive committee meeting": the body's name spelt out).
_NEXT_MEETING = re.compile(
    r"\b(next|following|subsequent|later) (\w+ )?(national executive( committee)? )?"
    r"(meeting|meetings|nec)\b"
)
_HELD_ON = re.compile(r"\bmeeting of \d{1,2} ([a-z]+) ((19|20)\d\d)\b")


def other_meeting(lowered: str, reply: str) -> bool:
    """A meeting asked of by a month (and year) other than the one the report found was held
    in ("what did the nec decide at its october 2020 meeting?" answered from November's), or
    the next one after it."""
    held = _HELD_ON.findall(reply.lower())
    if held and _NEXT_MEETING.search(lowered):
        return True  # ("what did the NEC decide at its next meeting?": not this one's record)
    if not held or not _MET.search(lowered):
        return False
    named = [
        (m.group(1)[:3], (m.group(2) or "").strip())
        for m in _MONTH.finditer(lowered)
        if m.group(1) != "may" or m.group(2)  # ("may" asks leave, unless a year follows it)
    ]
    if not named:
        return False
    return not any(
        month.startswith(short) and (not year or year == held_year)
        for short, year in named
        for month, held_year, _ in held
    )


def since(lowered: str, reply: str) -> bool:
    """An outcome or a reply asked, and the passage gives only an aim or work under way; where
    talks stand now or what is proposed asked, and the passage says nothing done: the content
    holds what the union wants and must do (a committee's remit), never the state of talks."""
    lowered = _TIME_LEFT.sub("how long", lowered)  # "how long have we got?" asks no outcome
    if _TALKS_NOW.search(lowered):
        return not _DONE.search(reply)
    if not _SINCE.search(lowered):
        return False
    return bool(_AIM.search(reply) and not _DONE.search(reply))


# A meeting's record of what it decided ("Decided: Set up at least two Locals …"): what the
# meeting resolved to do, never what came of it.
_DECIDED = re.compile(r"\bdecided:(?P<plan>[^|]*)", re.IGNORECASE)
# A verb told as done ("when they reassessed it", "which towns got Locals set up", "have
# they been set up"): a past form after its subject or a past auxiliary, not one still to be
# done ("when does it get signed off", "supposed to be reassessed", "meant to be set up").
_PAST = re.compile(r"\b(?P<base>[a-z]{4,}?)e?d\b|\bset up\b")
# ("did the union set up any Locals in Leeds?": "did" before the subject)
_DONE_BY = {"they", "we", "he", "she", "it", "has", "have", "had", "was", "were", "been", "got"}
_DONE_BY |= {"did"}
# "How were they actually set up?": what really came of the plan, asked beside its verb.
_REALLY = {"actually", "really", "finally", "eventually"}
_STILL_TO = {"to", "be", "being", "get", "gets", "getting", "will", "would", "supposed", "meant"}
# ("how many Locals did the NEC want set up?": the plan asked, not what came of it)
_STILL_TO |= {"want", "wanted", "plan", "planned", "need", "needed", "aim", "hope", "intend"}
_MEETINGS_OWN = {"decide", "agree", "need", "assess", "look", "adopt", "amend"}


# The plan's verb asked as done, as the plan writes it, at the time the plan set or as it
# said ("did the NEC actually reassess ballot readiness in 2021?", "did they reassess it like
# they said?"): "did" and the body or "they", then the verb (not "did the NEC assess ballot
# readiness", whose "ballot" follows another verb; not "did the NEC give branches money for
# Zoom AGMs", which the plan itself answers).
_DID_IT = re.compile(
    r"\bdid (they|we|it|the \w+|our \w+)( actually| really| ever| finally| eventually)? "
    r"(?P<v>[a-z]{4,})\b"
)
_FOUND_ASKED = re.compile(
    r"\bwhat (did|has|have) (it|they|the \w+) (conclude|find|found|come to|decide in the end)\b|"
    # "… reassess in early 2021: what did they decide when they did?" (the plan's act said again)
    r"\bwhat (did|has|have) (it|they|the \w+) (decide|conclude|find|agree) when (it|they|the \w+)"
    r" (did|had|met|did it|did so)\b|"
    r"\b(conclusion|findings?|outcome|result) of (it|that|the (re)?assessment)\b"
)
_AS_PLANNED = re.compile(
    r"\b(like|as) (they|it|the \w+) (said|planned|promised|agreed)\b|\bas planned\b"
)


def _told_done(lowered: str, plan: set[str]) -> bool:
    """A verb of the plan told in the question as done."""
    when = set(re.findall(r"\b(?:19|20)\d\d\b", lowered)) & plan or _AS_PLANNED.search(lowered)
    if when and any(m.group("v") in plan - _MEETINGS_OWN - STOP for m in _DID_IT.finditer(lowered)):
        return True
    if when and _FOUND_ASKED.search(lowered):
        return True  # ("… in early 2021? what did it conclude": what it came to, then)
    for m in _PAST.finditer(lowered):
        before = lowered[: m.start()].split()[-5:]
        done = _DONE_BY & set(before) or (before and before[-1] in _REALLY)
        if not done or _STILL_TO & set(before):
            continue
        if m.group("base") is None:  # "set up"
            return {"set", "up"} <= plan
        bases = {m.group("base"), m.group("base") + "e"}  # "reassessed", "moved"
        if bases & plan - _MEETINGS_OWN:
            return True
    return _acted_on(lowered, plan)


# What an act of the plan found or came to: "what did the reassessment conclude?" (the act
# named as a thing done, "-ment"), "what came of it?".
_CAME_TO = re.compile(
    r"\b(conclu\w*|find|finds|found|findings?|results?|outcome|show|showed|shown|decide|decided|"
    r"say|said|come to|came to|recommend\w*)\b"
)


def _acted_on(lowered: str, plan: set[str]) -> bool:
    """The plan's act named as a thing done ("the reassessment"), and what it came to asked."""
    if not _CAME_TO.search(lowered):
        return False
    acts = {w[: -len(end)] for w in words(lowered) for end in ("ments", "ment") if w.endswith(end)}
    return bool(acts & (plan - _MEETINGS_OWN))


# Whether a thing exists yet, asked ("is there a Local set up in Glasgow yet?", "are there any
# running so far?"): what came of a decision, not the decision.
_STATE_NOW = re.compile(
    r"\b(is there|are there|has there been|have there been|is it|are they|any)\b[^?.]{0,50}"
    r"\b(yet|so far|by now|to date|already)\b"
)


def after_record(lowered: str, reply: str) -> bool:
    """What came of a meeting's decision asked ("how many Locals have been set up since?",
    "what did they decide when they reassessed it in 2021?"), and the reply is the decision,
    a plan, with nothing in it done since."""
    decided = _DECIDED.search(reply)
    if not decided or _DONE.search(reply):
        return False
    lowered = _TIME_LEFT.sub("how long", lowered)  # "how long have we got?" asks no outcome
    plan = set(re.findall(r"[a-z]+|\d{4}", decided.group("plan").lower()))
    if _STATE_NOW.search(lowered):
        return True  # ("is there a Local set up in Glasgow yet?": the decision is no answer)
    plan -= {year for _, year, _ in _HELD_ON.findall(reply.lower())}  # (the meeting's own year)
    return bool(_SINCE.search(lowered)) or _told_done(lowered, plan)


# A decision asked on a topic ("what did the NEC decide about Covid-19 organising?"): a
# passage that only lists what a meeting looked at holds no decision on it.
_DECISION_ASKED = re.compile(
    r"\bwhat (did|has|have|had) (the |they |it |we )?(\w+ ){0,3}(decide|agree|conclude|"
    r"resolve)\b[^?.]{0,40}\b(about|on|regarding|over)\b|"
    r"\bwhat (was|were|has been|got) (decided|agreed|resolved|concluded)\b[^?.]{0,40}\b(about|on|"
    r"regarding|over)\b|\b(decision|decisions) (about|on|regarding|over)\b|"
    # "did pssec vote on the new severance terms": a body's vote asked, which is a decision
    r"\b(did|has|have) (the )?(?!(i|we|you|u|my|she|he|they)\b)(\w+ ){1,3}(vote|voted) "
    r"(on|about|for|against)\b"
)
_DECISION_SAID = re.compile(r"\b(decided|decision|agreed|resolved|concluded)\b", re.IGNORECASE)


def decision_unsaid(lowered: str, reply: str) -> bool:
    """A decision asked on a topic, and the reply states no decision."""
    return bool(_DECISION_ASKED.search(lowered)) and not _DECISION_SAID.search(reply)


# A reply from someone outside asked after ("has the union had any response from the
# Cabinet Office yet?", "did ministers ever answer?"): the content records no such reply.
_RESPONSE_ASKED = re.compile(
    r"\b(response|responses|reply|replies|answer|answers|feedback|word back|heard back|"
    r"responded|replied|answered|got back|said (anything |something |owt )?back)\b"
)
_SINCE_WORD = re.compile(r"\b(yet|so far|ever|in the end|by now|to date|since)\b")
_PERFECT = re.compile(r"\b(has|have|had|did|hasnt|havent|didnt)\b")
_RESPONSE_SAID = re.compile(r"\b(respond\w*|response|replied|reply|answered)\b", re.IGNORECASE)


def response_unsaid(lowered: str, reply: str) -> bool:
    """A reply or a response asked after, since or yet, and the reply found states none."""
    return bool(
        _RESPONSE_ASKED.search(lowered)
        and _SINCE_WORD.search(lowered)
        and _PERFECT.search(lowered)
        and not _RESPONSE_SAID.search(reply)
    )


def event_unsaid(lowered: str, reply: str) -> bool:
    """An event or a channel asked of, and the reply does not speak of it."""
    # "our whatsapp, sorry, telegram group": ours; "half of us won't use telegram": not
    on_ours = bool(_OURS.search(_NOT_OURS.sub(" ", lowered)))
    asked = [
        f.group("a")
        or f.group("b")
        or f.group("c")
        or ("" if on_ours else f.group("d") or f.group("e"))
        for f in _EVENT_ASKED.finditer(lowered)
    ]
    asked = [a for a in asked if a]
    if not asked:
        return False
    said = {stem(w) for w in words(reply)}
    for event in asked:
        kin = (event, *_SAME_THING.get(event, ()))
        if not any(stem(k) in said or any(s.startswith(k) for s in said) for k in kin):
            return True
    return False


# Another union by a name that is also a word, so not in `live.UNION_NAMES`: written with its
# capital after the first word ("is Prospect running a joint campaign with us?"), or followed
# by "union" ("the prospect union"; not "community members").
_UNION_WORDS = "Prospect|Community|Equity|Accord|Aspect|Nautilus"
_UNION_WORD = re.compile(
    rf"(?<=[a-z,;:'’] )({_UNION_WORDS})\b|\b({_UNION_WORDS.lower()})('?s)? union\b"
)


# Another union by its own name (`live.UNION_NAMES`), owned or not ("unisons ballot"); not
# "pcs", the real union this example stands for ("is this pcs?"). `live.foreign` reads only
# the part answered alone, so "My wife is in Unite. When does her union's ballot close?" got
# this union's dates: the whole question is read here.
_UNION_NAMED = re.compile(r"\b(" + "|".join(sorted(live.UNION_NAMES - {"pcs"})) + r")(?:'?s)?\b")


def another_union(text: str, reply: str) -> bool:
    """Another union named, by a word-like name or its own, and the reply does not name it."""
    found = _UNION_WORD.search(text)
    if found:
        name = (found.group(1) or found.group(2)).lower()
        return name not in reply.lower()
    named = _UNION_NAMED.search(normalise(text))
    if named is None:
        return False
    return not re.search(rf"\b{named.group(1)}\b", reply.lower())


# The member's standing with the employer or the union, which the content's rules on who
# votes do not speak of: a kind of leave, retirement, agency or temporary work, a career
# break, a secondment, part-time hours, working abroad (not "off sick", whose ballots reach
# the member at home like anyone's).
_STANDING = re.compile(
    r"\b(?P<leave>mat|maternity|pat|paternity|parental|adoption|unpaid|compassionate) leave\b|"
    r"\b(?P<word>career break|secondment|seconded|sabbatical|furlough(ed)?|retired|retiring|"
    r"retirement|agency|temp|fixed[- ]term|part[- ]?time|line manager|"
    r"(living|working|based) (abroad|overseas))\b"
)
# Whether a rule still holds for the member so placed: "do I still get a paper", "am I still
# allowed to vote", "does that affect my vote", "can I vote while I'm on …".
_STILL_HOLDS = re.compile(
    r"\b(do|does|will|would|can|could|am|are|is|shall|should) (i|we|she|he|they|you)( \w+)? still "
    r"(get|be|have|vote|receive|qualify|count|allowed|eligible|entitled|able|sent|on)\b|"
    r"\b(am|are|is) (i|we|she|he|they) (still )?(allowed|eligible|entitled|able) to\b|"
    r"\b(does|do|will|would) (it|that|this|being) (\w+ ){0,2}(affect|change|matter|stop|mean)\b|"
    r"\b(can|do|does|will) (i|we|she|he|they) (still )?(vote|get a (vote|paper|ballot|say))\b"
    r"[^?.]{0,15}\b(if|while|whilst|when|as)\b|"
    # the paper asked as still coming: "will the NEC paper still come to me?"
    r"\b(will|would|does|do|should) (the|my|our|her|his) (\w+ ){0,2}(paper|pack|ballot|email|"
    r"link)s? still (come|arrive|reach|be sent|get)( to)? (me|us|her|him|them)\b|"
    # with no one named after it: "will nec ballot still come?", "will my NEC paper still come?"
    # (not "still going to come to my home address", where the reply says it goes)
    r"\b(will|would|does|do|should) (the |my |our |her |his )?(\w+ ){0,2}(paper|pack|ballot|email|"
    r"link)s? still (come|arrive|reach|be sent)\b|"
    # the union asked as still sending: "is the union still sending her paper?"
    r"\b(is|are|will|would) (the union|they|you|it) still (send|sending|post|posting)\b|"
    # joining so placed: "can someone on a fixed-term contract join and still vote?"
    r"\b(and|but) still (vote|get|have|receive)\b"
)


def standing_unsaid(lowered: str, reply: str) -> bool:
    """A rule asked of the member's own standing (on maternity leave, retired, agency), and
    the reply does not name that standing."""
    found = _STANDING.search(lowered)
    if not found or not _STILL_HOLDS.search(lowered):
        return False
    named = found.group("leave") or found.group("word")
    key = {"mat": "maternity", "pat": "paternity", "line manager": "manager"}.get(named, named)
    key = key.split()[0][:5]
    return key not in reply.lower()


# Where a member works, named as a body the content does not hold ("a colleague in the
# Scottish Government", "I work for the Land Registry"), asked of as a group or a branch:
# the content's groups are its own, and it cannot say where another body's members vote.
_WORKS_IN = re.compile(
    r"\b(work|works|working|worked|based|employed|colleague|colleagues|member|members|staff|"
    r"someone|people|friend|mate) (\w+ )?(in|at|for|from) (the )?"
    r"(?P<name>[A-Z][\w&'’]+(?: (?:(?:of|for|and) )?[A-Z][\w&'’]+)*)\b"
)
_AS_GROUP = re.compile(r"\b(group|groups|branch|branches|department|employer)\b")
# The member's own job told with where it is ("I'm a court clerk in HMCTS", "as an analyst at
# the ONS"), and which group, branch or executive is theirs asked: a body of one word counts
# here when it is an acronym, the way members name their employer.
_ROLE_IN = re.compile(
    r"\b(?i:i am|im|i'm|i’m|as) (?i:a|an) (?:[\w-]+ ){1,3}(?:in|at|for|with) (?:the )?"
    r"(?P<name>[A-Z][\w&'’]+(?: (?:(?:of|for|and) )?[A-Z][\w&'’]+)*)\b"
)
_ACRONYM = re.compile(r"[A-Z]{3,6}")
_WHICH_IS_MINE = re.compile(r"\b(which|what) (\w+ )?(group|branch|exec)")


def body_unheld(text: str, reply: str, held: str) -> bool:
    """A body named as where someone works and asked of as a group, which neither the
    content (`held`, normalised) nor the reply names; or the member's own job told with a body
    (an acronym alone will do) and which group, branch or executive is theirs asked; or a body
    named anywhere with one's own group asked (`employer_unheld`)."""
    if employer_unheld(text, reply, held) or _group_unheld(text, reply, held):
        return True
    if not _AS_GROUP.search(normalise(text)):
        return False
    for found in _WORKS_IN.finditer(text):
        name = normalise(found.group("name"))
        if len(name.split()) >= 2 and name not in held and name not in normalise(reply):
            return True
    if not _WHICH_IS_MINE.search(normalise(text)):
        return False
    for found in [*_WORKS_IN.finditer(text), *_ROLE_IN.finditer(text)]:
        raw, name = found.group("name"), normalise(found.group("name"))
        if (len(name.split()) >= 2 or _ACRONYM.fullmatch(raw)) and not _said(name, held, reply):
            return True
    return False


# A group or a branch asked of by a name the content does not hold ("does the Met Office
# group have its own executive election?"): the content's groups are its own.
_GROUP_NAMED = re.compile(
    r"\b(?i:the|a|an) (?P<name>[A-Z][\w&]+(?: (?:(?:of|for|and) )?[A-Z][\w&]+)*) "
    r"(?:group|branch)\b(?!['’])"
)
_NOT_A_NAME = frozenset(
    "which what whose my our your their its this that each every any own one same new old "
    "other another exec executive group branch local national union".split()
)


def _group_unheld(text: str, reply: str, held: str) -> bool:
    for found in _GROUP_NAMED.finditer(text):
        name = normalise(found.group("name"))
        if name.split()[0] not in _NOT_A_NAME and not _said(name, held, reply):
            return True
    return False


def _said(name: str, held: str, reply: str) -> bool:
    return f" {name} " in f" {held} " or name in normalise(reply)


# Which group, branch or executive is one's own asked, with a body that the content does not
# hold named anywhere in the question ("I'm in the DfE, which group exec do I vote in?", "where
# does the ONS sit in your groups?", "moving to HMPPS, will my vote be for the DWP group or the
# new one?", "environment agency staff, which group are we in?"): the content lists its own
# groups and branches, and cannot say where another body's members belong. A body: a short
# run of capitals ("ONS", "HMCTS"), one with a small letter inside ("DfE", "MoJ"), or words
# ending in agency, registry, ministry, inspectorate, tribunal or prison.
_BODY_NAMED = re.compile(r"\b(?:[A-Z]{3,6}|[A-Z][a-z][A-Z]|[A-Z][a-z][A-Z][a-z]?[A-Z])\b")
_BODY_WORDS = re.compile(
    r"\b(?P<name>(?:(?!the |a |an |in |at |for |of |from |to )[a-z]+ ){1,2}(?:agency|registry|"
    r"ministry|inspectorate|tribunals?|prisons?))\b"
)
_WHERE_MINE = re.compile(
    r"\b(which|what) (\w+ ){0,2}(group|groups|branch|branches|exec|executive|election)\b[^?.]{0,40}"
    r"\b(am i|are we|is (she|he|they)|would (i|we|she|he|they) be|do (i|we|they)|does (she|he)|"
    r"should (i|we)|will (i|we))\b|"
    r"\b(where|which|what) (\w+ ){0,3}(do|does|would|will|should) [^?.]{0,25}\b(sit|fall|fit|"
    r"belong|come under)\b|"
    # one group or another asked of ("do I vote in the DWP group exec or my old one?"; not "every
    # group's executive or only mine", the rule)
    r"\b(do|will|would|should) (i|we) (still )?vote (in|for) (the |my |our )?(?!every|each|all|"
    r"any)\w+ (group|exec)\b[^?.]{0,40}\b(or|instead)\b|"
    r"\bbe for the \w+ (group|exec)\b[^?.]{0,20} or\b"
)


def employer_unheld(text: str, reply: str, held: str) -> bool:
    """Which group, branch or executive is one's own asked (`_WHERE_MINE`), and a body named
    that neither the content (`held`, normalised) nor the reply names, as a whole word."""
    lowered = normalise(text)
    if not _WHERE_MINE.search(lowered):
        return False
    named = [m.group() for m in _BODY_NAMED.finditer(text)]
    named += [m.group("name") for m in _BODY_WORDS.finditer(lowered)]
    said = f" {_plain(reply)} "
    return any(
        f" {name} " not in f" {held} " and f" {name} " not in said
        for name in (normalise(n) for n in named)
    )


# A place the question asks about that the content never names: a town ("how many in the
# bristol branch have signed?", "which hub area does Cardiff fall into?"), a nation none of the
# content's towns is in ("how many have signed in Wales?"), or a capitalised name after "in" or
# "at", or before "branch", "office" or "area" ("the Bootle office"). Only in a sentence that
# asks, and not where the member or someone they speak for is ("I moved flat in Dundee", "a
# colleague in the Cardiff office"): that tells, it does not ask about the place.
_TOWN_WORDS = (
    "aberdeen|dundee|edinburgh|inverness|stirling|belfast|derry|swansea|newport|bristol|exeter|"
    "plymouth|cardiff|birmingham|coventry|leicester|nottingham|sheffield|manchester|salford|"
    "bolton|preston|blackpool|bradford|wakefield|huddersfield|sunderland|middlesbrough|carlisle|"
    "norwich|ipswich|cambridge|oxford|southampton|portsmouth|brighton|croydon|luton|"
    "peterborough|wolverhampton|doncaster|bangor|wrexham|glasgow|leeds|liverpool|newcastle|london"
)
# A nation is named by the content when one of its towns is.
_NATION_TOWNS = {
    "scotland": ("glasgow", "edinburgh", "aberdeen", "dundee", "inverness", "stirling"),
    "wales": ("cardiff", "swansea", "newport", "bangor", "wrexham"),
    "northern ireland": ("belfast", "derry"),
    "england": ("london", "leeds", "liverpool", "newcastle", "manchester", "birmingham"),
}
_PLACE_WORD = re.compile(rf"\b({_TOWN_WORDS}|{'|'.join(_NATION_TOWNS)})\b")
_NAME_IN = re.compile(r"\b(?:in|at|near|around) (?:the )?(?P<p>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b")
_NAME_BEFORE = re.compile(
    r"(?<=[a-z,] )(?:the )?(?P<p>[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:branch|office|area|region|hub)\b"
)
_NOT_PLACES = frozenset(
    "I January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday "
    "Saturday Sunday Christmas Easter Zoom Teams Microsoft Google Welsh English Scottish Irish "
    "British Gaelic Polish Urdu Punjabi".split()  # (days, months, feasts, platforms, languages)
)
# Where the member, or someone they speak for, is: "I moved flat in", "my office is in", "a
# colleague in the".
_WHERE_ONE_IS = re.compile(
    r"\b(i|im|i am|ive|we|were|my|our|she|shes|he|hes|colleague|colleagues|husband|wife|partner|"
    r"daughter|son|friend|mum|dad|"
    # "just been made workplace contact at …", "new rep in …": a role said of oneself
    r"rep|steward|contact|secretary|chair|officer|organiser|starter|joiner|based|working|"
    r"work|works)\b( \w+){0,4} (in|at|from|near|around|to) (the )?(\w+ )?$"
)
_ASKS = re.compile(r"(?<=[.?!])\s+")
_APOSTROPHES = re.compile(r"['’]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def _plain(text: str) -> str:
    """Lower case, apostrophes dropped, one space between words ("I'm in" → "im in"): what
    `normalise` gives a place and what comes before it, without its synonyms (cheaper)."""
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text.lower())).strip()


def _places_asked(text: str) -> list[str]:
    """The places the sentences that ask name (lower case), but where one is."""
    said = [s for s in _ASKS.split(text) if s.strip()]
    asking = [s for s in said if s.rstrip().endswith("?")] or said
    found: list[tuple[str, str]] = []
    for sentence in asking:
        for m in [*_NAME_IN.finditer(sentence), *_NAME_BEFORE.finditer(sentence)]:
            if not set(m.group("p").split()) & _NOT_PLACES:
                found.append((m.group("p").lower(), _plain(sentence[: m.start("p")])))
        lowered = _plain(sentence)
        found += [(m.group(1), lowered[: m.start(1)]) for m in _PLACE_WORD.finditer(lowered)]
    kept = [p for p, before in found if not _WHERE_ONE_IS.search(before.rstrip() + " ")]
    return list(dict.fromkeys(kept))


@lru_cache(maxsize=8)
def _words_of(held: str) -> frozenset[str]:
    """The content's words, read once for each text (the engine's is built once at start;
    with many entries it runs to a megabyte, too long to search for each place asked)."""
    return frozenset(_plain(held).split())


def place_unheld(text: str, reply: str, held: str) -> bool:
    """A place asked about that neither the content (`held`, normalised) nor the reply names
    (nor, for a nation, any of its towns)."""
    asked = _places_asked(text)
    if not asked:
        return False
    said = _words_of(held) | set(_plain(reply).split())
    return any(
        not set(place.split()) <= said and not any(t in said for t in _NATION_TOWNS.get(place, ()))
        for place in asked
    )


# The slot a question asks, and nothing of its kind in the reply found: a count ("how many
# papers were spoilt?") with no figure of what is counted, a share ("what share of the vote
# did she get?") with no percentage, a result ("has she got in?") with none stated, a rule on
# what the member may have ("am I eligible for the claim?", "can I get paid time off for
# it?") with no such rule, or when another of a thing will be ("when's the next strike?") with
# no date for that thing. The passage is near in words; the kind of fact asked is not in it.
_SHARE = re.compile(
    r"\b(what|which|how much of( the)?) (share|percentage|proportion|per ?cent|fraction)\b|"
    r"\bwhat %|\b(share|percentage|proportion) of (the )?(votes?|ballots?|papers?|members)\b"
)
# "How many days have I got?", "how many day left": time left, which a date answers.
_TIME_COUNTED = re.compile(
    r"\bhow many (more )?(days?|weeks?|hours?|minutes?|months?|years?|dys|wks|hrs|mins)\b"
)
_PERCENT = re.compile(r"\d(\.\d+)?\s*(%|per ?cent)", re.IGNORECASE)
_GOT_IN = re.compile(
    r"\b(has|have|had|did)\b [^?.]{0,40}\b(got in|get in|gotten in|been (re-?)?elected|"
    r"got (re-?)?elected|get (re-?)?elected|won|win|end(ed)? up with)\b|"
    r"\bwho (won|got in|came (first|top))\b"
)
_RESULT_STATED = re.compile(
    r"\b(turnout (was|of)|\d+(\.\d+)?% (yes|turnout)|results? (was|were|is|are)|"
    r"(was|were) (re-?)?elected|won (the|by|with)|votes? (each|cast))\b",
    re.IGNORECASE,
)


# How long someone elected holds the post ("nec member serve how long?", "is it a 2 year
# term?", "how long is the president in office for"): a term the content never states, which
# a ballot's dates do not answer.
_TERM_ASKED = re.compile(
    r"\bterms? of office\b|\b(\d|one|two|three|four|five) ?-?years? terms?\b|"
    r"\bhow long( is| are| does| do| will| would)?( a| an| the| their| his| her)?( \w+){0,3} "
    r"(term|terms|tenure|mandate|serve|serving|sit|sitting|in office|in post|hold office)\b|"
    r"\b(serve|serves|sit|sits|in office|in post|hold office|stay on)\b[^?.]{0,20}\bhow long\b|"
    r"\b(serve|serves|sit|sits|elected|in office|in post) for (\d|one|two|three|four|five) years?\b"
)
_TERM_STATED = re.compile(r"\b(term|terms|tenure|in office|serves?|years? in post)\b", re.I)


def term_unsaid(lowered: str, reply: str) -> bool:
    """How long the elected hold their post asked, and no term in the reply."""
    return bool(_TERM_ASKED.search(lowered)) and not _TERM_STATED.search(reply)


# The union's own size ("how many members union have", "how big is the union"): a figure of
# its members, not a committee's ("sixteen committee members").
_UNION_SIZE = re.compile(
    r"\bhow many (members|people)\b[^?.]{0,20}\b(the |our |this )?(union|pcs)\b|"
    r"\bhow (big|large) is (the |our |this )?(union|pcs)\b|\b(union|pcs)('?s)? (size|membership "
    r"(figures?|numbers?|count|size|total))\b"
)
_MEMBERS_COUNTED = re.compile(r"\b\d[\d,.]*\s*(million |thousand |k )?members\b", re.IGNORECASE)


def count_unsaid(lowered: str, reply: str) -> bool:
    """A count, a share or a result asked, and the reply holds no figure of what is counted,
    no percentage, no result."""
    if _UNION_SIZE.search(lowered) and not _MEMBERS_COUNTED.search(reply):
        return True
    counted = checks.asks(lowered) == "how many" and not _TIME_COUNTED.search(lowered)
    if counted and not (checks.counts_asked(lowered, reply) or checks.counted_by(reply)):
        return True
    if _SHARE.search(lowered) and not _PERCENT.search(reply):
        return True
    return bool(_GOT_IN.search(lowered) and not _RESULT_STATED.search(reply))


# What the member may have, asked of their own case: whether they are eligible for or
# entitled to something other than a vote ("am I eligible for the pensions claim?"), which a
# reply answers only with a rule (who may, who must, only, unless); or a benefit for union work
# ("can I get paid time off for the AGM?"), which a reply answers only by naming it.
_ELIGIBLE = re.compile(
    r"\b(am|are|is|would|will|could|should) (i|we|she|he|they|my \w+)( \w+)? (be )?"
    r"(eligible|entitled|qualified)\b(?! to (vote|a vote|a say|a paper|a ballot))|"
    r"\b(do|does|would|will|could|can|should) (i|we|she|he|they|my \w+)( \w+)? "
    r"qualify\b(?! (to vote|for a vote|for a paper|for a ballot))"
)
_RULE = re.compile(
    r"\b(eligib\w*|entitle\w*|qualif\w*|must|have to|had to|has to|need to|needs to|only|unless|"
    r"if you|anyone who|everyone who|all members|members who (joined|are|were|have|had|work))\b",
    re.IGNORECASE,
)
_BENEFIT = re.compile(
    r"\b(can|could|do|does|will|would|am|are|is|should) (i|we|she|he|they|reps?|members?)( \w+)? "
    r"(get|have|claim|be paid|be given|be allowed|allowed|entitled to|take)\b[^?.]{0,20}"
    r"\b(?P<b>time off|facility time|paid leave|special leave|paid release|expenses|travel costs|"
    r"childcare|time in lieu|toil)\b"
)


def entitlement_unsaid(lowered: str, reply: str) -> bool:
    """Whether the member is eligible for something asked, and the reply states no rule; or
    a benefit asked, and the reply does not name it."""
    if _ELIGIBLE.search(lowered) and not _RULE.search(reply):
        return True
    benefit = _BENEFIT.search(lowered)
    return benefit is not None and benefit.group("b").split()[-1] not in reply.lower()


# When something will come, or whether it comes at a time ahead: "when will there be
# another pay ballot?", "is a ballot coming this autumn?". A reply whose every year is gone
# by the moment asked, or that names none, holds no date still to come.
_EVENT = r"(ballot|vote|election|strike|action|walkout|meeting|conference|agm|consultation)s?"
_AHEAD = re.compile(
    rf"\b(another|the next|a new) (\w+ ){{0,3}}{_EVENT}\b[^?.]{{0,30}}\b(coming|due|planned|"
    rf"happen\w*)\b|\bwhen\b[^?.]{{0,30}}\b(another|the next|a new|next) (\w+ ){{0,3}}{_EVENT}\b|"
    rf"\b{_EVENT}\b[^?.]{{0,30}}\b(coming|due|planned|happening|going ahead|expected)( \w+)?"
    r" (this|next) (spring|summer|autumn|fall|winter|year|month)\b|"
    # "will there be a national ballot on pay later this year?": one still to come, asked of
    rf"\b(will there be|is there going to be|are (we|they) (going to|gonna) (have|hold|get|see))"
    rf" (a |an |another |any )?(\w+ ){{0,4}}{_EVENT}\b[^?]{{0,40}}\b(later (this|in the)|this "
    r"coming|(later|early|earlier) next|next) (spring|summer|autumn|fall|winter|year|month)\b|"
    # the member's own branch's: "our branch agm - when is it", "when is my branch meeting" (not
    # "when do we need to have our branch AGM done by?", the NEC's deadline)
    r"\b(our|my) (branch(es)? )?(agm|branch meeting|mandating meeting)\b[^?]{0,20}\bwhen (is|will)"
    r" (it|that|ours)\b|"
    r"\b(when is|when will|whens|wen is|wens) (be )?(our|my) (branch(es)? )?(agm|branch meeting|"
    r"mandating meeting)\b"
)


_SOON = re.compile(r"\b(in \d+ (days?|weeks?)|tomorrow|today|(this|next) (week|month))\b", re.I)


def ahead_unsaid(lowered: str, reply: str, today: date | None) -> bool:
    """A time still to come asked of an event, and the reply names none: no year still to
    come, no day or week ahead."""
    if today is None or not _AHEAD.search(lowered):
        return False
    if _SOON.search(reply):
        return False
    return not any(year >= today.year for year in years_in(reply))


# A time before the content's own, asked of in the past tense ("was it online last year as
# well?", "who was the president before the 2023 election?", "did they meet in 2022?"), and
# the reply holds no date of that time: what the content gives is this year's. Not a time the
# member tells of themselves ("I moved since last year", "my subs in 2021"), said before it.
_ASKED_PAST = re.compile(r"\b(did|was|were|had)\b")
_YEAR_BEFORE = re.compile(r"\b(last|previous) years?\b|\bthe year before\b")
_BEFORE_YEAR = re.compile(r"\b(before|prior to) (the |this |our )?(?P<y>(19|20)\d\d)\b")
_IN_YEAR = re.compile(r"\b(in|during|for) (?P<y>(19|20)\d\d)\b")
_TOLD_OF_ONESELF = re.compile(r"\b(i|im|ive|id|we|weve|my|since)\b")


def past_unsaid(text: str, reply: str, today: date | None) -> bool:
    """A year before this one asked of in the past tense, in the clause that asks, and the
    reply holds no date in it (for "before 2023", none before it)."""
    if today is None:
        return False
    clause = asking_clause(text) or normalise(text)
    if not _ASKED_PAST.search(clause):
        return False
    said = years_in(reply)
    for m in _BEFORE_YEAR.finditer(clause):
        if not _TOLD_OF_ONESELF.search(clause[: m.start()]):
            return not any(year < int(m.group("y")) for year in said)
    asked = [(m, today.year - 1) for m in _YEAR_BEFORE.finditer(clause)]
    asked += [(m, int(m.group("y"))) for m in _IN_YEAR.finditer(clause)]
    return any(
        year < today.year and year not in said and not _TOLD_OF_ONESELF.search(clause[: m.start()])
        for m, year in asked
    )


# Who sits on a body, asked by name ("who's on the presidential team?", "who will sit on the
# review body?"): a reply naming no one answers it only with the body's make-up, and not when
# the body asked is one of the parts it lists (the committee's make-up answers "who sits on
# the committee", not who is on its "presidential team of three").
_WHO_ON = re.compile(
    r"(^|[,.?!;:]\s*|\b(and|but|so|then|ok|hi|hey)\s+)who(s| is| are| sits?| will (sit|be))"
    r"( actually| currently| now)?( the (\w+ )?(two|three|four|five|six|sixteen|people|members|"
    r"ones|officers))? (on|in) (?!(the |a )?(chair|running|fence|charge)\b)"
    r"(the |this |that |our |my )?(?P<body>[a-z' ]+)"
)
_MADE_UP = re.compile(r"\b(made up of|composed of|consists of|comprises)\b(?P<parts>[^.]*)", re.I)
_SMALL = frozenset("for of at in on to with this that right now currently the moment".split())


def names_unsaid(lowered: str, reply: str) -> bool:
    """Who sits on a body asked, and the reply names no one and gives no make-up of it."""
    asked = _WHO_ON.search(lowered)
    if not asked or checks.names_a_person(reply):
        return False
    kept: list[str] = []  # the body's words, up to a small word after them ("body for …")
    for word in asked.group("body").split():
        if word in _SMALL and kept:
            break
        kept.append(word)
    made = _MADE_UP.search(reply)
    if not kept or not made:
        return True
    chunks = re.split(r",| and ", made.group("parts").lower())
    parts = {stem(c.split(" of ")[0].split()[-1]) for c in chunks if c.split(" of ")[0].split()}
    return stem(kept[-1]) in parts


# Which company, firm or organisation does something ("which company is the scrutineer?"):
# a name of one is asked, and a reply that names none (no run of capitalised words: "Cabinet
# Office", "Broad Left Network") does not answer it.
_WHICH_FIRM = re.compile(
    r"\b(which|what) (company|companies|firm|firms|outfit|supplier|provider|agency|"
    r"organisation|organisations|organization|organizations)\b"
)
_NAMED = re.compile(
    r"\b(?!(The|A|An|Your|Our|This|That|If|When|Each|Every)\b)[A-Z][a-z]+"
    r"(?: (?:of |for |and )?[A-Z][a-z]+)+"
)


# A fact of a meeting's record the content never gives: who was there ("which NEC members
# were present?"), how the vote went ("the vote numbers on that decision", "was it
# unanimous?"); or what a body has now when the content gives only its standing rule ("what
# sub-committees does the PSSEC currently have?" against "sub-committees as needed").
_PRESENT = re.compile(
    r"\b(who|which (\w+ ){0,3}(members?|people|reps|officers|ones))\b[^?.]{0,30}\b(were|was) "
    r"(present|there|in attendance|in the room|at (the|that) (\w+ )?meeting)\b|"
    r"\b(who|which \w+) (attended|turned up|showed up|sent apologies|proposed|seconded|moved "
    r"the motion|tabled)\b|"
    r"\battendance (list|record)\b"
)
_TALLY = re.compile(
    r"\b(vote|voting|votes) (numbers|figures|tally|breakdown|split)\b|"
    r"\bhow many (\w+ ){0,3}(voted|votes) (for|against|in favour)\b|\bunanimous\w*\b|"
    r"\bvotes? for and against\b|\bwas (it|the (\w+ )?vote) (close|tight|narrow)\b"
)
_TALLIED = re.compile(r"\b\d+ (votes?|for|against|in favour)\b|\bunanimous", re.IGNORECASE)
_HAS_NOW = re.compile(
    r"\b(what|which|any)\b[^?.]{0,50}\b(currently|at the moment|right now|now|at present|so far|"
    r"to date|these days|already)\b|"
    r"\b(currently|at the moment|right now|at present)\b[^?.]{0,30}\b(have|has|got|exist|"
    r"running|set up)\b"
)
_AS_NEEDED = re.compile(r"\b(as|when|where) (needed|required|necessary|appropriate)\b", re.I)


# What a group or the union is doing about something ("what's the group doing about the
# backlog at our office?"), answered with the structure alone: which groups hold which
# branches says nothing of what any of them is doing.
_DOING = re.compile(
    r"\b(doing|done)\b( anything| something| much)?( \w+)? (about|on|for|with|regarding|over|"
    r"to (tackle|fix|sort|stop|address))\b"
)
# The time of day or the length of a meeting ("what time did the NEC meeting start?", "how
# long did the meeting last?"), and no clock time or length in the reply (not an office's
# opening hours: an entry may give them as it likes).
_CLOCK_ASKED = re.compile(
    r"\b(what time|how long) (did|does|will|was|is) (the|a|that|our|its) (\w+ ){0,3}(meeting|"
    r"conference|agm|call|session)s?\b"
)
CLOCK_TIME = r"\b\d{1,2}[:.]\d\d\b|\b\d{1,2} ?(am|pm)\b|\b(noon|midday|midnight)\b"
_CLOCK = re.compile(rf"{CLOCK_TIME}|\b\d+ (minutes?|hours?)\b", re.IGNORECASE)
# The threshold's own figure ("what's the threshold for the nec vote to count?", "what turnout
# is needed"), not how to see a branch's turnout against it: no share in the reply, none said.
_THRESHOLD_ASKED = re.compile(
    r"\b(what|whats|how (high|much|big))( is| are| r)? (the |a |any )?(turnout )?thresholds?\b"
    r"(?! (command|page|report|figures?)\b)|"
    r"\bwhat (turnout|share|percentage) (is |do we |does it )?(need|needed|required)\b|"
    r"\bthreshold\b[^?.]{0,30}\bto (count|be valid|stand|pass)\b"
)
_SHARE_WORDS = re.compile(r"\b(half|a third|two thirds|majority)\b", re.I)
_STRUCTURE_ONLY = re.compile(r"\bhas \d+ (groups?|branch(es)?)\b|\bis a branch of\b")


def record_unsaid(lowered: str, reply: str, said: str) -> bool:
    """Who was at a meeting asked and no one named; how a vote went asked and no figure; what
    a body is doing asked and the reply (`said`: its text) gives only the structure; what a
    body has now asked and the reply gives only a rule "as needed"."""
    if _PRESENT.search(lowered) and not checks.names_a_person(reply):
        return True
    if _TALLY.search(lowered) and not _TALLIED.search(reply):
        return True
    if _DOING.search(lowered) and _STRUCTURE_ONLY.search(said):
        return True
    if _CLOCK_ASKED.search(lowered) and not _CLOCK.search(reply):
        return True
    if _THRESHOLD_ASKED.search(lowered) and not (
        _PERCENT.search(reply) or _SHARE_WORDS.search(reply)
    ):
        return True
    return bool(_HAS_NOW.search(lowered) and _AS_NEEDED.search(said))


# The member's own pay, as a figure ("what will my salary be after the pay rise?"): the
# content gives the campaign's aims, never anyone's pay.
_OWN_PAY = re.compile(
    r"\b(what|how much)\b[^?.]{0,40}\b(my|our) (\w+ )?(salary|pay|wage|wages|take home|"
    r"pay packet)\b|"
    r"\bhow much (will|would|do|does|could|should) (i|we) (earn|get paid|take home)\b|"
    r"\b(my|our) (salary|pay|wage|wages)\b[^?.]{0,30}\b(be|go up|rise|increase)\b"
)
# The member's own move from one branch, group or department to another ("can I swap from
# the Newcastle branch to the Leeds one?", "I changed department last month, which group do
# I vote in?"): the content lists the branches, and says nothing of moving between them.
_MOVE = (
    r"(swap|switch|move|transfer|change|changed|moved|moving|transferring|transferred|"
    r"switching|swapping|changing)"
)
_OWN_MOVE = re.compile(
    rf"\b((i|im|ive|we|weve)( \w+)? {_MOVE}( \w+){{0,2}}|{_MOVE} me) (from|to|into|over to) "
    r"(the |a |another |my |our |\w+ ){0,4}(branch|group|department|dept)\b|"
    rf"\b{_MOVE} (my |our )?(branch|group|department|dept)(e?s)?\b"
)
_CHANNEL_MOVE = re.compile(r"\b(channel|chat|subscri\w*|bot|telegram|slack)\b")
# Whether a body outside will agree to what is asked of it ("is the Cabinet Office going to
# agree to the pay review body?"): a forecast, answered only by a reply that says it did.
_WILL_AGREE = re.compile(
    r"\b(is|are|will|would|might)\b (the )?(government|ministers?|treasury|cabinet office|"
    r"employers?|management|department|civil service|bosses|minister|chancellor|hmrc|dwp|"
    r"home office)( \w+){0,2} (ever |actually |likely to |going to |gonna |expected to ){0,2}"
    r"(agree|accept|give in|give us|grant|approve|say yes|back down|concede|sign off|budge)\b|"
    # what comes if it refuses ("what happens if the government just says no?")
    r"\b(what happens|what would happen|what will happen|what if|and if)( if)? (the )?(government|"
    r"ministers?|treasury|cabinet office|employers?|management|department|bosses)( \w+){0,2} "
    r"(says? no|refuses?|rejects?|wont|doesnt|turns? (it |us |them )?down)\b"
)


def beyond_content(lowered: str, reply: str) -> bool:
    """The member's own pay as a figure with none in the reply; their own move between
    branches, groups or departments; whether a body outside will agree, and the reply says
    nothing done."""
    if _OWN_PAY.search(lowered) and not has_money(reply):
        return True
    if _OWN_MOVE.search(lowered) and not _CHANNEL_MOVE.search(lowered):
        return True
    return bool(_WILL_AGREE.search(lowered) and not _DONE.search(reply))


# A network, forum or committee of members asked after by what it is for ("is there a
# disabled members' network?", "do we have an LGBT forum?"), and the reply does not name that:
# the content names its own bodies, and none of these.
_BODY_ASKED = re.compile(
    r"\b(is there|are there|do we have|does the union have|has the union got|have we got)\b "
    r"(a |an |any )?(?P<kind>([\w+]+ ){1,3})(network|networks|forum|forums|caucus|section|sections|"
    r"committee|committees|group|groups|society|association|channel|channels)\b"
)
_PLAIN_BODY = frozenset("members member union the our local branch national for of staff".split())


def network_unsaid(lowered: str, reply: str) -> bool:
    """A members' body asked after by what it is for, and the reply does not name that."""
    asked = _BODY_ASKED.search(lowered)
    if not asked:
        return False
    kind = [w for w in asked.group("kind").split() if w not in STOP and w not in _PLAIN_BODY]
    said = {stem(w) for w in words(reply)}
    return bool(kind) and not any(
        stem(w) in said or any(s.startswith(w[:5]) for s in said) for w in kind
    )


def firm_unnamed(lowered: str, said: str) -> bool:
    """Which company, firm or organisation asked, and the reply's text names none."""
    return bool(_WHICH_FIRM.search(lowered)) and not _NAMED.search(said)


# An election's result asked in the past ("did Broad Left get elected in the end?"), past
# `live.RESULT_PAST`'s "was elected", "did … win": no view is asked, and no result is held.
_RESULT_ASKED = re.compile(
    rf"{live.RESULT_PAST.pattern}|\bdid [^?.]{{0,40}}\b(get|be) (re-?)?elected\b"
)


# What the content holds nothing of about a thing it names. Whether an aim it gives ever came to
# anything ("did the legal claims ever go anywhere?", "did the union actually start the legal
# action?"), against a reply that gives the aim alone.
_CAME_TO_ANYTHING = re.compile(
    r"\b(did|has|have|had)\b[^?.]{0,90}\b(go|gone|went|get|got|gotten|come|came|lead|led)( \w+)? "
    r"(anywhere|to anything|to owt|to aught|to much|to something|any further)\b|"
    # "has the government actually agreed to the review body yet?": a body outside's yes
    r"\b(has|have|did) (the )?(government|ministers?|treasury|cabinet office|employers?|"
    r"chancellor)( \w+)? (actually |finally |ever |already )?(agreed|accepted|approved|said yes|"
    r"signed off|given in)\b|"
    r"\b(did|has|have) (the |our |they |we )?(\w+ ){0,3}(actually|really|ever|finally|already) "
    r"(start|started|begin|began|begun|launch|launched|lodge|lodged|file|filed|bring|brought|"
    r"issue|issued|take|took|taken|go|went) (the |any |a |an |those |these )?(\w+ ){0,3}(legal|"
    r"court|claims?|case|cases|action|proceedings|tribunal)\b"
)
# A body going on strike or taking action ("are the Newcastle lot going on strike?"): the
# content holds no strike, and a reply that does not speak of action cannot say.
_STRIKING = re.compile(
    r"\b(is|are|will|was|were)\b (the |our |my )?(\w+ ){0,4}(going|gonna|about|planning|set|due|"
    r"likely|voting|expected)( to)?( go| come out)? on strike\b|"
    r"\b(is|are|will) (the |our |my )?(\w+ ){0,3}(striking|(going to |gonna )?take (industrial "
    r")?action)\b"
)
_ACTION_SAID = re.compile(r"\b(strikes?|action|walkouts?)\b", re.IGNORECASE)
# A report or a result asked as out yet ("has the scrutineer published the report yet?"), and
# the reply states none.
_OUT_YET = re.compile(
    r"\b(report|reports|results?|figures|turnout|outcome|minutes|count)\b[^?.]{0,50}\b(published|"
    r"released|announced|put out|out|come out|available|up)\b[^?.]{0,30}\b(yet|so far|already)\b|"
    r"\b(published|released|announced|put out|issued)\b[^?.]{0,50}\b(report|reports|results?|"
    r"figures|turnout|outcome|minutes)\b[^?.]{0,40}\b(yet|so far|already)\b"
)
# The next one after this year's ("when are the next group elections after these?"): the reply
# of this year's event does not say.
_AFTER_THIS = re.compile(
    r"\b(next|another|following)\b[^?.]{0,50}\b(after|once) (this|these|the current|this years?|"
    r"the 2023|this one|this round|the ones? (now|this year))\b|"
    r"\b(ones?|elections?|ballots?|votes?|agms?|conferences?) (after|following) (this|these|"
    r"the current|this years?)\b"
)
# A contact of an officer asked ("what's the email for the Leeds branch secretary?"), and the
# reply gives no address or number.
_CONTACT_ASKED = re.compile(
    r"\b(email|e-?mail address|phone number|mobile( number)?|contact (details|number|email)|"
    r"number)s? (for|of) (the |our |my |a )?(\w+ ){0,5}(secretary|rep|steward|chair|organiser|"
    r"officer|president|treasurer)s?\b|"
    r"\b(secretary|rep|steward|chair|organiser|officer|treasurer)s? (email|e-?mail address|phone "
    r"number|mobile|contact details|number)\b"
)
_CONTACT = re.compile(r"@|\b0\d{3,4} ?\d{3} ?\d{3,4}\b|\+44")
# A thing asked as there yet ("is there a Local set up in Leeds yet?"), and the reply gives only
# which groups hold which branches.
_THERE_YET = re.compile(
    r"\b(is there|are there|have we got|do we have|has there been)\b[^?.]{0,60}\b(yet|set up|"
    r"up and running|been started|established)\b"
)


# A target asked as hit, or what comes once it is ("did the petition ever reach its target?",
# "what happens once it hits its goal?"): the content gives the target, never how near it is
# now nor what follows it.
_TARGET_HIT = re.compile(
    r"\b(hit|hits|hitting|reach|reached|reaches|reaching|met|meet|meets|made|make|makes|pass|"
    r"passed|passes|get to|got to|gets to)( its| the| their| our| that)?( petition| signature)? "
    r"(target|goal)\b"
)
_SIGNED_SO_FAR = re.compile(
    r"\b\d[\d,]* (people |members )?(have )?signed\b|\bsigned so far\b", re.IGNORECASE
)


# The number signed asked without "how many" ("just give me the actual number signed"), and
# the reply gives the target alone.
_NUMBER_SIGNED = re.compile(
    r"\b(number|count|total|tally|figure|numbers) (of )?(people |members |names )?(who )?"
    r"(have |has )?(signed|signatures|signatories)\b"
)
# Where the bot's data is kept, as a place ("where is the bot's data physically held?", "which
# country are its servers in?"): the content says what the bot holds, never where (not "where
# is my data stored?" alone, which /mydata's list may answer).
_KEPT_WHERE = re.compile(
    r"\bwhere\b[^?.]{0,40}\b(data|information|info|details|records?)\b[^?.]{0,30}\b(held|stored|"
    r"kept|keep|keeps|store|stores|hold|holds|hosted|saved|located|processed)\b"
    r"(?=[^?]{0,40}\b(physically|country|servers?|cloud|"
    r"uk|us|usa|abroad|overseas|eu|europe)\b)|"
    r"\bphysically (held|stored|kept|hosted|located)\b|"
    r"\b(which|what) (country|countries|server|servers|cloud|data ?cent(re|er)|hosting)\b"
)
_PLACE_SAID = re.compile(r"\b(uk|united kingdom|europe|eu|server|servers|hosted)\b", re.IGNORECASE)
# Another number, line or address than the one tried ("nobody picked up, is there another
# number?"): the content gives none at all.
_ANOTHER_CONTACT = re.compile(
    r"\b(another|other|different|alternative|second|backup|direct) (phone |contact |helpline )?"
    r"(number|line|helpline|email address)\b"
)
# Whether something exists or has been held yet ("is there a consultation on severance terms
# open yet?", "has there been a consultation?"), and the reply is a committee's objective: an
# aim says nothing of what exists now.
_THERE_NOW = re.compile(
    r"\b(is there|are there|has there been|have there been|was there|were there)\b[^?.]{0,60}"
    r"\b(consult\w*|ballot\w*|vote|survey|review body|open|yet|now|currently|at the moment)\b|"
    # "does the review body actually exist yet, or is it just something we want?"
    r"\b(actually|really|already) exists?\b|\bexists? (yet|already|now)\b"
)
# A reply that is an aim: a committee's objective, the campaign's "what we want".
_AIM_SAID = re.compile(r": (objectives|What we want)\b")
# A mandate's life asked ("how long does a strike mandate last?"): the content holds no
# industrial-action mandate, and a reply that does not speak of one cannot say.
_MANDATE_ASKED = re.compile(
    r"\bmandates?\b[^?.]{0,40}\b(last|lasts|run out|runs out|expire\w*|valid|end|ends)\b|"
    r"\bhow long\b[^?.]{0,40}\bmandates?\b"
)


def fact_unheld(lowered: str, reply: str, said: str) -> bool:
    """Whether an aim came to anything, the reply an aim alone; a target asked as hit, the reply
    the target alone; a body going on strike, the reply silent on action; a report or result
    asked as out, the reply stating none; the next one after this year's; an officer's email or
    number, the reply giving none; a thing asked as there yet, the reply the structure alone
    (`said`: the reply's own text)."""
    if _CAME_TO_ANYTHING.search(lowered) and _AIM.search(reply) and not _DONE.search(reply):
        return True
    if _TARGET_HIT.search(lowered) and "target" in reply.lower():
        return not _SIGNED_SO_FAR.search(reply)  # (the target alone: no count, no sequel)
    if _STRIKING.search(lowered) and not _ACTION_SAID.search(reply):
        return True
    if _OUT_YET.search(lowered) and not _RESULT_STATED.search(reply):
        return True
    if _AFTER_THIS.search(lowered):
        return True
    if _CONTACT_ASKED.search(lowered) and not _CONTACT.search(reply):
        return True
    if _ANOTHER_CONTACT.search(lowered) and not _CONTACT.search(reply):
        return True
    if _NUMBER_SIGNED.search(lowered) and "target" not in lowered:
        return not _SIGNED_SO_FAR.search(reply)
    if _KEPT_WHERE.search(lowered) and not _PLACE_SAID.search(said):
        return True
    if _THERE_NOW.search(lowered) and _AIM_SAID.search(reply):
        return True
    if _MANDATE_ASKED.search(lowered) and "mandate" not in reply.lower():
        return True
    return bool(_THERE_YET.search(lowered) and _STRUCTURE_ONLY.search(said))


# What became of a thing the content gives only as an aim or as work under way: asked as done
# ("did the pension claims ever pay out?", "has the government said anything?"), as near
# ("how close are we to the review body?"), or as come of ("what came out of the latest
# talks?"). An aim ("we are campaigning for", "preparing legal action", "groundwork continues")
# says what was wanted or begun, never how it ended: whatever the verb, the answer is news the
# content does not hold. Not "any news on X", which asks for the content's own word on X.
_ASKS_DONE = re.compile(
    # a yes/no question in the past of something other than the member or a union body's record
    # ("did I", "did the NEC decide" are asked of what the member did or what a meeting held)
    r"(^|[,.?!;:]\s*|\b(and|but|so|or|ok|hi)\s+)(did (?!(i|me|my|we|you|u|it|the nec|nec)\b)|"
    r"(has|have|had) (?!(i|me|my|we|you|u|it|the nec|nec)\b)(the |our |that |those |these |this "
    r"|any |they )?([\w/-]+ ){0,7}(ever |actually |really |finally |eventually |already |yet )?"
    r"(\w+ed|gone|got|come|paid|won|made|begun|taken|heard|led)\b)(?!.*\b(to )?(vote|a vote)\b)|"
    # a body outside asked as having said or done anything
    r"\b(has|have|did) (the )?(government|ministers?|treasury|cabinet office|employers?|"
    r"management|department|chancellor|parliament) (\w+ )?(said|say|done|do|responded|replied|"
    r"agreed|moved)\b|"
    r"\bhow (close|near|far( along| off)?) (are|is|were|was) (we|they|it|the|things|that)\b|"
    r"\bwhat (came|has come|come) (out )?of\b|\bwhat (has )?(happened|happens) (to|with)\b|"
    r"\b(latest|most recent|more recent|newest) (talks|negotiations)\b"
)
# A reply that is an aim or work under way, in the content's words.
_UNDER_WAY = re.compile(
    r"\b(preparing|planning|plans to|aims? to|seeks?( to)?|influence|campaigning (for|to|on)|"
    r"campaign (for|to)|working (to|towards)|pushing for|pressing (for|the)|press(es)? the|"
    r"continues|under way|ongoing|come to the next)\b",
    re.IGNORECASE,
)


def sequel_unsaid(text: str, reply: str, said: str) -> bool:
    """What became of an aim or of work under way asked, and the reply (`said`: its text) is
    the aim or the work alone, with nothing done in it. Read from the message as written:
    `normalise` rewrites some of its phrases ("what happened with": "what was decided on")."""
    asked = _APOSTROPHES.sub("", text.lower())
    return bool(_ASKS_DONE.search(asked) and _UNDER_WAY.search(said) and not _DONE.search(reply))


# A body the content does not hold, asked as in a group ("which group are ONS staff in?"), or
# the member's branch told as not among those listed ("X isn't one of the branches you list"):
# the content's groups and branches are its own.
_WHICH_GROUP_FOR = re.compile(
    r"\b(which|what) (group|branch|department)s? (is|are) (the )?"
    r"(?P<who>[a-z&\- ]{2,40}?) (staff |people |members |workers |employees |lot )?(in|under|"
    r"belong to|come under|fall under|part of|go in|sit in)\b"
)
_PERSONS = frozenset("i im me my you u your we our us they them he she her his".split())
_NOT_LISTED = re.compile(
    r"\b(isnt|is not|arent|are not|not) (one of |on |in |among )?(the |your )?(list|listed|"
    r"branches|groups)( (you|the bot|u) (list|lists|listed|have|has|gave|give|show|shows))?\b"
)
# An election or a ballot rerun, voided or cancelled ("if the NEC election gets rerun do I get a
# new paper?"): the content holds no such case.
_RERUN = re.compile(
    r"\b(re-?run|reran|re-?held|held again|run again|declared void|voided|annulled|scrapped)\b"
)


def unlisted(text: str, reply: str, held: str) -> bool:
    """A body the content (`held`, normalised) does not name, asked as in a group; the member's
    branch told as not listed; an election rerun or voided, the reply silent on it."""
    lowered = normalise(text)
    if _NOT_LISTED.search(lowered) or (_RERUN.search(lowered) and not _RERUN.search(reply)):
        return True
    found = _WHICH_GROUP_FOR.search(lowered)
    if found is None:
        return False
    who = [w for w in found.group("who").split() if w not in STOP]
    if set(who) & _PERSONS:
        return False  # ("which branch am I in?", "which group are you putting me in?": /whoami)
    said = _words_of(held) | set(_plain(reply).split())
    return bool(who) and not set(who) <= said


# Whether a kind of worker counts as one the content names, or a way instead of the bot's:
# "would immigration caseworkers count as specialists?", "does the review body cover HEO
# grades?", "can you message me on whatsapp instead of telegram?". The content says what the
# review body is for or what the bot does; whether the thing asked about (the workers, the
# other channel) is among them it can say only if it names that thing. Read in the sentences
# that ask: "I'd rather read than sit through hustings. Where …" tells.
_IS_ONE = (
    r"(counts? as|count towards|be counted as|(be |get |are |is )?(classed|classified|considered|"
    r"treated) as|(be |are |is |get )?(covered|included|eligible)|qualify|fall under|come under|"
    r"be part of)"
)
_COUNTS_AS = re.compile(
    rf"\b(would|will|do|does|are|is|am|can|could|should|might|may|which|what) "
    rf"(?P<thing>[a-z ]{{2,40}}?) (still |also |even |actually |really )?{_IS_ONE}\b"
)
_COVERS = re.compile(
    r"\b(would|will|does|do|is|could|can|might)\b(?! (i|we|you|u)\b)[a-z ]{0,40}? (cover|covers|"
    r"include|includes|apply to|applies to|extend to|extends to) (?P<thing>[a-z ]{2,40}?)"
    r"(?= like | such as | or | if | too| as well|[?.,!]|$)"
)
_INSTEAD_OF = re.compile(r"(?P<thing>(?:[a-z]+ ){1,4})(instead of|rather than)\b")
# Who or what in general: not a thing the content must name.
_ANYONE = frozenset(
    "i im me my mine you u your we our us they them he she her his it its that this those these "
    "there people person someone anyone everyone everybody members member staff workers "
    "colleagues colleague all any some like which what who exactly things thing".split()
)
_OPEN = frozenset({"whether", "if", "know", "it"})  # (a clause, not a thing: "know whether …")
_SENTENCE = re.compile(r"(?<=[.?!])\s+")
_ASKED_OF_A_KIND = (_COUNTS_AS, _COVERS, _INSTEAD_OF)


@lru_cache(maxsize=8)
def _stems_of(held: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _words_of(held))


def _unnamed(thing: str, held: str, said: set[str]) -> bool:
    """Whether a word of the thing asked about is one neither the content (`held`) nor the
    reply (`said`, its words) uses, in any form."""
    found = _plain(thing).split()
    if set(found) & _OPEN:
        return False
    kept = [w for w in found if w not in _ANYONE and w not in STOP and len(w) > 2]
    return any(w not in said and stem(w) not in _stems_of(held) for w in kept)


def kind_unnamed(text: str, reply: str, held: str) -> bool:
    """A kind of worker asked of as counting as, or covered by, what the content names, or a
    way asked for instead of the bot's, and the content never names it."""
    said = set(_plain(reply).split())
    sentences = [s for s in _SENTENCE.split(text) if s.strip()]
    for sentence in [s for s in sentences if s.rstrip().endswith("?")] or sentences:
        lowered = normalise(sentence)
        for shape in _ASKED_OF_A_KIND:
            if any(_unnamed(m.group("thing"), held, said) for m in shape.finditer(lowered)):
                return True
    return False


# A date asked of as going to change ("will the nec close be extended?", "could they push the
# deadline back for the postal strike?"): the content gives the dates, never that one will
# move, unless the reply itself says one was moved.
_TO_MOVE = re.compile(
    r"\b(will|would|could|might|can|going to|gonna)\b[^?.]{0,40}?\b(be |get |gets )?(extended|"
    r"extend|postponed|postpone|pushed back|push (it|the \w+) back|delayed|put back|moved back|"
    r"brought forward|rescheduled)\b"
)
_MOVED = re.compile(
    r"\b(was|were|has been|have been|is being|will be) (extended|postponed|delayed|moved|put back|"
    r"brought forward|rescheduled)\b",
    re.IGNORECASE,
)


# Something later than the record the reply gives, asked ("is there a newer NEC report than
# the 2020 one?", "surely they've met since", "has there been a pay ballot since that 2020
# NEC?", "did the union go on to hold one?"): the content is a record of its day, and what came
# after it is the organisers' to say. Not "the most recent report you've got" (the record
# itself), nor "since I started" (the member's own time).
_LATER = re.compile(
    r"\b(newer|more recent|more up to date|more current|later|updated)\b( \w+){0,3} (than|since)\b|"
    r"\b(newer|more recent|later|more up to date|updated) (\w+ )?(report|reports|meeting|meetings|"
    r"minutes|one|ones|version|decision|decisions)\b|"
    r"\b(anything|something|owt|any) (newer|more recent|later|more up to date)\b|"
    r"\b(has|have|had|been|met|happened|changed|held)( \w+){0,3} since( then| that| the| it| they)?"
    r"( 20\d\d)?\s*([?.!,]|$)|"
    r"\bsince (that|the) (\w+ )?20\d\d\b|"
    r"\b(go|went|gone|going) on to (hold|have|run|ballot|do|call|set|make|agree|decide)\b"
)


def later_unsaid(lowered: str, reply: str, today: date | None) -> bool:
    """Something later than the record asked of, and the reply is a record of an earlier year
    (every year it names before this one)."""
    if today is None or not _LATER.search(lowered):
        return False
    said = years_in(reply)
    return bool(said) and max(said) < today.year


# The member's own claim asked of ("am I one of the people who can claim?", "could someone
# check whether I'm eligible?", "how do I register mine?"), and the reply speaks of the claims:
# the content says the union is preparing legal action, never who is in it or how to join it.
_CLAIM_WORDS = re.compile(r"\b(claims?|claimants?|remedy|compensation|discrim\w*|legal action)\b")
_MINE_ASKED = re.compile(
    r"\b(am i|are we|is she|is he|is my \w+|(whether|if) (i|im|i am|we|were|we are|she|shes|he|"
    r"hes|my \w+)( am| are| is)?)( \w+){0,3} (eligible|entitled|covered|included|one of (them|"
    r"the|those)|qualif\w*|able to claim|in scope|in line for)\b|"
    r"\b(register|lodge|submit|file|put in|enter|add) (mine|my (own )?(\w+ ){0,3}(claim|case))\b|"
    r"\b(check|confirm|tell me|find out) (whether|if) (i|im|i am|we|my)\b"
)


def claim_mine(lowered: str, reply: str) -> bool:
    """The member's own place in a claim asked, and the reply speaks of claims (see above)."""
    return bool(
        _MINE_ASKED.search(lowered)
        and _CLAIM_WORDS.search(lowered)
        and _CLAIM_WORDS.search(reply.lower())
    )


# Which members have or have not voted, signed or returned a paper, asked by name ("a list of
# who in my branch hasn't voted yet", "can the union see who has and hasn't returned a
# paper?"), and the reply names no one: the bot counts what members tell it, by branch
# (/turnout), and the content gives no member's name, so the list is the organisers' to refuse.
_WHO_DID = re.compile(
    r"\b(list|names?) of (the )?(members|people|colleagues|those|who|everyone)\b[^?.]{0,40}\b("
    r"voted|signed|returned)\b|"
    r"\b(which|what) (members|people|colleagues|ones)\b[^?.]{0,30}\b(have|has|havent|hasnt|have "
    r"not|has not|didnt|did not|not yet|still)\b[^?.]{0,15}\b(voted|signed|returned)\b|"
    r"\bwho\b[^?.]{0,25}\b(hasnt|havent|has not|have not|didnt|did not|not yet|is yet to|are yet "
    r"to)\b( yet| actually| said theyve| said they have)? (voted|signed|returned)\b"
)


def who_did_unsaid(lowered: str, reply: str) -> bool:
    """Members asked for by what they did or did not do, and the reply names no one."""
    return bool(_WHO_DID.search(lowered)) and not checks.names_a_person(reply)


# An action asked of as planned for a time still to come ("is there going to be a strike
# ballot this year?", "is the union planning any coordinated action over the summer?", "are we
# balloting again in the autumn?"): the content says what branches do and what the union
# aims at, never what is planned for a season or a month ahead. Without the time the same
# question is answered by the aim ("will there be coordinated action on pay?"), so the time
# is the signal; the reply is no answer when it names no year still to come and no day or
# week ahead.
_ACTION = (
    r"(strikes?|striking|industrial action|action|walkouts?|walk ?out|ballots?|balloting|votes?|"
    r"court|legal action|protests?|demos?|rall(y|ies)|lobby)"
)
_WHEN_AHEAD = (
    r"(this|next|the coming|this coming|later this|later in the|early next) (year|spring|summer|"
    r"autumn|fall|winter|month)|(over|in|during|by|before|after) the (spring|summer|autumn|fall|"
    r"winter|new year|holidays)|(later|at some point) this year|(in|by|before) (january|"
    r"february|march|april|may|june|july|august|september|october|november|december)"
)
_PLAN_AHEAD = re.compile(
    r"\b(will there be|is there going to be|is there gonna be|are there going to be|any plans? "
    r"(for|to)|(is|are) (the union|pcs|we|they|the nec|the branch|branches|our branch|the \w+) "
    r"(planning|going to|gonna|about to|thinking of|considering|looking at|balloting|striking|"
    r"taking)|(were|theyre|its) (planning|going to|gonna|balloting|striking|taking))\b"
    rf"[^?]{{0,60}}\b{_ACTION}\b[^?]{{0,60}}\b({_WHEN_AHEAD})\b"
)


def plan_ahead_unsaid(lowered: str, reply: str, today: date | None) -> bool:
    """An action asked of as planned for a season, a month or a year still to come, and the
    reply names no time then (see above)."""
    if today is None or not _PLAN_AHEAD.search(lowered) or _SOON.search(reply):
        return False
    return not any(year >= today.year for year in years_in(reply))


# A meeting's plan of an earlier year asked again for this year or a later one ("can our
# branch get funding for a Zoom AGM this year like they did in 2021?", "is there funding for
# our 2023 AGM on Zoom, like there was in 2021?", "will the union fund it like it said in the
# report?"): the record says what was decided for its own day, never that it holds now.
_RECORD = re.compile(r"\bdecided:|\bmeeting of \d{1,2} [a-z]+ (19|20)\d\d\b", re.IGNORECASE)
_AGAIN_ASKED = re.compile(
    r"\b(this|for this|this coming|next) year\b|"
    r"\blike (there was|there were|they did|it did|we did|we had|they had|it said|they said|"
    r"they planned|it planned|they promised|last time|before|in (19|20)\d\d|for (19|20)\d\d)\b"
)
_STILL_ASKED = re.compile(
    r"\b(will|would|is there|are there|can|could|do|does|are|is|going to|gonna)\b"
)


def again_unsaid(lowered: str, reply: str, today: date | None) -> bool:
    """A meeting's record of earlier years answers a question of this year or a later one, or
    of the plan holding again (see above)."""
    if today is None or not _RECORD.search(reply) or not _STILL_ASKED.search(lowered):
        return False
    said = years_in(reply)
    if not said or max(said) >= today.year:
        return False
    asked = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", lowered)}
    return bool(_AGAIN_ASKED.search(lowered)) or any(year >= today.year for year in asked)


# A decision asked of a year after the meeting the record is of ("what did the nec decide in
# 2021 when it looked at ballot readiness again?"): the record of November 2020 says what it
# planned for 2021, never what was decided then. Not a plan made for that year ("what did they
# decide to do in 2021": the record's own).
_DECIDED_IN = re.compile(
    r"\b(decide|decided|agree|agreed|conclude|concluded|resolve|resolved|vote|voted)"
    r"( (?!(to|about|on|for|over|regarding)\b)\w+)? in (?P<year>(19|20)\d\d)\b"
)
_MEETING_YEAR = re.compile(
    r"\bmeeting of \d{1,2} [a-z]+ (?P<year>(19|20)\d\d)\b", re.IGNORECASE
)


def decided_later(lowered: str, reply: str) -> bool:
    """A decision asked of a later year than the meeting whose record answers (see above)."""
    asked, held = _DECIDED_IN.search(lowered), _MEETING_YEAR.search(reply)
    return bool(asked and held and int(asked.group("year")) > int(held.group("year")))


# The member's own branch's meeting asked when or where ("branch meeting when and where"):
# the content holds the NEC's meetings and a 2021 AGM deadline, never a branch's own diary.
_MEETING = (
    r"(branch|local|office|workplace|chapel|site) (meeting|meetings|meet up|meetup|gathering)"
)
_BRANCH_MEETING = re.compile(rf"\b{_MEETING}\b")
_MEETING_WHEN = (
    r"(when|whens|where|wheres|what time|which day|what day|date|time|times|venue|location)"
)
_MEETING_ASKED = re.compile(
    rf"\b{_MEETING_WHEN}\b[^?.]{{0,30}}\b{_MEETING}\b|"
    rf"\b{_MEETING}\b[^?.]{{0,20}}\b{_MEETING_WHEN}\b"
)
# (a meeting told of, not asked after: "I missed the branch meeting where they went over…")
_MEETING_TOLD = re.compile(
    rf"\b(missed|at|after|during|from|in|since) (the|our|my|last|a|that) (\w+ )?{_MEETING}\b"
)


# A branch's own AGM asked of ("is the passport office liverpool branch having an agm this
# year"): the content's one AGM is 2021's, from the NEC's record.
_BRANCH_AGM = re.compile(
    r"\bbranch\b[^?.]{0,25}\b(having|holding|hold|have|got|planned|planning)\b[^?.]{0,10}\bagms?\b"
)


def branch_meeting_unsaid(lowered: str, reply: str) -> bool:
    """A branch's own meeting asked when or where, and the reply names no branch meeting; a
    branch's AGM asked of, and the reply names no AGM."""
    if _BRANCH_AGM.search(lowered) and "agm" not in reply.lower():
        return True
    return bool(
        _MEETING_ASKED.search(lowered)
        and not _MEETING_TOLD.search(lowered)
        and not _BRANCH_MEETING.search(reply.lower())
    )


# A consultation asked of as there, open, running or to come ("is there a consultation open
# on the pension changes?", "when's the next consultation?", "will there be one on
# severance?"): the content says how a consultation in the bot works, never that one is open.
_CONSULTATION = r"(consultations?|consultative (ballot|vote)s?|consultashuns?)"
_CONSULTATION_ASKED = re.compile(
    rf"\b(is there|are there|any|will there be|has there been|have there been|is there going to "
    rf"be|gonna be|going to be)\b( \w+){{0,3}} {_CONSULTATION}\b|"
    rf"\b(when|whens|wen)( is| does| will)?( the)? next( \w+)? {_CONSULTATION}\b|"
    rf"\b{_CONSULTATION}( \w+){{0,2}} (open|opening|running|coming|coming up|on now|happening|"
    r"going to open)( (now|yet|soon|at the moment|right now|currently|this \w+))?\s*([?.!]|$)"
)


def consultation_asked(lowered: str) -> bool:
    """A consultation asked of as open or to come (see above)."""
    return bool(_CONSULTATION_ASKED.search(lowered))


# The member's paper or a replacement asked to come by email ("can my replacement paper be
# emailed to me?", "could you email me a copy to print?"): the content says papers are posted
# to the home address, and never speaks of a paper by email. (Another address or voting early
# may be answered by where papers go or when voting opens: not checked here.)
_BY_EMAIL = re.compile(
    r"\b(emailed|e-mailed|sent (by|via|over) (email|e-mail)|sent electronically|"
    r"(email|e-mail) (it|them|one|a copy|me (it|one|a \w+)))\b"
)
_PAPER_THING = re.compile(r"\b(paper|papers|ballot paper|pack|replacement)\b")


def emailed_unsaid(lowered: str, reply: str) -> bool:
    """A paper or a replacement asked to come by email, and the reply does not speak of email."""
    return bool(
        _BY_EMAIL.search(lowered) and _PAPER_THING.search(lowered) and "email" not in reply.lower()
    )


# Who may sign the petition asked for someone not a member ("can my wife sign it? she's not in
# the union", "can non-members sign?"): the content asks members to sign and to ask a
# colleague, and says nothing of who else may. (A partner or a neighbour alone may be a member.)
_NOT_MEMBER = re.compile(
    r"\b(non-?members?|not (a |an )?(union )?members?|(isnt|arent|not|never been) (a |an )?"
    r"(union )?members?|(isnt|arent|not) in (the|a|our|any) union|members of the public|"
    r"the (general )?public)\b"
)
_SIGN = re.compile(r"\bsign(ing|s)?\b")
_ALLOWED = re.compile(r"\b(allowed|permitted|ok|okay|fine|eligible)\b")


def signer_unsaid(lowered: str, reply: str) -> bool:
    """Someone not a member asked as able to sign the petition, in the sentence that asks or
    that asks whether it is allowed (not "give me the link? my neighbour wants to sign it"),
    and the reply does not say who may."""
    asked = asking_clause(lowered) or lowered
    return bool(
        "petition" in lowered
        and _SIGN.search(lowered)
        and (_SIGN.search(asked) or _ALLOWED.search(asked))
        and _NOT_MEMBER.search(lowered)
        and not re.search(r"\b(anyone can|non-members?|members of the public)\b", reply.lower())
    )


# A body the member asks to join or get on that the content only mentions or never names ("is
# there a sub-committee on pay I could join?", "the specialists' working group - how do I get on
# it?", "is there a DWP Leeds telegram group I can join?"): the content says sub-committees and
# working groups are set up as needed, and how a channel is subscribed, never how a member
# joins one.
_BODY = (
    r"(sub-?committees?|working (groups?|party|parties)|networks?|forums?|caucus(es)?|"
    r"(telegram|whatsapp|signal|slack|facebook) (groups?|chats?|channels?)|group chats?)"
)
_JOIN_ASKED = re.compile(
    r"\b(i|we|she|he|they) (could|can|might|would|may) (join|get on|sit on|be on|get onto)\b|"
    r"\bhow (do|can|could|would|does) (i|we|she|he|they|you|one) (join|get on|sit on|be on|get "
    r"onto|get involved in)\b|\b(join|get on|sit on|get onto) (it|one|them)\b"
)


def joining_unsaid(lowered: str, reply: str) -> bool:
    """A sub-committee, working group, network or group chat asked to be joined, and the reply
    says nothing of joining."""
    return bool(
        re.search(rf"\b{_BODY}\b", lowered)
        and _JOIN_ASKED.search(lowered)
        and "join" not in reply.lower()
    )


# A step asked as taken yet ("has the bargaining paper been signed off yet?", "has the
# petition hit 50k yet?", "has the scrutineer's report been published yet?"): the content is a
# record up to the day it was written, never what has been done since; the reply must say the
# step itself for the question to be answered.
_DONE_YET = re.compile(
    r"\b(has|have|did|is|are)\b[^?.]{1,90}\b(been )?(?P<step>signed off|published|approved|hit|"
    r"reached|passed|debated|released|announced|ratified|accepted|rejected|implemented)\b"
    r"[^?.]{0,30}\byet\b"
)
# A petition's count asked for one part of the union ("how many in my branch have signed so
# far?", "how many signatures from DWP specifically?"): the content gives the target, and
# /petition the whole count, never a branch's or a group's.
_PART_COUNTED = re.compile(
    r"\bhow many\b[^?]{0,90}\b(in|from|at|across|within) (my|our|the|each|every|this|that|"
    r"[a-z]+)( \w+){0,2} (branch|branches|group|groups|office|offices|region|area|department|"
    r"team|workplace)\b|\bhow many\b[^?]{0,60}\bspecifically\b"
)
_SIGNING = re.compile(r"\b(signed|signatures?|signing|signers)\b")


def done_yet_unsaid(lowered: str, reply: str) -> bool:
    """A step asked as taken yet, and the reply does not say it; or a petition's count asked
    for one branch, group or office, and the reply gives no count signed."""
    found = _DONE_YET.search(lowered)
    if found and found.group("step") not in reply.lower():
        return True
    if _PART_COUNTED.search(lowered) and _SIGNING.search(lowered):
        return not _SIGNED_SO_FAR.search(reply)
    return False


def move_unsaid(lowered: str, reply: str) -> bool:
    """A date asked of as going to be extended, put back or brought forward, and the reply
    says of no date moved."""
    return bool(_TO_MOVE.search(lowered)) and not _MOVED.search(reply)


# An event the content only plans for, asked of as held ("when was the 2021 virtual conference
# held?", "what motions passed at it?", "how did it go?"): the plan says nothing of how it went.
_HAPPENED_ASKED = re.compile(
    r"\bwhen (was|did|were) (the |that |it |they )?[^?.]{0,40}\b(held|take place|took place|"
    r"happen|happened|go ahead|went ahead|run|ran)\b|"
    r"\b(motions?|resolutions?)\b[^?.]{0,25}\b(passed|carried|adopted|were agreed|got through|"
    r"were debated|won)\b|"
    r"\bhow did (the |that |it |our )?[^?.]{0,30}\b(go|turn out)\b"
)
_PLANNED_ONLY = re.compile(
    r"\b(possible|in case|contingency|planning for|plans? for|if needed|where needed)\b", re.I
)
_HELD_SAID = re.compile(r"\b(was held|took place|went ahead|passed|carried)\b", re.I)


def planned_only(lowered: str, reply: str) -> bool:
    """An event asked of as held, and the reply only plans for it (not a meeting: the
    content's reports are meetings held)."""
    return bool(
        _HAPPENED_ASKED.search(lowered)
        and not re.search(r"\bmeetings?\b", lowered)
        and _PLANNED_ONLY.search(reply)
        and not _HELD_SAID.search(reply)
    )


# "Can you send me a copy of the candidates' statements in the post?": a printed copy, which
# the content never offers (the statements are on the election page).
_PRINTED = re.compile(
    r"\b(send|post|mail|get)( me| us| them)? (a |the )?(\w+ )?cop(y|ies)\b[^?.]{0,60}\b(by post|"
    r"in the post|through the post|through the door|on paper)\b|"
    r"\b(paper|printed|hard|posted) cop(y|ies)\b"
)


def unheld(text: str, found: Answer, held: str = "", today: date | None = None) -> bool:
    """Whether an answer found must go to the organisers instead: it cannot hold what is
    asked (`own_case`, `since`, `after_record`, `event_unsaid`, `standing_unsaid` …). `held`:
    the content's text, normalised, for the bodies it names (none checked when empty);
    `today`, the day asked, for a time still to come (none checked when None)."""
    if found.handoff:
        return False
    lowered = normalise(text)
    if neutral.is_neutral(found.text):  # (whom to choose; but not how to stand oneself,
        return (  # who won, or a printed copy of the statements sent)
            practical.standing_for(lowered)
            or bool(_RESULT_ASKED.search(lowered))
            or bool(_PRINTED.search(lowered))
            or bool(_TURNOUT_FORECAST.search(lowered))
        )
    reply = " ".join([found.text, *found.sources])
    return (
        own_case(lowered)
        or since(lowered, reply)
        or after_record(lowered, reply)
        or response_unsaid(lowered, reply)
        or decision_unsaid(lowered, reply)
        or event_unsaid(lowered, reply)
        or changed_vote(lowered, reply)
        or open_unsaid(lowered, reply)
        or remedy_past(lowered, reply)
        or fact_unheld(lowered, reply, found.text)
        or sequel_unsaid(text, reply, found.text)
        or way_unoffered(lowered, reply)
        or away_unsaid(lowered, found.text)
        or access_unsaid(lowered, found.text)
        or changed_unsaid(lowered, reply, found.text)
        or posted_unsaid(lowered, reply)
        or other_meeting(lowered, reply)
        or another_union(text, reply)
        or standing_unsaid(lowered, reply)
        or count_unsaid(lowered, reply)
        or term_unsaid(lowered, reply)
        or planned_only(lowered, reply)
        or entitlement_unsaid(lowered, reply)
        or names_unsaid(lowered, reply)
        or firm_unnamed(lowered, found.text)
        or record_unsaid(lowered, reply, found.text)
        or beyond_content(lowered, reply)
        or network_unsaid(lowered, reply)
        or ahead_unsaid(lowered, found.text, today)
        or move_unsaid(lowered, reply)
        or done_yet_unsaid(lowered, reply)
        or later_unsaid(lowered, reply, today)
        or plan_ahead_unsaid(lowered, reply, today)
        or again_unsaid(lowered, reply, today)
        or decided_later(lowered, reply)
        or branch_meeting_unsaid(lowered, reply)
        or claim_mine(lowered, reply)
        or who_did_unsaid(lowered, reply)
        or consultation_asked(lowered)
        or emailed_unsaid(lowered, reply)
        or signer_unsaid(lowered, reply)
        or joining_unsaid(lowered, reply)
        or past_unsaid(text, reply, today)
        or practical.practical_unsaid(lowered, reply, held)
        or (bool(held) and body_unheld(text, reply, held))
        or (bool(held) and place_unheld(text, reply, held))
        or (bool(held) and unlisted(text, reply, held))
        or (bool(held) and kind_unnamed(text, reply, held))
    )
