"""`campaign-bot content check`: the campaign content and message templates, validated."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bot.cli.common import err, noun_app, say, settings
from bot.content.loader import Content, ContentError, load_content
from bot.content.templates import Templates
from bot.core.wording import counted

app = noun_app("Check the campaign content and message templates.")


@app.command("check")
def content_check(
    path: Annotated[Path | None, typer.Option(help="Content folder (default CONTENT_DIR).")] = None,
    messages: Annotated[
        Path | None, typer.Option(help="Templates folder (default MESSAGES_DIR).")
    ] = None,
) -> None:
    """Validate a content folder and the message templates. Exit 2 and name each error."""
    cfg = settings()
    problems: list[str] = []
    content: Content | None = None
    templates: Templates | None = None
    try:
        content = load_content(path or cfg.content_dir, cfg.zone)
    except ContentError as error:
        problems.extend(error.problems)
    try:
        templates = Templates.load(messages or cfg.messages_dir)
    except ContentError as error:
        problems.extend(error.problems)
    if content is None or templates is None:
        for problem in problems:
            err.print(f"campaign-bot: {problem}", markup=False)
        raise typer.Exit(2)
    say(
        f"Content OK: {counted(len(content.files), 'file')} "
        f"({counted(len(content.campaigns), 'campaign')}, "
        f"{counted(len(content.ballots), 'ballot')}, {counted(len(content.reports), 'report')}, "
        f"{counted(len(content.faqs), 'FAQ file')}); "
        f"{counted(len(templates.keys()), 'message template')}."
    )
