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
    day_with_name,
    first_name_of,
    of_name,
    plan_suggestions,
    plan_title,
    split_by_owner,
    validate_contact,
    validate_new_due,
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


# --- the printed plan's words: the title, the dates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("first_name", "title"),
    [
        ("Karim", "Plan d'action de Karim"),
        ("Éric", "Plan d'action d'Éric"),
        ("éric", "Plan d'action d'éric"),
        ("Ahmed", "Plan d'action d'Ahmed"),
        ("Œdipe", "Plan d'action d'Œdipe"),
        ("Yves", "Plan d'action d'Yves"),  # y before a consonant: a vowel
        ("Yasmine", "Plan d'action de Yasmine"),  # y before a vowel: a consonant
        ("Hélène", "Plan d'action d'Hélène"),  # mute h
        ("Henri-Paul", "Plan d'action d'Henri-Paul"),
        ("Hassan", "Plan d'action de Hassan"),  # an h not known to be mute is a consonant
        ("  Éric  ", "Plan d'action d'Éric"),
        ("", "Mon plan d'action"),
        ("   ", "Mon plan d'action"),
    ],
)
def test_plan_title_elides_before_a_vowel_or_a_mute_h(first_name, title):
    assert plan_title(first_name) == title


def test_of_name():
    assert of_name("Ulysse") == "d'Ulysse" and of_name("Zoé") == "de Zoé" and of_name("Ibrahim") == "d'Ibrahim"


@pytest.mark.parametrize(
    ("day", "words"),
    [
        (date(2026, 12, 8), "mardi 8 décembre"),
        (date(2026, 12, 1), "mardi 1er décembre"),
        (date(2026, 11, 29), "dimanche 29 novembre"),
        (date(2027, 1, 5), "mardi 5 janvier 2027"),  # another year: said
        (date(2025, 12, 31), "mercredi 31 décembre 2025"),
        (date(2026, 8, 3), "lundi 3 août"),
    ],
)
def test_day_with_name_is_french_and_names_the_year_only_when_it_changes(day, words):
    assert day_with_name(day, TODAY) == words


def test_day_with_name_does_not_follow_the_computers_language():
    """An English Windows (strftime's « Thursday ») still prints « jeudi »."""
    import locale

    before = locale.setlocale(locale.LC_TIME)
    locale.setlocale(locale.LC_TIME, "C")
    try:
        assert date(2026, 12, 10).strftime("%A") == "Thursday"
        assert day_with_name(date(2026, 12, 10), TODAY) == "jeudi 10 décembre"
    finally:
        locale.setlocale(locale.LC_TIME, before)


def test_a_late_tasks_new_date_is_today_or_later_and_within_two_years():
    assert validate_new_due(None, TODAY) == ""
    assert validate_new_due(TODAY, TODAY) == ""
    assert validate_new_due(date(2026, 12, 8), TODAY) == ""
    assert "déjà passée" in validate_new_due(date(2026, 11, 26), TODAY)
    assert "deux ans" in validate_new_due(date(2029, 1, 1), TODAY)


def test_contact_asked_before_a_plan_needs_the_phone_and_the_office_address():
    assert validate_contact("Ariane Morel", "", "", "") == {}  # from the menu, nothing is required
    errors = validate_contact("Ariane Morel", "", "ariane@example.org", "", required=True)
    assert set(errors) == {"phone", "address"}
    assert "joindre" in errors["phone"] and "adresse du bureau" in errors["address"]
    assert validate_contact("Ariane", "01 00 00 00 00", "", "24 rue Gaston Tessier, 75019 Paris", required=True) == {}
    assert set(validate_contact("Ariane", "01 00 00 00 00", "", "x" * 201)) == {"address"}
