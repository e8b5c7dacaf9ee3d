"""The fictional demonstration year: plausible, valid, deterministic, and relative to ``today``."""

from __future__ import annotations

from datetime import date

import pytest

from ilot_desktop.domain.dates import age_on
from ilot_desktop.domain.demo import demo_participants
from ilot_desktop.domain.participant import validate
from ilot_desktop.domain.vocabulary import Housing, JusticeSituation, Phase, Sex, WorkConstraint

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
