"""Collective actions against a real encrypted vault: CRUD, registrations, attendance, cascades."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest

from ilot_desktop.domain.actions import CollectiveAction, ParticipantAction, Registration
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentStatus,
    Attendance,
    Housing,
    JusticeSituation,
)
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services.actions import ActionSummary
from tests.factories import make_participant

PRESENT, ABSENT = Attendance.PRESENT, Attendance.ABSENT
TOO_EARLY = "La présence se note le jour de l'action ou après."


def person(session, number: int, last_name: str):
    return session.participants.save(
        make_participant(
            file_number=f"DE-2026-{number:03d}",
            last_name=last_name,
            justice_situation=JusticeSituation.OPEN_CUSTODY,
            housing_at_entry=Housing.OWN,
            facility="",
            planned_release_date=None,
        )
    )


def action(session, reference: str, start: datetime, **overrides) -> CollectiveAction:
    values = dict(
        reference=reference,
        action_type=ActionType.TRE_WORKSHOP,
        title="Atelier CV et lettre de motivation",
        start=start,
        place="Locaux de L'Îlot",
    )
    values.update(overrides)
    return session.actions.save(CollectiveAction(**values))


@pytest.fixture
def past(session) -> CollectiveAction:
    return action(session, "AC-2026-001", datetime(2026, 11, 12, 14, 0))


@pytest.fixture
def future(session) -> CollectiveAction:
    return action(
        session,
        "AC-2026-002",
        datetime(2026, 12, 8, 9, 30),
        action_type=ActionType.COMPANY_VISIT,
        title="Visite du chantier RER E avec Eiffage",
        partner="Eiffage Génie Civil",
    )


# --- actions -------------------------------------------------------------------------------------


def test_new_draft_proposes_the_next_reference_this_afternoon(session):
    draft = session.actions.new_draft()
    assert draft == CollectiveAction(reference="AC-2026-001", start=datetime(2026, 11, 27, 14), duration_min=120)
    action(session, "AC-2026-007", datetime(2026, 11, 3, 14))
    action(session, "AC-2025-012", datetime(2025, 11, 3, 14))
    assert session.actions.new_draft().reference == "AC-2026-008"


def test_save_reads_back_trimmed(session):
    original = CollectiveAction(
        reference=" ac-2026-003 ",
        action_type=ActionType.SPORT_OUTING,
        title=" Sortie vélo au bois de Vincennes ",
        start=datetime(2026, 11, 20, 10, 0, 30),
        duration_min=180,
        place=" Bois de Vincennes",
        partner="Vélo-école ",
    )
    saved = session.actions.save(original)
    assert saved == CollectiveAction(
        reference="AC-2026-003",
        action_type=ActionType.SPORT_OUTING,
        title="Sortie vélo au bois de Vincennes",
        start=datetime(2026, 11, 20, 10, 0),
        duration_min=180,
        place="Bois de Vincennes",
        partner="Vélo-école",
        id=saved.id,
    )
    assert session.actions.get(saved.id) == saved


def test_update_keeps_one_row_and_reference_is_unique(session, past, future):
    session.actions.save(replace(past, title="Atelier CV"))
    assert session.actions.get(past.id).title == "Atelier CV"
    assert len(session.actions.summaries()) == 2
    with pytest.raises(ValidationError) as caught:
        session.actions.save(replace(future, reference="ac-2026-001"))
    assert caught.value.errors == {"reference": "La référence AC-2026-001 est déjà utilisée."}
    with pytest.raises(ValidationError) as caught:
        action(session, "AC-2026-001", datetime(2026, 11, 30, 14))
    assert "déjà utilisée" in caught.value.errors["reference"]


def test_invalid_action_is_refused_with_field_messages(session):
    with pytest.raises(ValidationError) as caught:
        session.actions.save(CollectiveAction(reference="AC-2026-001", start=datetime(2028, 1, 1, 14)))
    assert caught.value.errors == {
        "action_type": "Choisissez le type d'action.",
        "title": "L'intitulé est obligatoire.",
        "start": "L'action est à plus d'un an : vérifiez l'année.",
    }
    assert session.actions.summaries() == []


def test_get_delete_and_missing(session, past):
    session.actions.delete(past.id)
    with pytest.raises(NotFoundError, match="Cette action collective n'existe plus"):
        session.actions.get(past.id)
    with pytest.raises(NotFoundError):
        session.actions.delete(past.id)
    with pytest.raises(NotFoundError, match="supprimée entre-temps"):
        session.actions.save(past)


def test_summaries_count_and_filter_by_dates(session, past, future):
    a, b, c = person(session, 1, "Bernard"), person(session, 2, "Achour"), person(session, 3, "Colin")
    for p in (a, b, c):
        session.actions.register(past.id, p.id)
    session.actions.set_attendance(past.id, a.id, PRESENT)
    session.actions.set_attendance(past.id, b.id, PRESENT)
    session.actions.set_attendance(past.id, c.id, ABSENT)
    session.actions.register(future.id, a.id)
    old = action(session, "AC-2025-001", datetime(2025, 6, 3, 14))

    assert session.actions.summaries() == [
        ActionSummary(future, 1, 0, 0),
        ActionSummary(past, 3, 2, 1),
        ActionSummary(old, 0, 0, 0),
    ]
    assert [s.action for s in session.actions.summaries(date(2026, 1, 1))] == [future, past]
    assert [s.action for s in session.actions.summaries(end=date(2026, 11, 12))] == [past, old]
    assert [s.action for s in session.actions.summaries(date(2026, 11, 12), date(2026, 11, 12))] == [past]


# --- registrations and attendance ----------------------------------------------------------------


def test_registration_is_idempotent_and_sorted_by_name(session, past):
    b, a = person(session, 1, "Bernard"), person(session, 2, "Achour")
    session.actions.register(past.id, b.id)
    session.actions.register(past.id, a.id)
    session.actions.set_attendance(past.id, b.id, PRESENT)
    session.actions.register(past.id, b.id)  # again: nothing changes, attendance kept
    assert session.actions.registrations(past.id) == [
        Registration(a.id, a.file_number, "Achour", "Zéphyrin", None),
        Registration(b.id, b.file_number, "Bernard", "Zéphyrin", PRESENT),
    ]
    session.actions.unregister(past.id, b.id)
    session.actions.unregister(past.id, b.id)  # already gone: no error
    assert [r.participant_id for r in session.actions.registrations(past.id)] == [a.id]


def test_registering_the_unknown_is_refused(session, past):
    p = person(session, 1, "Bernard")
    with pytest.raises(NotFoundError, match="Ce dossier n'existe plus"):
        session.actions.register(past.id, p.id + 50)
    with pytest.raises(NotFoundError, match="Cette action collective n'existe plus"):
        session.actions.register(past.id + 50, p.id)
    with pytest.raises(NotFoundError, match="pas inscrite"):
        session.actions.set_attendance(past.id, p.id, PRESENT)


def test_attendance_only_from_the_day_of_the_action(session, future):
    p = person(session, 1, "Bernard")
    session.actions.register(future.id, p.id)
    with pytest.raises(ValidationError) as caught:
        session.actions.set_attendance(future.id, p.id, PRESENT)
    assert caught.value.errors == {"attendance": TOO_EARLY}
    session.actions.set_attendance(future.id, p.id, None)  # clearing is always allowed
    today = action(session, "AC-2026-009", datetime(2026, 11, 27, 16))
    session.actions.register(today.id, p.id)
    session.actions.set_attendance(today.id, p.id, ABSENT)
    session.actions.set_attendance(today.id, p.id, PRESENT)
    assert session.actions.registrations(today.id)[0].attendance is PRESENT
    session.actions.set_attendance(today.id, p.id, None)
    assert session.actions.registrations(today.id)[0].attendance is None


def test_for_participant_most_recent_first(session, past, future):
    p, other = person(session, 1, "Bernard"), person(session, 2, "Achour")
    session.actions.register(past.id, p.id)
    session.actions.set_attendance(past.id, p.id, PRESENT)
    session.actions.register(future.id, p.id)
    session.actions.register(future.id, other.id)
    assert session.actions.for_participant(p.id) == [
        ParticipantAction(future, None),
        ParticipantAction(past, PRESENT),
    ]
    assert session.actions.for_participant(other.id) == [ParticipantAction(future, None)]


def test_save_many_with_registrations(session):
    p = person(session, 1, "Bernard")
    draft = CollectiveAction("AC-2026-020", ActionType.JOB_DATING, "Job dating", datetime(2026, 11, 3, 10))
    assert session.actions.save_many([(draft, [(p.id, PRESENT)])]) == 1
    [line] = session.actions.for_participant(p.id)
    assert line.attendance is PRESENT and line.action.reference == "AC-2026-020"
    coming = replace(draft, reference="AC-2026-021", start=datetime(2026, 12, 3, 10))
    with pytest.raises(ValidationError) as caught:
        session.actions.save_many([(coming, [(p.id, PRESENT)])])
    assert caught.value.errors == {"attendance": TOO_EARLY}
    assert len(session.actions.summaries()) == 1


# --- cascades ------------------------------------------------------------------------------------


def test_deleting_a_participant_removes_appointments_and_registrations(session, past, future):
    p, other = person(session, 1, "Bernard"), person(session, 2, "Achour")
    for who in (p, other):
        session.followup.save(Appointment(who.id, datetime(2026, 11, 20, 10), status=AppointmentStatus.DONE))
        session.actions.register(past.id, who.id)
    session.actions.register(future.id, p.id)

    session.participants.delete(p.id)
    assert session.followup.timeline(p.id) == []
    assert [r.participant_id for r in session.actions.registrations(past.id)] == [other.id]
    assert session.actions.registrations(future.id) == []
    assert session.actions.for_participant(p.id) == []
    assert len(session.followup.timeline(other.id)) == 1
    report = session.check()
    assert report.ok
    assert report.counts == {
        "participants": 1,
        "appointments": 1,
        "collective_actions": 2,
        "barriers": 0,
        "tasks": 0,
        "outcomes": 0,
    }


def test_deleting_an_action_removes_its_registrations(session, past):
    p = person(session, 1, "Bernard")
    session.actions.register(past.id, p.id)
    session.actions.delete(past.id)
    assert session.actions.for_participant(p.id) == []
    assert session.check().ok


def test_all_present_in_one_transaction_keeps_absences_and_logs_each_person(session, past, future):
    from ilot_desktop.domain.audit import AuditAction

    people = [person(session, n, name) for n, name in ((11, "Abel"), (12, "Bâ"), (13, "Cohen"))]
    for p in people:
        session.actions.register(past.id, p.id)
    session.actions.set_attendance(past.id, people[1].id, ABSENT)
    assert session.actions.mark_all_present(past.id) == 2
    assert [r.attendance for r in session.actions.registrations(past.id)] == [PRESENT, ABSENT, PRESENT]
    assert session.actions.mark_all_present(past.id) == 0  # nothing left to note
    logged = session.audit.events(participant_id=people[0].id)
    assert [e.detail for e in logged if e.action == AuditAction.PARTICIPANT_UPDATED].count("action collective") == 2
    session.actions.register(future.id, people[0].id)
    with pytest.raises(ValidationError):
        session.actions.mark_all_present(future.id)  # not before the day of the action
    with pytest.raises(NotFoundError):
        session.actions.mark_all_present(9999)
