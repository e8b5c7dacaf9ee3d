"""Qt widgets only. Talks to ``services`` and ``domain``; never to ``storage`` or SQLAlchemy.

Importing this package first imports PySide6 and stops its ``__feature__`` support from reading the source
of every module imported afterwards (below).
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401  (installs shiboken's import hook, patched below)


def _read_only_our_sources() -> None:
    """PySide6's ``__feature__`` support (``snake_case``, ``true_property``) wraps ``import``: for every module
    imported after PySide6 it calls ``inspect.getsource(module)`` to learn whether the module mentions PySide6.
    That reads some 900 source files (SQLAlchemy, Alembic, reportlab, openpyxl, the standard library...) at
    start and unlock and keeps them in ``linecache``: about 34 MB for the life of the process. The application
    uses no ``__feature__``, and no library it loads does, so the question is asked of its own modules only.
    Shiboken's support module is internal: if it changes, nothing is patched and nothing breaks."""
    feature = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or original is None or getattr(original, "ilot_patched", False):
        return

    def uses_pyside(module: ModuleType) -> bool:
        return getattr(module, "__name__", "").startswith("ilot_desktop.") and bool(original(module))

    uses_pyside.ilot_patched = True  # type: ignore[attr-defined]  # marks it, so a reload does not wrap twice
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


_read_only_our_sources()
