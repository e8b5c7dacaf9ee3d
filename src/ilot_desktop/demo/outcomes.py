"""Fictional outcomes for the demo participants: jobs, trainings and early drop-outs.

Pure and deterministic, like ``people.py``: read from each file what the demo already says about it
(its end date and the note: drop-out, positive exit, end of the six months, followed in employment)
and give it matching records, so that the Bilan view and the funder file have something true to say:

- drop-outs: an ``Abandon`` on the day the accompaniment ended (a few weeks in), with its reason, and
  the end reason ``Abandon``;
- positive exits: the job or training the note names, a few weeks before the end (sometimes after a
  short contract), end reason ``Sortie vers l'emploi ou la formation``; the end of the six months
  without a job: ``Fin de la durée d'accompagnement``;
- older files followed in employment: a first short contract, then often a lasting one;
- people out for a while: most have reached a job or a training, some a short contract then a CDI;
  a release prepared inside may open on a job or a training the very next days. People still inside
  and people out for only a few days have nothing yet.

Some of those in a job switch to the "Suivi dans l'emploi" rhythm. Employers are generic descriptions,
never real companies.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ilot_desktop.demo.people import NOTES, entry_of
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import (
    Cadence,
    DropoutReason,
    EndReason,
    JusticeSituation,
    OutcomeCategory,
    OutcomeType,
    Phase,
    WorkConstraint,
    WorkingTime,
)

_T = OutcomeType
# fmt: off
SECTORS = {  # professional project -> sector
    "Agent d'entretien des espaces verts": "Espaces verts", "Commis de cuisine": "Restauration",
    "Plongeur en restauration collective": "Restauration", "Cyclo-logistique": "Logistique",
    "BTP – coffreur": "BTP", "Préparateur de commandes": "Logistique",
    "Agent de propreté urbaine": "Propreté",
    "Maraîchage urbain": "Agriculture urbaine", "Agent de tri en recyclerie": "Réemploi et recyclage",
    "Mécanicien cycles": "Réparation de cycles", "Peintre en bâtiment": "BTP", "Aide-maçon": "BTP",
    "Employé libre-service": "Commerce", "Chauffeur-livreur": "Transport",
    "Électricien – formation qualifiante": "BTP", "Cariste (CACES 1, 3, 5)": "Logistique",
    "Création d'entreprise – multiservices": "Services aux particuliers",
}
ARRONDISSEMENTS = (10, 11, 12, 13, 17, 18, 19, 20)
DROPOUT_REASONS = {  # the demo's drop-out notes -> reason
    "Abandon : ne s'est pas présenté après deux rendez-vous.": DropoutReason.UNREACHABLE,
    "Injoignable : téléphone perdu, plus de nouvelles.": DropoutReason.UNREACHABLE,
    "Réincarcéré ; accompagnement interrompu.": DropoutReason.REINCARCERATED,
    "Pas intéressé à l'issue du diagnostic.": DropoutReason.NOT_INTERESTED,
}
EXITS = {  # the demo's positive-exit notes -> the outcome that ended the accompaniment
    "Sortie positive : CDDI en chantier d'insertion.": _T.CDDI,
    "Sortie positive : CDI à temps plein.": _T.CDI,
    "Sortie positive : formation qualifiante (Cuisine Mode d'Emploi(s)).": _T.QUALIFYING,
    "Sortie positive : mission d'intérim longue.": _T.INTERIM_LONG,
}
FIRST_JOBS = {_T.CDD_SHORT: 5, _T.INTERIM_SHORT: 5, _T.CDDI: 6, _T.SUBSIDISED: 1, _T.CDI: 2, _T.CDD_LONG: 2,
              _T.INTERIM_LONG: 1, _T.QUALIFYING: 3, _T.PRE_QUALIFYING: 3, _T.APPRENTICESHIP: 1}
AT_RELEASE = {_T.CDDI: 3, _T.PRE_QUALIFYING: 2, _T.QUALIFYING: 1}  # prepared inside ("Dedans-Dehors")
LASTING = {_T.CDI: 3, _T.CDD_LONG: 2}
COMMENTS = {
    _T.CDDI: "Premier contrat depuis la sortie ; encadrant technique rencontré.",
    _T.CDI: "Période d'essai validée.",
    _T.QUALIFYING: "Entrée en formation après l'information collective.",
    _T.PRE_QUALIFYING: "Remise à niveau avant une formation qualifiante.",
}
# fmt: on
TRAININGS = {_T.QUALIFYING, _T.PRE_QUALIFYING}


@dataclass(frozen=True)
class DemoOutcomes:
    """The participants with their end reason and cadence settled, and outcomes by participant index."""

    people: list[Participant]
    outcomes: list[tuple[int, Outcome]]


def _out(p: Participant) -> date:
    """The day the person was out (entry, or the planned release for someone inside at entry)."""
    if p.justice_situation is JusticeSituation.DETENTION and p.planned_release_date:
        return max(entry_of(p), p.planned_release_date)
    return entry_of(p)


def _pick(rng: random.Random, weights: dict[OutcomeType, int]) -> OutcomeType:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _between(rng: random.Random, low: date, high: date) -> date:
    return low + timedelta(days=rng.randint(0, max(0, (high - low).days)))


def _outcome(rng: random.Random, p: Participant, on: date, kind: OutcomeType) -> Outcome:
    sector = SECTORS.get(p.professional_project, "")
    where = f"Paris {rng.choice(ARRONDISSEMENTS)}e"
    if kind in TRAININGS:
        employer = f"Organisme de formation ({sector.lower() or 'métiers de base'}), {where}"
    elif kind is _T.CDDI:
        employer = f"Chantier d'insertion ({sector.lower() or 'multi-activités'}), {where}"
    elif kind in (_T.INTERIM_SHORT, _T.INTERIM_LONG):
        employer = f"Agence d'intérim spécialisée {sector.lower() or 'industrie'}, {where}"
    elif kind is _T.BUSINESS:
        employer = "Micro-entreprise (accompagnée par une couveuse)"
    else:
        employer = f"Entreprise du secteur {sector.lower() or 'des services'}, {where}"
    part = WorkConstraint.PART_TIME in p.work_constraints
    working_time = None if kind in TRAININGS else (WorkingTime.PART if part else WorkingTime.FULL)
    comment = COMMENTS.get(kind, "") if rng.random() < 0.4 else ""
    return Outcome(p.id, on, kind, None, employer, sector, working_time, comment)


def _ended(rng: random.Random, p: Participant, out: date, end: date) -> tuple[EndReason, list[Outcome]]:
    """A closed file: its end reason, and what the person reached before (a dropout, a job, a short mission)."""
    mine: list[Outcome] = []
    if p.notes in NOTES["drop"]:
        reason = EndReason.DROPOUT
        drop = DROPOUT_REASONS.get(p.notes, DropoutReason.OTHER)
        mine.append(replace(_outcome(rng, p, end, _T.DROPOUT), dropout_reason=drop,
                            employer="", sector="", working_time=None, comment=""))  # fmt: skip
    else:
        kind = EXITS.get(p.notes)
        reason = EndReason.POSITIVE if kind else EndReason.PERIOD_OVER
        last = end - timedelta(days=14)
        if kind is not None:
            on = _between(rng, min(last, out + timedelta(days=60)), last)
            if kind is _T.CDI and rng.random() < 0.6 and (on - out).days > 70:
                mine.append(_outcome(rng, p, on - timedelta(days=rng.randint(45, 60)), _T.CDD_SHORT))
            mine.append(_outcome(rng, p, on, kind))
        elif rng.random() < 0.7:  # six months over without a lasting job, after a short mission
            mine.append(_outcome(rng, p, _between(rng, out + timedelta(days=45), last), _T.INTERIM_SHORT))
    return reason, mine


def _ongoing(rng: random.Random, p: Participant, today: date, latest: date, out: date, followed: int) -> list[Outcome]:
    """A file still open: nothing inside yet, an older file's jobs, a recent first job, or one prepared for
    the release."""
    mine: list[Outcome] = []
    if p.phase(today) is Phase.INSIDE:
        pass  # nothing yet: the job or the training comes after the release
    elif (today - entry_of(p)).days >= 365:  # an older file, followed in employment
        first_kind = _T.CDDI if "CDDI" in p.notes else _pick(rng, {_T.CDD_SHORT: 1, _T.INTERIM_SHORT: 1})
        first = _between(rng, out + timedelta(days=45), out + timedelta(days=120))
        mine.append(_outcome(rng, p, first, first_kind))
        start = max(first + timedelta(days=90), date(today.year, 1, 1))
        if start <= latest - timedelta(days=14):  # then a lasting job (in a CDDI: a training)
            second = _T.BUSINESS if "Création" in p.professional_project else _pick(rng, LASTING)
            second = _T.QUALIFYING if first_kind is _T.CDDI else second
            mine.append(_outcome(rng, p, _between(rng, start, latest - timedelta(days=14)), second))
    elif followed >= 35 and rng.random() < 0.95:
        kind = _T.BUSINESS if "Création" in p.professional_project else _pick(rng, FIRST_JOBS)
        if "formation" in p.professional_project and rng.random() < 0.7:
            kind = _T.QUALIFYING
        on = _between(rng, out + timedelta(days=25), out + timedelta(days=min(followed - 5, 150)))
        mine.append(_outcome(rng, p, on, kind))
        room = (latest - on).days
        if kind in (_T.CDD_SHORT, _T.INTERIM_SHORT, _T.CDDI) and room >= 100 and rng.random() < 0.45:
            later = _between(rng, on + timedelta(days=60), latest - timedelta(days=20))
            mine.append(_outcome(rng, p, later, _pick(rng, LASTING)))
    elif p.justice_situation is JusticeSituation.DETENTION and 0 <= followed < 35 and rng.random() < 0.85:
        on = min(latest, out + timedelta(days=rng.randint(1, 4)))  # prepared before the release
        mine.append(_outcome(rng, p, on, _pick(rng, AT_RELEASE)))
    return mine


def demo_outcomes(people: list[Participant], today: date, seed: int = 2026) -> DemoOutcomes:
    """Outcomes for the demo's people (saved or not), and their end reason and cadence to match."""
    rng = random.Random(seed + 3)
    latest = today - timedelta(days=1)  # nothing recorded ahead of time
    settled: list[Participant] = []
    outcomes: list[tuple[int, Outcome]] = []
    for index, p in enumerate(people):
        out = _out(p)
        followed = (latest - out).days
        end = p.end_date if p.end_date is not None and p.end_date <= today else None
        ended = end is not None
        reason = p.end_reason
        cadence = p.cadence
        if end is not None:
            reason, mine = _ended(rng, p, out, end)
        else:
            mine = _ongoing(rng, p, today, latest, out, followed)
        if not ended and mine:
            newest = mine[-1]
            in_job = newest.outcome_type not in TRAININGS and newest.category is not OutcomeCategory.DROPOUT
            started = newest.on or latest  # every demo outcome has its day
            if in_job and (latest - started).days >= 30 and rng.random() < 0.6:
                cadence = Cadence.EMPLOYMENT
        settled.append(replace(p, end_reason=reason if ended else None, cadence=cadence))
        outcomes += [(index, o) for o in mine]
    return DemoOutcomes(settled, outcomes)
