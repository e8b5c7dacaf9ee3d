from datetime import date

import pytest

from ilot_desktop.domain.outcomes import Outcome, add_months, milestones, validate_outcome
from ilot_desktop.domain.vocabulary import DropoutReason, OutcomeCategory, OutcomeType

TODAY = date(2026, 11, 27)
ENTRY = date(2026, 3, 2)


def test_every_type_has_the_category_of_the_exchange_specification():
    assert [t.label for t in OutcomeType if t.category is OutcomeCategory.DURABLE] == [
        "CDI",
        "CDD de 6 mois ou plus",
        "Intérim de 6 mois ou plus",
        "Création d'entreprise",
        "Alternance",
    ]
    assert [t.label for t in OutcomeType if t.category is OutcomeCategory.TRANSITION] == [
        "CDD de moins de 6 mois",
        "Intérim de moins de 6 mois",
        "Contrat aidé",
    ]
    assert [t.label for t in OutcomeType if t.category is OutcomeCategory.POSITIVE] == [
        "CDDI (structure d'insertion)",
        "Formation qualifiante",
        "Formation pré-qualifiante",
    ]
    assert OutcomeType.DROPOUT.category is OutcomeCategory.DROPOUT
    assert [r.label for r in DropoutReason] == [
        "Pas intéressé après le diagnostic",
        "Réincarcération",
        "Injoignable",
        "Déménagement",
        "Santé",
        "Autre",
    ]


def test_valid_outcomes():
    assert validate_outcome(Outcome(1, date(2026, 10, 1), OutcomeType.CDI, employer="Eiffage"), ENTRY, TODAY) == {}
    dropout = Outcome(1, date(2026, 4, 1), OutcomeType.DROPOUT, DropoutReason.UNREACHABLE)
    assert validate_outcome(dropout, ENTRY, TODAY) == {}
    assert Outcome(outcome_type=OutcomeType.CDDI).is_positive and not dropout.is_positive


@pytest.mark.parametrize(
    ("outcome", "field", "fragment"),
    [
        (Outcome(1, date(2026, 10, 1), None), "outcome_type", "Choisissez"),
        (Outcome(1, None, OutcomeType.CDI), "on", "Indiquez la date"),
        (Outcome(1, date(2027, 9, 1), OutcomeType.CDI), "on", "six mois"),
        (Outcome(1, date(2025, 1, 1), OutcomeType.CDI), "on", "précède l'entrée"),
        (Outcome(1, date(2026, 12, 1), OutcomeType.DROPOUT, DropoutReason.OTHER), "on", "pas à l'avance"),
        (Outcome(1, date(2026, 10, 1), OutcomeType.DROPOUT), "dropout_reason", "motif"),
        (
            Outcome(1, date(2026, 10, 1), OutcomeType.CDI, DropoutReason.OTHER),
            "dropout_reason",
            "n'a de sens",
        ),
        (Outcome(1, date(2026, 10, 1), OutcomeType.CDI, employer="x" * 201), "employer", "200"),
    ],
)
def test_bad_outcomes_say_why(outcome, field, fragment):
    errors = validate_outcome(outcome, ENTRY, TODAY)
    assert fragment in errors[field]


def test_a_job_starting_next_month_can_be_recorded_ahead():
    assert validate_outcome(Outcome(1, date(2027, 1, 4), OutcomeType.CDI), ENTRY, TODAY) == {}


def test_months_and_milestones():
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2026, 1, 15), 24) == date(2028, 1, 15)
    stones = milestones(ENTRY)
    assert (stones.six_months, stones.twenty_four_months) == (date(2026, 9, 2), date(2028, 3, 2))
    assert "six mois dépassés" in stones.describe(TODAY) and "02/03/2028" in stones.describe(TODAY)
    early = milestones(date(2026, 10, 1)).describe(TODAY)
    assert early.startswith("1 mois d'accompagnement") and "01/04/2027" in early
    assert "terminé le 01/11/2026, après 7 mois" in stones.describe(TODAY, end=date(2026, 11, 1))
    # the first days read as French: no "0 jours", no "1 jours"
    assert milestones(TODAY).describe(TODAY).startswith("Premier jour d'accompagnement\u00a0: les six mois sont")
    assert milestones(date(2026, 11, 26)).describe(TODAY).startswith("1 jour d'accompagnement")
    assert milestones(date(2026, 11, 20)).describe(TODAY).startswith("7 jours d'accompagnement")
    assert "(dans 1 jour)." in milestones(date(2026, 5, 28)).describe(TODAY)
    assert milestones(TODAY).describe(TODAY, end=TODAY).endswith("le jour même de l'entrée.")
