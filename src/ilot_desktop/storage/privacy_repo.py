"""Retention, anonymisation and erasure on the rows (the rules are in ``domain/privacy.py``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select, update
from sqlalchemy.orm import Session

from ilot_desktop.domain.privacy import anonymised_items, anonymised_partner
from ilot_desktop.domain.vocabulary import AppointmentStatus, Attendance, BarrierCategory
from ilot_desktop.storage.tables import (
    AppointmentRow,
    BarrierEventRow,
    BarrierRow,
    CollectiveActionRow,
    OutcomeRow,
    ParticipantRow,
    RegistrationRow,
    TaskRow,
)


class PrivacyRepository:
    def __init__(self, session: Session):
        self.session = session

    # --- retention --------------------------------------------------------------------------------

    def closed_files_contacts(self) -> list[tuple[int, str, date, date, list[date | None]]]:
        """(id, file number, entry, end, [last appointment done, last outcome, last action attended])
        for every closed file not yet anonymised, in one query."""
        done = (
            select(func.max(AppointmentRow.start))
            .where(
                AppointmentRow.participant_id == ParticipantRow.id,
                AppointmentRow.status == AppointmentStatus.DONE.value,
            )
            .scalar_subquery()
        )
        outcome = select(func.max(OutcomeRow.on)).where(OutcomeRow.participant_id == ParticipantRow.id)
        attended = (
            select(func.max(CollectiveActionRow.start))
            .join(RegistrationRow, RegistrationRow.action_id == CollectiveActionRow.id)
            .where(
                RegistrationRow.participant_id == ParticipantRow.id,
                RegistrationRow.attendance == Attendance.PRESENT.value,
            )
            .scalar_subquery()
        )
        query = (
            select(
                ParticipantRow.id,
                ParticipantRow.file_number,
                ParticipantRow.entry_date,
                ParticipantRow.end_date,
                done,
                outcome.scalar_subquery(),
                attended,
            )
            .where(ParticipantRow.end_date.is_not(None), ParticipantRow.anonymised_on.is_(None))
            .order_by(ParticipantRow.end_date, ParticipantRow.id)
        )
        return [
            (pid, number, entry, end, [_day(d), _day(o), _day(a)])
            for pid, number, entry, end, d, o, a in self.session.execute(query)
            if end is not None  # always, by the query: said for the type
        ]

    # --- anonymisation ----------------------------------------------------------------------------

    def anonymise_records(self, participant_id: int) -> None:
        """Everything around the file: free texts emptied, typed barrier items and partners replaced,
        the action plan's tasks removed. What the indicators read stays."""
        s = self.session
        s.execute(
            update(AppointmentRow)
            .where(AppointmentRow.participant_id == participant_id)
            .values(place="", report="", next_steps="")
        )
        s.execute(
            update(OutcomeRow)
            .where(OutcomeRow.participant_id == participant_id)
            .values(employer="", sector="", comment="")
        )
        s.execute(delete(TaskRow).where(TaskRow.participant_id == participant_id))
        barriers = list(s.scalars(select(BarrierRow).where(BarrierRow.participant_id == participant_id)))
        items = anonymised_items((b.id, BarrierCategory(b.category), b.item) for b in barriers)
        for b in barriers:  # out of the way first: the (person, category, item) pair is unique
            b.item = f"~{b.id}"
        s.flush()
        for b in barriers:
            b.item = items[b.id]
            b.partner = anonymised_partner(b.partner)
            b.comment = ""
        s.flush()
        ids = [b.id for b in barriers]
        if ids:
            for event in s.scalars(select(BarrierEventRow).where(BarrierEventRow.barrier_id.in_(ids))):
                event.partner = anonymised_partner(event.partner)
            s.flush()

    # --- erasure ----------------------------------------------------------------------------------

    def records_of(self, participant_id: int) -> dict[str, int]:
        """How many records of each kind the participant has (what an erasure removes)."""
        s = self.session

        def count(table: Any, *where: ColumnElement[bool]) -> int:
            return s.scalar(select(func.count()).select_from(table).where(*where)) or 0

        barrier_ids = select(BarrierRow.id).where(BarrierRow.participant_id == participant_id)
        return {
            "appointments": count(AppointmentRow, AppointmentRow.participant_id == participant_id),
            "barriers": count(BarrierRow, BarrierRow.participant_id == participant_id),
            "barrier_events": count(BarrierEventRow, BarrierEventRow.barrier_id.in_(barrier_ids)),
            "tasks": count(TaskRow, TaskRow.participant_id == participant_id),
            "registrations": count(RegistrationRow, RegistrationRow.participant_id == participant_id),
            "outcomes": count(OutcomeRow, OutcomeRow.participant_id == participant_id),
        }

    def erase(self, participant_id: int) -> None:
        """The participant row; the database cascades to every record about them."""
        self.session.execute(delete(ParticipantRow).where(ParticipantRow.id == participant_id))


def _day(value: datetime | date | str | None) -> date | None:
    if value is None:
        return None
    if isinstance(value, str):  # aggregates over DateTime come back as text from SQLite
        return datetime.fromisoformat(value).date()
    return value.date() if isinstance(value, datetime) else value
