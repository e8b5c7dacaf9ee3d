"""Every French label the programme uses, in one place.

Each choice is an enum whose value is a stable code (stored in the database) and whose
``label`` is the exact French wording shown to people and written in exchange files.
"""

from __future__ import annotations

import unicodedata
from enum import Enum


def fold(text: str) -> str:
    """Case-, accent- and surrounding-space-insensitive key (for search and import)."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    without_marks = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(without_marks.replace("’", "'").split())


class LabelledEnum(str, Enum):
    """An enum member is ``CODE = ("code", "Libellé")``."""

    _label: str

    def __new__(cls, *args: str) -> LabelledEnum:
        # ``*args`` rather than ``(code, label)``: type checkers then accept ``Sex("female")``, the lookup
        # of a member by its stored code, which Enum answers without calling this.
        code, label = args
        member = str.__new__(cls, code)
        member._value_ = code
        member._label = label
        return member

    @property
    def label(self) -> str:
        """The exact French wording (screens, documents, exchange files)."""
        return self._label

    def __str__(self) -> str:
        return self.label

    @classmethod
    def from_label(cls, text: str) -> LabelledEnum:
        """The member whose label matches ``text`` (case, accents and spaces ignored)."""
        key = fold(text)
        for member in cls:
            if fold(member.label) == key:
                return member
        raise ValueError(text)

    @classmethod
    def labels(cls) -> list[str]:
        return [m.label for m in cls]


class Sex(LabelledEnum):
    FEMALE = ("female", "Femme")
    MALE = ("male", "Homme")
    OTHER = ("other", "Autre")


class Referrer(LabelledEnum):
    SPIP = ("spip", "SPIP de Paris")
    EPI = ("epi", "Espace Parisien d'Insertion")
    PARTNER = ("partner", "Association partenaire")
    FRANCE_TRAVAIL = ("france_travail", "France Travail")
    OTHER = ("other", "Autre")


class JusticeSituation(LabelledEnum):
    DETENTION = ("detention", "Détention")
    OPEN_CUSTODY = ("open", "Milieu ouvert")
    END_OF_SENTENCE = ("end", "Fin de peine")


class Housing(LabelledEnum):
    HOMELESS = ("homeless", "Sans abri")
    SQUAT = ("squat", "Squat")
    THIRD_PARTY = ("third_party", "Hébergé chez un tiers")
    EMERGENCY = ("emergency", "Hébergement d'urgence ou d'insertion")
    OWN = ("own", "Logement autonome")
    DETENTION = ("detention", "Détention")


class JusticeMeasure(LabelledEnum):
    NONE = ("none", "Aucune mesure en cours")
    DETENTION = ("detention", "Détention (en attente de sortie)")
    PROBATION = ("probation", "Sursis probatoire")
    PAROLE = ("parole", "Libération conditionnelle")
    SEMI_FREEDOM = ("semi_freedom", "Semi-liberté")
    OUTSIDE_PLACEMENT = ("outside_placement", "Placement extérieur")
    ELECTRONIC_TAG = ("electronic_tag", "Détention à domicile sous surveillance électronique")
    COMMUNITY_SERVICE = ("community_service", "Travail d'intérêt général (TIG)")
    OTHER = ("other", "Autre mesure")


class Resource(LabelledEnum):
    RSA = ("rsa", "RSA")
    ARE = ("are", "ARE (allocation chômage)")
    AAH = ("aah", "AAH")
    SALARY = ("salary", "Salaire")
    OTHER = ("other", "Autre ressource")
    NONE = ("none", "Aucune ressource")


class Right(LabelledEnum):
    IDENTITY = ("identity", "Pièce d'identité")
    SOCIAL_SECURITY = ("social_security", "Sécurité sociale / Carte Vitale")
    HEALTH_INSURANCE = ("health_insurance", "Complémentaire santé")
    CAF = ("caf", "CAF")
    FRANCE_TRAVAIL = ("france_travail", "Inscription France Travail")
    BANK_ACCOUNT = ("bank_account", "Compte bancaire")
    DOMICILIATION = ("domiciliation", "Domiciliation")


class RightStatus(LabelledEnum):
    UNKNOWN = ("unknown", "Non renseigné")
    OK = ("ok", "À jour")
    IN_PROGRESS = ("in_progress", "Démarche en cours")
    MISSING = ("missing", "À faire")


class EducationLevel(LabelledEnum):
    NONE = ("none", "Sans diplôme")
    CAP_BEP = ("cap_bep", "CAP / BEP")
    BAC = ("bac", "Baccalauréat")
    BAC_PLUS_2 = ("bac2", "Bac +2")
    BAC_PLUS_3 = ("bac3", "Bac +3 et plus")
    FOREIGN = ("foreign", "Diplôme étranger")
    UNKNOWN = ("unknown", "Non renseigné")


class WorkConstraint(LabelledEnum):
    NO_ALCOHOL_ENV = ("no_alcohol_env", "Pas de poste au contact de l'alcool (restauration, bar)")
    CALM_ENV = ("calm_env", "Environnement calme, peu de pression")
    NO_HEAVY_LOADS = ("no_heavy_loads", "Pas de port de charges lourdes")
    NO_NIGHT_WORK = ("no_night_work", "Pas de travail de nuit")
    TAG_HOURS = ("tag_hours", "Horaires compatibles avec le bracelet électronique")
    AREA_BANS = ("area_bans", "Interdictions de paraître dans certains lieux")
    NO_PUBLIC_CONTACT = ("no_public_contact", "Éviter le contact avec le public")
    NO_DRIVING = ("no_driving", "Pas de conduite (sans permis)")
    PART_TIME = ("part_time", "Temps partiel souhaité (santé)")


class CaseStatus(LabelledEnum):
    """Where an accompaniment stands: derived from the end date."""

    ONGOING = ("ongoing", "En cours")
    ENDED = ("ended", "Terminé")


class Phase(LabelledEnum):
    """The "Dedans-Dehors" path: inside detention, or out."""

    INSIDE = ("inside", "Dedans")
    OUTSIDE = ("outside", "Dehors")


class AppointmentKind(LabelledEnum):
    INDIVIDUAL = ("individual", "Entretien individuel")
    IN_DETENTION = ("detention", "Entretien en détention")
    PHONE = ("phone", "Entretien téléphonique")
    ACCOMPANYING = ("accompanying", "Accompagnement physique")


class AppointmentStatus(LabelledEnum):
    PLANNED = ("planned", "Prévu")
    DONE = ("done", "Réalisé")
    ABSENT = ("absent", "Absent")
    CANCELLED = ("cancelled", "Annulé")


class Cadence(LabelledEnum):
    """How often a participant should be seen once the first (weekly) month is over."""

    WEEKLY = ("weekly", "Hebdomadaire")
    FORTNIGHTLY = ("fortnightly", "Tous les 15 jours")
    MONTHLY = ("monthly", "Mensuel")
    EMPLOYMENT = ("employment", "Suivi dans l'emploi")


class ActionType(LabelledEnum):
    TRE_WORKSHOP = ("tre_workshop", "Atelier TRE")
    COMPANY_VISIT = ("company_visit", "Visite d'entreprise")
    JOB_FAIR = ("job_fair", "Salon de l'emploi")
    JOB_DATING = ("job_dating", "Job dating")
    CULTURAL_OUTING = ("cultural_outing", "Sortie culturelle")
    SPORT_OUTING = ("sport_outing", "Sortie sportive")


class Attendance(LabelledEnum):
    PRESENT = ("present", "Présent")
    ABSENT = ("absent", "Absent")


class BarrierCategory(LabelledEnum):
    HOUSING = ("housing", "Hébergement")
    PHYSICAL_HEALTH = ("physical_health", "Santé physique")
    MENTAL_HEALTH = ("mental_health", "Santé psychique")
    ADDICTIONS = ("addictions", "Addictions")
    RIGHTS = ("rights", "Accès aux droits")
    DEBTS = ("debts", "Dettes et budget")
    MOBILITY = ("mobility", "Mobilité")
    LANGUAGE = ("language", "Langue et savoirs de base")
    DIGITAL = ("digital", "Numérique")
    FAMILY = ("family", "Famille")
    JUSTICE = ("justice", "Contraintes judiciaires")
    ISOLATION = ("isolation", "Isolement et confiance")


class BarrierStatus(LabelledEnum):
    IDENTIFIED = ("identified", "Identifié")
    IN_PROGRESS = ("in_progress", "En cours")
    ORIENTED = ("oriented", "Orienté vers un partenaire")
    LIFTED = ("lifted", "Levé")


class TaskOwner(LabelledEnum):
    PERSON = ("person", "La personne")
    CASEWORKER = ("caseworker", "La chargée de mission")
    TOGETHER = ("together", "Ensemble")


class TaskStatus(LabelledEnum):
    TODO = ("todo", "À faire")
    DONE = ("done", "Fait")
    DROPPED = ("dropped", "Abandonné")


class OutcomeCategory(LabelledEnum):
    DURABLE = ("durable", "Emploi durable")
    TRANSITION = ("transition", "Emploi de transition")
    POSITIVE = ("positive", "Sortie positive")
    DROPOUT = ("dropout", "Abandon")


class OutcomeType(LabelledEnum):
    """What a participant reached (IAE "sorties dynamiques" vocabulary), or the drop-out."""

    CDI = ("cdi", "CDI")
    CDD_LONG = ("cdd_long", "CDD de 6 mois ou plus")
    INTERIM_LONG = ("interim_long", "Intérim de 6 mois ou plus")
    BUSINESS = ("business", "Création d'entreprise")
    APPRENTICESHIP = ("apprenticeship", "Alternance")
    CDD_SHORT = ("cdd_short", "CDD de moins de 6 mois")
    INTERIM_SHORT = ("interim_short", "Intérim de moins de 6 mois")
    SUBSIDISED = ("subsidised", "Contrat aidé")
    CDDI = ("cddi", "CDDI (structure d'insertion)")
    QUALIFYING = ("qualifying", "Formation qualifiante")
    PRE_QUALIFYING = ("pre_qualifying", "Formation pré-qualifiante")
    DROPOUT = ("dropout", "Abandon")

    @property
    def category(self) -> OutcomeCategory:
        return OUTCOME_CATEGORIES[self]


OUTCOME_CATEGORIES = {
    OutcomeType.CDI: OutcomeCategory.DURABLE,
    OutcomeType.CDD_LONG: OutcomeCategory.DURABLE,
    OutcomeType.INTERIM_LONG: OutcomeCategory.DURABLE,
    OutcomeType.BUSINESS: OutcomeCategory.DURABLE,
    OutcomeType.APPRENTICESHIP: OutcomeCategory.DURABLE,
    OutcomeType.CDD_SHORT: OutcomeCategory.TRANSITION,
    OutcomeType.INTERIM_SHORT: OutcomeCategory.TRANSITION,
    OutcomeType.SUBSIDISED: OutcomeCategory.TRANSITION,
    OutcomeType.CDDI: OutcomeCategory.POSITIVE,
    OutcomeType.QUALIFYING: OutcomeCategory.POSITIVE,
    OutcomeType.PRE_QUALIFYING: OutcomeCategory.POSITIVE,
    OutcomeType.DROPOUT: OutcomeCategory.DROPOUT,
}


class DropoutReason(LabelledEnum):
    NOT_INTERESTED = ("not_interested", "Pas intéressé après le diagnostic")
    REINCARCERATED = ("reincarcerated", "Réincarcération")
    UNREACHABLE = ("unreachable", "Injoignable")
    MOVED = ("moved", "Déménagement")
    HEALTH = ("health", "Santé")
    OTHER = ("other", "Autre")


class WorkingTime(LabelledEnum):
    FULL = ("full", "Temps plein")
    PART = ("part", "Temps partiel")


class EndReason(LabelledEnum):
    """How an accompaniment ended."""

    POSITIVE = ("positive", "Sortie vers l'emploi ou la formation")
    PERIOD_OVER = ("period_over", "Fin de la durée d'accompagnement")
    DROPOUT = ("dropout", "Abandon")
    REORIENTED = ("reoriented", "Réorientation vers un autre dispositif")
    OTHER = ("other", "Autre")
