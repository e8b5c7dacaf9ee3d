"""Collective action rules with fixed dates: references, validation, when attendance is recorded."""

from __future__ import annotations

from datetime import datetime

import pytest

from ilot_desktop.domain.actions import (
    CollectiveAction,
    Registration,
    attendance_allowed,
    next_action_reference,
    person_matches,
    still_to_note,
    validate_action,
)
from ilot_desktop.domain.vocabulary import ActionType, Attendance
from tests.conftest import TODAY


def action(**overrides) -> CollectiveAction:
    values = dict(
        reference="AC-2026-001",
        action_type=ActionType.TRE_WORKSHOP,
        title="Atelier CV et lettre de motivation",
        start=datetime(2026, 12, 3, 14, 0),
    )
    values.update(overrides)
    return CollectiveAction(**values)


def test_next_reference_counts_within_the_year():
    assert next_action_reference([], 2026) == "AC-2026-001"
    existing = ["AC-2026-001", "AC-2026-009", "AC-2025-040", " ac-2026-050 ", "Forum"]
    assert next_action_reference(existing, 2026) == "AC-2026-010"
    assert next_action_reference(existing, 2025) == "AC-2025-041"
    assert next_action_reference(["AC-2026-999"], 2026) == "AC-2026-1000"


def test_a_complete_action_is_valid():
    assert validate_action(action(), TODAY) == {}
    assert validate_action(action(start=datetime(2015, 1, 1, 9)), TODAY) == {}


def test_required_fields():
    blank = CollectiveAction(duration_min=120)
    assert validate_action(blank, TODAY) == {
        "reference": "La référence de l'action est obligatoire.",
        "action_type": "Choisissez le type d'action.",
        "title": "L'intitulé est obligatoire.",
        "start": "Indiquez la date et l'heure de l'action.",
    }
    assert set(validate_action(action(title="   ", reference=" "), TODAY)) == {"title", "reference"}


def test_dates_out_of_range():
    assert validate_action(action(start=datetime(2027, 12, 1, 14)), TODAY) == {
        "start": "L'action est à plus d'un an : vérifiez l'année."
    }
    assert validate_action(action(start=datetime(2014, 12, 31, 14)), TODAY) == {
        "start": "La date de l'action est trop ancienne : vérifiez l'année."
    }


@pytest.mark.parametrize("minutes", [14, 721])
def test_duration_bounds(minutes):
    assert validate_action(action(duration_min=minutes), TODAY) == {
        "duration_min": "La durée doit être comprise entre 15 et 720 minutes."
    }


def test_text_lengths():
    errors = validate_action(action(reference="AC-" + "9" * 30, title="t" * 201, partner="p" * 201), TODAY)
    assert errors == {
        "reference": "La référence ne doit pas dépasser 30 caractères.",
        "title": "L'intitulé ne doit pas dépasser 200 caractères.",
        "partner": "Le partenaire ne doit pas dépasser 200 caractères.",
    }


def test_attendance_from_the_day_of_the_action():
    assert attendance_allowed(action(start=datetime(2026, 11, 27, 18, 0)), TODAY)
    assert attendance_allowed(action(start=datetime(2026, 3, 2, 9, 0)), TODAY)
    assert not attendance_allowed(action(start=datetime(2026, 11, 28, 9, 0)), TODAY)
    assert not attendance_allowed(action(start=None), TODAY)


def test_end_and_display_name():
    assert action(duration_min=150).end == datetime(2026, 12, 3, 16, 30)
    assert Registration(1, "DE-2026-001", "da Costa", "Maria").display_name == "DA COSTA Maria"


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("006", True),
        ("DE-2026-006", True),
        ("de 2026 006", True),
        ("DE2026006", True),
        ("2026-006", True),
        ("007", False),
        ("ELOISE", True),  # accents and case ignored
        ("d'alm", True),
        ("dalmeida", True),  # the apostrophe need not be typed
        ("almeida élo", True),  # every word somewhere
        ("almeida marc", False),
        ("", True),
    ],
)
def test_a_person_to_register_is_found_by_any_part_of_the_name_or_file_number(typed, found):
    assert person_matches(typed, "D'Almeida", "Éloïse", "DE-2026-006") is found


def test_all_present_marks_only_those_not_noted_yet():
    people = [
        Registration(1, "DE-2026-001", "A", "a"),
        Registration(2, "DE-2026-002", "B", "b", Attendance.ABSENT),
        Registration(3, "DE-2026-003", "C", "c", Attendance.PRESENT),
        Registration(4, "DE-2026-004", "D", "d"),
    ]
    assert still_to_note(people) == [1, 4]
