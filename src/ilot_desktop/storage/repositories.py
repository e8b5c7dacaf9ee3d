"""Repositories: the only place rows become domain objects and back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ilot_desktop.domain.fields import FIELDS, domain_value, stored_value
from ilot_desktop.domain.participant import Participant, ParticipantSummary
from ilot_desktop.domain.vocabulary import JusticeSituation
from ilot_desktop.storage.tables import ParticipantRow, SettingRow


def _to_domain(row: ParticipantRow) -> Participant:
    """Codes become choices as ``domain/fields.py`` says, field by field."""
    values = {f.name: domain_value(f, getattr(row, f.name)) for f in FIELDS}
    return Participant(id=row.id, uid=row.uid, **values)  # type: ignore[arg-type]


def _fill_row(row: ParticipantRow, participant: Participant) -> None:
    for f in FIELDS:
        setattr(row, f.name, stored_value(f, getattr(participant, f.name)))


class ParticipantRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, participant_id: int) -> Participant | None:
        row = self.session.get(ParticipantRow, participant_id)
        return _to_domain(row) if row else None

    def by_uid(self, uid: str) -> Participant | None:
        row = self.session.scalar(select(ParticipantRow).where(ParticipantRow.uid == uid))
        return _to_domain(row) if row else None

    def by_file_number(self, file_number: str) -> Participant | None:
        row = self.session.scalar(select(ParticipantRow).where(ParticipantRow.file_number == file_number))
        return _to_domain(row) if row else None

    def summaries(self) -> list[ParticipantSummary]:
        columns = (
            ParticipantRow.id,
            ParticipantRow.file_number,
            ParticipantRow.last_name,
            ParticipantRow.first_name,
            ParticipantRow.birth_date,
            ParticipantRow.entry_date,
            ParticipantRow.end_date,
            ParticipantRow.justice_situation,
            ParticipantRow.planned_release_date,
            ParticipantRow.anonymised_on,
        )
        result = self.session.execute(select(*columns).order_by(ParticipantRow.last_name, ParticipantRow.id))
        return [
            ParticipantSummary(
                id=r.id,
                file_number=r.file_number,
                last_name=r.last_name,
                first_name=r.first_name,
                birth_date=r.birth_date,
                entry_date=r.entry_date,
                end_date=r.end_date,
                justice_situation=JusticeSituation(r.justice_situation) if r.justice_situation else None,
                planned_release_date=r.planned_release_date,
                anonymised=r.anonymised_on is not None,
            )
            for r in result
        ]

    def file_numbers(self) -> list[str]:
        return list(self.session.scalars(select(ParticipantRow.file_number)))

    def identities(self) -> list[tuple[int, str, str, object]]:
        return [
            (r.id, r.last_name, r.first_name, r.birth_date)
            for r in self.session.execute(
                select(
                    ParticipantRow.id,
                    ParticipantRow.last_name,
                    ParticipantRow.first_name,
                    ParticipantRow.birth_date,
                )
            )
        ]

    def add(self, participant: Participant, now: datetime) -> int:
        row = ParticipantRow(uid=participant.uid, created_at=now, updated_at=now)  # the uid never changes after
        _fill_row(row, participant)
        self.session.add(row)
        self.session.flush()
        return row.id

    def update(self, participant: Participant, now: datetime) -> bool:
        row = self.session.get(ParticipantRow, participant.id)
        if row is None:
            return False
        _fill_row(row, participant)
        row.updated_at = now
        self.session.flush()
        return True

    def delete(self, participant_id: int) -> bool:
        row = self.session.get(ParticipantRow, participant_id)
        if row is None:
            return False
        self.session.delete(row)
        self.session.flush()
        return True


class SettingsRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, key: str) -> str | None:
        row = self.session.get(SettingRow, key)
        return row.value if row else None

    def delete(self, key: str) -> None:
        row = self.session.get(SettingRow, key)
        if row is not None:
            self.session.delete(row)
            self.session.flush()

    def set(self, key: str, value: str) -> None:
        row = self.session.get(SettingRow, key)
        if row is None:
            self.session.add(SettingRow(key=key, value=value))
        else:
            row.value = value
        self.session.flush()
