"""The yearly indicators, from data-exchange.md section 2, on hand-built records with fixed dates."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from ilot_desktop.domain.indicators import (
    AGE_BRACKETS,
    ActionFacts,
    BarrierFacts,
    IndicatorFacts,
    InterviewFacts,
    OutcomeFacts,
    ParticipantFacts,
    ParticipationFacts,
    age_bracket,
    compute_indicators,
    format_value,
    one_decimal,
    percent,
    pseudonymised_rows,
    validate_period,
)
from ilot_desktop.domain.vocabulary import (
    ActionType,
    BarrierCategory,
    BarrierStatus,
    Housing,
    JusticeSituation,
    OutcomeCategory,
    OutcomeType,
    Referrer,
    Sex,
)

D = date(2025, 12, 31)
SUMMARY_LABELS = [
    "Année",
    "Date d'arrêté",
    "File active",
    "Entrées",
    "Accès à l'emploi ou à la formation",
    "Taux d'accès à l'emploi ou à la formation",
    "Abandons",
    "Taux d'engagement",
    "Fins d'accompagnement",
    "Durée moyenne d'accompagnement (jours)",
    "Entretiens réalisés",
    "Taux d'absence",
    "Actions collectives",
    "Participations aux actions collectives",
]


def person(pid: int, entry: date, end: date | None = None, **overrides) -> ParticipantFacts:
    values = dict(
        participant_id=pid,
        file_number=f"DE-{entry.year}-{pid:03d}",
        sex=Sex.MALE,
        birth_date=date(1985, 6, 1),
        entry_date=entry,
        end_date=end,
        housing_at_entry=Housing.HOMELESS,
        referrer=Referrer.SPIP,
        justice_situation=JusticeSituation.DETENTION,
    )
    values.update(overrides)
    return ParticipantFacts(**values)


def outcome(pid: int, on: date, kind: OutcomeType = OutcomeType.CDI) -> OutcomeFacts:
    return OutcomeFacts(pid, on, kind)


def compute(participants=(), outcomes=(), as_of: date = D, year: int = 2025, **facts):
    return compute_indicators(
        year, as_of, IndicatorFacts(tuple(participants), tuple(outcomes), **{k: tuple(v) for k, v in facts.items()})
    )


def value(figures, label: str):
    return dict(figures.summary_rows())[label]


# --- the programme's own figures --------------------------------------------------------------------


def programme_2025() -> tuple[list[ParticipantFacts], list[OutcomeFacts]]:
    """50 people followed in 2025: 31 in a job or training by 30 November, 4 more in December, 6 drop-outs."""
    people = [person(pid, date(2024, 11, 4) if pid <= 12 else date(2025, pid % 10 + 1, 3)) for pid in range(1, 51)]
    outcomes = []
    for pid in range(1, 32):  # by 30 November (some after a first short contract)
        day = date(2025, 3 + pid % 8, 1 + pid % 25)
        if pid % 5 == 0:
            outcomes.append(outcome(pid, day, OutcomeType.CDD_SHORT))
        outcomes.append(outcome(pid, day.replace(day=28), [OutcomeType.CDI, OutcomeType.CDDI][pid % 2]))
    for pid in range(32, 36):  # in December
        outcomes.append(outcome(pid, date(2025, 12, 1 + pid - 32), OutcomeType.QUALIFYING))
    for pid in range(45, 51):  # six early drop-outs
        outcomes.append(outcome(pid, people[pid - 1].entry_date.replace(day=20), OutcomeType.DROPOUT))
    return people, outcomes


def test_programme_figures_at_30_november_2025() -> None:
    people, outcomes = programme_2025()
    figures = compute(people, outcomes, as_of=date(2025, 11, 30))
    assert figures.file_active == 50
    assert figures.access == 31
    assert figures.access_rate == Fraction(31, 50)
    assert percent(figures.access_rate) == 62


def test_programme_figures_for_2025() -> None:
    people, outcomes = programme_2025()
    figures = compute(people, outcomes)
    assert (figures.file_active, figures.access, figures.dropouts) == (50, 35, 6)
    assert percent(figures.access_rate) == 70
    assert figures.engagement_rate == Fraction(44, 50)
    assert percent(figures.engagement_rate) == 88
    rows = dict(figures.summary_rows())
    assert rows["Taux d'accès à l'emploi ou à la formation"] == Fraction(7, 10)
    assert rows["Taux d'engagement"] == Fraction(22, 25)
    assert format_value(rows["Taux d'engagement"]) == "88\u00a0%"


# --- rounding and formatting --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        (Fraction(5, 8), 63),  # 62.5
        (Fraction(7, 8), 88),  # 87.5
        (Fraction(1, 8), 13),  # 12.5
        (Fraction(31, 50), 62),
        (Fraction(2, 3), 67),
        (Fraction(1, 3), 33),
        (Fraction(1, 200), 1),  # 0.5
        (Fraction(0), 0),
        (Fraction(1), 100),
        (Fraction(57, 200), 29),  # 28.5: exact, no binary floating point surprise
    ],
)
def test_percent_rounds_half_up(rate: Fraction, expected: int) -> None:
    assert percent(rate) == expected


def test_one_decimal_and_values_as_french_text() -> None:
    assert one_decimal(Fraction(21, 2)) == Decimal("10.5")
    assert one_decimal(Fraction(1, 20)) == Decimal("0.1")
    assert format_value(Decimal("10.5")) == "10,5"
    assert format_value(date(2025, 11, 30)) == "30/11/2025"
    assert format_value(None) == "—"
    assert format_value(50) == "50"


# --- file active and entries -----------------------------------------------------------------------


def test_file_active_overlaps_the_year_up_to_the_as_of_date() -> None:
    people = [
        person(1, date(2024, 3, 1)),  # ongoing since last year
        person(2, date(2024, 3, 1), end=date(2024, 12, 31)),  # ended the day before 1 January: out
        person(3, date(2024, 3, 1), end=date(2025, 1, 1)),  # ended on 1 January: in
        person(4, date(2025, 6, 30)),  # entered on D: in
        person(5, date(2025, 7, 1)),  # entered after D: out
        person(6, date(2025, 2, 1), end=date(2025, 8, 1)),  # ended after D: in (ongoing at D)
    ]
    figures = compute(people, as_of=date(2025, 6, 30))
    assert figures.file_active == 4
    assert figures.entries == 2  # 4 and 6
    assert figures.explain("file_active") == [
        "DE-2024-001 · entrée le 01/03/2024",
        "DE-2024-003 · entrée le 01/03/2024, fin le 01/01/2025",
        "DE-2025-004 · entrée le 30/06/2025",
        "DE-2025-006 · entrée le 01/02/2025",
    ]
    assert figures.explain("entries") == ["DE-2025-004 · entrée le 30/06/2025", "DE-2025-006 · entrée le 01/02/2025"]


def test_as_of_must_fall_within_the_year() -> None:
    with pytest.raises(ValueError):
        compute(as_of=date(2026, 1, 1))
    assert validate_period(2025, date(2025, 11, 30), date(2026, 1, 7)) == {}
    assert validate_period(2025, None, date(2026, 1, 7)) == {}
    assert "year" in validate_period(1999, None, date(2026, 1, 7))
    assert "year" in validate_period(2028, None, date(2026, 1, 7))
    assert "year" in validate_period("2025", None, date(2026, 1, 7))
    assert "as_of" in validate_period(2025, date(2026, 1, 1), date(2026, 1, 7))


# --- access, drop-outs and outcomes ----------------------------------------------------------------


def test_access_counts_people_of_the_file_active_with_an_outcome_dated_in_the_year() -> None:
    people = [person(pid, date(2024, 10, 1)) for pid in range(1, 7)]
    people.append(person(7, date(2023, 1, 1), end=date(2024, 6, 1)))  # not in the file active
    outcomes = [
        outcome(1, date(2025, 3, 12)),
        outcome(1, date(2025, 5, 2), OutcomeType.CDD_LONG),  # counted once
        outcome(2, date(2024, 12, 31)),  # last year: not counted
        outcome(3, date(2025, 12, 1)),  # after D: ignored
        outcome(4, date(2025, 11, 30), OutcomeType.QUALIFYING),  # on D: counted
        outcome(5, date(2025, 2, 1), OutcomeType.DROPOUT),  # a drop-out is no access
        outcome(7, date(2025, 3, 1)),  # not in the file active
    ]
    figures = compute(people, outcomes, as_of=date(2025, 11, 30))
    assert figures.file_active == 6
    assert figures.access == 2
    assert figures.access_rate == Fraction(1, 3)
    assert figures.dropouts == 1
    assert figures.engagement_rate == Fraction(5, 6)
    assert figures.explain("access") == [
        "DE-2024-001 · CDI le 12/03/2025 ; CDD de 6 mois ou plus le 02/05/2025",
        "DE-2024-004 · Formation qualifiante le 30/11/2025",
    ]
    assert figures.explain("dropouts") == ["DE-2024-005 · Abandon le 01/02/2025"]


def test_outcomes_by_type_and_category_count_each_person_once_on_the_earliest() -> None:
    people = [person(pid, date(2025, 1, 6)) for pid in range(1, 4)]
    outcomes = [
        outcome(1, date(2025, 6, 1), OutcomeType.CDI),
        outcome(1, date(2025, 3, 1), OutcomeType.CDD_SHORT),
        outcome(1, date(2025, 9, 1), OutcomeType.CDI),  # same type again: counted once, on 01/06
        outcome(1, date(2025, 8, 1), OutcomeType.CDD_LONG),  # same category (durable) as the CDI
        outcome(2, date(2025, 4, 1), OutcomeType.CDDI),
        outcome(2, date(2025, 5, 1), OutcomeType.QUALIFYING),
        outcome(3, date(2025, 2, 1), OutcomeType.DROPOUT),
    ]
    figures = compute(people, outcomes)
    by_type = {c.label: c.count for c in figures.outcomes_by_type}
    by_category = {c.label: c.count for c in figures.outcomes_by_category}
    assert list(by_type) == OutcomeType.labels()
    assert list(by_category) == OutcomeCategory.labels()
    assert by_type["CDI"] == 1 and by_type["CDD de 6 mois ou plus"] == 1 and by_type["Abandon"] == 1
    assert by_type["CDD de moins de 6 mois"] == 1 and by_type["Formation qualifiante"] == 1
    assert by_category == {"Emploi durable": 1, "Emploi de transition": 1, "Sortie positive": 1, "Abandon": 1}
    assert figures.explain("outcome_type:cdi") == ["DE-2025-001 · CDI le 01/06/2025"]
    assert figures.explain("outcome_category:durable") == ["DE-2025-001 · CDI le 01/06/2025"]
    assert figures.explain("outcome_category:positive") == ["DE-2025-002 · CDDI (structure d'insertion) le 01/04/2025"]


# --- endings ----------------------------------------------------------------------------------------


def test_endings_in_the_year_and_their_mean_duration() -> None:
    people = [
        person(1, date(2025, 1, 1), end=date(2025, 1, 11)),  # 10 days
        person(2, date(2024, 12, 1), end=date(2025, 6, 1)),  # 182 days
        person(3, date(2024, 6, 1), end=date(2024, 12, 31)),  # last year: not in the file active
        person(4, date(2025, 2, 1), end=date(2025, 12, 15)),  # after D
        person(5, date(2025, 2, 1), end=date(2025, 2, 2)),  # 1 day
    ]
    figures = compute(people, as_of=date(2025, 11, 30))
    assert figures.endings == 3
    assert figures.mean_duration_days == Fraction(193, 3)
    assert value(figures, "Durée moyenne d'accompagnement (jours)") == 64
    assert figures.explain("endings") == [  # by file number
        "DE-2024-002 · du 01/12/2024 au 01/06/2025 (182 jours)",
        "DE-2025-001 · du 01/01/2025 au 11/01/2025 (10 jours)",
        "DE-2025-005 · du 01/02/2025 au 02/02/2025 (1 jour)",
    ]


# --- interviews -------------------------------------------------------------------------------------


def test_interviews_done_per_participant_and_absence_rate() -> None:
    people = [person(1, date(2025, 1, 6)), person(2, date(2025, 1, 6)), person(3, date(2025, 1, 6))]
    interviews = [InterviewFacts(1, done=10, absent=2), InterviewFacts(2, done=5, absent=0), InterviewFacts(9, 4, 4)]
    figures = compute(people, interviews=interviews)
    assert figures.interviews_done == 15  # participant 9 is not in the file active
    assert figures.interviews_absent == 2
    assert figures.absence_rate == Fraction(2, 17)
    assert percent(figures.absence_rate) == 12
    assert figures.interviews_per_participant == Fraction(5)
    assert value(figures, "Entretiens réalisés par participant") == Decimal("5.0")
    assert figures.explain("interviews_done") == [
        "DE-2025-001 · 10 entretiens réalisés",
        "DE-2025-002 · 5 entretiens réalisés",
    ]
    assert figures.explain("absences") == ["DE-2025-001 · 2 absences pour 10 entretiens réalisés"]


# --- collective actions -----------------------------------------------------------------------------


def test_collective_actions_in_the_year_by_type_with_presences() -> None:
    people = [person(1, date(2025, 1, 6)), person(2, date(2025, 1, 6))]
    actions = [
        ActionFacts(1, "AC-2025-001", date(2025, 3, 4), ActionType.TRE_WORKSHOP),
        ActionFacts(2, "AC-2025-002", date(2025, 4, 8), ActionType.TRE_WORKSHOP),
        ActionFacts(3, "AC-2025-003", date(2025, 5, 6), ActionType.SPORT_OUTING),
        ActionFacts(4, "AC-2024-010", date(2024, 12, 10), ActionType.JOB_FAIR),  # last year
        ActionFacts(5, "AC-2025-009", date(2025, 12, 2), ActionType.JOB_FAIR),  # after D
    ]
    present = [
        ParticipationFacts(1, 1, "DE-2025-001"),
        ParticipationFacts(1, 2, "DE-2025-002"),
        ParticipationFacts(2, 1, "DE-2025-001"),
        ParticipationFacts(3, 1, "DE-2025-001"),
        ParticipationFacts(4, 2, "DE-2025-002"),
        ParticipationFacts(5, 2, "DE-2025-002"),
    ]
    figures = compute(people, as_of=date(2025, 11, 30), actions=actions, participations=present)
    assert (figures.actions, figures.participations, figures.participants_present) == (3, 4, 2)
    lines = {line.action_type: line for line in figures.actions_by_type}
    assert [line.action_type for line in figures.actions_by_type] == list(ActionType)
    assert (lines[ActionType.TRE_WORKSHOP].actions, lines[ActionType.TRE_WORKSHOP].participations) == (2, 3)
    assert lines[ActionType.TRE_WORKSHOP].participants == 2
    assert lines[ActionType.JOB_FAIR].actions == 0
    assert figures.explain("actions")[0] == "AC-2025-001 · Atelier TRE le 04/03/2025 · 2 présents"
    assert figures.explain("participations") == ["DE-2025-001 · 3 participations", "DE-2025-002 · 1 participation"]


# --- barriers ---------------------------------------------------------------------------------------


def test_barriers_concerned_lifted_and_oriented_per_category() -> None:
    people = [person(pid, date(2024, 9, 1)) for pid in range(1, 6)]
    housing, rights = BarrierCategory.HOUSING, BarrierCategory.RIGHTS
    lifted, oriented, identified = BarrierStatus.LIFTED, BarrierStatus.ORIENTED, BarrierStatus.IDENTIFIED
    barriers = [
        BarrierFacts(1, housing, date(2024, 9, 1), None, identified, False),  # still open: concerned
        BarrierFacts(1, housing, date(2024, 10, 1), date(2025, 3, 1), lifted, True),  # same person, once
        BarrierFacts(2, housing, date(2024, 9, 1), date(2024, 12, 31), lifted, False),  # lifted last year
        BarrierFacts(3, housing, date(2025, 12, 1), None, identified, False),  # identified after D
        BarrierFacts(4, housing, date(2025, 2, 1), date(2025, 12, 5), lifted, True),  # lifted after D
        BarrierFacts(5, rights, date(2025, 1, 1), date(2025, 1, 1), lifted, False),  # lifted on 1 January
        BarrierFacts(9, rights, date(2025, 1, 1), None, oriented, True),  # not in the file active
    ]
    figures = compute(people, as_of=date(2025, 11, 30), barriers=barriers)
    lines = {line.category: line for line in figures.barriers}
    assert [line.category for line in figures.barriers] == list(BarrierCategory)
    assert (lines[housing].concerned, lines[housing].lifted, lines[housing].oriented) == (2, 1, 2)
    assert (lines[rights].concerned, lines[rights].lifted, lines[rights].oriented) == (1, 1, 0)
    assert lines[BarrierCategory.MOBILITY].concerned == 0
    assert figures.explain("barrier_concerned:housing") == [
        "DE-2024-001 · Hébergement, identifié le 01/09/2024",
        "DE-2024-004 · Hébergement, identifié le 01/02/2025",
    ]
    assert figures.explain("barrier_lifted:housing") == ["DE-2024-001 · Hébergement, levé le 01/03/2025"]


# --- profile ----------------------------------------------------------------------------------------


def test_age_brackets_on_31_december_or_the_as_of_date_when_earlier() -> None:
    assert [label for _code, label in AGE_BRACKETS] == ["moins de 26 ans", "26 à 49 ans", "50 ans et plus"]
    people = [
        person(1, date(2025, 1, 6), birth_date=date(1999, 12, 31)),  # 26 on 31/12/2025, 25 on 30/11
        person(2, date(2025, 1, 6), birth_date=date(1975, 12, 31)),  # 50 on 31/12/2025, 49 on 30/11
        person(3, date(2025, 1, 6), birth_date=date(1975, 6, 1)),
        person(4, date(2025, 1, 6), birth_date=None, sex=None),
    ]
    year_end = {c.label: c.count for c in compute(people).profile.age}
    assert year_end == {"moins de 26 ans": 0, "26 à 49 ans": 1, "50 ans et plus": 2, "Non renseigné": 1}
    november = compute(people, as_of=date(2025, 11, 30)).profile
    assert november.age_on == date(2025, 11, 30)
    assert {c.label: c.count for c in november.age} == {
        "moins de 26 ans": 1,
        "26 à 49 ans": 1,
        "50 ans et plus": 1,
        "Non renseigné": 1,
    }
    assert age_bracket(date(2000, 1, 1), date(2025, 12, 31)) == ("under_26", "moins de 26 ans")


def test_profile_of_the_file_active_by_sex_housing_referrer_and_justice_situation() -> None:
    people = [
        person(1, date(2025, 1, 6), sex=Sex.FEMALE, housing_at_entry=Housing.SQUAT, referrer=Referrer.EPI),
        person(2, date(2025, 1, 6), justice_situation=JusticeSituation.OPEN_CUSTODY),
        person(3, date(2025, 1, 6)),
        person(4, date(2023, 1, 6), end=date(2023, 6, 1), sex=Sex.FEMALE),  # not in the file active
    ]
    profile = compute(people).profile
    assert {c.label: c.count for c in profile.sex} == {"Femme": 1, "Homme": 2, "Autre": 0}
    assert [c.label for c in profile.housing] == Housing.labels()
    assert {c.label: c.count for c in profile.housing}["Squat"] == 1
    assert {c.label: c.count for c in profile.referrer}["Espace Parisien d'Insertion"] == 1
    assert {c.label: c.count for c in profile.justice} == {"Détention": 2, "Milieu ouvert": 1, "Fin de peine": 0}
    figures = compute(people)
    assert figures.explain("sex:female") == ["DE-2025-001"]
    assert [title for title, _counts in profile.sections()] == [
        "Sexe",
        "Âge au 31/12/2025",
        "Hébergement à l'entrée",
        "Orienteur",
        "Situation judiciaire à l'entrée",
    ]


# --- the Synthèse and zero denominators -------------------------------------------------------------


def test_summary_labels_are_exact_and_in_order() -> None:
    people, outcomes = programme_2025()
    rows = compute(people, outcomes).summary_rows()
    labels = [label for label, _value in rows]
    assert labels[: len(SUMMARY_LABELS)] == SUMMARY_LABELS
    assert len(set(labels)) == len(labels)
    assert rows[0] == ("Année", 2025) and rows[1] == ("Date d'arrêté", D)
    entries = compute(people, outcomes).summary_entries()
    keys = {entry.label: entry.key for entry in entries}
    assert keys["File active"] == "file_active" and keys["Taux d'absence"] == "absences"
    assert all(key is None or key in compute(people, outcomes).explain_keys() for key in keys.values())


def test_an_empty_year_has_no_rates_rather_than_a_division_by_zero() -> None:
    figures = compute()
    assert figures.file_active == 0
    assert figures.access_rate is None and figures.engagement_rate is None and figures.absence_rate is None
    assert figures.mean_duration_days is None and figures.interviews_per_participant is None
    rows = dict(figures.summary_rows())
    assert rows["Taux d'accès à l'emploi ou à la formation"] is None
    assert rows["Durée moyenne d'accompagnement (jours)"] is None
    assert figures.explain("access") == []
    with pytest.raises(KeyError):
        figures.explain("unknown")


def test_explanations_carry_file_numbers_never_names_or_birth_dates() -> None:
    people, outcomes = programme_2025()
    figures = compute(people, outcomes)
    text = "\n".join(line for key in figures.explain_keys() for line in figures.explain(key))
    assert "DE-2025-" in text
    assert "1985" not in text  # the birth year


# --- pseudonymised rows -----------------------------------------------------------------------------


def test_pseudonymised_rows_have_random_codes_brackets_and_months_only() -> None:
    people = [
        person(1, date(2025, 3, 12), end=date(2025, 9, 30)),
        person(2, date(2024, 11, 4), birth_date=date(2002, 2, 2)),
        person(3, date(2022, 1, 1), end=date(2023, 1, 1)),  # not in the file active
    ]
    outcomes = [
        outcome(1, date(2025, 4, 1), OutcomeType.CDD_SHORT),
        outcome(1, date(2025, 7, 1), OutcomeType.CDI),
        outcome(1, date(2025, 8, 1), OutcomeType.CDI),
        outcome(2, date(2024, 12, 1), OutcomeType.CDI),  # last year
    ]
    facts = IndicatorFacts(tuple(people), tuple(outcomes))
    rng = random.Random(4)
    rows = pseudonymised_rows(2025, D, facts, token=rng.choice)
    assert len(rows) == 2
    assert [r.code for r in rows] == sorted(r.code for r in rows)
    assert all(r.code.startswith("P-") and len(r.code) == 7 for r in rows)
    first = next(r for r in rows if r.entry_month == "2025-03")
    assert first.end_month == "2025-09"
    assert first.outcomes == ("CDD de moins de 6 mois", "CDI")
    assert first.age_bracket == "26 à 49 ans" and first.sex == "Homme"
    second = next(r for r in rows if r.entry_month == "2024-11")
    assert second.age_bracket == "moins de 26 ans" and second.outcomes == () and second.end_month == ""
    again = pseudonymised_rows(2025, D, facts)
    assert {r.code for r in again} != {r.code for r in rows}  # a fresh code each export


# --- scope: only people of the file active, only events in N up to D --------------------------------


def test_a_job_dating_attended_by_someone_who_left_last_year_counts_in_no_figure_of_the_year() -> None:
    """data-exchange.md §2, Scope: participations and people present count only the file active; the number
    of collective actions held counts every action, attended or not."""
    people = [person(1, date(2025, 1, 6)), person(2, date(2024, 3, 4), end=date(2024, 12, 20))]
    actions = [
        ActionFacts(1, "AC-2025-001", date(2025, 3, 4), ActionType.JOB_DATING),  # only the one who left came
        ActionFacts(2, "AC-2025-002", date(2025, 4, 8), ActionType.TRE_WORKSHOP),
    ]
    present = [
        ParticipationFacts(1, 2, "DE-2024-002"),
        ParticipationFacts(2, 1, "DE-2025-001"),
        ParticipationFacts(2, 2, "DE-2024-002"),
    ]
    figures = compute(people, actions=actions, participations=present)
    assert figures.file_active == 1
    assert (figures.actions, figures.participations, figures.participants_present) == (2, 1, 1)
    lines = {line.action_type: line for line in figures.actions_by_type}
    assert (lines[ActionType.JOB_DATING].actions, lines[ActionType.JOB_DATING].participations) == (1, 0)
    assert lines[ActionType.JOB_DATING].participants == 0
    assert (lines[ActionType.TRE_WORKSHOP].participations, lines[ActionType.TRE_WORKSHOP].participants) == (1, 1)
    assert figures.explain("actions") == [
        "AC-2025-001 · Job dating le 04/03/2025 · 0 présent",
        "AC-2025-002 · Atelier TRE le 08/04/2025 · 1 présent",
    ]
    assert figures.explain("participations") == ["DE-2025-001 · 1 participation"]
    assert figures.explain("participants_present") == ["DE-2025-001"]


def test_activity_of_people_outside_the_file_active_counts_nowhere() -> None:
    """Interviews, outcomes and barriers of someone who left before N, or who enters after D, count in no
    figure of N, even when dated in N (a follow-up call after leaving counts only in a year they are active)."""
    people = [
        person(1, date(2025, 1, 6)),
        person(2, date(2024, 3, 4), end=date(2024, 12, 20)),  # left last year
        person(3, date(2025, 12, 1)),  # enters after D
    ]
    outcomes = [outcome(1, date(2025, 5, 1)), outcome(2, date(2025, 2, 1)), outcome(3, date(2025, 11, 2))]
    interviews = [InterviewFacts(1, 2, 1), InterviewFacts(2, 3, 0), InterviewFacts(3, 1, 1)]
    housing = BarrierCategory.HOUSING
    barriers = [
        BarrierFacts(1, housing, date(2025, 2, 1), None, BarrierStatus.ORIENTED, True),
        BarrierFacts(2, housing, date(2024, 6, 1), None, BarrierStatus.ORIENTED, True),
        BarrierFacts(3, housing, date(2025, 11, 2), None, BarrierStatus.ORIENTED, True),
    ]
    figures = compute(people, outcomes, as_of=date(2025, 11, 30), interviews=interviews, barriers=barriers)
    assert figures.file_active == 1
    assert (figures.access, figures.interviews_done, figures.interviews_absent) == (1, 2, 1)
    assert {c.label: c.count for c in figures.outcomes_by_type}["CDI"] == 1
    line = next(b for b in figures.barriers if b.category is housing)
    assert (line.concerned, line.oriented) == (1, 1)
