"""Logging set up once, with every secret scrubbed from every record."""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterable

_TOKEN_SHAPES = re.compile(
    r"(bot)?\d{5,}:[A-Za-z0-9_-]{20,}"  # Telegram bot tokens, also inside /bot<token>/ URLs
    r"|xox[abprse]-[A-Za-z0-9-]{8,}"  # Slack bot/user tokens
    r"|xapp-[A-Za-z0-9-]{8,}"  # Slack app-level tokens
)


class RedactSecrets(logging.Filter):
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[redacted]")
        return _TOKEN_SHAPES.sub("[redacted]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args = self.scrub(message), None
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        return True


def configure(level: str = "INFO", secrets: Iterable[str] = ()) -> RedactSecrets:
    """Log to stderr. Installs the redacting filter on the root handler, once."""
    root = logging.getLogger()
    redactor = RedactSecrets(secrets)
    for handler in root.handlers:
        for f in list(handler.filters):
            if isinstance(f, RedactSecrets):
                handler.removeFilter(f)
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    for handler in root.handlers:
        handler.addFilter(redactor)
    root.setLevel(level)
    # httpx logs every request URL, and Telegram's URLs carry the token: keep it quiet.
    for noisy in ("httpx", "httpcore", "aiosqlite", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    # At DEBUG the chat libraries log whole requests: members' ids and words. Not ours to keep.
    for chatty in ("slack_sdk", "slack_bolt", "telegram", "aiohttp.access"):
        logging.getLogger(chatty).setLevel(max(logging.INFO, root.level))
    return redactor
