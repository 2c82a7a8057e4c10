"""Logging set up once, with every secret scrubbed from every record."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime

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


class TransientAsWarning(logging.Filter):
    """python-telegram-bot logs an answer that is not JSON (a proxy's 502 page) at ERROR, with
    a traceback and the whole body. It is a transient platform failure, which the caller
    classifies and retries: one WARNING line, no body, no traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Can not load invalid JSON data"):
            record.msg, record.args = "the Bot API answered with something that is not JSON", None
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            record.exc_info, record.exc_text = None, None
        return True


TRANSIENT_AS_WARNING = TransientAsWarning()


class JsonLines(logging.Formatter):
    """One JSON object a line (LOG_FORMAT=json), for log collectors: time (UTC, ISO 8601),
    level, logger, message, and the traceback when there is one. The redacting filter has
    already scrubbed the message and traceback."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exception"] = record.exc_text
        return json.dumps(line, ensure_ascii=False)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class StderrLines(logging.StreamHandler):  # type: ignore[type-arg]
    """Our own handler, so configuring twice re-formats it and no one else's."""


def configure(
    level: str = "INFO", secrets: Iterable[str] = (), fmt: str = "text"
) -> RedactSecrets:
    """Log to stderr, as text or JSON lines. Installs the redacting filter on the root
    handler, once."""
    root = logging.getLogger()
    redactor = RedactSecrets(secrets)
    for handler in root.handlers:
        for f in list(handler.filters):
            if isinstance(f, RedactSecrets):
                handler.removeFilter(f)
    if not root.handlers:
        root.addHandler(StderrLines(sys.stderr))
    for handler in root.handlers:
        if isinstance(handler, StderrLines):
            handler.setFormatter(JsonLines() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
        handler.addFilter(redactor)
    root.setLevel(level)
    # httpx logs every request URL, and Telegram's URLs carry the token: keep it quiet.
    for noisy in ("httpx", "httpcore", "aiosqlite", "apscheduler", "alembic"):
        logging.getLogger(noisy).setLevel(max(logging.WARNING, root.level))
    # At DEBUG the chat libraries log whole requests: members' ids and words. Not ours to keep.
    for chatty in ("slack_sdk", "slack_bolt", "telegram", "aiohttp.access"):
        logging.getLogger(chatty).setLevel(max(logging.INFO, root.level))
    tame()
    return redactor


def tame() -> None:
    """Transient platform failures logged by the libraries as errors become warnings."""
    ptb = logging.getLogger("telegram.request.BaseRequest")
    if TRANSIENT_AS_WARNING not in ptb.filters:
        ptb.addFilter(TRANSIENT_AS_WARNING)
