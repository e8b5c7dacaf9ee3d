"""Appointments, the follow-up cadence, and who needs attention this week ("Ma semaine").

Pure rules over plain values: storage gathers one ``ContactState`` per participant with SQL
aggregates, these functions decide. Every rule takes ``today`` so tests use fixed dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from ilot_desktop.domain.action_plan import OverdueTask
from ilot_desktop.domain.dates import WEEKDAYS, format_date, format_time
from ilot_desktop.domain.identity import new_uid
from ilot_desktop.domain.participant import phase_of
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus, Cadence, JusticeSituation, Phase

FIRST_MONTH_DAYS = 30
INTERVAL_DAYS = {Cadence.WEEKLY: 7, Cadence.FORTNIGHTLY: 14, Cadence.MONTHLY: 30, Cadence.EMPLOYMENT: 60}
RELEASE_WINDOW_DAYS = 30
SIX_MONTHS_DAYS = 183
SIX_MONTHS_WINDOW = (-7, 30)  # from a week ago to a month ahead
MIN_DURATION, MAX_DURATION = 5, 600
MAX_PLACE = 200
OFFICE_START, OFFICE_END = time(8, 0), time(19, 0)
OFFICE = "Locaux de L'Îlot"
PHONE = "Par téléphone"
# Places offered while typing; only these (and prisons, for meetings in detention) go on the printed week.
COMMON_PLACES = (OFFICE, PHONE, "SPIP de Paris", "France Travail", "CAF", "Mairie")


@dataclass
class Appointment:
    participant_id: int | None = None
    start: datetime | None = None
    duration_min: int = 60
    kind: AppointmentKind = AppointmentKind.INDIVIDUAL
    place: str = ""
    status: AppointmentStatus = AppointmentStatus.PLANNED
    report: str = ""
    next_steps: str = ""
    id: int | None = None
    series_id: str | None = None  # the appointments created together by « Répéter » share it
    uid: str = field(default_factory=new_uid, compare=False)  # permanent identity (team.md rule 1), never changes

    @property
    def end(self) -> datetime | None:
        return self.start + timedelta(minutes=self.duration_min) if self.start else None


@dataclass(frozen=True)
class AppointmentView:
    """An appointment with who it is with: what the week view, the timeline and Ma semaine show."""

    appointment: Appointment
    file_number: str
    last_name: str
    first_name: str

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}".strip()

    @property
    def initials(self) -> str:
        """``K. B.``: what a printed week shows instead of the name."""
        parts = [p for p in (self.first_name, self.last_name) if p.strip()]
        return " ".join(f"{p.strip()[0].upper()}." for p in parts)


def in_first_month(entry: date | None, today: date) -> bool:
    """The first month of an accompaniment (its first 30 days), when contacts are weekly whatever was chosen."""
    return entry is not None and (today - entry).days < FIRST_MONTH_DAYS


def effective_cadence(cadence: Cadence | None, entry: date | None, today: date) -> Cadence:
    """Weekly during the first month, then what the caseworker chose (weekly if nothing yet)."""
    if in_first_month(entry, today):
        return Cadence.WEEKLY
    return cadence or Cadence.WEEKLY


def cadence_text(cadence: Cadence) -> str:
    """The rhythm as a caseworker says it: "mensuel, un contact tous les 30 jours"; "tous les 15 jours" alone."""
    if cadence is Cadence.FORTNIGHTLY:
        return cadence.label.lower()
    return f"{cadence.label.lower()}, un contact tous les {INTERVAL_DAYS[cadence]} jours"


def validate_appointment(appointment: Appointment, entry: date | None, end: date | None, today: date) -> dict[str, str]:
    """Field -> French message. ``entry``/``end`` are the participant's accompaniment dates."""
    errors: dict[str, str] = {}
    if appointment.participant_id is None:
        errors["participant"] = "Choisissez la personne concernée."
    if appointment.start is None:
        errors["start"] = "Indiquez la date et l'heure du rendez-vous."
        return errors
    day = appointment.start.date()
    if not MIN_DURATION <= appointment.duration_min <= MAX_DURATION:
        errors["duration_min"] = f"La durée doit être comprise entre {MIN_DURATION} et {MAX_DURATION} minutes."
    if (day - today).days > 366:
        errors["start"] = "Le rendez-vous est à plus d'un an : vérifiez l'année."
    elif entry and (entry - day).days > 183:
        errors["start"] = (
            "Le rendez-vous précède de plus de six mois l'entrée dans l'accompagnement "
            f"({format_date(entry)}) : vérifiez la date."
        )
    elif end and day > end and appointment.status is not AppointmentStatus.CANCELLED:
        errors["start"] = (
            f"Le dossier est clos depuis le {format_date(end)} : retirez la date de fin d'accompagnement "
            "avant de planifier un rendez-vous."
        )
    if len(appointment.place) > MAX_PLACE:
        errors["place"] = f"Le lieu ne doit pas dépasser {MAX_PLACE} caractères."
    if appointment.status in (
        AppointmentStatus.DONE,
        AppointmentStatus.ABSENT,
    ) and appointment.start > datetime.combine(today, time(23, 59)):
        errors["status"] = f"Un rendez-vous à venir ne peut pas être noté « {appointment.status.label} »."
    return errors


def format_moment(moment: datetime) -> str:
    """``mardi 09/12/2026 à 10:00``: an appointment's day and hour as a caseworker reads them."""
    return f"{WEEKDAYS[moment.weekday()]} {format_date(moment.date())} à {format_time(moment)}"


RECORDED = (AppointmentStatus.DONE, AppointmentStatus.ABSENT)


def record_refusal(appointment: Appointment, now: datetime) -> str | None:
    """Why « Réalisé » / « Absent » cannot be noted yet (the appointment's time has not come), or None."""
    if appointment.start is None:
        return "Ce rendez-vous n'a pas de date\u00a0: il ne peut pas être noté « Réalisé » ou « Absent »."
    if appointment.start > now:
        return (
            "Ce rendez-vous n'a pas encore eu lieu\u00a0: « Réalisé » ou « Absent » pourra être noté "
            f"à partir du {format_moment(appointment.start)}."
        )
    return None


def can_record(appointment: Appointment, now: datetime) -> bool:
    """« Réalisé » / « Absent » only once the appointment's time has come (its start)."""
    return record_refusal(appointment, now) is None


def place_for_kind(kind: AppointmentKind, facility: str) -> str:
    """The place a type of meeting proposes: the prison in detention, the office, the phone; none to accompany."""
    if kind is AppointmentKind.IN_DETENTION:
        return facility
    if kind is AppointmentKind.PHONE:
        return PHONE
    if kind is AppointmentKind.INDIVIDUAL:
        return OFFICE
    return ""


def proposed_setting(
    situation: JusticeSituation | None, release: date | None, facility: str, day: date
) -> tuple[AppointmentKind, str]:
    """In detention on that day: « Entretien en détention » at the prison; after the planned release (or
    outside): an interview at L'Îlot's office."""
    if phase_of(situation, release, day) is Phase.INSIDE:
        return AppointmentKind.IN_DETENTION, facility
    return AppointmentKind.INDIVIDUAL, OFFICE


# --- Ma semaine --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ContactState:
    """One participant's follow-up, gathered by storage in one query."""

    participant_id: int
    file_number: str
    last_name: str
    first_name: str
    entry_date: date
    end_date: date | None
    cadence: Cadence | None
    justice_situation: JusticeSituation | None
    planned_release_date: date | None
    last_done: date | None = None
    next_planned: datetime | None = None
    last_two_outcomes: tuple[AppointmentStatus, ...] = ()  # most recent first, past Réalisé/Absent only

    @property
    def display_name(self) -> str:
        return f"{self.last_name.upper()} {self.first_name}".strip()

    def ongoing(self, today: date) -> bool:
        return self.end_date is None or self.end_date > today

    def interval(self, today: date) -> int:
        return INTERVAL_DAYS[effective_cadence(self.cadence, self.entry_date, today)]

    def reference_date(self) -> date:
        """The last realised contact, or the entry when there has been none yet."""
        return self.last_done or self.entry_date


def is_due(state: ContactState, today: date) -> bool:
    """Time for a contact (per cadence) and nothing planned from today on."""
    if not state.ongoing(today) or state.next_planned is not None:
        return False
    return (today - state.reference_date()).days >= state.interval(today)


def silence_reason(state: ContactState, today: date) -> str | None:
    """Why this person may be slipping away (early drop-out warning), or None."""
    if not state.ongoing(today):
        return None
    if state.last_two_outcomes[:2] == (AppointmentStatus.ABSENT, AppointmentStatus.ABSENT):
        return "Deux absences de suite"
    days = (today - state.reference_date()).days
    if days > 2 * state.interval(today):
        if state.last_done is None:
            return f"Aucun entretien réalisé depuis l'entrée ({days} jours)"
        return f"Dernier entretien réalisé il y a {days} jours"
    return None


def release_soon(state: ContactState, today: date) -> bool:
    release = state.planned_release_date
    return (
        state.ongoing(today)
        and state.justice_situation is JusticeSituation.DETENTION
        and release is not None
        and 0 <= (release - today).days <= RELEASE_WINDOW_DAYS
    )


def six_month_mark(state: ContactState) -> date:
    return state.entry_date + timedelta(days=SIX_MONTHS_DAYS)


def reaching_six_months(state: ContactState, today: date) -> bool:
    low, high = SIX_MONTHS_WINDOW
    return state.ongoing(today) and low <= (six_month_mark(state) - today).days <= high


@dataclass
class WeekOverview:
    """Everything "Ma semaine" shows, each list sorted for reading."""

    today: list[AppointmentView] = field(default_factory=list)
    week: list[AppointmentView] = field(default_factory=list)
    due: list[ContactState] = field(default_factory=list)
    silent: list[tuple[ContactState, str]] = field(default_factory=list)
    releases: list[ContactState] = field(default_factory=list)
    six_months: list[ContactState] = field(default_factory=list)
    overdue_tasks: list[OverdueTask] = field(default_factory=list)  # oldest due date first


def _start(appointment: Appointment) -> datetime:
    assert appointment.start is not None
    return appointment.start


def build_overview(states: list[ContactState], week: list[AppointmentView], today: date) -> WeekOverview:
    active = [
        v for v in week if v.appointment.status is not AppointmentStatus.CANCELLED and v.appointment.start is not None
    ]  # read from the file: every appointment has its start
    active.sort(key=lambda v: _start(v.appointment))
    overview = WeekOverview(
        today=[v for v in active if _start(v.appointment).date() == today],
        # the rest of the week, plus earlier days' appointments still waiting for Réalisé / Absent
        week=[
            v
            for v in active
            if _start(v.appointment).date() > today
            or (_start(v.appointment).date() < today and v.appointment.status is AppointmentStatus.PLANNED)
        ],
    )
    for state in states:
        reason = silence_reason(state, today)
        if reason:  # "sans nouvelles" says more than "à recontacter": one line, not two
            overview.silent.append((state, reason))
        elif is_due(state, today):
            overview.due.append(state)
        if release_soon(state, today):
            overview.releases.append(state)
        if reaching_six_months(state, today):
            overview.six_months.append(state)
    overview.due.sort(key=lambda s: s.reference_date())
    overview.silent.sort(key=lambda pair: pair[0].reference_date())
    overview.releases.sort(key=lambda s: s.planned_release_date or date.max)  # all dated (release_soon)
    overview.six_months.sort(key=six_month_mark)
    return overview


def week_start(day: date) -> date:
    """The Monday of the week holding ``day``."""
    return day - timedelta(days=day.weekday())
