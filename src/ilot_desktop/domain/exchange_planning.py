"""The import planner's shared state and helpers (``exchange_plan.py`` plans the sheets with them).

Pure. ``ImportPlan`` is what an import would write; ``Planning`` holds the workbook, the vault's snapshot,
the plan being made and the people and actions rows may refer to, and reports problems at their cells.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol, TypeVar

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.barriers import Barrier, HistoryStep
from ilot_desktop.domain.exchange import ImportPreview, ImportProblem, ProblemList, SheetLayout
from ilot_desktop.domain.exchange_export import VaultSnapshot
from ilot_desktop.domain.exchange_keys import CELL_OF, normalize_key
from ilot_desktop.domain.exchange_parse import ParsedRow, ParsedSheet, ParsedWorkbook
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.identity import normalised_uid
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import Attendance

R = TypeVar("R")
Refused = object()  # ``record_by_uid``: the row was refused (its problem reported)


class _Record(Protocol):
    uid: str
    participant_id: int | None


T = TypeVar("T", bound=_Record)
Identity = tuple[str, str, date | None]  # folded name, first name, birth date (``exchange_keys.identity``)


@dataclass(frozen=True)
class PlannedPerson:
    """A participant a row may refer to: in the vault (``id``), in the workbook, or both."""

    id: int | None
    entry_date: date | None
    end_date: date | None
    valid: bool = True


@dataclass(frozen=True)
class PlannedAction:
    id: int | None
    action: CollectiveAction | None  # None when its row was refused


@dataclass
class ImportPlan:
    """Records to create (children of new participants refer to them by file number) and to update."""

    preview: ImportPreview = field(default_factory=ImportPreview)
    new_participants: list[Participant] = field(default_factory=list)
    updated_participants: list[Participant] = field(default_factory=list)
    new_actions: list[CollectiveAction] = field(default_factory=list)
    updated_actions: list[CollectiveAction] = field(default_factory=list)
    new_appointments: list[tuple[str, Appointment]] = field(default_factory=list)
    updated_appointments: list[Appointment] = field(default_factory=list)
    new_barriers: list[tuple[str, Barrier, list[HistoryStep]]] = field(default_factory=list)
    # row, before, after, steps to add from the sheet (None: a change of status joins the stored history)
    updated_barriers: list[tuple[int, Barrier, Barrier, list[HistoryStep] | None]] = field(default_factory=list)
    step_uids: dict[str, list[str | None]] = field(default_factory=dict)  # new barrier's uid -> its steps' uids
    new_registrations: list[tuple[str, str, Attendance | None, str | None]] = field(default_factory=list)  # ref,
    # number, attendance, the identifier the row gives (None: a new one)
    updated_registrations: list[tuple[int, int, Attendance | None]] = field(default_factory=list)  # ids
    new_outcomes: list[tuple[str, Outcome]] = field(default_factory=list)
    updated_outcomes: list[Outcome] = field(default_factory=list)
    known_people: dict[str, int] = field(default_factory=dict)  # normalised file number -> id in the vault
    known_actions: dict[str, int] = field(default_factory=dict)  # normalised reference -> id in the vault

    @property
    def problems(self) -> list[ImportProblem]:
        return self.preview.problems


class Planning:
    """What every part of the planner shares: the inputs, the plan, the people and actions, the tallies."""

    def __init__(self, parsed: ParsedWorkbook, snapshot: VaultSnapshot, today: date):
        self.parsed = parsed
        self.snapshot = snapshot
        self.today = today
        self.plan = ImportPlan(
            preview=ImportPreview(problems=ProblemList(parsed.problems), warnings=list(parsed.warnings)),
            known_people={normalize_key(p.file_number): p.id for p in snapshot.participants if p.id is not None},
            known_actions={normalize_key(a.reference): a.id for a in snapshot.actions if a.id is not None},
        )
        self.people: dict[str, PlannedPerson] = {
            normalize_key(p.file_number): PlannedPerson(p.id, p.entry_date, p.end_date) for p in snapshot.participants
        }
        self.actions: dict[str, PlannedAction] = {
            normalize_key(a.reference): PlannedAction(a.id, a) for a in snapshot.actions
        }
        self._tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        self._uid_rows: dict[tuple[str, str], int] = {}  # (sheet, identifier) -> the row that gave it first
        self._named: dict[str, set[str]] = {}  # sheet -> the identifiers its rows give
        self.stored_step_uids = {uid for uids in snapshot.history_uids.values() for uid in uids}

    # --- helpers ----------------------------------------------------------------------------------

    def problem(self, sheet: SheetLayout, row: int | None, column: str | None, message: str) -> None:
        self.plan.preview.problems.append(ImportProblem(sheet.name, row, column, message))

    def domain_problems(
        self, sheet: SheetLayout, row: ParsedRow, errors: dict[str, str], columns: dict[str, str]
    ) -> None:
        cells = CELL_OF.get(sheet.name, {})
        for name, message in errors.items():
            if cells.get(name, name) in row.bad:
                continue  # the cell itself was already refused
            self.problem(sheet, row.row, columns.get(name), message)

    def settle(self, sheet: SheetLayout, before: R | None, after: R, created: list[R], updated: list[R]) -> None:
        """A valid row's record: to create, to update when it differs from the stored one, or unchanged."""
        if before is None:
            created.append(after)
            self.count(sheet, 0)
        elif after != before:
            updated.append(after)
            self.count(sheet, 1)
        else:
            self.count(sheet, 2)

    def row_uid(self, sheet: SheetLayout, row: ParsedRow) -> str | object | None:
        """The row's ``Identifiant``: None when the column or the cell is empty, ``Refused`` (problem reported)
        when it is not an identifier or a row above in the sheet already gave it."""
        if "uid" in row.bad:
            return Refused
        text = row.get("uid")
        if text is None or (isinstance(text, str) and not text.strip()):
            return None
        uid = normalised_uid(text) if isinstance(text, str) else None
        if uid is None:
            self.problem(
                sheet,
                row.row,
                "Identifiant",
                "Cet identifiant n'est pas valide\u00a0: recopiez-le tel que l'export l'a écrit, ou laissez la "
                "cellule vide pour un nouvel enregistrement.",
            )
            return Refused
        first = self._uid_rows.setdefault((sheet.name, uid), row.row)
        if first != row.row:
            self.problem(
                sheet, row.row, "Identifiant", f"Cet identifiant est déjà celui de la ligne {first} de cette feuille."
            )
            return Refused
        return uid

    def stored_record(
        self,
        sheet: SheetLayout,
        row: ParsedRow,
        uid: str | None,
        stored: dict[str, T],
        waiting: dict[Hashable, deque[T]],
        key: Callable[[T], Hashable],
        natural: tuple[int | None, object, object],
    ) -> T | object | None:
        """The stored record a row describes. With an identifier: the record it names, whatever its key became
        (taken out of the natural-key queues), None when the vault has none (a new record keeping that
        identifier), ``Refused`` when it is another person's. Without, or with an identifier unknown here (a
        record both laptops held before identifiers, each gave it its own): the next record of its natural key
        not named by another row's identifier (None: a new record, keeping the row's identifier)."""
        person_id = natural[0]
        record = stored.get(uid) if uid is not None else None
        if record is None:
            queue = waiting.get(natural) if person_id is not None else None
            if not queue:
                return None
            named = self._named_uids(sheet)
            for candidate in queue:
                if candidate.uid not in named:
                    queue.remove(candidate)
                    return candidate
            return None
        if record.participant_id != person_id:
            self.problem(
                sheet,
                row.row,
                "Identifiant",
                "Cet identifiant est celui d'un enregistrement d'une autre personne sur cet ordinateur\u00a0: la "
                "ligne n'est pas importée.",
            )
            return Refused
        queue = waiting.get(key(record))
        if queue is not None:  # by identity: two records may be equal in every field but their identifier
            kept = [r for r in queue if r is not record]
            queue.clear()
            queue.extend(kept)
        return record

    def _named_uids(self, sheet: SheetLayout) -> set[str]:
        """The identifiers the sheet's rows give (a record one of them names is not another row's by key)."""
        if sheet.name not in self._named:
            parsed = self.sheet(sheet)
            rows = parsed.rows if parsed is not None else []
            texts = (row.get("uid") for row in rows if "uid" not in row.bad)
            self._named[sheet.name] = {u for t in texts if isinstance(t, str) and (u := normalised_uid(t))}
        return self._named[sheet.name]

    def count(self, sheet: SheetLayout, kind: int, how_many: int = 1) -> None:
        """kind 0: created, 1: updated, 2: unchanged."""
        self._tally[sheet.name][kind] += how_many

    def person(self, sheet: SheetLayout, row: ParsedRow) -> tuple[str, PlannedPerson | None]:
        """The participant a row refers to, or None (a problem is reported when the number is unknown)."""
        if "file_number" in row.bad:
            return "", None
        number = normalize_key(row.get("file_number"))
        person = self.people.get(number)
        if person is None:
            self.problem(
                sheet,
                row.row,
                "N° dossier",
                f"Aucun participant n'a le numéro « {number} » (ni dans la feuille Participants, "
                "ni parmi les dossiers existants).",
            )
        return number, person

    def likely_duplicate(
        self,
        row: int,
        number: str,
        identity: Identity,
        known: dict[Identity, str],
        in_sheet: dict[Identity, tuple[str, int]],
    ) -> None:
        """Same name, first name and birth date as another file (in the vault or higher in the sheet)."""
        if identity[2] is None or not identity[0]:
            return
        other = known.get(identity)
        if other is not None and other != number:
            self.plan.preview.duplicates.append(
                f"Participants, ligne {row} : le dossier « {number} » a les mêmes nom, prénom et date de "
                f"naissance que le dossier existant « {other} ». Doublon probable : vérifiez qu'il s'agit bien "
                "d'une autre personne ou d'un retour après une fin d'accompagnement."
            )
        elif identity in in_sheet and in_sheet[identity][0] != number:
            first_number, first_row = in_sheet[identity]
            self.plan.preview.duplicates.append(
                f"Participants, ligne {row} : le dossier « {number} » a les mêmes nom, prénom et date de "
                f"naissance que le dossier « {first_number} » de la ligne {first_row}. Doublon probable : "
                "vérifiez qu'il s'agit bien de deux dossiers distincts."
            )
        in_sheet.setdefault(identity, (number, row))

    def sheet(self, layout: SheetLayout) -> ParsedSheet | None:
        return self.parsed.sheets.get(layout.name)
