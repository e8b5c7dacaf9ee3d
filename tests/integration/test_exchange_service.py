"""Importing a workbook into a real vault (all or nothing, twice changes nothing), export, round trip."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from ilot_desktop.domain.exchange import HISTORY, LISTS_SHEET, SHEET_NAMES
from ilot_desktop.domain.vocabulary import (
    AppointmentStatus,
    Attendance,
    BarrierCategory,
    BarrierStatus,
    OutcomeType,
    Right,
    RightStatus,
)
from ilot_desktop.errors import EXIT_INVALID, ImportRejected, StorageEnvironmentError
from ilot_desktop.services import vault
from ilot_desktop.services.demo import fill_with_demo_data
from tests.conftest import PASSWORD, TODAY
from tests.exchange_workbooks import (
    action,
    appointment,
    barrier,
    full_book,
    outcome,
    participant,
    participation,
    write_book,
)
from tests.factories import make_participant


def everything(session) -> dict:
    """All the vault holds that an import may touch, to compare before and after."""
    people = {s.file_number: session.participants.get(s.id) for s in session.participants.summaries()}
    return {
        "counts": session._database.counts(),
        "people": people,
        "appointments": {n: session.followup.timeline(p.id) for n, p in people.items()},
        "barriers": {n: session.barriers.for_participant(p.id) for n, p in people.items()},
        "outcomes": {n: session.outcomes.for_participant(p.id) for n, p in people.items()},
        "actions": [(s.action, s.registered, s.present, s.absent) for s in session.actions.summaries()],
    }


def test_import_creates_everything_with_its_values(session, tmp_path):
    path = write_book(tmp_path / "equipe.xlsx", full_book())
    preview = session.exchange.preview(path)
    assert preview.ok and preview.counts == {name: (1, 0) for name in SHEET_NAMES if name != HISTORY.name} | {
        HISTORY.name: (0, 0)  # no history sheet: each barrier's path is rebuilt from its row
    }
    assert session.participants.summaries() == []  # a preview writes nothing

    result = session.exchange.apply(path)
    assert result.ok and result.created == 6 and result.updated == 0
    person = session.participants.by_file_number("DE-2026-001")
    assert person.last_name == "Marqueur" and person.facility == "Centre pénitentiaire de Paris-La Santé"
    (meeting,) = session.followup.timeline(person.id)
    assert meeting.appointment.start == datetime(2026, 11, 3, 10, 30)
    assert meeting.appointment.status is AppointmentStatus.DONE
    (noted,) = session.barriers.for_participant(person.id)
    assert (noted.category, noted.item, noted.status) == (
        BarrierCategory.HOUSING,
        "Place en CHRS obtenue",
        BarrierStatus.LIFTED,
    )
    history = session.barriers.history(noted.id)
    assert [(e.on, e.status) for e in history] == [
        (date(2026, 10, 1), BarrierStatus.IDENTIFIED),
        (date(2026, 10, 1), BarrierStatus.ORIENTED),  # its partner counts as an orientation
        (date(2026, 11, 20), BarrierStatus.LIFTED),
    ]
    (summary,) = session.actions.summaries()
    assert summary.action.reference == "AC-2026-001" and summary.present == 1
    (reached,) = session.outcomes.for_participant(person.id)
    assert reached.outcome_type is OutcomeType.CDD_LONG and reached.employer == "Espaces verts de l'Est"


def test_importing_twice_duplicates_nothing(session, tmp_path):
    book = full_book()
    book["Freins"].append(barrier(Statut="Identifié", **{"Date de levée": None, "Commentaire": None}))
    book["Freins"].append(barrier(Statut="Identifié", **{"Date de levée": None, "Commentaire": None}))
    path = write_book(tmp_path / "equipe.xlsx", book)
    session.exchange.apply(path)
    first = everything(session)
    again = session.exchange.apply(path)
    assert again.counts == {name: (0, 0) for name in SHEET_NAMES}
    assert again.unchanged["Freins"] == 3
    assert everything(session) == first
    person = session.participants.by_file_number("DE-2026-001")
    items = sorted(b.item for b in session.barriers.for_participant(person.id))
    assert items == ["Hébergement", "Hébergement (2)", "Place en CHRS obtenue"]


def test_all_or_nothing_a_bad_row_in_the_last_sheet(session, tmp_path):
    existing = session.participants.save(make_participant(file_number="DE-2026-001", phone="06 11 11 11 11"))
    before = everything(session)
    book = full_book()
    book["Participants"].append(participant(**{"N° dossier": "DE-2026-002", "Nom": "Nouveau"}))
    book["Résultats"].append(outcome(Type="Abandon"))  # no reason: refused
    path = write_book(tmp_path / "equipe.xlsx", book)
    preview = session.exchange.preview(path)
    assert not preview.ok
    assert [str(p) for p in preview.problems] == [
        "Résultats, ligne 3, colonne « Motif d'abandon » : Indiquez le motif de l'abandon."
    ]
    with pytest.raises(ImportRejected) as rejected:
        session.exchange.apply(path)
    assert rejected.value.exit_code == EXIT_INVALID
    assert rejected.value.problems == preview.problems
    assert "rien n'a été importé" in str(rejected.value)
    assert everything(session) == before
    assert session.participants.get(existing.id).phone == "06 11 11 11 11"


def test_a_failure_while_writing_leaves_nothing_behind(session, tmp_path, monkeypatch):
    from ilot_desktop.storage.outcome_repo import OutcomeRepository

    path = write_book(tmp_path / "equipe.xlsx", full_book())
    before = everything(session)

    def broken(self, outcome, now):
        raise RuntimeError("disque débranché")

    monkeypatch.setattr(OutcomeRepository, "add", broken)
    with pytest.raises(RuntimeError):
        session.exchange.apply(path)
    assert everything(session) == before  # the outcomes come last: everything before was rolled back


def test_existing_participant_updated_other_fields_kept(session, tmp_path):
    existing = session.participants.save(
        make_participant(
            file_number="DE-2026-001",
            phone="06 11 11 11 11",
            notes="Suivi CAF",
            rights={Right.CAF: RightStatus.OK},
            end_date=date(2026, 11, 20),
            end_reason=None,
        )
    )
    book = {"Participants": [participant(Nom="Marqueur-Blanc")]}
    preview = session.exchange.preview(write_book(tmp_path / "a.xlsx", book))
    assert preview.counts["Participants"] == (0, 1)
    session.exchange.apply(tmp_path / "a.xlsx")
    updated = session.participants.get(existing.id)
    assert updated.last_name == "Marqueur-Blanc" and updated.phone == "06 00 00 00 42"
    assert updated.end_date is None  # the workbook's empty end date reopens the file
    assert updated.notes == "Suivi CAF" and updated.rights == {Right.CAF: RightStatus.OK}
    assert updated.email == existing.email and updated.consent_date == existing.consent_date
    assert len(session.participants.summaries()) == 1


def test_updates_of_child_records_and_barrier_history(session, tmp_path):
    path = write_book(tmp_path / "a.xlsx", full_book())
    session.exchange.apply(path)
    book = full_book()
    book["Entretiens"] = [appointment(Statut="Absent", **{"Compte rendu": None})]
    book["Freins"] = [barrier(Statut="Orienté vers un partenaire", Partenaire="CHRS", **{"Date de levée": None})]
    book["Participations"] = [participation(**{"Présence": "Absent"})]
    book["Résultats"] = [outcome(Commentaire="Temps partiel")]
    book["Actions collectives"] = [action(**{"Intitulé": "Atelier CV et lettre"})]
    preview = session.exchange.apply(write_book(tmp_path / "b.xlsx", book))
    assert preview.counts == {
        "Participants": (0, 0),
        "Entretiens": (0, 1),
        "Freins": (0, 1),
        "Actions collectives": (0, 1),
        "Participations": (0, 1),
        "Résultats": (0, 1),
        "Historique des freins": (0, 0),
    }
    person = session.participants.by_file_number("DE-2026-001")
    (meeting,) = session.followup.timeline(person.id)
    assert meeting.appointment.status is AppointmentStatus.ABSENT and meeting.appointment.report == ""
    (noted,) = session.barriers.for_participant(person.id)
    assert noted.status is BarrierStatus.ORIENTED and noted.lifted_on is None and noted.partner == "CHRS"
    assert [e.status for e in session.barriers.history(noted.id)] == [
        BarrierStatus.IDENTIFIED,
        BarrierStatus.ORIENTED,  # the first import's partner (SIAO) counted as an orientation
        BarrierStatus.LIFTED,
        BarrierStatus.ORIENTED,
    ]
    (summary,) = session.actions.summaries()
    assert summary.action.title == "Atelier CV et lettre" and summary.action.start.hour == 14
    assert session.actions.registrations(summary.action.id)[0].attendance is Attendance.ABSENT
    assert session.outcomes.for_participant(person.id)[0].comment == "Temps partiel"


def test_not_a_workbook_is_a_problem_not_an_exception(session, tmp_path):
    path = tmp_path / "equipe.xlsx"
    path.write_bytes(b"\x00\x01 pas un classeur")
    preview = session.exchange.preview(path)
    assert not preview.ok and preview.problems[0].sheet == ""
    with pytest.raises(ImportRejected):
        session.exchange.apply(path)


def test_export_holds_exact_headers_and_everything(session, tmp_path):
    session.exchange.apply(write_book(tmp_path / "a.xlsx", full_book()))
    counts = session.exchange.export_all(tmp_path / "tout.xlsx")
    # the lifted barrier with a partner: identified, oriented to SIAO, lifted
    assert counts == {name: 1 for name in SHEET_NAMES if name != HISTORY.name} | {HISTORY.name: 3}
    book = load_workbook(tmp_path / "tout.xlsx")
    assert book.sheetnames == [*SHEET_NAMES, LISTS_SHEET]
    people = list(book["Participants"].iter_rows(values_only=True))
    assert people[0][0] == "N° dossier" and people[1][:4] == ("DE-2026-001", "Marqueur", "Zéphyrin", "Homme")
    assert people[1][4] == datetime(1985, 4, 12)
    meeting = list(book["Entretiens"].iter_rows(values_only=True))[1]
    assert meeting[1:4] == (datetime(2026, 11, 3), "10:30", 45)


def test_export_into_a_missing_folder(session, tmp_path):
    with pytest.raises(StorageEnvironmentError):
        session.exchange.export_all(tmp_path / "absent" / "tout.xlsx")


def workbook_values(path) -> dict[str, list[tuple]]:
    """Every sheet's values but the demonstration's mark (only an export of the demonstration has it)."""
    book = load_workbook(path)
    return {
        sheet.title: list(sheet.iter_rows(values_only=True))
        for sheet in book.worksheets
        if sheet.title != "Démonstration"
    }


def test_round_trip_on_demo_data(session, tmp_path):
    fill_with_demo_data(session)
    first = tmp_path / "premier.xlsx"
    counts = session.exchange.export_all(first)
    assert session.exchange.preview(first).ok
    assert counts["Participants"] >= 45 and counts["Entretiens"] >= 400

    other, _code = vault.create(tmp_path / "autre", PASSWORD, clock=lambda: TODAY)
    try:
        preview = other.exchange.preview(first)
        assert preview.ok, [str(p) for p in preview.problems[:5]]
        assert {name: created for name, (created, _u) in preview.counts.items()} == counts
        other.exchange.apply(first)
        second = tmp_path / "second.xlsx"
        assert other.exchange.export_all(second) == counts
        assert workbook_values(second) == workbook_values(first)
        again = other.exchange.preview(first)  # and once there, nothing more to do
        assert again.ok and again.created == 0 and again.updated == 0
    finally:
        other.close()
    # importing its own export into the demo vault changes nothing either
    same = session.exchange.preview(first)
    assert same.ok and same.created == 0 and same.updated == 0


def test_template_through_the_session(session, tmp_path):
    session.exchange.write_template(tmp_path / "modele.xlsx")
    preview = session.exchange.preview(tmp_path / "modele.xlsx")
    assert [str(p) for p in preview.problems] == ["Le classeur ne contient aucune ligne à importer."]


def test_import_of_rows_for_people_already_in_the_vault(session, tmp_path):
    person = session.participants.save(make_participant(file_number="DE-2025-010"))
    book = {
        "Participants": [participant()],
        "Résultats": [outcome(**{"N° dossier": "de-2025-010", "Type": "Formation qualifiante"})],
    }
    session.exchange.apply(write_book(tmp_path / "a.xlsx", book))
    (reached,) = session.outcomes.for_participant(person.id)
    assert reached.outcome_type is OutcomeType.QUALIFYING
    assert reached.participant_id == person.id


def test_a_history_rule_refused_while_writing_is_a_problem_at_its_row(session, tmp_path, monkeypatch):
    from ilot_desktop.errors import ValidationError
    from ilot_desktop.services.barriers import BarrierService

    session.exchange.apply(write_book(tmp_path / "a.xlsx", full_book()))
    before = everything(session)

    def refuse(uow, before, after, today):
        raise ValidationError({"lifted_on": "La levée ne peut pas précéder l'étape précédente."})

    monkeypatch.setattr(BarrierService, "_record_change", staticmethod(refuse))
    book = full_book()
    book["Participants"].append(participant(**{"N° dossier": "DE-2026-002"}))
    book["Freins"] = [barrier(**{"Date de levée": date(2026, 11, 21)})]
    with pytest.raises(ImportRejected) as rejected:
        session.exchange.apply(write_book(tmp_path / "b.xlsx", book))
    assert [str(p) for p in rejected.value.problems] == [
        "Freins, ligne 2, colonne « Date de levée » : La levée ne peut pas précéder l'étape précédente."
    ]
    assert everything(session) == before
