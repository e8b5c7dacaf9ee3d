"""How the window uses the services: it never writes the access log itself."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "src" / "ilot_desktop" / "ui"
RECORDERS = {"record", "record_after", "record_in", "record_change"}


def _log_writes(tree: ast.Module) -> list[int]:
    """Lines that write the access log: ``<anything>.audit.record(...)``, or a recorder of services/audit.py
    imported or called."""
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
            if owner_name == "audit" and node.func.attr in RECORDERS:
                lines.append(node.lineno)
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module == "ilot_desktop.services.audit"
            and any(alias.name in RECORDERS for alias in node.names)
        ):
            lines.append(node.lineno)
    return lines


def test_the_window_never_writes_the_access_log():
    """A file viewed, a recovery sheet made: the service that does the work records it, not the window."""
    found = [
        f"ui/{path.relative_to(UI)}:{line}"
        for path in sorted(UI.rglob("*.py"))
        for line in _log_writes(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert found == []


def test_the_rule_sees_a_log_write():
    source = (
        "from ilot_desktop.services.audit import record_after\n"
        "def f(self):\n"
        "    self.session.audit.record('participant_viewed', 1)\n"
        "    session.audit.record('recovery_sheet')\n"
    )
    assert _log_writes(ast.parse(source)) == [1, 3, 4]
