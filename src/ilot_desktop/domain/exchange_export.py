"""The exchange workbook's rows from a vault (data-exchange.md section 1): what the full export writes.

Pure: storage builds a ``VaultSnapshot`` in a few queries; ``export_rows`` turns it into rows of cell values
per sheet, in the layout's column order, barrier histories included (``Historique des freins``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.barriers import Barrier, HistoryStep, category_rank, first_history
from ilot_desktop.domain.exchange import (
    ACTIONS,
    APPOINTMENTS,
    BARRIERS,
    HISTORY,
    OUTCOMES,
    PARTICIPANTS,
    PARTICIPATIONS,
)
from ilot_desktop.domain.fields import Field, exchange_fields
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import Attendance, BarrierStatus, LabelledEnum


@dataclass
class VaultSnapshot:
    """Everything the exchange workbook holds, as read from a vault (storage builds it in a few queries)."""

    participants: list[Participant] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    barriers: list[Barrier] = field(default_factory=list)
    actions: list[CollectiveAction] = field(default_factory=list)
    registrations: list[tuple[int, int, Attendance | None]] = field(default_factory=list)  # action, person
    outcomes: list[Outcome] = field(default_factory=list)
    histories: dict[int, list[HistoryStep]] = field(default_factory=dict)  # barrier id -> its steps, in order
    registration_uids: dict[tuple[int, int], str] = field(default_factory=dict)  # (action, person) -> uid
    history_uids: dict[int, list[str]] = field(default_factory=dict)  # barrier id -> its steps' uids, in order


def _start(value: datetime | None) -> datetime:
    """A stored appointment's or action's start (a column that is never empty)."""
    if value is None:
        raise ValueError("a stored record has no start")
    return value


def _day(value: date | None) -> date:
    return value if value is not None else date.min


def _label(value: LabelledEnum | None) -> str | None:
    return value.label if value is not None else None


def _blank(text: str) -> str | None:
    return text if text else None


_PARTICIPANT_FIELDS = exchange_fields()


def _cell(f: Field, value: object) -> object:
    """A field's value as the export writes it: a label for a choice, an optional empty text left blank."""
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, str) and not f.required:
        return _blank(value)
    return value


def participant_row(p: Participant) -> tuple[object, ...]:
    """A participant's row of ``Participants``, in the layout's column order (``domain/fields.py``)."""
    return (*(_cell(f, getattr(p, f.name)) for f in _PARTICIPANT_FIELDS), p.uid)


def export_rows(snapshot: VaultSnapshot) -> dict[str, list[tuple[object, ...]]]:
    """Sheet name -> rows of cell values in the layout's column order (dates as ``date``, ``None`` empty).

    The order does not depend on database ids except between records a workbook cannot tell apart, where
    the oldest comes first; importing then exporting again gives the same rows in the same order.
    """
    numbers = {p.id: p.file_number for p in snapshot.participants}
    actions = {a.id: a for a in snapshot.actions}
    people = sorted(snapshot.participants, key=lambda p: (p.file_number, p.id or 0))
    appointments = sorted(
        (a for a in snapshot.appointments if a.participant_id in numbers),
        key=lambda a: (numbers[a.participant_id], a.start, a.id or 0),
    )
    barriers = sorted(
        (b for b in snapshot.barriers if b.participant_id in numbers),
        key=lambda b: (numbers[b.participant_id], category_rank(b.category), _day(b.identified_on), b.id or 0),
    )
    ordered_actions = sorted(snapshot.actions, key=lambda a: (_start(a.start).date(), a.reference))
    registrations = sorted(
        (r for r in snapshot.registrations if r[0] in actions and r[1] in numbers),
        key=lambda r: (_start(actions[r[0]].start).date(), actions[r[0]].reference, numbers[r[1]]),
    )
    outcomes = sorted(
        (o for o in snapshot.outcomes if o.participant_id in numbers),
        key=lambda o: (numbers[o.participant_id], o.on, o.id or 0),
    )
    return {
        PARTICIPANTS.name: [participant_row(p) for p in people],
        APPOINTMENTS.name: [
            (
                numbers[a.participant_id],
                _start(a.start).date(),
                _start(a.start).strftime("%H:%M"),
                a.duration_min,
                _label(a.kind),
                _label(a.status),
                _blank(a.report),
                a.uid,
            )
            for a in appointments
        ],
        BARRIERS.name: [
            (
                numbers[b.participant_id],
                _label(b.category),
                _label(b.status),
                b.identified_on,
                b.lifted_on,
                _blank(b.partner),
                _blank(b.comment),
                b.uid,
            )
            for b in barriers
        ],
        ACTIONS.name: [
            (a.reference, _start(a.start).date(), _label(a.action_type), a.title, _blank(a.partner), a.uid)
            for a in ordered_actions
        ],
        PARTICIPATIONS.name: [
            (actions[a].reference, numbers[p], _label(attendance), snapshot.registration_uids.get((a, p)))
            for a, p, attendance in registrations
        ],
        HISTORY.name: [
            (numbers[b.participant_id], _label(b.category), _blank(b.item), day, _label(status), _blank(partner), uid)
            for b in barriers
            for (day, status, partner), uid in _history_with_uids(b, snapshot)
        ],
        OUTCOMES.name: [
            (
                numbers[o.participant_id],
                o.on,
                _label(o.outcome_type),
                _label(o.dropout_reason),
                _blank(o.employer),
                _blank(o.comment),
                o.uid,
            )
            for o in outcomes
        ],
    }


def _history_with_uids(b: Barrier, snapshot: VaultSnapshot) -> list[tuple[HistoryStep, str | None]]:
    """The barrier's exported path, each step with its stored identifier (none for a rebuilt path)."""
    stored = snapshot.histories.get(b.id, []) if b.id else []
    steps = exported_history(b, stored)
    uids: list[str | None] = list(snapshot.history_uids.get(b.id, [])) if b.id and steps is stored else []
    return list(zip(steps, uids + [None] * (len(steps) - len(uids)), strict=True))


def exported_history(b: Barrier, steps: list[HistoryStep]) -> list[HistoryStep]:
    """The stored path, written so that it imports back: files saved before ``first_history`` hold, for a
    barrier noted already lifted, one ``Levé`` step dated on its identification; it is written as identified,
    then lifted on its lifting date (the rule of ``validate_history``)."""
    if (
        len(steps) == 1
        and b.status is BarrierStatus.LIFTED
        and steps[0][1] is BarrierStatus.LIFTED
        and b.lifted_on is not None
        and steps[0][0] != b.lifted_on
        and steps[0][0] == b.identified_on
    ):
        return first_history(b)
    return steps
