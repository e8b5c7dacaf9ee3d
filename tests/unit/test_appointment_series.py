"""« Répéter »: the dates of a series (month ends), the rhythm's proposal, clashes, series changes, and when an
appointment can be recorded."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from ilot_desktop.domain.appointment_series import (
    MAX_OCCURRENCES,
    Frequency,
    Repeat,
    add_months,
    clash_of,
    occurrence_of,
    proposal_text,
    proposed_repeat,
    series_changes,
    series_starts,
    touches_series,
    upcoming,
    validate_repeat,
)
from ilot_desktop.domain.followup import (
    OFFICE,
    Appointment,
    can_record,
    format_moment,
    place_for_kind,
    proposed_setting,
    record_refusal,
)
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus, Cadence, JusticeSituation

PLANNED, DONE, CANCELLED = AppointmentStatus.PLANNED, AppointmentStatus.DONE, AppointmentStatus.CANCELLED
PRISON = "Centre pénitentiaire de Paris-La Santé"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def days(starts: list[datetime]) -> list[str]:
    return [s.strftime("%d/%m/%Y %H:%M") for s in starts]


def test_weekly_fortnightly_and_until_a_day():
    first = at("2026-12-01 10:00")
    assert days(series_starts(first, Repeat(Frequency.WEEKLY, 4))) == [
        "01/12/2026 10:00",
        "08/12/2026 10:00",
        "15/12/2026 10:00",
        "22/12/2026 10:00",
    ]
    assert days(series_starts(first, Repeat(Frequency.FORTNIGHTLY, 3))) == [
        "01/12/2026 10:00",
        "15/12/2026 10:00",
        "29/12/2026 10:00",
    ]
    until = series_starts(first, Repeat(Frequency.WEEKLY, None, date(2026, 12, 15)))
    assert days(until)[-1] == "15/12/2026 10:00" and len(until) == 3  # the last day included
    assert len(series_starts(first, Repeat(Frequency.WEEKLY, None, date(2030, 1, 1)))) == MAX_OCCURRENCES


def test_month_ends_keep_the_day_when_the_month_has_it():
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)  # leap year
    assert add_months(date(2026, 11, 30), 2) == date(2027, 1, 30)
    starts = series_starts(at("2027-01-31 14:30"), Repeat(Frequency.MONTHLY, 4))
    # counted from the first date each time: no drift to the 28th after February
    assert days(starts) == ["31/01/2027 14:30", "28/02/2027 14:30", "31/03/2027 14:30", "30/04/2027 14:30"]


def test_validate_repeat():
    first = date(2026, 12, 1)
    assert validate_repeat(first, Repeat(Frequency.WEEKLY, 4)) == {}
    assert "entre 2 et 52" in validate_repeat(first, Repeat(Frequency.WEEKLY, 1))["repeat"]
    assert "doit suivre" in validate_repeat(first, Repeat(Frequency.WEEKLY, None, first))["repeat"]
    assert "un an" in validate_repeat(first, Repeat(Frequency.MONTHLY, None, date(2028, 1, 1)))["repeat"]


def test_the_rhythm_proposes_weekly_in_the_first_month_then_the_cadence():
    entry = date(2026, 12, 2)
    assert proposed_repeat(Cadence.MONTHLY, entry, date(2026, 12, 3)) == Repeat(Frequency.WEEKLY, 4)
    assert proposed_repeat(None, entry, date(2026, 12, 20)) == Repeat(Frequency.WEEKLY, 2)  # 20/12 and 27/12
    assert proposed_repeat(Cadence.FORTNIGHTLY, entry, date(2027, 1, 15)) == Repeat(Frequency.FORTNIGHTLY, 4)
    assert proposed_repeat(Cadence.EMPLOYMENT, entry, date(2027, 3, 1)).frequency is Frequency.MONTHLY
    assert proposed_repeat(None, None, date(2027, 3, 1)).frequency is Frequency.WEEKLY
    assert (
        proposal_text(None, entry, date(2026, 12, 3))
        == "Proposé d'après le rythme\u00a0: premier mois, chaque semaine."
    )
    assert "mensuel (chaque mois)" in proposal_text(Cadence.MONTHLY, entry, date(2027, 3, 1))


def appointment(start: str, minutes: int = 60, status=PLANNED, id=None, person=1, **more) -> Appointment:
    return Appointment(participant_id=person, start=at(start), duration_min=minutes, status=status, id=id, **more)


def test_clashes_same_day_or_overlapping_not_cancelled_not_itself():
    new = appointment("2026-12-08 10:00")
    morning = appointment("2026-12-08 10:30", id=1)
    afternoon = appointment("2026-12-08 15:00", id=2)
    clash = clash_of(new, [afternoon, morning])
    assert clash is not None and clash.overlapping and clash.existing.id == 1  # an overlap wins over a same day
    assert clash.text() == "même créneau qu'un rendez-vous à 10:30"
    same_day = clash_of(new, [afternoon])
    assert same_day is not None and not same_day.overlapping
    assert same_day.text() == "déjà un rendez-vous ce jour-là à 15:00"
    assert clash_of(new, [appointment("2026-12-08 10:00", status=CANCELLED, id=3)]) is None
    assert clash_of(new, [appointment("2026-12-09 10:00", id=4)]) is None
    assert clash_of(new, [appointment("2026-12-08 10:00", id=5, person=2)]) is None  # someone else
    assert clash_of(appointment("2026-12-08 10:00", id=6), [appointment("2026-12-08 10:00", id=6)]) is None
    assert clash_of(new, [appointment("2026-12-08 09:00", id=7)]).overlapping is False  # 9:00-10:00 ends as it starts


def test_can_record_only_once_the_time_has_come():
    meeting = appointment("2026-12-08 10:00")
    assert not can_record(meeting, at("2026-12-08 09:59"))
    assert record_refusal(meeting, at("2026-12-01 09:00")) == (
        "Ce rendez-vous n'a pas encore eu lieu\u00a0: « Réalisé » ou « Absent » pourra être noté "
        "à partir du mardi 08/12/2026 à 10:00."
    )
    assert can_record(meeting, at("2026-12-08 10:00"))
    assert can_record(meeting, at("2026-12-20 08:00"))
    assert not can_record(Appointment(participant_id=1), at("2026-12-20 08:00"))
    assert format_moment(at("2026-12-09 10:00")) == "mercredi 09/12/2026 à 10:00"


def test_after_the_planned_release_the_office_is_proposed():
    release = date(2026, 12, 15)
    detention = JusticeSituation.DETENTION
    assert proposed_setting(detention, release, PRISON, date(2026, 12, 14)) == (AppointmentKind.IN_DETENTION, PRISON)
    assert proposed_setting(detention, release, PRISON, date(2026, 12, 15)) == (AppointmentKind.INDIVIDUAL, OFFICE)
    assert proposed_setting(None, None, "", date(2026, 12, 1)) == (AppointmentKind.INDIVIDUAL, OFFICE)
    assert place_for_kind(AppointmentKind.IN_DETENTION, PRISON) == PRISON
    assert place_for_kind(AppointmentKind.INDIVIDUAL, PRISON) == OFFICE
    assert place_for_kind(AppointmentKind.PHONE, PRISON) == "Par téléphone"
    assert place_for_kind(AppointmentKind.ACCOMPANYING, PRISON) == ""
    inside = appointment("2026-12-08 10:00", kind=AppointmentKind.IN_DETENTION, place=PRISON)
    before = occurrence_of(inside, at("2026-12-08 10:00"), detention, release, PRISON)
    after = occurrence_of(inside, at("2026-12-22 10:00"), detention, release, PRISON)
    assert (before.kind, before.place) == (AppointmentKind.IN_DETENTION, PRISON)
    assert (after.kind, after.place) == (AppointmentKind.INDIVIDUAL, OFFICE)
    typed = appointment("2026-12-08 10:00", kind=AppointmentKind.IN_DETENTION, place="Parloir famille")
    kept = occurrence_of(typed, at("2026-12-22 10:00"), detention, release, PRISON)
    assert kept.place == "Parloir famille"  # a place she typed herself stays


def test_a_series_change_moves_only_what_is_still_to_come():
    series = [
        appointment("2026-12-01 10:00", status=DONE, id=1),
        appointment("2026-12-08 10:00", id=2),  # past but never recorded: still not changed
        appointment("2026-12-15 10:00", id=3),
        appointment("2026-12-22 10:00", id=4),
        appointment("2026-12-29 10:00", status=CANCELLED, id=5),
    ]
    now = at("2026-12-10 12:00")
    assert [a.id for a in upcoming(series, now)] == [3, 4]
    before = series[2]
    after = appointment("2026-12-15 14:00", minutes=45, id=3, place="Par téléphone", kind=AppointmentKind.PHONE)
    changed = series_changes(before, after, series, now)
    assert [(a.id, a.start, a.duration_min, a.place) for a in changed] == [
        (4, at("2026-12-22 14:00"), 45, "Par téléphone")
    ]
    cancelled = series_changes(before, appointment("2026-12-15 10:00", id=3, status=CANCELLED), series, now)
    assert [(a.id, a.status) for a in cancelled] == [(4, CANCELLED)]
    assert touches_series(before, after)
    assert not touches_series(before, appointment("2026-12-15 10:00", id=3, report="Vu"))
    assert not touches_series(before, appointment("2026-12-15 10:00", id=3, status=DONE))


@pytest.mark.parametrize("frequency", list(Frequency))
def test_every_frequency_has_a_french_label(frequency):
    assert frequency.label in ("Chaque semaine", "Toutes les 2 semaines", "Chaque mois")


def in_prison(start: str, id: int, **more) -> Appointment:
    more.setdefault("kind", AppointmentKind.IN_DETENTION)
    more.setdefault("place", PRISON)
    return appointment(start, id=id, **more)


def test_a_series_hour_change_keeps_what_each_occurrence_is():
    """Only the hour changed: each occurrence keeps its own type and place (the office after the release, a
    room typed for one occurrence alone); the other fields are never copied from the edited one."""
    release = date(2026, 12, 15)
    series = [
        in_prison("2026-12-01 10:00", 1),
        in_prison("2026-12-08 10:00", 2, place="Salle B"),
        in_prison("2026-12-15 10:00", 3, kind=AppointmentKind.INDIVIDUAL, place=OFFICE),
        in_prison("2026-12-22 10:00", 4, kind=AppointmentKind.INDIVIDUAL, place=OFFICE, minutes=90),
    ]
    now = at("2026-11-27 12:00")
    after = in_prison("2026-12-01 11:00", 1)
    changed = series_changes(series[0], after, series, now, JusticeSituation.DETENTION, release, PRISON)
    assert [(a.id, a.start.hour, a.kind, a.place, a.duration_min) for a in changed] == [
        (2, 11, AppointmentKind.IN_DETENTION, "Salle B", 60),
        (3, 11, AppointmentKind.INDIVIDUAL, OFFICE, 60),
        (4, 11, AppointmentKind.INDIVIDUAL, OFFICE, 90),
    ]
    # the duration alone: the hour stays, the duration follows
    longer = series_changes(series[0], replace(series[0], duration_min=45), series, now, None, None, PRISON)
    assert [(a.start.hour, a.duration_min, a.place) for a in longer] == [
        (10, 45, "Salle B"),
        (10, 45, OFFICE),
        (10, 45, OFFICE),
    ]


def test_a_series_type_change_proposes_each_date_place():
    release = date(2026, 12, 15)
    series = [appointment(f"2026-12-{d:02d} 10:00", id=n, place=OFFICE) for n, d in enumerate((1, 8, 15, 22), 1)]
    series = [replace(a, kind=AppointmentKind.INDIVIDUAL) for a in series]
    now = at("2026-11-27 12:00")
    situation = JusticeSituation.DETENTION
    # into detention, the place proposed for the type (the prison): before the release at the prison, after it
    # at the office, as when the series was created
    after = replace(series[0], kind=AppointmentKind.IN_DETENTION, place=PRISON)
    changed = series_changes(series[0], after, series, now, situation, release, PRISON)
    assert [(a.id, a.kind, a.place) for a in changed] == [
        (2, AppointmentKind.IN_DETENTION, PRISON),
        (3, AppointmentKind.INDIVIDUAL, OFFICE),
        (4, AppointmentKind.INDIVIDUAL, OFFICE),
    ]
    # a place typed in this edit wins over the proposal
    typed = replace(after, place="Parloir 3")
    changed = series_changes(series[0], typed, series, now, situation, release, PRISON)
    assert [(a.kind, a.place) for a in changed] == [(AppointmentKind.IN_DETENTION, "Parloir 3")] * 3
    # to the phone: its place on every date
    phone = replace(series[0], kind=AppointmentKind.PHONE, place=place_for_kind(AppointmentKind.PHONE, PRISON))
    changed = series_changes(series[0], phone, series, now, situation, release, PRISON)
    assert {(a.kind, a.place) for a in changed} == {(AppointmentKind.PHONE, phone.place)}
