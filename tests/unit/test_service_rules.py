"""How the services are put together: one clock, no import cycle between them."""

from __future__ import annotations

import ast
from pathlib import Path

SERVICES = Path(__file__).resolve().parents[2] / "src" / "ilot_desktop" / "services"


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
