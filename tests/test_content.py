from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.content.loader import PASSAGE_WORDS, Content, ContentError, load_content
from bot.content.passages import passages_from, pieces
from bot.content.templates import Templates
from bot.core.models import Platform
from tests.test_settings import cli

ROOT = Path(__file__).resolve().parent.parent


def test_example_content_has_what_members_ask_about(content: Content) -> None:
    assert {c.id for c in content.campaigns} == {"pay"}
    pay = content.campaigns[0]
    assert pay.petition is not None and "pay review body" in pay.summary
    nec = next(b for b in content.ballots if b.id == "nec-2023")
    assert nec.opens.date().isoformat() == "2023-04-20"
    assert nec.closes.astimezone(UTC) == datetime(2023, 5, 11, 11, 0, tzinfo=UTC)  # noon BST
    group = next(b for b in content.ballots if b.id == "group-exec-2023")
    assert (group.opens.day, group.closes.day, group.ballot_kind) == (27, 16, "online_election")
    report = content.reports[0]
    assert report.date.isoformat() == "2020-11-12" and len(report.items) >= 6
    assert any("50,000 to 70,000" in item.decision for item in report.items)
    committee = content.committees[0]
    assert committee.meets.startswith("quarterly") and "sixteen" in committee.composition
    assert len([e for f in content.faqs for e in f.entries]) >= 5


def test_content_is_neutral_on_candidates(content: Content) -> None:
    text = " ".join(
        [b.body + b.summary for b in content.ballots]
        + [e.answer for f in content.faqs for e in f.entries]
    ).lower()
    # Naming who stands is neutral (the election notice does it); promoting one is not.
    for word in ("vote for the", "we urge", "support the joint", "full support", "vote marion"):
        assert word not in text
    standing = " ".join(s for b in content.ballots for s in b.standing).lower()
    assert "broad left network" in standing  # so the answerer can recognise partisan questions


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "campaigns"
    shutil.copytree(ROOT / "campaigns", target)
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            "ballots/2023-president-nec.md",
            "closes: 2023-05-11 12:00",
            "closes: 2023-04-01 12:00",
            "closes: must be after opens",
        ),
        ("ballots/2023-president-nec.md", "posting_days: 3", "posting_days: lots", "posting_days"),
        (
            "pay-campaign.md",
            "url: https://example.org/petitions/fair-pay",
            "url: not-a-link",
            "petition.url",
        ),
        ("faq.md", "- id: how-to-join", "- idd: how-to-join", "entries.2"),
        ("structure.md", "union: Civil", "union: [Civil", "YAML error"),
        ("reports/nec-2020-11-12.md", "---\nkind: report", "kind: report", "starts with '---'"),
        (
            "reports/nec-2020-11-12.md",
            "deadline: 2021-02-26",
            "deadline: 2020-02-26",
            "items.5.actions.0.deadline: 2020-02-26 is before the meeting (2020-11-12)",
        ),
        (
            "ballots/2023-president-nec.md",
            "id: nec-2023",
            "id: NEC 2023",
            "id: use lower-case letters, digits and hyphens, like pay-2027",
        ),
        (
            "faq.md",
            "keywords: [join, membership, sign up, become a member, subscribe union]",
            "keywords: join, membership",
            "entries.2.keywords: Input should be a valid list: write it like [first, second]",
        ),
    ],
)
def test_broken_content_names_file_and_field(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    folder = _copy(tmp_path)
    path = folder / file
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    problems = caught.value.problems
    assert any(file in p and expected in p for p in problems), problems


def test_unknown_branch_in_ballot_scope(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "ballots/2023-president-nec.md"
    path.write_text(
        path.read_text().replace("posting_days: 3", "posting_days: 3\nscope_branches: [atlantis]")
    )
    with pytest.raises(ContentError, match="unknown branch 'atlantis'"):
        load_content(folder)


def test_content_check_cli(tmp_path: Path) -> None:
    ok = cli(
        "content", "check", "--path", str(ROOT / "campaigns"), "--messages", str(ROOT / "messages")
    )
    assert ok.returncode == 0, ok.stderr
    assert "Content OK" in ok.stdout
    folder = _copy(tmp_path)
    (folder / "pay-campaign.md").write_text("---\nkind: campaign\nid: Bad Id\n---\n")
    bad = cli("content", "check", "--path", str(folder), "--messages", str(ROOT / "messages"))
    assert bad.returncode == 2
    assert "pay-campaign.md" in bad.stderr and "Traceback" not in bad.stderr
    assert all("pay-campaign.md" in line for line in bad.stderr.strip().splitlines())


def test_every_template_renders_on_every_platform(templates: Templates) -> None:
    for key in templates.keys():
        template = templates.get(key)
        values = {name: f"<{name}> *x*" for name in template.placeholders}
        for platform in Platform:
            rendered = templates.render(key, values, platform)
            assert rendered and all(r.text for r in rendered), key


def test_every_template_the_code_uses_exists(templates: Templates) -> None:
    import re

    used = set()
    for path in (ROOT / "bot").rglob("*.py"):
        used.update(re.findall(r"Reply\(\s*\"([a-z0-9-]+)\"", path.read_text()))
    assert used, "no Reply(...) templates found"
    assert sorted(used - set(templates.keys())) == []


def test_an_editors_usual_mistakes_each_name_file_and_field(tmp_path: Path) -> None:
    """The mistakes a new content editor makes, all at once through the real CLI: each is
    one line naming the file and the field, never a traceback (a closing time written with
    a zone, compared with an opening written without one, was a TypeError)."""
    folder = _copy(tmp_path)
    group = folder / "ballots/2023-group-executive.md"
    group.write_text(
        group.read_text()
        .replace("opens: 2023-04-27 09:00", "opens: 2023-05-20 09:00")
        .replace("closes: 2023-05-16 12:00", "closes: 2023-05-16T11:00Z")
    )
    faq = (folder / "faq.md").read_text()
    (folder / "faq.md").write_bytes(
        faq.replace("How do I join", "How – do I join").encode("cp1252")
    )
    (folder / "more-faq.md").write_text(
        "---\nkind: faq\nentries:\n  - id: bot-help\n    question: Q?\n    answer: A.\n---\n"
    )
    (folder / "empty.md").write_text("")
    (folder / "kindless.md").write_text("---\ntitle: Notes\n---\n")
    (folder / "typo.md").write_text("---\nkind: campain\n---\n")
    (folder / "pensions.md").write_text(
        "---\nkind: campaign\nid: pensions\ntitle: Pensions\ntopic: pay\nsummary: S.\n"
        "petition:\n  id: pay-petition\n  title: T\n  url: https://example.org/p\n"
        "  target: 100\n---\n"
    )
    bad = cli("content", "check", "--path", str(folder), "--messages", str(ROOT / "messages"))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr, bad.stderr
    lines = bad.stderr.strip().splitlines()
    for expected in (
        "campaigns/ballots/2023-group-executive.md: closes: must be after opens",
        "campaigns/faq.md: line 20: not UTF-8 text (byte 0x96; Windows-1252?)",
        "campaigns/more-faq.md: entries.0.id: 'bot-help' is also used in campaigns/bot.md",
        "campaigns/empty.md: the file is empty",
        "campaigns/kindless.md: kind: missing; say what the file is: structure,",
        "campaigns/typo.md: kind: 'campain' is not one of structure,",
        "campaigns/pensions.md: petition.id: 'pay-petition' is also used in "
        "campaigns/pay-campaign.md",
    ):
        assert any(expected in line for line in lines), (expected, lines)
    assert all(line.startswith("campaign-bot: campaigns/") for line in lines), lines
    assert not any("Value error" in line or "(document)" in line for line in lines), lines


def test_a_byte_order_mark_and_a_deadline_without_a_time_load_right(tmp_path: Path) -> None:
    """A file saved with a BOM loads; a deadline written as a date alone is the end of that
    day (23:59 in the bot's zone), as `ballots add` reads it, not its first minute."""
    folder = _copy(tmp_path)
    path = folder / "ballots/2023-president-nec.md"
    text = path.read_text().replace("closes: 2023-05-11 12:00", "closes: 2023-05-11")
    text = text.replace(
        "title: President and National Executive Committee elections 2023", "title: 2023"
    )
    path.write_bytes(
        b"\xef\xbb\xbf"
        + text.replace("join_by: 2023-03-31 23:59", "join_by: '2023-03-31'").encode()
    )
    nec = next(b for b in load_content(folder).ballots if b.id == "nec-2023")
    assert nec.title == "2023"  # YAML's number, taken as written
    assert nec.closes == datetime(2023, 5, 11, 22, 59, tzinfo=UTC)  # 23:59 BST
    assert nec.join_by == datetime(2023, 3, 31, 22, 59, tzinfo=UTC)
    assert nec.opens == datetime(2023, 4, 20, 8, 0, tzinfo=UTC)


def test_a_link_whose_words_carry_markup_keeps_its_words_whole() -> None:
    """[`code` _it_](url) is said as 'code it (url)', not 'code (url) (url)it (url)'."""
    from bot.content.passages import sections

    body = (
        "Read [**the guide**](https://example.org/g) and [`/ballots` _now_](https://example.org/b)."
    )
    assert list(sections(body)) == [
        ("", "Read the guide (https://example.org/g) and /ballots now (https://example.org/b).")
    ]


def test_a_template_missing_saved_with_a_bom_or_in_windows_1252(tmp_path: Path) -> None:
    """An operator's own messages/ without petition.md passed `content check`, and /petition
    then ended the console chat with a KeyError traceback; a template saved with a BOM was
    'does not start with ---'; one in Windows-1252 gave Python's codec message."""
    from bot.content.shipped import SHIPPED

    shipped = {p.stem for p in (ROOT / "messages").glob("*.md") if p.name != "README.md"}
    assert shipped == SHIPPED  # add a new template's name to bot/content/shipped.py
    folder = tmp_path / "messages"
    shutil.copytree(ROOT / "messages", folder)
    (folder / "petition.md").unlink()
    help_text = (folder / "help.md").read_text()
    (folder / "help.md").write_bytes(b"\xef\xbb\xbf" + help_text.encode())
    noted = (folder / "noted.md").read_text()
    (folder / "noted.md").write_bytes(
        noted.replace("---\n", "---\n# £5 note\n", 1).encode("cp1252")
    )
    bad = cli("content", "check", "--path", str(ROOT / "campaigns"), "--messages", str(folder))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr, bad.stderr
    assert bad.stderr.strip().splitlines() == [
        "campaign-bot: messages/noted.md: line 2: not UTF-8 text (byte 0xa3; Windows-1252?): "
        "save the file as UTF-8",
        "campaign-bot: messages/petition.md: missing; the bot sends this message: copy it from "
        "this release's messages/",
    ]


def test_an_editors_lock_and_backup_files_are_not_content(tmp_path: Path) -> None:
    """Emacs, while faq.md is being edited, keeps '.#faq.md', a link to nowhere: content
    check (and every start) ended in a FileNotFoundError traceback. Hidden files are not
    content; a file that cannot be read is named."""
    folder = _copy(tmp_path)
    (folder / ".#faq.md").symlink_to("organiser@laptop.4242:1701")
    (folder / "._pay-campaign.md").write_bytes(b"\x00\x05\x16\x07\x00\x02Mac OS X")
    assert {c.id for c in load_content(folder).campaigns} == {"pay"}
    (folder / "notes.md").symlink_to(tmp_path / "elsewhere.md")
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    assert caught.value.problems == [
        "campaigns/notes.md: cannot read it: No such file or directory"
    ]


def test_an_faq_answer_written_in_markdown_is_said_not_shown_as_typed(tmp_path: Path) -> None:
    """'**second floor**' and '[the map](url)' in an answer were said to members as typed."""
    from bot.content.passages import passages_from

    folder = _copy(tmp_path)
    faq = folder / "faq.md"
    faq.write_text(
        faq.read_text().replace(
            "      Join online in about five minutes.",
            "      Join online in **about five minutes**: see [the form](https://example.org/j).",
        )
    )
    said = next(
        p.text for p in passages_from(load_content(folder)) if p.source.endswith("join the union?")
    )
    assert said.startswith(
        "Join online in about five minutes: see the form (https://example.org/j)."
    ), said


def test_a_broken_structure_file_is_not_also_said_to_be_missing(tmp_path: Path) -> None:
    """A group with no branches also said 'expected exactly one structure file (kind:
    structure), found 0', as if there were none; two said 'found 2', naming neither."""
    folder = _copy(tmp_path)
    structure = folder / "structure.md"
    text = structure.read_text()
    structure.write_text(text.replace("topics: [bargaining]", "topics: [Bargaining]"))
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    assert caught.value.problems == [
        "campaigns/structure.md: topics.0: use lower-case letters, digits and hyphens, like pay"
    ]
    structure.write_text(text)
    (folder / "union.md").write_text(text)
    with pytest.raises(ContentError) as caught:
        load_content(folder)
    assert caught.value.problems == [
        "content: one structure file (kind: structure) is allowed; found "
        "campaigns/structure.md, campaigns/union.md"
    ]


def test_a_page_pasted_without_blank_lines_loads_in_passages_with_a_warning(
    tmp_path: Path,
) -> None:
    """Was refused (commit 44a1952: a 5,000-word paragraph was said whole in answer), so an
    editor pasting a long meeting report stopped the bot starting. It loads; `content check`
    warns in one line naming the file and the paragraph; the bot answers from it in passages
    of at most PASSAGE_WORDS words, cut at sentence ends."""
    folder = _copy(tmp_path)
    sentences = [
        f"Item {n}: the branch discussed the pay offer and agreed to consult members by {n} May."
        for n in range(1, 301)
    ]  # 16 words each: 4,800 words in one paragraph
    head = "---\nkind: campaign\nid: big\ntitle: Big\ntopic: pay\nsummary: S.\n---\n"
    (folder / "big.md").write_text(head + "Short first paragraph.\n\n" + " ".join(sentences))
    env = {**os.environ, "CONTENT_DIR": str(folder), "MESSAGES_DIR": str(ROOT / "messages")}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "content", "check"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    warned = [line for line in done.stderr.splitlines() if "big.md" in line]
    assert len(warned) == 1, done.stderr
    named = "campaigns/big.md: body: paragraph 2 ('Item 1: the branch discussed ...') has 4,800"
    assert named in warned[0]
    said = [p.text for p in passages_from(load_content(folder)) if p.doc == "campaign:big"]
    cut = [text for text in said if text.startswith("Item")]
    assert len(cut) == 34 and " ".join(cut) == " ".join(sentences)  # 9 sentences each
    assert all(len(text.split()) <= PASSAGE_WORDS and text.endswith("May.") for text in cut)


def test_a_long_paragraph_with_no_sentence_ends_is_cut_at_words() -> None:
    words = ["members", "branch", "pay", "ballot", "post", "paper"] * 834
    cut = pieces(" ".join(words))
    assert [len(p.split()) for p in cut] == [PASSAGE_WORDS] * 33 + [54]
    assert pieces("A short one. Two sentences.") == ["A short one. Two sentences."]
