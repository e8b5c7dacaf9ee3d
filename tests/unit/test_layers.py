"""The one enforced rule: domain/storage/services/reports never import Qt; ui never imports storage."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ilot_desktop"
QT_FREE = ("domain", "storage", "services", "reports")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    package = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1])
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                names.add(".".join([*base, node.module or ""]).rstrip("."))
            else:
                names.add(node.module or "")
    return names


def modules_of(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", QT_FREE)
def test_layer_does_not_import_qt(layer):
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(
            n for n in imported_modules(path) if n.split(".")[0] in {"PySide6", "shiboken6"}
        )
        for path in modules_of(layer)
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_ui_does_not_reach_storage_or_sqlalchemy():
    forbidden = ("ilot_desktop.storage", "sqlalchemy", "sqlcipher3", "alembic")
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(n for n in imported_modules(path) if n.startswith(forbidden))
        for path in modules_of("ui")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_walker_sees_relative_and_absolute_imports(tmp_path):
    assert modules_of("ui"), "the ui package is where the test expects it"
    assert "ilot_desktop.storage.vault" in imported_modules(PACKAGE / "services" / "vault.py")
