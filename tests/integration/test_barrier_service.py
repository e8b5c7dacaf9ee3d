"""The barriers checklist against a real encrypted vault: ticking, statuses, history, uniqueness."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from ilot_desktop.domain.action_plan import Task
from ilot_desktop.domain.barriers import Barrier, BarrierEvent
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus, TaskOwner
from ilot_desktop.errors import NotFoundError, ValidationError
from ilot_desktop.services.barriers import BarrierService
from tests.conftest import TODAY
from tests.factories import make_participant

IDENTIFIED, IN_PROGRESS = BarrierStatus.IDENTIFIED, BarrierStatus.IN_PROGRESS
ORIENTED, LIFTED = BarrierStatus.ORIENTED, BarrierStatus.LIFTED
HOUSING, RIGHTS, DEBTS = BarrierCategory.HOUSING, BarrierCategory.RIGHTS, BarrierCategory.DEBTS
_numbers = iter(range(1, 1000))


def person(session, **overrides):
    overrides.setdefault("file_number", f"DE-2026-{next(_numbers):03d}")
    return session.participants.save(make_participant(**overrides))


def tick(session, p, category=HOUSING, item="Sans abri", **overrides) -> Barrier:
    return session.barriers.save(Barrier(participant_id=p.id, category=category, item=item, **overrides))


class Calendar:
    """A clock the test moves forward."""

    def __init__(self, day: date):
        self.day = day

    def __call__(self) -> date:
        return self.day

    def advance(self, days: int) -> date:
        self.day += timedelta(days=days)
        return self.day


@pytest.fixture
def calendar(session):
    """(clock, barrier service on it), starting on 1 October 2026."""
    clock = Calendar(date(2026, 10, 1))
    return clock, BarrierService(session._database, clock)


# --- ticking ---------------------------------------------------------------------------------------


def test_ticking_identifies_today_and_starts_the_history(session):
    p = person(session)
    saved = tick(session, p, item="  Sans abri  ", comment=" Dort à la gare ")
    assert saved.id is not None
    assert (saved.item, saved.comment, saved.status, saved.identified_on) == (
        "Sans abri",
        "Dort à la gare",
        IDENTIFIED,
        TODAY,
    )
    assert session.barriers.get(saved.id) == saved
    assert session.barriers.history(saved.id) == [BarrierEvent(saved.id, TODAY, IDENTIFIED)]


def test_a_barrier_noted_later_keeps_its_date_and_status(session):
    p = person(session)
    saved = tick(session, p, RIGHTS, "CAF", status=ORIENTED, partner="CAF de Paris", identified_on=date(2026, 10, 5))
    assert session.barriers.history(saved.id) == [BarrierEvent(saved.id, date(2026, 10, 5), ORIENTED, "CAF de Paris")]
    lifted = tick(session, p, DEBTS, "Sans ressources", status=LIFTED, identified_on=date(2026, 10, 2))
    assert lifted.lifted_on == TODAY  # lifting dated today when no date is given


def test_refused_barriers(session):
    p = person(session)
    with pytest.raises(ValidationError) as error:
        tick(session, p, item=" ")
    assert error.value.errors == {"item": "Indiquez le frein."}
    with pytest.raises(ValidationError) as error:
        tick(session, p, identified_on=TODAY + timedelta(days=1))
    assert error.value.errors == {"identified_on": "La date d'identification ne peut pas être dans le futur."}
    with pytest.raises(ValidationError) as error:
        tick(session, p, lifted_on=TODAY)
    assert error.value.errors == {"lifted_on": "Une date de levée n'a de sens que pour un frein levé."}
    with pytest.raises(ValidationError) as error:
        tick(session, p, status=ORIENTED)
    assert error.value.errors == {"partner": "Indiquez le partenaire vers qui la personne est orientée."}
    with pytest.raises(NotFoundError, match="Ce dossier n'existe plus"):
        session.barriers.save(Barrier(participant_id=9999, category=HOUSING, item="Squat"))
    assert session.barriers.for_participant(p.id) == []
    assert session.check(full=False).counts["barriers"] == 0


def test_an_item_is_noted_once_per_person_and_category(session):
    p, other = person(session), person(session)
    first = tick(session, p, RIGHTS, "CAF")
    for variant in ("CAF", " caf ", "Çaf"):
        with pytest.raises(ValidationError) as error:
            tick(session, p, RIGHTS, variant)
        assert error.value.errors == {"item": "Ce frein est déjà noté pour cette personne."}
    tick(session, p, DEBTS, "CAF")  # another category: another barrier
    tick(session, other, RIGHTS, "CAF")  # another person
    session.barriers.save(replace(first, comment="Dossier déposé"))  # saving itself is no duplicate
    second = tick(session, p, RIGHTS, "RSA")
    with pytest.raises(ValidationError, match="déjà noté"):
        session.barriers.save(replace(second, item="caf"))
    assert len(session.barriers.for_participant(p.id)) == 3


def test_checklist_order_is_category_then_item(session):
    p = person(session)
    for category, item in [
        (BarrierCategory.ISOLATION, "Isolement"),
        (RIGHTS, "Domiciliation"),
        (HOUSING, "Squat"),
        (RIGHTS, "CAF"),
        (BarrierCategory.PHYSICAL_HEALTH, "Soins dentaires"),
        (RIGHTS, "Compte bancaire"),
        (RIGHTS, "Âge"),  # accents ignored when sorting
    ]:
        tick(session, p, category, item)
    person(session)  # someone else, nothing ticked
    assert [(b.category, b.item) for b in session.barriers.for_participant(p.id)] == [
        (HOUSING, "Squat"),
        (BarrierCategory.PHYSICAL_HEALTH, "Soins dentaires"),
        (RIGHTS, "Âge"),
        (RIGHTS, "CAF"),
        (RIGHTS, "Compte bancaire"),
        (RIGHTS, "Domiciliation"),
        (BarrierCategory.ISOLATION, "Isolement"),
    ]


# --- statuses and history --------------------------------------------------------------------------


def test_every_status_change_is_kept_with_its_date(session, calendar):
    clock, service = calendar
    p = person(session)
    b = service.save(Barrier(participant_id=p.id, category=HOUSING, item="Sans abri"))
    clock.advance(6)
    service.set_status(b.id, IN_PROGRESS)
    clock.advance(7)
    oriented = service.set_status(b.id, ORIENTED, partner=" SIAO 75 ")
    assert oriented.partner == "SIAO 75"
    clock.advance(30)
    lifted = service.set_status(b.id, LIFTED)
    assert lifted.lifted_on == date(2026, 11, 13) and lifted.partner == "SIAO 75"
    clock.advance(3)
    back = service.set_status(b.id, IN_PROGRESS)  # housing lost again
    assert back.lifted_on is None
    assert service.get(b.id) == back
    assert service.history(b.id) == [
        BarrierEvent(b.id, date(2026, 10, 1), IDENTIFIED),
        BarrierEvent(b.id, date(2026, 10, 7), IN_PROGRESS),
        BarrierEvent(b.id, date(2026, 10, 14), ORIENTED, "SIAO 75"),
        BarrierEvent(b.id, date(2026, 11, 13), LIFTED),  # the partner belongs to the orientation step
        BarrierEvent(b.id, date(2026, 11, 16), IN_PROGRESS),
    ]


def test_setting_the_same_status_adds_nothing(session, calendar):
    clock, service = calendar
    b = service.save(Barrier(participant_id=person(session).id, category=HOUSING, item="Squat"))
    clock.advance(2)
    service.set_status(b.id, IDENTIFIED)
    assert len(service.history(b.id)) == 1


def test_orienting_needs_a_partner(session):
    p = person(session)
    b = tick(session, p)
    with pytest.raises(ValidationError) as error:
        session.barriers.set_status(b.id, ORIENTED)
    assert error.value.errors == {"partner": "Indiquez le partenaire vers qui la personne est orientée."}
    with pytest.raises(ValidationError):
        session.barriers.set_status(b.id, ORIENTED, partner="   ")
    assert session.barriers.get(b.id).status is IDENTIFIED
    assert len(session.barriers.history(b.id)) == 1
    with pytest.raises(NotFoundError, match="Ce frein n'existe plus"):
        session.barriers.set_status(9999, LIFTED)


def test_saving_a_new_status_records_it_today_or_on_the_lifting_date(session, calendar):
    clock, service = calendar
    b = service.save(Barrier(participant_id=person(session).id, category=DEBTS, item="Surendettement"))
    clock.advance(10)
    service.save(replace(b, status=ORIENTED, partner="Point conseil budget"))
    clock.advance(20)
    service.save(replace(b, status=LIFTED, partner="Point conseil budget", lifted_on=date(2026, 10, 25)))
    assert [(e.on, e.status) for e in service.history(b.id)] == [
        (date(2026, 10, 1), IDENTIFIED),
        (date(2026, 10, 11), ORIENTED),
        (date(2026, 10, 25), LIFTED),
    ]


def test_corrections_do_not_add_steps_but_correct_them(session, calendar):
    clock, service = calendar
    b = service.save(Barrier(participant_id=person(session).id, category=HOUSING, item="Squat"))
    clock.advance(10)
    b = service.set_status(b.id, ORIENTED, partner="SIA 75")
    b = service.save(replace(b, partner="SIAO 75", comment="Typo corrigée", identified_on=date(2026, 9, 28)))
    clock.advance(5)
    b = service.set_status(b.id, LIFTED)
    b = service.save(replace(b, lifted_on=date(2026, 10, 14)))
    assert service.history(b.id) == [
        BarrierEvent(b.id, date(2026, 9, 28), IDENTIFIED),
        BarrierEvent(b.id, date(2026, 10, 11), ORIENTED, "SIAO 75"),
        BarrierEvent(b.id, date(2026, 10, 14), LIFTED),
    ]
    with pytest.raises(ValidationError) as error:
        service.save(replace(b, lifted_on=date(2026, 9, 1)))
    assert error.value.errors == {"lifted_on": "La date de levée ne peut pas précéder la date d'identification."}


def test_histories_of_a_participant(session):
    p, other = person(session), person(session)
    housing = tick(session, p)
    rights = tick(session, p, RIGHTS, "CAF")
    session.barriers.set_status(rights.id, IN_PROGRESS)
    tick(session, other)
    histories = session.barriers.histories(p.id)
    assert set(histories) == {housing.id, rights.id}
    assert [e.status for e in histories[rights.id]] == [IDENTIFIED, IN_PROGRESS]
    assert histories[housing.id] == session.barriers.history(housing.id)
    assert session.barriers.histories(9999) == {}


# --- removing --------------------------------------------------------------------------------------


def test_unticking_removes_the_barrier_and_its_history(session):
    p = person(session)
    b = tick(session, p)
    session.barriers.set_status(b.id, IN_PROGRESS)
    session.barriers.delete(b.id)
    assert session.barriers.for_participant(p.id) == []
    assert session.barriers.history(b.id) == []
    with pytest.raises(NotFoundError, match="Ce frein n'existe plus"):
        session.barriers.delete(b.id)
    with pytest.raises(NotFoundError):
        session.barriers.get(b.id)
    with pytest.raises(NotFoundError, match="retiré entre-temps"):
        session.barriers.save(b)
    again = tick(session, p)  # the same item can be ticked again
    assert session.barriers.history(again.id) == [BarrierEvent(again.id, TODAY, IDENTIFIED)]


def test_unticking_keeps_the_tasks_unlinked(session):
    p = person(session)
    b = tick(session, p)
    task = session.plan.save(
        Task(p.id, "Faire une demande d'hébergement au SIAO", TaskOwner.CASEWORKER, barrier_id=b.id)
    )
    session.barriers.delete(b.id)
    assert session.plan.get(task.id) == replace(task, barrier_id=None)


def test_deleting_the_participant_deletes_barriers_history_and_tasks(session):
    p, other = person(session), person(session)
    b = tick(session, p)
    session.barriers.set_status(b.id, LIFTED)
    session.plan.save(Task(p.id, "Préparer un CV", barrier_id=b.id))
    kept = tick(session, other)
    session.plan.save(Task(other.id, "Préparer un CV"))
    session.participants.delete(p.id)
    counts = session.check(full=True).counts
    assert (counts["barriers"], counts["tasks"]) == (1, 1)
    assert session.barriers.history(b.id) == []
    assert session.barriers.for_participant(other.id) == [kept]
    with session._database.engine.connect() as connection:
        events = connection.exec_driver_sql("SELECT count(*) FROM barrier_events").scalar()
    assert events == 1
    assert session.check(full=True).ok


# --- many at once (demo data, imports) ---------------------------------------------------------------


def test_save_many_with_paths(session):
    p = person(session)
    path = [(date(2026, 10, 1), IDENTIFIED, ""), (date(2026, 10, 9), ORIENTED, "SIAO 75")]
    saved = session.barriers.save_many(
        [
            (Barrier(p.id, HOUSING, "Sans abri", ORIENTED, date(2026, 10, 1), partner="SIAO 75"), path),
            (Barrier(p.id, RIGHTS, "CAF", identified_on=date(2026, 10, 2)), []),
        ]
    )
    assert [b.id is not None for b in saved] == [True, True]
    assert session.barriers.history(saved[0].id) == [
        BarrierEvent(saved[0].id, date(2026, 10, 1), IDENTIFIED),
        BarrierEvent(saved[0].id, date(2026, 10, 9), ORIENTED, "SIAO 75"),
    ]
    assert session.barriers.history(saved[1].id) == [BarrierEvent(saved[1].id, date(2026, 10, 2), IDENTIFIED)]


def test_save_many_is_all_or_nothing(session):
    p = person(session)
    good = (Barrier(p.id, HOUSING, "Squat", identified_on=date(2026, 10, 1)), [])
    with pytest.raises(ValidationError, match="déjà noté"):
        session.barriers.save_many([good, (Barrier(p.id, HOUSING, "squat", identified_on=date(2026, 10, 1)), [])])
    wrong_path = [(date(2026, 10, 3), IDENTIFIED, "")]
    with pytest.raises(ValidationError) as error:
        session.barriers.save_many([good, (Barrier(p.id, RIGHTS, "CAF", identified_on=date(2026, 10, 1)), wrong_path)])
    assert set(error.value.errors) == {"history"}
    assert session.barriers.for_participant(p.id) == []


def test_reorientation_another_day_keeps_both_partners(session, calendar):
    clock, service = calendar
    b = service.save(Barrier(participant_id=person(session).id, category=HOUSING, item="Sans abri"))
    clock.advance(5)
    b = service.set_status(b.id, ORIENTED, partner="SIAO 75")
    clock.advance(10)
    b = service.save(replace(b, partner="CHRS Emmaüs"))
    assert [(e.status, e.partner) for e in service.history(b.id)] == [
        (IDENTIFIED, ""),
        (ORIENTED, "SIAO 75"),
        (ORIENTED, "CHRS Emmaüs"),
    ]


def test_corrected_dates_cannot_put_the_history_out_of_order(session, calendar):
    clock, service = calendar
    b = service.save(Barrier(participant_id=person(session).id, category=HOUSING, item="Squat"))
    clock.advance(10)
    b = service.set_status(b.id, IN_PROGRESS)
    clock.advance(10)
    b = service.set_status(b.id, LIFTED)
    with pytest.raises(ValidationError) as caught:
        service.save(replace(b, lifted_on=b.identified_on))
    assert "précéder" in caught.value.errors["lifted_on"]
    with pytest.raises(ValidationError) as caught:
        service.save(replace(b, identified_on=b.lifted_on))
    assert "identifié après" in caught.value.errors["identified_on"]
