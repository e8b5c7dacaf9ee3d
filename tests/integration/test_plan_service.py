"""The action plan against a real encrypted vault: tasks, overdue ones, suggestions, the printed plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event

from ilot_desktop.domain.action_plan import SUGGESTIONS, SUGGESTIONS_BY_CATEGORY, PlanAppointment, Task
from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import (
    AppointmentKind,
    AppointmentStatus,
    BarrierCategory,
    BarrierStatus,
    Housing,
    JusticeSituation,
    TaskOwner,
    TaskStatus,
)
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services.plan import PlanService
from tests.conftest import TODAY
from tests.factories import make_participant

TODO, DONE, DROPPED = TaskStatus.TODO, TaskStatus.DONE, TaskStatus.DROPPED
PERSON, CASEWORKER, TOGETHER = TaskOwner.PERSON, TaskOwner.CASEWORKER, TaskOwner.TOGETHER
_numbers = iter(range(1, 1000))


def outside(session, **overrides):
    """A saved participant out of detention, followed since 1 October 2026."""
    values = dict(
        file_number=f"DE-2026-{next(_numbers):03d}",
        justice_situation=JusticeSituation.OPEN_CUSTODY,
        housing_at_entry=Housing.SQUAT,
        facility="",
        planned_release_date=None,
    )
    values.update(overrides)
    return session.participants.save(make_participant(**values))


def add(session, p, description="Préparer un CV", **overrides) -> Task:
    return session.plan.save(Task(participant_id=p.id, description=description, **overrides))


def days(n: int) -> date:
    return TODAY + timedelta(days=n)


# --- saving ----------------------------------------------------------------------------------------


def test_a_new_task_is_trimmed_and_created_today(session):
    p = outside(session)
    saved = add(session, p, "  Préparer un CV  ", owner=TOGETHER, due_date=days(7))
    assert saved.id is not None
    assert (saved.description, saved.created_on, saved.status, saved.done_on) == (
        "Préparer un CV",
        TODAY,
        TODO,
        None,
    )
    assert session.plan.get(saved.id) == saved
    assert session.plan.tasks(p.id) == [saved]
    earlier = add(session, p, "Venir à l'atelier", created_on=date(2026, 11, 2))
    assert earlier.created_on == date(2026, 11, 2)


def test_refused_tasks(session):
    p = outside(session)
    with pytest.raises(ValidationError) as error:
        add(session, p, "   ")
    assert error.value.errors == {"description": "Décrivez la tâche."}
    with pytest.raises(ValidationError) as error:
        add(session, p, owner=None)
    assert error.value.errors == {"owner": "Indiquez qui fait la tâche."}
    with pytest.raises(ValidationError) as error:
        add(session, p, due_date=date(2029, 1, 1))
    assert error.value.errors == {"due_date": "L'échéance est à plus de deux ans : vérifiez l'année."}
    with pytest.raises(ValidationError) as error:
        add(session, p, due_date=date(2014, 6, 1))
    assert set(error.value.errors) == {"due_date"}
    with pytest.raises(NotFoundError, match="Ce dossier n'existe plus"):
        session.plan.save(Task(participant_id=9999, description="Préparer un CV"))
    assert session.plan.tasks(p.id) == []


def test_done_is_dated_and_other_statuses_forget_it(session):
    p = outside(session)
    task = add(session, p, status=DONE)
    assert task.done_on == TODAY
    dated = add(session, p, "Ouvrir un compte bancaire", status=DONE, done_on=date(2026, 11, 20))
    assert dated.done_on == date(2026, 11, 20)
    assert session.plan.save(replace(dated, status=TODO)).done_on is None
    assert session.plan.set_status(task.id, DROPPED).done_on is None
    assert session.plan.set_status(task.id, DONE).done_on == TODAY
    assert session.plan.set_status(task.id, TODO) == replace(task, status=TODO, done_on=None)
    with pytest.raises(NotFoundError, match="Cette tâche n'existe plus"):
        session.plan.set_status(9999, DONE)


def test_a_linked_barrier_is_the_same_persons(session):
    p, other = outside(session), outside(session)
    mine = session.barriers.save(Barrier(p.id, BarrierCategory.HOUSING, "Squat"))
    theirs = session.barriers.save(Barrier(other.id, BarrierCategory.HOUSING, "Squat"))
    linked = add(session, p, "Faire une demande d'hébergement au SIAO", barrier_id=mine.id)
    assert linked.barrier_id == mine.id
    with pytest.raises(ValidationError) as error:
        add(session, p, barrier_id=theirs.id)
    assert error.value.errors == {"barrier_id": "Ce frein ne concerne pas cette personne."}
    with pytest.raises(ValidationError) as error:
        add(session, p, barrier_id=9999)
    assert error.value.errors == {"barrier_id": "Ce frein n'existe plus."}
    session.barriers.delete(mine.id)
    assert session.plan.get(linked.id).barrier_id is None  # the task stays, unlinked


def test_delete(session):
    p = outside(session)
    task = add(session, p)
    session.plan.delete(task.id)
    assert session.plan.tasks(p.id) == []
    with pytest.raises(NotFoundError, match="Cette tâche n'existe plus"):
        session.plan.delete(task.id)
    with pytest.raises(NotFoundError):
        session.plan.get(task.id)
    with pytest.raises(NotFoundError, match="supprimée entre-temps"):
        session.plan.save(task)


def test_tasks_to_do_first_by_due_date_then_closed_latest_first(session):
    p, other = outside(session), outside(session)
    undated = add(session, p, "Sans date")
    later = add(session, p, "Plus tard", due_date=days(20))
    soon = add(session, p, "Bientôt", due_date=days(2))
    late = add(session, p, "En retard", due_date=days(-5))
    done_long_ago = add(session, p, "Fait il y a longtemps", status=DONE, done_on=date(2026, 10, 3))
    done_lately = add(session, p, "Fait récemment", status=DONE, done_on=date(2026, 11, 25))
    dropped = add(session, p, "Abandonné aujourd'hui", status=DROPPED)
    add(session, other, "Pas à elle")
    assert [t.description for t in session.plan.tasks(p.id)] == [
        late.description,
        soon.description,
        later.description,
        undated.description,
        dropped.description,
        done_lately.description,
        done_long_ago.description,
    ]
    assert session.plan.tasks(p.id, include_closed=False) == [late, soon, later, undated]


# --- overdue tasks ---------------------------------------------------------------------------------


def test_overdue_tasks_of_people_still_followed_oldest_first(session):
    followed = outside(session, last_name="Suivi")
    ending_later = outside(session, last_name="Bientôt", end_date=None)
    ended = outside(session, last_name="Terminé", entry_date=date(2026, 6, 1), end_date=date(2026, 11, 20))
    a = add(session, followed, "Une semaine de retard", due_date=days(-7))
    b = add(session, ending_later, "Deux semaines de retard", due_date=days(-14))
    add(session, followed, "Pour aujourd'hui", due_date=TODAY)
    add(session, followed, "Sans date")
    add(session, followed, "Fait en retard", due_date=days(-3), status=DONE)
    add(session, followed, "Abandonné", due_date=days(-3), status=DROPPED)
    add(session, ended, "Dossier clos", due_date=days(-30))
    overdue = session.plan.overdue()
    assert [(line.task, line.last_name) for line in overdue] == [(b, "Bientôt"), (a, "Suivi")]
    assert overdue[0].file_number == ending_later.file_number and overdue[0].first_name == "Zéphyrin"
    # ten days ago, the closed file was still followed
    assert [line.task.description for line in session.plan.overdue(days(-10))] == [
        "Dossier clos",
        "Deux semaines de retard",
    ]
    # Ma semaine shows them
    assert session.followup.overview().overdue_tasks == overdue


def test_overdue_is_one_query_on_the_status_and_due_date_index(session):
    p = outside(session)
    add(session, p, due_date=days(-3))
    statements: list[tuple[str, object]] = []
    engine = session._database.engine

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        assert len(session.plan.overdue()) == 1
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    queries = [(s, params) for s, params in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(queries) == 1
    with engine.connect() as connection:
        driver = connection.connection.driver_connection
        plan = [row[3] for row in driver.execute(f"EXPLAIN QUERY PLAN {queries[0][0]}", queries[0][1])]
    assert any("ix_tasks_status_due_date" in line for line in plan), plan


# --- suggestions -----------------------------------------------------------------------------------


def test_suggestions_follow_the_barriers_still_to_lift(session):
    p = outside(session)
    assert session.plan.suggestions(p.id) == list(SUGGESTIONS)
    session.barriers.save(Barrier(p.id, BarrierCategory.DEBTS, "Bordereau des dettes"))
    housing = session.barriers.save(Barrier(p.id, BarrierCategory.HOUSING, "Squat"))
    offered = session.plan.suggestions(p.id)
    assert offered[:3] == [
        *SUGGESTIONS_BY_CATEGORY[BarrierCategory.HOUSING],
        *SUGGESTIONS_BY_CATEGORY[BarrierCategory.DEBTS],
    ]
    session.barriers.set_status(housing.id, BarrierStatus.LIFTED)
    assert session.plan.suggestions(p.id)[0] == "Demander le bordereau des dettes au Trésor Public"
    add(session, p, "Demander le bordereau des dettes au Trésor Public")
    add(session, p, "Préparer un CV", status=DONE)  # done: may be suggested again
    offered = session.plan.suggestions(p.id)
    assert "Demander le bordereau des dettes au Trésor Public" not in offered
    assert offered[0] == SUGGESTIONS[0] == "Préparer un CV"
    assert len(offered) == len(set(offered))


# --- the printed plan ------------------------------------------------------------------------------


def test_document_holds_only_tasks_to_do_split_by_owner(session):
    p = outside(session)
    barrier = session.barriers.save(Barrier(p.id, BarrierCategory.HOUSING, "Squat", comment="Expulsion prévue"))
    mine_late = add(session, p, "Apporter l'avis d'imposition", due_date=days(10))
    mine_soon = add(session, p, "Demander la carte Vitale", due_date=days(3))
    mine_undated = add(session, p, "Venir à l'atelier TRE")
    hers = add(session, p, "Faire une demande d'hébergement au SIAO", owner=CASEWORKER, barrier_id=barrier.id)
    ours = add(session, p, "Préparer un CV", owner=TOGETHER, due_date=days(5))
    add(session, p, "Déjà fait", status=DONE)
    add(session, p, "Laissé de côté", owner=TOGETHER, status=DROPPED)
    doc = session.plan.document(p.id)
    assert (doc.association, doc.programme, doc.printed_on) == ("L'Îlot", "Dynamiques Emploi", TODAY)
    assert (doc.person_first_name, doc.caseworker_first_name) == ("Zéphyrin", "Ariane")
    assert not hasattr(doc, "person_last_name")  # the printed plan cannot name the family
    assert doc.person_tasks == [mine_soon, mine_late, mine_undated]
    assert doc.caseworker_tasks == [replace(hers, barrier_id=None)]
    assert doc.shared_tasks == [ours]
    assert doc.next_appointment is None and doc.caseworker_contact == ""
    other = session.plan.document(p.id, association="Autre association", programme="Autre dispositif")
    assert (other.association, other.programme) == ("Autre association", "Autre dispositif")
    with pytest.raises(NotFoundError, match="Ce dossier n'existe plus"):
        session.plan.document(9999)


def test_document_tells_nothing_of_barriers_or_justice(session):
    p = session.participants.save(
        make_participant(file_number="DE-2026-900", justice_constraints="Pointage hebdomadaire au SPIP")
    )
    session.barriers.save(
        Barrier(p.id, BarrierCategory.ADDICTIONS, "Alcool", BarrierStatus.ORIENTED, partner="CSAPA Paris 18e")
    )
    add(session, p, "Préparer un CV")
    session.followup.save(
        Appointment(p.id, datetime(2026, 12, 3, 10), kind=AppointmentKind.IN_DETENTION, place=p.facility)
    )
    doc = session.plan.document(p.id)
    text = repr(doc)
    for secret in (
        "Alcool",
        "CSAPA",
        "Addictions",
        "Pointage",
        "La Santé",
        "pénitentiaire",
        "Leroux",
        "1985",
    ):
        assert secret not in text
    assert doc.next_appointment == PlanAppointment(datetime(2026, 12, 3, 10), "", "Ariane")
    assert all(t.barrier_id is None for t in doc.person_tasks + doc.caseworker_tasks + doc.shared_tasks)


def test_next_appointment_is_the_earliest_planned_from_now(session):
    p, other = outside(session), outside(session)
    now = datetime(2026, 11, 27, 11, 0)
    service = PlanService(session._database, lambda: TODAY, now=lambda: now)

    def book(person, start, status=AppointmentStatus.PLANNED, place="Locaux de L'Îlot"):
        session.followup.save(Appointment(person.id, start, status=status, place=place))

    book(p, datetime(2026, 11, 27, 9))  # earlier today, still to record: past
    book(p, datetime(2026, 12, 1, 9), AppointmentStatus.CANCELLED)
    book(p, datetime(2026, 12, 10, 14))
    book(p, datetime(2026, 12, 2, 10), place="France Travail, agence Paris 19e")
    book(other, datetime(2026, 11, 28, 9))
    assert service.document(p.id).next_appointment == PlanAppointment(
        datetime(2026, 12, 2, 10), "France Travail, agence Paris 19e", "Ariane"
    )
    book(p, datetime(2026, 11, 27, 11))  # right now still counts
    assert service.document(p.id).next_appointment.start == now
    assert service.document(outside(session).id).next_appointment is None


def test_caseworker_contact_is_kept_in_the_vault_and_printed(session):
    assert session.plan.caseworker_contact() == {"name": "", "phone": "", "email": "", "address": ""}
    session.plan.set_caseworker_contact(" Camille Vasseur ", " 01 99 00 00 10 ", " camille@example.org ")
    assert session.plan.caseworker_contact() == {
        "name": "Camille Vasseur",
        "phone": "01 99 00 00 10",
        "email": "camille@example.org",
        "address": "",
    }
    assert session.participants.new_draft().caseworker == "Camille Vasseur"  # the usual caseworker too
    without = outside(session, caseworker="")
    doc = session.plan.document(without.id)
    assert doc.caseworker_first_name == "Camille"
    assert doc.caseworker_contact == "01 99 00 00 10 · camille@example.org"
    assert session.plan.document(outside(session).id).caseworker_first_name == "Ariane"  # the file's own
    session.plan.set_caseworker_contact("Camille Vasseur", "", "camille@example.org")
    assert session.plan.document(without.id).caseworker_contact == "camille@example.org"
    with pytest.raises(ValidationError) as error:
        session.plan.set_caseworker_contact("Camille", "pas un numéro", "camille@")
    assert set(error.value.errors) == {"phone", "email"}
    assert session.plan.caseworker_contact()["email"] == "camille@example.org"


# --- many at once ----------------------------------------------------------------------------------


def test_save_many_is_all_or_nothing(session):
    p = outside(session)
    good = Task(p.id, "Préparer un CV", TOGETHER, due_date=days(3))
    assert session.plan.save_many([good, Task(p.id, "Ouvrir un compte bancaire", status=DONE)]) == 2
    assert [t.done_on for t in session.plan.tasks(p.id)] == [None, TODAY]
    with pytest.raises(ValidationError):
        session.plan.save_many([good, Task(p.id, "")])
    assert len(session.plan.tasks(p.id)) == 2


# --- demo data -----------------------------------------------------------------------------------


def test_demo_has_barriers_with_histories_and_action_plans(session):
    """(How long the demo takes is measured by benchmarks/, not asserted here: a loaded machine is slower.)"""
    from ilot_desktop.services.demo import fill_with_demo_data

    fill_with_demo_data(session)
    counts = session.check(full=False).counts
    assert counts["barriers"] >= 150 and counts["tasks"] >= 150
    people = session.participants.summaries()
    with_barriers = 0
    for summary in people:
        barriers = session.barriers.for_participant(summary.id)
        histories = session.barriers.histories(summary.id)
        assert set(histories) == {b.id for b in barriers}
        for b in barriers:
            path = histories[b.id]
            assert path[0].on == b.identified_on and path[-1].status is b.status
        with_barriers += bool(barriers)
        tasks = session.plan.tasks(summary.id)
        if summary.status(TODAY).value == "ongoing":
            assert 3 <= len(tasks) <= 8
            doc = session.plan.document(summary.id)
            todo = [t for t in tasks if t.status is TODO]
            assert len(doc.person_tasks + doc.caseworker_tasks + doc.shared_tasks) == len(todo)
    assert with_barriers >= 0.9 * len(people)
    overview = session.followup.overview()
    assert overview.overdue_tasks == session.plan.overdue()
    assert 4 <= len(overview.overdue_tasks) <= 20


def test_the_printed_place_never_names_a_care_centre_or_a_justice_office(session):
    p = outside(session)
    session.followup.save(Appointment(p.id, datetime(2026, 12, 2, 10), place="CSAPA Paris 18e, 5 rue X"))
    doc = session.plan.document(p.id)
    assert doc.next_appointment.place == "Lieu précisé par ma conseillère"


def test_contact_details_are_printed_only_beside_their_owner(session):
    session.plan.set_caseworker_contact("Ariane Morel", "01 00 00 00 00", "ariane@example.org")
    mine = outside(session, caseworker="MOREL Ariane")
    theirs = outside(session, caseworker="Camille Vasseur")
    assert session.plan.document(mine.id).caseworker_first_name == "Ariane"
    assert "ariane@example.org" in session.plan.document(mine.id).caseworker_contact
    other = session.plan.document(theirs.id)
    assert other.caseworker_first_name == "Camille" and other.caseworker_contact == ""


def test_the_overdue_query_and_the_domain_rule_agree(session):
    """« En retard » in the plan panel (``is_overdue``) and in Ma semaine (the SQL of ``TaskRepository.overdue``)
    are one rule: every status, every due date around today, with and without a date."""
    from ilot_desktop.domain.action_plan import is_overdue

    followed = outside(session)
    tasks = [
        add(
            session,
            followed,
            f"{status.value} {offset}",
            due_date=None if offset is None else days(offset),
            status=status,
        )
        for status in (TODO, DONE, DROPPED)
        for offset in (None, -30, -1, 0, 1)
    ]
    for today in (days(-1), TODAY, days(1)):
        expected = {t.id for t in tasks if is_overdue(t, today)}
        assert {line.task.id for line in session.plan.overdue(today)} == expected
    assert len([t for t in tasks if is_overdue(t, TODAY)]) == 2  # to do, due 30 days and 1 day ago


# --- a way to reach the caseworker; no past date on the sheet ----------------------------------------------------


def test_the_office_address_is_kept_asked_for_and_printed(session):
    assert session.plan.contact_missing()
    with pytest.raises(ValidationError) as error:
        session.plan.set_caseworker_contact("Camille Vasseur", "", "", "", required=True)
    assert set(error.value.errors) == {"phone", "address"}
    session.plan.set_caseworker_contact(
        "Camille Vasseur", "01 99 00 00 10", "", " 24 rue  Gaston Tessier, 75019 Paris "
    )
    assert not session.plan.contact_missing()
    assert session.plan.caseworker_contact()["address"] == "24 rue Gaston Tessier, 75019 Paris"
    session.plan.set_caseworker_contact("Camille Vasseur", "01 99 00 00 11", "")  # no address given: kept
    assert session.plan.caseworker_contact()["address"] == "24 rue Gaston Tessier, 75019 Paris"
    followed = outside(session, caseworker="Autre Collègue")
    # the office is where the person finds whoever follows her: printed even beside a colleague's name
    assert session.plan.document(followed.id).office_address == "24 rue Gaston Tessier, 75019 Paris"


def test_late_tasks_get_new_dates_all_or_none(session):
    followed = outside(session)
    late = add(session, followed, "Demander la carte Vitale", due_date=days(-7))
    later = add(session, followed, "Ouvrir un compte bancaire", due_date=days(-1))
    with pytest.raises(ValidationError) as error:
        session.plan.reschedule({late.id: days(7), later.id: days(-2)})
    assert set(error.value.errors) == {str(later.id)}
    assert session.plan.get(late.id).due_date == days(-7)  # none saved
    saved = session.plan.reschedule({late.id: days(7), later.id: TODAY})
    assert [t.due_date for t in saved] == [days(7), TODAY]
    assert session.plan.get(late.id).due_date == days(7) and session.plan.get(later.id).due_date == TODAY
    assert session.plan.overdue() == []
    with pytest.raises(NotFoundError):
        session.plan.reschedule({987654: days(3)})
