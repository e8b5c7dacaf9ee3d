"""Collective actions (ateliers TRE, visits, job fairs, outings) and attendance."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ilot_desktop.domain.identity import new_uid
from ilot_desktop.domain.vocabulary import ActionType, Attendance, fold

_REFERENCE = re.compile(r"^AC-(\d{4})-(\d{3,})$")


@dataclass
class CollectiveAction:
    reference: str = ""
    action_type: ActionType | None = None
    title: str = ""
    start: datetime | None = None
    duration_min: int = 120
    place: str = ""
    partner: str = ""
    id: int | None = None
    uid: str = field(default_factory=new_uid, compare=False)  # permanent identity (team.md rule 1), never changes

    @property
    def end(self) -> datetime | None:
        return self.start + timedelta(minutes=self.duration_min) if self.start else None


@dataclass(frozen=True)
class Registration:
    """A participant registered to an action; attendance None until it is recorded."""

    participant_id: int
    file_number: str
    last_name: str
    first_name: str
    attendance: Attendance | None = None
    uid: str = field(default="", compare=False)  # the permanent identifier, given when it is saved

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}".strip()


@dataclass(frozen=True)
class ParticipantAction:
    """One line of a participant's own list of collective actions."""

    action: CollectiveAction
    attendance: Attendance | None


# An action to create with its registrations: (participant id, attendance or None) each.
ActionWithRegistrations = tuple[CollectiveAction, list[tuple[int, Attendance | None]]]


def next_action_reference(existing: list[str], year: int) -> str:
    highest = 0
    for reference in existing:
        match = _REFERENCE.match(reference.strip())
        if match and int(match.group(1)) == year:
            highest = max(highest, int(match.group(2)))
    return f"AC-{year}-{highest + 1:03d}"


def validate_action(action: CollectiveAction, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not action.reference.strip():
        errors["reference"] = "La référence de l'action est obligatoire."
    elif len(action.reference.strip()) > 30:
        errors["reference"] = "La référence ne doit pas dépasser 30 caractères."
    if action.action_type is None:
        errors["action_type"] = "Choisissez le type d'action."
    if not action.title.strip():
        errors["title"] = "L'intitulé est obligatoire."
    for name, label in (("title", "L'intitulé"), ("place", "Le lieu"), ("partner", "Le partenaire")):
        if len(getattr(action, name)) > 200:
            errors[name] = f"{label} ne doit pas dépasser 200 caractères."
    if action.start is None:
        errors["start"] = "Indiquez la date et l'heure de l'action."
    elif (action.start.date() - today).days > 366:
        errors["start"] = "L'action est à plus d'un an : vérifiez l'année."
    elif action.start.date().year < 2015:
        errors["start"] = "La date de l'action est trop ancienne : vérifiez l'année."
    if not 15 <= action.duration_min <= 720:
        errors["duration_min"] = "La durée doit être comprise entre 15 et 720 minutes."
    return errors


def attendance_allowed(action: CollectiveAction, today: date) -> bool:
    """Presence is recorded once the action has started (not for a future action)."""
    return action.start is not None and action.start.date() <= today


def _compact(text: str) -> str:
    """Letters and digits only: « DE-2026-006 », « de 2026 006 » and « DE2026006 » read alike."""
    return "".join(c for c in fold(text) if c.isalnum())


def person_matches(query: str, last_name: str, first_name: str, file_number: str) -> bool:
    """Whether a person answers what was typed to register them: every word is a part of the last name, the first
    name or the file number (« 006 », « 2026-006 », « DE-2026-006 »), accents, case, spaces and dashes ignored."""
    haystack = fold(f"{last_name} {first_name} {file_number}")
    compact = _compact(f"{last_name}{first_name}") + " " + _compact(file_number)
    for word in fold(query).split():
        if word in haystack:
            continue
        squeezed = _compact(word)
        if not squeezed or squeezed not in compact:
            return False
    return True


def still_to_note(registrations: list[Registration]) -> list[int]:
    """The people whose attendance is not recorded yet: what « Tous présents » marks present (an absence already
    recorded stays)."""
    return [r.participant_id for r in registrations if r.attendance is None]
