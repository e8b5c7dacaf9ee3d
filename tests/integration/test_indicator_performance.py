"""A year's figures cost the same few queries however many people the file holds: queries bounded to the year,
not one per person. Statements are counted, not timed (the time is for ``make bench``, docs/performance.md)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event, insert

from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentKind,
    AppointmentStatus,
    Attendance,
    BarrierCategory,
    BarrierStatus,
    Housing,
    JusticeSituation,
    OutcomeType,
    Referrer,
    Sex,
)
from ilot_desktop.storage.tables import (
    AppointmentRow,
    BarrierEventRow,
    BarrierRow,
    CollectiveActionRow,
    OutcomeRow,
    ParticipantRow,
    RegistrationRow,
)

PARTICIPANTS, APPOINTMENTS, FIRST_YEAR = 2000, 80_000, 2016


def fill_ten_years(
    session, seed: int = 5, persons: int = PARTICIPANTS, first_id: int = 1, appointments: int = APPOINTMENTS
) -> None:
    """``persons`` files (ids from ``first_id``) and ``appointments`` appointments from 2016 to 2025, with
    outcomes, barriers and, with the first ones, collective actions (2,000 and 80,000 by default)."""
    rng = random.Random(seed)
    now = datetime(2026, 1, 1)
    people, meetings, outcomes, barriers, events, actions, registrations = [], [], [], [], [], [], []
    span = (date(2025, 12, 31) - date(FIRST_YEAR, 1, 1)).days
    for pid in range(first_id, first_id + persons):
        entry = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randint(0, span - 30))
        end = entry + timedelta(days=rng.randint(20, 400))
        people.append(
            dict(
                id=pid,
                file_number=f"DE-{entry.year}-{pid:04d}",
                last_name=f"Nom{pid}",
                first_name="Prénom",
                sex=rng.choice(list(Sex)).value,
                birth_date=date(rng.randint(1960, 2004), rng.randint(1, 12), rng.randint(1, 28)),
                referrer=rng.choice(list(Referrer)).value,
                justice_situation=rng.choice(list(JusticeSituation)).value,
                housing_at_entry=rng.choice(list(Housing)).value,
                entry_date=entry,
                end_date=end if end < date(2026, 1, 1) else None,
                resources=[],
                rights={},
                work_constraints=[],
                created_at=now,
                updated_at=now,
            )
        )
        for _ in range(appointments // persons):
            day = entry + timedelta(days=rng.randint(0, (end - entry).days))
            meetings.append(
                dict(
                    participant_id=pid,
                    start=datetime.combine(day, datetime.min.time()) + timedelta(hours=10),
                    duration_min=60,
                    kind=AppointmentKind.INDIVIDUAL.value,
                    status=rng.choice(list(AppointmentStatus)).value,
                    created_at=now,
                    updated_at=now,
                )
            )
        for _ in range(rng.randint(0, 2)):
            outcomes.append(
                dict(
                    participant_id=pid,
                    on=entry + timedelta(days=rng.randint(10, 300)),
                    outcome_type=rng.choice(list(OutcomeType)).value,
                    created_at=now,
                    updated_at=now,
                )
            )
        for number, category in enumerate(rng.sample(list(BarrierCategory), 4)):
            barrier_id = 4 * (pid - 1) + number + 1
            lifted = entry + timedelta(days=rng.randint(10, 300)) if rng.random() < 0.5 else None
            barriers.append(
                dict(
                    id=barrier_id,
                    participant_id=pid,
                    category=category.value,
                    item="Élément",
                    status=(BarrierStatus.LIFTED if lifted else BarrierStatus.IDENTIFIED).value,
                    identified_on=entry,
                    lifted_on=lifted,
                    created_at=now,
                    updated_at=now,
                )
            )
            events.append(dict(barrier_id=barrier_id, on=entry, status=BarrierStatus.IDENTIFIED.value))
            if rng.random() < 0.3:
                events.append(dict(barrier_id=barrier_id, on=entry, status=BarrierStatus.ORIENTED.value))
    for action_id in range(1, 10 * 60 + 1) if first_id == 1 else ():
        day = date(FIRST_YEAR, 1, 1) + timedelta(days=rng.randint(0, span))
        actions.append(
            dict(
                id=action_id,
                reference=f"AC-{day.year}-{action_id:04d}",
                action_type=rng.choice(list(ActionType)).value,
                title="Atelier",
                start=datetime.combine(day, datetime.min.time()) + timedelta(hours=14),
                duration_min=120,
                created_at=now,
                updated_at=now,
            )
        )
        for pid in rng.sample(range(first_id, first_id + persons), 8):
            registrations.append(
                dict(action_id=action_id, participant_id=pid, attendance=rng.choice(list(Attendance)).value)
            )
    with session._database.unit_of_work() as uow:
        for table, rows in (
            (ParticipantRow, people),
            (AppointmentRow, meetings),
            (OutcomeRow, outcomes),
            (BarrierRow, barriers),
            (BarrierEventRow, events),
            (CollectiveActionRow, actions),
            (RegistrationRow, registrations),
        ):
            if rows:
                uow.session.execute(insert(table), rows)
        uow.commit()


@contextmanager
def counted_statements(session) -> Iterator[list[str]]:
    """The SQL statements the vault's engine runs inside the block."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, _parameters, _context, _executemany) -> None:
        seen.append(statement)

    engine = session._database.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def statements_for_a_year(session, year: int, as_of: date | None = None) -> int:
    with counted_statements(session) as seen:
        figures = session.indicators.compute(year, as_of)
    assert figures.file_active > 0 and figures.interviews_done > 0
    return len(seen)


def statements_for_the_years(session) -> int:
    with counted_statements(session) as seen:
        assert session.indicators.years()[0] >= 2025
    return len(seen)


@pytest.mark.parametrize(
    ("few", "many", "appointments"),
    [
        (30, 90, 1_200),
        pytest.param(50, PARTICIPANTS - 50, APPOINTMENTS, marks=pytest.mark.slow),  # the ten busy years
    ],
)
def test_a_year_costs_the_same_queries_whatever_the_number_of_people(session, few, many, appointments) -> None:
    fill_ten_years(session, persons=few, appointments=appointments * few // (few + many))
    # Each year is computed once only, so that a cache of a year's figures cannot hide a query.
    small = [statements_for_a_year(session, 2025), statements_for_a_year(session, 2020, date(2020, 11, 30))]
    small_years = statements_for_the_years(session)
    fill_ten_years(session, seed=6, persons=many, first_id=few + 1, appointments=appointments * many // (few + many))
    counts = session.check(full=False).counts
    assert counts["participants"] == few + many
    large = [statements_for_a_year(session, 2024), statements_for_a_year(session, 2019, date(2019, 11, 30))]
    # A handful of queries (7 in November 2026), none per person: more people, not one query more.
    assert 0 < max(small) <= 20 and max(large) <= max(small)
    assert statements_for_the_years(session) <= small_years <= 2
