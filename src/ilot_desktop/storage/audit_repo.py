"""The access log's rows: add, read (with the file's current number), purge."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ilot_desktop.domain.audit import AuditEvent, clean_actor, clean_detail
from ilot_desktop.storage.tables import AuditEventRow, ParticipantRow


class AuditRepository:
    def __init__(self, session: Session):
        self.session = session

    def add(self, at: datetime, actor: str, action: str, participant_id: int | None = None, detail: str = "") -> None:
        self.session.add(
            AuditEventRow(
                at=at.replace(microsecond=0),
                actor=clean_actor(actor),
                action=action,
                participant_id=participant_id,
                detail=clean_detail(detail),
            )
        )  # written at commit: on a read-only copy, the commit is what fails, in words

    def events(self, since: datetime | None = None, participant_id: int | None = None) -> list[AuditEvent]:
        """Most recent first; each with the file's current number (None when the file is gone)."""
        query = select(AuditEventRow, ParticipantRow.file_number).outerjoin(
            ParticipantRow, ParticipantRow.id == AuditEventRow.participant_id
        )
        if since is not None:
            query = query.where(AuditEventRow.at >= since)
        if participant_id is not None:
            query = query.where(AuditEventRow.participant_id == participant_id)
        query = query.order_by(AuditEventRow.at.desc(), AuditEventRow.id.desc())
        return [
            AuditEvent(
                at=row.at,
                actor=row.actor,
                action=row.action,
                participant_id=row.participant_id,
                detail=row.detail,
                file_number=number,
                id=row.id,
            )
            for row, number in self.session.execute(query)
        ]

    def replace_in_details(self, participant_id: int, old: str, new: str) -> None:
        """An anonymised file's old number leaves its log lines (a number noted by the window, say)."""
        for row in self.session.scalars(select(AuditEventRow).where(AuditEventRow.participant_id == participant_id)):
            if old and old in row.detail:
                row.detail = clean_detail(row.detail.replace(old, new))

    def purge_before(self, cutoff: datetime) -> int:
        """Mark the events before ``cutoff`` for deletion (done at commit); returns how many."""
        rows = list(self.session.scalars(select(AuditEventRow).where(AuditEventRow.at < cutoff)))
        for row in rows:
            self.session.delete(row)
        return len(rows)
