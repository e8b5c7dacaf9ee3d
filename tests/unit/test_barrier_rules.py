"""Barrier rules: the checklist's catalogue, validation, status changes and a given history."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from ilot_desktop.domain.barriers import (
    CATALOGUE,
    Barrier,
    category_rank,
    change_status,
    validate_barrier,
    validate_history,
)
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus, Housing, Right

TODAY = date(2026, 11, 27)
IDENTIFIED, IN_PROGRESS = BarrierStatus.IDENTIFIED, BarrierStatus.IN_PROGRESS
ORIENTED, LIFTED = BarrierStatus.ORIENTED, BarrierStatus.LIFTED


def barrier(**overrides) -> Barrier:
    values = dict(
        participant_id=1,
        category=BarrierCategory.HOUSING,
        item="Sans abri",
        identified_on=date(2026, 10, 1),
    )
    values.update(overrides)
    return Barrier(**values)


# --- catalogue -------------------------------------------------------------------------------------


def test_catalogue_has_the_twelve_categories_in_order():
    assert list(CATALOGUE) == list(BarrierCategory)
    assert [c.label for c in CATALOGUE] == [
        "Hébergement",
        "Santé physique",
        "Santé psychique",
        "Addictions",
        "Accès aux droits",
        "Dettes et budget",
        "Mobilité",
        "Langue et savoirs de base",
        "Numérique",
        "Famille",
        "Contraintes judiciaires",
        "Isolement et confiance",
    ]


def test_catalogue_items_are_short_distinct_and_few():
    for category, items in CATALOGUE.items():
        assert 2 <= len(items) <= 8, category
        assert len(set(items)) == len(items), category
        assert all(item == item.strip() and 0 < len(item) <= 60 for item in items), category
    assert max(len(items) for c, items in CATALOGUE.items() if c is not BarrierCategory.RIGHTS) <= 6


def test_catalogue_speaks_the_words_of_the_files():
    """Housing items are the labels of housing at entry; rights items those of the participant file."""
    housing = set(CATALOGUE[BarrierCategory.HOUSING])
    assert {h.label for h in Housing} - housing == {"Logement autonome", "Détention"}
    assert {r.label for r in Right} <= set(CATALOGUE[BarrierCategory.RIGHTS])
    assert "Amendes et dettes au Trésor Public" in CATALOGUE[BarrierCategory.DEBTS]
    assert {"Alcool", "Produits", "Jeux"} == set(CATALOGUE[BarrierCategory.ADDICTIONS])
    assert "Horaires du bracelet" in CATALOGUE[BarrierCategory.JUSTICE]
    assert "Troubles anxieux" in CATALOGUE[BarrierCategory.MENTAL_HEALTH]


def test_category_rank_follows_the_checklist():
    ranks = [category_rank(c) for c in BarrierCategory]
    assert ranks == sorted(ranks) and len(set(ranks)) == 12
    assert category_rank(None) > ranks[-1]


# --- validation ------------------------------------------------------------------------------------


def test_a_complete_barrier_is_valid():
    assert validate_barrier(barrier(), TODAY) == {}
    assert validate_barrier(barrier(identified_on=TODAY), TODAY) == {}
    assert validate_barrier(barrier(status=LIFTED, lifted_on=TODAY), TODAY) == {}
    assert validate_barrier(barrier(status=ORIENTED, partner="SIAO 75"), TODAY) == {}


def test_required_fields():
    errors = validate_barrier(Barrier(), TODAY)
    assert errors == {
        "participant": "Choisissez la personne concernée.",
        "category": "Choisissez la catégorie du frein.",
        "item": "Indiquez le frein.",
        "identified_on": "Indiquez la date à laquelle le frein a été identifié.",
    }
    assert validate_barrier(barrier(item="   "), TODAY) == {"item": "Indiquez le frein."}
    assert validate_barrier(barrier(status=None), TODAY) == {"status": "Choisissez le statut du frein."}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("item", "x" * 121, "Le frein ne doit pas dépasser 120 caractères."),
        ("partner", "x" * 201, "Le partenaire ne doit pas dépasser 200 caractères."),
        ("comment", "x" * 1001, "Le commentaire ne doit pas dépasser 1000 caractères."),
        ("identified_on", date(2026, 11, 28), "La date d'identification ne peut pas être dans le futur."),
        (
            "identified_on",
            date(2014, 12, 31),
            "La date d'identification est antérieure au 01/01/2015 : vérifiez l'année.",
        ),
    ],
)
def test_limits(field, value, message):
    assert validate_barrier(barrier(**{field: value}), TODAY) == {field: message}


def test_limits_are_inclusive():
    ok = barrier(item="x" * 120, partner="p" * 200, comment="c" * 1000, identified_on=date(2015, 1, 1))
    assert validate_barrier(ok, TODAY) == {}


def test_lifting_needs_a_date_not_before_identification_nor_in_the_future():
    assert validate_barrier(barrier(status=LIFTED), TODAY) == {
        "lifted_on": "Indiquez la date à laquelle le frein a été levé."
    }
    assert validate_barrier(barrier(status=LIFTED, lifted_on=date(2026, 9, 30)), TODAY) == {
        "lifted_on": "La date de levée ne peut pas précéder la date d'identification."
    }
    assert validate_barrier(barrier(status=LIFTED, lifted_on=date(2026, 10, 1)), TODAY) == {}
    assert validate_barrier(barrier(status=LIFTED, lifted_on=date(2026, 11, 28)), TODAY) == {
        "lifted_on": "La date de levée ne peut pas être dans le futur."
    }


@pytest.mark.parametrize("status", [IDENTIFIED, IN_PROGRESS, ORIENTED])
def test_only_a_lifted_barrier_has_a_lifting_date(status):
    errors = validate_barrier(barrier(status=status, partner="SIAO 75", lifted_on=date(2026, 11, 2)), TODAY)
    assert errors == {"lifted_on": "Une date de levée n'a de sens que pour un frein levé."}


def test_an_orientation_names_the_partner():
    expected = {"partner": "Indiquez le partenaire vers qui la personne est orientée."}
    assert validate_barrier(barrier(status=ORIENTED), TODAY) == expected
    assert validate_barrier(barrier(status=ORIENTED, partner="  "), TODAY) == expected
    assert validate_barrier(barrier(status=IN_PROGRESS), TODAY) == {}  # no partner needed otherwise


# --- status changes ----------------------------------------------------------------------------------


def test_change_status_returns_a_copy():
    original = barrier()
    changed = change_status(original, IN_PROGRESS, TODAY)
    assert changed.status is IN_PROGRESS and original.status is IDENTIFIED
    assert changed is not original
    assert replace(changed, status=IDENTIFIED) == original


def test_lifting_dates_it_unless_already_dated():
    lifted = change_status(barrier(), LIFTED, TODAY)
    assert lifted.lifted_on == TODAY and validate_barrier(lifted, TODAY) == {}
    already = barrier(status=LIFTED, lifted_on=date(2026, 11, 2))
    assert change_status(already, LIFTED, TODAY).lifted_on == date(2026, 11, 2)


@pytest.mark.parametrize("status", [IDENTIFIED, IN_PROGRESS])
def test_leaving_lifted_forgets_the_date(status):
    again = change_status(barrier(status=LIFTED, lifted_on=date(2026, 11, 2)), status, TODAY)
    assert again.lifted_on is None and again.status is status
    assert validate_barrier(again, TODAY) == {}


def test_partner_is_replaced_only_when_given():
    oriented = change_status(barrier(), ORIENTED, TODAY, partner="  SIAO 75 ")
    assert oriented.partner == "SIAO 75" and validate_barrier(oriented, TODAY) == {}
    assert change_status(oriented, LIFTED, TODAY).partner == "SIAO 75"  # kept: who helped lift it
    assert change_status(oriented, IN_PROGRESS, TODAY, partner="").partner == ""
    no_partner = change_status(barrier(), ORIENTED, TODAY)
    assert "partner" in validate_barrier(no_partner, TODAY)


# --- a whole history (demo data, imports) --------------------------------------------------------------


def test_history_given_whole():
    b = barrier(status=LIFTED, lifted_on=date(2026, 11, 20), partner="SIAO 75")
    steps = [
        (date(2026, 10, 1), IDENTIFIED, ""),
        (date(2026, 10, 8), ORIENTED, "SIAO 75"),
        (date(2026, 11, 20), LIFTED, ""),
    ]
    assert validate_history(b, steps, TODAY) == {}
    assert validate_history(b, [], TODAY) == {}
    assert "history" in validate_history(b, steps[::-1], TODAY)
    assert "history" in validate_history(b, steps[1:], TODAY)  # must start at identification
    assert "history" in validate_history(b, steps[:2], TODAY)  # must end on the status
    assert "history" in validate_history(replace(b, lifted_on=date(2026, 11, 21)), steps, TODAY)
    assert "history" in validate_history(b, [steps[0], (date(2026, 10, 8), ORIENTED, ""), steps[2]], TODAY)
    future = [steps[0], (date(2026, 12, 1), LIFTED, "")]
    assert "history" in validate_history(replace(b, lifted_on=date(2026, 12, 1)), future, TODAY)


def test_a_barrier_noted_already_lifted_has_a_history_ending_on_its_lifting_date():
    """Its history must pass validate_history, or its own export would not import back."""
    from ilot_desktop.domain.barriers import first_history, validate_history

    lifted = Barrier(1, BarrierCategory.HOUSING, "Squat", BarrierStatus.LIFTED, date(2023, 3, 8), date(2023, 6, 1))
    steps = first_history(lifted)
    assert steps == [(date(2023, 3, 8), BarrierStatus.IDENTIFIED, ""), (date(2023, 6, 1), BarrierStatus.LIFTED, "")]
    assert validate_history(lifted, steps, date(2026, 11, 27)) == {}
    same_day = Barrier(1, BarrierCategory.HOUSING, "Squat", BarrierStatus.LIFTED, date(2023, 3, 8), date(2023, 3, 8))
    assert first_history(same_day) == [(date(2023, 3, 8), BarrierStatus.LIFTED, "")]


def test_an_old_single_lifted_step_is_exported_so_that_it_imports_back():
    """Files saved before first_history: one « Levé » step on the identification date."""
    from ilot_desktop.domain.barriers import validate_history
    from ilot_desktop.domain.exchange_export import exported_history

    lifted = Barrier(1, BarrierCategory.HOUSING, "Squat", BarrierStatus.LIFTED, date(2023, 3, 8), date(2023, 6, 1))
    stored = [(date(2023, 3, 8), BarrierStatus.LIFTED, "")]
    assert validate_history(lifted, stored, date(2026, 11, 27))  # refused as it is
    written = exported_history(lifted, stored)
    assert validate_history(lifted, written, date(2026, 11, 27)) == {}
    kept = [(date(2023, 3, 8), BarrierStatus.IDENTIFIED, ""), (date(2023, 6, 1), BarrierStatus.LIFTED, "")]
    assert exported_history(lifted, kept) == kept
