"""How the services are put together: one clock, no import cycle between them; domain/ and storage/ read no clock."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ilot_desktop"
SERVICES = PACKAGE / "services"


def _trees() -> dict[str, ast.Module]:
    return {path.stem: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(SERVICES.glob("*.py"))}


def test_no_service_reads_the_wall_clock_itself():
    """``services/clock.py`` is the one place that asks for the time: every service reads its injected clock."""
    calls = []
    for name, tree in _trees().items():
        if name == "clock":
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and (node.func.value.id, node.func.attr) in {("datetime", "now"), ("date", "today"), ("time", "time")}
            ):
                calls.append(f"services/{name}.py:{node.lineno}")
    assert calls == []


def _imported_services(tree: ast.Module) -> set[str]:
    """The service modules a module imports, at its top or inside a function (a lazy import still ties them)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("ilot_desktop.services."):
                found.add(node.module.split(".")[2])
            elif node.module == "ilot_desktop.services":
                found.update(alias.name for alias in node.names)
    return found


def test_the_services_import_one_another_without_a_cycle():
    graph = {name: _imported_services(tree) - {name} for name, tree in _trees().items()}
    assert "vault" not in graph["backup"]  # the check report they share lives in services/check_report.py

    def cycle_from(start: str, path: list[str]) -> list[str] | None:
        for target in sorted(graph.get(path[-1], ())):
            if target == start:
                return [*path, target]
            if target not in path:
                found = cycle_from(start, [*path, target])
                if found:
                    return found
        return None

    cycles = [cycle for name in graph if (cycle := cycle_from(name, [name]))]
    assert cycles == []


# The wall clock, called or passed on (``clock=date.today`` hands it over as surely as calling it).
_WALL_CLOCK = {
    "datetime.now", "datetime.utcnow", "datetime.today", "date.today",
    "time.time", "time.time_ns", "time.localtime", "time.gmtime", "time.ctime", "time.strftime",
}  # fmt: skip
# One line each: where the wall clock is the right one, by module and function.
_WALL_CLOCK_ALLOWED = {
    ("storage/backup.py", "_remove_stale_partials"): "a partial folder's age against its mtime, stamped by the system",
}


def _dotted(node: ast.AST) -> str | None:
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _wall_clock_uses(path: Path) -> list[tuple[str, int]]:
    """(enclosing function, line) of each use of the wall clock in ``path``, imported names included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[str, int]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            name = _dotted(child) if isinstance(child, ast.Attribute) else None
            called = name is not None and any(name == c or name.endswith("." + c) for c in _WALL_CLOCK)
            imported = isinstance(child, ast.ImportFrom) and any(
                f"{child.module}.{alias.name}" in _WALL_CLOCK for alias in child.names
            )
            if called or imported:
                found.append((function, child.lineno))
            visit(child, inner)

    visit(tree, "<module>")
    return found


def test_domain_and_storage_never_read_the_wall_clock():
    """The day and the moment come from the caller (the services' clock): a rule or a file name never depends on
    when a test runs. What is allowed is listed above with its reason."""
    uses, allowed_seen = [], set()
    for layer in ("domain", "storage"):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            relative = path.relative_to(PACKAGE).as_posix()
            for function, line in _wall_clock_uses(path):
                if (relative, function) in _WALL_CLOCK_ALLOWED:
                    allowed_seen.add((relative, function))
                else:
                    uses.append(f"{relative}:{line} ({function})")
    assert uses == []
    assert allowed_seen == set(_WALL_CLOCK_ALLOWED)  # an allowance no longer needed is removed


def test_the_wall_clock_scan_sees_calls_references_and_imports(tmp_path):
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import datetime as dt\nfrom time import time\n"
        "def f(clock=dt.date.today):\n    return dt.datetime.now()\n"
        "def g():\n    return date.today().year\n",
        encoding="utf-8",
    )
    assert sorted(_wall_clock_uses(probe)) == [("<module>", 2), ("f", 3), ("f", 4), ("g", 6)]
