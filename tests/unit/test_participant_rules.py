from dataclasses import replace
from datetime import date

import pytest

from ilot_desktop.domain.participant import Participant, next_file_number, phase_of, phase_text, validate
from ilot_desktop.domain.vocabulary import CaseStatus, JusticeSituation, Phase
from tests.factories import make_participant

TODAY = date(2026, 11, 27)


def test_complete_file_is_valid():
    assert validate(make_participant(), TODAY) == {}


def test_every_required_field_is_named():
    errors = validate(Participant(), TODAY)
    assert set(errors) == {
        "file_number",
        "last_name",
        "first_name",
        "sex",
        "birth_date",
        "referrer",
        "justice_situation",
        "housing_at_entry",
        "entry_date",
    }
    assert errors["last_name"] == "Le nom est obligatoire."


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"birth_date": date(2027, 1, 1)}, "birth_date", "futur"),
        ({"birth_date": date(1900, 1, 1)}, "birth_date", "100 ans"),
        ({"birth_date": date(2015, 1, 1)}, "birth_date", "16 ans"),
        ({"entry_date": date(2010, 1, 1)}, "entry_date", "antérieure"),
        ({"entry_date": date(2028, 6, 1)}, "entry_date", "plus d'un an"),
        ({"end_date": date(2026, 9, 1)}, "end_date", "précéder la date d'entrée"),
        ({"end_date": date(2026, 12, 1)}, "end_date", "futur"),
        ({"planned_release_date": date(2026, 9, 1)}, "planned_release_date", "précéder la date d'entrée"),
        ({"planned_release_date": date(2080, 1, 1)}, "planned_release_date", "30 ans"),
        ({"consent_date": date(2026, 12, 2)}, "consent_date", "futur"),
        ({"email": "pas-une-adresse"}, "email", "nom@exemple.fr"),
        ({"phone": "appeler le SPIP"}, "phone", "chiffres"),
        ({"file_number": "X" * 31}, "file_number", "30 caractères"),
    ],
)
def test_implausible_values_get_a_french_reason(changes, field, fragment):
    errors = validate(make_participant(**changes), TODAY)
    assert field in errors
    assert fragment in errors[field]


def test_release_before_entry_is_fine_when_not_in_detention_at_entry():
    p = make_participant(justice_situation=JusticeSituation.OPEN_CUSTODY, planned_release_date=date(2026, 3, 1))
    assert validate(p, TODAY) == {}


def test_phase_dedans_dehors():
    assert phase_of(JusticeSituation.DETENTION, date(2026, 12, 15), TODAY) is Phase.INSIDE
    assert phase_of(JusticeSituation.DETENTION, None, TODAY) is Phase.INSIDE
    assert phase_of(JusticeSituation.DETENTION, TODAY, TODAY) is Phase.OUTSIDE
    assert phase_of(JusticeSituation.OPEN_CUSTODY, None, TODAY) is Phase.OUTSIDE
    assert phase_text(JusticeSituation.DETENTION, date(2026, 12, 15), TODAY) == (
        "Dedans : libération prévue le 15/12/2026 (dans 18 jours)"
    )
    assert phase_text(JusticeSituation.DETENTION, date(2026, 3, 20), TODAY) == "Dehors depuis le 20/03/2026"


def test_status_follows_end_date():
    p = make_participant()
    assert p.status(TODAY) is CaseStatus.ONGOING
    assert replace(p, end_date=date(2026, 11, 1)).status(TODAY) is CaseStatus.ENDED


def test_next_file_number():
    assert next_file_number([], 2026) == "DE-2026-001"
    assert next_file_number(["DE-2026-001", "DE-2026-007", "DE-2025-099", "autre"], 2026) == "DE-2026-008"
    assert next_file_number(["DE-2026-999"], 2026) == "DE-2026-1000"


def test_identity_key_ignores_case_accents_and_spaces():
    a = make_participant(last_name="Lefèvre", first_name="Éric")
    b = make_participant(last_name=" LEFEVRE ", first_name="eric")
    assert a.identity_key() == b.identity_key()
