"""Individual appointments: the week, a participant's timeline, saving, marking, and "Ma semaine"."""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.appointment_series import (
    Occurrence,
    Repeat,
    Scope,
    clash_of,
    occurrence_of,
    proposal_text,
    proposed_repeat,
    series_changes,
    series_starts,
    upcoming,
)
from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.followup import (
    RECORDED,
    Appointment,
    AppointmentView,
    ContactState,
    WeekOverview,
    build_overview,
    format_moment,
    place_for_kind,
    proposed_setting,
    record_refusal,
    validate_appointment,
    week_start,
)
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus
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
        from ilot_desktop.services.demo_marker import is_demonstration  # the demonstration's week says so

        appointments, actions = self.week(monday, 7)
        write_week_sheet(out, monday, appointments, actions, self._clock(), is_demonstration(self._db))
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
        """A blank appointment: at the prison for someone inside on that day, at L'Îlot's office otherwise
        (after the planned release date too)."""
        start = start or self._proposed_start()
        kind, place = proposed_setting(None, None, "", start.date())
        if participant_id is not None:
            p = self._participant(participant_id)
            kind, place = proposed_setting(p.justice_situation, p.planned_release_date, p.facility, start.date())
        return Appointment(
            participant_id=participant_id,
            start=start,
            duration_min=DRAFT_DURATION,
            kind=kind,
            place=place,
        )

    def _participant(self, participant_id: int) -> Participant:
        with self._db.unit_of_work() as uow:
            participant = uow.participants.get(participant_id)
        if participant is None:
            raise NotFoundError(PARTICIPANT_GONE)
        return participant

    def place_for(self, participant_id: int | None, kind: AppointmentKind) -> str:
        """The place a type of meeting proposes for this person (the prison for a meeting in detention)."""
        facility = self._participant(participant_id).facility if participant_id is not None else ""
        return place_for_kind(kind, facility)

    def record_refusal(self, appointment: Appointment) -> str | None:
        """Why « Réalisé » / « Absent » cannot be noted now (its time has not come), or None."""
        return record_refusal(appointment, self._clock.now())

    def _proposed_start(self) -> datetime:
        """The next whole hour today within office hours, else tomorrow at nine."""
        now = self._clock.now()
        next_hour = (now + timedelta(hours=1)).replace(minute=0, second=0, microsecond=0)
        if next_hour.date() == now.date() and next_hour.time() <= LAST_SLOT:
            return max(next_hour, datetime.combine(now.date(), FIRST_SLOT))
        return datetime.combine(now.date() + timedelta(days=1), FIRST_SLOT)

    def save(self, appointment: Appointment, scope: Scope = Scope.ONE) -> Appointment:
        """Validate and store (insert or update); returns it with its id. Raises ValidationError.

        ``Scope.UPCOMING`` on an occurrence of a series gives the same change to the series' other upcoming
        occurrences (``appointment_series.series_changes``); past and recorded ones are left as they are."""
        cleaned = _cleaned(appointment)
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            before = uow.appointments.get(cleaned.id) if cleaned.id is not None else None
            if cleaned.id is not None and before is None:
                raise NotFoundError(DELETED_MEANWHILE)
            self._check(uow, cleaned, before)
            if scope is Scope.UPCOMING and before is not None and cleaned.series_id is not None:
                self._change_series(uow, before, cleaned)
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

    def _change_series(self, uow: UnitOfWork, before: Appointment, changed: Appointment) -> None:
        assert changed.series_id is not None  # checked by the caller
        now = self._clock.now_to_the_second()
        person = uow.participants.get(changed.participant_id) if changed.participant_id is not None else None
        situation, release, facility = (
            (person.justice_situation, person.planned_release_date, person.facility) if person else (None, None, "")
        )
        series = uow.appointments.of_series(changed.series_id)
        others = series_changes(before, changed, series, self._clock.now(), situation, release, facility)
        for other in others:
            try:
                self._check(uow, other)
            except ValidationError as error:
                assert other.start is not None  # read from the file
                raise ValidationError(
                    {"start": f"Le rendez-vous du {format_moment(other.start)}\u00a0: {error}"}
                ) from None
            uow.appointments.update(other, now)
        log.info("appointment series changed: %d other occurrences", len(others))

    # --- series (« Répéter ») ------------------------------------------------------------------------

    def proposed_repeat(self, participant_id: int | None, first_day: date) -> tuple[Repeat, str]:
        """What the person's rhythm proposes (weekly in the first month) and the sentence saying why."""
        cadence = entry = None
        if participant_id is not None:
            participant = self._participant(participant_id)
            cadence, entry = participant.cadence, participant.entry_date
        return proposed_repeat(cadence, entry, first_day), proposal_text(cadence, entry, first_day)

    def preview_series(self, model: Appointment, repeat: Repeat) -> list[Occurrence]:
        """Each date the series would create, with its clash with the person's appointments and what forbids
        it (a closed file, more than a year ahead), before anything is saved."""
        if model.start is None or model.participant_id is None:
            return []
        person = self._participant(model.participant_id)
        cleaned = _cleaned(model)
        occurrences = [
            occurrence_of(cleaned, start, person.justice_situation, person.planned_release_date, person.facility)
            for start in series_starts(_start_of(cleaned), repeat)
        ]
        first, last = _start_of(occurrences[0]).date(), _start_of(occurrences[-1]).date()
        with self._db.unit_of_work() as uow:
            existing = uow.appointments.of_participant_between(
                model.participant_id, _midnight(first), _midnight(last + timedelta(days=1))
            )
        today = self._clock()
        result = []
        for occurrence in occurrences:
            errors = validate_appointment(occurrence, person.entry_date, person.end_date, today)
            problem = " ".join(errors.values()) or None
            result.append(Occurrence(occurrence, clash_of(occurrence, existing), problem))
        return result

    def save_series(self, model: Appointment, starts: list[datetime]) -> list[Appointment]:
        """Create the chosen dates of a series in one transaction (all or none), sharing one series id."""
        if model.participant_id is None:
            raise ValidationError({"participant": "Choisissez la personne concernée."})
        if not starts:
            raise ValidationError({"repeat": "Aucune date n'est cochée\u00a0: rien à créer."})
        person = self._participant(model.participant_id)
        series_id = uuid.uuid4().hex if len(starts) > 1 else None
        cleaned = replace(_cleaned(model), series_id=series_id)
        occurrences = [
            _cleaned(occurrence_of(cleaned, s, person.justice_situation, person.planned_release_date, person.facility))
            for s in sorted(starts)
        ]
        now = self._clock.now_to_the_second()
        saved: list[Appointment] = []
        with self._db.unit_of_work() as uow:
            for occurrence in occurrences:
                try:
                    self._check(uow, occurrence)
                except ValidationError as error:
                    moment = format_moment(_start_of(occurrence))
                    raise ValidationError({"repeat": f"Le rendez-vous du {moment}\u00a0: {error}"}) from None
                saved.append(replace(occurrence, id=uow.appointments.add(occurrence, now)))
            record_change(uow, self._clock, model.participant_id, f"rendez-vous ({len(saved)})")
            uow.commit()
        log.info("%d appointments created in one series for participant %s", len(saved), model.participant_id)
        return saved

    def upcoming_in_series(self, appointment: Appointment) -> int:
        """How many other occurrences of its series are still to come (what « toute la série » would change)."""
        if appointment.series_id is None:
            return 0
        with self._db.unit_of_work() as uow:
            series = uow.appointments.of_series(appointment.series_id)
        return sum(1 for a in upcoming(series, self._clock.now()) if a.id != appointment.id)

    def cancel(self, appointment_id: int, scope: Scope = Scope.ONE) -> Appointment:
        """« Annulé » for this occurrence, or for it and every upcoming occurrence of its series."""
        current = self.get(appointment_id).appointment
        return self.save(replace(current, status=AppointmentStatus.CANCELLED), scope)

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
        """Mark Réalisé / Absent / Annulé / Prévu in one action (same rules as saving): « Réalisé » and
        « Absent » only once the appointment's time has come (ValidationError otherwise)."""
        now = self._clock.now_to_the_second()
        with self._db.unit_of_work() as uow:
            current = uow.appointments.get(appointment_id)
            if current is None:
                raise NotFoundError(GONE)
            changed = replace(current, status=status)
            self._check(uow, changed, current)
            uow.appointments.update(changed, now)
            record_change(uow, self._clock, changed.participant_id, "rendez-vous")
            uow.commit()
        log.info("appointment %s marked %s", appointment_id, status.value)
        return changed

    def delete(self, appointment_id: int, scope: Scope = Scope.ONE) -> int:
        """Delete it, or it and the upcoming occurrences of its series (past ones stay); returns how many."""
        with self._db.unit_of_work() as uow:
            current = uow.appointments.get(appointment_id)
            if current is None or not uow.appointments.delete(appointment_id):
                raise NotFoundError(GONE)
            count = 1
            if scope is Scope.UPCOMING and current.series_id is not None:
                for other in upcoming(uow.appointments.of_series(current.series_id), self._clock.now()):
                    assert other.id is not None  # read from the file
                    count += uow.appointments.delete(other.id)
            record_change(uow, self._clock, current.participant_id, "rendez-vous supprimé")
            uow.commit()
        log.info("appointment %s deleted (%d in all)", appointment_id, count)
        return count

    def _check(self, uow: UnitOfWork, appointment: Appointment, before: Appointment | None = None) -> None:
        """Validate ``appointment`` (stored as ``before``, None when new): « Réalisé » / « Absent » is refused
        before its time only when it becomes so or when its start moves, so that a recorded appointment's
        report can still be written."""
        entry = end = None
        if appointment.participant_id is not None:
            participant = uow.participants.get(appointment.participant_id)
            if participant is None:
                raise NotFoundError(PARTICIPANT_GONE)
            entry, end = participant.entry_date, participant.end_date
        errors = validate_appointment(appointment, entry, end, self._clock())
        becomes_recorded = before is None or before.status not in RECORDED or before.start != appointment.start
        if appointment.status in RECORDED and becomes_recorded and "status" not in errors:
            refusal = record_refusal(appointment, self._clock.now())
            if refusal is not None:
                errors["status"] = refusal
        if errors:
            raise ValidationError(errors)


def _start_of(appointment: Appointment) -> datetime:
    assert appointment.start is not None  # built with a start
    return appointment.start


def _cleaned(a: Appointment) -> Appointment:
    """Trimmed texts, and a start to the minute."""
    return replace(
        a,
        start=a.start.replace(second=0, microsecond=0) if a.start else None,
        place=a.place.strip(),
        report=a.report.strip(),
        next_steps=a.next_steps.strip(),
    )
