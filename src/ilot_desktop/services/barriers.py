"""The barriers checklist: tick, change status, correct, remove, and each barrier's history."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from ilot_desktop.domain.barriers import (
    Barrier,
    BarrierEvent,
    HistoryStep,
    category_rank,
    change_status,
    first_history,
    validate_barrier,
    validate_history,
)
from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.vocabulary import BarrierStatus, fold
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services.audit import record_change
from ilot_desktop.services.clock import Today, as_clock
from ilot_desktop.storage.database import Database, UnitOfWork

log = logging.getLogger(__name__)

GONE = "Ce frein n'existe plus."
PARTICIPANT_GONE = "Ce dossier n'existe plus."
DUPLICATE = "Ce frein est déjà noté pour cette personne."
DELETED_MEANWHILE = "Ce frein a été retiré entre-temps ; il n'a pas été enregistré."


def checklist_order(b: Barrier) -> tuple:
    return (category_rank(b.category), fold(b.item), b.id or 0)


class BarrierService:
    def __init__(self, database: Database, clock: Today):
        self._db = database
        self._clock = as_clock(clock)

    # --- reading ----------------------------------------------------------------------------------

    def for_participant(self, participant_id: int) -> list[Barrier]:
        """The participant's barriers in the checklist's order: by category, then by item."""
        with self._db.unit_of_work() as uow:
            barriers = uow.barriers.of_participant(participant_id)
        return sorted(barriers, key=checklist_order)

    def get(self, barrier_id: int) -> Barrier:
        with self._db.unit_of_work() as uow:
            barrier = uow.barriers.get(barrier_id)
        if barrier is None:
            raise NotFoundError(GONE)
        return barrier

    def history(self, barrier_id: int) -> list[BarrierEvent]:
        """Every status the barrier reached, oldest first (empty when the barrier is gone)."""
        with self._db.unit_of_work() as uow:
            return uow.barriers.events(barrier_id)

    def histories(self, participant_id: int) -> dict[int, list[BarrierEvent]]:
        """Barrier id -> its history, for all of one participant's barriers, in one query."""
        with self._db.unit_of_work() as uow:
            return uow.barriers.events_of_participant(participant_id)

    # --- writing ----------------------------------------------------------------------------------

    def save(self, barrier: Barrier) -> Barrier:
        """Tick a new barrier or correct one; returns it with its id. Raises ValidationError.

        New: identified today unless a date is given. A change of status is kept in the history,
        dated today (the lifting date for ``Levé``); corrected dates or partner correct the history.
        """
        today = self._clock()
        cleaned = _cleaned(barrier)
        if cleaned.id is None and cleaned.identified_on is None:
            cleaned.identified_on = today
        if cleaned.status is BarrierStatus.LIFTED and cleaned.lifted_on is None:
            cleaned.lifted_on = today
        errors = validate_barrier(cleaned, today)
        if errors:
            raise ValidationError(errors)
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            self._check_participant_and_unique(uow, [cleaned])
            if cleaned.id is None:
                cleaned.id = uow.barriers.add(cleaned, now)
                uow.barriers.add_histories([(cleaned.id, first_history(cleaned))])
                log.info("barrier %s noted for participant %s", cleaned.id, cleaned.participant_id)
            else:
                before = uow.barriers.get(cleaned.id)
                if before is None:
                    raise NotFoundError(DELETED_MEANWHILE)
                if before.participant_id != cleaned.participant_id:
                    raise ValidationError({"participant": "Un frein ne change pas de personne."})
                uow.barriers.update(cleaned, now)
                self._record_change(uow, before, cleaned, today)
                log.info("barrier %s updated", cleaned.id)
            record_change(uow, self._clock, cleaned.participant_id, "frein")
            uow.commit()
        return cleaned

    def set_status(self, barrier_id: int, status: BarrierStatus, partner: str | None = None) -> Barrier:
        """Move a barrier to a status today (``partner`` for an orientation); kept in the history."""
        today = self._clock()
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            before = uow.barriers.get(barrier_id)
            if before is None:
                raise NotFoundError(GONE)
            changed = change_status(before, status, today, partner)
            errors = validate_barrier(changed, today)
            if errors:
                raise ValidationError(errors)
            uow.barriers.update(changed, now)
            self._record_change(uow, before, changed, today)
            record_change(uow, self._clock, changed.participant_id, "frein")
            uow.commit()
        log.info("barrier %s marked %s", barrier_id, status.value)
        return changed

    def save_many(self, items: list[tuple[Barrier, list[HistoryStep]]]) -> list[Barrier]:
        """New barriers with their whole path (demo data, imports), in one transaction: all or none.

        An empty path means identified on ``identified_on`` with the barrier's status.
        """
        today = self._clock()
        cleaned = [(_cleaned(b), steps) for b, steps in items]
        for b, steps in cleaned:
            if b.id is not None:
                raise ValueError("save_many only creates barriers")
            errors = validate_barrier(b, today) or validate_history(b, steps, today)
            if errors:
                raise ValidationError(errors)
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            barriers = [b for b, _steps in cleaned]
            self._check_participant_and_unique(uow, barriers)
            ids = uow.barriers.add_many(barriers, now)
            histories = []
            for barrier_id, (b, steps) in zip(ids, cleaned, strict=True):
                b.id = barrier_id
                histories.append((barrier_id, steps or first_history(b)))
            uow.barriers.add_histories(histories)
            uow.commit()
        log.info("%d barriers created", len(ids))
        return [b for b, _steps in cleaned]

    def delete(self, barrier_id: int) -> None:
        """Untick: the barrier and its history go; tasks linked to it stay, unlinked."""
        with self._db.unit_of_work() as uow:
            current = uow.barriers.get(barrier_id)
            if current is None or not uow.barriers.delete(barrier_id):
                raise NotFoundError(GONE)
            record_change(uow, self._clock, current.participant_id, "frein retiré")
            uow.commit()
        log.info("barrier %s deleted", barrier_id)

    # --- helpers ----------------------------------------------------------------------------------

    @staticmethod
    def _check_participant_and_unique(uow: UnitOfWork, barriers: list[Barrier]) -> None:
        """Every participant exists; no item twice in a category for a person (case, accents ignored)."""
        participant_ids: set[int] = set()
        for pid in {b.participant_id for b in barriers}:
            if pid is None or uow.participants.get(pid) is None:
                raise NotFoundError(PARTICIPANT_GONE)
            participant_ids.add(pid)
        taken = {
            (pid, category, fold(item)): barrier_id
            for barrier_id, pid, category, item in uow.barriers.items(participant_ids)
        }
        for b in barriers:
            assert b.participant_id is not None and b.category is not None  # validated before
            key = (b.participant_id, b.category, fold(b.item))
            holder = taken.get(key)
            if holder is not None and holder != b.id:
                raise ValidationError({"item": DUPLICATE})
            taken[key] = b.id if b.id is not None else -1

    @staticmethod
    def _record_change(uow: UnitOfWork, before: Barrier, after: Barrier, today: date) -> None:
        """A new step when the status changed or the person is re-oriented another day; otherwise corrections
        carried into the history, refused when they would put its steps out of order."""
        assert after.id is not None and after.identified_on is not None  # a saved, validated barrier
        if after.status is not before.status:
            on = after.lifted_on if after.status is BarrierStatus.LIFTED and after.lifted_on else today
            uow.barriers.add_event(_event_at(after, max(on, after.identified_on)))
            return
        events = uow.barriers.events(after.id)
        if after.identified_on != before.identified_on:
            if len(events) > 1 and after.identified_on > events[1].on:
                raise ValidationError(
                    {
                        "identified_on": (
                            f"Le frein a changé de statut le {format_date(events[1].on)} : il ne peut pas avoir été "
                            "identifié après."
                        )
                    }
                )
            uow.barriers.correct_event(after.id, first=True, on=after.identified_on)
        if after.status is BarrierStatus.LIFTED and after.lifted_on != before.lifted_on:
            if len(events) > 1 and after.lifted_on is not None and after.lifted_on < events[-2].on:
                raise ValidationError(
                    {
                        "lifted_on": (
                            f"L'étape précédente date du {format_date(events[-2].on)} : "
                            "la levée ne peut pas la précéder."
                        )
                    }
                )
            uow.barriers.correct_event(after.id, first=False, on=after.lifted_on)
        if after.status is BarrierStatus.ORIENTED and after.partner != before.partner:
            if events and events[-1].on == today:
                uow.barriers.correct_event(after.id, first=False, partner=after.partner)  # a typing correction
            else:
                uow.barriers.add_event(_event_at(after, today))  # re-oriented: both partners stay in the history


def _event_at(b: Barrier, on: date) -> BarrierEvent:
    """A step of the history; the partner belongs only to an orientation."""
    assert b.id is not None
    partner = b.partner if b.status is BarrierStatus.ORIENTED else ""
    return BarrierEvent(barrier_id=b.id, on=on, status=b.status, partner=partner)


def _cleaned(b: Barrier) -> Barrier:
    return replace(b, item=b.item.strip(), partner=b.partner.strip(), comment=b.comment.strip())
