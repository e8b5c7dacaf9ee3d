"""The participant file: list, read, validate, save, find the same person twice."""

from __future__ import annotations

import logging
from dataclasses import replace
from enum import Enum
from typing import Any

from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.participant import (
    Participant,
    ParticipantSummary,
    clean_laptop_code,
    laptop_code_problem,
    next_file_number,
    validate,
)
from ilot_desktop.domain.vocabulary import fold
from ilot_desktop.errors import ConflictError, NotFoundError, ValidationError
from ilot_desktop.services.audit import record_after, record_in
from ilot_desktop.services.clock import Today, as_clock
from ilot_desktop.storage.database import Database

log = logging.getLogger(__name__)

DEFAULT_CASEWORKER_KEY = "default_caseworker"
CONTACT_NAME_KEY = "caseworker_name"
LAPTOP_CODE_KEY = "laptop_code"  # this laptop's code in new file numbers (DE-2026-AB-001), in the encrypted file
ANONYMISED = "Ce dossier a été anonymisé (durée de conservation atteinte) : il ne peut plus être modifié."


class ParticipantService:
    def __init__(self, database: Database, clock: Today):
        self._db = database
        self._clock = as_clock(clock)

    def summaries(self) -> list[ParticipantSummary]:
        with self._db.unit_of_work() as uow:
            return uow.participants.summaries()

    def get(self, participant_id: int) -> Participant:
        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(participant_id)
        if participant is None:
            raise NotFoundError("Ce dossier n'existe plus.")
        return participant

    def open_for_viewing(self, participant_id: int) -> Participant:
        """The file, read to be shown: the access log records that it was looked at (« Dossier consulté »).

        Raises NotFoundError when it was deleted meanwhile (nothing is recorded then).
        """
        participant = self.get(participant_id)
        record_after(self._db, self._clock, AuditAction.PARTICIPANT_VIEWED, participant_id)
        return participant

    def by_file_number(self, file_number: str) -> Participant | None:
        """The file numbered so (spaces trimmed, case ignored), or None."""
        with self._db.unit_of_work() as uow:
            return uow.participants.by_file_number(file_number.strip().upper())

    def new_draft(self) -> Participant:
        """A blank file with a proposed file number, today's entry date and the usual caseworker."""
        today = self._clock()
        number = self.proposed_number()
        with self._db.unit_of_work() as uow:
            # the caseworker of "Mes coordonnées", else the one of the last file saved
            caseworker = uow.settings.get(CONTACT_NAME_KEY) or uow.settings.get(DEFAULT_CASEWORKER_KEY) or ""
        return Participant(file_number=number, entry_date=today, caseworker=caseworker)

    def proposed_number(self, laptop_code: str | None = None) -> str:
        """The number the next new file would get: with the stored laptop code, or with ``laptop_code`` ("" for
        none; Préférences show it as a code is typed)."""
        with self._db.unit_of_work() as uow:
            code = (uow.settings.get(LAPTOP_CODE_KEY) or "") if laptop_code is None else laptop_code
            return next_file_number(uow.participants.file_numbers(), self._clock().year, code)

    def laptop_code(self) -> str:
        """This laptop's code in new file numbers (``AB``), or "" when none was chosen (``DE-2026-001`` then)."""
        with self._db.unit_of_work() as uow:
            return uow.settings.get(LAPTOP_CODE_KEY) or ""

    def set_laptop_code(self, text: str) -> str:
        """Choose, change or remove ("") the laptop code; returns it as stored. Raises ValidationError
        (``laptop_code``). The numbers already given do not change: only the next new files carry the new code."""
        code = clean_laptop_code(text)
        problem = laptop_code_problem(code)
        if problem is not None:
            raise ValidationError({"laptop_code": problem})
        with self._db.unit_of_work() as uow:
            if code:
                uow.settings.set(LAPTOP_CODE_KEY, code)
            else:
                uow.settings.delete(LAPTOP_CODE_KEY)
            uow.commit()
        log.info("laptop code %s", "set" if code else "removed")
        return code

    def same_person(self, participant: Participant) -> list[int]:
        """Ids of other files with the same name, first name and birth date."""
        key = participant.identity_key()
        if not all(key):
            return []
        with self._db.unit_of_work() as uow:
            return [
                pid
                for pid, last, first, born in uow.participants.identities()
                if pid != participant.id and (fold(last), fold(first), born) == key
            ]

    def save(self, participant: Participant) -> Participant:
        """Validate and store; returns the saved file (with its id). Raises ValidationError."""
        cleaned = _cleaned(participant)
        errors = validate(cleaned, self._clock())
        if errors:
            raise ValidationError(errors)
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            holder = uow.participants.by_file_number(cleaned.file_number)
            if holder is not None and holder.id != cleaned.id:
                raise ValidationError(
                    {"file_number": f"Le numéro {cleaned.file_number} est déjà utilisé par un autre dossier."}
                )
            if cleaned.id is None:
                cleaned = replace(cleaned, id=uow.participants.add(cleaned, now))
                action = AuditAction.PARTICIPANT_CREATED
                log.info("participant %s created", cleaned.id)
            else:
                stored = uow.participants.get(cleaned.id)
                if stored is not None and stored.anonymised_on is not None:
                    raise ValidationError({"last_name": ANONYMISED})
                if stored is None or not uow.participants.update(cleaned, now):
                    raise ConflictError("Ce dossier a été supprimé entre-temps ; il n'a pas pu être enregistré.")
                action = AuditAction.PARTICIPANT_UPDATED
                log.info("participant %s updated", cleaned.id)
            if cleaned.caseworker:
                uow.settings.set(DEFAULT_CASEWORKER_KEY, cleaned.caseworker)
            record_in(uow, self._clock, action, cleaned.id)
            uow.commit()
        return cleaned

    def delete(self, participant_id: int) -> None:
        """Delete a file and its records (``session.privacy.erase`` also rewrites the file and reports)."""
        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(participant_id)
            if participant is None or not uow.participants.delete(participant_id):
                raise NotFoundError("Ce dossier n'existe plus.")
            record_in(
                uow, self._clock, AuditAction.PARTICIPANT_DELETED, participant_id, f"N° {participant.file_number}"
            )
            uow.commit()
        log.info("participant %s deleted", participant_id)


def _cleaned(p: Participant) -> Participant:
    """Trim every text field, so '  Dupont ' and 'Dupont' are the same name."""
    changes: dict[str, Any] = {
        name: value.strip() for name, value in vars(p).items() if isinstance(value, str) and not isinstance(value, Enum)
    }
    changes["file_number"] = p.file_number.strip().upper()
    return replace(p, **changes)
