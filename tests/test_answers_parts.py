"""The answer engine's parts: every piece of content is a passage, the scoring rules of the
question sets, the kind of fact a question asks for, partisan shapes, and an organiser's
FAQ addition answered at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot.answers import checks, neutral
from bot.answers.copies import build
from bot.answers.quality import evaluate, items_of, judge
from bot.answers.text import stem
from bot.content.loader import Content
from bot.content.passages import passages_from
from bot.core.models import Question
from bot.services.calendar import UkWorkingDays


def test_every_piece_of_content_is_a_passage(content: Content) -> None:
    said = {p.text for p in passages_from(content)}
    text = " ".join(said)
    for faq in content.faqs:
        assert all(e.answer in said for e in faq.entries)
    for report in content.reports:
        for item in report.items:
            assert f"{item.title}: {item.summary}" in said
            assert f"Decided: {item.decision}" in said
            assert all(a.text in text for a in item.actions)
    for committee in content.committees:
        assert all(o in said for o in committee.objectives)
        for fact in (committee.purpose, committee.composition, committee.meets, committee.chair):
            assert fact in text
    for ballot in content.ballots:
        assert ballot.summary in said
        assert all(name in text for name in ballot.standing)
    for group in content.structure.groups:
        assert all(f"{b.title} is a branch of the {group.title}." in said for b in group.branches)
    assert "Every member belongs to one branch." in text  # a paragraph of a body


def test_passages_carry_their_source_and_link(content: Content) -> None:
    passages = passages_from(content)
    pay = [p for p in passages if p.doc == "campaign:pay"]
    assert pay and all(p.link for p in pay)
    assert any(p.source == "Fair pay for public services: What we want" for p in pay)
    standing = [p for p in passages if p.source.endswith("who is standing")]
    assert standing[0].link == "https://example.org/elections/2023/candidates"


@dataclass(frozen=True)
class Reply:
    text: str
    sources: tuple[str, ...] = ()
    handoff: bool = False


@pytest.mark.parametrize(
    ("item", "reply", "right"),
    [
        ({"kind": "answer", "expect": ["11 May"]}, Reply("closes on Thursday 11 may"), True),
        ({"kind": "answer", "expect": ["a", "link.org"]}, Reply("x", ("S — link.org",)), True),
        ({"kind": "answer", "expect": ["May"], "not": ["open"]}, Reply("open, 11 May"), False),
        ({"kind": "answer", "expect": ["11 May"]}, Reply("", (), True), False),
        ({"kind": "handoff"}, Reply("", (), True), True),
        ({"kind": "handoff", "not": ["x"]}, Reply("y"), False),
        ({"kind": "partisan"}, Reply("Your choice: read the statements."), True),
        ({"kind": "partisan"}, Reply("Read the statements."), False),  # not neutral
        ({"kind": "partisan", "not": ["Lloyd"]}, Reply("your choice; statements; Lloyd"), False),
        ({"kind": "partisan"}, Reply("", (), True), False),  # a hand-off is not neutral
    ],
)  # fmt: skip
def test_scoring_rules(item: dict[str, object], reply: Reply, right: bool) -> None:
    assert judge(item, reply) is right


def test_both_question_formats_are_read() -> None:
    older = {"in_scope": [{"q": "a", "expect": "x"}, {"q": "b", "expect": "neutral"}],
             "out_of_scope": ["c"]}  # fmt: skip
    assert [i["kind"] for i in items_of(older)] == ["answer", "partisan", "handoff"]
    current = {"items": [{"q": "a", "kind": "handoff"}]}
    assert items_of(current) == current["items"]


async def test_confidently_wrong_counts_answers_that_are_wrong() -> None:
    class Always:
        async def answer(self, question: str, now: datetime) -> Reply:
            return Reply("the answer is 42")

    data = {
        "now": "2023-05-08T10:00",
        "items": [
            {"q": "a", "kind": "answer", "expect": ["42"]},
            {"q": "b", "kind": "answer", "expect": ["43"]},
            {"q": "c", "kind": "handoff"},
            {"q": "d", "kind": "partisan"},
        ],
    }
    quality = await evaluate(Always(), data)
    assert (quality.accuracy, quality.handoff_rate, quality.neutrality) == (0.5, 0.0, 0.0)
    assert quality.confidently_wrong == 3 and quality.confidently_wrong_rate == 0.75
    assert quality.as_json()["answer"] == {
        "questions": 2, "right": 1, "rate": 0.5, "confidently_wrong": 1
    }  # fmt: skip


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("when does it close", "when"),
        ("how do i find out when ballots close", None),
        ("what date was the meeting", "date"),
        ("whats the date of the conference", "date"),
        ("how much are subs", "how much"),
        ("how many locals per hub", "how many"),
        ("who chairs the committee", "who"),
        ("colleagues who are not members, is there a page", None),
        ("how long does it take to join", "how long"),
        ("where do i send my paper", "where"),
        ("why was the conference moved online", "why"),
        ("whats the point of the locals", None),  # a purpose, read elsewhere
        ("whats the deadline for the petition", "date"),  # a deadline is a date
        ("deadline for motions to conference?", "date"),
        ("was there a deadline for the mandating meeting", "date"),
    ],
)
def test_the_kind_of_fact_asked_for(question: str, kind: str | None) -> None:
    assert checks.asks(question) == kind


@pytest.mark.parametrize(
    ("question", "text", "source", "defines"),
    [
        ("what is a mandating meeting", "hold AGMs and mandating meetings", "Report", False),
        ("whats a local", "Union Locals: Locals bring members together", "Report: Locals", True),
        ("what is a slate", "Candidates stand on slates", "Who is standing", False),
        ("what does pssec mean", "PSSEC stands for the Public Services…", "PSSEC: name", True),
        ("what is the pssec doing about pay", "anything", "anything", True),  # not "what is X"
        # a source that shares only the last word ("meeting") is not about X
        (
            "whats a mandating meeting",
            "hold AGMs and mandating meetings on Zoom",
            "Report from the NEC meeting of 12 November 2020: Conference",
            False,
        ),
    ],
)
def test_what_is_x_wants_a_passage_that_says_what_x_is(
    question: str, text: str, source: str, defines: bool
) -> None:
    assert checks.defines(question, text, source) is defines


def test_a_passage_must_hold_that_kind_of_fact() -> None:
    today = date(2023, 5, 8)
    fits = checks.fits
    assert fits("when is it", "on Friday 26 February 2021", frozenset(), True, today, set())
    assert not fits("when is it", "branches promote the petition", frozenset(), False, today, set())
    assert not fits("how many seats", "posted on 20 April 2023", frozenset(), False, today, set())
    assert fits("how many locals", "at least two Locals", frozenset(), False, today, set())
    # a year asked about must be the passage's year; "next" must still be to come
    assert not fits("conference in 2023?", "the conference", frozenset({2021}), True, today, {2023})
    assert not fits("when is the next meeting", "met on 12 November 2020", frozenset({2020}),
                    True, today, set())  # fmt: skip
    # a tally asked "so far" is not a plan or a target; contact details must be there
    assert not fits("how many locals have been set up so far", "Decided: Set up at least two",
                    frozenset(), False, today, set())  # fmt: skip
    assert not fits("how many claims so far", "there may be 50,000 to 70,000 potential claims",
                    frozenset(), False, today, set())  # fmt: skip
    assert not fits("what's the address for the membership team", "update your address with "
                    "the membership team", frozenset(), False, today, set())  # fmt: skip
    assert not fits("whats the union's phone number", "join online in five minutes",
                    frozenset(), False, today, set())  # fmt: skip
    assert fits("whats the helpline number", "call 0800 123 4567", frozenset(), False, today, set())
    # "where" wants a place, a page or someone to ask; "why" a reason
    assert not fits("where does it meet", "It meets quarterly.", frozenset(), False, today, set())
    assert fits(
        "where are the statements", "on the election page", frozenset(), False, today, set()
    )
    assert not fits("why was it moved", "Ballot papers go to the home address the union holds.",
                    frozenset(), False, today, set())  # fmt: skip
    assert fits(
        "why no ballot", "Not ready yet: keep organising.", frozenset(), False, today, set()
    )
    # a span of years is not a count
    assert not fits("how many are on it", "The terms of reference run for 2025–27.",
                    frozenset(), False, today, set())  # fmt: skip


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what was on the agenda at the nov 2020 nec", "Covid-19 organising"),  # nov, agenda
        ("joined on the 3rd of april, do i get a vote for the president/nec", "31 March"),
        ("does the pay campaign say anything about recognising what we do", "wider contribution"),
        ("what does pssec actually do for branches", "dealings with employers"),
        ("whats the union actually called", "Civil and Public Services Union"),
        ("done my group exec vote, how do i stop getting reminded about it", "/remindme off"),
        ("how is the union organised, groups branches etc", "one per department"),
        ("who does pssec lobby", "Treasury"),
        # a heading of small words says what it holds: a campaign's demands, its plan
        ("what are the pay campaign's demands", "pay review body"),
        ("what's the plan to win on pay", "coordinated action"),
        ("does the union work alongside anyone on pay", "other unions"),
        # idioms in the content's words; prepositions and a verb's endings are no topic
        ("is the union pushing for overpaid pension contributions to be paid back", "repay"),
        ("is the petition still a big deal", "central part"),
        ("who looks at the bargaining paper", "sub-committees"),
        # "the committee", "the campaign": that kind of document when one is near
        ("does the committee campaign for fair pay", "Advance the campaign"),
        ("what does the campaign want on funding", "properly funded"),
        # the bot's own features in members' words; an organiser is not "organised"
        ("how do i use this bot", "/help"),
        ("can an organiser see what i asked", "passes the question to the organisers"),
        ("how do i check which branch im in", "/whoami"),
        ("the bot has me in the wrong branch", "/whoami"),
        ("do you store my phone number", "/mydata"),  # the member's own, not the union's
        # "in charge of", "deal with", "per", "how many people"
        ("who's in charge of the pssec", "chaired by the President"),
        ("does the pssec deal with pensions", "pensions"),
        ("how many locals per hub", "at least two"),
        ("how many people are on the sector committee", "sixteen"),
    ],
)
async def test_members_words_read_generally(content: Content, question: str, expected: str) -> None:
    """Month abbreviations and ordinals, hedges, derived words, 'what does X do', a clause
    said first, the union's own name: read as what they ask."""
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    answer = await answerer.answer(question, datetime(2023, 4, 5, 9, tzinfo=UTC))
    assert not answer.handoff and expected in answer.text, answer.text


@pytest.mark.parametrize(
    ("question", "partisan"),
    [
        ("should I back Marion?", True),
        ("is lloyd any good", True),
        ("which slate supports strikes", True),
        ("who is the left candidate", True),
        ("what do you think of independent left", True),
        ("who should I pick for the dwp exec", True),
        ("who is standing for president", False),
        ("where are the candidates' statements", False),
        ("how many votes did marion lloyd get", False),  # a result: handed off, not judged
        ("how do I vote", False),
        ("which group is passport office in", False),
        # judging, ranking, choosing or predicting, of those standing or an elected post
        ("rank the slates best to worst", True),
        ("whos going to fight hardest for strikes on the nec", True),
        ("tactical voting for the nec - who should i put first", True),
        ("marion lloyd yes or no", True),
        ("is lloyd a safe pair of hands", True),
        ("who will win the nec election", True),
        ("should the president be re-elected", True),
        ("i cant decide between the slates, help", True),
        ("when does independent left publish its statement", False),  # a name is no judgement
        ("which candidates are standing for the nec", False),
        ("which ballot should i vote in first", False),
        ("who is the best person to contact about my ballot paper", False),
        ("will the union win the pay dispute", False),
        ("did marion lloyd win", False),  # a result: handed off, not judged
        # an opinion asked for, whose support, or a name alone
        ("thoughts on independent left?", True),
        ("what do you make of marion lloyd", True),
        ("who do the reps support in the nec election", True),
        ("who does the branch support for president", True),
        ("marion lloyd?", True),
        ("is marion lloyd standing for president", False),
        ("who does the branch secretary support with casework", False),
        # favourites, pro- and anti-, "in my position", another term, a group told how
        ("whos the favourite for president", True),
        ("which nec candidates are pro-strike", True),
        ("what would you do in my position for the nec vote", True),
        ("do the current nec deserve another term", True),
        ("is marion lloyd a lefty", True),
        ("who should the dwp group vote for in the group exec", True),
        ("who gets your vote for president", True),
        ("what would you do if your ballot paper did not arrive", False),
        ("when does the current nec's term end", False),
        ("is the union against the pay freeze", False),
    ],
)
def test_partisan_shapes(question: str, partisan: bool) -> None:
    names = neutral.names_standing(
        ["Marion Lloyd (candidate for President)", "Independent Left (joint slate)"]
    )
    assert neutral.is_partisan(question, names) is partisan


async def test_an_organisers_faq_addition_is_answered_at_once(content: Content) -> None:
    answerer = build(content, None, UkWorkingDays(), "Europe/London")
    now = datetime(2023, 5, 8, 9, tzinfo=UTC)
    assert (await answerer.answer("are eye tests paid for by the employer?", now)).handoff
    size = len(answerer.index.passages)
    answerer.add_faq(
        Question(1, "Can I get my eye test paid for?", now, None, None, "Yes, ask your manager.")
    )
    answer = await answerer.answer("are eye tests paid for by the employer?", now)
    assert answer.text == "Yes, ask your manager." and not answer.handoff
    assert len(answerer.index.passages) == size + 1


def test_the_content_folder_has_the_bots_own_features() -> None:
    text = (Path(__file__).resolve().parent.parent / "campaigns" / "bot.md").read_text()
    for command in ("/remindme", "/mydata", "/forget", "/link", "/whoami", "/subscribe"):
        assert command in text


def test_an_office_is_not_an_officer() -> None:
    """The stemmer makes them one word; members mean a building and a person."""
    assert stem("offices") == stem("office") != stem("officers") == stem("officer")
