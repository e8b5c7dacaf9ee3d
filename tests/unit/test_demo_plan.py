"""The demo's barriers and action plans: valid, deterministic, and consistent with each person's file."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from ilot_desktop.demo.people import demo_participants
from ilot_desktop.demo.plan import demo_plan
from ilot_desktop.domain.action_plan import validate_task
from ilot_desktop.domain.barriers import validate_barrier, validate_history
from ilot_desktop.domain.vocabulary import (
    BarrierCategory,
    BarrierStatus,
    Housing,
    Right,
    RightStatus,
    TaskOwner,
    TaskStatus,
    WorkConstraint,
)

TODAYS = [date(2026, 11, 27), date(2025, 3, 3)]


@pytest.fixture(params=TODAYS, ids=lambda d: d.isoformat())
def today(request: pytest.FixtureRequest) -> date:
    return request.param


def people_with_ids(today: date):
    people = demo_participants(today)
    for number, p in enumerate(people, start=1):
        p.id = number
    return people


def ongoing(p, today: date) -> bool:
    return p.end_date is None or p.end_date > today


def test_same_seed_same_plan(today: date) -> None:
    people = people_with_ids(today)
    assert demo_plan(people, today) == demo_plan(people, today)
    assert demo_plan(people, today) != demo_plan(people, today, seed=7)


def test_every_barrier_its_history_and_every_task_are_valid(today: date) -> None:
    people = {p.id: p for p in people_with_ids(today)}
    barriers, tasks = demo_plan(list(people.values()), today)
    for barrier, steps in barriers:
        assert validate_barrier(barrier, today) == {}, barrier
        assert validate_history(barrier, steps, today) == {}, (barrier, steps)
        p = people[barrier.participant_id]
        assert p.entry_date <= barrier.identified_on <= (p.end_date or today)
        assert steps[0][1] is BarrierStatus.IDENTIFIED
    keys = [(b.participant_id, b.category, b.item) for b, _steps in barriers]
    assert len(keys) == len(set(keys))
    for task, index in tasks:
        assert validate_task(task, today) == {}, task
        p = people[task.participant_id]
        assert p.entry_date <= task.created_on <= today
        if task.done_on:
            assert task.created_on <= task.done_on <= (p.end_date or today)
        if index is not None:
            barrier = barriers[index][0]
            assert barrier.participant_id == task.participant_id
            if barrier.status is BarrierStatus.LIFTED and task.status is TaskStatus.DONE:
                assert task.done_on == barrier.lifted_on


def test_barriers_follow_the_participant_file(today: date) -> None:
    people = people_with_ids(today)
    barriers, _tasks = demo_plan(people, today)
    held = {(b.participant_id, b.category, b.item): b for b, _steps in barriers}
    housing = {Housing.HOMELESS: "Sans abri", Housing.SQUAT: "Squat"}
    for p in people:
        if p.housing_at_entry in housing:
            assert (p.id, BarrierCategory.HOUSING, housing[p.housing_at_entry]) in held
        missing = [r for r in Right if p.rights.get(r) is RightStatus.MISSING]
        for right in missing[:3]:  # rights still to open are barriers not lifted (three at most)
            barrier = held[(p.id, BarrierCategory.RIGHTS, right.label)]
            assert barrier.status is not BarrierStatus.LIFTED
        pairs = {
            WorkConstraint.NO_ALCOHOL_ENV: (BarrierCategory.ADDICTIONS, "Alcool"),
            WorkConstraint.CALM_ENV: (BarrierCategory.MENTAL_HEALTH, "Troubles anxieux"),
            WorkConstraint.TAG_HOURS: (BarrierCategory.JUSTICE, "Horaires du bracelet"),
        }
        for constraint, (category, item) in pairs.items():
            if constraint in p.work_constraints:
                assert held[(p.id, category, item)].status is not BarrierStatus.LIFTED
    assert len({b.participant_id for b, _steps in barriers}) >= 0.9 * len(people)


def test_paths_are_varied_with_partners_and_liftings(today: date) -> None:
    barriers, _tasks = demo_plan(people_with_ids(today), today)
    statuses = Counter(b.status for b, _steps in barriers)
    assert all(statuses[s] >= 15 for s in BarrierStatus), statuses
    partners = {b.partner for b, _steps in barriers if b.partner}
    assert {"CSAPA Paris 18e", "SIAO 75", "Point conseil budget"} <= partners
    assert len({b.category for b, _steps in barriers}) >= 10
    assert sum(len(steps) >= 3 for _b, steps in barriers) >= 30
    assert all(b.lifted_on == steps[-1][0] for b, steps in barriers if b.status is BarrierStatus.LIFTED)


def test_action_plans_of_people_still_followed(today: date) -> None:
    people = people_with_ids(today)
    _barriers, tasks = demo_plan(people, today)
    per_person = Counter(t.participant_id for t, _index in tasks)
    for p in people:
        if ongoing(p, today):
            assert 3 <= per_person[p.id] <= 8, p.file_number
        else:
            assert all(t.status is not TaskStatus.TODO for t, _i in tasks if t.participant_id == p.id)
    assert {t.owner for t, _i in tasks} == set(TaskOwner)
    assert {t.status for t, _i in tasks} == set(TaskStatus)
    overdue = [t for t, _i in tasks if t.status is TaskStatus.TODO and t.due_date and t.due_date < today]
    assert 4 <= len(overdue) <= 20
    assert sum(index is not None for _t, index in tasks) >= len(tasks) // 3
    for p in people:
        descriptions = [t.description for t, _i in tasks if t.participant_id == p.id]
        assert len(descriptions) == len(set(descriptions))
