"""What importing a workbook would change in a vault: checked whole, row by row, before anything is written.

Pure: takes the parsed workbook, a snapshot of the vault and today's date; returns an ``ImportPlan``
(records to create, records to update, and every problem). The service applies a plan without
problems in one transaction, so an import changes everything or nothing.

Natural keys (how a row finds the record it describes, so that importing twice duplicates nothing):

Keys are compared normalised (``normalize_key``): Unicode NFKC, invisible characters dropped, every dash
read as ``-``, spaces trimmed and runs of spaces made one, upper case; ``DE‑2025‑001`` with non-breaking
hyphens or a zero-width space is ``DE-2025-001``.

- ``Participants``: ``N° dossier``. An existing file gets the workbook's values for
  the exchange columns present in the sheet; everything else in the file (address, rights, CPIP...) stays.
  Emptying ``Date de fin d'accompagnement`` reopens the file (its end reason goes too). A number naming
  another person in the vault (name and birth date both different) is refused. A new number with the
  same name, first name and birth date as another file is a likely duplicate: listed first in the
  preview, never blocking (a person who comes back after an end gets a new number).
- ``Actions collectives``: ``Réf. action``. An existing action keeps its hour,
  duration and place; a new one starts at 14:00 for two hours.
- ``Participations``: (action, participant): one registration per pair; ``Présence`` is updated. An empty
  ``Présence`` means registered, attendance not recorded yet (the export writes so for actions to come);
  ``Présent``/``Absent`` is refused for an action still to come.
- ``Entretiens``: (participant, date, heure, type); an empty ``Heure`` means 09:00. ``Durée``, ``Statut``
  and ``Compte rendu`` are updated (an empty ``Durée`` keeps the existing one; 60 minutes when new).
  An interview dated after the end of the accompaniment is valid (a follow-up call after leaving).
- ``Freins``: (participant, catégorie, date d'identification). ``Statut``, ``Date de levée``,
  ``Partenaire`` and ``Commentaire`` are updated, a change of status joining the barrier's history.
  ``Historique des freins`` gives each barrier's path (``domain/exchange_history.py``): a new barrier
  takes it whole (and its ``Frein`` as item); an existing one whose stored path it continues gets the
  missing steps; one whose stored path differs keeps it (a warning), a change of status joining it.
- ``Résultats``: (participant, date, type). ``Motif d'abandon``, ``Employeur ou organisme`` and
  ``Commentaire`` are updated.

For the last three, several rows may share a key (two barriers of one category noted the same day):
the n-th such row of the workbook is the n-th such record of the vault (oldest first), extra rows are
created. An import never deletes anything. A column left out of a sheet leaves that value as it is in
existing records; an empty cell in a column that is there empties the value (when it is optional).

A new barrier needs an ``item`` (the checklist's line, unique per person and category): the ``Frein`` of
its history when the workbook carries one, else the first line of the comment, or the category's label when there is no
comment, followed by `` (2)``, `` (3)``... when that item is already taken.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time

from ilot_desktop.domain.actions import CollectiveAction, attendance_allowed, validate_action
from ilot_desktop.domain.barriers import MAX_ITEM, Barrier, HistoryStep, validate_barrier, validate_history
from ilot_desktop.domain.exchange import (
    ACTIONS,
    APPOINTMENTS,
    BARRIERS,
    DEFAULT_ACTION_DURATION,
    DEFAULT_ACTION_TIME,
    DEFAULT_APPOINTMENT_DURATION,
    DEFAULT_APPOINTMENT_TIME,
    HISTORY,
    OUTCOMES,
    PARTICIPANTS,
    PARTICIPATIONS,
    ImportPreview,
    ImportProblem,
    Kind,
    ProblemList,
    SheetLayout,
    VaultSnapshot,
)
from ilot_desktop.domain.exchange_history import (
    disagreement,
    history_paths,
    rebuilt_history,
    unmatched_problem,
)
from ilot_desktop.domain.exchange_parse import ParsedRow, ParsedSheet, ParsedWorkbook
from ilot_desktop.domain.followup import Appointment, validate_appointment
from ilot_desktop.domain.outcomes import Outcome, validate_outcome
from ilot_desktop.domain.participant import Participant, validate
from ilot_desktop.domain.vocabulary import Attendance, BarrierCategory, BarrierStatus, fold

# Domain field -> exchange column, to report a validation message at its place (None: not in the sheet).
PARTICIPANT_COLUMNS = {c.key: c.header for c in PARTICIPANTS.columns}
APPOINTMENT_COLUMNS = {
    "participant": "N° dossier",
    "start": "Date",
    "duration_min": "Durée (min)",
    "status": "Statut",
}
BARRIER_COLUMNS = {
    "participant": "N° dossier",
    "category": "Catégorie",
    "item": "Commentaire",
    "status": "Statut",
    "identified_on": "Date d'identification",
    "lifted_on": "Date de levée",
    "partner": "Partenaire",
    "comment": "Commentaire",
}
ACTION_COLUMNS = {
    "reference": "Réf. action",
    "action_type": "Type",
    "title": "Intitulé",
    "start": "Date",
    "partner": "Partenaire",
}
OUTCOME_COLUMNS = {
    "outcome_type": "Type",
    "on": "Date",
    "dropout_reason": "Motif d'abandon",
    "employer": "Employeur ou organisme",
    "comment": "Commentaire",
}
# The cell a domain field is read from, to skip a domain message where the cell was already refused.
_CELL_OF = {
    APPOINTMENTS.name: {"start": "date", "duration_min": "duration_min", "status": "status"},
    BARRIERS.name: {
        "category": "category",
        "status": "status",
        "identified_on": "identified_on",
        "lifted_on": "lifted_on",
        "partner": "partner",
        "comment": "comment",
    },
    ACTIONS.name: {
        "reference": "reference",
        "action_type": "action_type",
        "title": "title",
        "start": "date",
        "partner": "partner",
    },
    OUTCOMES.name: {
        "outcome_type": "outcome_type",
        "on": "on",
        "dropout_reason": "dropout_reason",
        "employer": "employer",
        "comment": "comment",
    },
}
TOO_EARLY = "La présence se note le jour de l'action ou après : laissez la cellule vide pour une action à venir."
_TEXT_FIELDS = {c.key for c in PARTICIPANTS.columns if c.kind is Kind.TEXT}
_PLACEHOLDER_ID = 0  # stands for a participant created by the same import, while validating


# Every dash a keyboard, a word processor or a spreadsheet may put in a number, read as "-".
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2043\u2212\ufe58\ufe63\uff0d"), "-")


def normalize_key(text: object) -> str:
    """``N° dossier`` and ``Réf. action`` as compared and stored: NFKC, invisible characters (Unicode
    category Cf: zero-width space, soft hyphen, byte-order mark...) dropped, dashes as ``-``, spaces
    trimmed and single, upper case."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Cf").translate(_DASHES)
    return " ".join(text.split()).upper()


def _identity(p: Participant) -> tuple[str, str, date | None]:
    return fold(p.last_name), fold(p.first_name), p.birth_date


@dataclass(frozen=True)
class _Person:
    """A participant a row may refer to: in the vault (``id``), in the workbook, or both."""

    id: int | None
    entry_date: date | None
    end_date: date | None
    valid: bool = True


@dataclass(frozen=True)
class _Action:
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


class _Planner:
    def __init__(self, parsed: ParsedWorkbook, snapshot: VaultSnapshot, today: date):
        self.parsed = parsed
        self.snapshot = snapshot
        self.today = today
        self.plan = ImportPlan(
            preview=ImportPreview(problems=ProblemList(parsed.problems), warnings=list(parsed.warnings)),
            known_people={normalize_key(p.file_number): p.id for p in snapshot.participants},
            known_actions={normalize_key(a.reference): a.id for a in snapshot.actions},
        )
        self.people: dict[str, _Person] = {
            normalize_key(p.file_number): _Person(p.id, p.entry_date, p.end_date) for p in snapshot.participants
        }
        self.actions: dict[str, _Action] = {normalize_key(a.reference): _Action(a.id, a) for a in snapshot.actions}
        self._tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])

    # --- helpers ----------------------------------------------------------------------------------

    def problem(self, sheet: SheetLayout, row: int | None, column: str | None, message: str) -> None:
        self.plan.preview.problems.append(ImportProblem(sheet.name, row, column, message))

    def domain_problems(
        self, sheet: SheetLayout, row: ParsedRow, errors: dict[str, str], columns: dict[str, str]
    ) -> None:
        cells = _CELL_OF.get(sheet.name, {})
        for name, message in errors.items():
            if cells.get(name, name) in row.bad:
                continue  # the cell itself was already refused
            self.problem(sheet, row.row, columns.get(name), message)

    def count(self, sheet: SheetLayout, kind: int, how_many: int = 1) -> None:
        """kind 0: created, 1: updated, 2: unchanged."""
        self._tally[sheet.name][kind] += how_many

    def person(self, sheet: SheetLayout, row: ParsedRow) -> tuple[str, _Person | None]:
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

    def likely_duplicate(self, row: int, number: str, identity, known: dict, in_sheet: dict) -> None:
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

    # --- sheets -----------------------------------------------------------------------------------

    def run(self) -> ImportPlan:
        self.participants()
        self.collective_actions()
        self.appointments()
        self.barriers()
        self.participations()
        self.outcomes()
        preview = self.plan.preview
        for name in preview.counts:
            created, updated, unchanged = self._tally[name]
            preview.counts[name] = (created, updated)
            preview.unchanged[name] = unchanged
        return self.plan

    def participants(self) -> None:
        sheet = self.sheet(PARTICIPANTS)
        if sheet is None:
            return
        existing = {normalize_key(p.file_number): p for p in self.snapshot.participants}
        known: dict[tuple[str, str, date | None], str] = {}  # identity -> a file number already there
        for p in self.snapshot.participants:
            known.setdefault(_identity(p), normalize_key(p.file_number))
        in_sheet: dict[tuple[str, str, date | None], tuple[str, int]] = {}
        seen: dict[str, int] = {}
        for row in sheet.rows:
            number = normalize_key(row.get("file_number"))
            if number and number in seen:
                self.problem(
                    PARTICIPANTS,
                    row.row,
                    "N° dossier",
                    f"Le numéro « {number} » est déjà utilisé ligne {seen[number]} de cette feuille.",
                )
                continue
            if number:
                seen[number] = row.row
            before = existing.get(number)
            after = replace(before) if before is not None else Participant()
            for key in sheet.present:
                if key not in row.bad:
                    value = row.get(key)
                    setattr(after, key, ("" if value is None else value) if key in _TEXT_FIELDS else value)
            after.file_number = number
            if "end_date" in sheet.present and after.end_date is None:
                after.end_reason = None
            errors = {k: v for k, v in validate(after, self.today).items() if k not in row.bad}
            if before is not None and not row.bad and _another_person(before, after):
                errors["file_number"] = (
                    f"Le numéro « {number} » est celui d'une autre personne (nom, prénom et date de naissance "
                    "différents) : il n'est jamais écrasé. Donnez un autre numéro à cette ligne."
                )
            for name, message in errors.items():
                self.problem(PARTICIPANTS, row.row, PARTICIPANT_COLUMNS.get(name), message)
            valid = not errors and not row.bad
            if valid and before is None:
                self.likely_duplicate(row.row, number, _identity(after), known, in_sheet)
            if number:
                self.people[number] = _Person(
                    before.id if before else None, after.entry_date, after.end_date, valid=valid
                )
            if not valid:
                continue
            if before is None:
                self.plan.new_participants.append(after)
                self.count(PARTICIPANTS, 0)
            elif after != before:
                self.plan.updated_participants.append(after)
                self.count(PARTICIPANTS, 1)
            else:
                self.count(PARTICIPANTS, 2)

    def collective_actions(self) -> None:
        sheet = self.sheet(ACTIONS)
        if sheet is None:
            return
        seen: dict[str, int] = {}
        for row in sheet.rows:
            reference = normalize_key(row.get("reference"))
            if reference and reference in seen:
                self.problem(
                    ACTIONS,
                    row.row,
                    "Réf. action",
                    f"La référence « {reference} » est déjà utilisée ligne {seen[reference]} de cette feuille.",
                )
                continue
            if reference:
                seen[reference] = row.row
            known = self.actions.get(reference)
            before = known.action if known is not None and known.id is not None else None
            day = row.get("date") if "date" not in row.bad else None
            after = (
                replace(before)
                if before is not None
                else CollectiveAction(duration_min=DEFAULT_ACTION_DURATION, reference=reference)
            )
            after.reference = reference
            if isinstance(day, date):
                hour = before.start.time() if before is not None and before.start else DEFAULT_ACTION_TIME
                after.start = datetime.combine(day, hour)
            elif before is None:
                after.start = None
            for key in ("action_type", "title", "partner"):
                if key in sheet.present and key not in row.bad:
                    value = row.get(key)
                    setattr(after, key, value if key == "action_type" else (value or ""))
            errors = validate_action(after, self.today)
            self.domain_problems(ACTIONS, row, errors, ACTION_COLUMNS)
            valid = not errors and not row.bad
            if reference:
                self.actions[reference] = _Action(before.id if before else None, after if valid else None)
            if not valid:
                continue
            if before is None:
                self.plan.new_actions.append(after)
                self.count(ACTIONS, 0)
            elif after != before:
                self.plan.updated_actions.append(after)
                self.count(ACTIONS, 1)
            else:
                self.count(ACTIONS, 2)

    def appointments(self) -> None:
        sheet = self.sheet(APPOINTMENTS)
        if sheet is None:
            return
        existing = _queues(
            self.snapshot.appointments, lambda a: (a.participant_id, a.start, a.kind), lambda a: a.id or 0
        )
        for row in sheet.rows:
            number, person = self.person(APPOINTMENTS, row)
            if person is None or row.bad or not person.valid:
                continue
            hour = row.get("time") if isinstance(row.get("time"), time) else DEFAULT_APPOINTMENT_TIME
            start = datetime.combine(row.get("date"), hour)
            kind, status = row.get("kind"), row.get("status")
            queue = existing.get((person.id, start, kind)) if person.id is not None else None
            before = queue.popleft() if queue else None
            duration = row.get("duration_min")
            if before is not None:
                after = replace(before, status=status)
                if duration is not None:
                    after.duration_min = duration
                if "report" in sheet.present:
                    after.report = row.text("report")
            else:
                after = Appointment(
                    participant_id=person.id if person.id is not None else _PLACEHOLDER_ID,
                    start=start,
                    duration_min=duration if duration is not None else DEFAULT_APPOINTMENT_DURATION,
                    kind=kind,
                    status=status,
                    report=row.text("report"),
                )
            # after the end of the accompaniment is valid: a follow-up call after leaving
            errors = validate_appointment(after, person.entry_date, None, self.today)
            self.domain_problems(APPOINTMENTS, row, errors, APPOINTMENT_COLUMNS)
            if errors:
                continue
            if before is None:
                after.participant_id = person.id
                self.plan.new_appointments.append((number, after))
                self.count(APPOINTMENTS, 0)
            elif after != before:
                self.plan.updated_appointments.append(after)
                self.count(APPOINTMENTS, 1)
            else:
                self.count(APPOINTMENTS, 2)

    def barriers(self) -> None:
        sheet = self.sheet(BARRIERS)
        paths = history_paths(self.sheet(HISTORY), normalize_key)
        if sheet is not None:
            self._barrier_rows(sheet, paths)
        for queue in paths.values():
            for path in queue:
                if not path.used:
                    self.problem(HISTORY, path.row, "N° dossier", unmatched_problem())

    def _barrier_rows(self, sheet: ParsedSheet, paths) -> None:
        existing = _queues(
            self.snapshot.barriers,
            lambda b: (b.participant_id, b.category, b.identified_on),
            lambda b: b.id or 0,
        )
        taken: dict[tuple[str, object, BarrierCategory], set[str]] = defaultdict(set)
        for b in self.snapshot.barriers:
            taken["id", b.participant_id, b.category].add(fold(b.item))
        for row in sheet.rows:
            number, person = self.person(BARRIERS, row)
            if person is None or row.bad or not person.valid:
                continue
            category, status, identified = row.get("category"), row.get("status"), row.get("identified_on")
            queue = existing.get((person.id, category, identified)) if person.id is not None else None
            before = queue.popleft() if queue else None
            given = paths.get((number, category, identified))
            path = given.popleft() if given else None
            if path is not None:
                path.used = True
            if before is not None:
                after = replace(before, status=status)
                if "lifted_on" in sheet.present:
                    after.lifted_on = row.get("lifted_on")
                elif status is not BarrierStatus.LIFTED:
                    after.lifted_on = None
                if "partner" in sheet.present:
                    after.partner = row.text("partner")
                if "comment" in sheet.present:
                    after.comment = row.text("comment")
            else:
                after = Barrier(
                    participant_id=person.id if person.id is not None else _PLACEHOLDER_ID,
                    category=category,
                    item=path.item if path is not None else "",
                    status=status,
                    identified_on=identified,
                    lifted_on=row.get("lifted_on"),
                    partner=row.text("partner"),
                    comment=row.text("comment"),
                )
            errors = validate_barrier(replace(after, item=after.item or "?"), self.today)
            if path is not None and not errors:
                wrong = disagreement(path, after, row.row)
                if wrong is not None:
                    self.problem(HISTORY, path.row, "Statut", wrong)
                    continue
                history = validate_history(after, path.steps, self.today)
                if history:
                    self.problem(HISTORY, path.row, None, history["history"])
                    continue
            steps = (path.steps if path is not None else rebuilt_history(after)) if before is None else []
            if not errors and before is None and path is None:
                errors = validate_history(after, steps, self.today)
            self.domain_problems(BARRIERS, row, errors, BARRIER_COLUMNS)
            if errors:
                continue
            if before is None:
                used = taken["id", person.id, category] if person.id is not None else taken["new", number, category]
                base = after.item or after.comment
                after.item = barrier_item(base, category, lambda item, used=used: fold(item) in used)
                used.add(fold(after.item))
                after.participant_id = person.id
                self.plan.new_barriers.append((number, after, steps))
                self.count(BARRIERS, 0)
                if path is not None:
                    self.count(HISTORY, 0, len(path.steps))
                continue
            added = self._stored_path(row.row, before, path)
            if after != before or added:
                self.plan.updated_barriers.append((row.row, before, after, added))
                self.count(BARRIERS, 1 if after != before else 2)
            else:
                self.count(BARRIERS, 2)

    def _stored_path(self, row: int, before: Barrier, path) -> list[HistoryStep] | None:
        """The steps the sheet adds to an existing barrier's stored path ([] when it gives it as stored);
        None when the sheet gives none or another path (the stored one is kept)."""
        if path is None:
            return None
        stored = self.snapshot.histories.get(before.id, [])
        given = path.steps
        if given[: len(stored)] == stored:
            self.count(HISTORY, 2, len(stored))
            self.count(HISTORY, 0, len(given) - len(stored))
            return given[len(stored) :]
        self.plan.preview.warnings.append(
            f"Historique des freins, ligne {path.row} : ce frein a déjà un historique différent dans le dossier "
            f"(feuille « Freins », ligne {row}) ; l'historique enregistré est gardé."
        )
        return None

    def participations(self) -> None:
        sheet = self.sheet(PARTICIPATIONS)
        if sheet is None:
            return
        existing = {(a, p): att for a, p, att in self.snapshot.registrations}
        seen: dict[tuple[str, str], int] = {}
        for row in sheet.rows:
            reference = normalize_key(row.get("reference")) if "reference" not in row.bad else ""
            known = self.actions.get(reference) if reference else None
            if reference and known is None:
                self.problem(
                    PARTICIPATIONS,
                    row.row,
                    "Réf. action",
                    f"Aucune action collective n'a la référence « {reference} » (ni dans la feuille "
                    "Actions collectives, ni parmi les actions existantes).",
                )
            number, person = self.person(PARTICIPATIONS, row)
            if known is None or person is None or row.bad:
                continue
            if (reference, number) in seen:
                self.problem(
                    PARTICIPATIONS,
                    row.row,
                    "N° dossier",
                    f"Cette personne est déjà inscrite à cette action ligne {seen[reference, number]} "
                    "de cette feuille.",
                )
                continue
            seen[reference, number] = row.row
            if known.action is None or not person.valid:
                continue
            attendance = row.get("attendance")
            if attendance is not None and not attendance_allowed(known.action, self.today):
                self.problem(PARTICIPATIONS, row.row, "Présence", TOO_EARLY)
                continue
            pair = (known.id, person.id)
            if known.id is None or person.id is None or pair not in existing:
                self.plan.new_registrations.append((reference, number, attendance))
                self.count(PARTICIPATIONS, 0)
            elif existing[pair] is not attendance:
                self.plan.updated_registrations.append((known.id, person.id, attendance))
                self.count(PARTICIPATIONS, 1)
            else:
                self.count(PARTICIPATIONS, 2)

    def outcomes(self) -> None:
        sheet = self.sheet(OUTCOMES)
        if sheet is None:
            return
        existing = _queues(
            self.snapshot.outcomes, lambda o: (o.participant_id, o.on, o.outcome_type), lambda o: o.id or 0
        )
        for row in sheet.rows:
            number, person = self.person(OUTCOMES, row)
            if person is None or row.bad or not person.valid:
                continue
            on, kind = row.get("on"), row.get("outcome_type")
            queue = existing.get((person.id, on, kind)) if person.id is not None else None
            before = queue.popleft() if queue else None
            if before is not None:
                after = replace(before)
                if "dropout_reason" in sheet.present:
                    after.dropout_reason = row.get("dropout_reason")
                if "employer" in sheet.present:
                    after.employer = row.text("employer")
                if "comment" in sheet.present:
                    after.comment = row.text("comment")
            else:
                after = Outcome(
                    participant_id=person.id,
                    on=on,
                    outcome_type=kind,
                    dropout_reason=row.get("dropout_reason"),
                    employer=row.text("employer"),
                    comment=row.text("comment"),
                )
            errors = validate_outcome(after, person.entry_date, self.today)
            self.domain_problems(OUTCOMES, row, errors, OUTCOME_COLUMNS)
            if errors:
                continue
            if before is None:
                self.plan.new_outcomes.append((number, after))
                self.count(OUTCOMES, 0)
            elif after != before:
                self.plan.updated_outcomes.append(after)
                self.count(OUTCOMES, 1)
            else:
                self.count(OUTCOMES, 2)


def _queues(records, key, order) -> dict[object, deque]:
    """Records grouped by natural key, oldest first, to be paired with workbook rows in turn."""
    groups: dict[object, deque] = defaultdict(deque)
    for record in sorted(records, key=order):
        groups[key(record)].append(record)
    return groups


history_of = rebuilt_history  # a new barrier's path when the workbook gives none


def barrier_item(comment: str, category: BarrierCategory, is_taken) -> str:
    """The checklist line of an imported barrier: the comment's first line, else the category's label;
    `` (2)``, `` (3)``... added when that item is already taken for the person and category."""
    first_line = next((line.strip() for line in comment.splitlines() if line.strip()), "")
    base = " ".join(first_line.split())[:MAX_ITEM].strip() or category.label
    if not is_taken(base):
        return base
    number = 2
    while True:
        suffix = f" ({number})"
        candidate = base[: MAX_ITEM - len(suffix)].rstrip() + suffix
        if not is_taken(candidate):
            return candidate
        number += 1


def _another_person(before: Participant, after: Participant) -> bool:
    """The row's name and birth date both differ from those of the file holding its number."""
    return (fold(before.last_name), fold(before.first_name)) != (
        fold(after.last_name),
        fold(after.first_name),
    ) and before.birth_date != after.birth_date


def plan_import(parsed: ParsedWorkbook, snapshot: VaultSnapshot, today: date) -> ImportPlan:
    """Every change the workbook asks for, and every problem; nothing is written here."""
    return _Planner(parsed, snapshot, today).run()
