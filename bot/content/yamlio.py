"""YAML as the content is read: libyaml's parser when PyYAML was built with it, else PyYAML's
own. Both build only plain types (the safe constructor); libyaml reads the 5,000-odd labelled
phrasings in about a tenth of the time, and every start and every CLI verb reads them.

Even so that file took 0.4 s to build (PyYAML's constructor is Python), at every start, in
every CLI process and for every test's content. So a big file's document is kept on disk as
JSON, which reads twenty times faster: `.cache/content/`, named by a hash of the file's
bytes (an edited file is parsed again), written whole and then renamed into place, so that
several processes can share the folder."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from pathlib import Path
from typing import Any

import yaml

from bot import cachedir

_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KEPT = cachedir.CACHE / "content"
BIG = 64 * 1024  # smaller files parse in a few milliseconds: not worth a file of their own
NEWEST = 8  # kept documents: the content's phrasings as several checkouts hold them
log = logging.getLogger(__name__)


def load(text: str) -> Any:
    """The document in `text`, as yaml.safe_load would give it."""
    return yaml.load(text, Loader=_LOADER)


def load_kept(raw: bytes, folder: Path = KEPT) -> Any:
    """The document in `raw` (UTF-8), as `load` gives it; a big one's read from `folder`
    when it was kept there, else parsed and kept."""
    if len(raw) < BIG:
        return load(raw.decode("utf-8"))
    kept = folder / f"{hashlib.sha256(raw).hexdigest()[:32]}.json"
    try:
        return json.loads(kept.read_bytes())
    except (OSError, ValueError):
        pass  # not kept yet, or a damaged file: parsed again
    data = load(raw.decode("utf-8"))
    _keep(kept, data)
    return data


def _keep(kept: Path, data: Any) -> None:
    try:
        text = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # a date, say: JSON has no such type
    if json.loads(text) != data:  # keys that are not strings: JSON would change them
        return
    part = kept.with_name(f".{kept.stem}.{os.getpid()}.{threading.get_ident()}.json")
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(text, encoding="utf-8")
        part.replace(kept)
        _prune(kept.parent)
    except OSError as error:  # a read-only place: parsed again by the next process
        log.debug("content not kept in %s: %s", kept.parent, error)


def _prune(folder: Path) -> None:
    """All but the newest few documents, so that a folder kept for ever stays small."""
    dated = []
    for path in folder.glob("*.json"):
        try:
            dated.append((path.stat().st_mtime, path))
        except FileNotFoundError:
            continue  # another process's prune
    for _, path in sorted(dated, reverse=True)[NEWEST:]:
        path.unlink(missing_ok=True)
