"""Follow-up rules with fixed dates: cadence, due, without news, releases, six months, validation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from ilot_desktop.domain.followup import (
    Appointment,
    AppointmentView,
    ContactState,
    build_overview,
    effective_cadence,
    is_due,
    reaching_six_months,
    release_soon,
    silence_reason,
    validate_appointment,
    week_start,
)
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus, Cadence, JusticeSituation
from tests.conftest import TODAY

DONE, ABSENT = AppointmentStatus.DONE, AppointmentStatus.ABSENT


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def state(**overrides) -> ContactState:
    """Someone followed for three months, fortnightly, seen four days ago, nothing planned."""
    values = dict(
        participant_id=1,
        file_number="DE-2026-001",
        last_name="Marqueur",
        first_name="Zéphyrin",
        entry_date=days_ago(90),
        end_date=None,
        cadence=Cadence.FORTNIGHTLY,
        justice_situation=JusticeSituation.OPEN_CUSTODY,
        planned_release_date=None,
        last_done=days_ago(4),
        next_planned=None,
        last_two_outcomes=(DONE, DONE),
    )
    values.update(overrides)
    return ContactState(**values)


# --- cadence ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("chosen", [None, *Cadence])
def test_first_month_is_weekly_whatever_was_chosen(chosen):
    assert effective_cadence(chosen, days_ago(0), TODAY) is Cadence.WEEKLY
    assert effective_cadence(chosen, days_ago(29), TODAY) is Cadence.WEEKLY


def test_after_the_first_month_the_chosen_cadence_applies_weekly_by_default():
    assert effective_cadence(Cadence.MONTHLY, days_ago(30), TODAY) is Cadence.MONTHLY
    assert effective_cadence(Cadence.EMPLOYMENT, days_ago(200), TODAY) is Cadence.EMPLOYMENT
    assert effective_cadence(None, days_ago(30), TODAY) is Cadence.WEEKLY
    assert effective_cadence(Cadence.FORTNIGHTLY, None, TODAY) is Cadence.FORTNIGHTLY


@pytest.mark.parametrize(
    ("cadence", "interval"),
    [(Cadence.WEEKLY, 7), (Cadence.FORTNIGHTLY, 14), (Cadence.MONTHLY, 30), (Cadence.EMPLOYMENT, 60)],
)
def test_interval_per_cadence(cadence, interval):
    assert state(cadence=cadence).interval(TODAY) == interval
    assert state(cadence=cadence, entry_date=days_ago(10)).interval(TODAY) == 7


# --- due -------------------------------------------------------------------------------------------


def test_due_once_the_interval_has_passed_with_nothing_planned():
    assert not is_due(state(last_done=days_ago(13)), TODAY)
    assert is_due(state(last_done=days_ago(14)), TODAY)


def test_not_due_when_something_is_planned_or_the_file_is_closed():
    planned = datetime(2026, 12, 3, 10, 0)
    assert not is_due(state(last_done=days_ago(20), next_planned=planned), TODAY)
    assert not is_due(state(last_done=days_ago(20), end_date=days_ago(1)), TODAY)
    assert is_due(state(last_done=days_ago(20), end_date=TODAY + timedelta(days=1)), TODAY)


def test_newcomer_is_due_a_week_after_entry_without_a_meeting():
    newcomer = state(entry_date=days_ago(7), last_done=None, cadence=Cadence.MONTHLY)
    assert is_due(newcomer, TODAY)
    assert not is_due(replace(newcomer, entry_date=days_ago(6)), TODAY)


# --- without news ----------------------------------------------------------------------------------


def test_without_news_after_twice_the_cadence():
    assert silence_reason(state(last_done=days_ago(28)), TODAY) is None
    assert silence_reason(state(last_done=days_ago(29)), TODAY) == "Dernier entretien réalisé il y a 29 jours"
    monthly = state(cadence=Cadence.MONTHLY, last_done=days_ago(45))
    assert silence_reason(monthly, TODAY) is None


def test_without_news_since_entry_when_never_seen():
    never = state(entry_date=days_ago(15), last_done=None, last_two_outcomes=())
    assert silence_reason(never, TODAY) == "Aucun entretien réalisé depuis l'entrée (15 jours)"
    assert silence_reason(replace(never, entry_date=days_ago(14)), TODAY) is None


def test_two_absences_in_a_row_even_when_seen_recently():
    assert silence_reason(state(last_two_outcomes=(ABSENT, ABSENT)), TODAY) == "Deux absences de suite"
    assert silence_reason(state(last_two_outcomes=(ABSENT, DONE)), TODAY) is None
    assert silence_reason(state(last_two_outcomes=(DONE, ABSENT)), TODAY) is None
    assert silence_reason(state(last_two_outcomes=(ABSENT,)), TODAY) is None


def test_a_closed_file_is_never_without_news():
    closed = state(end_date=TODAY, last_done=days_ago(200), last_two_outcomes=(ABSENT, ABSENT))
    assert silence_reason(closed, TODAY) is None


# --- releases and six months -----------------------------------------------------------------------


@pytest.mark.parametrize(("days", "expected"), [(-1, False), (0, True), (1, True), (30, True), (31, False)])
def test_release_within_thirty_days(days, expected):
    inside = state(justice_situation=JusticeSituation.DETENTION, planned_release_date=TODAY + timedelta(days))
    assert release_soon(inside, TODAY) is expected


def test_release_only_for_people_in_detention_with_a_date():
    release = TODAY + timedelta(days=10)
    assert not release_soon(state(planned_release_date=release), TODAY)
    assert not release_soon(state(justice_situation=JusticeSituation.DETENTION), TODAY)


@pytest.mark.parametrize(("followed", "expected"), [(152, False), (153, True), (190, True), (191, False)])
def test_six_months_shown_from_a_month_before_to_a_week_after(followed, expected):
    # the mark is 183 days after entry: shown 30 days ahead of it and for 7 days after it
    assert reaching_six_months(state(entry_date=days_ago(followed)), TODAY) is expected
    assert not reaching_six_months(state(entry_date=days_ago(followed), end_date=days_ago(1)), TODAY)


# --- Ma semaine ------------------------------------------------------------------------------------


def view(start: datetime, status=AppointmentStatus.PLANNED, pid: int = 1) -> AppointmentView:
    return AppointmentView(Appointment(pid, start, 60, status=status), "DE-2026-001", "Marqueur", "Zéphyrin")


def test_overview_splits_today_from_the_rest_of_the_week_and_drops_cancelled():
    at_nine, at_two = datetime(2026, 11, 27, 9, 0), datetime(2026, 11, 27, 14, 0)
    monday, tuesday = datetime(2026, 11, 23, 10, 0), datetime(2026, 11, 24, 10, 0)
    sunday = datetime(2026, 11, 29, 10, 0)
    week = [
        view(at_two),
        view(at_nine),
        view(monday, DONE),  # done and recorded: nothing left to do
        view(tuesday),  # past and still "Prévu": to be recorded
        view(datetime(2026, 11, 25, 10), AppointmentStatus.CANCELLED),
        view(sunday),
    ]
    overview = build_overview([], week, TODAY)
    assert [v.appointment.start for v in overview.today] == [at_nine, at_two]
    assert [v.appointment.start for v in overview.week] == [tuesday, sunday]


def test_overview_buckets_and_their_order():
    due_long = state(participant_id=1, last_done=days_ago(20))
    due_recent = state(participant_id=2, last_done=days_ago(15))
    silent = state(participant_id=3, last_done=days_ago(40))
    releasing = state(
        participant_id=4,
        justice_situation=JusticeSituation.DETENTION,
        planned_release_date=TODAY + timedelta(days=12),
        next_planned=datetime(2026, 12, 1, 10),
    )
    half_year = state(participant_id=5, entry_date=days_ago(180), next_planned=datetime(2026, 12, 1, 10))
    fine = state(participant_id=6, next_planned=datetime(2026, 12, 1, 10))
    overview = build_overview([fine, due_recent, silent, half_year, releasing, due_long], [], TODAY)
    # someone without news is listed there only, not also as "à recontacter"
    assert [s.participant_id for s in overview.due] == [1, 2]
    assert [(s.participant_id, reason) for s, reason in overview.silent] == [
        (3, "Dernier entretien réalisé il y a 40 jours")
    ]
    assert [s.participant_id for s in overview.releases] == [4]
    assert [s.participant_id for s in overview.six_months] == [5]


def test_week_starts_on_monday():
    assert week_start(TODAY) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)


def test_view_initials_and_name():
    v = AppointmentView(Appointment(1, datetime(2026, 11, 27, 9)), "DE-2026-001", "n'diaye", "éric")
    assert v.initials == "É. N."
    assert v.display_name == "N'DIAYE éric"


# --- validation ------------------------------------------------------------------------------------

ENTRY = date(2026, 10, 1)


def appointment(**overrides) -> Appointment:
    values = dict(participant_id=1, start=datetime(2026, 12, 2, 10, 0), duration_min=60)
    values.update(overrides)
    return Appointment(**values)


def check(a: Appointment, entry: date | None = ENTRY, end: date | None = None) -> dict[str, str]:
    return validate_appointment(a, entry, end, TODAY)


def test_a_complete_appointment_is_valid():
    assert check(appointment()) == {}
    assert check(appointment(start=datetime(2026, 11, 27, 23, 0), status=DONE)) == {}
    assert check(appointment(kind=AppointmentKind.PHONE, duration_min=5)) == {}


def test_missing_participant_and_start():
    assert check(appointment(participant_id=None, start=None)) == {
        "participant": "Choisissez la personne concernée.",
        "start": "Indiquez la date et l'heure du rendez-vous.",
    }


@pytest.mark.parametrize("minutes", [0, 4, 601])
def test_duration_bounds(minutes):
    assert check(appointment(duration_min=minutes)) == {
        "duration_min": "La durée doit être comprise entre 5 et 600 minutes."
    }


def test_far_future_and_far_past():
    far = check(appointment(start=datetime(2027, 12, 1, 10)))
    assert far == {"start": "Le rendez-vous est à plus d'un an : vérifiez l'année."}
    old = check(appointment(start=datetime(2016, 10, 1, 10)))
    assert "précède de plus de six mois l'entrée" in old["start"] and "01/10/2026" in old["start"]
    assert check(appointment(start=datetime(2026, 4, 5, 10))) == {}  # just under six months before entry


def test_closed_file_refuses_later_appointments():
    end = date(2026, 11, 20)
    assert check(appointment(start=datetime(2026, 11, 20, 16)), end=end) == {}
    errors = check(appointment(start=datetime(2026, 11, 21, 9)), end=end)
    assert errors["start"].startswith("Le dossier est clos depuis le 20/11/2026")
    # a meeting left planned when the file was closed can still be cancelled
    cancelled = appointment(start=datetime(2026, 11, 21, 9), status=AppointmentStatus.CANCELLED)
    assert check(cancelled, end=end) == {}


@pytest.mark.parametrize("status", [DONE, ABSENT])
def test_done_or_absent_cannot_be_in_the_future(status):
    errors = check(appointment(start=datetime(2026, 11, 28, 9), status=status))
    assert errors == {"status": f"Un rendez-vous à venir ne peut pas être noté « {status.label} »."}
    cancelled = appointment(start=datetime(2026, 11, 28, 9), status=AppointmentStatus.CANCELLED)
    assert check(cancelled) == {}


def test_place_length():
    assert check(appointment(place="x" * 201)) == {"place": "Le lieu ne doit pas dépasser 200 caractères."}


def test_end_follows_start_and_duration():
    assert appointment(duration_min=90).end == datetime(2026, 12, 2, 11, 30)
    assert Appointment().end is None


def test_cadence_reads_as_a_caseworker_says_it():
    from ilot_desktop.domain.followup import cadence_text
    from ilot_desktop.domain.vocabulary import Cadence

    assert cadence_text(Cadence.FORTNIGHTLY) == "tous les 15 jours"  # never "tous les 15 jours, 14 jours"
    assert cadence_text(Cadence.MONTHLY) == "mensuel, un contact tous les 30 jours"
    assert cadence_text(Cadence.EMPLOYMENT) == "suivi dans l'emploi, un contact tous les 60 jours"


def test_the_first_month_is_the_first_thirty_days():
    from ilot_desktop.domain.followup import FIRST_MONTH_DAYS, in_first_month

    entry = date(2026, 11, 1)
    assert FIRST_MONTH_DAYS == 30
    assert in_first_month(entry, entry) and in_first_month(entry, entry + timedelta(days=29))
    assert not in_first_month(entry, entry + timedelta(days=30))
    assert not in_first_month(None, entry)
    # the timeline's note and the cadence say the same
    for day in (entry + timedelta(days=29), entry + timedelta(days=30)):
        weekly = effective_cadence(Cadence.MONTHLY, entry, day) is Cadence.WEEKLY
        assert weekly == in_first_month(entry, day)
