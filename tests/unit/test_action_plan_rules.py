"""Action plan rules: task validation, status dates, ordering by owner, suggestions, the contact."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime

import pytest

from ilot_desktop.domain.action_plan import (
    SUGGESTIONS,
    SUGGESTIONS_BY_CATEGORY,
    ActionPlanDocument,
    OverdueTask,
    Task,
    contact_line,
    first_name_of,
    plan_suggestions,
    split_by_owner,
    validate_contact,
    validate_task,
    with_status,
)
from ilot_desktop.domain.vocabulary import BarrierCategory, TaskOwner, TaskStatus

TODAY = date(2026, 11, 27)
TODO, DONE, DROPPED = TaskStatus.TODO, TaskStatus.DONE, TaskStatus.DROPPED
PERSON, CASEWORKER, TOGETHER = TaskOwner.PERSON, TaskOwner.CASEWORKER, TaskOwner.TOGETHER


def task(**overrides) -> Task:
    values = dict(participant_id=1, description="Préparer un CV", created_on=TODAY)
    values.update(overrides)
    return Task(**values)


# --- validation ------------------------------------------------------------------------------------


def test_a_plain_task_is_valid():
    assert validate_task(task(), TODAY) == {}
    assert validate_task(task(due_date=date(2015, 1, 1)), TODAY) == {}
    assert validate_task(task(due_date=date(2028, 11, 27)), TODAY) == {}
    assert validate_task(task(status=DONE, done_on=TODAY), TODAY) == {}


def test_description_owner_and_person_are_required():
    assert validate_task(Task(owner=None, status=None), TODAY) == {
        "participant": "Choisissez la personne concernée.",
        "description": "Décrivez la tâche.",
        "owner": "Indiquez qui fait la tâche.",
        "status": "Choisissez le statut de la tâche.",
    }
    assert validate_task(task(description="   "), TODAY) == {"description": "Décrivez la tâche."}
    assert validate_task(task(description="x" * 300), TODAY) == {}
    assert validate_task(task(description="x" * 301), TODAY) == {
        "description": "La tâche ne doit pas dépasser 300 caractères."
    }


@pytest.mark.parametrize(
    ("due", "message"),
    [
        (date(2014, 12, 31), "L'échéance est antérieure au 01/01/2015 : vérifiez l'année."),
        (date(2028, 11, 28), "L'échéance est à plus de deux ans : vérifiez l'année."),
        (date(2206, 11, 27), "L'échéance est à plus de deux ans : vérifiez l'année."),
    ],
)
def test_due_date_bounds(due, message):
    assert validate_task(task(due_date=due), TODAY) == {"due_date": message}


def test_two_years_from_a_leap_day():
    leap = date(2028, 2, 29)
    assert validate_task(task(due_date=date(2030, 2, 28)), leap) == {}
    assert "due_date" in validate_task(task(due_date=date(2030, 3, 1)), leap)


def test_done_date_only_for_done_and_not_ahead():
    assert validate_task(task(done_on=TODAY), TODAY) == {
        "done_on": "Une date de réalisation n'a de sens que pour une tâche faite."
    }
    assert validate_task(task(status=DONE, done_on=date(2026, 11, 28)), TODAY) == {
        "done_on": "La date de réalisation ne peut pas être dans le futur."
    }


def test_with_status_dates_done_and_forgets_otherwise():
    original = task()
    done = with_status(original, DONE, TODAY)
    assert (done.status, done.done_on) == (DONE, TODAY)
    assert original.status is TODO and original.done_on is None
    assert with_status(task(status=DONE, done_on=date(2026, 11, 2)), DONE, TODAY).done_on == date(2026, 11, 2)
    for status in (TODO, DROPPED):
        back = with_status(done, status, TODAY)
        assert (back.status, back.done_on) == (status, None)


# --- the printed plan's grouping -----------------------------------------------------------------------


def test_split_by_owner_keeps_only_tasks_to_do_soonest_first_undated_last():
    tasks = [
        task(id=1, description="Sans date", owner=PERSON),
        task(id=2, description="Plus tard", owner=PERSON, due_date=date(2026, 12, 20)),
        task(id=3, description="Bientôt", owner=PERSON, due_date=date(2026, 12, 1)),
        task(id=4, description="Fait", owner=PERSON, due_date=date(2026, 11, 30), status=DONE, done_on=TODAY),
        task(id=5, description="Abandonné", owner=TOGETHER, status=DROPPED),
        task(id=6, description="Dossier SIAO", owner=CASEWORKER, due_date=date(2026, 12, 3)),
        task(id=7, description="CV", owner=TOGETHER),
    ]
    person, caseworker, together = split_by_owner(tasks)
    assert [t.description for t in person] == ["Bientôt", "Plus tard", "Sans date"]
    assert [t.description for t in caseworker] == ["Dossier SIAO"]
    assert [t.description for t in together] == ["CV"]


def test_the_printed_plan_has_no_field_for_barriers_or_justice():
    names = {f.name for f in fields(ActionPlanDocument)} | {f.name for f in fields(Task)}
    sensitive = ("justice", "facility", "cpip", "category", "item", "diagnos", "comment", "birth", "phone")
    assert not [n for n in names if any(word in n for word in sensitive)]


# --- suggestions -----------------------------------------------------------------------------------


def test_suggestions_without_barriers_are_the_general_ones():
    assert plan_suggestions([], []) == list(SUGGESTIONS)


def test_suggestions_for_open_barriers_come_first_in_checklist_order():
    offered = plan_suggestions([BarrierCategory.DEBTS, BarrierCategory.HOUSING], [])
    expected_first = [
        *SUGGESTIONS_BY_CATEGORY[BarrierCategory.HOUSING],
        *SUGGESTIONS_BY_CATEGORY[BarrierCategory.DEBTS],
    ]
    assert offered[: len(expected_first)] == expected_first
    assert len(offered) == len(set(offered)) == len(set(SUGGESTIONS) | set(expected_first))
    assert set(offered) >= set(SUGGESTIONS)


def test_suggestions_skip_open_tasks_case_and_accents_ignored():
    offered = plan_suggestions(
        [BarrierCategory.RIGHTS], ["  refaire la carte d'IDENTITE ", "Préparer un CV", "Une tâche à moi"]
    )
    assert "Refaire la carte d'identité" not in offered
    assert "Préparer un CV" not in offered
    assert offered[0] == "Ouvrir les droits RSA"
    assert "Une tâche à moi" not in offered


def test_every_category_suggestion_is_short_enough():
    for texts in SUGGESTIONS_BY_CATEGORY.values():
        assert all(len(t) <= 300 for t in texts)
    assert all(len(t) <= 300 for t in SUGGESTIONS)


# --- the caseworker ----------------------------------------------------------------------------------


def test_first_name_and_contact_line():
    assert first_name_of("Ariane Morel") == "Ariane"
    assert first_name_of("  Marie-Claire  Dupont ") == "Marie-Claire"
    assert first_name_of("") == ""
    assert contact_line("01 99 00 00 10", "ariane@example.org") == "01 99 00 00 10 · ariane@example.org"
    assert contact_line("", " ariane@example.org ") == "ariane@example.org"
    assert contact_line(" ", "") == ""


def test_contact_validation():
    assert validate_contact("Ariane Morel", "01 99 00 00 10", "ariane@example.org") == {}
    assert validate_contact("", "", "") == {}
    assert set(validate_contact("x" * 201, "abc", "ariane@")) == {"name", "phone", "email"}


def test_overdue_task_names_the_person():
    line = OverdueTask(task(), "DE-2026-001", "Benali", "Karim")
    assert line.display_name == "BENALI Karim"


def test_overdue_is_a_task_to_do_due_before_today():
    from ilot_desktop.domain.action_plan import is_overdue

    today = date(2026, 11, 25)
    assert is_overdue(Task(1, "x", due_date=date(2026, 11, 24)), today)
    assert not is_overdue(Task(1, "x", due_date=today), today)  # due today: not late yet
    assert not is_overdue(Task(1, "x"), today)  # no date, never late
    for status in (TaskStatus.DONE, TaskStatus.DROPPED):
        assert not is_overdue(Task(1, "x", due_date=date(2026, 1, 1), status=status), today)


def test_sensitive_words_of_a_printed_plan_and_the_french_warning():
    from ilot_desktop.domain.action_plan import (
        ActionPlanDocument,
        PlanAppointment,
        sensitive_warning,
        sensitive_words,
    )

    plan = ActionPlanDocument(
        "L'Îlot",
        "Dynamiques Emploi",
        date(2026, 11, 25),
        "Zéphyrin",
        "Ariane",
        "",
        PlanAppointment(datetime(2026, 12, 1, 10), "Parloir", "Ariane"),
        person_tasks=[Task(1, "Appeler la psychiatre"), Task(1, "Demander l'extrait de casier")],
        shared_tasks=[Task(1, "Préparer un CV")],
    )
    # accents and case ignored, an apostrophe separates words; only whole words count
    assert sensitive_words(plan) == ["parloir", "psychiatre", "casier"]
    clean = ActionPlanDocument("L'Îlot", "DE", date(2026, 11, 25), "Z", "A", "", None, [Task(1, "Préparer un CV")])
    assert sensitive_words(clean) == [] and sensitive_warning([]) == ""
    assert sensitive_warning(["CPIP"]) == (
        "Attention, ce plan mentionne\u00a0: «\u00a0CPIP\u00a0». La personne emporte cette feuille\u00a0: reformulez "
        "la tâche si elle ne doit pas le lire ou le montrer."
    )
