"""Ten years of a busy programme: a year's figures stay well under a second (queries, not loops)."""

from __future__ import annotations

import random
import time
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import insert

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


def fill_ten_years(session, seed: int = 5) -> None:
    """2,000 files and 80,000 appointments from 2016 to 2025, with outcomes, barriers and actions."""
    rng = random.Random(seed)
    now = datetime(2026, 1, 1)
    people, meetings, outcomes, barriers, events, actions, registrations = [], [], [], [], [], [], []
    span = (date(2025, 12, 31) - date(FIRST_YEAR, 1, 1)).days
    for pid in range(1, PARTICIPANTS + 1):
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
        for _ in range(APPOINTMENTS // PARTICIPANTS):
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
        for category in rng.sample(list(BarrierCategory), 4):
            barrier_id = len(barriers) + 1
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
    for action_id in range(1, 10 * 60 + 1):
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
        for pid in rng.sample(range(1, PARTICIPANTS + 1), 8):
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
            uow.session.execute(insert(table), rows)
        uow.commit()


@pytest.mark.slow
def test_a_year_of_ten_takes_well_under_a_second(session) -> None:
    fill_ten_years(session)
    counts = session.check(full=False).counts
    assert counts["participants"] == PARTICIPANTS and counts["appointments"] == APPOINTMENTS
    session.indicators.compute(2025)  # warm the page cache, as a second look in the window would
    timings = []
    for year, as_of in ((2025, None), (2020, date(2020, 11, 30)), (2016, None)):
        started = time.perf_counter()
        figures = session.indicators.compute(year, as_of)
        timings.append(time.perf_counter() - started)
        assert figures.file_active > 100 and figures.interviews_done > 1000
    print(f"indicators over ten years: {', '.join(f'{t * 1000:.0f} ms' for t in timings)}")
    assert max(timings) < 1.0
    started = time.perf_counter()
    assert session.indicators.years()[0] == 2026
    assert time.perf_counter() - started < 0.5
