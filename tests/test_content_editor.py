"""What a new content editor met adding to campaigns/ as the README says (2 December 2026),
through the real `campaign-bot chat` on a temporary database: a second campaign with its own
petition left /petition refusing everyone and /petition send with no way to name one."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.harness import ROOT
from tests.test_newcomer import chat

PENSIONS = """---
kind: campaign
id: pensions
title: Fair pensions
topic: pay
summary: Repay overpaid pension contributions.
petition:
  id: pensions-petition
  title: Repay our pension contributions
  url: https://example.org/petitions/pensions
  target: 20000
---
Sign the petition.
"""


def test_a_second_campaigns_petition_is_shown_signed_and_sent_by_name(tmp_path: Path) -> None:
    content = tmp_path / "campaigns"
    shutil.copytree(ROOT / "campaigns", content)
    (content / "pensions.md").write_text(PENSIONS)
    env = {"CONTENT_DIR": str(content)}
    said = chat(tmp_path, "/petition\n/press 2\n", "--as", "member", "--branch", "dwp-leeds", **env)
    replies = said.split("bot> ")
    assert "Fund fair pay in public services" in replies[1] and "[1] I've signed" in replies[1]
    assert "0 of 20,000" in replies[2] and "[2] I've signed  (type /press 2)" in replies[2], said
    assert "Thank you for signing Repay our pension contributions" in replies[3], said
    said = chat(
        tmp_path,
        "/petition send\n/petition send pensions-petition all\n",
        "--as",
        "organiser",
        **env,
    )
    replies = said.split("bot> ")
    assert "say which: /petition send PETITION [TARGET]; petitions: pay-petition, " in replies[1]
    # the petition was taken; only the audience is missing on a fresh database
    assert "no channel is subscribed: petitions" in replies[2], said


def test_content_with_no_petition_says_so(tmp_path: Path) -> None:
    """A union's own campaigns/ with no petition yet: /petition said 'say which petition:
    none'."""
    content = tmp_path / "campaigns"
    content.mkdir()
    shutil.copy(ROOT / "campaigns" / "structure.md", content)
    said = chat(tmp_path, "/petition\n", CONTENT_DIR=str(content))
    assert "no campaign has a petition at the moment" in said and "none" not in said, said
