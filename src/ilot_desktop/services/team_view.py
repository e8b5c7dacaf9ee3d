"""What a person reads of team work: conflicts field by field, in French (labels, values, who and when)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ilot_desktop.domain.dates import format_date, format_time
from ilot_desktop.domain.fields import BY_NAME, FIELDS, FieldKind, domain_value
from ilot_desktop.domain.team_merge import (
    DEL,
    SyncRecord,
    canonical_json,
    conflicting_fields,
    covered,
    deletion_conflict,
    deletion_ctx,
    distinct_values,
)
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentKind,
    AppointmentStatus,
    Attendance,
    BarrierCategory,
    BarrierStatus,
    DropoutReason,
    LabelledEnum,
    OutcomeType,
    TaskOwner,
    TaskStatus,
    WorkingTime,
)

NBSP = "\u00a0"
# free texts: « Garder les deux » joins them (the file's long texts, and the records' reports and comments)
FREE_TEXTS = frozenset({f.name for f in FIELDS if f.kind == FieldKind.LONG_TEXT} | {"report", "next_steps", "comment"})
KIND_LABELS = {
    "participant": "Fiche",
    "appointment": "Rendez-vous",
    "collective_action": "Action collective",
    "registration": "Inscription à une action collective",
    "barrier": "Frein",
    "barrier_event": "Étape de l'historique d'un frein",
    "task": "Tâche",
    "outcome": "Résultat",
}
FIELD_LABELS = {
    "participant": "Personne",
    "action": "Action collective",
    "barrier": "Frein",
    "start": "Début",
    "duration_min": "Durée (minutes)",
    "kind": "Type",
    "place": "Lieu",
    "status": "Statut",
    "report": "Compte rendu",
    "next_steps": "Suites à donner",
    "series_id": "Série",
    "reference": "Réf. action",
    "action_type": "Type d'action",
    "title": "Intitulé",
    "partner": "Partenaire",
    "attendance": "Présence",
    "category": "Catégorie",
    "item": "Frein",
    "identified_on": "Repéré le",
    "lifted_on": "Levé le",
    "comment": "Commentaire",
    "on": "Date",
    "description": "Description",
    "owner": "Qui",
    "due_date": "Échéance",
    "created_on": "Créée le",
    "done_on": "Faite le",
    "outcome_type": "Résultat",
    "dropout_reason": "Motif de sortie",
    "employer": "Employeur ou organisme",
    "sector": "Secteur",
    "working_time": "Temps de travail",
    DEL: "Suppression",
}
_CHOICES: dict[tuple[str, str], type[LabelledEnum]] = {
    ("appointment", "kind"): AppointmentKind,
    ("appointment", "status"): AppointmentStatus,
    ("collective_action", "action_type"): ActionType,
    ("registration", "attendance"): Attendance,
    ("barrier", "category"): BarrierCategory,
    ("barrier", "status"): BarrierStatus,
    ("barrier_event", "status"): BarrierStatus,
    ("task", "owner"): TaskOwner,
    ("task", "status"): TaskStatus,
    ("outcome", "outcome_type"): OutcomeType,
    ("outcome", "dropout_reason"): DropoutReason,
    ("outcome", "working_time"): WorkingTime,
}
EMPTY = "(vide)"


@dataclass(frozen=True)
class ConflictValue:
    text: str
    value: object
    by_code: str
    at: datetime | None
    here: bool


@dataclass(frozen=True)
class Conflict:
    key: str  # opaque, stable: f"{uid}:{field}"
    kind: str
    record_label: str
    person: str
    participant_id: int | None
    field: str
    field_label: str
    values: tuple[ConflictValue, ...]  # first = this laptop's (here=True), then the others
    can_keep_both: bool
    deletion: bool


def field_label(kind: str, name: str) -> str:
    if kind == "participant" and name in BY_NAME:
        return BY_NAME[name].label
    return FIELD_LABELS.get(name, name)


def _moment(text: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def value_text(kind: str, name: str, value: Any) -> str:
    """A stored value as a person reads it."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if kind == "participant" and name in BY_NAME:
        shown = domain_value(BY_NAME[name], value)
        if isinstance(shown, date):
            return format_date(shown)
        if isinstance(shown, (set, list)):
            return ", ".join(sorted(str(v) for v in shown)) or EMPTY
        if isinstance(shown, dict):
            return ", ".join(f"{k}{NBSP}: {v}" for k, v in shown.items()) or EMPTY
        return str(shown)
    choice = _CHOICES.get((kind, name))
    if choice is not None:
        try:
            return choice(value).label
        except ValueError:
            return str(value)
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        moment = _moment(value)
        if moment is not None:
            return format_date(moment.date()) + (f" à {format_time(moment)}" if len(value) > 10 else "")
    return str(value)


def record_label(kind: str, values: Mapping[str, Any]) -> str:
    """« Fiche », « Rendez-vous du 03/12/2026 à 10:00 », « Tâche : … »."""
    base = KIND_LABELS.get(kind, kind)
    if kind == "participant":
        return base
    if kind in ("appointment", "collective_action") and values.get("start"):
        title = f"{NBSP}: {values['title']}" if kind == "collective_action" and values.get("title") else ""
        return f"{base}{title} du {value_text(kind, 'start', values['start'])}"
    if kind == "task" and values.get("description"):
        return f"{base}{NBSP}: {values['description']}"
    if kind == "barrier" and values.get("item"):
        return f"{base}{NBSP}: {values['item']}"
    if kind in ("barrier_event", "outcome") and values.get("on"):
        return f"{base} du {value_text(kind, 'on', values['on'])}"
    return base


def field_conflicts(
    uid: str, rec: SyncRecord, here: Mapping[str, Any] | None, codes: Mapping[str, str], context: dict[str, Any]
) -> list[Conflict]:
    """The conflicts of one record: one per field with different values, and its deletion if in conflict."""
    out = []
    for name in conflicting_fields(rec):
        groups = distinct_values(rec.fields[name])
        mine = canonical_json(here.get(name)) if here is not None and name in here else None
        groups.sort(key=lambda g: canonical_json(g[0]) != mine)  # this laptop's first
        values = tuple(
            ConflictValue(
                text=value_text(rec.kind, name, value),
                value=value,
                by_code=_who(dots, codes),
                at=_moment(max(at for _d, at in dots)),
                here=mine is not None and canonical_json(value) == mine,
            )
            for value, dots in groups
        )
        both = name in FREE_TEXTS and len(values) == 2  # « Garder les deux »: exactly two different texts
        out.append(_conflict(uid, rec.kind, name, values, context, both, False))
    if deletion_conflict(rec):
        out.append(_conflict(uid, rec.kind, DEL, _deletion_values(rec, here is not None, codes), context, False, True))
    return out


def _conflict(
    uid: str,
    kind: str,
    name: str,
    values: tuple[ConflictValue, ...],
    context: dict[str, Any],
    both: bool,
    deletion: bool,
) -> Conflict:
    return Conflict(
        key=f"{uid}:{name}",
        kind=kind,
        record_label=str(context.get("label", KIND_LABELS.get(kind, kind))),
        person=str(context.get("person", "")),
        participant_id=context.get("participant_id"),
        field=name,
        field_label=field_label(kind, name),
        values=values,
        can_keep_both=both,
        deletion=deletion,
    )


def _who(dots: list[tuple[tuple[str, int], str]], codes: Mapping[str, str]) -> str:
    latest = max(dots, key=lambda d: d[1])
    return codes.get(latest[0][0], "") or "?"


def _deletion_values(rec: SyncRecord, row_here: bool, codes: Mapping[str, str]) -> tuple[ConflictValue, ...]:
    dels = [(d, at) for d, (v, at) in rec.fields.get(DEL, {}).items() if v is not None]
    dctx = deletion_ctx(rec) or {}
    edits = [
        (d, at) for name, es in rec.fields.items() if name != DEL for d, (_v, at) in es.items() if not covered(dctx, d)
    ]
    deleted = ConflictValue(
        "Supprimé", "delete", _who(dels, codes) if dels else "?", _moment(max((a for _d, a in dels), default="")), False
    )
    kept = ConflictValue(
        "Gardé et modifié",
        "keep",
        _who(edits, codes) if edits else "?",
        _moment(max((a for _d, a in edits), default="")),
        False,
    )
    first, second = (kept, deleted) if row_here else (deleted, kept)
    return (
        ConflictValue(first.text, first.value, first.by_code, first.at, True),
        second,
    )


def conflict_waits(states: list[tuple[str, bool]]) -> bool:
    """From ``TeamStateRepository.waiting_about``: a field conflict, or a deletion in conflict, waits."""
    for state, has_values in states:
        if has_values:
            return True
        doc = json.loads(state)
        rec = SyncRecord("", {str(r): int(n) for r, n in doc.get("c", {}).items()})
        for name, dots in doc.get("f", {}).items():
            rec.fields[name] = {(str(d[0]), int(d[1])): (d[3] if len(d) > 3 else None, str(d[2])) for d in dots}
        if deletion_conflict(rec):
            return True
    return False
