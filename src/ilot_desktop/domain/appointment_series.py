"""Repeating an appointment (« Répéter »): the dates of a series, what the person's rhythm proposes, clashes
with the person's other appointments, and what a change to « toute la série (à venir) » does.

Pure rules over plain values; the moment (``now``) and the person's dates are parameters.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import Enum

from ilot_desktop.domain.dates import format_date, format_time
from ilot_desktop.domain.followup import (
    FIRST_MONTH_DAYS,
    Appointment,
    in_first_month,
    place_for_kind,
    proposed_setting,
)
from ilot_desktop.domain.identity import new_uid
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus, Cadence, JusticeSituation

MIN_OCCURRENCES, MAX_OCCURRENCES = 2, 52
DEFAULT_COUNT = 4
FIRST_MONTH_MEETINGS = 4  # a month of weekly meetings
MAX_SPAN_DAYS = 366


class Frequency(Enum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"

    @property
    def label(self) -> str:
        return FREQUENCY_LABELS[self]


FREQUENCY_LABELS = {
    Frequency.WEEKLY: "Chaque semaine",
    Frequency.FORTNIGHTLY: "Toutes les 2 semaines",
    Frequency.MONTHLY: "Chaque mois",
}
_FROM_CADENCE = {
    Cadence.WEEKLY: Frequency.WEEKLY,
    Cadence.FORTNIGHTLY: Frequency.FORTNIGHTLY,
    Cadence.MONTHLY: Frequency.MONTHLY,
    Cadence.EMPLOYMENT: Frequency.MONTHLY,  # every two months is not offered: monthly, fewer times
}


@dataclass(frozen=True)
class Repeat:
    """Every week / 2 weeks / month, ``count`` times (the first included) or until a day (included)."""

    frequency: Frequency
    count: int | None = DEFAULT_COUNT
    until: date | None = None


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day (31/01 + 1 → 28 or 29/02)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def nth_start(first: datetime, frequency: Frequency, n: int) -> datetime:
    """The ``n``-th date from the first (n = 0 is the first), always counted from the first: a monthly series
    begun on the 31st is on the 31st whenever the month has one (no drift to the 28th)."""
    if frequency is Frequency.WEEKLY:
        return first + timedelta(weeks=n)
    if frequency is Frequency.FORTNIGHTLY:
        return first + timedelta(weeks=2 * n)
    return datetime.combine(add_months(first.date(), n), first.time())


def series_starts(first: datetime, repeat: Repeat) -> list[datetime]:
    """Every start of the series, the first included; at most ``MAX_OCCURRENCES``."""
    starts: list[datetime] = []
    for n in range(MAX_OCCURRENCES):
        start = nth_start(first, repeat.frequency, n)
        if repeat.until is not None and start.date() > repeat.until:
            break
        if repeat.until is None and repeat.count is not None and n >= repeat.count:
            break
        starts.append(start)
    return starts


def validate_repeat(first: date | None, repeat: Repeat) -> dict[str, str]:
    """Field ``repeat`` -> French message."""
    if repeat.until is None:
        if repeat.count is None or not MIN_OCCURRENCES <= repeat.count <= MAX_OCCURRENCES:
            return {"repeat": f"Indiquez entre {MIN_OCCURRENCES} et {MAX_OCCURRENCES} rendez-vous."}
        return {}
    if first is None:
        return {}
    if repeat.until <= first:
        return {"repeat": f"La date de fin doit suivre le premier rendez-vous ({format_date(first)})."}
    if (repeat.until - first).days > MAX_SPAN_DAYS:
        return {"repeat": "Une série ne peut pas dépasser un an\u00a0: choisissez une date de fin plus proche."}
    return {}


def proposed_repeat(cadence: Cadence | None, entry: date | None, first_day: date) -> Repeat:
    """From the person's rhythm: weekly in the first month (the weeks left of it, four at most), then the
    chosen rhythm (weekly if none), four times."""
    if entry is not None and in_first_month(entry, first_day):
        weeks_left = (FIRST_MONTH_DAYS - 1 - (first_day - entry).days) // 7 + 1
        return Repeat(Frequency.WEEKLY, max(MIN_OCCURRENCES, min(FIRST_MONTH_MEETINGS, weeks_left)))
    return Repeat(_FROM_CADENCE[cadence or Cadence.WEEKLY], DEFAULT_COUNT)


def proposal_text(cadence: Cadence | None, entry: date | None, first_day: date) -> str:
    """Why the proposal: « Proposé d'après le rythme : premier mois, chaque semaine. »"""
    repeat = proposed_repeat(cadence, entry, first_day)
    if entry is not None and in_first_month(entry, first_day):
        return "Proposé d'après le rythme\u00a0: premier mois, chaque semaine."
    rhythm = (cadence or Cadence.WEEKLY).label.lower()
    return f"Proposé d'après le rythme\u00a0: {rhythm} ({repeat.frequency.label.lower()})."


# --- clashes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clash:
    """An appointment of the same person on the same day: ``overlapping`` when their times cross."""

    existing: Appointment
    overlapping: bool

    def text(self) -> str:
        assert self.existing.start is not None  # read from the file
        hour = format_time(self.existing.start)
        if self.overlapping:
            return f"même créneau qu'un rendez-vous à {hour}"
        return f"déjà un rendez-vous ce jour-là à {hour}"


def clash_of(candidate: Appointment, existing: list[Appointment]) -> Clash | None:
    """The person's appointment this one clashes with: same day (one meeting a day with a person is the rule,
    a second is most often typed twice) or overlapping times; cancelled ones and itself do not count.
    An overlap is preferred to a mere same day when both exist."""
    if candidate.start is None or candidate.end is None:
        return None
    found: Clash | None = None
    for other in existing:
        if other.start is None or other.end is None or other.status is AppointmentStatus.CANCELLED:
            continue
        if candidate.id is not None and other.id == candidate.id:
            continue
        if candidate.participant_id is not None and other.participant_id not in (None, candidate.participant_id):
            continue
        overlapping = other.start < candidate.end and candidate.start < other.end
        if overlapping:
            return Clash(other, True)
        if found is None and other.start.date() == candidate.start.date():
            found = Clash(other, False)
    return found


@dataclass(frozen=True)
class Occurrence:
    """One date the series would create: what it would be, what it clashes with, why it cannot be (if so)."""

    appointment: Appointment
    clash: Clash | None = None
    problem: str | None = None

    @property
    def proposed(self) -> bool:
        """Created unless the caseworker says otherwise: no clash, nothing that forbids it."""
        return self.clash is None and self.problem is None


def occurrence_of(
    model: Appointment,
    start: datetime,
    situation: JusticeSituation | None,
    release: date | None,
    facility: str,
) -> Appointment:
    """The model moved to ``start``; a meeting in detention at the prison becomes one at the office once the
    planned release has passed (the person is out: there is nobody left to see at the prison)."""
    occurrence = replace(
        model, start=start, id=None, uid=new_uid(), report="", next_steps="", status=AppointmentStatus.PLANNED
    )
    in_prison = model.kind is AppointmentKind.IN_DETENTION and model.place.strip() == facility.strip()
    if in_prison:
        kind, place = proposed_setting(situation, release, facility, start.date())
        if kind is not AppointmentKind.IN_DETENTION:
            occurrence = replace(occurrence, kind=kind, place=place)
    return occurrence


# --- changing a series ---------------------------------------------------------------------------


class Scope(Enum):
    """What an edit or a cancellation of an occurrence applies to."""

    ONE = "one"  # « Cette occurrence seulement »
    UPCOMING = "upcoming"  # « Toute la série (à venir) »


def upcoming(series: list[Appointment], now: datetime) -> list[Appointment]:
    """The occurrences a series change may touch: still « Prévu » and not begun. Past and recorded ones never."""
    return [
        a
        for a in series
        if a.status is AppointmentStatus.PLANNED and a.start is not None and a.start > now and a.id is not None
    ]


def series_changes(
    before: Appointment,
    after: Appointment,
    series: list[Appointment],
    now: datetime,
    situation: JusticeSituation | None = None,
    release: date | None = None,
    facility: str = "",
) -> list[Appointment]:
    """What « toute la série (à venir) » does to the other upcoming occurrences when ``before`` becomes
    ``after``: only what this edit changed is carried over (the shift of day and hour, the duration, the type,
    the place); everything else stays as each occurrence has it (the office after the release, a room typed
    for one occurrence alone). A new type brings each date's proposed place (``type_change``) unless a place
    was typed in this edit. Cancelling cancels them."""
    assert before.start is not None and after.start is not None  # validated before
    shift = after.start - before.start
    kind_changed = before.kind is not after.kind
    place_changed = before.place.strip() != after.place.strip()
    changed: list[Appointment] = []
    for other in upcoming(series, now):
        if other.id == after.id or other.start is None:
            continue
        if after.status is AppointmentStatus.CANCELLED:
            changed.append(replace(other, status=AppointmentStatus.CANCELLED))
            continue
        moved = replace(other, start=other.start + shift)
        if before.duration_min != after.duration_min:
            moved = replace(moved, duration_min=after.duration_min)
        if kind_changed:
            moved = type_change(moved, after, situation, release, facility)
        elif place_changed:
            moved = replace(moved, place=after.place)
        changed.append(moved)
    return changed


def type_change(
    occurrence: Appointment,
    after: Appointment,
    situation: JusticeSituation | None,
    release: date | None,
    facility: str,
) -> Appointment:
    """``occurrence`` given ``after``'s type: the place typed in the edit, else the one proposed for the type
    on the occurrence's own date (a meeting in detention is at the office once the planned release has passed)."""
    assert occurrence.start is not None  # read from the file
    proposed = place_for_kind(after.kind, facility)
    if after.place.strip() != proposed.strip():  # typed by the caseworker
        return replace(occurrence, kind=after.kind, place=after.place)
    if after.kind is AppointmentKind.IN_DETENTION:
        kind, place = proposed_setting(situation, release, facility, occurrence.start.date())
        return replace(occurrence, kind=kind, place=place)
    return replace(occurrence, kind=after.kind, place=proposed)


def touches_series(before: Appointment, after: Appointment) -> bool:
    """Whether a change is one a series could share (when, how long, what, where, cancelled); a report or
    « Réalisé » belongs to one occurrence only."""
    return (
        before.start != after.start
        or before.duration_min != after.duration_min
        or before.kind is not after.kind
        or before.place.strip() != after.place.strip()
        or (after.status is AppointmentStatus.CANCELLED and before.status is not AppointmentStatus.CANCELLED)
    )
