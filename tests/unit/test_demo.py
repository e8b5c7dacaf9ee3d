"""The fictional demonstration year: plausible, valid, deterministic, and relative to ``today``."""

from __future__ import annotations

from collections import Counter
from datetime import date, time

import pytest

from ilot_desktop.demo.followup import demo_followup
from ilot_desktop.demo.people import NOTES, demo_participants
from ilot_desktop.domain.actions import validate_action
from ilot_desktop.domain.dates import age_on
from ilot_desktop.domain.followup import (
    ContactState,
    is_due,
    release_soon,
    silence_reason,
    validate_appointment,
)
from ilot_desktop.domain.participant import validate
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentKind,
    AppointmentStatus,
    Attendance,
    Cadence,
    Housing,
    JusticeSituation,
    Phase,
    Sex,
    WorkConstraint,
)

PLANNED, ABSENT = AppointmentStatus.PLANNED, AppointmentStatus.ABSENT

TODAYS = [date(2026, 11, 27), date(2025, 3, 3)]


@pytest.fixture(params=TODAYS, ids=lambda d: d.isoformat())
def today(request: pytest.FixtureRequest) -> date:
    return request.param


def test_same_seed_and_day_give_the_same_people(today: date) -> None:
    assert demo_participants(today) == demo_participants(today)
    assert demo_participants(today, seed=7) == demo_participants(today, seed=7)


def test_another_seed_gives_other_people() -> None:
    first, other = demo_participants(TODAYS[0]), demo_participants(TODAYS[0], seed=7)
    assert [p.entry_date for p in first] != [p.entry_date for p in other]


def test_about_fifty_valid_unsaved_people(today: date) -> None:
    people = demo_participants(today)
    assert 45 <= len(people) <= 55
    assert {p.file_number: validate(p, today) for p in people if validate(p, today)} == {}
    assert all(p.id is None for p in people)


def test_file_numbers_are_unique_and_follow_entry_order(today: date) -> None:
    people = demo_participants(today)
    numbers = [p.file_number for p in people]
    assert len(set(numbers)) == len(numbers)
    assert [p.entry_date for p in people] == sorted(p.entry_date for p in people)
    for p in people:
        assert p.entry_date is not None
        assert p.file_number.startswith(f"DE-{p.entry_date.year}-")
    for year in {p.entry_date.year for p in people if p.entry_date}:
        in_year = [int(n.rsplit("-", 1)[1]) for n in numbers if n.startswith(f"DE-{year}-")]
        assert in_year == list(range(1, len(in_year) + 1))


def test_dates_are_a_year_up_to_today(today: date) -> None:
    people = demo_participants(today)
    entries = [p.entry_date for p in people if p.entry_date]
    assert all(e <= today for e in entries)
    assert all((today - e).days <= 2 * 366 for e in entries)
    assert sum((today - e).days <= 366 for e in entries) >= 40
    for p in people:
        assert p.consent_date is not None and p.entry_date is not None
        assert p.entry_date <= p.consent_date <= today
        assert p.birth_date is not None and 19 <= age_on(p.birth_date, today) <= 63


def test_a_third_homeless_or_in_a_squat(today: date) -> None:
    people = demo_participants(today)
    homeless = [p for p in people if p.housing_at_entry in (Housing.HOMELESS, Housing.SQUAT)]
    assert 10 <= len(homeless) <= 25
    for p in people:
        if p.justice_situation is JusticeSituation.DETENTION:
            assert p.housing_at_entry is Housing.DETENTION
            assert p.facility


def test_releases_coming_up_and_people_inside(today: date) -> None:
    people = demo_participants(today)
    soon = [
        p
        for p in people
        if p.justice_situation is JusticeSituation.DETENTION
        and p.planned_release_date is not None
        and 0 < (p.planned_release_date - today).days <= 30
    ]
    assert len(soon) >= 3
    assert all(p.phase(today) is Phase.INSIDE for p in soon)
    released = [p for p in people if p.planned_release_date and p.planned_release_date <= today]
    assert released


def test_some_accompaniments_ended(today: date) -> None:
    ended = [p for p in demo_participants(today) if p.end_date is not None]
    assert len(ended) >= 8
    assert all(p.end_date is not None and p.end_date <= today for p in ended)


def test_names_and_contacts_are_diverse_and_fictional(today: date) -> None:
    people = demo_participants(today)
    assert any(not f"{p.last_name}{p.first_name}".isascii() for p in people)
    assert any("'" in p.last_name for p in people)
    assert any("-" in p.first_name or "-" in p.last_name for p in people)
    men = sum(p.sex is Sex.MALE for p in people)
    assert 0.7 * len(people) <= men < len(people)
    assert all(p.email.endswith("@example.org") for p in people if p.email)
    assert all(p.phone.startswith("06 00 00 ") for p in people if p.phone)


def test_work_constraints_shape_the_project(today: date) -> None:
    people = demo_participants(today)
    for p in people:
        if WorkConstraint.NO_ALCOHOL_ENV in p.work_constraints:
            assert "cuisine" not in p.professional_project.casefold()
            assert "restauration" not in p.professional_project.casefold()
        if WorkConstraint.CALM_ENV in p.work_constraints:
            assert p.professional_project != "Préparateur de commandes"
        if p.work_constraints - {WorkConstraint.NO_DRIVING, WorkConstraint.AREA_BANS}:
            assert p.work_constraints_notes


# --- follow-up: appointments and collective actions ---------------------------------------------


def followup(today: date):
    people = demo_participants(today)
    for number, p in enumerate(people, 1):
        p.id = number
    appointments, actions = demo_followup(people, today)
    return {p.id: p for p in people}, appointments, actions


def states(people, appointments, today: date) -> list[ContactState]:
    """What storage's SQL gathers, computed the slow way."""
    result = []
    for p in people.values():
        if p.end_date and p.end_date <= today:
            continue
        mine = sorted((a for a in appointments if a.participant_id == p.id), key=lambda a: a.start)
        past = [a for a in mine if a.start.date() <= today]
        outcomes = [a.status for a in reversed(past) if a.status in (AppointmentStatus.DONE, ABSENT)]
        done = [a.start.date() for a in past if a.status is AppointmentStatus.DONE]
        ahead = [a.start for a in mine if a.status is PLANNED and a.start.date() >= today]
        result.append(
            ContactState(
                p.id, p.file_number, p.last_name, p.first_name, p.entry_date, p.end_date, p.cadence,
                p.justice_situation, p.planned_release_date, max(done, default=None),
                min(ahead, default=None), tuple(outcomes[:2]),
            )
        )  # fmt: skip
    return result


def test_follow_up_is_deterministic(today: date) -> None:
    assert followup(today) == followup(today)


def test_every_appointment_is_valid_and_within_the_file(today: date) -> None:
    people, appointments, _actions = followup(today)
    assert 400 <= len(appointments) <= 1500
    for a in appointments:
        p = people[a.participant_id]
        assert validate_appointment(a, p.entry_date, p.end_date, today) == {}
        assert p.entry_date <= a.start.date()
        assert p.end_date is None or a.start.date() <= p.end_date
        assert a.start.weekday() < 5
        assert time(9) <= a.start.time() and a.end.time() <= time(17, 30)
        if a.start.date() >= today:
            assert a.status is PLANNED and not a.report
        else:
            assert a.status is not PLANNED
        if a.status is AppointmentStatus.DONE:
            assert a.report
        inside = p.phase(a.start.date()) is Phase.INSIDE
        assert (a.kind is AppointmentKind.IN_DETENTION) is inside
        if inside:
            assert a.place == p.facility


def test_mostly_realised_with_some_absences_and_cancellations(today: date) -> None:
    _people, appointments, _actions = followup(today)
    past = Counter(a.status for a in appointments if a.start.date() < today)
    total = sum(past.values())
    assert past[AppointmentStatus.DONE] >= 0.75 * total
    assert 0.04 * total <= past[ABSENT] <= 0.15 * total
    assert 0.02 * total <= past[AppointmentStatus.CANCELLED] <= 0.12 * total
    assert {a.kind for a in appointments} == set(AppointmentKind)


def test_first_month_weekly_then_spaced(today: date) -> None:
    people, appointments, _actions = followup(today)
    for p in people.values():
        first_month = [
            a for a in appointments if a.participant_id == p.id and (a.start.date() - p.entry_date).days < 28
        ]
        if (min(today, p.end_date or today) - p.entry_date).days >= 28:
            assert len(first_month) >= 4, p.file_number
    assert {p.cadence for p in people.values()} >= {Cadence.FORTNIGHTLY, Cadence.MONTHLY, Cadence.EMPLOYMENT}


def test_some_slip_away_some_are_due_most_have_something_planned(today: date) -> None:
    people, appointments, _actions = followup(today)
    current = states(people, appointments, today)
    reasons = [silence_reason(s, today) for s in current]
    assert "Deux absences de suite" in reasons
    assert any(r and r.startswith("Dernier entretien réalisé") for r in reasons)
    assert 2 <= sum(r is not None for r in reasons) <= 8
    assert sum(is_due(s, today) for s in current) >= 2
    soon = [s for s in current if s.next_planned and (s.next_planned.date() - today).days <= 14]
    assert len(soon) >= 0.6 * len(current)
    assert sum(release_soon(s, today) for s in current) >= 3
    dropped = [p for p in people.values() if p.notes in NOTES["drop"]]
    for p in dropped:
        last = sorted((a for a in appointments if a.participant_id == p.id), key=lambda a: a.start)[-2:]
        assert [a.status for a in last] == [ABSENT, ABSENT] or len(last) < 2


def test_collective_actions_over_the_year(today: date) -> None:
    people, _appointments, actions = followup(today)
    assert 24 <= len(actions) <= 60
    assert {a.action_type for a, _r in actions} == set(ActionType)
    references = [a.reference for a, _r in actions]
    assert len(set(references)) == len(references)
    assert {a.start.year for a, _r in actions} == {int(r[3:7]) for r in references}
    for action, registered in actions:
        assert validate_action(action, today) == {}
        assert action.start.weekday() < 5
        assert 3 <= len(registered) <= 10
        assert len({pid for pid, _att in registered}) == len(registered)
        day = action.start.date()
        for pid, attendance in registered:
            p = people[pid]
            assert p.entry_date <= day and (p.end_date is None or day <= p.end_date)
            assert p.phase(day) is Phase.OUTSIDE
            assert (attendance is not None) is (day < today)
    months = Counter((a.start.year, a.start.month) for a, _r in actions if a.start.date() < today)
    assert sum(months.values()) / 12 >= 2
    recorded = Counter(att for _a, r in actions for _pid, att in r if att is not None)
    assert recorded[Attendance.PRESENT] > 3 * recorded[Attendance.ABSENT] > 0
