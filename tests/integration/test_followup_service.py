"""Appointments against a real encrypted vault: week, timeline, saving rules, Ma semaine."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.followup import (
    Appointment,
    is_due,
    reaching_six_months,
    release_soon,
    silence_reason,
)
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentKind,
    AppointmentStatus,
    Attendance,
    Cadence,
    Housing,
    JusticeSituation,
)
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services.followup import FollowUpService
from tests.conftest import TODAY
from tests.factories import make_participant

PLANNED, DONE = AppointmentStatus.PLANNED, AppointmentStatus.DONE
ABSENT, CANCELLED = AppointmentStatus.ABSENT, AppointmentStatus.CANCELLED
_numbers = iter(range(1, 1000))


def outside(session, **overrides):
    """A saved participant out of detention (open custody), followed since 1 October 2026."""
    values = dict(
        file_number=f"DE-2026-{next(_numbers):03d}",
        justice_situation=JusticeSituation.OPEN_CUSTODY,
        housing_at_entry=Housing.OWN,
        facility="",
        planned_release_date=None,
    )
    values.update(overrides)
    return session.participants.save(make_participant(**values))


def inside(session, **overrides):
    """A saved participant in detention at La Santé, release planned on 15 December 2026."""
    overrides.setdefault("file_number", f"DE-2026-{next(_numbers):03d}")
    return session.participants.save(make_participant(**overrides))


def at(day: date | str, hour: int = 10, minute: int = 0) -> datetime:
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return datetime(day.year, day.month, day.day, hour, minute)


def ago(days: int, hour: int = 10) -> datetime:
    return at(TODAY - timedelta(days=days), hour)


def names(states) -> list[str]:
    return [s.last_name for s in states]


def book(session, person, start: datetime, status=PLANNED, **overrides) -> Appointment:
    return session.followup.save(Appointment(person.id, start, status=status, **overrides))


# --- reading -------------------------------------------------------------------------------------


def test_week_holds_only_its_days_sorted_by_start(session):
    p = outside(session)
    for start in (
        at("2026-11-22", 23, 30),  # the Sunday before
        at("2026-11-27", 14),
        at("2026-11-23", 9),
        at("2026-11-29", 23, 59),  # last minute of the week
        at("2026-11-30", 0),  # next Monday
    ):
        book(session, p, start)
    workshop = session.actions.save(
        CollectiveAction("AC-2026-001", ActionType.TRE_WORKSHOP, "Atelier CV", at("2026-11-25", 14))
    )
    session.actions.save(CollectiveAction("AC-2026-002", ActionType.JOB_FAIR, "Forum emploi", at("2026-11-30", 9)))

    appointments, actions = session.followup.week(date(2026, 11, 23))
    assert [v.appointment.start for v in appointments] == [
        at("2026-11-23", 9),
        at("2026-11-27", 14),
        at("2026-11-29", 23, 59),
    ]
    assert {v.file_number for v in appointments} == {p.file_number}
    assert appointments[0].last_name == "Marqueur" and appointments[0].first_name == "Zéphyrin"
    assert actions == [workshop]
    working_days, _ = session.followup.week(date(2026, 11, 23), days=5)
    assert len(working_days) == 2


def test_week_query_uses_the_start_index(session):
    """Ten years of records must not slow the calendar: the week is read by date range only."""
    statements: list[tuple[str, object]] = []
    engine = session._database.engine

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        session.followup.week(date(2026, 11, 23))
        session.followup.overview()
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    plans = []
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        for statement, parameters in statements:
            if "appointments" in statement or "collective_actions" in statement:
                plan = driver.execute(f"EXPLAIN QUERY PLAN {statement}", parameters).fetchall()
                plans += [row[3] for row in plan]
    assert plans
    assert not [line for line in plans if line.startswith(("SCAN appointments", "SCAN collective_actions"))]
    assert any("ix_appointments_start" in line for line in plans)
    assert any("ix_appointments_participant_start" in line for line in plans)


def test_timeline_is_one_person_most_recent_first(session):
    p, other = outside(session), outside(session, last_name="Autre")
    book(session, p, ago(20), DONE, report="Premier entretien")
    book(session, p, at(TODAY + timedelta(days=3)))
    book(session, p, ago(6), ABSENT)
    book(session, other, ago(1), DONE)
    timeline = session.followup.timeline(p.id)
    assert [v.appointment.start for v in timeline] == [at(TODAY + timedelta(days=3)), ago(6), ago(20)]
    assert timeline[-1].appointment.report == "Premier entretien"
    assert session.followup.timeline(9999) == []


def test_get_and_delete(session):
    p = outside(session)
    saved = book(session, p, ago(2), DONE)
    view = session.followup.get(saved.id)
    assert view.appointment == saved and view.file_number == p.file_number
    session.followup.delete(saved.id)
    with pytest.raises(NotFoundError, match="Ce rendez-vous n'existe plus"):
        session.followup.get(saved.id)
    with pytest.raises(NotFoundError):
        session.followup.delete(saved.id)
    with pytest.raises(NotFoundError):
        session.followup.set_status(saved.id, DONE)


# --- drafts --------------------------------------------------------------------------------------


def test_draft_is_at_the_prison_for_someone_inside(session):
    person = inside(session)
    draft = session.followup.new_draft(person.id, at(TODAY, 14))
    assert draft == Appointment(
        participant_id=person.id,
        start=at(TODAY, 14),
        duration_min=60,
        kind=AppointmentKind.IN_DETENTION,
        place="Centre pénitentiaire de Paris-La Santé",
    )


def test_draft_is_at_the_office_otherwise(session):
    released = inside(session, planned_release_date=date(2026, 11, 20))
    for participant_id in (outside(session).id, released.id, None):
        draft = session.followup.new_draft(participant_id, at(TODAY, 9))
        assert draft.kind is AppointmentKind.INDIVIDUAL
        assert draft.place == "Locaux de L'Îlot"
        assert draft.status is PLANNED and draft.id is None
    with pytest.raises(NotFoundError, match="Ce dossier n'existe plus"):
        session.followup.new_draft(9999)


@pytest.mark.parametrize(
    ("now", "proposed"),
    [
        (at(TODAY, 7, 30), at(TODAY, 9)),
        (at(TODAY, 10, 20), at(TODAY, 11)),
        (at(TODAY, 11, 0), at(TODAY, 12)),
        (at(TODAY, 16, 10), at(TODAY, 17)),
        (at(TODAY, 17, 1), at(TODAY + timedelta(days=1), 9)),
        (at(TODAY, 23, 30), at(TODAY + timedelta(days=1), 9)),
    ],
)
def test_draft_start_is_the_next_whole_office_hour(session, now, proposed):
    service = FollowUpService(session._database, lambda: TODAY, now=lambda: now)
    assert service.new_draft(None).start == proposed


# --- saving --------------------------------------------------------------------------------------


def test_save_reads_back_every_field_trimmed_to_the_minute(session):
    p = outside(session)
    original = Appointment(
        participant_id=p.id,
        start=datetime(2026, 11, 25, 14, 30, 42, 5),
        duration_min=90,
        kind=AppointmentKind.ACCOMPANYING,
        place="  CAF de Paris ",
        status=DONE,
        report=" Dossier RSA déposé. ",
        next_steps="\nApporter le RIB\n",
    )
    saved = session.followup.save(original)
    assert saved.id is not None
    assert saved == replace(
        original,
        id=saved.id,
        start=datetime(2026, 11, 25, 14, 30),
        place="CAF de Paris",
        report="Dossier RSA déposé.",
        next_steps="Apporter le RIB",
    )
    assert session.followup.get(saved.id).appointment == saved


def test_update_keeps_one_row(session):
    p = outside(session)
    saved = book(session, p, ago(1))
    session.followup.save(replace(saved, status=DONE, report="Bien passé"))
    [view] = session.followup.timeline(p.id)
    assert view.appointment.status is DONE and view.appointment.report == "Bien passé"
    session.followup.delete(saved.id)
    with pytest.raises(NotFoundError, match="supprimé entre-temps"):
        session.followup.save(saved)


def test_closed_file_refuses_later_appointments(session):
    p = outside(session)
    left_over = book(session, p, at("2026-11-30"))
    p = session.participants.save(replace(p, end_date=date(2026, 11, 20)))
    book(session, p, at("2026-11-20", 16), DONE)
    with pytest.raises(ValidationError) as caught:
        book(session, p, at("2026-11-25"))
    assert caught.value.errors["start"].startswith("Le dossier est clos depuis le 20/11/2026")
    with pytest.raises(ValidationError):
        session.followup.save(replace(left_over, report="Reporté"))
    assert session.followup.set_status(left_over.id, CANCELLED).status is CANCELLED


def test_far_dates_and_future_outcomes_are_refused(session):
    p = outside(session)
    with pytest.raises(ValidationError) as caught:
        book(session, p, at("2028-01-10"))
    assert caught.value.errors == {"start": "Le rendez-vous est à plus d'un an : vérifiez l'année."}
    with pytest.raises(ValidationError) as caught:
        book(session, p, at("2016-01-10"))
    assert "six mois" in caught.value.errors["start"]
    with pytest.raises(ValidationError) as caught:
        book(session, p, at(TODAY + timedelta(days=1)), DONE)
    assert caught.value.errors == {"status": "Un rendez-vous à venir ne peut pas être noté « Réalisé »."}
    with pytest.raises(ValidationError) as caught:
        session.followup.save(Appointment(None, None))
    assert set(caught.value.errors) == {"participant", "start"}
    assert session.followup.timeline(p.id) == []


def test_appointment_for_a_deleted_participant(session):
    p = outside(session)
    with pytest.raises(NotFoundError, match="Ce dossier n'existe plus"):
        session.followup.save(Appointment(p.id + 100, at(TODAY)))


def test_set_status_in_one_action(session):
    p = outside(session)
    past = book(session, p, ago(3))
    marked = session.followup.set_status(past.id, DONE)
    assert marked == replace(past, status=DONE)
    assert session.followup.get(past.id).appointment.status is DONE
    coming = book(session, p, at(TODAY + timedelta(days=2)))
    with pytest.raises(ValidationError, match="à venir"):
        session.followup.set_status(coming.id, ABSENT)
    assert session.followup.set_status(coming.id, CANCELLED).status is CANCELLED
    assert session.followup.set_status(past.id, ABSENT).status is ABSENT


def test_save_many_is_all_or_nothing(session):
    p = outside(session)
    good = [Appointment(p.id, ago(n, 11), status=DONE) for n in (14, 7)]
    bad = Appointment(p.id, at(TODAY + timedelta(days=1)), status=DONE)
    with pytest.raises(ValidationError):
        session.followup.save_many([*good, bad])
    assert session.followup.timeline(p.id) == []
    assert session.followup.save_many(good) == 2
    assert len(session.followup.timeline(p.id)) == 2


# --- Ma semaine ----------------------------------------------------------------------------------


def test_contact_states_sum_up_each_ongoing_person(session):
    p = outside(session, cadence=Cadence.FORTNIGHTLY)
    book(session, p, ago(30), DONE)
    book(session, p, ago(12), DONE)
    book(session, p, ago(8), ABSENT)
    book(session, p, ago(5), CANCELLED)
    book(session, p, ago(2), PLANNED)  # never marked: neither done nor planned ahead
    book(session, p, at(TODAY, 0), ABSENT)  # today (already begun: recorded) counts as the latest outcome
    book(session, p, at(TODAY + timedelta(days=9)), CANCELLED)
    book(session, p, at(TODAY + timedelta(days=4), 15))
    book(session, p, at(TODAY + timedelta(days=11)))
    never_seen = outside(session, last_name="Nouveau", entry_date=date(2026, 11, 20))
    ended = outside(session, last_name="Parti", end_date=TODAY)
    book(session, ended, ago(3), DONE)

    states = {s.participant_id: s for s in session.followup.contact_states()}
    assert set(states) == {p.id, never_seen.id}
    state = states[p.id]
    assert state.last_done == TODAY - timedelta(days=12)
    assert state.next_planned == at(TODAY + timedelta(days=4), 15)
    assert state.last_two_outcomes == (ABSENT, ABSENT)
    assert state.cadence is Cadence.FORTNIGHTLY
    assert (state.file_number, state.entry_date, state.end_date) == (p.file_number, p.entry_date, None)
    assert silence_reason(state, TODAY) == "Deux absences de suite"
    assert not is_due(state, TODAY)

    newcomer = states[never_seen.id]
    assert (newcomer.last_done, newcomer.next_planned, newcomer.last_two_outcomes) == (None, None, ())
    assert is_due(newcomer, TODAY)
    assert ended.id not in states  # a closed file has no follow-up summary


def test_outcomes_are_the_two_latest_newest_first(session):
    p = outside(session, cadence=Cadence.FORTNIGHTLY)
    for days, status in ((40, ABSENT), (30, ABSENT), (20, DONE), (10, ABSENT)):
        book(session, p, ago(days), status)
    [state] = session.followup.contact_states()
    assert state.last_two_outcomes == (ABSENT, DONE)
    assert state.last_done == TODAY - timedelta(days=20)
    assert silence_reason(state, TODAY) is None


def test_overview_buckets(session):
    due = outside(session, last_name="Due", cadence=Cadence.FORTNIGHTLY)
    book(session, due, ago(20), DONE)
    silent = outside(session, last_name="Silence")
    book(session, silent, ago(4), ABSENT)
    book(session, silent, ago(2), ABSENT)
    book(session, silent, at(TODAY, 15))
    releasing = inside(session, last_name="Sortie", planned_release_date=TODAY + timedelta(days=10))
    book(session, releasing, ago(3), DONE)
    book(session, releasing, at("2026-11-25", 9), CANCELLED)
    book(session, releasing, at("2026-11-29", 9))  # Sunday, still this week
    half_year = outside(session, last_name="Semestre", entry_date=TODAY - timedelta(days=180))
    book(session, half_year, ago(3), DONE)
    book(session, half_year, at(TODAY, 9, 30))
    book(session, half_year, at("2026-11-30", 9))
    ended = outside(session, last_name="Parti", end_date=date(2026, 11, 2))
    book(session, ended, at("2026-10-12"), ABSENT)
    book(session, ended, at("2026-10-19"), ABSENT)

    overview = session.followup.overview()
    assert [(v.last_name, v.appointment.start) for v in overview.today] == [
        ("Semestre", at(TODAY, 9, 30)),
        ("Silence", at(TODAY, 15)),
    ]
    # earlier days' appointments already marked Réalisé / Absent are done with: only what is to come
    assert [(v.last_name, v.appointment.start) for v in overview.week] == [("Sortie", at("2026-11-29", 9))]
    assert names(overview.due) == ["Due"]
    assert [(s.last_name, reason) for s, reason in overview.silent] == [("Silence", "Deux absences de suite")]
    assert names(overview.releases) == ["Sortie"]
    assert names(overview.six_months) == ["Semestre"]


def test_overview_agrees_with_the_rules_on_the_demo_year(session):
    from ilot_desktop.services.demo import fill_with_demo_data

    fill_with_demo_data(session)
    states = session.followup.contact_states()
    overview = session.followup.overview()
    assert {s.participant_id for s in overview.due} == {
        s.participant_id for s in states if is_due(s, TODAY) and not silence_reason(s, TODAY)
    }
    assert {s.participant_id: reason for s, reason in overview.silent} == {
        s.participant_id: silence_reason(s, TODAY) for s in states if silence_reason(s, TODAY)
    }
    assert {s.participant_id for s in overview.releases} == {s.participant_id for s in states if release_soon(s, TODAY)}
    assert {s.participant_id for s in overview.six_months} == {
        s.participant_id for s in states if reaching_six_months(s, TODAY)
    }
    # every state matches what the timeline says
    for state in states:
        timeline = [v.appointment for v in session.followup.timeline(state.participant_id)]
        done = [a.start.date() for a in timeline if a.status is DONE and a.start.date() <= TODAY]
        ahead = [a.start for a in timeline if a.status is PLANNED and a.start.date() >= TODAY]
        outcomes = [a.status for a in timeline if a.status in (DONE, ABSENT) and a.start.date() <= TODAY]
        assert state.last_done == max(done, default=None)
        assert state.next_planned == min(ahead, default=None)
        assert state.last_two_outcomes == tuple(outcomes[:2])


# --- demo data -----------------------------------------------------------------------------------


def test_demo_year_of_follow_up(session):
    from ilot_desktop.services.demo import fill_with_demo_data

    assert fill_with_demo_data(session) >= 45
    counts = session.check(full=False).counts
    assert counts["appointments"] >= 500
    assert 24 <= counts["collective_actions"] <= 60

    people = {s.id: s for s in session.participants.summaries()}
    overview = session.followup.overview()
    assert len(overview.silent) >= 2
    assert any(reason == "Deux absences de suite" for _s, reason in overview.silent)
    assert any(reason.startswith("Dernier entretien réalisé") for _s, reason in overview.silent)
    assert len(overview.releases) >= 3
    assert overview.due
    assert overview.week or overview.today

    states = session.followup.contact_states()
    soon = [s for s in states if s.next_planned and s.next_planned.date() <= TODAY + timedelta(days=14)]
    assert len(soon) >= 0.6 * len(states)
    cadences = [session.participants.get(pid).cadence for pid in people]
    assert {Cadence.WEEKLY, Cadence.FORTNIGHTLY, Cadence.MONTHLY, Cadence.EMPLOYMENT} <= set(cadences)

    appointments, _actions = session.followup.week(date(2026, 11, 23))
    assert appointments and all(9 <= v.appointment.start.hour < 18 for v in appointments)
    summaries = session.actions.summaries()
    past = [s for s in summaries if s.action.start.date() < TODAY]
    assert all(3 <= s.registered <= 10 for s in summaries)
    assert all(s.present + s.absent == s.registered for s in past)
    assert sum(s.present for s in past) > 3 * sum(s.absent for s in past) > 0
    someone = next(iter(r.participant_id for r in session.actions.registrations(past[0].action.id)))
    assert any(line.attendance is not None for line in session.actions.for_participant(someone))
    assert {s.action.action_type for s in summaries} == set(ActionType)
    assert Attendance.PRESENT in {line.attendance for pid in people for line in session.actions.for_participant(pid)}


def test_last_weeks_unrecorded_meetings_still_ask_to_be_noted(session):
    person = outside(session, last_name="Oubli")
    book(session, person, at("2026-11-17", 10))  # last week, still "Prévu"
    book(session, person, at("2026-11-18", 10), DONE)
    week = session.followup.overview().week
    assert [(v.last_name, v.appointment.start) for v in week] == [("Oubli", at("2026-11-17", 10))]


def test_closing_a_file_can_cancel_what_was_planned_after(session):
    from dataclasses import replace

    person = outside(session, last_name="Fin")
    book(session, person, at("2026-11-24", 10), DONE)
    later = book(session, person, at("2026-12-03", 10))
    closed = session.participants.save(replace(session.participants.get(person.id), end_date=date(2026, 11, 25)))
    assert [v.appointment.id for v in session.followup.planned_after(closed.id, closed.end_date)] == [later.id]
    assert session.followup.cancel_planned_after(closed.id, closed.end_date) == 1
    assert session.followup.get(later.id).appointment.status is AppointmentStatus.CANCELLED
    assert session.followup.planned_after(closed.id, closed.end_date) == []


def test_the_printed_week_is_written_and_in_the_access_log(session, tmp_path):
    monday = date(2026, 11, 23)
    out = tmp_path / "semaine.pdf"
    session.followup.write_week_sheet(out, monday)
    assert out.read_bytes().startswith(b"%PDF")
    events = [e for e in session.audit.events() if e.action == "week_printed"]
    assert [e.detail for e in events] == ["semaine du 23/11/2026"]
