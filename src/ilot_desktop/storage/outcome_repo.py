"""Outcomes: rows to domain objects and back."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.vocabulary import DropoutReason, OutcomeType, WorkingTime
from ilot_desktop.storage.tables import OutcomeRow


def _outcome(row: OutcomeRow) -> Outcome:
    return Outcome(
        id=row.id,
        participant_id=row.participant_id,
        on=row.on,
        outcome_type=OutcomeType(row.outcome_type),
        dropout_reason=DropoutReason(row.dropout_reason) if row.dropout_reason else None,
        employer=row.employer,
        sector=row.sector,
        working_time=WorkingTime(row.working_time) if row.working_time else None,
        comment=row.comment,
        uid=row.uid,
    )


def _fill(row: OutcomeRow, outcome: Outcome) -> None:
    assert outcome.participant_id is not None and outcome.on is not None and outcome.outcome_type is not None
    row.participant_id = outcome.participant_id
    row.on = outcome.on
    row.outcome_type = outcome.outcome_type.value
    row.dropout_reason = outcome.dropout_reason.value if outcome.dropout_reason else None
    row.employer = outcome.employer
    row.sector = outcome.sector
    row.working_time = outcome.working_time.value if outcome.working_time else None
    row.comment = outcome.comment


class OutcomeRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, outcome_id: int) -> Outcome | None:
        row = self.session.get(OutcomeRow, outcome_id)
        return _outcome(row) if row else None

    def of_participant(self, participant_id: int) -> list[Outcome]:
        """Most recent first."""
        rows = self.session.scalars(
            select(OutcomeRow)
            .where(OutcomeRow.participant_id == participant_id)
            .order_by(OutcomeRow.on.desc(), OutcomeRow.id.desc())
        )
        return [_outcome(row) for row in rows]

    def all(self) -> list[Outcome]:
        rows = self.session.scalars(select(OutcomeRow).order_by(OutcomeRow.participant_id, OutcomeRow.on))
        return [_outcome(row) for row in rows]

    def add(self, outcome: Outcome, now: datetime) -> int:
        row = OutcomeRow(uid=outcome.uid, created_at=now, updated_at=now)
        _fill(row, outcome)
        self.session.add(row)
        self.session.flush()
        return row.id

    def update(self, outcome: Outcome, now: datetime) -> bool:
        row = self.session.get(OutcomeRow, outcome.id)
        if row is None:
            return False
        _fill(row, outcome)
        row.updated_at = now
        self.session.flush()
        return True

    def delete(self, outcome_id: int) -> bool:
        row = self.session.get(OutcomeRow, outcome_id)
        if row is None:
            return False
        self.session.delete(row)
        self.session.flush()
        return True
