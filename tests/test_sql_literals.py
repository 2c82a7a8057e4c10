"""SQL is never built from strings at run time (RELIABILITY.md row 20): no f-string, `%`,
`+` or `.format()` as the statement given to `text()`, `execute()`, `exec_driver_sql()`
or alembic's `op.execute()` anywhere in bot/. Values go in as bound parameters."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"
SQL_CALLS = {"text", "execute", "exec_driver_sql", "executemany", "scalar", "scalars"}


def built_at_run_time(node: ast.expr) -> bool:
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod | ast.Add):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    )


def called(func: ast.expr) -> str:
    """The SQL call's name: `text` only as SQLAlchemy's (a bare name, or sa./sqlalchemy.),
    not a chart's `axes.text`."""
    if isinstance(func, ast.Name):
        return func.id
    if not isinstance(func, ast.Attribute):
        return ""
    owner = func.value.id if isinstance(func.value, ast.Name) else ""
    return "" if func.attr == "text" and owner not in ("sa", "sqlalchemy") else func.attr


def offences(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = called(node.func)
        if name in SQL_CALLS and built_at_run_time(node.args[0]):
            found.append(f"{path.name}:{node.lineno}: {name}(...)")
    return sorted(found)


def test_no_sql_is_built_from_strings() -> None:
    assert [o for path in sorted(BOT.rglob("*.py")) for o in offences(path)] == []


def test_the_check_finds_what_it_bans(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "conn.execute(text(f\"SELECT * FROM t WHERE name = '{name}'\"))\n"
        'conn.exec_driver_sql("DELETE FROM t WHERE id = %s" % ident)\n'
        'op.execute("UPDATE t SET a = {}".format(value))\n'
        'conn.execute(text("SELECT :x"), {"x": name})\n'
        'axes.text(x + 1, y, f"{n} votes")\n'
    )
    assert [line.split(": ")[1] for line in offences(sample)] == [
        "text(...)",
        "exec_driver_sql(...)",
        "execute(...)",
    ]
