"""What importing a workbook would change in a vault: checked whole, row by row, before anything is written.

Pure: takes the parsed workbook, a snapshot of the vault and today's date; returns an ``ImportPlan``
(records to create, records to update, and every problem). The service applies a plan without
problems in one transaction, so an import changes everything or nothing.

Natural keys (how a row finds the record it describes, so that importing twice duplicates nothing):

Keys are compared normalised (``normalize_key``): Unicode NFKC, invisible characters dropped, every dash
read as ``-``, spaces trimmed and runs of spaces made one, upper case; ``DE‑2025‑001`` with non-breaking
hyphens or a zero-width space is ``DE-2025-001``.

Every sheet's ``Identifiant`` comes first when this vault knows it; an unknown one (a record both laptops
held before identifiers, each migration gave its own) falls back to the natural key, the local uid kept.

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

from dataclasses import replace
from datetime import date, datetime, time

from ilot_desktop.domain.actions import CollectiveAction, attendance_allowed, validate_action
from ilot_desktop.domain.exchange import (
    ACTIONS,
    APPOINTMENTS,
    DEFAULT_ACTION_DURATION,
    DEFAULT_ACTION_TIME,
    DEFAULT_APPOINTMENT_DURATION,
    DEFAULT_APPOINTMENT_TIME,
    OUTCOMES,
    PARTICIPANTS,
    PARTICIPATIONS,
    Kind,
)
from ilot_desktop.domain.exchange_export import VaultSnapshot
from ilot_desktop.domain.exchange_history import rebuilt_history
from ilot_desktop.domain.exchange_keys import (
    ACTION_COLUMNS,
    APPOINTMENT_COLUMNS,
    BARRIER_COLUMNS,
    OUTCOME_COLUMNS,
    PARTICIPANT_COLUMNS,
    another_person,
    barrier_item,
    identity,
    normalize_key,
    queues,
)
from ilot_desktop.domain.exchange_parse import ParsedRow, ParsedSheet, ParsedWorkbook, given
from ilot_desktop.domain.exchange_plan_barriers import PLACEHOLDER_ID, BarrierPlanning
from ilot_desktop.domain.exchange_planning import Identity, ImportPlan, PlannedAction, PlannedPerson, Refused
from ilot_desktop.domain.followup import RECORDED, Appointment, record_refusal, validate_appointment
from ilot_desktop.domain.outcomes import Outcome, validate_outcome
from ilot_desktop.domain.participant import Participant, validate
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus, Attendance, DropoutReason, OutcomeType

TOO_EARLY = "La présence se note le jour de l'action ou après : laissez la cellule vide pour une action à venir."
_TEXT_FIELDS = {c.key for c in PARTICIPANTS.columns if c.kind is Kind.TEXT}


class _Planner(BarrierPlanning):
    """Every sheet of the workbook, in the order their records depend on each other."""

    now: datetime  # the import's moment (``plan_import``)

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
        by_uid = {p.uid: p for p in self.snapshot.participants}
        known: dict[Identity, str] = {}  # identity -> a file number already there
        for p in self.snapshot.participants:
            known.setdefault(identity(p), normalize_key(p.file_number))
        in_sheet: dict[Identity, tuple[str, int]] = {}
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
            uid = self.row_uid(PARTICIPANTS, row)
            holder = existing.get(number)  # the file holding this number in the vault
            # an identifier known here names the person whatever her number became; without one, or with one
            # unknown here (a file both laptops held before identifiers, each gave it its own), the number does
            named = by_uid.get(uid) if isinstance(uid, str) else None
            before = named if named is not None else holder
            after = _participant_after(sheet, row, before, number)
            if before is None and isinstance(uid, str):
                after.uid = uid  # a record keeps its identifier from one vault to the next
            errors = self._participant_errors(row, before, after, number, holder, by_uid=named is not None)
            valid = not errors and not row.bad and uid is not Refused
            if valid and before is None:
                self.likely_duplicate(row.row, number, identity(after), known, in_sheet)
            if number:
                self.people[number] = PlannedPerson(
                    before.id if before else None, after.entry_date, after.end_date, valid=valid
                )
            if valid and before is not None and before.id is not None:
                self.plan.known_people[number] = before.id  # perhaps renumbered: its rows follow it
            if valid:
                self.settle(PARTICIPANTS, before, after, self.plan.new_participants, self.plan.updated_participants)

    def _participant_errors(
        self,
        row: ParsedRow,
        before: Participant | None,
        after: Participant,
        number: str,
        holder: Participant | None,
        *,
        by_uid: bool,
    ) -> dict[str, str]:
        """The domain's messages for a row (reported at their cells), the refused cells' aside. A number held
        by another person is never overwritten: another identifier, or (without one) another name. A file named
        by its identifier is never given another person's name and birth date either."""
        errors = {k: v for k, v in validate(after, self.today).items() if k not in row.bad}
        if holder is not None and holder is not before:
            errors["file_number"] = (
                f"Le numéro « {number} » est celui d'une autre personne sur cet ordinateur (identifiant différent) : "
                "il n'est jamais écrasé. Donnez un autre numéro à cette ligne."
            )
        elif by_uid and before is not None and not row.bad and another_person(before, after):
            errors["uid"] = (
                "L'identifiant de cette ligne est celui du dossier d'une autre personne sur cet ordinateur (autres "
                "nom et prénom, ou autre nom et autre date de naissance)\u00a0: ce dossier n'est jamais écrasé. "
                "Videz la cellule Identifiant pour créer un nouveau dossier, ou corrigez la ligne."
            )
        elif before is not None and not row.bad and another_person(before, after):
            errors["file_number"] = (
                f"Le numéro « {number} » est celui d'une autre personne (autres nom et prénom, ou autre nom et "
                "autre date de naissance) : il n'est jamais écrasé. Donnez un autre numéro à cette ligne."
            )
        for name, message in errors.items():
            self.problem(PARTICIPANTS, row.row, PARTICIPANT_COLUMNS.get(name), message)
        return errors

    def collective_actions(self) -> None:
        sheet = self.sheet(ACTIONS)
        if sheet is None:
            return
        seen: dict[str, int] = {}
        by_uid = {a.uid: a for a in self.snapshot.actions}
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
            uid = self.row_uid(ACTIONS, row)
            known = self.actions.get(reference)
            before = known.action if known is not None and known.id is not None else None
            if isinstance(uid, str) and uid in by_uid:  # the action it names, whatever its reference became
                before = by_uid[uid]
            after = _action_after(sheet, row, before, reference)
            if before is None and isinstance(uid, str):
                after.uid = uid
            errors = validate_action(after, self.today)
            if before is not None and known is not None and known.id is not None and known.id != before.id:
                errors["reference"] = (
                    f"La référence «\u00a0{reference}\u00a0» est celle d'une autre action sur cet ordinateur "
                    "(identifiant différent)\u00a0: elle n'est jamais écrasée. Donnez une autre référence à cette "
                    "ligne."
                )
            self.domain_problems(ACTIONS, row, errors, ACTION_COLUMNS)
            valid = not errors and not row.bad and uid is not Refused
            if reference:
                self.actions[reference] = PlannedAction(before.id if before else None, after if valid else None)
            if valid and before is not None and before.id is not None:
                self.plan.known_actions[reference] = before.id  # perhaps under a new reference
            if valid:
                self.settle(ACTIONS, before, after, self.plan.new_actions, self.plan.updated_actions)

    def appointments(self) -> None:
        sheet = self.sheet(APPOINTMENTS)
        if sheet is None:
            return

        def key(a: Appointment) -> tuple[object, ...]:
            return (a.participant_id, a.start, a.kind)

        existing = queues(self.snapshot.appointments, key, lambda a: a.id or 0)
        by_uid = {a.uid: a for a in self.snapshot.appointments}
        for row in sheet.rows:
            number, person = self.person(APPOINTMENTS, row)
            uid = self.row_uid(APPOINTMENTS, row)
            if person is None or row.bad or not person.valid or uid is Refused:
                continue
            given_hour = row.hour("time")
            hour = given_hour if given_hour is not None else DEFAULT_APPOINTMENT_TIME
            start = datetime.combine(given(row.day("date")), hour)
            kind = given(row.choice("kind", AppointmentKind))
            status = given(row.choice("status", AppointmentStatus))
            given_uid = uid if isinstance(uid, str) else None
            named = self.stored_record(APPOINTMENTS, row, given_uid, by_uid, existing, key, (person.id, start, kind))
            if named is Refused:
                continue
            before = named if isinstance(named, Appointment) else None
            duration = row.number("duration_min")
            if before is not None:
                after = replace(before, status=status, start=start, kind=kind)
                if duration is not None:
                    after.duration_min = duration
                if "report" in sheet.present:
                    after.report = row.text("report")
            else:
                after = Appointment(
                    participant_id=person.id if person.id is not None else PLACEHOLDER_ID,
                    start=start,
                    duration_min=duration if duration is not None else DEFAULT_APPOINTMENT_DURATION,
                    kind=kind,
                    status=status,
                    report=row.text("report"),
                )
                after.uid = given_uid or after.uid
            errors = self._appointment_errors(before, after, person.entry_date)
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

    def _appointment_errors(self, before: Appointment | None, after: Appointment, entry: date | None) -> dict[str, str]:
        """The domain's rule, then the window's: « Réalisé » / « Absent » once the interview's time has come
        (an interview dated after the end of the accompaniment is valid: a follow-up call after leaving)."""
        errors = validate_appointment(after, entry, None, self.today)
        changed = before is None or (after.status, after.start) != (before.status, before.start)
        if "status" not in errors and after.status in RECORDED and changed:
            refusal = record_refusal(after, self.now)
            if refusal is not None:
                errors["status"] = refusal
        return errors

    def participations(self) -> None:
        sheet = self.sheet(PARTICIPATIONS)
        if sheet is None:
            return
        existing = {(a, p): att for a, p, att in self.snapshot.registrations}
        used_uids = set(self.snapshot.registration_uids.values())
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
            uid = self.row_uid(PARTICIPATIONS, row)
            if uid is Refused:
                continue
            attendance = row.choice("attendance", Attendance)
            if attendance is not None and not attendance_allowed(known.action, self.today):
                self.problem(PARTICIPATIONS, row.row, "Présence", TOO_EARLY)
                continue
            pair = (known.id, person.id)
            if known.id is None or person.id is None or pair not in existing:
                fresh = uid if isinstance(uid, str) and uid not in used_uids else None
                self.plan.new_registrations.append((reference, number, attendance, fresh))
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

        def key(o: Outcome) -> tuple[object, ...]:
            return (o.participant_id, o.on, o.outcome_type)

        existing = queues(self.snapshot.outcomes, key, lambda o: o.id or 0)
        by_uid = {o.uid: o for o in self.snapshot.outcomes}
        for row in sheet.rows:
            number, person = self.person(OUTCOMES, row)
            uid = self.row_uid(OUTCOMES, row)
            if person is None or row.bad or not person.valid or uid is Refused:
                continue
            on, kind = given(row.day("on")), given(row.choice("outcome_type", OutcomeType))
            named = self.stored_record(
                OUTCOMES, row, uid if isinstance(uid, str) else None, by_uid, existing, key, (person.id, on, kind)
            )
            if named is Refused:
                continue
            before = named if isinstance(named, Outcome) else None
            after = _outcome_after(sheet, row, before, person.id, uid if isinstance(uid, str) else None)
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


def _participant_after(sheet: ParsedSheet, row: ParsedRow, before: Participant | None, number: str) -> Participant:
    """The file as the row gives it: the stored one with the sheet's columns, or a new one."""
    after = replace(before) if before is not None else Participant()
    for key in sheet.present - {"uid"}:
        if key not in row.bad:
            value = row.get(key)
            setattr(after, key, ("" if value is None else value) if key in _TEXT_FIELDS else value)
    after.file_number = number
    if "end_date" in sheet.present and after.end_date is None:
        after.end_reason = None
    return after


def _outcome_after(
    sheet: ParsedSheet, row: ParsedRow, before: Outcome | None, person_id: int | None, uid: str | None
) -> Outcome:
    """The outcome as the row gives it: the stored one with the sheet's columns, or a new one (keeping the
    row's identifier when it gives one)."""
    on, kind = given(row.day("on")), given(row.choice("outcome_type", OutcomeType))
    if before is None:
        after = Outcome(
            participant_id=person_id,
            on=on,
            outcome_type=kind,
            dropout_reason=row.choice("dropout_reason", DropoutReason),
            employer=row.text("employer"),
            comment=row.text("comment"),
        )
        after.uid = uid or after.uid
        return after
    after = replace(before, on=on, outcome_type=kind)
    if "dropout_reason" in sheet.present:
        after.dropout_reason = row.choice("dropout_reason", DropoutReason)
    if "employer" in sheet.present:
        after.employer = row.text("employer")
    if "comment" in sheet.present:
        after.comment = row.text("comment")
    return after


def _action_after(
    sheet: ParsedSheet, row: ParsedRow, before: CollectiveAction | None, reference: str
) -> CollectiveAction:
    """The action as the row gives it: an existing one keeps its hour, a new one starts at 14:00."""
    day = row.day("date") if "date" not in row.bad else None
    after = (
        replace(before)
        if before is not None
        else CollectiveAction(duration_min=DEFAULT_ACTION_DURATION, reference=reference)
    )
    after.reference = reference
    if day is not None:
        hour = before.start.time() if before is not None and before.start else DEFAULT_ACTION_TIME
        after.start = datetime.combine(day, hour)
    elif before is None:
        after.start = None
    for key in ("action_type", "title", "partner"):
        if key in sheet.present and key not in row.bad:
            value = row.get(key)
            setattr(after, key, value if key == "action_type" else (value or ""))
    return after


history_of = rebuilt_history  # a new barrier's path when the workbook gives none


def plan_import(
    parsed: ParsedWorkbook, snapshot: VaultSnapshot, today: date, now: datetime | None = None
) -> ImportPlan:
    """Every change the workbook asks for, and every problem; nothing is written here. ``now`` (the end of
    ``today`` when not given): « Réalisé » / « Absent » only for an interview whose time has come."""
    planner = _Planner(parsed, snapshot, today)
    planner.now = now if now is not None else datetime.combine(today, time.max)
    return planner.run()


__all__ = [
    "BARRIER_COLUMNS",
    "ImportPlan",
    "barrier_item",
    "history_of",
    "normalize_key",
    "plan_import",
]
