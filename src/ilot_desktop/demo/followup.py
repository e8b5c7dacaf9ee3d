"""Fictional follow-up for the demo participants: a year of appointments and collective actions.

Pure and deterministic, like ``people.py``: weekly meetings the first month then per cadence, mostly
Réalisé with a short report, some absences and cancellations, interviews at the prison while someone is
inside, a welcome on the day of release, planned meetings ahead, and a few people slipping away
(no realised contact for long, or two absences in a row) or due for a contact, so that "Ma semaine"
has something to say. Collective actions: two to four a month, with attendance once they took place.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from typing import TypeVar

from ilot_desktop.demo.people import NOTES, entry_of, saved_id
from ilot_desktop.domain.actions import ActionWithRegistrations, CollectiveAction, next_action_reference
from ilot_desktop.domain.followup import FIRST_MONTH_DAYS, INTERVAL_DAYS, OFFICE, Appointment
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentKind,
    AppointmentStatus,
    Attendance,
    Cadence,
    Phase,
)

T = TypeVar("T")
_K, _S = AppointmentKind, AppointmentStatus
PLANNED_AHEAD = 14  # days of planned meetings shown ahead

# fmt: off
FIRST_MEETING = {
    True: "Premier entretien en détention : présentation du dispositif, recueil du consentement, "
          "premier diagnostic.",
    False: "Premier entretien : présentation du dispositif, diagnostic socioprofessionnel, recueil du "
           "consentement.",
}
REPORTS = {  # (compte rendu, prochaines étapes)
    "inside": (
        ("Point sur la date de libération et l'aménagement de peine ; CV commencé.",
         "Revoir la CPIP avant la commission d'application des peines."),
        ("Hébergement à la sortie : demande SIAO envoyée avec le SPIP.", "Relancer le SIAO."),
        ("Carte d'identité périmée : demande de renouvellement transmise au greffe.",
         "Vérifier la réception de la pièce d'identité."),
        ("Projet professionnel : intérêt confirmé pour les espaces verts.",
         "Apporter des offres de chantiers d'insertion."),
        ("Préparation de la sortie : liste des papiers, RSA à ouvrir dès la sortie.",
         "Fixer le rendez-vous du jour de la sortie."),
        ("Simulation d'entretien d'embauche ; bonne implication.", "Préparer la lettre de motivation."),
    ),
    "outside": (
        ("Point sur les candidatures : deux réponses en attente.",
         "Envoyer trois candidatures d'ici le prochain rendez-vous."),
        ("CV mis à jour ; entreprises de la propreté urbaine ciblées.", "Participer à l'atelier CV."),
        ("Dossier CAF complété, attestation de domiciliation obtenue.",
         "Apporter l'avis d'imposition au prochain rendez-vous."),
        ("Préparation du job dating : présentation orale travaillée.",
         "Relancer l'employeur après le job dating."),
        ("Bilan du premier mois : venu à chaque rendez-vous, motivation confirmée.",
         "Choisir le rythme des prochains entretiens."),
        ("Hébergement instable : relais avec l'assistante sociale du CHRS.",
         "Faire le point sur le logement."),
        ("Entretien d'embauche obtenu chez un partenaire ; questions préparées ensemble.",
         "Débriefer l'entretien."),
        ("Point budget : échéancier proposé pour les dettes.", "Étudier un dossier de surendettement."),
        ("Recherche de formation qualifiante : information collective repérée.",
         "Finaliser le dossier de formation."),
        ("Orienté vers un CSAPA ; accepte un premier rendez-vous.", "Prendre rendez-vous au CSAPA."),
    ),
    "phone": (
        ("Appel de suivi : candidatures en cours, pas de difficulté particulière.", ""),
        ("Appel : rappel du rendez-vous France Travail de la semaine prochaine.", ""),
        ("Point téléphonique : démarches de logement avancent.", "Envoyer la liste des pièces par SMS."),
    ),
    "employment": (
        ("Suivi dans l'emploi : tout se passe bien avec l'employeur ; point sur la prime d'activité.", ""),
        ("Contrat renouvelé ; horaires compatibles avec les obligations judiciaires.", ""),
        ("Point avec l'encadrant technique : bonne intégration dans l'équipe.", "Rappeler dans deux mois."),
    ),
}
ACCOMPANIMENTS = (  # (place, compte rendu)
    ("France Travail, agence Paris 19e",
     "Accompagné à France Travail : inscription faite, conseiller désigné."),
    ("CAF de Paris", "Accompagné à la CAF : demande de RSA déposée."),
    ("CPAM de Paris", "Accompagné à la CPAM : Complémentaire santé solidaire demandée."),
    ("Mairie du 18e arrondissement", "Accompagné en mairie : demande de carte d'identité déposée."),
    ("Chantier d'insertion, Paris 20e", "Accompagné au premier jour de travail au chantier d'insertion."),
    ("Banque, Paris 11e", "Ouverture d'un compte bancaire (droit au compte)."),
)
RELEASE_WELCOME = ("CCAS, Paris 13e", "Accueil à la sortie de détention : domiciliation au CCAS, puis "
                   "accompagnement jusqu'à l'hébergement.", "Ouvrir le RSA et s'inscrire à France Travail.")
CLOSING = "Bilan de fin d'accompagnement : relais vers l'employeur et France Travail."
ABSENT = {
    True: (("Ne s'est pas présenté au parloir.", "Écrire un courrier ; voir avec la CPIP."),),
    False: (("Ne s'est pas présenté ; message laissé sur le répondeur.",
             "Relancer par téléphone et proposer un nouveau rendez-vous."),
            ("Absent sans prévenir ; joint le lendemain, avait oublié.",
             "Envoyer un SMS de rappel la veille.")),
}
CANCELLED = {
    True: (("Parloir annulé par l'établissement (mouvement de personnel).",
            "Redemander un créneau au greffe."),),
    False: (("Annulé à sa demande : convocation au SPIP le même jour.", "Nouveau rendez-vous fixé."),
            ("Annulé : entretien d'embauche le même jour.", ""),
            ("Annulé : chargée de mission en formation.", "")),
}
STATUS_WEIGHTS = {
    True: {_S.DONE: 88, _S.ABSENT: 2, _S.CANCELLED: 10},
    False: {_S.DONE: 84, _S.ABSENT: 10, _S.CANCELLED: 6},
}
# (type, title, place, partner, start time, minutes)
ACTIONS = (
    (ActionType.TRE_WORKSHOP, "Atelier CV et lettre de motivation", OFFICE, "", time(14), 120),
    (ActionType.TRE_WORKSHOP, "Atelier simulation d'entretien d'embauche", OFFICE, "", time(14), 150),
    (ActionType.TRE_WORKSHOP, "Atelier numérique : mon espace France Travail", OFFICE, "Emmaüs Connect",
     time(10), 120),
    (ActionType.TRE_WORKSHOP, "Atelier « Parler de son parcours à un employeur »", OFFICE, "", time(14), 120),
    (ActionType.COMPANY_VISIT, "Visite du chantier RER E avec Eiffage", "Chantier Eole, Paris 17e",
     "Eiffage Génie Civil", time(9, 30), 180),
    (ActionType.COMPANY_VISIT, "Visite d'une plateforme logistique", "Port de Gennevilliers", "Sogaris",
     time(9, 30), 180),
    (ActionType.COMPANY_VISIT, "Visite de la recyclerie La Petite Rockette", "Paris 11e",
     "La Petite Rockette", time(10), 120),
    (ActionType.JOB_FAIR, "Forum emploi de la Ville de Paris", "Hôtel de Ville, Paris 4e", "Ville de Paris",
     time(9, 30), 210),
    (ActionType.JOB_FAIR, "Forum de l'insertion par l'activité économique", "Mairie du 19e arrondissement",
     "Réseau des SIAE parisiennes", time(10), 180),
    (ActionType.JOB_DATING, "Job dating propreté urbaine", OFFICE, "Derichebourg Multiservices",
     time(10), 150),
    (ActionType.JOB_DATING, "Job dating logistique et manutention", OFFICE, "Geodis", time(14), 150),
    (ActionType.JOB_DATING, "Job dating chantiers d'insertion", OFFICE, "Ateliers Sans Frontières",
     time(14), 120),
    (ActionType.CULTURAL_OUTING, "Visite du musée du Louvre", "Musée du Louvre", "Cultures du Cœur",
     time(14), 180),
    (ActionType.CULTURAL_OUTING, "Projection au cinéma du quai de Seine", "MK2 Quai de Seine, Paris 19e",
     "Cultures du Cœur", time(14), 150),
    (ActionType.CULTURAL_OUTING, "Visite de la Cité des sciences", "Cité des sciences, Paris 19e", "",
     time(10), 180),
    (ActionType.SPORT_OUTING, "Sortie vélo au bois de Vincennes", "Bois de Vincennes",
     "Vélo-école partenaire", time(10), 180),
    (ActionType.SPORT_OUTING, "Football solidaire au stade Charléty", "Stade Charléty, Paris 13e",
     "Sport dans la Ville", time(14), 120),
    (ActionType.SPORT_OUTING, "Initiation à l'escalade", "Salle d'escalade, Montreuil", "", time(14), 120),
)
ACTION_WEIGHTS = {ActionType.TRE_WORKSHOP: 8, ActionType.COMPANY_VISIT: 3, ActionType.JOB_FAIR: 2,
                  ActionType.JOB_DATING: 3, ActionType.CULTURAL_OUTING: 3, ActionType.SPORT_OUTING: 3}
# fmt: on


def _pick(rng: random.Random, weights: dict[T, int]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _weekday(day: date, backwards: bool = False) -> date:
    """The same day if Monday to Friday, else the Friday before or the Monday after."""
    if day.weekday() < 5:
        return day
    return day - timedelta(days=day.weekday() - 4) if backwards else day + timedelta(days=7 - day.weekday())


def _day_of(appointment: Appointment) -> date:
    """The day of a demo meeting (every one is made with its start)."""
    if appointment.start is None:
        raise ValueError("a demo meeting without a start")
    return appointment.start.date()


def _year_of(action: CollectiveAction) -> int:
    if action.start is None:
        raise ValueError("a demo action without a start")
    return action.start.year


class _Path:
    """One participant's follow-up, built meeting by meeting."""

    def __init__(self, p: Participant, today: date, rng: random.Random):
        self.p, self.today, self.rng = p, today, rng
        self.entry, self.pid = entry_of(p), saved_id(p)
        self.cadence = p.cadence or Cadence.WEEKLY
        self.items: list[Appointment] = []

    def inside(self, day: date) -> bool:
        return self.p.phase(day) is Phase.INSIDE

    def interval(self, day: date) -> int:
        followed = (day - self.entry).days
        if followed < FIRST_MONTH_DAYS:
            return 7
        if self.cadence is Cadence.EMPLOYMENT and followed < 180:
            return INTERVAL_DAYS[Cadence.FORTNIGHTLY]  # a job comes after months of closer follow-up
        return INTERVAL_DAYS[self.cadence]

    def add(self, day: date, status: AppointmentStatus, first: bool = False) -> None:
        rng, inside = self.rng, self.inside(day)
        followed = (day - self.entry).days
        kind, minutes, place = _K.INDIVIDUAL, rng.choice((45, 60, 60)), OFFICE
        report, steps = rng.choice(REPORTS["outside"])
        if inside:
            kind, place = _K.IN_DETENTION, self.p.facility or "Établissement pénitentiaire"
            report, steps = rng.choice(REPORTS["inside"])
        elif self.cadence is Cadence.EMPLOYMENT and followed >= 180:
            kind = _pick(rng, {_K.PHONE: 3, _K.INDIVIDUAL: 1})
            report, steps = rng.choice(REPORTS["employment"])
        elif not first and followed > 7:
            kind = _pick(rng, {_K.INDIVIDUAL: 14, _K.PHONE: 3, _K.ACCOMPANYING: 3})
            if kind is _K.PHONE:
                report, steps = rng.choice(REPORTS["phone"])
            elif kind is _K.ACCOMPANYING:
                place, report = rng.choice(ACCOMPANIMENTS)
                steps = ""
        if kind is _K.PHONE:
            minutes, place = rng.choice((20, 30)), "Par téléphone"
        elif kind is _K.ACCOMPANYING:
            minutes = rng.choice((120, 150))
        if first:
            report, steps = FIRST_MEETING[inside], "Établir le plan d'action au prochain rendez-vous."
        if status is _S.ABSENT:
            report, steps = rng.choice(ABSENT[inside])
        elif status is _S.CANCELLED:
            report, steps = rng.choice(CANCELLED[inside])
        elif status is _S.PLANNED:
            report, steps = "", ""
        self._append(day, kind, minutes, place, status, report, steps)

    def welcome(self, day: date, status: AppointmentStatus) -> None:
        place, report, steps = RELEASE_WELCOME
        if status is _S.PLANNED:
            report, steps = "", ""
        self._append(day, _K.ACCOMPANYING, 180, place, status, report, steps, at=time(9, 30))

    def _append(
        self,
        day: date,
        kind: AppointmentKind,
        minutes: int,
        place: str,
        status: AppointmentStatus,
        report: str,
        steps: str,
        at: time | None = None,
    ) -> None:
        if at is None:
            latest = (17 * 60 + 30 - minutes) // 30  # last half-hour slot ending by 17:30
            slots = (18, 19, 20, 21, 28, 29, 30, 31) if kind is _K.IN_DETENTION else range(18, latest + 1)
            slot = self.rng.choice(slots)
            at = time(slot // 2, 30 * (slot % 2))
        start = datetime.combine(day, at)
        self.items.append(Appointment(self.pid, start, minutes, kind, place, status, report, steps))

    def past_status(self, day: date) -> AppointmentStatus:
        return _pick(self.rng, STATUS_WEIGHTS[self.inside(day)]) if day < self.today else _S.PLANNED

    def build(self, last_day: date, future: bool) -> None:
        """Meetings from the entry up to ``last_day``; with ``future``, planned ones ahead too."""
        p, today = self.p, self.today
        release = p.planned_release_date if self.inside(self.entry) else None
        release = _weekday(release) if release else None  # welcomed the first working day out
        day = _weekday(self.entry)
        first = True
        while day <= last_day:
            if day >= today and (not future or (day > today + timedelta(PLANNED_AHEAD) and self._ahead())):
                break
            if release and day == release:
                self.welcome(day, _S.DONE if day < today else _S.PLANNED)
                status = _S.DONE
            else:
                status = _S.DONE if first and day < today else self.past_status(day)
                self.add(day, status, first=first)
            first = False
            if status in (_S.ABSENT, _S.CANCELLED):
                step = self.rng.randint(2, 5)  # a new meeting offered soon after
            else:
                step = max(5, self.interval(day) + self.rng.randint(-2, 2))
            day = _weekday(day + timedelta(days=step))
            if release and day > release and _day_of(self.items[-1]) < release:
                day = release

    def _ahead(self) -> bool:
        return any(_day_of(a) >= self.today for a in self.items)

    def past(self) -> list[Appointment]:
        return [a for a in self.items if _day_of(a) < self.today]

    def set_status(self, item: Appointment, status: AppointmentStatus) -> None:
        inside = item.kind is _K.IN_DETENTION
        table = {_S.ABSENT: ABSENT, _S.CANCELLED: CANCELLED}.get(status)
        item.status = status
        if table:
            item.report, item.next_steps = self.rng.choice(table[inside])
        elif status is _S.DONE and not item.report:
            item.report, item.next_steps = self.rng.choice(REPORTS["inside" if inside else "outside"])


def _appointments(
    people: list[Participant], today: date, rng: random.Random
) -> tuple[list[Appointment], dict[int, date]]:
    """Everyone's meetings, and the day after which each silent person stopped coming."""
    ongoing = [p for p in people if p.end_date is None or p.end_date > today]
    candidates = [
        p
        for p in ongoing
        if p.phase(today) is Phase.OUTSIDE
        and p.cadence is not Cadence.EMPLOYMENT
        and (today - entry_of(p)).days >= 3 * INTERVAL_DAYS[p.cadence or Cadence.WEEKLY] + 30
    ]
    roles = ["gap", "gap", "absences", "absences", "due", "due"]
    picked = rng.sample(candidates, min(len(roles), len(candidates)))
    chosen = {p.id: role for p, role in zip(picked, roles, strict=False)}
    items: list[Appointment] = []
    silent_since: dict[int, date] = {}
    for p in people:
        path = _Path(p, today, rng)
        role = chosen.get(p.id, "regular")
        interval = path.interval(today)
        if p.end_date is not None and p.end_date <= today:
            path.build(p.end_date, future=False)
            past = path.past()
            if p.notes in NOTES["drop"]:
                for item in past[-2:]:
                    path.set_status(item, _S.ABSENT)
                silent_since[path.pid] = _day_of(past[-1]) if past else path.entry
            else:
                closing = _weekday(p.end_date, backwards=True)
                if not past or closing > _day_of(past[-1]):
                    path._append(closing, _K.INDIVIDUAL, 60, OFFICE, _S.DONE, CLOSING, "")
        elif role in ("gap", "due"):
            back = 2 * interval + rng.randint(5, 20) if role == "gap" else interval + rng.randint(1, 4)
            last = _weekday(today - timedelta(days=back), backwards=True)
            path.build(last - timedelta(days=1), future=False)
            path.add(last, _S.DONE)
            if role == "gap":
                silent_since[path.pid] = last
                if rng.random() < 0.5:
                    path.add(_weekday(last + timedelta(days=interval)), _S.ABSENT)
        else:
            path.build(today + timedelta(days=90), future=True)
            past = path.past()
            if role == "absences" and len(past) >= 3:
                for item in past[-2:]:
                    path.set_status(item, _S.ABSENT)
                silent_since[path.pid] = _day_of(past[-2])
                ahead = path.items[len(past) : len(past) + 1] if rng.random() < 0.5 else []
                path.items = past + ahead  # maybe a letter offering a new date
            elif past and past[-1].status is not _S.DONE:
                path.set_status(past[-1], _S.DONE)  # regular people came last time
        items += path.items
    items.sort(key=lambda a: (a.start, a.participant_id))
    return items, silent_since


def _actions(
    people: list[Participant], today: date, rng: random.Random, silent_since: dict[int, date]
) -> list[ActionWithRegistrations]:
    """Two to four actions a month over the past year and the coming three weeks."""
    by_type: dict[ActionType, list[tuple]] = {}
    for entry in ACTIONS:
        by_type.setdefault(entry[0], []).append(entry)
    actions: list[ActionWithRegistrations] = []
    monday = today - timedelta(days=today.weekday() + 52 * 7)
    while monday <= today + timedelta(days=21):
        if rng.random() < 0.72:
            action_type, title, place, partner, at, minutes = rng.choice(by_type[_pick(rng, ACTION_WEIGHTS)])
            day = monday + timedelta(days=rng.choice((1, 1, 2, 3, 3, 4)))
            eligible = [
                saved_id(p)
                for p in people
                if entry_of(p) <= day
                and (p.end_date is None or p.end_date >= day)
                and p.phase(day) is Phase.OUTSIDE
                and (saved_id(p) not in silent_since or day < silent_since[saved_id(p)])
            ]
            if len(eligible) >= 3:
                chosen = sorted(rng.sample(eligible, min(len(eligible), rng.randint(3, 10))))
                past = day < today
                registered = [
                    (pid, _pick(rng, {Attendance.PRESENT: 4, Attendance.ABSENT: 1}) if past else None) for pid in chosen
                ]
                start = datetime.combine(day, at)
                action = CollectiveAction("", action_type, title, start, minutes, place, partner)
                actions.append((action, registered))
        monday += timedelta(days=7)
    references: list[str] = []
    for action, _registered in actions:
        action.reference = next_action_reference(references, _year_of(action))
        references.append(action.reference)
    return actions


def demo_followup(
    participants: list[Participant], today: date, seed: int = 2026
) -> tuple[list[Appointment], list[ActionWithRegistrations]]:
    """Appointments and collective actions (with who registered and came) for saved participants."""
    rng = random.Random(seed)
    people = sorted((p for p in participants if p.id is not None and p.entry_date), key=saved_id)
    appointments, silent_since = _appointments(people, today, rng)
    return appointments, _actions(people, today, rng, silent_since)
