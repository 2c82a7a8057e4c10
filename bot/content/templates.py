"""messages/: one template per kind of message, rendered per platform."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from bot.content import yamlio
from bot.content.loader import (
    ContentError,
    from_here,
    hidden,
    read_text,
    split_front_matter,
)
from bot.content.markup import (
    Doc,
    parse,
    placeholders,
    split,
    to_plain,
    to_slack,
    to_telegram_html,
)
from bot.content.shipped import SHIPPED
from bot.core.models import Platform
from bot.core.wording import slash_commands

TELEGRAM_LIMIT = 4096
# A Slack message's size, in rich_text blocks of SLACK_BLOCK each: its fallback text, once
# escaped (& is &amp;: 5 characters at worst), stays within the 40,000 chat.postMessage
# takes, and its blocks well under the ~13,000 characters beyond which Slack answers
# msg_blocks_too_long (slackapi/bolt-js#2509).
SLACK_MESSAGE = 8000


class _Front(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    description: str
    placeholders: list[str] = []


@dataclass(frozen=True)
class Template:
    key: str
    description: str
    body: str
    placeholders: tuple[str, ...]
    source_file: str

    def doc(self, values: Mapping[str, Any], slash: str | None = None) -> Doc:
        """With `slash` (Slack's one command), the template's own "/help" reads "/campaign
        help": Slack runs any message that starts with a slash as a command of its own, so
        only that one reaches the bot. Values are never rewritten: they stay as typed."""
        body = self.body if slash is None else slash_commands(self.body, slash)
        return parse(body, values)


@dataclass(frozen=True)
class Rendered:
    """One message ready for a platform: Telegram HTML, a Slack payload, or plain text."""

    platform: Platform
    text: str
    slack: dict[str, Any] | None = None
    plain: str = ""


def render(doc: Doc, platform: Platform) -> list[Rendered]:
    if platform is Platform.TELEGRAM:
        return [
            Rendered(platform, to_telegram_html(part), plain=to_plain(part))
            for part in split(doc, TELEGRAM_LIMIT)
        ]
    if platform is Platform.SLACK:
        parts = split(doc, SLACK_MESSAGE)
        return [Rendered(platform, to_plain(p), to_slack(p), to_plain(p)) for p in parts]
    plain = to_plain(doc)
    return [Rendered(platform, plain, plain=plain)]


class Templates:
    def __init__(self, templates: Mapping[str, Template], slack_command: str = "/campaign") -> None:
        self._templates = dict(templates)
        self.slack_command = slack_command

    def spelling(self, slack_command: str) -> Templates:
        """The same templates, with commands written on Slack as SLACK_COMMAND says."""
        return Templates(self._templates, slack_command)

    @classmethod
    def load(cls, folder: Path) -> Templates:
        if not folder.is_dir():
            where = from_here(folder, "MESSAGES_DIR")
            raise ContentError([f"{folder}: messages folder not found{where}"])
        found: dict[str, Template] = {}
        problems: list[str] = []
        broken: set[str] = set()  # named already: not "missing" too
        for path in sorted(folder.glob("*.md")):
            if path.name.lower() == "readme.md" or hidden(path, folder):
                continue
            name = f"{folder.name}/{path.name}"
            try:
                front, body, _ = split_front_matter(read_text(path))
                meta = _Front.model_validate(yamlio.load(front) or {})
            except (ValueError, yaml.YAMLError) as error:
                detail = error.errors()[0] if isinstance(error, ValidationError) else None
                where = ".".join(str(p) for p in detail["loc"]) if detail else ""
                message = detail["msg"] if detail else str(error).splitlines()[0]
                problems.append(f"{name}: {where + ': ' if where else ''}{message}")
                broken.add(path.stem)
                continue
            used = placeholders(body)
            undeclared = [p for p in used if p not in meta.placeholders]
            if undeclared:
                problems.append(
                    f"{name}: placeholders: {', '.join(undeclared)} used but not declared"
                )
            found[path.stem] = Template(
                path.stem, meta.description, body, tuple(meta.placeholders), name
            )
        problems.extend(
            f"{folder.name}/{key}.md: missing; the bot sends this message: copy it from this "
            "release's messages/"
            for key in sorted(SHIPPED - found.keys() - broken)
        )
        if problems:
            raise ContentError(problems)
        return cls(found)

    def keys(self) -> list[str]:
        return sorted(self._templates)

    def get(self, key: str) -> Template:
        try:
            return self._templates[key]
        except KeyError:
            raise KeyError(f"no template messages/{key}.md") from None

    def doc(
        self, key: str, values: Mapping[str, Any] | None = None, platform: Platform | None = None
    ) -> Doc:
        template = self.get(key)
        values = dict(values or {})
        missing = [p for p in template.placeholders if p not in values]
        for name in missing:
            values[name] = ""
        slash = self.slack_command if platform is Platform.SLACK else None
        return template.doc(values, slash)

    def render(self, key: str, values: Mapping[str, Any], platform: Platform) -> list[Rendered]:
        return render(self.doc(key, values, platform), platform)
