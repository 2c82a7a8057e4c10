"""The neutral answer for a question about those standing that asks for a view, in wordings
written for this file (none from a question set).

The shapes in bot/answers/neutral.py recognise the usual ways of asking for a view; a
question they miss that names someone standing (or speaks of candidates, slates, factions)
and that would otherwise be handed off, or answered with something not about the election,
gets the neutral answer too: the content holds nothing else about them but who stands and
where their statements are. A result, a count, how to stand, how to reach them, where they
work or what a word means keep their own handling.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answers import live, neutral, quality, views
from bot.answers.engine import ContentAnswerer
from bot.core.services import Answer

LONDON = ZoneInfo("Europe/London")
BOTH_OPEN = datetime(2023, 5, 2, 10, tzinfo=LONDON)
NAMES = neutral.names_standing(
    [
        "Marion Lloyd (candidate for President)",
        "Broad Left Network (joint slate with Independent Left)",
        "Independent Left (joint slate with Broad Left Network)",
    ]
)


# No shape reads these as asking for a view: each reaches the neutral answer only because it
# is about those standing and nothing else would answer it.
UNSHAPED = [
    "heard the broad left network wants to merge us with another union?",
    "does marion lloyd even turn up to branch meetings",
    "our steward calls the joint slate a stitch-up, fair?",
    "any dirt on marion lloyd?",
    "which is the union-approved slate",
    "marion lloyd as president, would that be a step forward",  # a weak passage otherwise
]


async def neutral_naming_no_one(answerer: ContentAnswerer, question: str) -> None:
    """The neutral answer, not handed off, and no one standing named back."""
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text
    said = answer.text.lower()
    assert "lloyd" not in said and "broad left" not in said and "independent left" not in said


@pytest.mark.parametrize("question", UNSHAPED)
async def test_a_view_of_those_standing_no_shape_reads_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.is_partisan(question, NAMES)  # the shapes alone would miss it
    await neutral_naming_no_one(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "how many votes did independent left get in 2021",
        "did the joint slate win last time",
        "can i email marion lloyd",
        "where does marion lloyd work",
        "what does bln stand for",
        "what is a slate",
        "how do i get nominated as a candidate for the group exec",
        "is independent left teamed up with anyone for the nec",
        "marion lloyd is going for which post",
        "is marion lloyd on a slate",
        "what are the candidates allowed to spend",
        "how do i know the candidates are members",
        "does marion lloyd already sit on the nec",
        "is marion lloyd in the group exec election too",
        "does independent left include marion lloyd",
    ],
)
async def test_a_fact_about_those_standing_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    """A result, a count, who stands with whom and for what, the rules for those standing,
    how to reach them or stand oneself, where they work, what post one holds now, what a word
    means: no view is asked, so no neutral answer is put in place of a hand-off."""
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text


def test_only_a_hand_off_an_answer_off_the_election_or_a_weak_one_is_replaced() -> None:
    asked = "independent left and the petition target"
    handed = Answer("", (), 0.0, True)
    elsewhere = Answer("The petition's target is 50,000 signatures.", ("Fair pay — url",))
    election = Answer("Every candidate's statement is on the election page.", ("NEC 2023",), 0.9)
    assert neutral.instead(asked, NAMES, handed)
    assert neutral.instead(asked, NAMES, elsewhere)
    assert not neutral.instead(asked, NAMES, election)
    assert not neutral.instead("what is the petition target", NAMES, handed)  # no one named
    assert neutral.instead("what do the factions make of the petition", NAMES, handed)
    weak = Answer("Standing for President: Marion Lloyd.", ("NEC elections 2023",), 0.7)
    strong = Answer("Standing for President: Marion Lloyd.", ("NEC elections 2023",), 0.94)
    assert neutral.instead("lloyd as president, a step up?", NAMES, weak)
    assert not neutral.instead("lloyd as president, a step up?", NAMES, strong)
    assert not neutral.instead("where is lloyd's statement", NAMES, weak)  # a fact asked
    assert not neutral.instead("slates for president, a step up?", NAMES, weak)  # none named


@pytest.mark.parametrize(
    ("question", "partisan"),
    [
        ("who'd fight harder for part-timers", True),
        ("whos stronger on equality", True),
        ("who will be tougher with the employer", True),
        ("who is best to ask about my pension", False),
        ("who's the best person to talk to about overtime", False),
        ("who would be better placed to help with a grievance, my rep or hr", False),
        ("who would be better to send my replacement request to", False),
        ("who would be better to lead the union", True),
        ("is independent left the official union slate", True),
        ("are independent left selling out on pensions", True),
        ("individuals or the whole slate, which is wiser", True),
        ("which is safer, posting my nec vote or handing it in", False),
        ("who to put down for the nec, just tell me", True),
        ("who has the strongest manifesto", True),
        ("where's the official list of candidates", False),
        ("the official candidates page link", False),
        ("is marion lloyd the official candidate", True),
        # those standing as "that lot" or the options on the paper; where to read what they
        # say is the statements, a fact
        ("is that lot any good", True),
        ("the old guard lot are useless, who else is there", True),
        ("who's the most radical option on the paper", True),
        ("i have a lot of questions, should i ask you?", False),
        ("the names on the ballot paper, are they in order?", False),
        ("where can i read what the slates say", False),
        ("where do i see what the candidates think about pay", False),
        # text-speak, its vote before, whom others vote for, a favourite, in Turkish
        ("who 2 vote 4 nec", True),
        ("who 2 ask about my paper", False),
        ("can i vote 4 times", False),
        ("who did you vote for last time", True),
        ("who did you send my question to", False),
        ("who are the rest of my branch voting for", True),
        ("who is voting for the first time this year", False),
        ("does the leadership have a favourite", True),
        ("does the union have a favourite charity", False),
        ("hangi aday daha iyi?", True),
    ],
)
def test_shapes_of_a_view(question: str, partisan: bool) -> None:
    assert neutral.is_partisan(question, NAMES) is partisan


# Three shapes of asking for a view that the shapes above did not read (tenth round): the
# bot's own choice; a view of those standing asked partly in another language; a habitual
# choice stated, with a reason to keep it or change it asked for.
ITS_OWN_CHOICE = [
    "if you had a vote, who'd get it?",
    "whos your pick for pres",
    "who ya rooting for in the nec election",
    "what's your fave slate",
    "who is the bot going for",
    "who do you want to win the presidency",
]
ABROAD = [
    "quien es el mejor candidato para la nec?",
    "quel candidat est le meilleur pour le nec?",
    "welcher Kandidat ist besser für president?",
    "kto jest najlepszy kandydat na prezydenta",
    "¿por quién voto en la nec?",
    "votre avis sur les candidats?",
]
HABIT = [
    "ive voted broad left for 20 years, why change now?",
    "my whole family has always voted independent left, give me a reason not to",
    "for years i've voted for the same slate, is it time for a change?",
    "i normally vote independent left. anything that would make me switch?",
    "i voted marion last time and regret it, who instead?",
]


@pytest.mark.parametrize("question", [*ITS_OWN_CHOICE, *ABROAD, *HABIT])
async def test_its_own_choice_another_language_or_a_habit_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    await neutral_naming_no_one(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "what is your favourite command",
        "if you could vote online would it be quicker",
        "ive always voted by post, any reason i shouldnt this time?",
        "i usually vote online, can i this time",
        "i've always gone with the post, is it safe this time",
        "i've always voted independent left, are they standing this time?",
        "cuando cierra la votacion para presidente?",
        "dzien dobry, who is standing for president",
        "quienes son los candidatos?",
    ],
)
async def test_the_same_shapes_about_something_else_are_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    """Its favourites of other things, a habit of voting by post, a date or who stands asked
    partly in another language ("dzien dobry" is a greeting): no view of anyone standing."""
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text


# Eleventh round: a question about the election that names no one and no candidates, and asks
# what only a view of those standing answers (whom to choose, how one of them would do, who
# will win, whose side the bot is on), gets the neutral answer when nothing else answers it.
NAMING_NO_ONE = [
    "anyone decent standing for president?",
    "which names should i mark on the nec paper",
    "tell me which names to cross on the paper",
    "need a name for president, quick",
    "who looks out for agency staff best",
    "who will protect our pensions on the nec",
    "i want the winner, who is it going to be",
    "if i want someone who'll fight for pay, who's that",
]


@pytest.mark.parametrize("question", NAMING_NO_ONE)
async def test_a_view_asked_naming_no_one_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    rest = neutral._unnamed(neutral._lowered(question), NAMES)
    # view_asked reads each (a name wanted, "need a name for president", is a shape of the
    # rules too since the seventeenth round)
    assert neutral.view_asked(rest)
    assert not neutral.mentions(question, NAMES) and not neutral._FIELD.search(rest)
    await neutral_naming_no_one(answerer, question)


@pytest.mark.parametrize(
    ("question", "view"),
    [
        ("who's likely to win the nec", True),
        ("anyone worth a vote in the group exec election", True),
        ("which side are you on in the nec vote", True),
        ("who are the candidates for the hmrc group exec", False),
        ("when will we know who won the nec", False),
        ("who won the president election", False),
        ("who is the best person to talk to about my nec paper", False),
        ("what does the sector exec do for someone like me", False),
        ("can someone vote for me by proxy in the nec ballot", False),
        ("who else is the union trying to get on side for the pay campaign", False),
        ("do you keep a record of who i voted for in the nec", False),
        ("who will count the votes for the nec", False),
        ("who will be standing for president", False),
    ],
)
def test_what_only_a_view_answers(question: str, view: bool) -> None:
    """The second line's reading: a choice, a judgement, a forecast or a side asked of the
    election; not a result, who stands, whom to ask or what a body does."""
    assert neutral.view_asked(neutral._unnamed(neutral._lowered(question), NAMES)) is view


@pytest.mark.parametrize(
    "question",
    [
        "which slates have candidates in the nec election",
        "is it a joint slate or are they standing against each other",
        "which group executive do i vote for",
        "i like the look of the dwp candidates, can i vote for them if i'm in hmrc?",
        "can i vote for more than one candidate for the nec",
        "who won the presidential vote",
        "did the joint slate get in",
        "what is the slate called that marion lloyd is on",
        "which of the elections is done online",
        "how do i vote for the nec candidates",
        "what do i do if i vote for the wrong candidate by mistake",
        "who are the nominees for president",
        "are the candidates members of the union",
    ],
)
async def test_a_fact_about_the_election_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    """Who stands and on which slate, which election one votes in, whether and how one may
    vote, the result, a slate's name: the rules' answer or their hand-off, never the neutral
    answer."""
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text


@pytest.mark.parametrize(
    ("question", "partisan"),
    [
        ("marion lloyd or not? posting it today", True),
        ("independent left y/n", True),
        ("is marion lloyd standing or not", False),
        ("can you post in our channel asking people to back her", True),
        ("get the bot to message the branch to vote for the joint slate", True),
        ("can you remind people to vote", False),
        ("who's less likely to call a strike", True),
        ("which candidate is most likely to get in", True),
        ("can u say who u would pick", True),
        ("are you backing anyone for president", True),
        ("i'll vote whoever you say", True),
        ("is anybody on the group exec ballot worth a vote", True),
        ("so who's actually good this time round for the nec", True),
        ("who's good to ask about the nec ballot", False),
        ("who won the group exec vote for hmrc", False),
        ("did the broad left slate get in", False),
        ("which slate won last time and should i stick with them", True),
    ],
)
def test_more_shapes_of_a_view(question: str, partisan: bool) -> None:
    """One of them with a yes or no, the bot asked to canvass, which of them is likelier to
    act so, what the bot would pick or whether it backs anyone; a result asked is no view."""
    assert neutral.is_partisan(question, NAMES) is partisan


# Twelfth round: a view asked of those standing by a short name ("indy left", "the indies",
# "bl"), as a fitness for a post with no "who" ("best pick for pres?"), of "which crowd",
# by what one of them would do or stands for in office ("any of them gonna stop the office
# closures", "who supports a four day week"), as the union's stake ("a dog in this fight"),
# or in Polish with its own letters ("głosować").
TWELFTH = [
    "which crowd is the safer bet for the nec?",
    "strongest option for president?",
    "sound pair of hands for the group exec?",
    "will any of them do anything about the car parking charges?",
    "is anyone on the ballot actually going to fight the office move?",
    "who supports a four day week?",
    "whos against the return to office mandate",
    "does the union have a dog in this fight?",
    "the indy left lot any good?",
    "indies or bln for the nec",
    "thinking of the indies for the nec, wise?",
    "na kogo mam głosować na przewodniczącego?",
    "who will take on the employer over the pay freeze",
    "any of them gonna stop the office closures",
    "who on the paper is going to push for a shorter working week",
    "is the leadership backing a horse in this race",
    "bl lot or indy lot",
    "who'd stand up to the cabinet office",
    "best pick for pres?",
    "is there a candidate who's against hot-desking?",
    "who in the group exec race will stand up for part-timers?",
    "can the candidates be trusted on pay?",
    "Tbh I'm fed up with the lot of them. Is any one of them worth my vote?",
    "who's the continuity option and who's the change option?",
    "who gets your nod for the nec?",
    "do the independent left actually do anything or just talk?",
    "top 3 for the nec?",
    "who do the reps at hmrc newcastle rate?",
    "which candidate will bring back the bonus scheme",
]


@pytest.mark.parametrize("question", TWELFTH)
async def test_short_names_fitness_and_what_they_would_do_get_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    await neutral_naming_no_one(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "I'm not asking who to vote for, just who is standing for the nec?",
        "just the list of nec candidates please, no recommendations",
        "who will tell me if my paper arrived?",
        "who supports new reps in my branch?",
        "who backs up the branch secretary when she's on leave?",
        "our rep has left and no one's taken over, who do we ask?",
        "what's the safest way to post my nec paper?",
        "names of the hmrc group exec candidates?",
        "who will sort out my overpayment",
        "who will be counting the nec votes",
        "will any of them be at the hustings?",
        "are any of them standing for the nec again",
        "which lot runs the count?",
        "best time to post my nec paper?",
        "has the union got a date for the results in this race",
        "does the bot keep track of who supports which candidate?",
        "can candidates campaign in the office?",
        "we want to join tonight so we can vote for the new president, too late?",
        "who do the reps at hmrc newcastle report to?",
        "what are the top 3 things to do before posting my nec paper?",
        "does the branch do anything for retired members?",
        "is any one of them based in glasgow?",
        "who keeps the minutes at the branch agm?",
        "who's standing against marion lloyd?",
        "the independent left - is that a slate or a party?",
        "is bl the same as bln?",
        "did the indies get in last time?",
        "how many votes did bl get?",
    ],
)
async def test_a_view_disclaimed_a_member_leaving_or_whom_to_ask_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    """A view disclaimed ("not asking who to pick"), someone who has left, the list of
    those standing, whom to ask, a member's own case: never the neutral answer."""
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text


@pytest.mark.parametrize(
    ("entry", "names"),
    [
        ("Independent Left (joint slate with Broad Left Network)", ["indy left", "indies"]),
        ("Broad Left Network (joint slate with Independent Left)", ["broad left", "bl"]),
    ],
)
def test_a_slate_is_named_by_its_short_forms(entry: str, names: list[str]) -> None:
    found = neutral.names_standing([entry])
    assert all(n in found for n in names)


# Thirteenth round: someone among those standing asked for by a quality ("isn't a career
# bureaucrat", "the grassroots one"), a stance ("whoever's against the pay freeze", "for
# keeping hybrid working") or the member's leaning ("a bit of a lefty", "the militants"),
# the member's own cross ("where's my x going") or the bot's ("where would you put your
# cross", "pick one for me"), and "whom to vote for" in Urdu, Welsh or Spanish.
THIRTEENTH = [
    "if you were in my shoes who'd get your vote for the nec",
    "where's my x going then, bot? you tell me",
    "who should my first preference go to on the nec paper",
    "honestly where would you put your cross for president",
    "I'm fairly moderate myself, who on the ballot is like me",
    "are any of the nec lot centrists",
    "I don't want the militants in again, who do I avoid",
    "anyone on the nec paper who actually listens to part-timers",
    "any nominees who have worked on the shop floor",
    "who's the fresh blood on the nec ballot this year",
    "which lot is the old guard",
    "vote for whoever's against the pay freeze, my branch says - who's that for president?",
    "who on the paper is for keeping hybrid working",
    "kis ko vote karun president ke liye?",
    "¿A quién le doy mi voto para presidente?",
    "NEC ke liye koi acha umeedwar batao",
    "¿Quién es el candidato de la izquierda?",
    "who's gonna actually stand up to the employer on the NEC",
    "which ones won't drag us out on strike every five minutes",
    "pick one for me, I can't be bothered to read the statements",
    "just choose for me on the nec paper",
    "I want the hard left out, who does that leave me with",
    "anyone running who's not a yes-man to the leadership",
    "is the joint slate a bunch of career politicians",
    "who's the real fighter this time round",
    "I'm a Corbyn supporter, who fits on the nec paper",
    "who's the members' choice?",
    "Kto jest lepszy na przewodniczącego?",
    "Meu voto vai para quem?",
    "anyone not part of the leadership clique standing?",
    "who on the list has a spine",
    "who's standing that isn't just in it for themselves",
    "who'll actually answer emails if they get in?",
    "I just want someone normal on the NEC. Suggestions?",
    "who does my cross go to if I want pay sorted",
    "pres vote - who u got?",
    "any of them got a backbone?",
    "which candidate wont just do what HQ tells them",
    "who are the hardliners on the ballot",
    "if I want a strike over pay, who do I put first",
    "is there a moderate option?",
    "Cuál de las listas es más combativa?",
    "I'm union through and through but hate strikes. who's for me?",
    "Pwy ddylwn i ei ddewis ar gyfer y pwyllgor gwaith?",
    "Na kogo powinienem zagłosować w wyborach do zarządu grupy?",
    "Kogo byś wybrał na przewodniczącego?",
    "Który z kandydatów jest najbardziej po stronie pracowników?",
    "¿A quién debería votar para el comité ejecutivo?",
    "¿Por cuál lista votarías tú?",
    # read by the second line before this round, by the rules now
    "lloyd's lot are in the bosses' pocket arent they",
    "who are the right wingers standing for the nec",
    "honestly who's the real deal on the nec list",
]


@pytest.mark.parametrize("question", THIRTEENTH)
async def test_someone_asked_for_by_a_quality_a_stance_or_a_leaning_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    await neutral_naming_no_one(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "is lloyd the incumbent or new?",
        "who is the sitting president of the union",
        "who decides the pay claim, the nec or the branches?",
        "who's against the office closures, the nec or the groups?",
        "where do I put my cross on the paper, on the left or the right?",
        "the box on the right of the paper, is that where the x goes?",
        "who is left on the ballot after the withdrawals?",
        "anyone on the ballot from DWP Leeds?",
        "is there anyone standing who works in HMRC?",
        "is anyone on the nec ballot not on a slate?",
        "what does the left in independent left mean?",
        "how do you vote in the nec election if you are abroad?",
        "how would I vote if my paper never arrived?",
        "who should my replacement paper request go to?",
        "who do I tell if my cross went in the wrong box?",
        "who represents members on the front line at HMRC?",
        "who is the union's champion for equality?",
        "which slate is marion lloyd on?",
        "who do I ask if I think the ballot was unfair",
        "is the left slate the same as the broad left network?",
        "who will the new nec be announced by",
        "which box does my x go in for the nec?",
        "where does my cross go if I want to vote for a slate?",
        "who can I vote for?",
        "who should I send my vote to?",
        "who will chair the new NEC?",
        "is there anyone on the ballot who isn't on a slate?",
        "is there anyone on the ballot who isn't from London?",
        "anyone standing who has never been on the NEC before?",
        "is there a candidate who is not a member?",
        "is there a candidate who isn't a member?",
        "who's standing in the left column of the paper",
        "who do I complain to if a candidate is spamming me?",
        "I'm a Labour voter, can I still vote for the NEC?",
        "Kiedy zamyka się głosowanie na prezydenta?",
        "¿Cómo voto en la elección del comité ejecutivo?",
        "Sut ydw i'n pleidleisio yn etholiad y NEC?",
    ],
)
async def test_who_holds_the_post_which_body_acts_or_where_the_mark_goes_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    """Whether one of them holds the post now, which of the union's bodies does a thing,
    where on the paper the mark goes, who is left on it, what a name means, whose slate
    one is on, whom to ask: never the neutral answer."""
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text


# Fourteenth round: the bot's pick asked in small words alone ("which one, if you had to"),
# what one of them will do once in ("if they got in" is no result; "will they call a
# strike" said of a slate named), one of "this lot" on the paper, who gets the member's
# cross, who should hold the post, who will keep something members have with no election in
# view, who is ahead in the race, the bot's tip, "you'd" spelt without its apostrophe, "the
# one to go for", the choice handed to the bot ("can you settle it?"), "worth it" in Spanish.
FOURTEENTH = [
    "ok, which one if u had to?",
    "and who if you had to?",
    "ok but if you had to pick one?",
    "if you were forced to choose between them",
    "who's gonna keep our office open?",
    "who will keep the 60/40 hybrid arrangement going",
    "who would stop the office closures if they got in?",
    "who'd scrap the pay freeze once they get in",
    "which one gets my tick this year",
    "which of that crowd on the nec ballot will actually deliver on pay",
    "jobs are going at our site. which of the lot in the running would save them?",
    "if the independent left get in, will they call a strike?",
    "who should lead the union?",
    "who ought to be our next president?",
    "is it a two horse race for president, and who's ahead?",
    "who's your tip for the nec?",
    "which name on the president paper is the safest?",
    "should the union re-elect the current nec?",
    "tell me who you'd back and I'll do the same",
    "Been a member 20 years, never voted. This time I want it right. Who's the one to go for?",
    "Our branch is split down the middle on the president vote. Can you settle it?",
    "¿vale la pena votar por la lista de izquierda independiente?",
    # read by the second line before this round, by the rules now
    "word is independent left would scrap the pensions case, any truth in that?",
]


@pytest.mark.parametrize("question", FOURTEENTH)
async def test_a_pick_in_small_words_or_what_they_would_do_once_in_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    await neutral_naming_no_one(answerer, question)


@pytest.mark.parametrize(
    "question",
    [
        "who will keep us informed about the result?",
        "who keeps the list of members who voted?",
        "who will keep the minutes at the AGM?",
        "did marion lloyd get in?",
        "who got in at the last NEC election",
        "who will count the votes?",
        "who should I contact about my ballot paper?",
        "who should be told if my paper goes missing?",
        "which one closes first, the nec or the group one?",
        "right, the nec one's done. is the group one still open?",
        "all right, where are the candidates' statements?",
        "who's leading the union at the moment?",
        "what's the safest way to send my ballot paper back?",
        "our branch can't agree when the nec ballot closes, can you settle it?",
        "who's the person to contact about a missing paper?",
        "¿cuándo cierra la votación del NEC?",
    ],
)
async def test_whom_to_ask_what_is_kept_or_a_result_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    """Who keeps a record or the members informed, a result, whom to tell: never the
    neutral answer."""
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text


# A fact asked first, whatever choice word follows it ("order", "want a vote", "pick"): whom to
# contact, a date or a deadline, how the member does a thing, whether one gets a vote, how many
# one may choose, one slate or two. Neither the rules nor the learned check read a view in it.
FACT_FIRST = [
    "who do I get in touch with if my voting pack is torn?",
    "who's the right person to ask for a new ballot paper?",
    "which office should I ring to request a duplicate paper for the NEC vote?",
    "who should my colleague speak to about ordering another ballot pack?",
    "where should I go to get a replacement paper for the president vote?",
    "who can I email to complain that my paper never came?",
    "who should I tell if I got two ballot papers for the nec election?",
    "who do I phone to check my address so I get a vote this time?",
    "by when do I need to have joined to get a vote for president?",
    "what's the last day I can sign up and still vote in the NEC election?",
    "how late can a new starter join and still have a vote for the exec?",
    "what's the deadline for ordering a replacement if you want to vote for the NEC?",
    "when is the cut off for joining if I want a say in the president election?",
    "what date do papers have to be back by if you want your vote for the nec to count?",
    "what time does voting for the president close on the last day?",
    "do new starters get a vote for the NEC if they join this week?",
    "how do I order a new paper if I spoiled mine picking a candidate?",
    "how can my mate get a ballot paper for the NEC, she just joined",
    "is there a limit to how many candidates I can pick?",
    "the form says how many exec candidates we can tick, is there a maximum?",
]


@pytest.mark.parametrize("question", FACT_FIRST)
def test_a_contact_a_date_a_way_or_a_vote_at_all_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)
    assert views.fact_asked(question, NAMES)  # (the learned check never takes it either)


@pytest.mark.parametrize(
    "question",
    [
        "who's the right person to ask for a new ballot paper?",
        "what's the deadline for ordering a replacement if you want to vote for the NEC?",
        "who do I phone to check my address so I get a vote this time?",
    ],
)
async def test_a_fact_asked_first_does_not_get_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "when I vote for the NEC, who's the best pick?",
        "who should I back if I get a vote?",
        "what's the deadline, and who should I vote for?",
        "how do I decide who to vote for?",
        "when will the broad left win the nec?",
        "who should I tell my branch to vote for?",
        "how many candidates can i pick, and which are best?",
        "what day is best to vote for lloyd?",
    ],
)
def test_a_view_asked_beside_a_fact_is_still_a_view(question: str) -> None:
    assert neutral.is_partisan(question, NAMES)


@pytest.mark.parametrize(
    "question",
    [
        "who's in the pocket of management?",
        "who's in the bosses' pocket?",
        "who has a real plan for fixing pay?",
        "who's got a proper plan for pay",
        "who has any real answers on the office closures?",
        "who's serious about pay?",
        "who's weak on hybrid working?",
        "who can we trust on pay?",
    ],
)
async def test_one_of_them_judged_with_no_ballot_word_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "who is best placed to help with my pension query?",
        "who's the best person to talk to about pay?",
        "who's in charge of pensions on the nec?",
        "who has the plan for the office move?",
        "who can I trust with my personal data?",
        "who can we trust to give us advice on pensions?",
    ],
)
async def test_whom_to_ask_or_who_holds_a_role_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text


# Seventeenth round: shapes that ask for a view with no judging word of the usual kind.
@pytest.mark.parametrize(
    "question",
    [
        # a choice handed over as a name
        "in a hurry, give me one name for the nec and I'll put my cross there",
        "just tell me which ones to tick please",
        "list the joint slate's people so i can tick them all",
        # a forecast of the race
        "who's the frontrunner",
        "who is tipped to take the presidency?",
        "any predictions on who wins the nec?",
        # whom a branch, an officer or the union backs
        "has my branch endorsed anyone?",
        "is the branch secretary backing anyone?",
        "who's the general secretary supporting?",
        "who would the reps want on the nec?",
        "does the nec secretly want marion lloyd out?",
        "does the leadership want the independent left in?",
        # the bot's own leaning
        "which way do you lean on the nec?",
        # a plan at all, asked of whom
        "who's got a plan for pay",
        "who has a plan to save our pensions?",
    ],
)
async def test_a_name_a_forecast_or_a_backer_asked_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "give me a steer on how to vote online",
        "give me a name to contact about my pension",
        "tell me which box to tick to vote online",
        "can you predict when my pack will arrive?",
        "has my branch nominated anyone for president?",
        "is the union backing the pay campaign?",
        "is our rep supporting the petition?",
        "who does our branch secretary support with appeals?",
        "who has the plan for the office move?",
        "who's the branch secretary?",
    ],
)
def test_a_name_a_forecast_or_a_backer_of_no_candidate_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# Eighteenth round: a fact given for a question about the election's choice ends with the
# neutral line; a view asked is never handed off.
CHOICE_FACTS = [
    # a slate or a candidate named, a fact asked of them
    ("is the broad left network on a joint ticket with anyone this year?", "joint"),
    # candidates spoken of: where their words are
    ("where can I find what the group exec candidates have written?", "groups/candidates"),
]


@pytest.mark.parametrize(("question", "fact"), CHOICE_FACTS)
async def test_a_fact_about_the_choice_ends_with_the_neutral_line(
    answerer: ContentAnswerer, question: str, fact: str
) -> None:
    """The fact asked keeps its place first; then: no recommendation, the choice is the
    member's, where the statements are, when the ballot closes."""
    answer = await answerer.answer(question, BOTH_OPEN)
    said = answer.text
    assert not answer.handoff and neutral.LEAD not in said, said
    assert fact in said and said.index(fact) < said.index("does not recommend"), said
    assert "statement" in said and "closes" in said, said
    assert quality.is_neutral(said.lower())


async def test_the_neutral_line_says_a_closed_ballot_closed(answerer: ContentAnswerer) -> None:
    after = datetime(2023, 6, 1, 10, tzinfo=LONDON)
    answer = await answerer.answer(
        "where can I find what the group exec candidates have written?", after
    )
    assert "does not recommend anyone" in answer.text and "closed" in answer.text
    assert "closes in" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "how do I get a replacement paper",
        "when is the last day to post my nec paper",
        "what did the nec decide about the pay ballot",
        "who can vote in the group exec elections",
        "I'm at DWP Leeds, which group exec do I vote in?",
        "what time does the group exec vote close?",
    ],
)
async def test_a_fact_off_the_choice_has_no_neutral_line(
    answerer: ContentAnswerer, question: str
) -> None:
    """How to get a paper, the posting day, what the NEC decided, who votes in which
    election: nothing to do with whom to choose, and no one named."""
    answer = await answerer.answer(question, BOTH_OPEN)
    said = answer.text
    assert not answer.handoff and "your choice" not in said and "recommend any" not in said, said


@pytest.mark.parametrize(
    "question",
    [
        # a result told first, a view asked after it
        "heard lloyd was elected last time, does she deserve another go",
        "the broad left network won loads of seats last time, will they do it again?",
        # a year told first ("last year") is no other election; "bln" no other union
        "my rep was elected on the bln ticket last year, is it worth sticking with them?",
    ],
)
async def test_a_view_the_engine_would_hand_off_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("who won the nec election, was it bln?", BOTH_OPEN),  # a result asked
        ("how many votes would lloyd need to be president", BOTH_OPEN),  # a count
        ("is the pcs broad left the same as ours, and better?", BOTH_OPEN),  # another union
        ("did bln do well in the nec election", datetime(2023, 6, 1, 10, tzinfo=LONDON)),
    ],
)
async def test_a_result_a_count_or_another_unions_slate_stays_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    answer = await answerer.answer(question, now)
    assert answer.handoff, answer.text


async def test_a_bodys_recommendations_are_no_choice(answerer: ContentAnswerer) -> None:
    """ "Recommend" is whom to back only when asked of someone: not the NEC's recommendations."""
    question = "What recommendations about the pensions remedy went to the NEC after November 2020?"
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and "Recommendations come" in answer.text, answer.text
    assert "your choice" not in answer.text and "recommend any" not in answer.text


# Who stands with whom, on which slate, for which post (the nineteenth round): what the
# election notice lists, given with the neutral line after it, never the neutral answer alone
# nor a hand-off.
STANDING_FACTS = [
    "who has the independent left teamed up with on the slate?",
    "what other slate is the broad left network standing with",
    "is lloyd part of the indy left ticket",
    "which ticket does marion lloyd belong to",
    "which groups make up the joint slate for the nec?",
    "what position is marion lloyd running for",
    "are the indies going it alone at this election",
]


@pytest.mark.parametrize("question", STANDING_FACTS)
async def test_who_stands_with_whom_gets_the_election_notices_list(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    said = answer.text
    assert not answer.handoff and neutral.LEAD not in said, said
    assert "as named in the election notice" in said, said
    assert "Broad Left Network (joint slate with Independent Left)" in said, said
    assert "Marion Lloyd (candidate for President)" in said, said
    assert said.index("election notice") < said.index("does not recommend"), said
    assert neutral.asks_standing(question, NAMES)


@pytest.mark.parametrize(
    "question",
    [
        "which slate is marion lloyd on, and is it the better one?",
        "is lloyd on the slate the union would back",
        "who is on the joint slate, and should I vote for them?",
        "is the broad left network on a slate worth trusting",
    ],
)
async def test_a_view_of_a_slate_beside_who_is_on_it_is_still_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "is marion lloyd on the nec now",  # the post held now: the organisers'
        "which branch is the independent left slate from",  # where they come from
        "who is on the joint slate for the hmrc group executive",  # a list the content lacks
    ],
)
async def test_what_the_notice_does_not_list_is_not_given_as_its_list(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert "as named in the election notice" not in answer.text, answer.text


# How one of those standing came out, asked in the past: the scrutineer's to announce, so a
# hand-off, never the neutral answer (which would read as a refusal to say) nor a date.
AFTER_THE_COUNT = datetime(2023, 5, 25, 10, tzinfo=LONDON)
OUTCOMES = [
    "what percentage of the vote went to marion lloyd in the end, roughly?",
    "so has the indy left got in or not",
    "where did the broad left network come in the nec vote",
    "did lloyd finish top?",
    "was marion lloyd successful then",
    "how big a share did the joint slate end up with",
]


@pytest.mark.parametrize("question", OUTCOMES)
@pytest.mark.parametrize("now", [BOTH_OPEN, AFTER_THE_COUNT])
async def test_how_one_of_them_came_out_is_handed_off(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    answer = await answerer.answer(question, now)
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "do you reckon lloyd will finish top?",  # a forecast: a view
        "is the indy left going to get in this time",
        "lloyd was elected last time, has she earned another term?",  # a result told first
    ],
)
async def test_a_forecast_or_a_result_told_first_is_still_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text, answer.text


# After every election in view has closed there is no choice left to make: the neutral answer
# and the neutral line say the bot recommends no one and where the statements are, and invite
# no choice ("your choice", "decide").
AFTER_BOTH_CLOSED = datetime(2023, 6, 5, 9, tzinfo=LONDON)


@pytest.mark.parametrize(
    "question",
    [
        "looking back, which nec candidate was the one to back?",
        "be honest, was the joint slate the right call for members",
    ],
)
async def test_the_neutral_answer_after_the_close_invites_no_choice(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, AFTER_BOTH_CLOSED)
    said = answer.text
    assert not answer.handoff and neutral.is_neutral(said), said
    assert "your choice" not in said.lower() and "decide" not in said, said
    assert "closed" in said and "never recommends" in said and "statement" in said, said
    assert quality.is_neutral(said.lower())


async def test_the_neutral_line_after_the_close_invites_no_choice(
    answerer: ContentAnswerer,
) -> None:
    question = "which slate was the independent left on?"
    answer = await answerer.answer(question, AFTER_BOTH_CLOSED)
    said = answer.text
    assert not answer.handoff and "as named in the election notice" in said, said
    assert "your choice" not in said.lower() and "closed" in said, said
    assert "does not recommend" in said and quality.is_neutral(said.lower())


@pytest.mark.parametrize(
    ("question", "now"),
    [
        ("looking back, which nec candidate was the one to back?", BOTH_OPEN),
        # the NEC closed, the group executive still open: a choice is still to be made
        ("which group exec candidate is the one to back?", datetime(2023, 5, 13, 9, tzinfo=LONDON)),
    ],
)
async def test_the_neutral_answer_while_a_ballot_is_open_still_says_the_choice_is_yours(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    answer = await answerer.answer(question, now)
    assert not answer.handoff and neutral.LEAD in answer.text, answer.text


# Whom to choose, in shapes both checks missed on the folds (the nineteenth round), in wordings
# of our own: someone worth a vote, a steer given to us, which way to vote told, the
# leadership's pick for an internal election.
@pytest.mark.parametrize(
    "question",
    [
        "is there anybody worth backing for the group executive this year?",
        "give us a steer for the group exec, we're clueless",
        "no time for reading, just say which way to vote for president",
        # (the neutral line after where the statements are, before the nineteenth round)
        "skipped the statements, so just tell me which way to vote for president",
        "what would the leadership suggest for the nec election?",
        "who's the proper leftie in the president race",
    ],
)
async def test_whom_to_choose_asked_slyly_gets_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "which way to vote in the pay ballot?",  # a question ballot: its facts
        "what does the nec recommend on the pay offer?",
        "who do I put as my branch contact on the form?",
        "give us a tip on how to vote online",
        "is it worth voting online rather than waiting for the paper?",
    ],
)
def test_the_same_words_off_the_choice_are_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# The twentieth round: which of them the election notice names, asked with a remark told after
# it, is the notice's list; a fact of their past the content does not hold, and a slate asked
# of an election whose notice names no one, are handed off; harm done to the union, asked of a
# faction, is a view; and a question about no one and no election is no view however near in
# meaning to the partisan exemplars.
@pytest.mark.parametrize(
    "question",
    [
        "just so I know, which candidate for president is listed in the election notice?",
        "what slates are on the national exec ballot this year, probably the usual suspects",
        "which nominees are standing for the nec, I can never keep track",
    ],
)
async def test_which_of_them_the_notice_names_gets_its_list(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    said = answer.text
    assert not answer.handoff and neutral.LEAD not in said, said
    assert "as named in the election notice" in said, said
    assert "Marion Lloyd (candidate for President)" in said, said
    assert said.index("election notice") < said.index("does not recommend"), said


@pytest.mark.parametrize(
    "question",
    [
        "what's marion lloyd's background? has she held the post before",
        "has lloyd served as president before?",
        "who is on the joint slate for the group exec",
        "which groups joined the slate in the dwp group executive election",
    ],
)
async def test_a_fact_of_them_the_content_lacks_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "level with me, which slate has been running the union into the ground?",
        "which faction is to blame for where the union is now",
        "is the independent left wrecking this union",
    ],
)
async def test_harm_to_the_union_asked_of_them_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text, answer.text


@pytest.mark.parametrize(
    "question", ["can you recommend a decent film", "recommend me something to read"]
)
async def test_a_question_about_no_one_is_no_view_to_the_learned_check(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not views.about_them(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "who's worth a vote for the nec, be honest",
        "what's marion lloyd like, is she any good?",
        "has the broad left network done anything for us before?",
        "which of them should I back if I'm a lefty",
    ],
)
async def test_views_beside_these_facts_keep_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# Whom to choose in shapes the rules had left to the learned check (the twentieth round's fresh
# sets; wordings of our own): whom the stewards would back, "shall we" as "should we", one name
# however few, the upsides and downsides of each slate, the one "I ought to back" in a clause
# of its own, and a choice asked beside statements left unread.
@pytest.mark.parametrize(
    "question",
    [
        "who would the shop stewards back, between you and me",
        "send me only one name for the nec, I'm snowed under",
        "what are the upsides and downsides of each slate",
        "haven't got time to read the statements, just give me a single name for the nec",
        "point me at the one I ought to back for president",
    ],
)
async def test_whom_to_choose_the_rules_now_read(answerer: ContentAnswerer, question: str) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "shall i post my paper today or tomorrow?",
        "shall we vote online?",
        "no time to read the statements, where is there a short summary?",
        "who would the shop stewards speak to about my pay?",
        "what are the pros and cons of voting online versus by post?",
        "is there one name we ought to contact about a missing pack?",
    ],
)
def test_the_same_words_about_a_way_or_a_contact_are_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# Facts that mention someone's post, a wish or a word to go on with (the twenty-second
# round; wordings of our own): whose a post is at a workplace ("who is the rep at … for
# support grades": "is" asks a verb in "-ing" of a body's backing), "I'd like to know",
# "like which ones" are no liking; and a post stood for is no policy ("stand for the branch
# committee").
@pytest.mark.parametrize(
    "question",
    [
        "who is the steward at HMRC Liverpool for support staff",
        "who are the reps in the DWP Leeds office for admin grades",
        "who does the sector executive lobby on pensions, like which departments?",
        "who is vice-president on the sector executive now? I'd like to know her name",
    ],
)
async def test_a_post_a_wish_or_a_filler_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "who is the union backing for president?",
        "who do the stewards in HMRC Newcastle support for the nec",
        "I'd like to know who you'd pick for president",
        "which candidate do you like for the group exec",
        "what does the independent left actually stand for? any good?",
    ],
)
async def test_backing_and_liking_beside_those_words_stay_views(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# The member standing for a post, asked how or whether: the content holds no rule of it (a
# hand-off), and it is no choice between those who stand.
@pytest.mark.parametrize(
    "question",
    [
        "could I stand for branch secretary at the next AGM?",
        "thinking of putting myself forward for the group executive, where do I start",
        "what do I need to do to become a candidate for the NEC",
        "how does a member get nominated for the sector committee",
    ],
)
async def test_the_member_standing_is_handed_off(answerer: ContentAnswerer, question: str) -> None:
    assert neutral.to_stand(question)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "if I run to the postbox now will my paper get there in time",
        "who is standing for president?",
        "what does the broad left network stand for",
        "does marion lloyd stand a chance",
    ],
)
def test_others_standing_and_running_to_the_post_are_not_the_member_standing(
    question: str,
) -> None:
    assert not neutral.to_stand(question)


# Who stands, asked with "contesting" or "fighting": the notice's list.
@pytest.mark.parametrize(
    "question",
    [
        "which groups are contesting the national executive election?",
        "what slates are fighting the nec seats this year",
    ],
)
async def test_who_is_contesting_gets_the_notices_list(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD not in answer.text, answer.text
    assert "as named in the election notice" in answer.text, answer.text


# A count's outcome in the past: the most seats or votes taken (the scrutineer's).
@pytest.mark.parametrize(
    "question",
    [
        "which slate took the most seats on the nec?",
        "who won the most votes for president",
        "so which faction picked up a majority of the seats",
    ],
)
async def test_the_most_seats_taken_is_handed_off(answerer: ContentAnswerer, question: str) -> None:
    answer = await answerer.answer(question, AFTER_THE_COUNT)
    assert answer.handoff, answer.text


async def test_the_most_seats_forecast_is_still_a_view(answerer: ContentAnswerer) -> None:
    answer = await answerer.answer("which slate will get the most seats?", BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# A recommendation asked for an election, the bot's own ranking, the paper filled in for a
# side's sake: whom to choose.
@pytest.mark.parametrize(
    "question",
    [
        "any endorsement for the group exec election?",
        "one word recommendation for president please",
        "can I see your top five for the NEC seats",
        "which boxes do I tick so the moderates get in",
        "what do I put on the paper so that lloyd doesn't get in",
        "how do I fill it in to make sure the joint slate doesn't win",
    ],
)
async def test_a_recommendation_a_ranking_or_a_side_helped_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "what did the NEC report recommend for branches?",
        "your top tips for posting the paper?",
        "if I post it today will it get in on time",
        "how do I send my paper so that it gets in by the close",
    ],
)
def test_the_same_words_about_a_report_or_the_post_are_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# The count's outcome asked in other words (a majority, control, more votes, how one of them
# did): the scrutineer's, handed off; the same asked as a forecast is a view.
@pytest.mark.parametrize(
    "question",
    [
        "has the joint slate got a majority on the nec now",
        "did marion lloyd get more votes than last time",
        "how did the broad left do in the count",
        "did the joint slate win control of the nec",
    ],
)
async def test_a_majority_or_how_one_of_them_did_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.asks_outcome(question, NAMES)
    answer = await answerer.answer(question, AFTER_THE_COUNT)
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "will the joint slate get a majority",
        "how will the broad left do",
        "how would marion lloyd fare as president",
    ],
)
async def test_a_majority_or_how_one_of_them_will_do_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.asks_outcome(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# The wise choice, the member's vote given, which way a branch should vote: whom to choose.
@pytest.mark.parametrize(
    "question",
    [
        "what's the smart vote for the nec",
        "whats the sensible move in the president vote",
        "who gets my nec vote then",
        "which way should my branch vote in the group exec",
    ],
)
async def test_the_wise_choice_or_the_branchs_way_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "what's the best option for the nec vote, post or hand it in",
        "which way does the envelope go in the nec election",
        "who gets my postal vote when I send it",
        "how will i do it online",
        "how did the nec meeting go in november",
    ],
)
def test_the_same_words_about_a_way_or_a_meeting_are_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)
    assert not neutral.asks_outcome(question, NAMES)


# After the count, the outcome asked in yet other words (a post taken, how close it was, who
# did best, one of them out of the race): handed off, never the neutral answer.
@pytest.mark.parametrize(
    "question",
    [
        "did lloyd become president",
        "how close was the president vote",
        "was it a landslide for the joint slate",
        "which slate did best in my branch",
        "did any candidate get disqualified",
    ],
)
async def test_a_post_taken_or_how_close_it_was_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.asks_outcome(question, NAMES)
    answer = await answerer.answer(question, AFTER_THE_COUNT)
    assert answer.handoff, answer.text


# The race called as punters call it, what one of them named would do: views.
@pytest.mark.parametrize(
    "question",
    [
        "who's the dark horse in the nec race",
        "what would lloyd do as president",
        "what will the broad left network actually change",
        "will it be a landslide for the joint slate",
    ],
)
async def test_the_race_called_or_what_one_of_them_would_do_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "what will the nec do about pay",
        "how close is the deadline for the nec paper",
        "what would i do if my paper doesn't come",
    ],
)
def test_the_same_words_about_a_body_or_a_deadline_are_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)
    assert not neutral.asks_outcome(question, NAMES)


# How the race stands, and where the mark goes for a wish of the member's: views.
@pytest.mark.parametrize(
    "question",
    [
        "is it a close race",
        "who's doing well in the polls",
        "are they neck and neck for president",
        "if i want more strikes where does my cross go",
        "as i care about pensions, who gets my vote",
    ],
)
async def test_how_the_race_stands_or_a_mark_for_a_wish_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "where does my cross go",
        "if i want to vote by post where does my vote go",
        "when does the race for president close",
    ],
)
def test_where_the_mark_goes_or_when_the_race_closes_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# The wise choice with the member described between it and the election, or in other words
# for wise: views.
@pytest.mark.parametrize(
    "question",
    [
        "what's the sensible vote for a part-time admin officer like me in the nec election",
        "whats the shrewd pick for president",
        "the canny choice in the group exec election?",
    ],
)
async def test_the_wise_choice_for_a_member_described_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# What a statement says, the forms statements come in, a site of their own, a post no
# election the content holds names: facts the content lacks, handed off (not the neutral
# answer, not the list of those standing for another post).
@pytest.mark.parametrize(
    "question",
    [
        "does lloyd's statement mention pensions at all",
        "what did the broad left network promise in their manifesto on pay",
        "can I get the candidates' statements in braille",
        "are the nec statements translated into welsh",
        "has the independent left got a facebook page",
        "is the broad left network registered with the union",
        "who is running for deputy president",
        "who are the candidates for vice-president this year",
    ],
)
async def test_what_a_statement_says_or_a_post_not_held_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert answer.handoff, answer.text


# Beside them: where the statements are, a view of a statement, who stands for a post the
# election names, a website the content holds (the election page).
@pytest.mark.parametrize(
    "question",
    [
        "where can I read what lloyd says in her statement about pensions",
        "who is standing for president",
        "is there a website with the candidates' statements",
    ],
)
async def test_where_the_statements_are_or_a_post_held_is_answered(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff, question
    assert "example.org/elections/2023" in " ".join([answer.text, *answer.sources])


@pytest.mark.parametrize(
    "question",
    [
        "is lloyd's statement any good, should i back her",
        "the broad left network's manifesto says they'll fight on pay, do you believe it",
    ],
)
async def test_a_view_of_a_statement_keeps_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# Whom a body backs, the body described ("the regional organisers", "full-time officers"):
# a view. The member backed in their own case is no candidate backed: handed off.
@pytest.mark.parametrize(
    "question",
    [
        "who do the regional organisers want to win the nec",
        "who are the full-time officers backing for president",
    ],
)
async def test_whom_a_described_body_backs_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "will my branch support me if an interview candidate makes a complaint about me",
        "would the union back us up if a job candidate says we were rude",
    ],
)
async def test_the_member_backed_in_their_own_case_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    ["will the union back me voting for the broad left network", "does the union back the slate"],
)
def test_backing_them_stays_a_view(question: str) -> None:
    assert neutral.is_partisan(question, NAMES)


# Who stands for a post an election holds, in other words ("up for", "in the running for"):
# the notice's list.
@pytest.mark.parametrize(
    "question",
    ["who's in the running for president this year", "who is up for the national executive"],
)
async def test_who_is_up_for_a_post_held_gets_the_notices_list(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and "Marion Lloyd" in answer.text, answer.text


# Where its own vote would go, as if the bot could vote: a view, however the mark is named.
@pytest.mark.parametrize(
    "question",
    [
        "if you had a vote yourself, where would it go",
        "if the bot was a member where would its cross go for president",
    ],
)
async def test_where_its_own_vote_would_go_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


def test_where_a_vote_goes_online_is_no_view() -> None:
    assert not neutral.is_partisan("if you vote online where does it go", NAMES)


# The past of one of them named (in office before, a first term, their background): the
# content holds who stands now, never their record. Handed off, not the notice's list.
@pytest.mark.parametrize(
    "question",
    [
        "was lloyd ever president before?",
        "is this going to be marion lloyd's first term as president",
        "was the broad left network on the nec before?",
        "what is lloyd's background in the union",
        "has lloyd served on the executive before, or is she new to it",
    ],
)
async def test_the_past_of_one_of_them_is_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert answer.handoff, answer.text


# Beside it: a view of their record is a view; who stands is the notice's list.
@pytest.mark.parametrize(
    "question",
    [
        "lloyd was president before, does she deserve my vote again",
        "has the broad left network got a decent track record, should i back them",
    ],
)
async def test_a_view_of_their_past_keeps_the_neutral_answer(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


async def test_whether_one_of_them_stands_keeps_the_notices_list(
    answerer: ContentAnswerer,
) -> None:
    answer = await answerer.answer("is lloyd standing for president this time", BOTH_OPEN)
    assert not answer.handoff and "Marion Lloyd" in answer.text, answer.text


# Someone asked to put the member's own thing right ("could somebody sort this out"): a
# request for a person, not one of those standing judged.
@pytest.mark.parametrize(
    "question",
    [
        "my group exec email is for the wrong department, can someone fix that?",
        "the nec ballot email came to me for the wrong group, could somebody correct that please",
        "my group exec vote is listed under my old department, could someone update my details",
    ],
)
async def test_someone_asked_to_put_it_right_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.view_asked(neutral._lowered(question))
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "can someone tell me which slate to back in the group exec",
        "could anyone help me choose between the candidates for president",
    ],
)
async def test_someone_asked_to_choose_for_the_member_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# Whom someone would rather have win ("rather" a wish, however the win is put): a view,
# not the result; "rather" of a way to vote or whom to ask is no view.
@pytest.mark.parametrize(
    "question",
    [
        "between you and me, who would the nec rather got in as president",
        "who'd you rather see win the group exec",
        "would head office rather lloyd won, honestly",
    ],
)
async def test_whom_someone_would_rather_won_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "would you rather i voted online or posted it",
        "who won the nec election in the end",
        "who would you rather i asked about my missing ballot paper",
    ],
)
def test_rather_of_a_way_or_a_result_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# "Like" said as a filler or a wish ("who's on it, like which slates"; "I'd like to know"):
# no liking of one of them, so the question asks who stands, not a view.
@pytest.mark.parametrize(
    "question",
    [
        "who's on the nec paper, like which slates are there",
        "which candidates are on the president ballot, like who exactly",
        "who is going for the nec, i'd like to know the slates",
    ],
)
async def test_like_said_in_passing_asks_who_stands(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "i like the broad left network, should i give them my vote",
        "do you like marion lloyd",
        "which slate do you like better",
    ],
)
async def test_a_liking_of_them_stays_a_view(answerer: ContentAnswerer, question: str) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# The election's ways the content holds no rule or date of: campaigning for one of them
# (their supporters are no act of theirs), meeting them, a recount, who held a post before.
@pytest.mark.parametrize(
    "question",
    [
        "are backers of marion lloyd allowed to stick posters in the staff room",
        "can the broad left's supporters hand out leaflets at the office door",
        "can i canvass for a slate during my lunch break at work",
        "is there a chance to meet the candidates for president online",
        "is there a hustings in scotland for the nec election",
        "could the nec vote go to a recount",
        "who was the nec president before this year's election",
    ],
)
async def test_campaigning_meeting_them_a_recount_are_handed_off(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.is_partisan(question, NAMES)
    assert views.fact_asked(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "can you message the branch telling them to back marion lloyd",
        "will lloyd support the strike if she gets in",
        "could independent left actually support part-timers",
    ],
)
async def test_the_bot_asked_to_campaign_and_their_acts_stay_views(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


async def test_the_pay_campaign_and_the_pssec_chair_keep_their_answers(
    answerer: ContentAnswerer,
) -> None:
    helped = await answerer.answer("how can i help the pay campaign get the vote out", BOTH_OPEN)
    assert not helped.handoff and "petition" in helped.text.lower(), helped.text
    chair = await answerer.answer("who is chair of the pssec", BOTH_OPEN)
    assert not chair.handoff and "President" in chair.text, chair.text


# Guidance on the election asked of the bot, one of them popular or talked of, what one
# named would be like in the post, a quality said as members say it: views.
@pytest.mark.parametrize(
    "question",
    [
        "what's ur honest steer on the president vote",
        "any pointers for the group exec election, who's decent",
        "point me in the right direction on the nec ballot please",
        "just make the call for me on the nec paper",
        "who's got the momentum in the president race",
        "who is everyone at work talking about for the nec election",
        "what sort of president would marion lloyd make",
        "are the independent left any cop",
        "does the broad left network know what they're doing",
    ],
)
async def test_guidance_popularity_and_what_they_would_be_are_views(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "any tips on filling in my nec ballot paper",
        "what's your advice if my nec paper hasn't come",
        "give me a steer on how to vote in the group exec election online",
        "what's your take on the nec report from november",
        "is the pay campaign getting momentum",
        "any advice on the strike ballot",
    ],
)
def test_guidance_on_a_way_a_report_or_the_pay_campaign_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# Who came forward, said in other words ("put themselves forward", "put people up",
# "fielded", "thrown their hat in"): who stands, the notice's list, no view.
@pytest.mark.parametrize(
    "question",
    [
        "who's put their name forward for president this time",
        "which factions have put candidates up for the nec",
        "has anyone thrown their hat in the ring for president",
        "which groups fielded people in the national executive election",
    ],
)
async def test_who_came_forward_gets_the_notices_list(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and "Broad Left Network" in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "who should i put forward as my first preference for the nec",
        "which slate has put forward the strongest candidates",
    ],
)
async def test_whom_to_put_forward_stays_a_view(answerer: ContentAnswerer, question: str) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


async def test_what_a_body_put_forward_is_no_list_of_those_standing(
    answerer: ContentAnswerer,
) -> None:
    answer = await answerer.answer("what has the nec put forward on pensions", BOTH_OPEN)
    assert "as named in the election notice" not in answer.text, answer.text


# What a vote for one of them means, a feeling for or against a side said before how to vote,
# and the bot trusted with the choice: views, asked slyly.
@pytest.mark.parametrize(
    "question",
    [
        "is voting for the broad left network a vote against the current nec",
        "are votes for the joint slate votes for the current leadership",
        "can't stand the leadership, what's the cleverest way to use my vote",
        "we really dislike the joint slate so what's the way to vote in the nec",
        "honestly i trust you more than anyone, who's it going to be",
        "i'd go by your judgement. which one then",
    ],
)
async def test_a_vote_meant_a_feeling_and_the_bot_trusted_are_views(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "is marion lloyd the current president or is she a challenger",
        "can't stand the leadership. can i still vote online in the group exec",
        "i trust you, who do i ring about a missing ballot paper",
        "i trust you, who keeps my data",
        "i hate the post office, can i vote online",
    ],
)
def test_a_post_held_a_way_or_data_after_a_feeling_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# A seat won said as members say it ("who got onto", "who made it on to"): a result, which
# the content does not hold yet, handed off; who got on the ballot is who stands.
@pytest.mark.parametrize(
    "question",
    [
        "any idea when we'll hear who got onto the home office group exec",
        "so who made it on to the nec in the end",
        "who has got on the national exec this time round",
    ],
)
async def test_a_seat_won_in_members_words_is_a_result(
    answerer: ContentAnswerer, question: str
) -> None:
    assert live.asks_result(question)
    answer = await answerer.answer(question, AFTER_BOTH_CLOSED)
    assert answer.handoff, answer.text


@pytest.mark.parametrize(
    "question",
    ["who got on the ballot paper for president", "who made it onto the nec slate list"],
)
def test_who_got_on_the_ballot_is_no_result(question: str) -> None:
    assert not live.asks_result(question)


# A view disclaimed ("no recommendations", "not asking which to pick") is no view asked,
# however near in meaning the rest of the message is to the partisan questions: the list of
# those standing asked for "with no recommendations" is near "list the top three", and the
# learned check must not read the words the member said to rule a view out.
@pytest.mark.parametrize(
    "question",
    [
        "list the candidates for president, not asking which to pick",
        "just the list of nec candidates please, no recommendations",
    ],
)
async def test_a_view_disclaimed_is_not_read_as_a_view_by_the_learned_check(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.disclaims_view(question)
    assert not answerer.whom.asks_whom(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text, answer.text


# ... but what the rest of the message asks is still read by the rules.
@pytest.mark.parametrize(
    "question",
    [
        "no opinions please, just who's best for the nec?",
        "I'm not after a recommendation, just which slate is strongest on pay",
    ],
)
async def test_a_view_asked_after_a_disclaimer_is_still_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.disclaims_view(question) and neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text


# Where the mark goes on the paper, with the mark as the subject ("which box does my x go
# in"): the paper's mechanics, not a choice; with a wish told after it ("… if I want the
# left to win"), a choice.
@pytest.mark.parametrize(
    "question",
    [
        "which column does my x go in for president",
        "what box does the cross go in on the nec paper?",
    ],
)
async def test_the_box_the_mark_goes_in_is_the_paper_not_a_choice(
    answerer: ContentAnswerer, question: str
) -> None:
    assert views.fact_asked(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert neutral.LEAD not in answer.text, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "where does my cross go if I care about pensions",
        "which box does my x go in if we want the joint slate out",
        "which box should my cross go in for the nec?",
    ],
)
async def test_the_box_for_a_wish_or_asked_as_should_is_a_choice(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.LEAD in answer.text


# Facts that sat near the views: a rule's version in force ("which one applies"), the
# statements in another form, who a slate named is, how a slate is marked, who holds the posts
# now, a paper posted by someone the member speaks for. Never the neutral answer.
@pytest.mark.parametrize(
    ("question", "now"),
    [
        (
            "are this year's pssec rules different from next year's, and which one applies now?",
            AFTER_BOTH_CLOSED,
        ),
        ("can I get a printed copy of the candidates' statements, I've no internet", BOTH_OPEN),
        ("is the joint slate one cross or two on the paper?", BOTH_OPEN),
        ("who's the current leadership of the union, names please", BOTH_OPEN),
        ("my husband's backing the joint slate, can he send his paper in late?", BOTH_OPEN),
        ("bln, who are they exactly?", BOTH_OPEN),
    ],
)
async def test_a_fact_near_the_views_is_no_view(
    answerer: ContentAnswerer, question: str, now: datetime
) -> None:
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, now)
    assert not neutral.is_neutral(answer.text), answer.text


# Views in shapes no readable set held: a side called by its place in the race ("the
# opposition", "the challengers", "the old guard"), help asked not to waste a vote, how
# someone with a choice of their own is voting, the current leadership judged.
@pytest.mark.parametrize(
    "question",
    [
        "are the challengers worth a go this time?",
        "would the opposition do better on pensions?",
        "has the old guard earned another go on the nec?",
        "help me not waste my vote for president",
        "how's the branch chair voting in the nec?",
        "what are the stewards in my office putting on their papers?",
        "is the current leadership any good?",
    ],
)
async def test_a_side_by_its_place_others_votes_and_a_vote_not_wasted_are_views(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "what's the union's opposition to the office closures based on?",
        "how is the nec voting on the pay offer?",
        "how are the nec votes counted, one round or several?",
        "how are members voting this year, by post?",
        "I don't want to waste my vote by posting late, what's the last day?",
        "is marion lloyd the sitting president?",
    ],
)
def test_a_stance_a_body_voting_on_an_offer_or_a_way_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# Those not on a slate called "the independents", judged; a view asked of the bot with the
# verb left out or a g dropped ("who u backin for the nec").
@pytest.mark.parametrize(
    "question",
    [
        "honestly, are the independents on the president ballot worth a vote or a waste of time",
        "who u backin for the nec",
        "which slate you going with then?",
    ],
)
async def test_the_independents_judged_and_the_bots_own_vote_in_short_are_views(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "are any independents standing for president?",
        "is it a waste of time posting my paper today?",
    ],
)
def test_independents_asked_of_or_a_paper_wasted_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# The twenty-sixth round. Views in shapes the readable sets held few of: a bare "who" (or
# "thoughts?") in a burst of short messages once an election is named; the bot or the union
# told whom to push, whose quiet backing someone has, whose side the bot is on; a change at the
# top; a side judged in strong words, a turn had, a go given; whom a body is behind; the right
# answer on an election.
@pytest.mark.parametrize(
    "question",
    [
        "ok then. president vote. who?",
        "nec ballot's on the mat. so. which one",
        "group exec. your thoughts?",
        "the bot's been programmed who to push, which one is it",
        "are you told to promote the joint slate",
        "who has the leadership's backing for president",
        "which side is the union on in the nec vote?",
        "is it time for a change at the top?",
        "the nec have been a total shambles, agree?",
        "is the opposition useless",
        "who is the union behind in the president race",
        "the incumbents have had their turn, surely?",
        "should members give the newcomers a chance on the nec",
        "what's the right answer in the president election",
    ],
)
async def test_a_bare_who_in_a_burst_and_a_side_pushed_or_judged_are_views(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# Facts near them: how to read the statements or post a paper, what a slate or one of them is,
# whether a slate is voted for whole, who is on a slate. Never the neutral answer.
@pytest.mark.parametrize(
    "question",
    [
        "how should we read the candidates' statements?",
        "what's a joint slate?",
        "whats independent left",
        "do we have to vote for the whole slate?",
        "who's on the opposition slate?",
    ],
)
async def test_a_way_a_word_or_a_slate_whole_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(answer.text), answer.text


# Near the new shapes and no view: who can vote or won, a paper missing, a question asked
# first, a department lobbied, a change of tactics, a web page judged.
@pytest.mark.parametrize(
    "question",
    [
        "nec. who can vote?",
        "nec results. who?",
        "my paper never arrived. who?",
        "is there a slate in the nec vote, who is it",
        "who is the union pushing on pay, which department",
        "time for a change of approach on the pay campaign?",
        "the nec page is rubbish, where's the statements link",
        "reps were told to support the pay campaign, what does that involve",
    ],
)
def test_a_burst_or_a_push_that_asks_a_fact_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# A fact asked for the sake of the choice told after it; a percentage of something other than
# votes (no result); the strongest asked for after a summary; what someone of a leaning would
# do with the paper.
@pytest.mark.parametrize(
    "question",
    [
        "which nec candidates oppose the 40% return to the office, so I can decide who to back?",
        "which slates want a 10% pay claim? so we know which one deserves our votes",
        "go through the statements and tell me the best one",
        "what would a sensible left winger do with their president ballot?",
    ],
)
async def test_a_choice_told_after_a_fact_or_a_summary_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


# Facts near them: which slates have joined together, which ballots are open to the member, a
# vote cast done again, a way of doing a thing with the paper.
@pytest.mark.parametrize(
    "question",
    [
        "which slates have joined forces for the nec?",
        "my colleague picked the wrong candidate in the online ballot, can she change it?",
        "are there any ballots I can vote in this week?",
        "what should a member do with a spoilt ballot paper?",
    ],
)
async def test_slates_joined_ballots_open_and_a_vote_redone_are_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(answer.text), answer.text


# A count of candidates is no view: one more marked than allowed, any more to come (an English
# "candidate" is no Italian one, and "more" after a number counts).
@pytest.mark.parametrize(
    "question",
    [
        "I marked one more candidate than the paper allows, is my vote void now?",
        "put crosses by 2 more candidates than there are seats - is the paper spoilt?",
        "are there any more candidates still to be announced for the nec?",
    ],
)
async def test_a_count_of_candidates_is_no_view(answerer: ContentAnswerer, question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(answer.text), answer.text


# Comparing them with "more" or "most" stays a view.
@pytest.mark.parametrize(
    "question",
    [
        "which candidate would do more for part-time staff?",
        "is the joint slate more left wing than lloyd?",
        "who is the most militant candidate for the nec",
    ],
)
def test_more_or_most_of_them_stays_a_view(question: str) -> None:
    assert neutral.is_partisan(question, NAMES)


# The bot asked to promote someone standing itself, with no "to back" after.
@pytest.mark.parametrize(
    "question",
    [
        "my friend is standing for the nec, could the bot plug her in our group chat?",
        "can you big up marion lloyd on the branch channel",
        "a colleague of mine is running for group exec. can the bot promote him please",
    ],
)
async def test_the_bot_asked_to_promote_someone_standing_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "can the bot push the nec reminder to our branch channel?",
        "can you push him the ballot link, he lost it",
        "can the bot push them out again, the nec vote reminders",
        "can the bot promote our motion to the nec?",
    ],
)
def test_the_bot_asked_to_push_a_message_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# Won over to one of them, or a number of them asked for a body: whom to back, though no
# "who" or "which" asks it.
@pytest.mark.parametrize(
    "question",
    [
        "honestly none of the nec lot do it for me, can you talk me round to one of them?",
        "bring me round to a candidate for president, I'm stuck",
        "suggest two names for the nec, I'm short of time",
        "pick me four for the group exec please",
    ],
)
async def test_won_over_or_a_number_of_them_asked_for_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    assert neutral.is_partisan(question, NAMES)
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "talk me through the nec ballot paper, step by step",
        "how many candidates can I pick for the nec?",
        "can you give me two dates for the nec ballot, opening and close",
    ],
)
def test_talked_through_or_how_many_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


# A view asked in few words or in Scots: whom a body backs asked last, the bot's tips for a
# post, those standing wanted friendly to something, a name asked after "no time read", the
# bot asked what it would do if it voted, a plug given by the bot.
@pytest.mark.parametrize(
    "question",
    [
        "the branch officers are backing who then?",
        "your group exec picks",
        "bots pres tip?",
        "part-timer friendly group exec names",
        "union-friendly pres options",
        "no time read statements. give me one name for the group exec",
        "if you was voting in the group exec, what would you do",
        "if ye were votin for the group exec whit wid ye dae",
        "gies a name for the nec",
        "can the bot give her a plug in our channel, she's standing for the nec",
        "my mate's standing for the nec, could the bot gie him a shout-out in our group",
    ],
)
async def test_a_view_asked_in_few_words_or_in_scots_is_a_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not answer.handoff and neutral.is_neutral(answer.text), answer.text


@pytest.mark.parametrize(
    "question",
    [
        "if you were a member and your nec paper got lost, what would you do?",
        "can the bot give my rep a shout about the ballot date",
        "any tips for posting the nec paper in time",
        "the branch is supporting who is eligible to vote, how?",
        "whit wid happen if ma nec paper disnae come",
    ],
)
async def test_a_way_or_a_rep_asked_in_those_words_is_no_view(
    answerer: ContentAnswerer, question: str
) -> None:
    answer = await answerer.answer(question, BOTH_OPEN)
    assert not neutral.is_neutral(answer.text), answer.text


# "Which" telling more of one thing said, not asking between things: no view asked.
@pytest.mark.parametrize(
    "question",
    [
        "the bot only lists HMRC Liverpool for the north west, which can't be right for me?",
        "I only see one rep for my office, which doesn't seem right, who else is there?",
    ],
)
def test_which_telling_more_is_no_view(question: str) -> None:
    assert not neutral.is_partisan(question, NAMES)


@pytest.mark.parametrize(
    "question",
    [
        "broad left network or independent left, which looks stronger on pensions?",
        "lloyd or someone else, which is better for us?",
    ],
)
def test_which_between_two_stays_a_view(question: str) -> None:
    assert neutral.is_partisan(question, NAMES)
