"""The shared action plan: tasks split between the person and the caseworker, and what gets printed.

"Partager les tâches permet de ne pas infantiliser la personne accompagnée": each task says who does
it (the person, the caseworker, or both together) and by when.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from ilot_desktop.domain.dates import MONTHS, WEEKDAYS, format_date
from ilot_desktop.domain.identity import new_uid
from ilot_desktop.domain.participant import EMAIL_PATTERN, PHONE_PATTERN
from ilot_desktop.domain.vocabulary import BarrierCategory, TaskOwner, TaskStatus, fold

MAX_DESCRIPTION = 300
EARLIEST_DUE = date(2015, 1, 1)
MAX_YEARS_AHEAD = 2

# Common steps offered while typing a task, the general ones first.
SUGGESTIONS: tuple[str, ...] = (
    "Préparer un CV",
    "Préparer une lettre de motivation",
    "Refaire la carte d'identité",
    "Demander un extrait d'acte de naissance",
    "Ouvrir les droits RSA",
    "Faire la demande de Complémentaire santé solidaire",
    "Demander la carte Vitale",
    "S'inscrire à France Travail",
    "Actualiser sa situation sur France Travail",
    "Ouvrir un compte bancaire",
    "Demander une domiciliation",
    "Demander le bordereau des dettes au Trésor Public",
    "Prendre rendez-vous avec l'assistante sociale",
    "Faire une demande d'hébergement au SIAO",
    "Prendre le rendez-vous de soins prévu",
    "Prendre rendez-vous avec le soignant prévu",
    "Demander un titre de transport Solidarité",
    "S'inscrire à un atelier numérique",
    "Créer une adresse e-mail",
    "Informer son référent de la démarche",
    "Appeler l'employeur pour un retour sur l'entretien",
    "Venir au prochain atelier TRE",
)

SUGGESTIONS_BY_CATEGORY: dict[BarrierCategory, tuple[str, ...]] = {
    BarrierCategory.HOUSING: ("Faire une demande d'hébergement au SIAO", "Demander une domiciliation"),
    BarrierCategory.RIGHTS: (
        "Refaire la carte d'identité",
        "Ouvrir les droits RSA",
        "Demander la carte Vitale",
        "S'inscrire à France Travail",
        "Ouvrir un compte bancaire",
    ),
    BarrierCategory.DEBTS: ("Demander le bordereau des dettes au Trésor Public",),
    BarrierCategory.ADDICTIONS: ("Prendre le rendez-vous de soins prévu",),
    BarrierCategory.MENTAL_HEALTH: ("Prendre rendez-vous avec le soignant prévu",),
    BarrierCategory.MOBILITY: ("Demander un titre de transport Solidarité",),
    BarrierCategory.DIGITAL: ("S'inscrire à un atelier numérique", "Créer une adresse e-mail"),
    BarrierCategory.JUSTICE: ("Informer son référent de la démarche",),
}


@dataclass
class Task:
    participant_id: int | None = None
    description: str = ""
    owner: TaskOwner = TaskOwner.PERSON
    due_date: date | None = None
    status: TaskStatus = TaskStatus.TODO
    barrier_id: int | None = None
    created_on: date | None = None
    done_on: date | None = None
    id: int | None = None
    uid: str = field(default_factory=new_uid, compare=False)  # permanent identity (team.md rule 1), never changes


@dataclass(frozen=True)
class PlanAppointment:
    """The next appointment as printed: no kind of meeting, no justice detail."""

    start: datetime
    place: str
    with_whom: str  # the caseworker's first name


@dataclass(frozen=True)
class ActionPlanDocument:
    """Everything the printed plan shows, and nothing more (no barrier, diagnosis or justice detail)."""

    association: str  # "L'Îlot"
    programme: str  # "Dynamiques Emploi"
    printed_on: date
    person_first_name: str
    caseworker_first_name: str
    caseworker_contact: str  # phone and/or e-mail, may be empty
    next_appointment: PlanAppointment | None
    person_tasks: list[Task] = field(default_factory=list)
    caseworker_tasks: list[Task] = field(default_factory=list)
    shared_tasks: list[Task] = field(default_factory=list)
    office_address: str = ""  # where the person finds the caseworker (« Mes coordonnées »), printed on every page
    demonstration: bool = False  # from the demonstration's fictional people: every page says so (reports/demo_mark)


@dataclass(frozen=True)
class OverdueTask:
    """A task still to do whose date has passed, with whose it is (for "Ma semaine")."""

    task: Task
    file_number: str
    last_name: str
    first_name: str

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}".strip()


def is_overdue(task: Task, today: date) -> bool:
    """A task still to do whose date has passed (due yesterday or before). ``storage/plan_repo.py`` selects the
    same tasks in SQL (status to do, ``due_date < today``); a test holds the two together."""
    return task.status is TaskStatus.TODO and task.due_date is not None and task.due_date < today


# Words that say more about the person than the sheet she carries may show (care, justice, addictions):
# the preview and the ``action-plan`` command warn when a task or the meeting place holds one.
SENSITIVE_WORDS = (
    "CSAPA",
    "CMP",
    "CMPP",
    "CPIP",
    "SPIP",
    "JAP",
    "juge",
    "bracelet",
    "prison",
    "détention",
    "parloir",
    "alcool",
    "drogue",
    "addiction",
    "psychiatre",
    "psychiatrique",
    "casier",
    "condamnation",
)


def sensitive_words(plan: ActionPlanDocument) -> list[str]:
    """Words in the tasks to print that say more about the person than the person may want shown."""
    texts = " ".join(t.description for t in plan.person_tasks + plan.caseworker_tasks + plan.shared_tasks)
    if plan.next_appointment:
        texts += " " + plan.next_appointment.place
    words = fold(texts).replace("'", " ").split()
    return [w for w in SENSITIVE_WORDS if fold(w) in words]


def sensitive_warning(words: Iterable[str]) -> str:
    """The warning the preview shows and the command line writes, in French ("" when there is nothing to say)."""
    found = list(words)
    if not found:
        return ""
    return (
        "Attention, ce plan mentionne\u00a0: "
        + ", ".join(f"« {w} »" for w in found)
        + ". La personne emporte cette feuille : reformulez la tâche si elle ne doit pas le lire ou le montrer."
    )


def _years_later(day: date, years: int) -> date:
    if day.year + years > date.max.year:
        return date.max
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def validate_task(task: Task, today: date) -> dict[str, str]:
    """Field name -> French message, for every problem found. Empty when the task can be saved."""
    errors: dict[str, str] = {}
    if task.participant_id is None:
        errors["participant"] = "Choisissez la personne concernée."
    description = task.description.strip()
    if not description:
        errors["description"] = "Décrivez la tâche."
    elif len(description) > MAX_DESCRIPTION:
        errors["description"] = f"La tâche ne doit pas dépasser {MAX_DESCRIPTION} caractères."
    if task.owner is None:
        errors["owner"] = "Indiquez qui fait la tâche."
    if task.status is None:
        errors["status"] = "Choisissez le statut de la tâche."
    if task.due_date is not None:
        if task.due_date < EARLIEST_DUE:
            errors["due_date"] = f"L'échéance est antérieure au {format_date(EARLIEST_DUE)} : vérifiez l'année."
        elif task.due_date > _years_later(today, MAX_YEARS_AHEAD):
            errors["due_date"] = "L'échéance est à plus de deux ans : vérifiez l'année."
    if task.done_on is not None:
        if task.status is not TaskStatus.DONE:
            errors["done_on"] = "Une date de réalisation n'a de sens que pour une tâche faite."
        elif task.done_on > today:
            errors["done_on"] = "La date de réalisation ne peut pas être dans le futur."
    return errors


def with_status(task: Task, status: TaskStatus, today: date) -> Task:
    """A copy with the new status: ``Fait`` dates the task (today, unless already dated); the other
    statuses forget that date."""
    done_on = (task.done_on or today) if status is TaskStatus.DONE else None
    return replace(task, status=status, done_on=done_on)


def by_due_date(task: Task) -> tuple:
    """Sort key for tasks to do: soonest first, those without a date last, then as created."""
    return (task.due_date is None, task.due_date or date.min, task.created_on or date.min, task.id or 0)


def plan_suggestions(open_categories: Iterable[BarrierCategory], open_tasks: Iterable[str]) -> list[str]:
    """Steps to offer while typing a task: those for the person's barriers still to lift (in the
    checklist's order) first, then the general ones; none twice, none already among the open tasks."""
    ordered = [c for c in BarrierCategory if c in set(open_categories)]
    taken = {fold(text) for text in open_tasks}
    offered: list[str] = []
    for text in [s for c in ordered for s in SUGGESTIONS_BY_CATEGORY.get(c, ())] + list(SUGGESTIONS):
        key = fold(text)
        if key not in taken:
            taken.add(key)
            offered.append(text)
    return offered


def split_by_owner(tasks: Iterable[Task]) -> tuple[list[Task], list[Task], list[Task]]:
    """Tasks still to do as printed: (the person's, the caseworker's, shared), each by due date."""
    todo = sorted((t for t in tasks if t.status is TaskStatus.TODO), key=by_due_date)
    return (
        [t for t in todo if t.owner is TaskOwner.PERSON],
        [t for t in todo if t.owner is TaskOwner.CASEWORKER],
        [t for t in todo if t.owner is TaskOwner.TOGETHER],
    )


def first_name_of(full_name: str) -> str:
    """``Ariane Morel`` or ``MOREL Ariane`` -> ``Ariane`` (how the person calls her caseworker).

    A word written all in capitals is taken for the family name, as French forms write it.
    """
    words = full_name.split()
    given = [w for w in words if not (w.isupper() and len(w) > 1)]
    return (given or words or [""])[0]


def same_person(a: str, b: str) -> bool:
    """Two ways of writing one name (case, accents, word order ignored)."""
    from ilot_desktop.domain.vocabulary import fold

    return bool(a.strip()) and sorted(fold(a).split()) == sorted(fold(b).split())


# Places a printed plan may name; anything else (a partner's address, a care centre) is not printed.
PRINTABLE_PLACES = ("Locaux de L'Îlot", "Par téléphone", "France Travail", "CAF", "Mairie")
PLACE_NOT_PRINTED = "Lieu précisé par ma conseillère"


# A task whose date has passed is not printed with that date: a new one is set with the person, or the sheet says so.
RESCHEDULE_TOGETHER = "Date à refixer ensemble"

# First names whose h is mute in French (« d'Hélène »). Any other h is read as a consonant (« de Hassan »,
# « de Hugo » would be wrong, so Hugo is here): a name missing from the list gets « de », never a wrong elision.
_MUTE_H_NAMES = (
    "hadrien", "hector", "helene", "heloise", "henri", "henriette", "herve", "hermine", "hilaire", "hippolyte",
    "honore", "honorine", "hortense", "hubert", "hugo", "hugues", "hyacinthe",
)  # fmt: skip


def of_name(name: str) -> str:
    """« de Karim », « d'Éric », « d'Yves », « d'Hélène »; « de Yasmine », « de Hassan ».

    Elided before a vowel, before a y followed by a consonant (Yves, Yvonne) and before a first name whose h is
    mute; a y before a vowel (Yasmine, Youssef) and any other h are read as consonants."""
    name = " ".join(name.split())
    letters = fold(name)
    first, second = letters[:1], letters[1:2]
    vowels = "aeiouœæ"
    elided = (
        (first in vowels and first != "")
        or (first == "y" and second != "" and second not in vowels)
        or (first == "h" and letters.split(" ")[0].split("-")[0] in _MUTE_H_NAMES)
    )
    return f"d'{name}" if elided else f"de {name}"


def plan_title(first_name: str) -> str:
    """« Plan d'action de Karim », « Plan d'action d'Éric »; « Mon plan d'action » without a first name. The printed
    plan's title and the preview window's title."""
    first = " ".join(first_name.split())
    return f"Plan d'action {of_name(first)}" if first else "Mon plan d'action"


def day_with_name(day: date, reference: date) -> str:
    """« mardi 9 décembre », « mardi 1er décembre »; the year only when it is not ``reference``'s (« mardi 5 janvier
    2027 » printed in December). French day and month names, whatever the computer's language."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{WEEKDAYS[day.weekday()]} {number} {MONTHS[day.month - 1]}"
    return text if day.year == reference.year else f"{text} {day.year}"


def validate_new_due(due: date | None, today: date) -> str:
    """The new date of a late task: "" when it can be saved, else a French message."""
    if due is None:
        return ""
    if due < today:
        return f"La nouvelle date est déjà passée\u00a0: choisissez le {format_date(today)} ou après."
    if due > _years_later(today, MAX_YEARS_AHEAD):
        return "L'échéance est à plus de deux ans\u00a0: vérifiez l'année."
    return ""


def contact_line(phone: str, email: str) -> str:
    return " · ".join(part.strip() for part in (phone, email) if part.strip())


def validate_contact(name: str, phone: str, email: str, address: str = "", required: bool = False) -> dict[str, str]:
    """The caseworker's professional details printed on the plan. ``required``: asked before a plan is printed,
    the phone and the office's address must be there (the person must be able to reach her)."""
    errors: dict[str, str] = {}
    if len(name.strip()) > 200:
        errors["name"] = "Le nom ne doit pas dépasser 200 caractères."
    if len(address.strip()) > 200:
        errors["address"] = "L'adresse ne doit pas dépasser 200 caractères."
    if required and not phone.strip():
        errors["phone"] = "Indiquez votre téléphone\u00a0: la personne doit pouvoir vous joindre."
    if required and not address.strip():
        errors["address"] = "Indiquez l'adresse du bureau\u00a0: la personne doit savoir où vous trouver."
    if phone.strip() and not PHONE_PATTERN.match(phone.strip()):
        errors["phone"] = "Numéro de téléphone non reconnu : chiffres, espaces et « + » seulement."
    if email.strip() and (len(email.strip()) > 200 or not EMAIL_PATTERN.match(email.strip())):
        errors["email"] = "Adresse e-mail incomplète : elle doit ressembler à nom@exemple.fr."
    return errors
