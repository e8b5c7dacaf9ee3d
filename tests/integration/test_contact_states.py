"""Ma semaine's summary per person (``contact_states``) against a plain reading of every appointment.

The summary is computed in SQL by short index walks per person (newest or oldest first, stopped at the
first match) so that its cost follows the people followed, not their years of history; this checks that
it says exactly what reading every appointment says, on random histories."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import AppointmentStatus
from tests.conftest import TODAY
from tests.factories import make_participant

S = AppointmentStatus


def _history(rng: random.Random, person_id: int) -> list[Appointment]:
    """Up to 30 appointments from a year ago to a month ahead, a distinct start each, any status."""
    days = rng.sample(range(-365, 31), rng.randint(0, 30))
    appointments = []
    for offset in days:
        start = datetime.combine(TODAY + timedelta(days=offset), time(rng.choice((9, 10, 14, 16)), 30))
        if offset > 0:
            status = rng.choice((S.PLANNED, S.PLANNED, S.CANCELLED))
        else:
            status = rng.choice((S.DONE, S.DONE, S.ABSENT, S.CANCELLED, S.PLANNED))
        appointments.append(Appointment(person_id, start, status=status))
    return appointments


def _expected(appointments: list[Appointment]) -> tuple:
    tomorrow = datetime.combine(TODAY + timedelta(days=1), time())
    midnight = datetime.combine(TODAY, time())
    done = [a.start for a in appointments if a.status is S.DONE and a.start < tomorrow]
    planned = [a.start for a in appointments if a.status is S.PLANNED and a.start >= midnight]
    recorded = sorted(
        (a for a in appointments if a.status in (S.DONE, S.ABSENT) and a.start < tomorrow),
        key=lambda a: a.start,
        reverse=True,
    )
    return (
        max(done).date() if done else None,
        min(planned) if planned else None,
        tuple(a.status for a in recorded[:2]),
    )


def test_contact_states_say_what_every_appointment_says(session):
    rng = random.Random(20261202)
    expected = {}
    for n in range(40):
        ended = TODAY - timedelta(days=3) if n % 10 == 9 else None  # closed files are not listed
        person = session.participants.save(
            make_participant(file_number=f"DE-2025-{n + 1:03d}", entry_date=TODAY - timedelta(days=400), end_date=ended)
        )
        history = _history(rng, person.id)
        if ended is not None:  # a closed file keeps its past, nothing planned
            history = [a for a in history if a.start.date() < ended and a.status is not S.PLANNED]
        session.followup.save_many(history)
        if ended is None:
            expected[person.id] = _expected(history)
    states = {
        s.participant_id: (s.last_done, s.next_planned, s.last_two_outcomes) for s in session.followup.contact_states()
    }
    assert states == expected
    assert any(len(outcomes) == 2 for _d, _p, outcomes in states.values())
    assert any(planned is not None for _d, planned, _o in states.values())
