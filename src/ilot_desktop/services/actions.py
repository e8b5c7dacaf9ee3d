"""Collective actions: list, edit, register participants and record their attendance."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from ilot_desktop.domain.actions import (
    ActionWithRegistrations,
    CollectiveAction,
    ParticipantAction,
    Registration,
    attendance_allowed,
    next_action_reference,
    still_to_note,
    validate_action,
)
from ilot_desktop.domain.vocabulary import Attendance
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services.audit import record_change
from ilot_desktop.services.clock import Today, as_clock
from ilot_desktop.storage.database import Database, UnitOfWork

log = logging.getLogger(__name__)

GONE = "Cette action collective n'existe plus."
PARTICIPANT_GONE = "Ce dossier n'existe plus."
NOT_REGISTERED = "Cette personne n'est pas inscrite à l'action."
_TOO_EARLY = "La présence se note le jour de l'action ou après."
DRAFT_TIME, DRAFT_DURATION = time(14, 0), 120


@dataclass(frozen=True)
class ActionSummary:
    """One line of the list of actions."""

    action: CollectiveAction
    registered: int
    present: int
    absent: int


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


class ActionService:
    def __init__(self, database: Database, clock: Today):
        self._db = database
        self._clock = as_clock(clock)

    # --- actions ----------------------------------------------------------------------------------

    def summaries(self, start: date | None = None, end: date | None = None) -> list[ActionSummary]:
        """Actions from ``start`` to ``end`` (both days included, either optional), most recent first."""
        low = _midnight(start) if start else None
        high = _midnight(end + timedelta(days=1)) if end else None
        with self._db.unit_of_work() as uow:
            rows = uow.actions.summaries(low, high)
        return [ActionSummary(action, n, present, absent) for action, n, present, absent in rows]

    def get(self, action_id: int) -> CollectiveAction:
        with self._db.unit_of_work() as uow:
            action = uow.actions.get(action_id)
        if action is None:
            raise NotFoundError(GONE)
        return action

    def new_draft(self) -> CollectiveAction:
        """A blank action with the next reference of the year, this afternoon, two hours."""
        today = self._clock()
        with self._db.unit_of_work() as uow:
            reference = next_action_reference(uow.actions.references(today.year), today.year)
        return CollectiveAction(
            reference=reference, start=datetime.combine(today, DRAFT_TIME), duration_min=DRAFT_DURATION
        )

    def save(self, action: CollectiveAction) -> CollectiveAction:
        """Validate and store (insert or update); returns it with its id. Raises ValidationError."""
        cleaned = _cleaned(action)
        errors = validate_action(cleaned, self._clock())
        if errors:
            raise ValidationError(errors)
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            self._check_reference(uow, cleaned)
            if cleaned.id is None:
                cleaned = replace(cleaned, id=uow.actions.add(cleaned, now))
                log.info("collective action %s created", cleaned.id)
            else:
                if not uow.actions.update(cleaned, now):
                    raise NotFoundError(
                        "Cette action collective a été supprimée entre-temps ; elle n'a pas été enregistrée."
                    )
                log.info("collective action %s updated", cleaned.id)
            uow.commit()
        return cleaned

    def save_many(self, actions: list[ActionWithRegistrations]) -> int:
        """Create new actions with their registrations in one transaction (demo data, imports)."""
        today = self._clock()
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            registrations: list[tuple[int, int, Attendance | None]] = []
            for action, registered in actions:
                cleaned = _cleaned(action)
                errors = validate_action(cleaned, today)
                if any(att is not None for _pid, att in registered) and not attendance_allowed(cleaned, today):
                    errors["attendance"] = _TOO_EARLY
                if errors:
                    raise ValidationError(errors)
                self._check_reference(uow, cleaned)
                action_id = uow.actions.add(replace(cleaned, id=None), now)
                registrations += [(action_id, pid, att) for pid, att in registered]
            uow.actions.add_registrations(registrations)
            uow.commit()
        log.info("%d collective actions created", len(actions))
        return len(actions)

    def delete(self, action_id: int) -> None:
        with self._db.unit_of_work() as uow:
            if not uow.actions.delete(action_id):
                raise NotFoundError(GONE)
            uow.commit()
        log.info("collective action %s deleted", action_id)

    # --- registrations and attendance -------------------------------------------------------------

    def registrations(self, action_id: int) -> list[Registration]:
        """Who is registered, by last name."""
        with self._db.unit_of_work() as uow:
            return uow.actions.registrations(action_id)

    def register(self, action_id: int, participant_id: int) -> None:
        """Register someone; registering twice changes nothing (attendance is kept)."""
        with self._db.unit_of_work() as uow:
            self._require(uow, action_id, participant_id)
            if uow.actions.register(action_id, participant_id):
                record_change(uow, self._clock, participant_id, "action collective")
                uow.commit()
                log.info("participant %s registered to action %s", participant_id, action_id)

    def unregister(self, action_id: int, participant_id: int) -> None:
        """Remove a registration (and its attendance); nothing happens if there was none."""
        with self._db.unit_of_work() as uow:
            if uow.actions.unregister(action_id, participant_id):
                record_change(uow, self._clock, participant_id, "action collective")
                uow.commit()
                log.info("participant %s unregistered from action %s", participant_id, action_id)

    def set_attendance(self, action_id: int, participant_id: int, attendance: Attendance | None) -> None:
        """Record Présent / Absent (or clear it with None) once the action has taken place."""
        with self._db.unit_of_work() as uow:
            action = uow.actions.get(action_id)
            if action is None:
                raise NotFoundError(GONE)
            if attendance is not None and not attendance_allowed(action, self._clock()):
                raise ValidationError({"attendance": _TOO_EARLY})
            if not uow.actions.set_attendance(action_id, participant_id, attendance):
                raise NotFoundError(NOT_REGISTERED)
            record_change(uow, self._clock, participant_id, "action collective")
            uow.commit()
        log.info("attendance recorded for participant %s at action %s", participant_id, action_id)

    def mark_all_present(self, action_id: int) -> int:
        """« Tous présents »: everyone whose attendance is not recorded yet is marked Présent, in one transaction
        (an absence already recorded stays). Returns how many were marked."""
        with self._db.unit_of_work() as uow:
            action = uow.actions.get(action_id)
            if action is None:
                raise NotFoundError(GONE)
            if not attendance_allowed(action, self._clock()):
                raise ValidationError({"attendance": _TOO_EARLY})
            marked = still_to_note(uow.actions.registrations(action_id))
            for participant_id in marked:
                uow.actions.set_attendance(action_id, participant_id, Attendance.PRESENT)
                record_change(uow, self._clock, participant_id, "action collective")
            uow.commit()
        log.info("%d marked present at action %s", len(marked), action_id)
        return len(marked)

    def for_participant(self, participant_id: int) -> list[ParticipantAction]:
        """The actions someone was registered to, most recent first."""
        with self._db.unit_of_work() as uow:
            return uow.actions.of_participant(participant_id)

    # --- checks -----------------------------------------------------------------------------------

    @staticmethod
    def _check_reference(uow: UnitOfWork, action: CollectiveAction) -> None:
        holder = uow.actions.id_of_reference(action.reference)
        if holder is not None and holder != action.id:
            raise ValidationError({"reference": f"La référence {action.reference} est déjà utilisée."})

    @staticmethod
    def _require(uow: UnitOfWork, action_id: int, participant_id: int) -> None:
        if uow.actions.get(action_id) is None:
            raise NotFoundError(GONE)
        if uow.participants.get(participant_id) is None:
            raise NotFoundError(PARTICIPANT_GONE)


def _cleaned(action: CollectiveAction) -> CollectiveAction:
    return replace(
        action,
        reference=action.reference.strip().upper(),
        title=action.title.strip(),
        place=action.place.strip(),
        partner=action.partner.strip(),
        start=action.start.replace(second=0, microsecond=0) if action.start else None,
    )
