"""A participant's file, its validation rules and what is derived from it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from ilot_desktop.domain.dates import age_on, format_date
from ilot_desktop.domain.fields import FIELDS, REQUIRED_FIELDS
from ilot_desktop.domain.identity import new_uid
from ilot_desktop.domain.vocabulary import (
    Cadence,
    CaseStatus,
    EducationLevel,
    EndReason,
    Housing,
    JusticeMeasure,
    JusticeSituation,
    Phase,
    Referrer,
    Resource,
    Right,
    RightStatus,
    Sex,
    WorkConstraint,
    fold,
)

FILE_NUMBER_PREFIX = "DE"
# ``DE-2026-001`` (a file without a laptop code, as numbered before) or ``DE-2026-AB-001`` (laptop code ``AB``)
_FILE_NUMBER = re.compile(r"^DE-(\d{4})-(?:([A-Z]{2,4})-)?(\d{3,})$")
_LAPTOP_CODE = re.compile(r"^[A-Z]{2,4}$")
LAPTOP_CODE_RULE = "2 à 4 lettres majuscules, sans accent, par exemple vos initiales"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[\d\s.\-()]{6,20}$")
EMAIL_PATTERN, PHONE_PATTERN = _EMAIL, _PHONE  # also used for the caseworker's own details


@dataclass
class Participant:
    """Everything the participant file holds. ``id`` is None until first saved.

    Each attribute but ``id`` and ``uid`` (its permanent identifier) is a field of ``domain/fields.py`` (its
    label, kind, section, limits, exchange column): a test checks that both list the same names.
    """

    file_number: str = ""
    former_numbers: str = ""  # numbers this file had before team work renumbered it, comma-separated
    last_name: str = ""
    first_name: str = ""
    sex: Sex | None = None
    birth_date: date | None = None
    phone: str = ""
    email: str = ""
    address: str = ""
    referrer: Referrer | None = None
    justice_situation: JusticeSituation | None = None
    facility: str = ""
    planned_release_date: date | None = None
    housing_at_entry: Housing | None = None
    entry_date: date | None = None
    end_date: date | None = None
    end_reason: EndReason | None = None
    cpip_name: str = ""
    cpip_contact: str = ""
    justice_measure: JusticeMeasure | None = None
    justice_constraints: str = ""
    resources: set[Resource] = field(default_factory=set)
    rights: dict[Right, RightStatus] = field(default_factory=dict)
    education_level: EducationLevel | None = None
    professional_project: str = ""
    skills: str = ""
    work_constraints: set[WorkConstraint] = field(default_factory=set)
    work_constraints_notes: str = ""
    consent_date: date | None = None
    caseworker: str = ""
    cadence: Cadence | None = None
    notes: str = ""
    anonymised_on: date | None = None  # set by the retention rule: the file is statistics from then on
    id: int | None = None
    uid: str = field(default_factory=new_uid, compare=False)  # permanent identity (team.md rule 1), never changes

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}".strip()

    def status(self, today: date) -> CaseStatus:
        return CaseStatus.ENDED if self.end_date and self.end_date <= today else CaseStatus.ONGOING

    def phase(self, today: date) -> Phase:
        return phase_of(self.justice_situation, self.planned_release_date, today)

    def identity_key(self) -> tuple[str, str, date | None]:
        """Same person? Same folded last name, first name and birth date."""
        return (fold(self.last_name), fold(self.first_name), self.birth_date)


@dataclass(frozen=True)
class ParticipantSummary:
    """One row of the participant list: enough to search, sort and filter, nothing sensitive."""

    id: int
    file_number: str
    last_name: str
    first_name: str
    birth_date: date | None
    entry_date: date | None
    end_date: date | None
    justice_situation: JusticeSituation | None
    planned_release_date: date | None
    anonymised: bool = False  # the list hides these by default

    def status(self, today: date) -> CaseStatus:
        return CaseStatus.ENDED if self.end_date and self.end_date <= today else CaseStatus.ONGOING

    def phase(self, today: date) -> Phase:
        return phase_of(self.justice_situation, self.planned_release_date, today)

    def search_text(self) -> str:
        return fold(f"{self.last_name} {self.first_name} {self.file_number}")


def phase_of(situation: JusticeSituation | None, release: date | None, today: date) -> Phase:
    """Dedans while in detention and the planned release has not come; Dehors otherwise."""
    if situation is JusticeSituation.DETENTION and (release is None or release > today):
        return Phase.INSIDE
    return Phase.OUTSIDE


def phase_text(situation: JusticeSituation | None, release: date | None, today: date) -> str:
    phase = phase_of(situation, release, today)
    if phase is Phase.INSIDE:
        if release:
            days = (release - today).days
            when = "demain" if days == 1 else f"dans {days} jours"
            return f"Dedans : libération prévue le {format_date(release)} ({when})"
        return "Dedans : date de libération non connue"
    if situation is JusticeSituation.DETENTION and release:
        return f"Dehors depuis le {format_date(release)}"
    return "Dehors"


def parse_file_number(number: str) -> tuple[int, str, int] | None:
    """``DE-2026-AB-007`` → ``(2026, "AB", 7)``, ``DE-2026-007`` → ``(2026, "", 7)``; None for any other text (a
    number typed freely or imported stays valid: only the proposal of the next one reads this)."""
    match = _FILE_NUMBER.match(number.strip().upper())
    if match is None:
        return None
    return int(match.group(1)), match.group(2) or "", int(match.group(3))


def next_file_number(existing: list[str], year: int, laptop_code: str = "") -> str:
    """One more than the highest number of this year and this laptop code: ``DE-2026-AB-008`` after
    ``DE-2026-AB-007`` whatever the other laptops' (``DE-2026-CD-…``) or the old ``DE-2026-012``. Without a code,
    the old style ``DE-2026-013``."""
    highest = 0
    for number in existing:
        parsed = parse_file_number(number)
        if parsed is not None and parsed[0] == year and parsed[1] == laptop_code:
            highest = max(highest, parsed[2])
    code = f"{laptop_code}-" if laptop_code else ""
    return f"{FILE_NUMBER_PREFIX}-{year}-{code}{highest + 1:03d}"


def clean_laptop_code(text: str) -> str:
    """The code as typed, spaces trimmed, in capitals (« ab » is ``AB``)."""
    return text.strip().upper()


def laptop_code_problem(code: str) -> str | None:
    """What is wrong with a laptop code (already cleaned), in French; None when it is right or empty (no code)."""
    if not code or _LAPTOP_CODE.match(code):
        return None
    return f"Code de cet ordinateur\u00a0: {LAPTOP_CODE_RULE}."


# --- validation -----------------------------------------------------------------------------------

EARLIEST_ENTRY = date(2015, 1, 1)


def _birth(p: Participant, today: date) -> str | None:
    if p.birth_date is None:
        return None
    if p.birth_date > today:
        return "La date de naissance est dans le futur."
    if age_on(p.birth_date, today) > 100:
        return "La date de naissance donne plus de 100 ans : vérifiez l'année."
    if p.entry_date and age_on(p.birth_date, p.entry_date) < 16:
        return "La personne aurait moins de 16 ans à l'entrée : vérifiez l'année."
    return None


def _entry(p: Participant, today: date) -> str | None:
    if p.entry_date is None:
        return None
    if p.entry_date < EARLIEST_ENTRY:
        return f"La date d'entrée est antérieure au {format_date(EARLIEST_ENTRY)} : vérifiez l'année."
    if (p.entry_date - today).days > 366:
        return "La date d'entrée est à plus d'un an dans le futur : vérifiez l'année."
    return None


def _end(p: Participant, today: date) -> str | None:
    if p.end_reason is not None and p.end_date is None:
        return "Indiquez la date de fin d'accompagnement (un motif de fin est choisi)."
    if p.end_date is None:
        return None
    if p.entry_date and p.end_date < p.entry_date:
        return "La fin d'accompagnement ne peut pas précéder la date d'entrée."
    if p.end_date > today:
        return "La fin d'accompagnement ne peut pas être dans le futur."
    return None


def _release(p: Participant, today: date) -> str | None:
    release = p.planned_release_date
    if release is None:
        return None
    if p.birth_date and release <= p.birth_date:
        return "La date de libération précède la date de naissance."
    if p.justice_situation is JusticeSituation.DETENTION and p.entry_date and release < p.entry_date:
        return "La personne était en détention à l'entrée : la libération prévue ne peut pas précéder la date d'entrée."
    if (release - today).days > 366 * 30:
        return "La date de libération est à plus de 30 ans : vérifiez l'année."
    return None


def _consent(p: Participant, today: date) -> str | None:
    if p.consent_date is None:
        return None
    if p.consent_date > today:
        return "La date de consentement ne peut pas être dans le futur."
    if p.birth_date and p.consent_date <= p.birth_date:
        return "La date de consentement précède la date de naissance."
    return None


def _email(p: Participant, today: date) -> str | None:
    if p.email.strip() and not _EMAIL.match(p.email.strip()):
        return "Adresse e-mail incomplète : elle doit ressembler à nom@exemple.fr."
    return None


def _phone(p: Participant, today: date) -> str | None:
    if p.phone.strip() and not _PHONE.match(p.phone.strip()):
        return "Numéro de téléphone non reconnu : chiffres, espaces et « + » seulement."
    return None


# The rules beyond "required" and "too long", in the order their messages are given.
_RULES: tuple[tuple[str, Callable[[Participant, date], str | None]], ...] = (
    ("birth_date", _birth),
    ("entry_date", _entry),
    ("end_date", _end),
    ("planned_release_date", _release),
    ("consent_date", _consent),
    ("email", _email),
    ("phone", _phone),
)


def validate(p: Participant, today: date) -> dict[str, str]:
    """Field name -> French message, for every problem found. Empty when the file can be saved."""
    errors: dict[str, str] = {}
    for name, message in REQUIRED_FIELDS.items():
        value = getattr(p, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = message
    for f in FIELDS:
        if f.too_long and f.max_length is not None and len(str(getattr(p, f.name)).strip()) > f.max_length:
            errors[f.name] = f.too_long
    for name, rule in _RULES:
        found = rule(p, today)
        if found is not None:
            errors[name] = found
    return errors
