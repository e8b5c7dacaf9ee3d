"""Qt widgets only. Talks to ``services`` and ``domain``; never to ``storage`` or SQLAlchemy.

Importing this package first imports PySide6 and stops its ``__feature__`` support from reading the source
of every module imported afterwards (below).
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401  (installs shiboken's import hook, patched below)


def _read_no_sources() -> None:
    """PySide6's ``__feature__`` support (``snake_case``, ``true_property``) wraps ``import``: for every module
    imported after PySide6 it calls ``inspect.getsource(module)`` to learn whether the module mentions PySide6,
    and records the answer (0: "uses PySide6, no feature selected", -1: "does not use it"). That read some
    900 source files (SQLAlchemy, Alembic, reportlab, the standard library, ours...) at start and unlock,
    about 20 ms for the first one alone, and kept them in ``linecache``: some 34 MB for the life of the process.
    No module of the application or of its libraries selects a ``__feature__``, so every module runs with no
    feature either way; the answer is given without reading anything. Shiboken's support module is internal:
    if it changes, nothing is patched and nothing breaks (tests/integration/test_qt_reads_no_sources.py)."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "ilot_patched", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        return False

    uses_pyside.ilot_patched = True  # type: ignore[attr-defined]  # marks it, so a reload does not wrap twice
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


_read_no_sources()
