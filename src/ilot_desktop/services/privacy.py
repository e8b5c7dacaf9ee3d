"""The people's rights and the retention rule (``session.privacy``).

- ``access_copy``: a person's complete file as a PDF or a workbook (right of access, art. 15);
- ``erase``: the person and every record about them deleted, the file rewritten (art. 17);
- ``due_for_anonymisation`` / ``anonymise``: closed files two years after the last contact become
  statistics that keep the funder's past figures unchanged (CNIL retention rule).
Each leaves a line in the access log, without personal data.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from ilot_desktop import safe_files
from ilot_desktop.domain.access_copy import AccessCopy
from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.privacy import (
    ErasureReport,
    RetentionCandidate,
    anonymised_participant,
    anonymous_number,
    is_due,
    last_contact,
)
from ilot_desktop.domain.team_merge import ANONYMISED, ERASED
from ilot_desktop.errors import NotFoundError, StorageEnvironmentError, ValidationError
from ilot_desktop.services.audit import record_after, record_in
from ilot_desktop.services.clock import Today, as_clock
from ilot_desktop.services.demo_marker import is_demonstration
from ilot_desktop.services.team import tombstone_in
from ilot_desktop.storage.database import Database

log = logging.getLogger(__name__)

NBSP = "\u00a0"
KINDS = {"pdf": "PDF", "xlsx": "classeur .xlsx"}
GONE = "Ce dossier n'existe plus."
# (code in PrivacyRepository.records_of, singular, plural): what an erasure removed, in French.
_RECORD_NAMES = (
    ("appointments", "rendez-vous", "rendez-vous"),
    ("barriers", "frein", "freins"),
    ("barrier_events", "étape d'historique des freins", "étapes d'historique des freins"),
    ("tasks", "tâche du plan d'action", "tâches du plan d'action"),
    ("registrations", "inscription à une action collective", "inscriptions à des actions collectives"),
    ("outcomes", "résultat", "résultats"),
)


class PrivacyService:
    def __init__(self, database: Database, clock: Today):
        self._db = database
        self._clock = as_clock(clock)

    # --- right of access --------------------------------------------------------------------------

    def access_data(self, participant_id: int) -> AccessCopy:
        """Everything held about the person today (what the copy shows)."""
        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(participant_id)
            if participant is None:
                raise NotFoundError(GONE)
            return AccessCopy(
                participant=participant,
                made_on=self._clock(),
                appointments=[v.appointment for v in uow.appointments.of_participant(participant_id)],
                barriers=uow.barriers.of_participant(participant_id),
                histories=uow.barriers.events_of_participant(participant_id),
                tasks=uow.tasks.of_participant(participant_id, include_closed=True),
                actions=uow.actions.of_participant(participant_id),
                outcomes=uow.outcomes.of_participant(participant_id),
                events=uow.audit.events(participant_id=participant_id),
            )

    def access_copy(self, participant_id: int, out: Path, kind: str) -> None:
        """Write the person's complete file to ``out``: ``kind`` is ``"pdf"`` or ``"xlsx"``.

        Atomic (temporary file, then rename) in a folder that must exist (StorageEnvironmentError).
        """
        from ilot_desktop.reports.access_copy import render_access_copy
        from ilot_desktop.reports.access_copy_workbook import render_access_copy_workbook

        if kind not in KINDS:
            raise ValidationError({"kind": "Choisissez le format de la copie : PDF ou classeur (.xlsx)."})
        out = Path(out)
        safe_files.require_folder(out.parent)
        copy = self.access_data(participant_id)
        demo = is_demonstration(self._db)  # the demonstration's copy says so on every page
        data = render_access_copy(copy, demo) if kind == "pdf" else render_access_copy_workbook(copy, demo)
        safe_files.write_bytes(out, data)
        record_after(self._db, self._clock, AuditAction.ACCESS_COPY, participant_id, KINDS[kind])
        log.info("access copy written for participant %s (%s)", participant_id, kind)

    # --- erasure ----------------------------------------------------------------------------------

    def erase(self, participant_id: int) -> ErasureReport:
        """Delete the person and everything about them, then rewrite the file so nothing remains in it.

        The access log keeps its earlier lines about the person (internal number only, no name) and one line
        « Dossier effacé » with the file number; the report says so exactly.
        """
        today = self._clock()
        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(participant_id)
            if participant is None:
                raise NotFoundError(GONE)
            repo = uow.privacy
            counts = repo.records_of(participant_id)
            earlier_log_lines = len(uow.audit.events(participant_id=participant_id))
            tombstone_in(uow, participant.uid, ERASED, today.isoformat(), drop=True)  # travels (team work)
            repo.erase(participant_id)
            record_in(uow, self._clock, AuditAction.PARTICIPANT_ERASED, participant_id, f"N° {participant.file_number}")
            uow.commit()
        rewritten = self._rewrite()
        automatic, kept = self._backups()
        log.info("participant %s erased", participant_id)
        removed = {"dossier": 1} | {
            (singular if counts[code] <= 1 else plural): counts[code] for code, singular, plural in _RECORD_NAMES
        }
        return ErasureReport(
            file_number=participant.file_number,
            erased_on=today,
            removed=removed,
            automatic_backups=automatic,
            kept_backups=kept,
            rewritten=rewritten,
            participant_id=participant_id,
            earlier_log_lines=earlier_log_lines,
        )

    # --- retention --------------------------------------------------------------------------------

    def due_for_anonymisation(self, today: date | None = None) -> list[RetentionCandidate]:
        """Closed files whose last contact is more than two years old, oldest contact first."""
        day = today or self._clock()
        with self._db.unit_of_work() as uow:
            rows = uow.privacy.closed_files_contacts()
        candidates = []
        for pid, number, entry, end, others in rows:
            contact = last_contact(entry, end, others)
            if is_due(end, contact, day):
                candidates.append(RetentionCandidate(pid, number, entry, end, contact))
        return sorted(candidates, key=lambda c: (c.last_contact, c.file_number))

    def anonymise(self, participant_ids: Iterable[int]) -> int:
        """Turn closed files into statistics (see ``domain/privacy.py``); returns how many were anonymised.

        Files already anonymised are skipped; a file still open is refused (nothing is changed).
        """
        today = self._clock()
        now = self._clock.now_to_the_second()
        count = 0
        with self._db.unit_of_work() as uow:
            repo = uow.privacy
            taken = set(uow.participants.file_numbers())
            for participant_id in dict.fromkeys(participant_ids):
                participant = uow.participants.get(participant_id)
                if participant is None:
                    raise NotFoundError(GONE)
                if participant.anonymised_on is not None:
                    continue
                if participant.end_date is None or participant.end_date > today:
                    raise ValidationError(
                        {
                            "end_date": f"Le dossier {participant.file_number} est encore en cours{NBSP}: "
                            "seul un dossier clos peut être anonymisé."
                        }
                    )
                number = anonymous_number(taken)
                uow.participants.update(anonymised_participant(participant, number, today), now)
                repo.anonymise_records(participant_id)
                tombstone_in(uow, participant.uid, ANONYMISED, today.isoformat(), drop=False)
                uow.audit.replace_in_details(participant_id, participant.file_number, number)
                record_in(uow, self._clock, AuditAction.PARTICIPANT_ANONYMISED, participant_id, f"N° {number}")
                count += 1
            uow.commit()
        if count:
            self._rewrite()
        log.info("%d files anonymised", count)
        return count

    # --- helpers ----------------------------------------------------------------------------------

    def _rewrite(self) -> bool:
        """VACUUM: freed pages leave the file. The deletion stands even when this fails (disk full)."""
        try:
            self._db.vacuum()
        except StorageEnvironmentError:
            log.warning("vacuum after erasure failed; deleted content was overwritten in place")
            return False
        return True

    def _backups(self) -> tuple[int, int]:
        """(automatic, other) backups in the vault's backup folder: all hold what was just erased."""
        from ilot_desktop.storage import backup

        found = backup.list_backups(self._db.paths.backups)
        automatic = sum(1 for b in found if b.kind == backup.AUTO)
        return automatic, len(found) - automatic
