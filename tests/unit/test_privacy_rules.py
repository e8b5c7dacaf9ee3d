"""Privacy rules without a database: the copy names every field, retention dates, anonymisation, erasure words."""

from __future__ import annotations

import random
import re
from dataclasses import fields
from datetime import date, datetime

from ilot_desktop.domain.access_copy import FIELD_LABELS, AccessCopy, copy_tables, participant_fields, text
from ilot_desktop.domain.action_plan import Task
from ilot_desktop.domain.audit import AuditEvent
from ilot_desktop.domain.barriers import Barrier, BarrierEvent
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.participant import Participant, validate
from ilot_desktop.domain.privacy import (
    BACKUP_ROTATION_DAYS,
    DAILY_BACKUPS_KEPT,
    WEEKLY_BACKUPS_KEPT,
    ErasureReport,
    RetentionCandidate,
    anonymised_items,
    anonymised_participant,
    anonymous_number,
    is_due,
    last_contact,
)
from ilot_desktop.domain.vocabulary import (
    AppointmentStatus,
    BarrierCategory,
    BarrierStatus,
    OutcomeType,
    Right,
    RightStatus,
)
from tests.factories import make_participant

TODAY = date(2026, 11, 27)


# --- the copy ------------------------------------------------------------------------------------


def test_the_copy_labels_every_field_of_the_participant_file():
    names = {f.name for f in fields(Participant)} - {"id", "uid"}
    assert set(FIELD_LABELS) == names, "a field of Participant has no label in the right-of-access copy"
    assert len(set(FIELD_LABELS.values())) == len(FIELD_LABELS)


def test_participant_fields_are_french_text():
    p = make_participant(rights={Right.CAF: RightStatus.OK, Right.IDENTITY: RightStatus.MISSING})
    shown = {label: value for _section, label, value in participant_fields(p)}
    assert shown["Nom"] == "Marqueur"
    assert shown["Date de naissance"] == "12/04/1985"
    assert shown["Sexe"] == "Homme"
    assert shown["Fin d'accompagnement"] == "—"
    assert shown["Droits"] == "Pièce d'identité\u00a0: À faire ; CAF\u00a0: À jour"
    assert shown["Ressources"] == "Aucune ressource ; RSA"
    assert len(shown) == len(FIELD_LABELS)


def test_text_of_values():
    assert text(None) == text("") == text(set()) == text({}) == "—"
    assert text(datetime(2026, 11, 20, 9, 5)) == "20/11/2026 09:05"
    assert text(AppointmentStatus.DONE) == "Réalisé"
    assert text("  mot ") == "mot"


def test_copy_tables_hold_every_record_oldest_first():
    p = make_participant(id=3)
    copy = AccessCopy(
        participant=p,
        made_on=TODAY,
        appointments=[
            Appointment(3, datetime(2026, 11, 20, 10), report="deuxième", id=2),
            Appointment(3, datetime(2026, 10, 2, 10), status=AppointmentStatus.DONE, report="premier", id=1),
        ],
        barriers=[Barrier(3, BarrierCategory.ADDICTIONS, "Alcool", BarrierStatus.ORIENTED, date(2026, 10, 2), id=7)],
        histories={7: [BarrierEvent(7, date(2026, 10, 2), BarrierStatus.IDENTIFIED)]},
        tasks=[Task(3, "Appeler la CAF", barrier_id=7, created_on=date(2026, 10, 2), id=1)],
        outcomes=[Outcome(3, date(2026, 11, 2), OutcomeType.CDI, employer="Jardins", id=1)],
        events=[AuditEvent(datetime(2026, 11, 27, 9), "Ariane", "participant_viewed", 3)],
    )
    tables = {t.title: t for t in copy_tables(copy)}
    assert list(tables) == [
        "Rendez-vous",
        "Freins",
        "Historique des freins",
        "Plan d'action",
        "Actions collectives",
        "Résultats",
        "Journal des accès",
    ]
    assert [row[5] for row in tables["Rendez-vous"].rows] == ["premier", "deuxième"]
    assert tables["Plan d'action"].rows[0][-1] == "Addictions : Alcool"
    assert tables["Historique des freins"].rows == [("Addictions : Alcool", "02/10/2026", "Identifié", "—")]
    assert tables["Résultats"].rows[0][:3] == ("02/11/2026", "CDI", "Emploi durable")
    assert tables["Journal des accès"].rows == [("27/11/2026 09:00", "Ariane", "Dossier consulté", "—")]
    assert tables["Actions collectives"].rows == []
    assert copy.title == "Copie des données de Zéphyrin MARQUEUR au 27/11/2026"


# --- retention -----------------------------------------------------------------------------------


def test_last_contact_is_the_latest_date_known():
    assert last_contact(date(2023, 1, 5), None, []) == date(2023, 1, 5)
    assert last_contact(date(2023, 1, 5), date(2023, 6, 1), [None, date(2023, 7, 1), None]) == date(2023, 7, 1)
    assert last_contact(date(2023, 1, 5), date(2023, 6, 1), [date(2023, 2, 1)]) == date(2023, 6, 1)


def test_due_more_than_two_years_after_the_last_contact_and_only_when_closed():
    assert is_due(date(2024, 11, 26), date(2024, 11, 26), TODAY)
    assert not is_due(date(2024, 11, 27), date(2024, 11, 27), TODAY)  # exactly two years: not yet
    assert not is_due(None, date(2020, 1, 1), TODAY)  # still open
    assert not is_due(date(2024, 1, 1), date(2025, 1, 1), TODAY)
    candidate = RetentionCandidate(1, "DE-2024-003", date(2024, 1, 2), date(2024, 2, 29), date(2024, 2, 29))
    assert candidate.due_on == date(2026, 2, 28)
    assert candidate.describe() == (
        "DE-2024-003 · accompagnement du 02/01/2024 au 29/02/2024 · dernier contact le 29/02/2024"
    )


# --- anonymisation -------------------------------------------------------------------------------


def test_anonymised_participant_keeps_what_the_figures_read_and_nothing_else():
    p = make_participant(id=9, entry_date=date(2023, 9, 4), end_date=date(2024, 3, 1), birth_date=date(1990, 12, 24))
    a = anonymised_participant(p, "ANON-23456789", TODAY)
    kept = (
        "sex",
        "referrer",
        "justice_situation",
        "housing_at_entry",
        "entry_date",
        "end_date",
        "end_reason",
        "id",
        "uid",
    )
    for name in kept:
        assert getattr(a, name) == getattr(p, name), name
    assert a.birth_date == date(1990, 7, 1)
    assert (a.file_number, a.last_name, a.first_name, a.anonymised_on) == ("ANON-23456789", "Anonyme", "Anonyme", TODAY)
    for name in (
        {f.name for f in fields(Participant)}
        - set(kept)
        - {
            "birth_date",
            "file_number",
            "last_name",
            "first_name",
            "anonymised_on",
        }
    ):
        assert getattr(a, name) in ("", None, set(), {}), name
    assert validate(a, TODAY) == {}  # still a valid file: the exchange workbook imports it back


def test_anonymous_numbers_are_random_unique_and_short():
    taken = {"ANON-22222222"}
    rng = random.Random(1)
    numbers = {anonymous_number(taken, rng.choice) for _ in range(200)}
    assert len(numbers) == 200
    assert all(re.fullmatch(r"ANON-[2-9A-HJ-NP-Z]{8}", n) and len(n) <= 30 for n in numbers)
    always_two = iter(["2"] * 8 + ["3"] * 8)
    assert anonymous_number({"ANON-22222222"}, lambda _alphabet: next(always_two)) == "ANON-33333333"


def test_typed_barrier_items_are_replaced_and_stay_unique():
    items = anonymised_items(
        [
            (1, BarrierCategory.ADDICTIONS, "alcool"),
            (2, BarrierCategory.ADDICTIONS, "Cannabis chez son frère Kevin"),
            (3, BarrierCategory.ADDICTIONS, "Autre"),
            (4, BarrierCategory.HOUSING, "Sans abri"),
            (5, BarrierCategory.HOUSING, "Chez M. Dupont"),
        ]
    )
    assert items == {1: "Alcool", 2: "Autre", 3: "Autre 2", 4: "Sans abri", 5: "Autre"}


# --- erasure -------------------------------------------------------------------------------------


def test_erasure_report_says_what_happens_to_backups():
    report = ErasureReport("DE-2026-001", TODAY, {"dossier": 1, "rendez-vous": 3, "freins": 0}, 4, 2)
    assert report.backups_gone_by == date(2027, 1, 1)
    assert BACKUP_ROTATION_DAYS == DAILY_BACKUPS_KEPT + 7 * WEEKLY_BACKUPS_KEPT == 35
    text_ = report.text
    assert "Le dossier DE-2026-001 a été effacé le 27/11/2026\u00a0: 1 dossier, 3 rendez-vous." in text_
    assert "4 copies" in text_ and "vers le 01/01/2027" in text_ and "cinq semaines" in text_
    assert "2 autres copies" in text_ and "jamais supprimées automatiquement" in text_
    assert "clé USB" in text_ and "à la main" in text_
    assert "« Dossier effacé » avec le seul numéro DE-2026-001" in text_
    quiet = ErasureReport("DE-2026-001", TODAY, {"dossier": 1}, 0, 0, rewritten=False)
    assert "aucune copie pour l'instant" in quiet.text and "autres copies" not in quiet.text
    assert "n'a pas pu se faire" in quiet.text


def test_rotation_constants_match_the_backups_module():
    from ilot_desktop.storage import backup

    assert (backup.KEEP_DAILY, backup.KEEP_WEEKLY) == (DAILY_BACKUPS_KEPT, WEEKLY_BACKUPS_KEPT)
