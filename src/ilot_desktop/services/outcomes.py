"""Recording what a participant reached, or the drop-out, and ending an accompaniment."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from ilot_desktop.domain.outcomes import Milestones, Outcome, milestones, validate_outcome
from ilot_desktop.domain.vocabulary import Cadence, EndReason
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services.audit import record_change
from ilot_desktop.services.clock import Today, as_clock
from ilot_desktop.storage.database import Database

log = logging.getLogger(__name__)


class OutcomeService:
    def __init__(self, database: Database, clock: Today):
        self._db = database
        self._clock = as_clock(clock)

    def for_participant(self, participant_id: int) -> list[Outcome]:
        """Most recent first."""
        with self._db.unit_of_work() as uow:
            return uow.outcomes.of_participant(participant_id)

    def get(self, outcome_id: int) -> Outcome:
        with self._db.unit_of_work() as uow:
            outcome = uow.outcomes.get(outcome_id)
        if outcome is None:
            raise NotFoundError("Ce résultat n'existe plus.")
        return outcome

    def milestones(self, participant_id: int) -> Milestones | None:
        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(participant_id)
        return milestones(participant.entry_date) if participant and participant.entry_date else None

    def save(self, outcome: Outcome) -> Outcome:
        cleaned = replace(
            outcome,
            employer=outcome.employer.strip(),
            sector=outcome.sector.strip(),
            comment=outcome.comment.strip(),
        )
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(cleaned.participant_id) if cleaned.participant_id else None
            if participant is None:
                raise NotFoundError("Ce dossier n'existe plus.")
            errors = validate_outcome(cleaned, participant.entry_date, self._clock())
            if errors:
                raise ValidationError(errors)
            if cleaned.id is None:
                cleaned = replace(cleaned, id=uow.outcomes.add(cleaned, now))
            elif not uow.outcomes.update(cleaned, now):
                raise NotFoundError("Ce résultat a été supprimé entre-temps.")
            record_change(uow, self._clock, cleaned.participant_id, "résultat")
            uow.commit()
        log.info("outcome %s saved for participant %s", cleaned.id, cleaned.participant_id)
        return cleaned

    def delete(self, outcome_id: int) -> None:
        with self._db.unit_of_work() as uow:
            current = uow.outcomes.get(outcome_id)
            if current is None or not uow.outcomes.delete(outcome_id):
                raise NotFoundError("Ce résultat n'existe plus.")
            record_change(uow, self._clock, current.participant_id, "résultat retiré")
            uow.commit()
        log.info("outcome %s deleted", outcome_id)

    def switch_to_employment_follow_up(self, participant_id: int) -> None:
        """After a job starts: the lighter "suivi dans l'emploi" rhythm."""
        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(participant_id)
            if participant is None:
                raise NotFoundError("Ce dossier n'existe plus.")
            uow.participants.update(replace(participant, cadence=Cadence.EMPLOYMENT), self._clock.now())
            record_change(uow, self._clock, participant_id, "rythme de suivi")
            uow.commit()

    def end_accompaniment(self, participant_id: int, end: date | None, reason: EndReason | None) -> None:
        """Close (or, with ``end=None``, reopen) an accompaniment, validated like the participant file."""
        from ilot_desktop.domain.participant import validate

        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(participant_id)
            if participant is None:
                raise NotFoundError("Ce dossier n'existe plus.")
            closed = replace(participant, end_date=end, end_reason=reason if end else None)
            errors = {k: v for k, v in validate(closed, self._clock()).items() if k in ("end_date",)}
            if end is not None and reason is None:
                errors["end_reason"] = "Indiquez comment l'accompagnement s'est terminé."
            if errors:
                raise ValidationError(errors)
            uow.participants.update(closed, self._clock.now_to_the_second())
            record_change(uow, self._clock, participant_id, "fin d'accompagnement" if end else "réouverture")
            uow.commit()
        log.info("participant %s accompaniment %s", participant_id, "ended" if end else "reopened")
