from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.content.loader import Content, ContentError, load_content
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
