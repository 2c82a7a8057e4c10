"""LOG_FORMAT=json: one JSON object a line, secrets scrubbed, tracebacks inside the line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from bot.settings import SettingsError, load_settings
from tests.limits import within

PROGRAM = """
import logging
from bot import logsetup
logsetup.configure("INFO", ["s3cret-signing-value"], "json")
log = logging.getLogger("bot.example")
log.info("channel %d got it; secret s3cret-signing-value", 12)
try:
    raise ValueError("token 123456789:ABCdefGhIJKlmNoPQRsTUVwxyZ-123456 in a URL")
except ValueError:
    log.exception("it failed")
"""


def test_json_lines_are_json_and_scrubbed() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM],
        capture_output=True,
        text=True,
        timeout=within(60),
        check=True,
    )
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    assert [(x["level"], x["logger"]) for x in lines] == [
        ("INFO", "bot.example"),
        ("ERROR", "bot.example"),
    ]
    assert lines[0]["message"] == "channel 12 got it; secret [redacted]"
    assert lines[0]["time"].endswith("+00:00")
    assert "ValueError" in lines[1]["exception"]
    assert "ABCdefGhIJ" not in done.stderr and "s3cret" not in done.stderr


def test_log_format_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOG_FORMAT", "JSON")
    assert load_settings(None).log_format == "json"
    monkeypatch.setenv("LOG_FORMAT", "xml")
    with pytest.raises(SettingsError, match="LOG_FORMAT"):
        load_settings(None)
