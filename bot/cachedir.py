"""Where the bot keeps what it works out once (the answers' model and embeddings, parsed
content): `.cache/` in a checkout's own folder; installed as a package, in the folder it runs
in (scripts/fetch-model is run from there; the Dockerfile's /app)."""

from __future__ import annotations

from pathlib import Path

_CHECKOUT = Path(__file__).resolve().parent.parent
ROOT = _CHECKOUT if (_CHECKOUT / "pyproject.toml").is_file() else Path.cwd()
CACHE = ROOT / ".cache"
