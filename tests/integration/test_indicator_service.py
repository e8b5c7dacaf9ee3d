"""The indicators computed from a real vault: hand-built records, known figures, explanations."""

from __future__ import annotations

from datetime import date, datetime
from fractions import Fraction

import pytest

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentStatus,
    Attendance,
    BarrierCategory,
    BarrierStatus,
    DropoutReason,
    EndReason,
    OutcomeType,
)
from ilot_desktop.errors import ValidationError
from tests.conftest import TODAY
from tests.factories import make_participant

DONE, ABSENT = AppointmentStatus.DONE, AppointmentStatus.ABSENT


@pytest.fixture
def year(session):
    """Four files around 2026 (today is 27/11/2026)."""
    save = session.participants.save
    p1 = save(make_participant(file_number="DE-2026-001", last_name="Alpha", entry_date=date(2026, 1, 5)))
    p2 = save(make_participant(file_number="DE-2026-002", last_name="Bravo", entry_date=date(2026, 2, 2)))
    p3 = save(
        make_participant(
            file_number="DE-2025-001",
            last_name="Charlie",
            entry_date=date(2025, 10, 1),
            end_date=date(2025, 12, 15),
            end_reason=EndReason.POSITIVE,
            planned_release_date=date(2025, 10, 20),
        )
    )
    p4 = save(make_participant(file_number="DE-2026-003", last_name="Delta", entry_date=date(2026, 3, 2)))
    outcomes = [
        Outcome(p1.id, date(2026, 3, 2), OutcomeType.CDD_SHORT),
        Outcome(p1.id, date(2026, 6, 1), OutcomeType.CDI, employer="Entreprise de test"),
        Outcome(p2.id, date(2026, 2, 20), OutcomeType.DROPOUT, DropoutReason.UNREACHABLE),
        Outcome(p3.id, date(2025, 11, 1), OutcomeType.CDI),
        Outcome(p4.id, date(2026, 12, 10), OutcomeType.QUALIFYING),  # starts after today
    ]
    for o in outcomes:
        session.outcomes.save(o)
    session.outcomes.end_accompaniment(p2.id, date(2026, 2, 20), EndReason.DROPOUT)

    def meeting(pid, day, status):
        return Appointment(pid, datetime.combine(day, datetime.min.time().replace(hour=10)), 60, status=status)

    session.followup.save_many(
        [
            meeting(p1.id, date(2025, 12, 20), DONE),  # before the year
            meeting(p1.id, date(2026, 1, 5), DONE),
            meeting(p1.id, date(2026, 1, 12), ABSENT),
            meeting(p1.id, date(2026, 1, 19), DONE),
            meeting(p1.id, date(2026, 2, 2), DONE),
            meeting(p1.id, date(2026, 12, 7), AppointmentStatus.PLANNED),
            meeting(p1.id, date(2026, 3, 9), AppointmentStatus.CANCELLED),
            meeting(p4.id, date(2026, 3, 2), DONE),
            meeting(p4.id, date(2026, 3, 9), DONE),
            meeting(p3.id, date(2025, 10, 2), DONE),
        ]
    )
    session.actions.save_many(
        [
            (
                CollectiveAction("AC-2026-001", ActionType.TRE_WORKSHOP, "Atelier CV", datetime(2026, 4, 7, 14)),
                [(p1.id, Attendance.PRESENT), (p4.id, Attendance.ABSENT)],
            ),
            (
                CollectiveAction("AC-2026-002", ActionType.JOB_DATING, "Job dating", datetime(2026, 12, 1, 10)),
                [(p1.id, None)],
            ),
        ]
    )
    steps = [
        (date(2026, 1, 5), BarrierStatus.IDENTIFIED, ""),
        (date(2026, 2, 1), BarrierStatus.ORIENTED, "SIAO"),
        (date(2026, 5, 1), BarrierStatus.LIFTED, "SIAO"),
    ]
    session.barriers.save_many(
        [
            (
                Barrier(
                    p1.id,
                    BarrierCategory.HOUSING,
                    "Sans abri",
                    BarrierStatus.LIFTED,
                    date(2026, 1, 5),
                    date(2026, 5, 1),
                    "SIAO",
                ),
                steps,
            ),
            (Barrier(p4.id, BarrierCategory.RIGHTS, "CAF", BarrierStatus.IDENTIFIED, date(2026, 3, 2)), []),
            (Barrier(p3.id, BarrierCategory.RIGHTS, "CAF", BarrierStatus.IDENTIFIED, date(2025, 10, 1)), []),
        ]
    )
    return p1, p2, p3, p4


def test_figures_so_far_this_year(session, year) -> None:
    figures = session.indicators.compute(2026, TODAY)
    assert (figures.year, figures.as_of) == (2026, TODAY)
    assert (figures.file_active, figures.entries) == (3, 3)
    assert (figures.access, figures.dropouts, figures.endings) == (1, 1, 1)
    assert figures.access_rate == Fraction(1, 3)
    assert figures.engagement_rate == Fraction(2, 3)
    assert figures.mean_duration_days == 18
    assert (figures.interviews_done, figures.interviews_absent) == (5, 1)
    assert figures.absence_rate == Fraction(1, 6)
    assert (figures.actions, figures.participations, figures.participants_present) == (1, 1, 1)
    barriers = {line.category: line for line in figures.barriers}
    assert (barriers[BarrierCategory.HOUSING].concerned, barriers[BarrierCategory.HOUSING].lifted) == (1, 1)
    assert barriers[BarrierCategory.HOUSING].oriented == 1
    assert (barriers[BarrierCategory.RIGHTS].concerned, barriers[BarrierCategory.RIGHTS].oriented) == (1, 0)


def test_as_of_defaults_to_31_december(session, year) -> None:
    figures = session.indicators.compute(2026)
    assert figures.as_of == date(2026, 12, 31)
    assert figures.access == 2  # the training starting on 10/12/2026 counts by 31/12
    assert figures.actions == 2  # and so does the job dating planned on 01/12/2026


def test_last_year_and_the_years_with_data(session, year) -> None:
    figures = session.indicators.compute(2025)
    assert (figures.file_active, figures.access, figures.interviews_done) == (1, 1, 1)
    assert figures.explain("access") == ["DE-2025-001 · CDI le 01/11/2025"]
    assert session.indicators.years() == [2026, 2025]


def test_explain_lists_file_numbers_and_what_counted(session, year) -> None:
    assert session.indicators.explain(2026, TODAY, "access") == [
        "DE-2026-001 · CDD de moins de 6 mois le 02/03/2026 ; CDI le 01/06/2026"
    ]
    assert session.indicators.explain(2026, TODAY, "dropouts") == ["DE-2026-002 · Abandon le 20/02/2026"]
    assert session.indicators.explain(2026, TODAY, "file_active") == [
        "DE-2026-001 · entrée le 05/01/2026",
        "DE-2026-002 · entrée le 02/02/2026, fin le 20/02/2026",
        "DE-2026-003 · entrée le 02/03/2026",
    ]
    assert session.indicators.explain(2026, TODAY, "absences") == ["DE-2026-001 · 1 absence pour 3 entretiens réalisés"]
    assert session.indicators.explain(2026, TODAY, "no such figure") == []
    everything = [
        line
        for key in session.indicators.compute(2026, TODAY).explain_keys()
        for line in session.indicators.explain(2026, TODAY, key)
    ]
    text = "\n".join(everything)
    for secret in ("Alpha", "Bravo", "Delta", "Zéphyrin", "1985", "06 00 00 00 42", "Entreprise de test"):
        assert secret not in text


def test_the_query_reads_only_the_year_up_to_the_as_of_date(session, year) -> None:
    p1, _p2, p3, p4 = year
    day, facts = session.indicators.facts(2026, TODAY)
    assert day == TODAY
    assert {p.participant_id for p in facts.participants} == {p1.id, year[1].id, p4.id}
    assert all(date(2026, 1, 1) <= o.on <= TODAY for o in facts.outcomes)
    assert p3.id not in {o.participant_id for o in facts.outcomes}
    assert {(i.participant_id, i.done, i.absent) for i in facts.interviews} == {(p1.id, 3, 1), (p4.id, 2, 0)}
    assert [a.reference for a in facts.actions] == ["AC-2026-001"]
    assert [(r.participant_id, r.file_number) for r in facts.participations] == [(p1.id, "DE-2026-001")]
    assert {(b.participant_id, b.ever_oriented) for b in facts.barriers} == {(p1.id, True), (p4.id, False)}


def test_orientation_after_the_as_of_date_does_not_count(session, year) -> None:
    figures = session.indicators.compute(2026, date(2026, 1, 31))
    housing = next(line for line in figures.barriers if line.category is BarrierCategory.HOUSING)
    assert (housing.concerned, housing.lifted, housing.oriented) == (1, 0, 0)


def test_a_bad_year_or_date_is_refused_in_french(session) -> None:
    with pytest.raises(ValidationError, match="L'année doit être comprise entre 2015 et 2027"):
        session.indicators.compute(1999)
    with pytest.raises(ValidationError, match="doit être dans l'année 2026"):
        session.indicators.compute(2026, date(2025, 12, 31))


def test_an_empty_vault(session) -> None:
    figures = session.indicators.compute(2026)
    assert figures.file_active == 0 and figures.access_rate is None
    assert session.indicators.years() == []


def test_the_demo_gives_meaningful_figures(session) -> None:
    from ilot_desktop.domain.indicators import percent
    from ilot_desktop.services.demo import fill_with_demo_data

    fill_with_demo_data(session)
    figures = session.indicators.compute(2026, TODAY)
    assert figures.file_active >= 45
    assert 55 <= percent(figures.access_rate) <= 75
    assert 4 <= figures.dropouts <= 8 and percent(figures.engagement_rate) >= 84
    assert figures.endings >= 8 and figures.mean_duration_days is not None
    assert figures.interviews_done > 300 and figures.actions >= 20 and figures.participations > 50
    assert sum(line.concerned for line in figures.barriers) > 50
    assert session.indicators.years()[0] == 2026
    ended = [s for s in session.participants.summaries() if s.end_date]
    assert all(session.participants.get(s.id).end_reason is not None for s in ended)
    assert session.check(full=False).counts["outcomes"] >= 30


def test_a_job_dating_attended_after_leaving_counts_in_no_figure_of_the_year(session, year) -> None:
    """DE-2025-001 left on 15/12/2025; a job dating of 2026 they attend counts as an action held, but in no
    participation, no person present, in no figure of 2026 (data-exchange.md §2, Scope)."""
    _p1, _p2, p3, _p4 = year
    session.actions.save_many(
        [
            (
                CollectiveAction("AC-2026-003", ActionType.JOB_DATING, "Job dating", datetime(2026, 5, 12, 10)),
                [(p3.id, Attendance.PRESENT)],
            )
        ]
    )
    figures = session.indicators.compute(2026, TODAY)
    assert (figures.actions, figures.participations, figures.participants_present) == (2, 1, 1)
    dating = next(line for line in figures.actions_by_type if line.action_type is ActionType.JOB_DATING)
    assert (dating.actions, dating.participations, dating.participants) == (1, 0, 0)
    assert "DE-2025-001" not in "\n".join(figures.explain("participations") + figures.explain("participants_present"))
    _day, facts = session.indicators.facts(2026, TODAY)
    assert p3.id not in {r.participant_id for r in facts.participations}
