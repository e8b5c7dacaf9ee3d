"""The layer rules of docs/architecture.md, held by import-linter's contracts in pyproject.toml.

`make test` runs `lint-imports` too; this test runs the same contracts in-process (well under a second) so that
`pytest` alone checks them, and proves each rule is really held: an import that breaks it, added to the real
graph, breaks exactly the contracts that say so.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("importlinter", reason="import-linter is a dev dependency (pip install -e '.[dev]')")

import grimp
from importlinter import Contract, api  # api configures import-linter
from importlinter.application import use_cases
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.independence import IndependenceContract
from importlinter.contracts.layers import LayersContract
from importlinter.contracts.protected import ProtectedContract

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
CONTRACT_TYPES: dict[str, type[Contract]] = {
    cls.type_name: cls
    for cls in (
        ForbiddenContract,
        LayersContract,
        ProtectedContract,
        IndependenceContract,
        AcyclicSiblingsContract,
    )
}


@pytest.fixture(scope="module")
def configuration() -> dict[str, Any]:
    return api.read_configuration(str(PYPROJECT))


@pytest.fixture(scope="module")
def graph(configuration: dict[str, Any]) -> grimp.ImportGraph:
    session = configuration["session_options"]
    return grimp.build_graph(
        *session["root_packages"], include_external_packages=session["include_external_packages"], cache_dir=None
    )


def broken_contracts(configuration: dict[str, Any], graph: grimp.ImportGraph) -> set[str]:
    broken = set()
    for options in configuration["contracts_options"]:
        contract = CONTRACT_TYPES[options["type"]](
            name=options["name"], session_options=configuration["session_options"], contract_options=options
        )
        if not contract.check(copy.deepcopy(graph), verbose=False).kept:
            broken.add(options["id"])
    return broken


def test_the_sources_keep_every_contract():
    assert use_cases.lint_imports(str(PYPROJECT), cache_dir=None, no_logo=True), (
        "lint-imports: a layer rule is broken (run .venv/bin/lint-imports for the import chains)"
    )


def test_the_real_graph_breaks_no_contract(configuration, graph):
    assert broken_contracts(configuration, graph) == set()


@pytest.mark.parametrize(
    ("importer", "imported", "expected"),
    [
        # domain imports nothing of the application but itself, and no database, Qt or document library
        # (demo, built on the domain, then breaks its own rule too).
        ("ilot_desktop.domain.dates", "ilot_desktop.errors", {"domain-pure", "demo-pure"}),
        ("ilot_desktop.domain.dates", "ilot_desktop.safe_files", {"domain-pure", "demo-pure"}),
        ("ilot_desktop.domain.dates", "sqlalchemy", {"domain-pure", "demo-pure"}),
        ("ilot_desktop.domain.dates", "reportlab", {"domain-pure", "demo-pure"}),
        ("ilot_desktop.domain.dates", "ilot_desktop.storage.engine", {"domain-pure", "demo-pure", "layers"}),
        ("ilot_desktop.domain.dates", "PySide6", {"domain-pure", "demo-pure", "no-qt-below-ui"}),
        # storage, services and reports never import Qt nor ui.
        ("ilot_desktop.storage.engine", "PySide6", {"no-qt-below-ui"}),
        ("ilot_desktop.services.vault", "shiboken6", {"no-qt-below-ui"}),
        ("ilot_desktop.reports.fonts", "PySide6", {"no-qt-below-ui"}),
        ("ilot_desktop.services.vault", "ilot_desktop.ui.dialogs", {"no-qt-below-ui", "layers"}),
        # ui never imports storage nor the database libraries.
        ("ilot_desktop.ui.dialogs", "ilot_desktop.storage.engine", {"ui-no-storage"}),
        ("ilot_desktop.ui.dialogs", "sqlalchemy", {"ui-no-storage"}),
        ("ilot_desktop.ui.dialogs", "alembic", {"ui-no-storage"}),
        # storage and reports are independent siblings under services.
        ("ilot_desktop.storage.engine", "ilot_desktop.reports.fonts", {"layers"}),
        ("ilot_desktop.reports.fonts", "ilot_desktop.services.vault", {"layers"}),
        # demo imports the domain only, and only services/demo.py imports it.
        ("ilot_desktop.demo.people", "ilot_desktop.errors", {"demo-pure"}),
        ("ilot_desktop.demo.people", "ilot_desktop.storage.engine", {"demo-pure", "layers"}),
        ("ilot_desktop.demo.people", "ilot_desktop.reports.fonts", {"demo-pure", "layers"}),
        ("ilot_desktop.demo.people", "PySide6", {"demo-pure", "no-qt-below-ui"}),
        ("ilot_desktop.ui.dialogs", "ilot_desktop.demo.people", {"demo-entry"}),
        ("ilot_desktop.services.vault", "ilot_desktop.demo.people", {"demo-entry"}),
        ("ilot_desktop.domain.dates", "ilot_desktop.demo.people", {"domain-pure", "layers", "demo-entry"}),
        # the bottom modules import no layer, no Qt, no database.
        ("ilot_desktop.safe_files", "ilot_desktop.domain.dates", {"bottom-modules"}),
        ("ilot_desktop.settings", "PySide6", {"bottom-modules"}),
        ("ilot_desktop.errors", "sqlalchemy", {"bottom-modules"}),
    ],
)
def test_an_import_against_a_rule_breaks_its_contract(configuration, graph, importer, imported, expected):
    assert importer in graph.modules
    changed = copy.deepcopy(graph)
    changed.add_import(importer=importer, imported=imported)
    assert broken_contracts(configuration, changed) == expected


def test_allowed_imports_break_nothing(configuration, graph):
    changed = copy.deepcopy(graph)
    # ui goes through services (which reach storage), reads reports' constants, and uses the bottom modules.
    changed.add_import(importer="ilot_desktop.ui.dialogs", imported="ilot_desktop.services.vault")
    changed.add_import(importer="ilot_desktop.ui.dialogs", imported="ilot_desktop.reports.fonts")
    changed.add_import(importer="ilot_desktop.storage.engine", imported="ilot_desktop.errors")
    changed.add_import(importer="ilot_desktop.services.vault", imported="ilot_desktop.domain.dates")
    changed.add_import(importer="ilot_desktop.demo.plan", imported="ilot_desktop.domain.dates")
    assert broken_contracts(configuration, changed) == set()
