"""The right of access (RGPD art. 15): everything the application holds about one person, in French.

``AccessCopy`` gathers the records; ``participant_fields`` and ``copy_tables`` turn them into labelled
text, the same for the PDF and the workbook. The file's fields, their labels and sections come from
``domain/fields.py``; ``FIELD_LABELS`` names every field of ``Participant`` (a test fails when one is left
out of the copy).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum

from ilot_desktop.domain.action_plan import Task
from ilot_desktop.domain.actions import ParticipantAction
from ilot_desktop.domain.audit import AuditEvent
from ilot_desktop.domain.barriers import Barrier, BarrierEvent
from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.fields import sections
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import LabelledEnum, Right

NBSP = "\u00a0"
EMPTY = "—"
ORGANISATION = "L'Îlot"
PROGRAMME = "Dynamiques Emploi"

RIGHTS_TEXT = (
    f"Ce document est la copie complète des données que {ORGANISATION} conserve à votre sujet dans "
    f"l'application Îlot desktop, pour votre accompagnement dans le dispositif {PROGRAMME}. Vous la recevez "
    f"au titre de votre droit d'accès (article 15 du règlement général sur la protection des données).",
    "Si une information est inexacte ou incomplète, vous pouvez demander qu'elle soit rectifiée (article 16). "
    "Vous pouvez aussi demander l'effacement de vos données (article 17) ou vous opposer à leur traitement "
    f"(article 21). Adressez-vous à votre chargée de mission ou au délégué à la protection des données de "
    f"{ORGANISATION}. Vous pouvez également adresser une réclamation à la CNIL (www.cnil.fr).",
    "Ce document contient des informations personnelles et sensibles : gardez-le en lieu sûr.",
)

# Every field of the participant file, by section, with its French label (the form's words): ``domain/fields.py``.
SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = tuple(
    (title, tuple((f.name, f.label) for f in items if f.in_copy)) for title, items in sections()
)
FIELD_LABELS: dict[str, str] = {name: label for _title, items in SECTIONS for name, label in items}


@dataclass(frozen=True)
class AccessCopy:
    """One person's complete file on a day, as the application holds it."""

    participant: Participant
    made_on: date
    appointments: list[Appointment] = field(default_factory=list)
    barriers: list[Barrier] = field(default_factory=list)
    histories: dict[int, list[BarrierEvent]] = field(default_factory=dict)
    tasks: list[Task] = field(default_factory=list)
    actions: list[ParticipantAction] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    events: list[AuditEvent] = field(default_factory=list)

    @property
    def person(self) -> str:
        p = self.participant
        return " ".join(part for part in (p.first_name.strip(), p.last_name.strip().upper()) if part) or (p.file_number)

    @property
    def title(self) -> str:
        """« Copie des données de Zéphyrin MARQUEUR au 27/11/2026 »."""
        return f"Copie des données de {self.person} au {format_date(self.made_on)}"


@dataclass(frozen=True)
class CopyTable:
    """One kind of record: a sheet of the workbook, a section of the PDF. ``long`` columns hold free text."""

    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    long: frozenset[int] = frozenset()
    empty: str = "Aucun."


def text(value: object) -> str:
    """A value as French text; ``—`` when empty."""
    if value is None or value == "" or value == set() or value == {}:
        return EMPTY
    if isinstance(value, LabelledEnum):
        return value.label
    if isinstance(value, datetime):
        return f"{format_date(value.date())} {value:%H:%M}"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, set | frozenset):
        return " ; ".join(sorted(text(v) for v in value))
    if isinstance(value, dict):  # the rights: « Pièce d'identité : À faire »
        ordered = sorted(value.items(), key=lambda kv: list(Right).index(kv[0]) if kv[0] in list(Right) else 99)
        return " ; ".join(f"{text(k)}{NBSP}: {text(v)}" for k, v in ordered)
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value).strip() or EMPTY


def participant_fields(p: Participant) -> list[tuple[str, str, str]]:
    """(section, label, value) for every field of the file, in the form's order."""
    return [(title, label, text(getattr(p, name))) for title, items in SECTIONS for name, label in items]


def _minutes(count: int) -> str:
    return f"{count}{NBSP}min"


def copy_tables(copy: AccessCopy) -> list[CopyTable]:
    """Every kind of record about the person, oldest first, as labelled text."""
    barrier_names = {b.id: f"{text(b.category)} : {b.item}" for b in copy.barriers}
    appointments = sorted(copy.appointments, key=lambda a: (a.start or datetime.min, a.id or 0))
    barriers = sorted(copy.barriers, key=lambda b: (b.identified_on or date.min, b.id or 0))
    history_rows: list[tuple[str, ...]] = [
        (barrier_names.get(b.id, EMPTY), text(e.on), text(e.status), text(e.partner))
        for b in barriers
        if b.id is not None
        for e in copy.histories.get(b.id, [])
    ]
    tasks = sorted(copy.tasks, key=lambda t: (t.created_on or date.min, t.id or 0))
    actions = sorted(copy.actions, key=lambda pa: (pa.action.start or datetime.min, pa.action.id or 0))
    outcomes = sorted(copy.outcomes, key=lambda o: (o.on or date.min, o.id or 0))
    events = sorted(copy.events, key=lambda e: (e.at, e.id or 0))
    return [
        CopyTable(
            "Rendez-vous",
            ("Date et heure", "Durée", "Type", "Lieu", "Statut", "Compte rendu", "Suite prévue"),
            [
                (
                    text(a.start),
                    _minutes(a.duration_min),
                    text(a.kind),
                    text(a.place),
                    text(a.status),
                    text(a.report),
                    text(a.next_steps),
                )
                for a in appointments
            ],
            long=frozenset({5, 6}),
        ),
        CopyTable(
            "Freins",
            ("Catégorie", "Frein", "Statut", "Identifié le", "Levé le", "Partenaire", "Commentaire"),
            [
                (
                    text(b.category),
                    text(b.item),
                    text(b.status),
                    text(b.identified_on),
                    text(b.lifted_on),
                    text(b.partner),
                    text(b.comment),
                )
                for b in barriers
            ],
            long=frozenset({6}),
        ),
        CopyTable("Historique des freins", ("Frein", "Date", "Statut atteint", "Partenaire"), history_rows),
        CopyTable(
            "Plan d'action",
            ("Tâche", "Qui", "Pour le", "Statut", "Créée le", "Faite le", "Frein lié"),
            [
                (
                    text(t.description),
                    text(t.owner),
                    text(t.due_date),
                    text(t.status),
                    text(t.created_on),
                    text(t.done_on),
                    barrier_names.get(t.barrier_id, EMPTY) if t.barrier_id else EMPTY,
                )
                for t in tasks
            ],
        ),
        CopyTable(
            "Actions collectives",
            ("Date", "Type", "Intitulé", "Lieu", "Partenaire", "Présence"),
            [
                (
                    text(pa.action.start),
                    text(pa.action.action_type),
                    text(pa.action.title),
                    text(pa.action.place),
                    text(pa.action.partner),
                    text(pa.attendance) if pa.attendance else "Non notée",
                )
                for pa in actions
            ],
        ),
        CopyTable(
            "Résultats",
            (
                "Date",
                "Résultat",
                "Catégorie",
                "Motif d'abandon",
                "Employeur ou organisme",
                "Secteur",
                "Temps de travail",
                "Commentaire",
            ),
            [
                (
                    text(o.on),
                    text(o.outcome_type),
                    text(o.category),
                    text(o.dropout_reason),
                    text(o.employer),
                    text(o.sector),
                    text(o.working_time),
                    text(o.comment),
                )
                for o in outcomes
            ],
            long=frozenset({7}),
        ),
        CopyTable(
            "Journal des accès",
            ("Date et heure", "Par", "Action", "Précision"),
            [(text(e.at), text(e.actor), e.label, text(e.detail)) for e in events],
            empty="Aucun accès enregistré (le journal est conservé douze mois).",
        ),
    ]


def counts(tables: Iterable[CopyTable]) -> dict[str, int]:
    return {t.title: len(t.rows) for t in tables}
