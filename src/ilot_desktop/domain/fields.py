"""The participant file's fields, in one registry: what each one is called, holds and where it goes.

``FIELDS`` lists every field of ``Participant`` (except ``id``) in the order of the Fiche. Each entry says
its French label, its kind, the section of the form it sits in, its limits (required message, maximum
length, list of choices), its column of the exchange workbook (exact header, place among the columns,
width) and whether the right-of-access copy shows it. The Fiche, the exchange workbook (layout, reading,
export), the access copy, the validation of required fields and the storage of codes are all derived
from it: adding a field is an entry here, an attribute of ``Participant``, a column of
``storage/tables.py`` and its migration (``docs/architecture.md``, "How to add a field").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from ilot_desktop.domain.vocabulary import (
    Cadence,
    EducationLevel,
    EndReason,
    Housing,
    JusticeMeasure,
    JusticeSituation,
    LabelledEnum,
    Referrer,
    Resource,
    Right,
    RightStatus,
    Sex,
    WorkConstraint,
)


class FieldKind(Enum):
    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # several lines
    DATE = "date"
    CHOICE = "choice"  # one label of ``choices`` (stored by its code)
    CHOICES = "choices"  # a set of labels of ``choices`` (ticked in a check list)
    STATUSES = "statuses"  # one label of ``choices`` for each member of ``keys`` (the rights)


@dataclass(frozen=True)
class ExchangeColumn:
    """The field's column of the exchange workbook's ``Participants`` sheet (data-exchange.md §1)."""

    header: str  # exact: other tools read the file by it
    order: int  # columns are written in this order
    width: int = 18  # in characters, as the export sets it


@dataclass(frozen=True)
class Field:
    """One field of the participant file.

    ``required``: the French message when it is left empty (empty: optional). ``max_length``: the most
    characters a text may hold; ``too_long``, when given, is the message ``validate`` gives past it (else
    the exchange import refuses the cell itself). ``in_form``: shown on the Fiche (``end_reason`` is set
    on the Résultats tab, ``anonymised_on`` by the retention rule, ``former_numbers`` by team work's
    renumbering, shown read-only). ``tall``: a long text given more room.
    ``placeholder``: what a choice list shows when nothing is chosen (for statuses, the member so named is
    that "not said" and is not offered); ``default_choice``, the member an empty choice stands for (the rhythm:
    weekly), listed once, as the placeholder, and stored as it was. ``check_columns``: columns of a check list.
    ``exchange``: None when the workbook has no such column. ``in_copy``: shown in the right-of-access copy
    (every field is, unless said otherwise).
    """

    name: str
    label: str
    kind: FieldKind
    section: str
    choices: type[LabelledEnum] | None = None
    keys: type[LabelledEnum] | None = None
    required: str = ""
    max_length: int | None = None
    too_long: str = ""
    in_form: bool = True
    placeholder: str = ""
    default_choice: LabelledEnum | None = None
    tall: bool = False
    check_columns: int = 2
    exchange: ExchangeColumn | None = None
    in_copy: bool = True

    @property
    def is_text(self) -> bool:
        return self.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT)


IDENTITY = "Identité"
FOLLOW_UP = "Accompagnement"
JUSTICE = "Situation judiciaire"
HOUSING = "Hébergement et ressources"
RIGHTS = "Accès aux droits"
PROJECT = "Projet professionnel"
CONSTRAINTS = "Contraintes pour l'orientation"
NOTES = "Notes"

_T, _L, _D, _C = FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.DATE, FieldKind.CHOICE
_X = ExchangeColumn

FIELDS: tuple[Field, ...] = (
    Field(
        "file_number",
        "N° de dossier",
        _T,
        IDENTITY,
        required="Le numéro de dossier est obligatoire.",
        max_length=30,
        too_long="Le numéro de dossier ne doit pas dépasser 30 caractères.",
        exchange=_X("N° dossier", 1, 14),
    ),
    Field("former_numbers", "Ancien numéro", _T, IDENTITY, in_form=False),  # renumbered by team work (0008)
    Field(
        "last_name",
        "Nom",
        _T,
        IDENTITY,
        required="Le nom est obligatoire.",
        max_length=100,
        too_long="Le nom ne doit pas dépasser 100 caractères.",
        exchange=_X("Nom", 2, 18),
    ),
    Field(
        "first_name",
        "Prénom",
        _T,
        IDENTITY,
        required="Le prénom est obligatoire.",
        max_length=100,
        too_long="Le prénom ne doit pas dépasser 100 caractères.",
        exchange=_X("Prénom", 3, 16),
    ),
    Field("sex", "Sexe", _C, IDENTITY, Sex, required="Choisissez le sexe.", exchange=_X("Sexe", 4, 10)),
    Field(
        "birth_date",
        "Date de naissance",
        _D,
        IDENTITY,
        required="La date de naissance est obligatoire.",
        exchange=_X("Date de naissance", 5, 13),
    ),
    Field("phone", "Téléphone", _T, IDENTITY, max_length=40, exchange=_X("Téléphone", 6, 16)),
    Field("email", "E-mail", _T, IDENTITY, max_length=200),
    Field("address", "Adresse ou hébergement", _L, IDENTITY),
    Field(
        "entry_date",
        "Date d'entrée",
        _D,
        FOLLOW_UP,
        required="La date d'entrée dans l'accompagnement est obligatoire.",
        exchange=_X("Date d'entrée", 12, 13),
    ),
    Field("end_date", "Fin d'accompagnement", _D, FOLLOW_UP, exchange=_X("Date de fin d'accompagnement", 13, 14)),
    Field("end_reason", "Motif de fin", _C, FOLLOW_UP, EndReason, in_form=False),
    Field(
        "referrer",
        "Orienteur",
        _C,
        FOLLOW_UP,
        Referrer,
        required="Indiquez qui a orienté la personne.",
        exchange=_X("Orienteur", 7, 26),
    ),
    Field("caseworker", "Chargée de mission", _T, FOLLOW_UP, max_length=200),
    Field(
        "cadence",
        "Rythme de suivi",
        _C,
        FOLLOW_UP,
        Cadence,
        placeholder=f"{Cadence.WEEKLY.label} (par défaut)",
        default_choice=Cadence.WEEKLY,
    ),
    Field("consent_date", "Consentement (date)", _D, FOLLOW_UP),
    Field("anonymised_on", "Anonymisé le", _D, FOLLOW_UP, in_form=False),
    Field(
        "justice_situation",
        "Situation à l'entrée",
        _C,
        JUSTICE,
        JusticeSituation,
        required="Indiquez la situation judiciaire à l'entrée.",
        exchange=_X("Situation judiciaire à l'entrée", 8, 20),
    ),
    Field("facility", "Établissement", _T, JUSTICE, max_length=200, exchange=_X("Établissement", 9, 30)),
    Field("planned_release_date", "Libération prévue", _D, JUSTICE, exchange=_X("Date de libération prévue", 10, 13)),
    Field("justice_measure", "Mesure", _C, JUSTICE, JusticeMeasure),
    Field("justice_constraints", "Obligations", _L, JUSTICE),
    Field("cpip_name", "CPIP (SPIP)", _T, JUSTICE, max_length=200),
    Field("cpip_contact", "Contact CPIP", _T, JUSTICE, max_length=200),
    Field(
        "housing_at_entry",
        "Hébergement à l'entrée",
        _C,
        HOUSING,
        Housing,
        required="Indiquez l'hébergement à l'entrée.",
        exchange=_X("Hébergement à l'entrée", 11, 30),
    ),
    Field("resources", "Ressources", FieldKind.CHOICES, HOUSING, Resource),
    Field(
        "rights", "Droits", FieldKind.STATUSES, RIGHTS, RightStatus, keys=Right, placeholder=RightStatus.UNKNOWN.label
    ),
    Field("education_level", "Niveau", _C, PROJECT, EducationLevel),
    Field("professional_project", "Métiers visés", _L, PROJECT),
    Field("skills", "Compétences", _L, PROJECT),
    Field("work_constraints", "Contraintes", FieldKind.CHOICES, CONSTRAINTS, WorkConstraint, check_columns=1),
    Field("work_constraints_notes", "Précisions", _L, CONSTRAINTS),
    Field("notes", "Notes", _L, NOTES, tall=True),
)
BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}


def sections(in_form: bool = False) -> tuple[tuple[str, tuple[Field, ...]], ...]:
    """(title, fields) in the Fiche's order; only the fields the Fiche shows when ``in_form``."""
    grouped: dict[str, list[Field]] = {}
    for f in FIELDS:
        if f.in_form or not in_form:
            grouped.setdefault(f.section, []).append(f)
    return tuple((title, tuple(items)) for title, items in grouped.items())


def exchange_fields() -> tuple[Field, ...]:
    """The fields of the ``Participants`` sheet, in its column order."""
    return tuple(sorted((f for f in FIELDS if f.exchange is not None), key=lambda f: _exchange(f).order))


def _exchange(f: Field) -> ExchangeColumn:
    assert f.exchange is not None
    return f.exchange


# Field -> French message when empty, in the workbook's column order (an import row's problems come so).
REQUIRED_FIELDS: dict[str, str] = {
    f.name: f.required
    for f in sorted(FIELDS, key=lambda f: f.exchange.order if f.exchange is not None else len(FIELDS) + 1)
    if f.required
}


# --- stored values: choices by their stable code -----------------------------------------------------


def stored_value(f: Field, value: object) -> object:
    """What the database column holds for a domain value: codes for choices (sorted lists and maps)."""
    if f.kind is FieldKind.CHOICE:
        return value.value if isinstance(value, Enum) else None
    if f.kind is FieldKind.CHOICES:
        members: Iterable[Enum] = value if isinstance(value, set | frozenset) else ()
        return sorted(member.value for member in members)
    if f.kind is FieldKind.STATUSES:
        statuses: Mapping[Enum, Enum] = value if isinstance(value, dict) else {}
        return {key.value: status.value for key, status in sorted(statuses.items())}
    return value


def domain_value(f: Field, stored: object) -> object:
    """The domain value of a database column (the reverse of ``stored_value``)."""
    if f.kind is FieldKind.CHOICE:
        assert f.choices is not None
        return f.choices(str(stored)) if stored else None
    if f.kind is FieldKind.CHOICES:
        assert f.choices is not None
        codes: Iterable[str] = stored if isinstance(stored, list | tuple | set) else ()
        return {f.choices(code) for code in codes}
    if f.kind is FieldKind.STATUSES:
        assert f.choices is not None and f.keys is not None
        pairs: Mapping[str, str] = stored if isinstance(stored, dict) else {}
        return {f.keys(key): f.choices(status) for key, status in pairs.items()}
    return stored
