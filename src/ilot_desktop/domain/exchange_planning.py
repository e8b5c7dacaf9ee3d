"""The import planner's shared state and helpers (``exchange_plan.py`` plans the sheets with them).

Pure. ``ImportPlan`` is what an import would write; ``Planning`` holds the workbook, the vault's snapshot,
the plan being made and the people and actions rows may refer to, and reports problems at their cells.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.barriers import Barrier, HistoryStep
from ilot_desktop.domain.exchange import ImportPreview, ImportProblem, ProblemList, SheetLayout
from ilot_desktop.domain.exchange_export import VaultSnapshot
from ilot_desktop.domain.exchange_keys import CELL_OF, normalize_key
from ilot_desktop.domain.exchange_parse import ParsedRow, ParsedSheet, ParsedWorkbook
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import Attendance

R = TypeVar("R")
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
    new_registrations: list[tuple[str, str, Attendance | None]] = field(default_factory=list)  # ref, number
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
