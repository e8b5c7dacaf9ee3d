"""Fictional barriers and action plans for the demo participants.

Pure and deterministic, like ``people.py``. Barriers follow each person's file: housing at entry, rights
still to open (``À faire``) or under way, no resources, work constraints (alcohol, anxiety, electronic tag,
area bans, back pain, no licence), a few common extras; each is identified in the first days and walks
its path (``En cours``, ``Orienté vers un partenaire``, ``Levé``) up to today. Tasks: three to eight per
person still followed, shared between the person, the caseworker and both, linked to the barrier they
work on, some done, a few overdue.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from ilot_desktop.demo.people import entry_of, saved_id
from ilot_desktop.domain.action_plan import SUGGESTIONS_BY_CATEGORY, Task
from ilot_desktop.domain.barriers import Barrier, HistoryStep
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import (
    BarrierCategory,
    BarrierStatus,
    EducationLevel,
    Housing,
    Phase,
    Resource,
    Right,
    RightStatus,
    TaskOwner,
    TaskStatus,
    WorkConstraint,
)

_C, _S = BarrierCategory, BarrierStatus
_PERSON, _CASEWORKER, _TOGETHER = TaskOwner.PERSON, TaskOwner.CASEWORKER, TaskOwner.TOGETHER

# A barrier to generate: category, item, and where its path may end:
# "open" (still there, not lifted), "care" (under way or oriented), "lifted", "any".
Wish = tuple[BarrierCategory, str, str]
# A barrier with its path, and a task with the index of the barrier it works on (or None).
DemoBarrier = tuple[Barrier, list[HistoryStep]]
DemoTask = tuple[Task, int | None]

# fmt: off
PARTNERS: dict[BarrierCategory, str] = {
    _C.HOUSING: "SIAO 75",
    _C.ADDICTIONS: "CSAPA Paris 18e",
    _C.MENTAL_HEALTH: "CMP Paris 10e",
    _C.DEBTS: "Point conseil budget",
    _C.DIGITAL: "Emmaüs Connect",
    _C.PHYSICAL_HEALTH: "Centre de santé Paris 20e",
    _C.LANGUAGE: "Atelier sociolinguistique Paris 19e",
    _C.FAMILY: "Point d'accès au droit Paris 18e",
    _C.RIGHTS: "Point d'accès au droit Paris 18e",
}
RIGHTS_PARTNERS = {"Domiciliation": "CCAS Paris 13e", "Compte bancaire": "Point conseil budget"}
COMMENTS: dict[BarrierCategory, tuple[str, ...]] = {
    _C.HOUSING: ("Demande SIAO envoyée ; relancer chaque mois.", "Hébergé quelques nuits par un ami."),
    _C.ADDICTIONS: ("Rendez-vous au CSAPA tous les quinze jours.",),
    _C.MENTAL_HEALTH: ("Suivi accepté ; premier rendez-vous pris.",),
    _C.DEBTS: ("Échéancier à négocier avec le Trésor Public.", "Amendes anciennes, montant à vérifier."),
    _C.RIGHTS: ("Pièces justificatives rassemblées.", "Rendez-vous pris au guichet."),
    _C.JUSTICE: ("Horaires à transmettre aux employeurs potentiels.",),
    _C.DIGITAL: ("Téléphone prêté le temps des démarches.",),
}
# The step of the action plan that works on a barrier, when it is not its category's first suggestion.
ITEM_TASKS: dict[str, str] = {
    "Pièce d'identité": "Refaire la carte d'identité",
    "Sécurité sociale / Carte Vitale": "Demander la carte Vitale",
    "Complémentaire santé": "Faire la demande de Complémentaire santé solidaire",
    "CAF": "Ouvrir les droits RSA",
    "Inscription France Travail": "S'inscrire à France Travail",
    "Compte bancaire": "Ouvrir un compte bancaire",
    "Domiciliation": "Demander une domiciliation",
    "Sans ressources": "Ouvrir les droits RSA",
    "Bordereau des dettes": "Demander le bordereau des dettes au Trésor Public",
    "Horaires du bracelet": "Prévenir le CPIP de la démarche",
    "Interdictions de paraître": "Vérifier les lieux de travail avec le CPIP",
    "Français oral": "S'inscrire à l'atelier de français",
    "Lecture et écriture": "S'inscrire à l'atelier de français",
    "Manque de confiance": "Venir à la prochaine sortie collective",
    "Douleurs chroniques": "Prendre rendez-vous chez le médecin traitant",
    "Suivi médical à reprendre": "Prendre rendez-vous chez le médecin traitant",
    "Permis de conduire": "Se renseigner sur le permis à l'auto-école sociale",
    "Rupture familiale": "Écrire à sa sœur avec l'aide de la chargée de mission",
}
OWNERS: dict[str, TaskOwner] = {
    "Faire une demande d'hébergement au SIAO": _CASEWORKER,
    "Demander une domiciliation": _TOGETHER,
    "Ouvrir les droits RSA": _TOGETHER,
    "S'inscrire à France Travail": _TOGETHER,
    "Faire la demande de Complémentaire santé solidaire": _TOGETHER,
    "Créer une adresse e-mail": _TOGETHER,
    "Préparer un CV": _TOGETHER,
    "Prévenir le CPIP de la démarche": _CASEWORKER,
    "Vérifier les lieux de travail avec le CPIP": _CASEWORKER,
    "Prendre rendez-vous avec l'assistante sociale": _CASEWORKER,
    "Demander un extrait d'acte de naissance": _CASEWORKER,
    "Chercher des offres de chantier d'insertion": _CASEWORKER,
    "Écrire à sa sœur avec l'aide de la chargée de mission": _TOGETHER,
}
GENERAL_TASKS = {  # (inside detention?) -> steps not tied to a barrier
    True: ("Préparer un CV", "Demander un extrait d'acte de naissance", "Préparer les papiers pour la sortie",
           "Prendre rendez-vous avec l'assistante sociale", "Écrire la lettre de motivation du chantier"),
    False: ("Préparer un CV", "Préparer une lettre de motivation", "Venir au prochain atelier TRE",
            "Actualiser sa situation sur France Travail",
            "Appeler l'employeur pour un retour sur l'entretien", "Apporter l'avis d'imposition",
            "Chercher des offres de chantier d'insertion", "S'entraîner à l'entretien d'embauche"),
}
# fmt: on


def _add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def _known(day: date | None) -> date:
    """A date the demo always sets (a barrier's identification, a lifted barrier's day)."""
    if day is None:
        raise ValueError("a demo date left empty")
    return day


def _wishes(p: Participant, today: date, rng: random.Random) -> list[Wish]:
    """The barriers this person's file suggests, most telling first."""
    wishes: list[Wish] = []
    inside = p.phase(today) is Phase.INSIDE
    for add in (_housing_wishes, _rights_wishes, _money_wishes, _constraint_wishes, _other_wishes):
        add(p, inside, rng, wishes)
    unique: dict[tuple[BarrierCategory, str], Wish] = {}
    for wish in wishes:  # the first of each (category, item) is kept
        unique.setdefault((wish[0], wish[1]), wish)
    return list(unique.values())


def _housing_wishes(p: Participant, inside: bool, rng: random.Random, wishes: list[Wish]) -> None:
    housing = {
        Housing.HOMELESS: "Sans abri",
        Housing.SQUAT: "Squat",
        Housing.THIRD_PARTY: "Hébergé chez un tiers",
        Housing.EMERGENCY: "Hébergement d'urgence ou d'insertion",
    }
    if p.housing_at_entry in housing:
        wishes.append((_C.HOUSING, housing[p.housing_at_entry], "any"))
    elif p.housing_at_entry is Housing.DETENTION and rng.random() < 0.4:
        wishes.append((_C.HOUSING, "Sans abri", "open" if inside else "any"))
    elif p.housing_at_entry is Housing.OWN and rng.random() < 0.3:
        wishes.append((_C.HOUSING, "Logement à quitter", "any"))


def _rights_wishes(p: Participant, inside: bool, rng: random.Random, wishes: list[Wish]) -> None:
    pending = [(r, p.rights.get(r)) for r in Right if p.rights.get(r) is RightStatus.MISSING]
    pending += [(r, p.rights.get(r)) for r in Right if p.rights.get(r) is RightStatus.IN_PROGRESS]
    for right, status in pending[:3]:  # the rights still to open first, then those under way
        wishes.append((_C.RIGHTS, right.label, "open" if status is RightStatus.MISSING else "care"))
    settled = [r for r in Right if p.rights.get(r) is RightStatus.OK]
    if settled and not inside and rng.random() < 0.5:
        wishes.append((_C.RIGHTS, rng.choice(settled).label, "lifted"))


def _money_wishes(p: Participant, inside: bool, rng: random.Random, wishes: list[Wish]) -> None:
    if Resource.NONE in p.resources:
        wishes.append((_C.DEBTS, "Sans ressources", "open"))
    elif Resource.RSA in p.resources and rng.random() < 0.4:
        wishes.append((_C.DEBTS, "Sans ressources", "lifted"))
    if "bordereau des dettes" in p.notes.lower():
        wishes.append((_C.DEBTS, "Bordereau des dettes", "care"))
    elif rng.random() < 0.25:
        wishes.append((_C.DEBTS, "Amendes et dettes au Trésor Public", "any"))


def _constraint_wishes(p: Participant, inside: bool, rng: random.Random, wishes: list[Wish]) -> None:
    constraints = p.work_constraints
    if WorkConstraint.NO_ALCOHOL_ENV in constraints:
        wishes.append((_C.ADDICTIONS, "Alcool", "care"))
    elif "csapa" in p.notes.lower():
        wishes.append((_C.ADDICTIONS, "Produits", "care"))
    if WorkConstraint.CALM_ENV in constraints:
        wishes.append((_C.MENTAL_HEALTH, "Troubles anxieux", "care"))
    if WorkConstraint.TAG_HOURS in constraints:
        wishes.append((_C.JUSTICE, "Horaires du bracelet", "open"))
    if WorkConstraint.AREA_BANS in constraints:
        wishes.append((_C.JUSTICE, "Interdictions de paraître", "open"))
    if WorkConstraint.NO_HEAVY_LOADS in constraints:
        wishes.append((_C.PHYSICAL_HEALTH, "Douleurs chroniques", "care"))
    if WorkConstraint.PART_TIME in constraints:
        wishes.append((_C.PHYSICAL_HEALTH, "Suivi médical à reprendre", "care"))
    if WorkConstraint.NO_DRIVING in constraints and rng.random() < 0.5:
        wishes.append((_C.MOBILITY, "Permis de conduire", "open"))


def _other_wishes(p: Participant, inside: bool, rng: random.Random, wishes: list[Wish]) -> None:
    if not inside:
        if not p.email and rng.random() < 0.35:
            wishes.append((_C.DIGITAL, "Pas d'adresse e-mail", "any"))
        if rng.random() < 0.3:
            wishes.append((_C.MOBILITY, "Titre de transport", "any"))
    if p.education_level is EducationLevel.FOREIGN and rng.random() < 0.5:
        wishes.append((_C.LANGUAGE, "Français oral", "any"))
    elif p.education_level is EducationLevel.NONE and rng.random() < 0.2:
        wishes.append((_C.LANGUAGE, "Lecture et écriture", "care"))
    if rng.random() < 0.2:
        wishes.append((_C.ISOLATION, "Manque de confiance", "any"))
    if rng.random() < 0.1:
        wishes.append((_C.FAMILY, "Rupture familiale", "open"))


def _final_status(kind: str, partner: str, days: int, positive_exit: bool, rng: random.Random) -> BarrierStatus:
    oriented = 3 if partner else 0
    if days < 1:
        return _S.IDENTIFIED
    if kind == "open":
        weights = {_S.IDENTIFIED: 3, _S.IN_PROGRESS: 2, _S.ORIENTED: oriented}
    elif kind == "care":
        weights = {_S.IN_PROGRESS: 2, _S.ORIENTED: 2 * oriented} if partner else {_S.IN_PROGRESS: 1}
    elif kind == "lifted":
        return _S.LIFTED if days >= 2 else _S.IN_PROGRESS
    else:
        lifted = 2 + days // 45 + (6 if positive_exit else 0)
        weights = {
            _S.IDENTIFIED: 2,
            _S.IN_PROGRESS: 3,
            _S.ORIENTED: oriented,
            _S.LIFTED: lifted if days >= 2 else 0,
        }
    choices = [s for s, w in weights.items() if w]
    return rng.choices(choices, weights=[weights[s] for s in choices])[0]


def _path(final: BarrierStatus, start: date, days: int, partner: str, rng: random.Random) -> list[HistoryStep]:
    """From identification on ``start`` to ``final`` within ``days`` days."""
    statuses = [_S.IDENTIFIED]
    if final is not _S.IDENTIFIED:
        if final is _S.IN_PROGRESS or rng.random() < 0.5:
            statuses.append(_S.IN_PROGRESS)
        if final is _S.ORIENTED or (final is _S.LIFTED and partner and rng.random() < 0.5):
            statuses.append(_S.ORIENTED)
        if final is _S.LIFTED:
            statuses.append(_S.LIFTED)
    moves = len(statuses) - 1
    offsets = sorted(rng.randint(1, days) for _ in range(moves)) if moves else []
    steps: list[HistoryStep] = [(start, _S.IDENTIFIED, "")]
    for status, offset in zip(statuses[1:], offsets, strict=True):
        steps.append((_add_days(start, offset), status, partner if status is _S.ORIENTED else ""))
    return steps


def _barriers(p: Participant, today: date, rng: random.Random) -> list[DemoBarrier]:
    horizon = min(today, p.end_date) if p.end_date else today
    positive_exit = p.notes.startswith("Sortie positive")
    made: list[DemoBarrier] = []
    for category, item, kind in _wishes(p, today, rng):
        identified = min(horizon, _add_days(entry_of(p), rng.choice((0, 0, 0, 7, 14))))
        days = (horizon - identified).days
        partner = PARTNERS.get(category, "")
        if category is _C.RIGHTS:  # mostly done with the caseworker, sometimes with a partner
            partner = RIGHTS_PARTNERS.get(item, partner) if rng.random() < 0.25 else ""
        final = _final_status(kind, partner, days, positive_exit, rng)
        steps = _path(final, identified, days, partner, rng)
        oriented = any(status is _S.ORIENTED for _day, status, _partner in steps)
        comment = rng.choice(COMMENTS[category]) if category in COMMENTS and rng.random() < 0.3 else ""
        barrier = Barrier(
            participant_id=p.id,
            category=category,
            item=item,
            status=final,
            identified_on=identified,
            lifted_on=steps[-1][0] if final is _S.LIFTED else None,
            partner=partner if oriented else "",
            comment=comment,
        )
        made.append((barrier, steps))
    return made


def _task_for(barrier: Barrier) -> str | None:
    if barrier.item in ITEM_TASKS:
        return ITEM_TASKS[barrier.item]
    suggested = SUGGESTIONS_BY_CATEGORY.get(barrier.category, ()) if barrier.category is not None else ()
    return suggested[0] if suggested else None


def _owner(description: str, inside: bool, rng: random.Random) -> TaskOwner:
    if inside and description in ("Refaire la carte d'identité", "Demander la carte Vitale"):
        return _CASEWORKER  # through the prison's registry
    return OWNERS.get(description) or rng.choice((_PERSON, _PERSON, _PERSON, _TOGETHER, _CASEWORKER))


def _tasks(p: Participant, today: date, barriers: list[tuple[int, Barrier]], rng: random.Random) -> list[DemoTask]:
    """Three to eight steps for someone still followed; a few closed ones for a closed file."""
    ongoing = p.end_date is None or p.end_date > today
    inside = p.phase(today) is Phase.INSIDE
    entry = entry_of(p)
    horizon = today if ongoing or p.end_date is None else p.end_date
    followed = (horizon - entry).days
    wanted = rng.randint(3, 8) if ongoing else rng.randint(1, 3)
    candidates: list[tuple[str, int | None, Barrier | None]] = []
    for position, found in barriers:
        description = _task_for(found)
        if description:
            candidates.append((description, position, found))
    rng.shuffle(candidates)
    candidates.sort(key=lambda c: c[2] is not None and c[2].status is _S.LIFTED)  # barriers still there first
    general = list(GENERAL_TASKS[inside])
    rng.shuffle(general)
    candidates += [(description, None, None) for description in general]
    made: list[DemoTask] = []
    used: set[str] = set()
    overdue_left = 1 if ongoing and rng.random() < 0.3 else 0
    for description, index, barrier in candidates:
        if len(made) >= wanted:
            break
        if description in used:
            continue
        used.add(description)
        task = Task(participant_id=p.id, description=description, owner=_owner(description, inside, rng))
        lifted = barrier is not None and barrier.status is _S.LIFTED
        if lifted or not ongoing or (followed >= 14 and rng.random() < 0.3):
            # done (or dropped) in the past
            low = _known(barrier.identified_on) if barrier else entry
            high = _known(barrier.lifted_on) if barrier and lifted else _add_days(horizon, -1)
            if high < low:
                high = low
            created = task.created_on = _add_days(low, rng.randint(0, (high - low).days // 2))
            done = high if lifted else _add_days(created, rng.randint(0, (high - created).days))
            task.due_date = _add_days(created, rng.choice((7, 14, 21))) if rng.random() < 0.8 else None
            if not lifted and rng.random() < 0.15:
                task.status = TaskStatus.DROPPED
            else:
                task.status, task.done_on = TaskStatus.DONE, min(done, today)
        else:
            created = task.created_on = _add_days(horizon, -rng.randint(0, min(followed, 30)))
            if overdue_left and (horizon - created).days >= 3:
                overdue_left = 0
                task.due_date = _add_days(horizon, -rng.randint(1, (horizon - created).days - 1))
            elif rng.random() < 0.8:
                task.due_date = _add_days(horizon, rng.randint(2, 35))
        made.append((task, index))
    return made


def demo_plan(
    participants: list[Participant], today: date, seed: int = 2026
) -> tuple[list[DemoBarrier], list[DemoTask]]:
    """Barriers with their paths, and tasks (with the index of their barrier), for saved participants."""
    rng = random.Random(seed + 4)
    people = sorted((p for p in participants if p.id is not None and p.entry_date), key=saved_id)
    all_barriers: list[DemoBarrier] = []
    all_tasks: list[DemoTask] = []
    for p in people:
        own = _barriers(p, today, rng)
        first = len(all_barriers)
        all_barriers += own
        indexed = [(first + k, barrier) for k, (barrier, _steps) in enumerate(own)]
        all_tasks += _tasks(p, today, indexed, rng)
    return all_barriers, all_tasks
