"""Appointments and collective actions: rows to domain objects and back, and the follow-up queries.

Everything the calendar and "Ma semaine" read is bounded by a date range or aggregated in SQL, so the
cost stays flat with years of records (indexes on ``start`` and ``(participant_id, start)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, case, delete, func, or_, select
from sqlalchemy.orm import Session

from ilot_desktop.domain.actions import CollectiveAction, ParticipantAction, Registration
from ilot_desktop.domain.followup import Appointment, AppointmentView, ContactState
from ilot_desktop.domain.identity import new_uid
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentKind,
    AppointmentStatus,
    Attendance,
    Cadence,
    JusticeSituation,
)
from ilot_desktop.storage.statements import affected, table_of
from ilot_desktop.storage.tables import (
    AppointmentRow,
    CollectiveActionRow,
    ParticipantRow,
    RegistrationRow,
)

_PEOPLE = (ParticipantRow.file_number, ParticipantRow.last_name, ParticipantRow.first_name)
_DONE, _ABSENT = AppointmentStatus.DONE.value, AppointmentStatus.ABSENT.value
_PLANNED = AppointmentStatus.PLANNED.value


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)


# --- appointments ---------------------------------------------------------------------------------


_APPOINTMENT_COLUMNS = (
    AppointmentRow.id,
    AppointmentRow.participant_id,
    AppointmentRow.start,
    AppointmentRow.duration_min,
    AppointmentRow.kind,
    AppointmentRow.place,
    AppointmentRow.status,
    AppointmentRow.report,
    AppointmentRow.next_steps,
    AppointmentRow.series_id,
    AppointmentRow.uid,
)


def _appointment(row: Any) -> Appointment:
    """From an ``AppointmentRow`` or a result row of ``_APPOINTMENT_COLUMNS`` (same names)."""
    return Appointment(
        id=row.id,
        participant_id=row.participant_id,
        start=row.start,
        duration_min=row.duration_min,
        kind=AppointmentKind(row.kind),
        place=row.place,
        status=AppointmentStatus(row.status),
        report=row.report,
        next_steps=row.next_steps,
        series_id=row.series_id,
        uid=row.uid,
    )


def _appointment_values(a: Appointment) -> dict[str, object]:
    return {
        "participant_id": a.participant_id,
        "start": a.start,
        "duration_min": a.duration_min,
        "kind": a.kind.value,
        "place": a.place,
        "status": a.status.value,
        "report": a.report,
        "next_steps": a.next_steps,
        "series_id": a.series_id,
    }


def _fill_appointment(row: AppointmentRow, a: Appointment) -> None:
    for name, value in _appointment_values(a).items():
        setattr(row, name, value)


class AppointmentRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, appointment_id: int) -> Appointment | None:
        row = self.session.get(AppointmentRow, appointment_id)
        return _appointment(row) if row else None

    def view(self, appointment_id: int) -> AppointmentView | None:
        found = self._views(AppointmentRow.id == appointment_id)
        return found[0] if found else None

    def between(self, start: datetime, end: datetime) -> list[AppointmentView]:
        """Appointments starting in ``[start, end)``, by start time (index on ``start``)."""
        return self._views(AppointmentRow.start >= start, AppointmentRow.start < end)

    def unrecorded(self, start: datetime, end: datetime) -> list[AppointmentView]:
        """Appointments in ``[start, end)`` still "Prévu": past meetings nobody marked yet."""
        return self._views(AppointmentRow.start >= start, AppointmentRow.start < end, AppointmentRow.status == _PLANNED)

    def planned_after(self, participant_id: int, after: datetime) -> list[AppointmentView]:
        """The participant's planned appointments starting at ``after`` or later."""
        return self._views(
            AppointmentRow.participant_id == participant_id,
            AppointmentRow.status == _PLANNED,
            AppointmentRow.start >= after,
        )

    def of_participant(self, participant_id: int) -> list[AppointmentView]:
        """All of one participant's appointments, most recent first."""
        return self._views(AppointmentRow.participant_id == participant_id, newest_first=True)

    def of_series(self, series_id: str) -> list[Appointment]:
        """Every occurrence of a series, by start."""
        query = select(*_APPOINTMENT_COLUMNS).where(AppointmentRow.series_id == series_id)
        return [_appointment(row) for row in self.session.execute(query.order_by(AppointmentRow.start))]

    def of_participant_between(self, participant_id: int, start: datetime, end: datetime) -> list[Appointment]:
        """One person's appointments starting in ``[start, end)`` (clashes), by start."""
        query = select(*_APPOINTMENT_COLUMNS).where(
            AppointmentRow.participant_id == participant_id, AppointmentRow.start >= start, AppointmentRow.start < end
        )
        return [_appointment(row) for row in self.session.execute(query.order_by(AppointmentRow.start))]

    def next_planned(self, participant_id: int, after: datetime) -> Appointment | None:
        """The participant's earliest planned appointment starting at ``after`` or later."""
        row = self.session.execute(
            select(*_APPOINTMENT_COLUMNS)
            .where(
                AppointmentRow.participant_id == participant_id,
                AppointmentRow.status == _PLANNED,
                AppointmentRow.start >= after,
            )
            .order_by(AppointmentRow.start, AppointmentRow.id)
            .limit(1)
        ).first()
        return _appointment(row) if row else None

    def _views(self, *where: ColumnElement[bool], newest_first: bool = False) -> list[AppointmentView]:
        order = (
            (AppointmentRow.start.desc(), AppointmentRow.id.desc())
            if newest_first
            else (
                AppointmentRow.start,
                AppointmentRow.id,
            )
        )
        query = (
            select(*_APPOINTMENT_COLUMNS, *_PEOPLE)
            .join(ParticipantRow, ParticipantRow.id == AppointmentRow.participant_id)
            .where(*where)
            .order_by(*order)
        )
        return [
            AppointmentView(_appointment(row), row.file_number, row.last_name, row.first_name)
            for row in self.session.execute(query)
        ]

    def add(self, appointment: Appointment, now: datetime) -> int:
        row = AppointmentRow(uid=appointment.uid, created_at=now, updated_at=now)
        _fill_appointment(row, appointment)
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_many(self, appointments: list[Appointment], now: datetime) -> int:
        """Insert in one statement (demo data, imports); ids are not returned."""
        if appointments:
            rows = [
                {**_appointment_values(a), "uid": a.uid, "created_at": now, "updated_at": now} for a in appointments
            ]
            self.session.execute(table_of(AppointmentRow).insert(), rows)
        return len(appointments)

    def update(self, appointment: Appointment, now: datetime) -> bool:
        row = self.session.get(AppointmentRow, appointment.id)
        if row is None:
            return False
        _fill_appointment(row, appointment)
        row.updated_at = now
        self.session.flush()
        return True

    def delete(self, appointment_id: int) -> bool:
        result = self.session.execute(delete(AppointmentRow).where(AppointmentRow.id == appointment_id))
        return bool(affected(result))

    def contact_states(self, today: date) -> list[ContactState]:
        """One line per ongoing participant, its contacts summed up in SQL (never all rows loaded).

        ``last_done``: latest realised appointment starting before tomorrow; ``next_planned``: earliest
        planned one from today on; ``last_two_outcomes``: the two latest past Réalisé/Absent, newest first.
        """
        day, tomorrow = _midnight(today), _midnight(today + timedelta(days=1))
        a, p = AppointmentRow, ParticipantRow
        ongoing = or_(p.end_date.is_(None), p.end_date > today)
        # One short walk of ix_appointments_participant_start per person and figure, newest or oldest first,
        # stopping at the first match: the cost follows the people followed, not the years of history each
        # one has (a GROUP BY over every past appointment read them all, and grew with the file).
        mine = a.participant_id == p.id
        recorded = (mine, a.status.in_((_DONE, _ABSENT)), a.start < tomorrow)
        newest_first = (a.start.desc(), a.id.desc())
        last_done = select(a.start).where(mine, a.status == _DONE, a.start < tomorrow).order_by(*newest_first).limit(1)
        next_planned = select(a.start).where(mine, a.status == _PLANNED, a.start >= day).order_by(a.start).limit(1)
        outcome_1 = select(a.status).where(*recorded).order_by(*newest_first).limit(1)
        outcome_2 = select(a.status).where(*recorded).order_by(*newest_first).offset(1).limit(1)
        query = (
            select(
                p.id,
                *_PEOPLE,
                p.entry_date,
                p.end_date,
                p.cadence,
                p.justice_situation,
                p.planned_release_date,
                last_done.scalar_subquery().label("last_done"),
                next_planned.scalar_subquery().label("next_planned"),
                outcome_1.scalar_subquery().label("outcome_1"),
                outcome_2.scalar_subquery().label("outcome_2"),
            )
            .where(ongoing)
            .order_by(p.last_name, p.first_name, p.id)
        )
        return [
            ContactState(
                participant_id=r.id,
                file_number=r.file_number,
                last_name=r.last_name,
                first_name=r.first_name,
                entry_date=r.entry_date,
                end_date=r.end_date,
                cadence=Cadence(r.cadence) if r.cadence else None,
                justice_situation=JusticeSituation(r.justice_situation) if r.justice_situation else None,
                planned_release_date=r.planned_release_date,
                last_done=r.last_done.date() if r.last_done else None,
                next_planned=r.next_planned,
                last_two_outcomes=tuple(
                    AppointmentStatus(code) for code in (r.outcome_1, r.outcome_2) if code is not None
                ),
            )
            for r in self.session.execute(query)
        ]


# --- collective actions ---------------------------------------------------------------------------


def _action(row: CollectiveActionRow) -> CollectiveAction:
    return CollectiveAction(
        id=row.id,
        reference=row.reference,
        action_type=ActionType(row.action_type),
        title=row.title,
        start=row.start,
        duration_min=row.duration_min,
        place=row.place,
        partner=row.partner,
        uid=row.uid,
    )


def _fill_action(row: CollectiveActionRow, action: CollectiveAction) -> None:
    assert action.action_type is not None and action.start is not None  # validated by the service
    row.reference = action.reference
    row.action_type = action.action_type.value
    row.title = action.title
    row.start = action.start
    row.duration_min = action.duration_min
    row.place = action.place
    row.partner = action.partner


class ActionRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, action_id: int) -> CollectiveAction | None:
        row = self.session.get(CollectiveActionRow, action_id)
        return _action(row) if row else None

    def id_of_reference(self, reference: str) -> int | None:
        return self.session.scalar(select(CollectiveActionRow.id).where(CollectiveActionRow.reference == reference))

    def references(self, year: int) -> list[str]:
        pattern = f"AC-{year}-%"
        return list(
            self.session.scalars(
                select(CollectiveActionRow.reference).where(CollectiveActionRow.reference.like(pattern))
            )
        )

    def between(self, start: datetime | None, end: datetime | None) -> list[CollectiveAction]:
        """Actions starting in ``[start, end)`` (either bound optional), by start time."""
        query = select(CollectiveActionRow).order_by(CollectiveActionRow.start, CollectiveActionRow.id)
        if start is not None:
            query = query.where(CollectiveActionRow.start >= start)
        if end is not None:
            query = query.where(CollectiveActionRow.start < end)
        return [_action(row) for row in self.session.scalars(query)]

    def summaries(self, start: datetime | None, end: datetime | None) -> list[tuple[CollectiveAction, int, int, int]]:
        """(action, registered, present, absent), most recent first."""
        act, reg = CollectiveActionRow, RegistrationRow
        query = (
            select(
                act,
                func.count(reg.participant_id),
                func.count(case((reg.attendance == Attendance.PRESENT.value, 1))),
                func.count(case((reg.attendance == Attendance.ABSENT.value, 1))),
            )
            .outerjoin(reg, reg.action_id == act.id)
            .group_by(act.id)
            .order_by(act.start.desc(), act.id.desc())
        )
        if start is not None:
            query = query.where(act.start >= start)
        if end is not None:
            query = query.where(act.start < end)
        return [(_action(row), n, present, absent) for row, n, present, absent in self.session.execute(query)]

    def add(self, action: CollectiveAction, now: datetime) -> int:
        row = CollectiveActionRow(uid=action.uid, created_at=now, updated_at=now)
        _fill_action(row, action)
        self.session.add(row)
        self.session.flush()
        return row.id

    def update(self, action: CollectiveAction, now: datetime) -> bool:
        row = self.session.get(CollectiveActionRow, action.id)
        if row is None:
            return False
        _fill_action(row, action)
        row.updated_at = now
        self.session.flush()
        return True

    def delete(self, action_id: int) -> bool:
        result = self.session.execute(delete(CollectiveActionRow).where(CollectiveActionRow.id == action_id))
        return bool(affected(result))

    # --- registrations ----------------------------------------------------------------------------

    def registrations(self, action_id: int) -> list[Registration]:
        query = (
            select(RegistrationRow.participant_id, *_PEOPLE, RegistrationRow.attendance, RegistrationRow.uid)
            .join(ParticipantRow, ParticipantRow.id == RegistrationRow.participant_id)
            .where(RegistrationRow.action_id == action_id)
            .order_by(ParticipantRow.last_name, ParticipantRow.first_name, ParticipantRow.id)
        )
        return [
            Registration(pid, file_number, last, first, Attendance(att) if att else None, uid)
            for pid, file_number, last, first, att, uid in self.session.execute(query)
        ]

    def register(self, action_id: int, participant_id: int, attendance: Attendance | None = None) -> bool:
        """Add the registration; False (and nothing changed) when it already exists."""
        if self.session.get(RegistrationRow, (action_id, participant_id)) is not None:
            return False
        self.session.add(
            RegistrationRow(
                action_id=action_id,
                participant_id=participant_id,
                attendance=attendance.value if attendance else None,
            )
        )
        self.session.flush()
        return True

    def unregister(self, action_id: int, participant_id: int) -> bool:
        result = self.session.execute(
            delete(RegistrationRow).where(
                RegistrationRow.action_id == action_id, RegistrationRow.participant_id == participant_id
            )
        )
        return bool(affected(result))

    def set_attendance(self, action_id: int, participant_id: int, attendance: Attendance | None) -> bool:
        row = self.session.get(RegistrationRow, (action_id, participant_id))
        if row is None:
            return False
        row.attendance = attendance.value if attendance else None
        self.session.flush()
        return True

    def add_registrations(
        self, rows: Sequence[tuple[int, int, Attendance | None] | tuple[int, int, Attendance | None, str | None]]
    ) -> None:
        """(action id, participant id, attendance[, uid]) in one statement, for freshly created actions; a
        registration without a uid (or with None) gets a new one."""
        if rows:
            self.session.execute(
                table_of(RegistrationRow).insert(),
                [
                    {
                        "action_id": row[0],
                        "participant_id": row[1],
                        "attendance": row[2].value if row[2] else None,
                        "uid": (row[3] if len(row) > 3 else None) or new_uid(),
                    }
                    for row in rows
                ],
            )

    def of_participant(self, participant_id: int) -> list[ParticipantAction]:
        query = (
            select(CollectiveActionRow, RegistrationRow.attendance)
            .join(RegistrationRow, RegistrationRow.action_id == CollectiveActionRow.id)
            .where(RegistrationRow.participant_id == participant_id)
            .order_by(CollectiveActionRow.start.desc(), CollectiveActionRow.id.desc())
        )
        return [
            ParticipantAction(_action(row), Attendance(att) if att else None)
            for row, att in self.session.execute(query)
        ]
