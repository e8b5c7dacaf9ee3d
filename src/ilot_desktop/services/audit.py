"""The access log (``session.audit``): record who opened and changed which file, read it, purge it.

Services record their own events inside the unit of work that makes the change (``record_in``), so a
change and its trace are saved together or not at all; what is not a change (a file looked at, a sheet
written) is recorded by the service that does it (``record_after``). The window never writes the log.
Details never hold personal data.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time

from ilot_desktop.domain.audit import AuditAction, AuditEvent, purge_cutoff
from ilot_desktop.errors import StorageEnvironmentError
from ilot_desktop.services.clock import Today, as_clock
from ilot_desktop.storage.database import Database, UnitOfWork

log = logging.getLogger(__name__)

# The caseworker's name: "Mes coordonnées", else the caseworker of the last file saved.
ACTOR_KEYS = ("caseworker_name", "default_caseworker")


def record_in(
    uow: UnitOfWork,
    clock: Today,
    action: AuditAction,
    participant_id: int | None = None,
    detail: str = "",
) -> None:
    """Add an event to the caller's unit of work (the caller commits), stamped with the clock's now."""
    actor = next((name for key in ACTOR_KEYS if (name := uow.settings.get(key))), None)
    uow.audit.add(as_clock(clock).now_to_the_second(), actor or "", action.value, participant_id, detail)


def record_after(
    database: Database,
    clock: Today,
    action: AuditAction,
    participant_id: int | None = None,
    detail: str = "",
) -> bool:
    """Record, in its own transaction, something already done outside the file (a file written).

    On a read-only copy the trace cannot be written: the work stands, a warning is logged.
    """
    try:
        with database.unit_of_work(log_only=True) as uow:  # the records are untouched: kept figures stay
            record_in(uow, clock, action, participant_id, detail)
            uow.commit()
    except StorageEnvironmentError:
        log.warning("access log: %s not recorded (read-only file?)", action.value)
        return False
    return True


def record_change(uow: UnitOfWork, clock: Today, participant_id: int | None, what: str) -> None:
    """A part of a file changed (an appointment, a barrier...): « Dossier modifié » with the kind of record."""
    if participant_id is not None:
        record_in(uow, clock, AuditAction.PARTICIPANT_UPDATED, participant_id, what)


class AuditService:
    def __init__(self, database: Database, clock: Today):
        self._db = database
        self._clock = as_clock(clock)

    def record(self, action: AuditAction, participant_id: int | None = None, detail: str = "") -> bool:
        """Record an event now. ``detail`` must hold no personal data (a count, a kind of record).

        False when the file cannot be written (a copy on read-only media): what was done stands.
        A code this version does not know raises ValueError.
        """
        return record_after(self._db, self._clock, AuditAction(action), participant_id, detail)

    def events(self, since: date | None = None, participant_id: int | None = None) -> list[AuditEvent]:
        """Most recent first; from ``since`` (a day) on, of one participant when given."""
        start = datetime.combine(since, time.min) if since is not None else None
        with self._db.unit_of_work() as uow:
            return uow.audit.events(start, participant_id)

    def purge(self, today: date | None = None) -> int:
        """Delete the events older than twelve months; returns how many went."""
        with self._db.unit_of_work() as uow:
            count = uow.audit.purge_before(purge_cutoff(today or self._clock()))
            uow.commit()
        if count:
            log.info("access log: %d events older than 12 months purged", count)
        return count
