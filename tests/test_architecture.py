"""bot/core is the union domain: it imports the standard library and itself, nothing else."""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append(node.module)
    return found


def test_core_imports_only_stdlib_and_itself() -> None:
    files = sorted((ROOT / "bot" / "core").rglob("*.py"))
    assert files, "bot/core has no modules"
    bad = []
    for path in files:
        for name in _imports(path):
            top = name.split(".")[0]
            if name.startswith("bot.core") or top in sys.stdlib_module_names or top == "__future__":
                continue
            bad.append(f"{path.relative_to(ROOT)} imports {name}")
    assert bad == []


def test_only_settings_reads_the_environment() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "bot").rglob("*.py")
        if p.name != "settings.py" and re.search(r"os\.environ|os\.getenv", p.read_text())
    ]
    assert offenders == []


def test_no_string_built_sql() -> None:
    """SQL is built by SQLAlchemy, never by formatting user text into a statement."""
    pattern = re.compile(r"(text|execute|exec_driver_sql)\(\s*f[\"']")
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "bot").rglob("*.py")
        if pattern.search(p.read_text())
    ]
    assert offenders == []
