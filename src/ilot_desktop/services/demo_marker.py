"""Whether the open vault holds the demonstration's fictional people: every document made from it says so.

The mark is a row of the vault's own ``settings`` table (``demonstration``), written by
``services/demo.py`` when it fills a vault with the demonstration, for the window's « Essayer avec des données
fictives » and for ``ilot-desktop demo`` alike. It lives inside the encrypted file, so it survives lock and
unlock, backups and restores; no schema change. Importing a demonstration's export into a real file does not
make that file a demonstration (the import warns instead: ``services/exchange.py``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ilot_desktop.storage.database import Database, UnitOfWork

DEMO_SETTING = "demonstration"
_MARKED = "oui"


def marked(uow: UnitOfWork) -> bool:
    """True when the vault read through ``uow`` holds the demonstration."""
    return uow.settings.get(DEMO_SETTING) == _MARKED


def is_demonstration(database: Database) -> bool:
    """True when ``database`` holds the demonstration (a read, nothing written)."""
    with database.unit_of_work(log_only=True) as uow:
        return marked(uow)


def mark_as_demonstration(database: Database) -> None:
    """Record in the vault that it holds the demonstration's fictional people."""
    with database.unit_of_work() as uow:
        uow.settings.set(DEMO_SETTING, _MARKED)
        uow.commit()
