"""Recurring appointments against a real encrypted vault: a series created, one occurrence or the series to come
changed, cancelled and deleted; « Réalisé » refused too early; the office proposed after the release; the
migration that adds the series to an existing vault with its appointments."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest
from alembic import command

from ilot_desktop.domain.appointment_series import Frequency, Repeat, Scope, series_starts
from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.domain.followup import OFFICE, Appointment
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus, JusticeSituation
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.services import vault
from ilot_desktop.services.clock import SessionClock
from ilot_desktop.storage import migrate
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

NOW = datetime.combine(TODAY, time(12, 0))  # Friday 27/11/2026 at noon
PLANNED, DONE, CANCELLED = AppointmentStatus.PLANNED, AppointmentStatus.DONE, AppointmentStatus.CANCELLED
PRISON = "Centre pénitentiaire de Paris-La Santé"


@pytest.fixture
def noon(vault_dir):
    opened, _code = vault.create(vault_dir, PASSWORD, clock=SessionClock(lambda: TODAY, lambda: NOW))
    yield opened
    opened.close()


_numbers = iter(range(1, 1000))


def outside(session, **more):
    """Someone followed outside (no prison), each with a file number of their own."""
    return session.participants.save(
        make_participant(
            file_number=f"DE-2026-{next(_numbers):03d}",
            justice_situation=JusticeSituation.OPEN_CUSTODY,
            planned_release_date=None,
            facility="",
            **more,
        )
    )


def model(person_id: int, start: datetime) -> Appointment:
    return Appointment(participant_id=person_id, start=start, place=OFFICE)


def mine(session, person_id):
    return sorted((v.appointment for v in session.followup.timeline(person_id)), key=lambda a: a.start)


def test_a_series_is_created_at_once_and_remembered(noon):
    person = outside(noon)
    first = datetime(2026, 12, 1, 10, 0)
    starts = series_starts(first, Repeat(Frequency.WEEKLY, 4))
    before = len(noon.audit.events(participant_id=person.id))
    saved = noon.followup.save_series(model(person.id, first), starts)
    assert [a.start for a in saved] == starts
    stored = mine(noon, person.id)
    assert [a.start for a in stored] == starts
    assert len({a.series_id for a in stored}) == 1 and stored[0].series_id is not None
    events = noon.audit.events(participant_id=person.id)
    assert len(events) == before + 1  # one line for the series, no personal data in it
    assert (events[0].action, events[0].detail) == (AuditAction.PARTICIPANT_UPDATED.value, "rendez-vous (4)")
    assert noon.followup.upcoming_in_series(stored[0]) == 3


def test_the_preview_shows_clashes_and_what_cannot_be(noon):
    person = outside(noon)
    noon.followup.save(model(person.id, datetime(2026, 12, 8, 14, 0)))
    noon.followup.save(model(person.id, datetime(2026, 12, 15, 10, 30)))
    occurrences = noon.followup.preview_series(
        model(person.id, datetime(2026, 12, 1, 10, 0)), Repeat(Frequency.WEEKLY, 4)
    )
    assert [o.proposed for o in occurrences] == [True, False, False, True]
    assert occurrences[1].clash is not None and not occurrences[1].clash.overlapping
    assert occurrences[2].clash is not None and occurrences[2].clash.overlapping
    far = noon.followup.preview_series(model(person.id, datetime(2027, 11, 1, 10, 0)), Repeat(Frequency.MONTHLY, 3))
    assert far[0].problem is None and "plus d'un an" in (far[-1].problem or "")


def series_around_now(session):
    """Weekly at 10:00 from two weeks ago: 13/11 (recorded), 20/11, 27/11 (begun), 04/12, 11/12."""
    person = outside(session)
    first = datetime(2026, 11, 13, 10, 0)
    session.followup.save_series(model(person.id, first), series_starts(first, Repeat(Frequency.WEEKLY, 5)))
    stored = mine(session, person.id)
    session.followup.set_status(stored[0].id, DONE)
    return person, mine(session, person.id)


def test_edit_one_occurrence_only(noon):
    person, stored = series_around_now(noon)
    noon.followup.save(replace(stored[3], start=datetime(2026, 12, 4, 15, 0)), Scope.ONE)
    after = mine(noon, person.id)
    assert [a.start.hour for a in after] == [10, 10, 10, 15, 10]


def test_edit_the_series_changes_only_what_is_to_come(noon):
    person, stored = series_around_now(noon)
    changed = replace(stored[3], start=datetime(2026, 12, 4, 14, 0), duration_min=45, place="Par téléphone")
    noon.followup.save(changed, Scope.UPCOMING)
    after = mine(noon, person.id)
    assert [(a.start.day, a.start.hour) for a in after] == [(13, 10), (20, 10), (27, 10), (4, 14), (11, 14)]
    assert [a.duration_min for a in after] == [60, 60, 60, 45, 45]
    assert after[0].status is DONE and after[0].place == OFFICE  # past and recorded: never changed


def test_cancel_and_delete_the_series_to_come(noon):
    person, stored = series_around_now(noon)
    noon.followup.cancel(stored[3].id, Scope.UPCOMING)
    assert [a.status for a in mine(noon, person.id)] == [DONE, PLANNED, PLANNED, CANCELLED, CANCELLED]
    person2, stored2 = series_around_now(noon)
    assert noon.followup.delete(stored2[3].id, Scope.UPCOMING) == 2
    assert [a.start.day for a in mine(noon, person2.id)] == [13, 20, 27]


def test_recording_is_refused_before_the_appointment_time(noon):
    person = outside(noon)
    later_today = noon.followup.save(model(person.id, datetime.combine(TODAY, time(15, 0))))
    with pytest.raises(IlotError, match="pas encore eu lieu") as refused:
        noon.followup.set_status(later_today.id, DONE)
    assert isinstance(refused.value, ValidationError) and "vendredi 27/11/2026 à 15:00" in str(refused.value)
    this_morning = noon.followup.save(model(person.id, datetime.combine(TODAY, time(9, 0))))
    assert noon.followup.set_status(this_morning.id, AppointmentStatus.ABSENT).status is AppointmentStatus.ABSENT
    assert noon.followup.record_refusal(later_today) is not None
    assert noon.followup.record_refusal(this_morning) is None


def test_after_the_planned_release_the_draft_is_at_the_office(noon):
    person = noon.participants.save(make_participant())  # in detention, release planned on 15/12/2026
    inside = noon.followup.new_draft(person.id, datetime(2026, 12, 14, 10, 0))
    out = noon.followup.new_draft(person.id, datetime(2026, 12, 16, 10, 0))
    assert (inside.kind, inside.place) == (AppointmentKind.IN_DETENTION, PRISON)
    assert (out.kind, out.place) == (AppointmentKind.INDIVIDUAL, OFFICE)
    assert noon.followup.place_for(person.id, AppointmentKind.IN_DETENTION) == PRISON
    first = replace(inside, start=datetime(2026, 12, 1, 10, 0))
    preview = noon.followup.preview_series(first, Repeat(Frequency.WEEKLY, 4))
    assert [o.appointment.kind for o in preview] == [AppointmentKind.IN_DETENTION] * 2 + [
        AppointmentKind.INDIVIDUAL
    ] * 2
    saved = noon.followup.save_series(first, [o.appointment.start for o in preview])
    assert [a.place for a in saved] == [PRISON, PRISON, OFFICE, OFFICE]


def test_the_migration_adds_series_to_a_vault_with_appointments(vault_dir, noon):
    person = outside(noon)
    kept = noon.followup.save(model(person.id, datetime(2026, 11, 20, 10, 0)))
    config = migrate.alembic_config()
    with noon._database.engine.connect() as connection:  # the file as the previous version left it
        connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # a rebuild would cascade
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
        connection.commit()
    noon.close()
    reopened = vault.unlock(vault_dir, PASSWORD, clock=SessionClock(lambda: TODAY, lambda: NOW))
    try:
        assert reopened.migration_backup is not None
        assert reopened.check().schema_version == migrate.head_revision()
        [again] = mine(reopened, person.id)
        assert (again.id, again.start, again.series_id) == (kept.id, kept.start, None)
        first = datetime(2026, 12, 1, 10, 0)
        reopened.followup.save_series(model(person.id, first), [first, first + timedelta(days=7)])
        assert len({a.series_id for a in mine(reopened, person.id)}) == 2
    finally:
        reopened.close()
    assert list((vault_dir / "sauvegardes").glob("*_avant-migration-0005-vers-*/ilot.db"))


def test_a_closed_file_refuses_the_whole_series(noon):
    person = outside(noon, end_date=TODAY)
    first = datetime(2026, 11, 24, 10, 0)
    with pytest.raises(ValidationError, match="mardi 01/12/2026 à 10:00"):
        noon.followup.save_series(model(person.id, first), series_starts(first, Repeat(Frequency.WEEKLY, 3)))
    assert mine(noon, person.id) == []  # all or none


def test_a_series_hour_change_keeps_each_occurrence_setting(noon):
    """In detention until 15/12: the office from then on and a room typed for one occurrence alone survive
    moving the whole series by an hour."""
    person = noon.participants.save(make_participant(file_number="DE-2026-900"))  # release planned on 15/12
    first = Appointment(person.id, datetime(2026, 12, 1, 10), kind=AppointmentKind.IN_DETENTION, place=PRISON)
    preview = noon.followup.preview_series(first, Repeat(Frequency.WEEKLY, 4))
    saved = noon.followup.save_series(first, [o.appointment.start for o in preview])
    noon.followup.save(replace(saved[1], place="Salle B"), Scope.ONE)
    noon.followup.save(replace(saved[0], start=saved[0].start + timedelta(hours=1)), Scope.UPCOMING)
    assert [(a.start.hour, a.kind, a.place) for a in mine(noon, person.id)] == [
        (11, AppointmentKind.IN_DETENTION, PRISON),
        (11, AppointmentKind.IN_DETENTION, "Salle B"),
        (11, AppointmentKind.INDIVIDUAL, OFFICE),
        (11, AppointmentKind.INDIVIDUAL, OFFICE),
    ]


def test_a_recorded_appointment_stays_editable_before_its_hour(noon):
    """Imported as « Réalisé » for 17:00 today: its report can be written at noon; it cannot become recorded,
    nor its start move later, before its time."""
    person = outside(noon)
    noon.followup.save_many([replace(model(person.id, datetime.combine(TODAY, time(17))), status=DONE)])
    (imported,) = mine(noon, person.id)
    assert noon.followup.save(replace(imported, report="Vu")).report == "Vu"
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        noon.followup.save(replace(imported, start=datetime.combine(TODAY, time(18))))
    this_morning = noon.followup.save(replace(model(person.id, datetime.combine(TODAY, time(9))), status=DONE))
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        noon.followup.save(replace(this_morning, start=datetime.combine(TODAY, time(15))))
    planned = noon.followup.save(model(person.id, datetime.combine(TODAY, time(16))))
    with pytest.raises(ValidationError, match="pas encore eu lieu"):
        noon.followup.save(replace(planned, status=DONE))
