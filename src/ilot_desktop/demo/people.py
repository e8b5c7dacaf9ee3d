"""Fictional demonstration data: about fifty participants forming a plausible programme year.

Pure and deterministic: the same ``today`` and ``seed`` always give the same people. Every name, phone
number (06 00 …, 01 99 …), address (rue de l'Exemple) and e-mail (example.org) is invented.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TypeVar

from ilot_desktop.domain.participant import Participant, next_file_number
from ilot_desktop.domain.vocabulary import (
    Cadence,
    EducationLevel,
    Housing,
    JusticeMeasure,
    JusticeSituation,
    Referrer,
    Resource,
    Right,
    RightStatus,
    Sex,
    WorkConstraint,
    fold,
)

T = TypeVar("T")
Plan = tuple[str, date, JusticeSituation, date | None]  # role, entry date, situation at entry, release

_M, _F = Sex.MALE, Sex.FEMALE
# fmt: off
# (last name, first name, sex): 43 men and 7 women, like the programme's public (~85 % men).
NAMES: tuple[tuple[str, str, Sex], ...] = (
    ("Martin", "Jean-Pierre", _M), ("Benali", "Karim", _M), ("N'Diaye", "Moussa", _M),
    ("Lefèvre", "Stéphane", _M), ("Belkacem", "يوسف", _M), ("Da Silva", "João", _M),
    ("Traoré", "Mamadou", _M), ("Kovalenko", "Андрій", _M), ("Dupont-Moreau", "Éric", _M),
    ("Haddad", "Mehdi", _M), ("Camara", "Ibrahima", _M), ("Rousseau", "Grégory", _M),
    ("Popescu", "Ionuț", _M), ("Cissé", "Abdoulaye", _M), ("Girard", "Frédéric", _M),
    ("Ould Ahmed", "Sidi", _M), ("Mendes", "Paulo", _M), ("Bouzid", "Rachid", _M),
    ("Nguyen", "Văn Minh", _M), ("Fontaine", "Loïc", _M), ("Diallo", "Thierno", _M),
    ("Lemaire", "José", _M), ("Kaya", "Emre", _M), ("Essomba", "Serge", _M),
    ("Petit", "Kévin", _M), ("Aït Ouali", "Samir", _M), ("Garnier", "Hervé", _M),
    ("Sivakumar", "Rajan", _M), ("Dubois-Marchand", "Anthony", _M), ("Chérif", "Nordine", _M),
    ("Wiśniewski", "Paweł", _M), ("Baptiste", "Jean-Claude", _M), ("Koné", "Adama", _M),
    ("Marchal", "Yannick", _M), ("El Amrani", "Hicham", _M), ("Lopes", "Nuno", _M),
    ("Bertrand", "Dominique", _M), ("Sow", "Ousmane", _M), ("Leclerc", "Mickaël", _M),
    ("Mansouri", "Bilal", _M), ("D'Almeida", "Fabrice", _M), ("Touré", "Seydou", _M),
    ("Renaud", "Patrick", _M), ("Moreau", "Nathalie", _F), ("Benhamou", "Leïla", _F),
    ("Kouassi", "Aya", _F), ("Rivière", "Sandrine", _F), ("Ivanova", "Olga", _F),
    ("Da Costa", "Maria", _F), ("N'Guessan", "Fatou", _F),
)
CASEWORKERS = ("Ariane Morel", "Camille Vasseur", "Nadia Ferreira")
# (facility, SPIP that follows people held there)
FACILITIES = (
    ("Centre pénitentiaire de Paris-La Santé", "SPIP de Paris, milieu fermé"),
    ("Maison d'arrêt de Fresnes", "SPIP du Val-de-Marne"),
    ("Maison d'arrêt de Fleury-Mérogis", "SPIP de l'Essonne"),
    ("Centre pénitentiaire de Meaux-Chauconin", "SPIP de Seine-et-Marne"),
)
CPIPS = ("Mme Leroux", "M. Besnard", "Mme Okafor", "M. Lambert", "Mme Teixeira", "M. Haddou")
# (project, tags): k = contact with alcohol, c = calm and alone, h = heavy loads, d = driving
PROJECTS = (
    ("Agent d'entretien des espaces verts", "c"), ("Commis de cuisine", "k"),
    ("Plongeur en restauration collective", "k"), ("Cyclo-logistique", "c"), ("BTP – coffreur", "h"),
    ("Préparateur de commandes", "h"), ("Agent de propreté urbaine", "c"), ("Maraîchage urbain", "ch"),
    ("Agent de tri en recyclerie", "c"), ("Mécanicien cycles", "c"), ("Peintre en bâtiment", ""),
    ("Aide-maçon", "h"), ("Employé libre-service", ""), ("Chauffeur-livreur", "d"),
    ("Électricien – formation qualifiante", ""), ("Cariste (CACES 1, 3, 5)", "h"),
    ("Création d'entreprise – multiservices", ""),
)
SKILLS = (
    "Maçonnerie (chantiers avant l'incarcération)", "Auxiliaire cuisine en détention",
    "Bilingue arabe-français", "Anglais courant", "Bureautique de base", "Soudure", "Vente sur les marchés",
    "Manutention",
    "Peinture, enduits", "Entretien de vélos", "Jardinage", "Nettoyage industriel", "Portugais, espagnol",
    "Travail en équipe (atelier en détention)", "Ponctuel, motivé",
)
EDUCATION_WEIGHTS = {
    EducationLevel.NONE: 30, EducationLevel.CAP_BEP: 30, EducationLevel.BAC: 12,
    EducationLevel.BAC_PLUS_2: 4, EducationLevel.BAC_PLUS_3: 3, EducationLevel.FOREIGN: 10,
    EducationLevel.UNKNOWN: 6,
}
NOTES = {
    "inside": (
        "Premiers entretiens en détention ; préparer la sortie : hébergement (SIAO) et ouverture du RSA.",
        "Rencontré au quartier arrivants ; souhaite se former dès la sortie.",
        "Permission de sortir demandée pour un rendez-vous en entreprise.",
        "Carte d'identité au greffe : renouvellement à lancer avant la sortie.",
    ),
    "outside": (
        "Un entretien par semaine ; plan d'action partagé remis à chaque rendez-vous.",
        "Ateliers TRE suivis ; CV à jour, candidatures en cours.",
        "Bordereau des dettes demandé au Trésor public.",
        "Orienté vers un CSAPA ; bonne assiduité aux rendez-vous.",
        "Visite d'entreprise et job dating prévus ce mois-ci.",
        "A participé à la sortie vélo : regain de confiance.",
    ),
    "drop": (
        "Abandon : ne s'est pas présenté après deux rendez-vous.",
        "Injoignable : téléphone perdu, plus de nouvelles.",
        "Réincarcéré ; accompagnement interrompu.",
        "Pas intéressé à l'issue du diagnostic.",
    ),
    "done": (
        "Sortie positive : CDDI en chantier d'insertion.",
        "Sortie positive : CDI à temps plein.",
        "Sortie positive : formation qualifiante (Cuisine Mode d'Emploi(s)).",
        "Sortie positive : mission d'intérim longue.",
        "Fin des six mois : relais vers France Travail.",
    ),
    "long": (
        "En emploi : suivi espacé, point sur la prime d'activité.",
        "CDI depuis plusieurs mois ; un appel par mois.",
        "CDDI prolongé ; accompagnement poursuivi à sa demande.",
    ),
}
JUSTICE_CONSTRAINTS = {
    JusticeMeasure.DETENTION: ("Demande d'aménagement de peine déposée auprès du JAP.", ""),
    JusticeMeasure.PROBATION: ("Obligation de soins et de recherche d'emploi.",
                               "Obligation d'indemniser la victime."),
    JusticeMeasure.PAROLE: ("Pointage mensuel au SPIP ; obligation de travail ou de formation.",),
    JusticeMeasure.SEMI_FREEDOM: ("Retour au centre de semi-liberté chaque soir à 19 h.",),
    JusticeMeasure.OUTSIDE_PLACEMENT: ("Placement extérieur en chantier d'insertion ; hébergement imposé.",),
    JusticeMeasure.ELECTRONIC_TAG: ("Assignation à l'hébergement de 19 h à 7 h.",),
    JusticeMeasure.COMMUNITY_SERVICE: ("120 heures de TIG à effectuer dans les 18 mois.",),
    JusticeMeasure.OTHER: ("Suivi socio-judiciaire : obligation de soins.",),
    JusticeMeasure.NONE: ("",),
}
MEASURES = {  # situation at entry -> weighted current measures, for people now outside
    JusticeSituation.DETENTION: {JusticeMeasure.PAROLE: 4, JusticeMeasure.SEMI_FREEDOM: 2,
                                 JusticeMeasure.ELECTRONIC_TAG: 3, JusticeMeasure.OUTSIDE_PLACEMENT: 1,
                                 JusticeMeasure.NONE: 3},
    JusticeSituation.OPEN_CUSTODY: {JusticeMeasure.PROBATION: 5, JusticeMeasure.COMMUNITY_SERVICE: 2,
                                    JusticeMeasure.ELECTRONIC_TAG: 2, JusticeMeasure.PAROLE: 2},
    JusticeSituation.END_OF_SENTENCE: {JusticeMeasure.NONE: 6, JusticeMeasure.OTHER: 1},
}
REFERRERS = {
    "inside": {Referrer.SPIP: 9, Referrer.PARTNER: 1},
    JusticeSituation.OPEN_CUSTODY: {Referrer.SPIP: 7, Referrer.EPI: 2, Referrer.PARTNER: 2},
    JusticeSituation.END_OF_SENTENCE: {Referrer.SPIP: 3, Referrer.EPI: 3, Referrer.PARTNER: 3,
                                       Referrer.FRANCE_TRAVAIL: 1, Referrer.OTHER: 1},
}
# Housing at entry of the 25 people not in detention at entry: 16 of 50 homeless or in a squat.
OUTSIDE_HOUSING = ([Housing.HOMELESS] * 10 + [Housing.SQUAT] * 6 + [Housing.EMERGENCY] * 4
                   + [Housing.THIRD_PARTY] * 3 + [Housing.OWN] * 2)
ADDRESSES = {
    Housing.HOMELESS: "Domiciliation associative, 750{a:02d} Paris",
    Housing.SQUAT: "Sans adresse stable (squat) ; domiciliation en cours",
    Housing.EMERGENCY: "Centre d'hébergement, {n} rue de l'Exemple, 750{a:02d} Paris",
    Housing.THIRD_PARTY: "Chez un proche, {n} rue de l'Exemple, 750{a:02d} Paris",
    Housing.OWN: "{n} rue de l'Exemple, 750{a:02d} Paris",
}
# Projects excluded by a constraint, through their tags.
BANNED_TAGS = {WorkConstraint.NO_ALCOHOL_ENV: "k", WorkConstraint.NO_HEAVY_LOADS: "h",
               WorkConstraint.NO_DRIVING: "d"}
CADENCES = {  # what the caseworker chose after the first month, per kind of path
    "inside": {Cadence.FORTNIGHTLY: 3, Cadence.MONTHLY: 1},
    "outside": {Cadence.WEEKLY: 3, Cadence.FORTNIGHTLY: 5, Cadence.MONTHLY: 2},
    "done": {Cadence.WEEKLY: 1, Cadence.FORTNIGHTLY: 3, Cadence.EMPLOYMENT: 1},
    "drop": {Cadence.WEEKLY: 1},
    "long": {Cadence.EMPLOYMENT: 1},
}
# fmt: on
_DET = JusticeSituation.DETENTION


def entry_of(p: Participant) -> date:
    """A demo file's entry date: every demo participant has one."""
    if p.entry_date is None:
        raise ValueError("a demo participant without an entry date")
    return p.entry_date


def saved_id(p: Participant) -> int:
    """A saved demo participant's id (appointments, actions and barriers are made for saved people)."""
    if p.id is None:
        raise ValueError("a demo participant not saved yet")
    return p.id


def _pick(rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _slug(text: str) -> str:
    return "".join(c for c in fold(text).replace("ł", "l") if c.isascii() and c.isalnum())


def _day(base: date, days: int) -> date:
    return base + timedelta(days=days)


def _plans(rng: random.Random, today: date) -> list[Plan]:
    """(role, entry date, situation at entry, planned release) for each of the fifty people."""
    det, opn, end = _DET, JusticeSituation.OPEN_CUSTODY, JusticeSituation.END_OF_SENTENCE
    plans: list[Plan] = []
    for _ in range(5):  # inside, released within the next 30 days
        plans.append(("inside", _day(today, -rng.randint(14, 120)), det, _day(today, rng.randint(2, 30))))
    for _ in range(6):  # inside, released later
        plans.append(("inside", _day(today, -rng.randint(3, 60)), det, _day(today, rng.randint(35, 200))))
    for situation in (det, det, opn, end):  # older files, still followed in employment (13 to 23 months)
        entry = _day(today, -rng.randint(400, 700))
        plans.append(("long", entry, situation, _day(entry, rng.randint(20, 150)) if situation is det else None))
    situations = [det] * 12 + [opn] * 13 + [end] * 10
    rng.shuffle(situations)
    for k, situation in enumerate(situations):  # the year's intake, spread over twelve months
        ago = max(8, 8 + round(k * 352 / 34) + rng.randint(-4, 4))
        entry = _day(today, -ago)
        release = None
        if situation is det:
            release = _day(entry, rng.randint(min(7, ago - 1), min(150, ago - 1)))
        elif situation is end and rng.random() < 0.5:
            release = _day(entry, -rng.randint(3, 60))
        plans.append(("outside", entry, situation, release))
    return plans


def _endings(rng: random.Random, today: date, plans: list[Plan]) -> dict[int, tuple[date, str]]:
    """Six positive exits after six months, six early drop-outs, among this year's people now outside."""
    endings: dict[int, tuple[date, str]] = {}
    order = list(range(len(plans)))
    rng.shuffle(order)
    latest = _day(today, -1)
    done = dropped = 0
    for i in order:
        role, entry, _situation, release = plans[i]
        if role != "outside":
            continue
        out = max(entry, release or entry)
        if done < 6 and _day(entry, 185) <= latest:
            endings[i] = (_day(entry, rng.randint(175, 185)), "done")
            done += 1
        elif dropped < 6 and _day(out, 25) <= latest:
            endings[i] = (_day(out, rng.randint(10, 25)), "drop")
            dropped += 1
    return endings


def _rights(rng: random.Random, inside: bool, followed_days: int) -> dict[Right, RightStatus]:
    ok, doing, missing = RightStatus.OK, RightStatus.IN_PROGRESS, RightStatus.MISSING
    unknown = RightStatus.UNKNOWN
    rights: dict[Right, RightStatus] = {}
    for right in Right:
        if inside and right in (Right.CAF, Right.FRANCE_TRAVAIL, Right.DOMICILIATION):
            rights[right] = rng.choice((missing, missing, doing))
        elif inside:
            rights[right] = rng.choice((ok, doing, missing, unknown))
        else:
            progress = min(1.0, followed_days / 120)
            rights[right] = ok if rng.random() < 0.3 + 0.6 * progress else rng.choice((doing, missing, unknown))
    return rights


def _cadence(rng: random.Random, kind: str, entry: date, today: date) -> Cadence | None:
    """Not set yet during the first month (weekly by default), then chosen per path."""
    if (today - entry).days < 30 and rng.random() < 0.8:
        return None
    return _pick(rng, CADENCES[kind])


def _work_constraints(
    rng: random.Random, measure: JusticeMeasure, age: int
) -> tuple[set[WorkConstraint], list[str], bool]:
    """Work constraints, their notes, and whether an area ban goes into the justice constraints."""
    constraints: set[WorkConstraint] = set()
    notes: list[str] = []  # work-constraint notes
    area_ban = False
    if rng.random() < 0.18:
        constraints.add(WorkConstraint.NO_ALCOHOL_ENV)
        notes.append("Alcoolodépendance (suivi CSAPA) : pas de restauration ni de bar.")
    if rng.random() < 0.12:
        constraints |= {WorkConstraint.CALM_ENV, WorkConstraint.NO_PUBLIC_CONTACT}
        notes.append("Anxiété sociale : poste seul, au calme, dehors, plutôt qu'en entrepôt.")
    if measure is JusticeMeasure.ELECTRONIC_TAG:
        constraints.add(WorkConstraint.TAG_HOURS)
        notes.append("Bracelet électronique : sorties autorisées de 7 h à 19 h en semaine.")
    if age >= 50 and rng.random() < 0.35:
        constraints.add(WorkConstraint.NO_HEAVY_LOADS)
        notes.append("Lombalgie chronique : pas de port de charges.")
    if measure in (JusticeMeasure.PROBATION, JusticeMeasure.PAROLE) and rng.random() < 0.3:
        constraints.add(WorkConstraint.AREA_BANS)
        area_ban = True
    if rng.random() < 0.25:
        constraints.add(WorkConstraint.NO_DRIVING)
    if rng.random() < 0.05:
        constraints.add(WorkConstraint.PART_TIME)
        notes.append("Temps partiel souhaité : traitement médical en cours.")
    return constraints, notes, area_ban


def _resources(rng: random.Random, inside: bool, kind: str, note: str) -> set[Resource]:
    if inside:
        return {rng.choice((Resource.NONE, Resource.OTHER))}
    elif kind == "long" or note.startswith("Sortie positive"):
        return {Resource.SALARY}
    else:
        return {_pick(rng, {Resource.RSA: 6, Resource.NONE: 3, Resource.ARE: 1, Resource.AAH: 1})}


def _contact(rng: random.Random, i: int, note: str, first: str, last: str, housing: Housing) -> tuple[str, str, str]:
    """Phone, e-mail and address of someone outside: invented (06 00 …, example.org, rue de l'Exemple)."""
    email = ""
    phone = f"06 00 00 {i // 10:02d} {i % 10 + 1:02d}"
    if note.startswith("Injoignable"):
        phone = ""
    if rng.random() < 0.4:
        email = f"{_slug(first) or 'contact'}.{_slug(last)}@example.org"
    place = housing if housing is not Housing.DETENTION else rng.choice(list(ADDRESSES))
    address = ADDRESSES[place].format(n=rng.randint(1, 99), a=rng.choice((10, 11, 12, 13, 18, 19, 20)))
    return phone, email, address


def _cpip(rng: random.Random, measure: JusticeMeasure, inside: bool, cpip_contact: str) -> tuple[str, str]:
    """The probation officer's name and contact (the facility's SPIP inside), when there is a measure."""
    cpip_name = ""
    if measure is not JusticeMeasure.NONE:
        cpip_name = rng.choice(CPIPS)
        spip = cpip_contact if inside and cpip_contact else "SPIP de Paris"
        cpip_contact = f"{spip} — 01 99 00 00 {rng.randint(10, 99)}"
    else:
        cpip_contact = ""
    return cpip_name, cpip_contact


def demo_participants(today: date, seed: int = 2026) -> list[Participant]:
    """About fifty fictional participants: a year of Dynamiques Emploi up to ``today``, files unsaved."""
    rng = random.Random(seed)
    cadence_rng = random.Random(seed + 1)  # apart, so the people stay those of earlier versions
    names = list(NAMES)
    rng.shuffle(names)
    plans = _plans(rng, today)
    endings = _endings(rng, today, plans)
    housing_pool = list(OUTSIDE_HOUSING)
    rng.shuffle(housing_pool)
    people: list[tuple[date, int, Participant]] = []
    ages = [20, 63] + [round(rng.triangular(20, 63, 33)) for _ in range(len(plans) - 2)]  # 19 to 63 today
    rng.shuffle(ages)
    first_long = True
    rows = enumerate(zip(plans, names, strict=True))
    for i, ((role, entry, situation, release), (last, first, sex)) in rows:
        end, end_kind = endings.get(i, (None, ""))
        inside = role == "inside"
        age = 60 if role == "long" and first_long else ages[i]
        birth = date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
        facilities = FACILITIES if sex is Sex.MALE else FACILITIES[1:3]  # women: Fresnes, Fleury
        facility, cpip_contact = rng.choice(facilities) if situation is _DET else ("", "")
        if situation is JusticeSituation.END_OF_SENTENCE and release:
            facility = rng.choice(FACILITIES)[0]
        if situation is _DET:
            housing = Housing.DETENTION
            referrer = _pick(rng, REFERRERS["inside"])
        else:
            housing = housing_pool.pop()
            referrer = _pick(rng, REFERRERS[situation])
        measure = JusticeMeasure.DETENTION if inside else _pick(rng, MEASURES[situation])
        justice_constraints = rng.choice(JUSTICE_CONSTRAINTS[measure])
        constraints, notes, area_ban = _work_constraints(rng, measure, age)
        if area_ban:
            justice_constraints += " Interdiction de paraître dans le 18e arrondissement."
        projects = [
            label
            for label, tags in PROJECTS
            if not any(w in constraints and t in tags for w, t in BANNED_TAGS.items())
            and (WorkConstraint.CALM_ENV not in constraints or "c" in tags)
        ]
        project = rng.choice(projects)
        skills = rng.sample(SKILLS, rng.randint(1, 3))
        if WorkConstraint.NO_DRIVING not in constraints and rng.random() < 0.4:
            skills.insert(0, "Permis B")
        kind = end_kind or role
        note = rng.choice(NOTES[kind])
        if role == "long" and first_long:
            project, first_long = "Cyclo-logistique", False
            note = "Refusait tout travail physique ; après la sortie vélo, en poste en cyclo-logistique."
        resources = _resources(rng, inside, kind, note)
        phone = email = address = ""
        if not inside:
            phone, email, address = _contact(rng, i, note, first, last, housing)
        cpip_name, cpip_contact = _cpip(rng, measure, inside, cpip_contact)
        followed = ((end or today) - max(entry, release or entry)).days
        p = Participant(
            last_name=last,
            first_name=first,
            sex=sex,
            birth_date=birth,
            phone=phone,
            email=email,
            address=address,
            referrer=referrer,
            justice_situation=situation,
            facility=facility,
            planned_release_date=release,
            housing_at_entry=housing,
            entry_date=entry,
            end_date=end,
            cpip_name=cpip_name,
            cpip_contact=cpip_contact,
            justice_measure=measure,
            justice_constraints=justice_constraints,
            resources=resources,
            rights=_rights(rng, inside, followed),
            education_level=_pick(rng, EDUCATION_WEIGHTS),
            professional_project=project,
            skills=", ".join(skills),
            work_constraints=constraints,
            work_constraints_notes=" ".join(notes),
            consent_date=min(today, _day(entry, rng.randint(0, 10))),
            caseworker=rng.choice(CASEWORKERS),
            cadence=_cadence(cadence_rng, kind, entry, today),
            notes=note,
        )
        people.append((entry, i, p))
    people.sort(key=lambda item: (item[0], item[1]))
    numbers: list[str] = []
    for entry, _i, p in people:
        p.file_number = next_file_number(numbers, entry.year)
        numbers.append(p.file_number)
    return [p for _entry, _i, p in people]
