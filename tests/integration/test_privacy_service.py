"""Right of access, erasure and retention on a real encrypted vault."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import openpyxl
import pypdf
import pytest

from ilot_desktop.domain.action_plan import Task
from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.outcomes import Outcome
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentKind,
    AppointmentStatus,
    Attendance,
    BarrierCategory,
    BarrierStatus,
    EndReason,
    OutcomeType,
    WorkingTime,
)
from ilot_desktop.errors import NotFoundError, StorageEnvironmentError, ValidationError
from ilot_desktop.services import vault
from ilot_desktop.storage import vault as storage_vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant
from tests.sqlcipher_pages import decrypted_pages, found_in, logical_dump

# One marker per free-text field of one person: none may survive an erasure or an anonymisation.
MARKERS = {
    "last_name": "Xylophonard",
    "first_name": "Quiriniette",
    "phone": "06 11 22 33 44",
    "email": "quiriniette@exemple-marqueur.org",
    "address": "Squat du Marqueurpont",
    "facility": "Maison d'arrêt de Marqueurville",
    "cpip_name": "Mme Cpipmarqueur",
    "cpip_contact": "cpip-marqueur@justice.fr",
    "justice_constraints": "Pointage au commissariat Marqueurbis",
    "professional_project": "Projet-marqueur-jardinier",
    "skills": "Compétence-marqueur-soudure",
    "work_constraints_notes": "Contrainte-marqueur-dos",
    "notes": "NOTE-MARQUEUR-SECRETE",
}  # not the caseworker's name: hers stays (settings, the access log's « who »)
RECORD_MARKERS = (
    "Lieu-marqueur-rdv",
    "Compte-rendu-marqueur",
    "Suite-marqueur",
    "Frein-tapé-marqueur",
    "Partenaire-marqueur-CSAPA",
    "Commentaire-frein-marqueur",
    "Tâche-marqueur",
    "Employeur-marqueur",
    "Secteur-marqueur",
    "Commentaire-résultat-marqueur",
)
ALL_MARKERS = (*MARKERS.values(), *RECORD_MARKERS)
OTHER_MARKERS = ("Autrepersonnette", "Compte-rendu-de-l-autre")


@pytest.fixture
def key(vault_dir, session) -> bytes:
    return storage_vault.unlock_with_password(storage_vault.VaultPaths(vault_dir), PASSWORD)


def _fill_person(session, file_number="DE-2023-001", entry=date(2023, 3, 1), end=date(2023, 9, 29), **fields):
    """A person with every kind of record, each free text holding a marker."""
    values = {**MARKERS, **fields}
    person = session.participants.save(
        make_participant(
            file_number=file_number,
            entry_date=entry,
            planned_release_date=entry,
            consent_date=entry,
            birth_date=date(1988, 12, 24),
            **values,
        )
    )
    pid = person.id
    session.followup.save(
        Appointment(
            pid,
            datetime(2023, 3, 8, 10),
            kind=AppointmentKind.IN_DETENTION,
            place=RECORD_MARKERS[0],
            status=AppointmentStatus.DONE,
            report=RECORD_MARKERS[1],
            next_steps=RECORD_MARKERS[2],
        )
    )
    session.followup.save(Appointment(pid, datetime(2023, 3, 15, 10), status=AppointmentStatus.ABSENT))
    typed = session.barriers.save(
        Barrier(pid, BarrierCategory.ADDICTIONS, RECORD_MARKERS[3], identified_on=date(2023, 3, 8))
    )
    session.barriers.save(
        replace(typed, status=BarrierStatus.ORIENTED, partner=RECORD_MARKERS[4], comment=RECORD_MARKERS[5])
    )
    session.barriers.save(
        Barrier(pid, BarrierCategory.HOUSING, "Squat", BarrierStatus.LIFTED, date(2023, 3, 8), date(2023, 6, 1))
    )
    session.plan.save(Task(pid, RECORD_MARKERS[6], barrier_id=typed.id, created_on=date(2023, 3, 8)))
    action = session.actions.save(
        CollectiveAction("AC-2023-901", ActionType.TRE_WORKSHOP, "Atelier CV", datetime(2023, 4, 4, 14))
    )
    session.actions.register(action.id, pid)
    session.actions.set_attendance(action.id, pid, Attendance.PRESENT)
    session.outcomes.save(
        Outcome(
            pid,
            date(2023, 9, 1),
            OutcomeType.CDD_LONG,
            employer=RECORD_MARKERS[7],
            sector=RECORD_MARKERS[8],
            working_time=WorkingTime.FULL,
            comment=RECORD_MARKERS[9],
        )
    )
    session.outcomes.end_accompaniment(pid, end, EndReason.POSITIVE)
    return session.participants.get(pid)


def _other_person(session):
    other = session.participants.save(
        make_participant(file_number="DE-2023-002", last_name=OTHER_MARKERS[0], entry_date=date(2023, 5, 2))
    )
    session.followup.save(
        Appointment(other.id, datetime(2023, 5, 9, 10), status=AppointmentStatus.DONE, report=OTHER_MARKERS[1])
    )
    return other


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


# --- right of access ------------------------------------------------------------------------------


def test_access_copy_pdf_holds_the_complete_file(session, tmp_path):
    person = _fill_person(session)
    session.audit.record("participant_viewed", person.id)
    out = tmp_path / "copie.pdf"
    session.privacy.access_copy(person.id, out, "pdf")
    reader = pypdf.PdfReader(out)
    text = _flat(" ".join(page.extract_text() for page in reader.pages))
    assert text.startswith("Copie des données de Quiriniette XYLOPHONARD au 27/11/2026")
    for marker in ALL_MARKERS:
        assert marker in text, marker
    for words in ("Atelier CV", "Présent", "CDD de 6 mois ou plus", "Orienté vers un partenaire", "Absent"):
        assert words in text
    assert "Dossier consulté" in text and "Dossier créé" in text
    assert not list(tmp_path.glob(".*"))  # no temporary file left beside it


def test_access_copy_workbook_and_its_trace_in_the_log(session, tmp_path):
    person = _fill_person(session)
    out = tmp_path / "copie.xlsx"
    session.privacy.access_copy(person.id, out, "xlsx")
    book = openpyxl.load_workbook(out)
    cells = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value)
    for marker in ALL_MARKERS:
        assert marker in cells, marker
    assert [r[0].value for r in book["Freins"].iter_rows(min_row=2)] == ["Addictions", "Hébergement"]
    assert len(list(book["Historique des freins"].iter_rows(min_row=2))) == 4  # 2 steps each
    copies = [e for e in session.audit.events(participant_id=person.id) if e.action == "access_copy"]
    assert [(e.detail, e.file_number) for e in copies] == [("classeur .xlsx", "DE-2023-001")]


def test_access_copy_refusals(session, tmp_path):
    person = session.participants.save(make_participant())
    with pytest.raises(StorageEnvironmentError, match="n'existe pas"):
        session.privacy.access_copy(person.id, tmp_path / "absent" / "copie.pdf", "pdf")
    with pytest.raises(ValidationError, match="PDF ou classeur"):
        session.privacy.access_copy(person.id, tmp_path / "copie.doc", "doc")
    with pytest.raises(NotFoundError):
        session.privacy.access_copy(person.id + 1, tmp_path / "copie.pdf", "pdf")
    assert list(tmp_path.iterdir()) == [tmp_path / "coffre"]
    assert not [e for e in session.audit.events() if e.action == "access_copy"]


# --- erasure --------------------------------------------------------------------------------------


def _rows_about(session, pid: int) -> dict[str, int]:
    with session._database.engine.connect() as connection:
        run = connection.exec_driver_sql

        def count(sql: str) -> int:
            return run(sql, (pid,)).scalar()

        return {
            "participants": count("SELECT count(*) FROM participants WHERE id = ?"),
            "appointments": count("SELECT count(*) FROM appointments WHERE participant_id = ?"),
            "barriers": count("SELECT count(*) FROM barriers WHERE participant_id = ?"),
            "barrier_events": count(
                "SELECT count(*) FROM barrier_events WHERE barrier_id NOT IN (SELECT id FROM barriers) OR "
                "barrier_id IN (SELECT id FROM barriers WHERE participant_id = ?)"
            ),
            "tasks": count("SELECT count(*) FROM tasks WHERE participant_id = ?"),
            "registrations": count("SELECT count(*) FROM action_registrations WHERE participant_id = ?"),
            "outcomes": count("SELECT count(*) FROM outcomes WHERE participant_id = ?"),
        }


def test_erasure_leaves_nothing_of_the_person_in_the_file(session, vault_dir, key):
    person = _fill_person(session)
    other = _other_person(session)
    db = vault_dir / "ilot.db"
    assert set(found_in(decrypted_pages(db, key), ALL_MARKERS)) == set(ALL_MARKERS)  # the scan sees them
    assert _rows_about(session, person.id) == {
        "participants": 1,
        "appointments": 2,
        "barriers": 2,
        "barrier_events": 4,
        "tasks": 1,
        "registrations": 1,
        "outcomes": 1,
    }

    report = session.privacy.erase(person.id)

    assert set(_rows_about(session, person.id).values()) == {0}
    pages = decrypted_pages(db, key)
    assert found_in(pages, ALL_MARKERS) == []  # not in a row, not in a freed page, not in unused space
    assert found_in(logical_dump(db, key).encode(), ALL_MARKERS) == []
    assert set(found_in(pages, OTHER_MARKERS)) == set(OTHER_MARKERS)  # the others are untouched
    raw = db.read_bytes()
    assert not [m for m in ALL_MARKERS if m.encode() in raw or m.encode("utf-16-le") in raw]
    assert not (vault_dir / "ilot.db-journal").exists()
    with session._database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA freelist_count").scalar() == 0  # no freed page left behind
    assert [s.id for s in session.participants.summaries()] == [other.id]
    assert session.actions.summaries()  # the collective action itself stays (it is nobody's)

    assert report.file_number == "DE-2023-001"
    assert report.removed == {
        "dossier": 1,
        "rendez-vous": 2,
        "freins": 2,
        "étapes d'historique des freins": 4,
        "tâche du plan d'action": 1,
        "inscription à une action collective": 1,
        "résultat": 1,
    }
    assert report.rewritten and report.backups_gone_by == date(2027, 1, 1)
    assert "vers le 01/01/2027" in report.text and "clé USB" in report.text
    erased = [e for e in session.audit.events() if e.action == "participant_erased"]
    assert [(e.participant_id, e.detail, e.file_number) for e in erased] == [(person.id, "N° DE-2023-001", None)]


def test_erasure_counts_the_backups_that_still_hold_the_person(session):
    person = session.participants.save(make_participant())
    session.backups.write(reason="auto")
    session.backups.write(reason="manuel")
    report = session.privacy.erase(person.id)
    assert (report.automatic_backups, report.kept_backups) == (1, 1)
    assert "Sauvegardes automatiques (1 copie)" in report.text
    assert "1 autre copie du dossier des sauvegardes" in report.text


def test_an_erased_number_is_never_given_again(session):
    first = session.participants.save(make_participant())
    session.audit.record("participant_viewed", first.id)
    session.privacy.erase(first.id)
    second = session.participants.save(make_participant(file_number="DE-2026-002"))
    assert second.id != first.id
    assert {e.action for e in session.audit.events(participant_id=second.id)} == {"participant_created"}
    with pytest.raises(NotFoundError):
        session.privacy.erase(first.id)


# --- retention ------------------------------------------------------------------------------------


def _closed(session, number: str, entry: date, end: date, **fields):
    person = session.participants.save(make_participant(file_number=number, entry_date=entry, **fields))
    session.outcomes.end_accompaniment(person.id, end, EndReason.PERIOD_OVER)
    return person


def test_files_due_for_anonymisation(session):
    due = _closed(session, "DE-2024-001", date(2024, 1, 8), date(2024, 6, 28))
    _closed(session, "DE-2024-002", date(2024, 5, 2), date(2024, 11, 27))  # two years today: not yet
    boundary = _closed(session, "DE-2024-003", date(2024, 5, 2), date(2024, 11, 26))
    late_outcome = _closed(session, "DE-2024-004", date(2024, 1, 8), date(2024, 6, 28))
    session.outcomes.save(Outcome(late_outcome.id, date(2025, 1, 15), OutcomeType.CDI))
    late_action = _closed(session, "DE-2024-005", date(2024, 1, 8), date(2024, 6, 28))
    action = session.actions.save(
        CollectiveAction("AC-2025-001", ActionType.JOB_FAIR, "Salon", datetime(2025, 3, 4, 10))
    )
    session.actions.register(action.id, late_action.id)
    session.actions.set_attendance(action.id, late_action.id, Attendance.PRESENT)
    absent_at_action = _closed(session, "DE-2024-006", date(2024, 1, 8), date(2024, 6, 28))
    session.actions.register(action.id, absent_at_action.id)
    session.actions.set_attendance(action.id, absent_at_action.id, Attendance.ABSENT)
    session.participants.save(make_participant(file_number="DE-2022-001", entry_date=date(2022, 1, 3)))  # open

    candidates = session.privacy.due_for_anonymisation()
    assert [c.file_number for c in candidates] == ["DE-2024-001", "DE-2024-006", "DE-2024-003"]
    first = candidates[0]
    assert (first.participant_id, first.last_contact, first.end_date) == (due.id, date(2024, 6, 28), date(2024, 6, 28))
    assert [c.file_number for c in session.privacy.due_for_anonymisation(date(2027, 3, 5))] == [
        "DE-2024-001",
        "DE-2024-006",
        "DE-2024-003",
        "DE-2024-002",
        "DE-2024-004",  # an outcome after the end counts as a contact
        "DE-2024-005",  # so does an action attended (not one missed: DE-2024-006)
    ]
    assert session.privacy.anonymise([boundary.id, due.id, due.id]) == 2
    assert [c.file_number for c in session.privacy.due_for_anonymisation()] == ["DE-2024-006"]


def test_anonymisation_removes_the_person_and_keeps_the_figures(vault_dir):
    """A demo programme built in mid-2024, reopened today: its past years' figures must not move."""
    from ilot_desktop.services.demo import fill_with_demo_data

    built, _code = vault.create(vault_dir, PASSWORD, clock=lambda: date(2024, 6, 30))
    try:
        fill_with_demo_data(built)
        marked = _fill_person(built, file_number="DE-2023-901")
    finally:
        built.close()
    key = storage_vault.unlock_with_password(storage_vault.VaultPaths(vault_dir), PASSWORD)
    session = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)
    try:
        session.audit.record("participant_viewed", marked.id, "DE-2023-901")  # as the window notes it
        years = session.indicators.years()
        assert years[-1] <= 2023
        before = {year: session.indicators.compute(year) for year in years}
        people = {p.id: p for p in (session.participants.get(s.id) for s in session.participants.summaries())}
        candidates = session.privacy.due_for_anonymisation()
        assert marked.id in {c.participant_id for c in candidates} and len(candidates) >= 5
        ids = [c.participant_id for c in candidates]

        assert session.privacy.anonymise(ids) == len(ids)

        for year in years:
            after = session.indicators.compute(year)
            assert after == before[year], year  # every count and breakdown (the explanations aside)
            assert after.summary_rows() == before[year].summary_rows()
            assert {k: len(after.explain(k)) for k in after.explain_keys()} == {
                k: len(before[year].explain(k)) for k in before[year].explain_keys()
            }
        assert session.privacy.due_for_anonymisation() == []
        summaries = {s.id: s for s in session.participants.summaries()}
        assert {pid for pid, s in summaries.items() if s.anonymised} == set(ids)
        numbers = [summaries[pid].file_number for pid in ids]
        assert len(set(numbers)) == len(ids) and all(n.startswith("ANON-") for n in numbers)
        anonymous = session.participants.get(marked.id)
        assert (anonymous.last_name, anonymous.birth_date, anonymous.anonymised_on) == (
            "Anonyme",
            date(1988, 7, 1),
            TODAY,
        )
        assert session.plan.tasks(marked.id) == []
        assert [b.item for b in session.barriers.for_participant(marked.id)] == ["Squat", "Autre"]

        db = vault_dir / "ilot.db"
        pages, dump = decrypted_pages(db, key), logical_dump(db, key).encode()
        assert found_in(pages, ALL_MARKERS) == [] and found_in(dump, ALL_MARKERS) == []
        still_here = {text for p in people.values() if p.id not in ids for text in (p.last_name, p.phone)}
        gone = {
            text
            for pid in ids
            for text in (people[pid].last_name, people[pid].phone)
            if not any(text in kept for kept in still_here)  # « Moreau » is still in « Dupont-Moreau »
        }
        assert gone and found_in(pages, sorted(gone)) == []
        trace = [e for e in session.audit.events(participant_id=marked.id) if e.action == "participant_anonymised"]
        assert len(trace) == 1 and trace[0].detail == f"N° {anonymous.file_number}"
        assert "DE-2023-901" not in " ".join(e.detail for e in session.audit.events())
    finally:
        session.close()


def test_an_anonymised_file_is_no_longer_edited_and_an_open_one_is_refused(session):
    closed = _closed(session, "DE-2024-001", date(2024, 1, 8), date(2024, 6, 28))
    still_open = session.participants.save(make_participant(file_number="DE-2024-002", entry_date=date(2024, 1, 8)))
    with pytest.raises(ValidationError, match="encore en cours"):
        session.privacy.anonymise([closed.id, still_open.id])
    assert session.participants.get(closed.id).anonymised_on is None  # all or nothing
    assert session.privacy.anonymise([closed.id]) == 1
    assert session.privacy.anonymise([closed.id]) == 0
    anonymous = session.participants.get(closed.id)
    with pytest.raises(ValidationError, match="anonymisé"):
        session.participants.save(replace(anonymous, last_name="Retour"))
    with pytest.raises(NotFoundError):
        session.privacy.anonymise([9999])


def test_a_vault_with_anonymised_files_exports_and_imports_back(session, tmp_path):
    person = _fill_person(session)
    session.privacy.anonymise([person.id])
    out = tmp_path / "export.xlsx"
    session.exchange.export_all(out)
    other, _code = vault.create(tmp_path / "autre", PASSWORD, clock=lambda: TODAY)
    try:
        result = other.exchange.apply(out)
        assert result.created > 0
        copy = other.participants.get(other.participants.summaries()[0].id)
        assert copy.last_name == "Anonyme" and copy.file_number.startswith("ANON-")
    finally:
        other.close()


def test_the_erasure_report_says_exactly_what_the_access_log_keeps(session):
    """Every earlier line about the person stays (internal number, no name): the report counts them."""
    pid = _fill_person(session).id
    session.audit.record("participant_viewed", pid)
    session.audit.record("action_plan_printed", pid, "PDF")
    before = len(session.audit.events(participant_id=pid))
    assert before >= 2
    report = session.privacy.erase(pid)
    assert report.earlier_log_lines == before
    text = _flat(report.text)
    assert f"les {before} lignes écrites avant l'effacement" in text
    assert f"numéro interne {pid}" in text
    kept = session.audit.events(participant_id=pid)
    assert len(kept) == before + 1  # the earlier lines, and « Dossier effacé »
    assert kept[-1].action == "participant_erased" or kept[0].action == "participant_erased"
