"""Barriers to employment ("freins périphériques"): the checklist, its rules and each barrier's history.

A barrier is one ticked item of a category (``Hébergement`` / ``Sans abri``); its status goes from
``Identifié`` to ``Levé``, possibly through ``En cours`` and ``Orienté vers un partenaire``, and every
change is kept as a ``BarrierEvent`` with its date, so the file shows how the path went.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.identity import new_uid
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus

MAX_ITEM = 120
MAX_PARTNER = 200
MAX_COMMENT = 1000
EARLIEST_BARRIER = date(2015, 1, 1)

# fmt: off
# The items offered for ticking, per category (a caseworker may also type her own).
CATALOGUE: dict[BarrierCategory, tuple[str, ...]] = {
    BarrierCategory.HOUSING: (
        "Sans abri", "Squat", "Hébergé chez un tiers", "Hébergement d'urgence ou d'insertion",
        "Logement à quitter",
    ),
    BarrierCategory.PHYSICAL_HEALTH: (
        "Suivi médical à reprendre", "Soins dentaires", "Handicap ou RQTH", "Douleurs chroniques",
    ),
    BarrierCategory.MENTAL_HEALTH: ("Suivi psychologique", "Troubles anxieux", "Traitement à poursuivre"),
    BarrierCategory.ADDICTIONS: ("Alcool", "Produits", "Jeux"),
    BarrierCategory.RIGHTS: (
        "Pièce d'identité", "Sécurité sociale / Carte Vitale", "Complémentaire santé", "CAF", "RSA",
        "Inscription France Travail", "Compte bancaire", "Domiciliation",
    ),
    BarrierCategory.DEBTS: (
        "Amendes et dettes au Trésor Public", "Bordereau des dettes", "Dettes locatives", "Surendettement",
        "Sans ressources",
    ),
    BarrierCategory.MOBILITY: ("Titre de transport", "Permis de conduire"),
    BarrierCategory.LANGUAGE: ("Français oral", "Lecture et écriture", "Calcul"),
    BarrierCategory.DIGITAL: ("Pas de téléphone", "Pas d'adresse e-mail", "Démarches en ligne"),
    BarrierCategory.FAMILY: ("Enfants à charge", "Rupture familiale", "Pension alimentaire"),
    BarrierCategory.JUSTICE: (
        "Obligations de soins ou de travail", "Horaires du bracelet", "Interdictions de paraître",
        "Convocations SPIP ou JAP",
    ),
    BarrierCategory.ISOLATION: ("Isolement", "Manque de confiance", "Pas de réseau professionnel"),
}
# fmt: on

_CATEGORY_ORDER = {category: rank for rank, category in enumerate(BarrierCategory)}


@dataclass
class Barrier:
    """One barrier of one participant. ``id`` is None until first saved."""

    participant_id: int | None = None
    category: BarrierCategory | None = None
    item: str = ""
    status: BarrierStatus = BarrierStatus.IDENTIFIED
    identified_on: date | None = None
    lifted_on: date | None = None
    partner: str = ""
    comment: str = ""
    id: int | None = None
    uid: str = field(default_factory=new_uid, compare=False)  # permanent identity (team.md rule 1), never changes


@dataclass(frozen=True)
class BarrierEvent:
    """A status reached on a day: one per change, the first one at identification."""

    barrier_id: int
    on: date
    status: BarrierStatus
    partner: str = ""
    uid: str = field(default_factory=new_uid, compare=False)  # permanent identity (team.md rule 1), never changes


# A step of a barrier's path before it is saved (demo data, imports): (day, status reached, partner).
HistoryStep = tuple[date, BarrierStatus, str]


def category_rank(category: BarrierCategory | None) -> int:
    """The checklist's order of categories (the enum's order)."""
    return _CATEGORY_ORDER.get(category, len(_CATEGORY_ORDER)) if category else len(_CATEGORY_ORDER)


def _date_errors(b: Barrier, today: date) -> dict[str, str]:
    """The identification and lifting dates' problems (``validate_barrier``)."""
    errors: dict[str, str] = {}
    if b.identified_on is None:
        errors["identified_on"] = "Indiquez la date à laquelle le frein a été identifié."
    elif b.identified_on > today:
        errors["identified_on"] = "La date d'identification ne peut pas être dans le futur."
    elif b.identified_on < EARLIEST_BARRIER:
        errors["identified_on"] = (
            f"La date d'identification est antérieure au {format_date(EARLIEST_BARRIER)} : vérifiez l'année."
        )

    if b.status is BarrierStatus.LIFTED:
        if b.lifted_on is None:
            errors["lifted_on"] = "Indiquez la date à laquelle le frein a été levé."
        elif b.identified_on and b.lifted_on < b.identified_on:
            errors["lifted_on"] = "La date de levée ne peut pas précéder la date d'identification."
        elif b.lifted_on > today:
            errors["lifted_on"] = "La date de levée ne peut pas être dans le futur."
    elif b.lifted_on is not None:
        errors["lifted_on"] = "Une date de levée n'a de sens que pour un frein levé."
    return errors


def validate_barrier(b: Barrier, today: date) -> dict[str, str]:
    """Field name -> French message, for every problem found. Empty when the barrier can be saved."""
    errors: dict[str, str] = {}
    if b.participant_id is None:
        errors["participant"] = "Choisissez la personne concernée."
    if b.category is None:
        errors["category"] = "Choisissez la catégorie du frein."
    if not b.item.strip():
        errors["item"] = "Indiquez le frein."
    elif len(b.item.strip()) > MAX_ITEM:
        errors["item"] = f"Le frein ne doit pas dépasser {MAX_ITEM} caractères."
    if b.status is None:
        errors["status"] = "Choisissez le statut du frein."

    errors.update(_date_errors(b, today))

    if b.status is BarrierStatus.ORIENTED and not b.partner.strip():
        errors["partner"] = "Indiquez le partenaire vers qui la personne est orientée."
    elif len(b.partner.strip()) > MAX_PARTNER:
        errors["partner"] = f"Le partenaire ne doit pas dépasser {MAX_PARTNER} caractères."
    if len(b.comment.strip()) > MAX_COMMENT:
        errors["comment"] = f"Le commentaire ne doit pas dépasser {MAX_COMMENT} caractères."
    return errors


def change_status(b: Barrier, status: BarrierStatus, on: date, partner: str | None = None) -> Barrier:
    """A copy with the new status: ``Levé`` dates the lifting (``on``, unless already dated),
    leaving ``Levé`` forgets the date; ``partner`` replaces the partner when given."""
    lifted_on = (b.lifted_on or on) if status is BarrierStatus.LIFTED else None
    changed = replace(b, status=status, lifted_on=lifted_on)
    if partner is not None:
        changed.partner = partner.strip()
    return changed


def first_history(b: Barrier) -> list[HistoryStep]:
    """The path of a barrier noted with no history of its own: identified on its identification date with its
    status; one noted already lifted later than identified is identified, then lifted on its lifting date (so
    its history always ends on the lifting date, as ``validate_history`` requires)."""
    assert b.identified_on is not None  # a barrier always has its identification date (validate_barrier)
    partner = b.partner if b.status is BarrierStatus.ORIENTED else ""
    if b.status is BarrierStatus.LIFTED and b.lifted_on is not None and b.lifted_on != b.identified_on:
        return [(b.identified_on, BarrierStatus.IDENTIFIED, ""), (b.lifted_on, BarrierStatus.LIFTED, "")]
    return [(b.identified_on, b.status, partner)]


def validate_history(b: Barrier, steps: list[HistoryStep], today: date) -> dict[str, str]:
    """A barrier's path given whole (demo data, imports): dated, in order, ending on its status."""
    if not steps:
        return {}
    days = [day for day, _status, _partner in steps]
    if days != sorted(days):
        return {"history": "Les étapes du frein ne sont pas dans l'ordre des dates."}
    if b.identified_on is not None and days[0] != b.identified_on:
        return {"history": "La première étape du frein doit être sa date d'identification."}
    if days[-1] > today:
        return {"history": "Une étape du frein est datée dans le futur."}
    if steps[-1][1] is not b.status:
        return {"history": "La dernière étape du frein doit être son statut actuel."}
    if b.status is BarrierStatus.LIFTED and b.lifted_on != days[-1]:
        return {"history": "La levée du frein doit être datée comme sa dernière étape."}
    for _day, status, partner in steps:
        if status is BarrierStatus.ORIENTED and not partner.strip():
            return {"history": "Une orientation du frein n'indique pas de partenaire."}
    return {}
