"""Barriers, their history, and the action plan's tasks: rows to domain objects and back.

A participant's barriers and tasks are read through the ``participant_id`` indexes; the overdue tasks of
"Ma semaine" through the ``(status, due_date)`` index, in one query.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.orm import Session

from ilot_desktop.domain.action_plan import OverdueTask, Task
from ilot_desktop.domain.barriers import Barrier, BarrierEvent, HistoryStep
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus, TaskOwner, TaskStatus
from ilot_desktop.storage.statements import affected, table_of
from ilot_desktop.storage.tables import BarrierEventRow, BarrierRow, ParticipantRow, TaskRow

_TODO = TaskStatus.TODO.value

# --- barriers -------------------------------------------------------------------------------------


def _barrier(row: BarrierRow) -> Barrier:
    return Barrier(
        id=row.id,
        participant_id=row.participant_id,
        category=BarrierCategory(row.category),
        item=row.item,
        status=BarrierStatus(row.status),
        identified_on=row.identified_on,
        lifted_on=row.lifted_on,
        partner=row.partner,
        comment=row.comment,
        uid=row.uid,
    )


def _barrier_values(b: Barrier) -> dict[str, object]:
    return {
        "participant_id": b.participant_id,
        "category": b.category.value if b.category else None,
        "item": b.item,
        "status": b.status.value,
        "identified_on": b.identified_on,
        "lifted_on": b.lifted_on,
        "partner": b.partner,
        "comment": b.comment,
    }


def _event(row: BarrierEventRow) -> BarrierEvent:
    return BarrierEvent(
        barrier_id=row.barrier_id, on=row.on, status=BarrierStatus(row.status), partner=row.partner, uid=row.uid
    )


class BarrierRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, barrier_id: int) -> Barrier | None:
        row = self.session.get(BarrierRow, barrier_id)
        return _barrier(row) if row else None

    def of_participant(self, participant_id: int) -> list[Barrier]:
        """In storage order; the service sorts them for the checklist."""
        query = select(BarrierRow).where(BarrierRow.participant_id == participant_id).order_by(BarrierRow.id)
        return [_barrier(row) for row in self.session.scalars(query)]

    def open_categories(self, participant_id: int) -> set[BarrierCategory]:
        """Categories where the participant has a barrier not lifted yet."""
        query = select(BarrierRow.category).where(
            BarrierRow.participant_id == participant_id, BarrierRow.status != BarrierStatus.LIFTED.value
        )
        return {BarrierCategory(code) for code in self.session.scalars(query.distinct())}

    def items(self, participant_ids: set[int]) -> list[tuple[int, int, BarrierCategory, str]]:
        """(id, participant id, category, item) of these participants' barriers (uniqueness checks)."""
        query = select(BarrierRow.id, BarrierRow.participant_id, BarrierRow.category, BarrierRow.item).where(
            BarrierRow.participant_id.in_(participant_ids)
        )
        return [(i, pid, BarrierCategory(c), item) for i, pid, c, item in self.session.execute(query)]

    def add(self, barrier: Barrier, now: datetime) -> int:
        row = BarrierRow(**_barrier_values(barrier), uid=barrier.uid, created_at=now, updated_at=now)
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_many(self, barriers: list[Barrier], now: datetime) -> list[int]:
        """Insert several (demo data, imports); their ids, in the same order."""
        rows = [BarrierRow(**_barrier_values(b), uid=b.uid, created_at=now, updated_at=now) for b in barriers]
        self.session.add_all(rows)
        self.session.flush()
        return [row.id for row in rows]

    def update(self, barrier: Barrier, now: datetime) -> bool:
        row = self.session.get(BarrierRow, barrier.id)
        if row is None:
            return False
        for name, value in _barrier_values(barrier).items():
            setattr(row, name, value)
        row.updated_at = now
        self.session.flush()
        return True

    def delete(self, barrier_id: int) -> bool:
        """Its events go with it (cascade); tasks linked to it keep going, unlinked (set null)."""
        result = self.session.execute(delete(BarrierRow).where(BarrierRow.id == barrier_id))
        return bool(affected(result))

    # --- history ----------------------------------------------------------------------------------

    def add_event(self, event: BarrierEvent) -> None:
        self.add_events([event])

    def add_events(self, events: list[BarrierEvent]) -> None:
        if events:
            self.session.execute(
                table_of(BarrierEventRow).insert(),
                [
                    {
                        "barrier_id": e.barrier_id,
                        "on": e.on,
                        "status": e.status.value,
                        "partner": e.partner,
                        "uid": e.uid,
                    }
                    for e in events
                ],
            )

    def add_histories(
        self, steps: list[tuple[int, list[HistoryStep]]], uids: list[list[str | None]] | None = None
    ) -> None:
        """(barrier id, its steps) each, in one statement. ``uids``: per barrier, the identifiers its steps
        keep (an import from another vault); a step without one gets a new one."""
        given = uids or [[] for _ in steps]
        self.add_events(
            [
                BarrierEvent(barrier_id, on, status, partner, **({"uid": uid} if uid else {}))
                for (barrier_id, path), path_uids in zip(steps, given, strict=True)
                for (on, status, partner), uid in zip(path, [*path_uids, *[None] * len(path)], strict=False)
            ]
        )

    def events(self, barrier_id: int) -> list[BarrierEvent]:
        """Chronological (same day: in the order they were recorded)."""
        query = (
            select(BarrierEventRow)
            .where(BarrierEventRow.barrier_id == barrier_id)
            .order_by(BarrierEventRow.on, BarrierEventRow.id)
        )
        return [_event(row) for row in self.session.scalars(query)]

    def events_of_participant(self, participant_id: int) -> dict[int, list[BarrierEvent]]:
        query = (
            select(BarrierEventRow)
            .join(BarrierRow, BarrierRow.id == BarrierEventRow.barrier_id)
            .where(BarrierRow.participant_id == participant_id)
            .order_by(BarrierEventRow.barrier_id, BarrierEventRow.on, BarrierEventRow.id)
        )
        histories: dict[int, list[BarrierEvent]] = {}
        for row in self.session.scalars(query):
            histories.setdefault(row.barrier_id, []).append(_event(row))
        return histories

    def correct_event(
        self, barrier_id: int, *, first: bool, on: date | None = None, partner: str | None = None
    ) -> None:
        """Correct the first (identification) or the latest step after the barrier itself was corrected."""
        order = (
            (BarrierEventRow.on, BarrierEventRow.id)
            if first
            else (BarrierEventRow.on.desc(), BarrierEventRow.id.desc())
        )
        row = self.session.scalar(
            select(BarrierEventRow).where(BarrierEventRow.barrier_id == barrier_id).order_by(*order).limit(1)
        )
        if row is None:
            return
        if on is not None:
            row.on = on
        if partner is not None:
            row.partner = partner
        self.session.flush()


# --- tasks ----------------------------------------------------------------------------------------


_TASK_COLUMNS = (
    TaskRow.id,
    TaskRow.participant_id,
    TaskRow.description,
    TaskRow.owner,
    TaskRow.due_date,
    TaskRow.status,
    TaskRow.barrier_id,
    TaskRow.created_on,
    TaskRow.done_on,
    TaskRow.uid,
)


def _task(row: Any) -> Task:
    """From a ``TaskRow`` or a result row of ``_TASK_COLUMNS`` (same names)."""
    return Task(
        id=row.id,
        participant_id=row.participant_id,
        description=row.description,
        owner=TaskOwner(row.owner),
        due_date=row.due_date,
        status=TaskStatus(row.status),
        barrier_id=row.barrier_id,
        created_on=row.created_on,
        done_on=row.done_on,
        uid=row.uid,
    )


def _task_values(t: Task) -> dict[str, object]:
    return {
        "participant_id": t.participant_id,
        "description": t.description,
        "owner": t.owner.value,
        "due_date": t.due_date,
        "status": t.status.value,
        "barrier_id": t.barrier_id,
        "created_on": t.created_on,
        "done_on": t.done_on,
    }


class TaskRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, task_id: int) -> Task | None:
        row = self.session.get(TaskRow, task_id)
        return _task(row) if row else None

    def of_participant(self, participant_id: int, include_closed: bool = True) -> list[Task]:
        """Tasks to do first, soonest due first (undated last); then done or dropped, latest closed first."""
        t = TaskRow
        closed = t.status != _TODO
        closed_on = func.coalesce(t.done_on, func.date(t.updated_at))
        query = (
            select(*_TASK_COLUMNS)
            .where(t.participant_id == participant_id)
            .order_by(
                closed,
                case((closed, None), else_=t.due_date.is_(None)),
                case((closed, None), else_=t.due_date),
                case((closed, closed_on), else_=None).desc(),
                case((closed, t.updated_at), else_=None).desc(),
                case((closed, -t.id), else_=t.id),
            )
        )
        if not include_closed:
            query = query.where(t.status == _TODO)
        return [_task(row) for row in self.session.execute(query)]

    def open_descriptions(self, participant_id: int) -> list[str]:
        query = select(TaskRow.description).where(TaskRow.participant_id == participant_id, TaskRow.status == _TODO)
        return list(self.session.scalars(query))

    def overdue(self, today: date) -> list[OverdueTask]:
        """Tasks to do whose date has passed, of people still followed on ``today``, oldest first.

        The task filter is ``domain.action_plan.is_overdue`` in SQL (status to do, due before ``today``):
        ``tests/integration/test_plan_service.py`` holds the two together."""
        t, p = TaskRow, ParticipantRow
        query = (
            select(*_TASK_COLUMNS, p.file_number, p.last_name, p.first_name)
            .join(p, p.id == t.participant_id)
            .where(t.status == _TODO, t.due_date < today, or_(p.end_date.is_(None), p.end_date > today))
            .order_by(t.due_date, p.last_name, p.first_name, t.id)
        )
        return [
            OverdueTask(_task(row), row.file_number, row.last_name, row.first_name)
            for row in self.session.execute(query)
        ]

    def add(self, task: Task, now: datetime) -> int:
        row = TaskRow(**_task_values(task), uid=task.uid, created_at=now, updated_at=now)
        self.session.add(row)
        self.session.flush()
        return row.id

    def add_many(self, tasks: list[Task], now: datetime) -> int:
        """Insert in one statement (demo data, imports); ids are not returned."""
        if tasks:
            rows = [{**_task_values(t), "uid": t.uid, "created_at": now, "updated_at": now} for t in tasks]
            self.session.execute(table_of(TaskRow).insert(), rows)
        return len(tasks)

    def update(self, task: Task, now: datetime) -> bool:
        result = self.session.execute(
            update(TaskRow).where(TaskRow.id == task.id).values(**_task_values(task), updated_at=now)
        )
        return bool(affected(result))

    def delete(self, task_id: int) -> bool:
        result = self.session.execute(delete(TaskRow).where(TaskRow.id == task_id))
        return bool(affected(result))
