"""Issue 15, identity in the exchange workbook: the last column « Identifiant » of every sheet; a number that
names another person is never overwritten; a record is recognised by its identifier whatever its number
became; export → import keeps every identifier, and importing twice duplicates nothing."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.vocabulary import BarrierCategory
from ilot_desktop.errors import ImportRejected
from ilot_desktop.services import vault
from ilot_desktop.services.clock import SessionClock
from ilot_desktop.services.demo import fill_with_demo_data
from tests.conftest import PASSWORD, TODAY
from tests.exchange_workbooks import participant, write_xlsx
from tests.factories import make_participant

KINDS = (
    "participants",
    "appointments",
    "collective_actions",
    "action_registrations",
    "barriers",
    "barrier_events",
    "tasks",
    "outcomes",
)


@pytest.fixture
def other_laptop(tmp_path):
    """A second vault, created on its own (another caseworker's laptop)."""
    opened, _code = vault.create(tmp_path / "autre-ordinateur", PASSWORD, clock=lambda: TODAY)
    yield opened
    opened.close()


def karim(session):
    person = session.participants.save(
        make_participant(file_number="DE-2025-001", last_name="Benali", first_name="Karim", birth_date=date(1990, 3, 4))
    )
    session.followup.save(Appointment(person.id, datetime(2026, 11, 3, 10), report="Point CV"))
    session.barriers.save(Barrier(participant_id=person.id, category=BarrierCategory.HOUSING, item="Squat"))
    return person


def his_things(session, person_id):
    person = session.participants.get(person_id)
    return (
        (person.file_number, person.last_name, person.first_name, person.birth_date, getattr(person, "uid", None)),
        [v.appointment.report for v in session.followup.timeline(person_id)],
        [b.item for b in session.barriers.for_participant(person_id)],
    )


def uids(session) -> dict[str, set[str]]:
    with session._database.engine.connect() as connection:
        return {t: {r[0] for r in connection.execute(text(f"SELECT uid FROM {t}"))} for t in KINDS}


def test_another_laptops_workbook_never_takes_karims_file(session, other_laptop, tmp_path):
    """The issue's case: the other laptop also numbered someone DE-2025-001 (here even born the same day)."""
    person = karim(session)
    before = his_things(session, person.id)
    other_laptop.participants.save(
        make_participant(
            file_number="DE-2025-001", last_name="Autrepersonne", first_name="Zoé", birth_date=date(1990, 3, 4)
        )
    )
    workbook = tmp_path / "export-autre-ordinateur.xlsx"
    other_laptop.exchange.export_all(workbook)
    with pytest.raises(ImportRejected) as rejected:
        session.exchange.apply(workbook)
    (problem,) = rejected.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Participants", 2, "N° dossier")
    assert "autre personne" in problem.message and "jamais écrasé" in problem.message
    assert "Autrepersonne" not in problem.message and "Benali" not in problem.message  # no names in messages
    assert his_things(session, person.id) == before
    assert len(session.participants.summaries()) == 1


def test_without_identifiers_a_number_naming_someone_else_is_refused_a_spelling_fix_is_not(session, tmp_path):
    person = karim(session)
    headers = ["N° dossier", "Nom", "Prénom", "Sexe", "Date de naissance", "Orienteur"]
    headers += ["Situation judiciaire à l'entrée", "Hébergement à l'entrée", "Date d'entrée"]

    def book(name, last, first):
        row = participant(**{"N° dossier": "DE-2025-001", "Nom": last, "Prénom": first})
        row["Date de naissance"] = date(1990, 3, 4)  # the same birth date: only the name tells
        return write_xlsx(tmp_path / name, {"Participants": [headers, [row.get(h) for h in headers]]})

    with pytest.raises(ImportRejected) as rejected:
        session.exchange.apply(book("zoe.xlsx", "Autrepersonne", "Zoé"))
    (problem,) = rejected.value.problems
    assert (problem.row, problem.column) == (2, "N° dossier") and "autre personne" in problem.message
    assert session.participants.get(person.id).last_name == "Benali"
    preview = session.exchange.apply(book("faute.xlsx", "Benalli", "Karim"))  # a misspelt name corrected
    assert preview.counts["Participants"] == (0, 1)
    assert session.participants.get(person.id).last_name == "Benalli"


def test_a_full_export_imported_into_an_empty_vault_keeps_every_identifier_and_twice_adds_nothing(
    session, other_laptop, tmp_path
):
    fill_with_demo_data(session)
    workbook = tmp_path / "tout.xlsx"
    session.exchange.export_all(workbook)
    book = load_workbook(workbook, read_only=True)
    for name in ("Participants", "Entretiens", "Freins", "Actions collectives", "Participations", "Résultats"):
        assert [c.value for c in next(book[name].iter_rows(max_row=1))][-1] == "Identifiant", name
    book.close()
    other_laptop.exchange.apply(workbook)
    mine, theirs = uids(session), uids(other_laptop)
    for kind in ("participants", "appointments", "collective_actions", "action_registrations", "barriers"):
        assert theirs[kind] == mine[kind], kind
    assert theirs["outcomes"] == mine["outcomes"]
    assert theirs["barrier_events"] == mine["barrier_events"]
    again = other_laptop.exchange.apply(workbook)
    assert again.created == 0 and again.updated == 0
    assert uids(other_laptop) == theirs


def test_an_identifier_recognises_a_renumbered_file_with_its_interviews(session, tmp_path):
    person = karim(session)
    workbook = tmp_path / "tout.xlsx"
    session.exchange.export_all(workbook)
    book = load_workbook(workbook)
    for name in ("Participants", "Entretiens", "Freins", "Historique des freins"):
        for row in book[name].iter_rows(min_row=2):
            row[0].value = "DE-2025-099"  # renumbered on the other side; the identifier says who it is
    book.save(workbook)
    preview = session.exchange.apply(workbook)
    assert preview.counts["Participants"] == (0, 1) and preview.counts["Entretiens"] == (0, 0)
    assert [s.id for s in session.participants.summaries()] == [person.id]
    assert session.participants.get(person.id).file_number == "DE-2025-099"
    assert len(session.followup.timeline(person.id)) == 1 and len(session.barriers.for_participant(person.id)) == 1


def test_an_identifier_that_is_not_one_is_refused_at_its_cell(session, tmp_path):
    karim(session)
    workbook = tmp_path / "tout.xlsx"
    session.exchange.export_all(workbook)
    book = load_workbook(workbook)
    book["Entretiens"]["H2"].value = "pas-un-identifiant"
    book.save(workbook)
    with pytest.raises(ImportRejected) as rejected:
        session.exchange.apply(workbook)
    (problem,) = rejected.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("Entretiens", 2, "Identifiant")


def test_a_person_shared_before_identifiers_is_matched_by_number_and_keeps_her_uid(session, other_laptop, tmp_path):
    """Before 0007 both laptops held Karim (same number, name, birth date); the migration gave each its own
    identifiers: the other's export updates him, refuses nothing and duplicates nothing, twice."""
    person = karim(session)
    theirs = karim(other_laptop)
    other_laptop.followup.save(Appointment(theirs.id, datetime(2026, 11, 10, 14), report="Suite"))
    mine = uids(session)
    workbook = tmp_path / "export-autre-ordinateur.xlsx"
    other_laptop.exchange.export_all(workbook)
    preview = session.exchange.apply(workbook)
    assert preview.counts["Entretiens"] == (1, 0) and preview.counts["Freins"] == (0, 0)
    assert [s.id for s in session.participants.summaries()] == [person.id]
    assert session.participants.get(person.id).uid == person.uid  # the local identifier kept
    assert sorted(v.appointment.report for v in session.followup.timeline(person.id)) == ["Point CV", "Suite"]
    assert len(session.barriers.for_participant(person.id)) == 1
    assert mine["participants"] == uids(session)["participants"]
    again = session.exchange.apply(workbook)
    assert again.created == 0 and again.updated == 0


def test_an_identifier_naming_another_persons_file_says_so(session, tmp_path):
    person = karim(session)
    workbook = tmp_path / "tout.xlsx"
    session.exchange.export_all(workbook)
    book = load_workbook(workbook)
    sheet = book["Participants"]
    headers = [c.value for c in sheet[1]]
    for header, value in (("N° dossier", "DE-2026-050"), ("Nom", "Martin"), ("Prénom", "Zoé")):
        sheet.cell(2, headers.index(header) + 1).value = value
    sheet.cell(2, headers.index("Date de naissance") + 1).value = datetime(2001, 5, 6)
    book.save(workbook)
    with pytest.raises(ImportRejected) as rejected:
        session.exchange.apply(workbook)
    problems = [p for p in rejected.value.problems if p.sheet == "Participants"]
    (problem,) = problems
    assert (problem.row, problem.column) == (2, "Identifiant") and "identifiant" in problem.message.lower()
    assert "DE-2026-050" not in problem.message and "autre personne" in problem.message
    assert session.participants.get(person.id).file_number == "DE-2025-001"


def test_an_appointment_later_today_cannot_be_imported_as_done(vault_dir, tmp_path):
    clock = SessionClock(lambda: TODAY, lambda: datetime.combine(TODAY, time(10, 0)))
    opened, _code = vault.create(vault_dir, PASSWORD, clock=clock)
    try:
        person = opened.participants.save(make_participant())
        opened.followup.save(Appointment(person.id, datetime.combine(TODAY, time(15, 0))))
        workbook = tmp_path / "tout.xlsx"
        opened.exchange.export_all(workbook)
        book = load_workbook(workbook)
        sheet = book["Entretiens"]
        headers = [c.value for c in sheet[1]]
        sheet.cell(2, headers.index("Statut") + 1).value = "Réalisé"
        book.save(workbook)
        with pytest.raises(ImportRejected) as rejected:
            opened.exchange.apply(workbook)
        (problem,) = rejected.value.problems
        assert (problem.sheet, problem.row, problem.column) == ("Entretiens", 2, "Statut")
        assert "pas encore eu lieu" in problem.message
    finally:
        opened.close()
