"""Individual appointments: the week, a participant's timeline, saving, marking, and "Ma semaine"."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.followup import (
    OFFICE,
    Appointment,
    AppointmentView,
    ContactState,
    WeekOverview,
    build_overview,
    validate_appointment,
    week_start,
)
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus, Phase
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services.audit import record_after, record_change
from ilot_desktop.services.clock import Now, Today, as_clock
from ilot_desktop.storage.database import Database, UnitOfWork

log = logging.getLogger(__name__)
UNRECORDED_LOOKBACK_DAYS = 60

DRAFT_DURATION = 60
FIRST_SLOT, LAST_SLOT = time(9, 0), time(17, 0)
GONE = "Ce rendez-vous n'existe plus."
DELETED_MEANWHILE = "Ce rendez-vous a été supprimé entre-temps ; il n'a pas été enregistré."
PARTICIPANT_GONE = "Ce dossier n'existe plus."


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


class FollowUpService:
    """``clock`` gives today's date (see ``services.clock``); ``now``, when given, the moment
    (for the draft's proposed hour; rows stamped)."""

    def __init__(
        self,
        database: Database,
        clock: Today,
        now: Now | None = None,
    ):
        self._db = database
        self._clock = as_clock(clock, now)

    # --- reading ----------------------------------------------------------------------------------

    def write_week_sheet(self, out: Path, monday: date) -> None:
        """The printed week (initials and file numbers only) written to ``out``, and the access log says so."""
        from ilot_desktop.reports.week_sheet import write_week_sheet

        appointments, actions = self.week(monday, 7)
        write_week_sheet(out, monday, appointments, actions, self._clock())
        record_after(self._db, self._clock, AuditAction.WEEK_PRINTED, None, f"semaine du {format_date(monday)}")

    def week(self, monday: date, days: int = 7) -> tuple[list[AppointmentView], list[CollectiveAction]]:
        """Appointments and collective actions starting in ``[monday, monday + days)``, by start."""
        start, end = _midnight(monday), _midnight(monday + timedelta(days=days))
        with self._db.unit_of_work() as uow:
            return uow.appointments.between(start, end), uow.actions.between(start, end)

    def timeline(self, participant_id: int) -> list[AppointmentView]:
        """Every appointment of one participant, most recent first."""
        with self._db.unit_of_work() as uow:
            return uow.appointments.of_participant(participant_id)

    def get(self, appointment_id: int) -> AppointmentView:
        with self._db.unit_of_work() as uow:
            view = uow.appointments.view(appointment_id)
        if view is None:
            raise NotFoundError(GONE)
        return view

    def overview(self) -> WeekOverview:
        """What "Ma semaine" shows today: this week's appointments, who needs attention, overdue tasks."""
        today = self._clock()
        monday = week_start(today)
        with self._db.unit_of_work() as uow:
            states = uow.appointments.contact_states(today)
            week = uow.appointments.between(_midnight(monday), _midnight(monday + timedelta(days=7)))
            # earlier weeks' meetings nobody marked yet still need "Réalisé" or "Absent"
            earlier = uow.appointments.unrecorded(
                _midnight(today - timedelta(days=UNRECORDED_LOOKBACK_DAYS)), _midnight(monday)
            )
            overdue = uow.tasks.overdue(today)
        overview = build_overview(states, earlier + week, today)
        overview.overdue_tasks = overdue
        return overview

    def planned_after(self, participant_id: int, day: date) -> list[AppointmentView]:
        """Planned appointments after a day (for instance after the end of an accompaniment)."""
        with self._db.unit_of_work() as uow:
            return uow.appointments.planned_after(participant_id, _midnight(day + timedelta(days=1)))

    def cancel_planned_after(self, participant_id: int, day: date) -> int:
        """Cancel every planned appointment after ``day`` (a file being closed); returns how many."""
        views = self.planned_after(participant_id, day)
        for view in views:
            assert view.appointment.id is not None  # read from the file
            self.set_status(view.appointment.id, AppointmentStatus.CANCELLED)
        return len(views)

    def contact_states(self) -> list[ContactState]:
        """One summary per ongoing participant (what Ma semaine's rules are applied to)."""
        with self._db.unit_of_work() as uow:
            return uow.appointments.contact_states(self._clock())

    # --- writing ----------------------------------------------------------------------------------

    def new_draft(self, participant_id: int | None, start: datetime | None = None) -> Appointment:
        """A blank appointment: at the prison for someone inside, at the office otherwise."""
        today = self._clock()
        kind, place = AppointmentKind.INDIVIDUAL, OFFICE
        if participant_id is not None:
            with self._db.unit_of_work() as uow:
                participant = uow.participants.get(participant_id)
            if participant is None:
                raise NotFoundError(PARTICIPANT_GONE)
            if participant.phase(today) is Phase.INSIDE:
                kind, place = AppointmentKind.IN_DETENTION, participant.facility
        return Appointment(
            participant_id=participant_id,
            start=start or self._proposed_start(),
            duration_min=DRAFT_DURATION,
            kind=kind,
            place=place,
        )

    def _proposed_start(self) -> datetime:
        """The next whole hour today within office hours, else tomorrow at nine."""
        now = self._clock.now()
        next_hour = (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        if next_hour.date() == now.date() and next_hour.time() <= LAST_SLOT:
            return max(next_hour, datetime.combine(now.date(), FIRST_SLOT))
        return datetime.combine(now.date() + timedelta(days=1), FIRST_SLOT)

    def save(self, appointment: Appointment) -> Appointment:
        """Validate and store (insert or update); returns it with its id. Raises ValidationError."""
        cleaned = _cleaned(appointment)
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            self._check(uow, cleaned)
            if cleaned.id is None:
                cleaned = replace(cleaned, id=uow.appointments.add(cleaned, now))
                log.info("appointment %s created for participant %s", cleaned.id, cleaned.participant_id)
            else:
                if not uow.appointments.update(cleaned, now):
                    raise NotFoundError("Ce rendez-vous a été supprimé entre-temps ; il n'a pas été enregistré.")
                log.info("appointment %s updated", cleaned.id)
            record_change(uow, self._clock, cleaned.participant_id, "rendez-vous")
            uow.commit()
        return cleaned

    def save_many(self, appointments: list[Appointment]) -> int:
        """Validate and insert new appointments in one transaction (demo data, imports): all or none."""
        cleaned = [_cleaned(a) for a in appointments]
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            dates: dict[int | None, tuple[date | None, date | None]] = {}
            for a in cleaned:
                if a.participant_id is not None and a.participant_id not in dates:
                    participant = uow.participants.get(a.participant_id)
                    if participant is None:
                        raise NotFoundError(PARTICIPANT_GONE)
                    dates[a.participant_id] = (participant.entry_date, participant.end_date)
                entry, end = dates.get(a.participant_id, (None, None))
                errors = validate_appointment(a, entry, end, self._clock())
                if errors:
                    raise ValidationError(errors)
            count = uow.appointments.add_many(cleaned, now)
            uow.commit()
        log.info("%d appointments created", count)
        return count

    def set_status(self, appointment_id: int, status: AppointmentStatus) -> Appointment:
        """Mark Réalisé / Absent / Annulé / Prévu in one action (same rules as saving)."""
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            current = uow.appointments.get(appointment_id)
            if current is None:
                raise NotFoundError(GONE)
            changed = replace(current, status=status)
            self._check(uow, changed)
            uow.appointments.update(changed, now)
            record_change(uow, self._clock, changed.participant_id, "rendez-vous")
            uow.commit()
        log.info("appointment %s marked %s", appointment_id, status.value)
        return changed

    def delete(self, appointment_id: int) -> None:
        with self._db.unit_of_work() as uow:
            current = uow.appointments.get(appointment_id)
            if current is None or not uow.appointments.delete(appointment_id):
                raise NotFoundError(GONE)
            record_change(uow, self._clock, current.participant_id, "rendez-vous supprimé")
            uow.commit()
        log.info("appointment %s deleted", appointment_id)

    def _check(self, uow: UnitOfWork, appointment: Appointment) -> None:
        entry = end = None
        if appointment.participant_id is not None:
            participant = uow.participants.get(appointment.participant_id)
            if participant is None:
                raise NotFoundError(PARTICIPANT_GONE)
            entry, end = participant.entry_date, participant.end_date
        errors = validate_appointment(appointment, entry, end, self._clock())
        if errors:
            raise ValidationError(errors)


def _cleaned(a: Appointment) -> Appointment:
    """Trimmed texts, and a start to the minute."""
    return replace(
        a,
        start=a.start.replace(second=0, microsecond=0) if a.start else None,
        place=a.place.strip(),
        report=a.report.strip(),
        next_steps=a.next_steps.strip(),
    )
