"""Issue 12, exchange workbook: rows a lying <dimension> hid, keys that only look equal, likely duplicates,
interviews after the end, barrier histories through export → import, and what the CLI prints."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus
from ilot_desktop.errors import EXIT_INVALID, ImportRejected
from ilot_desktop.services import vault
from ilot_desktop.services.demo import fill_with_demo_data
from tests.conftest import PASSWORD, TODAY
from tests.exchange_workbooks import appointment, barrier, participant, sheet_rows, write_book, write_xlsx
from tests.factories import make_participant
from tests.integration.test_cli import run

NBSP = "\u00a0"


def lying(path, records):
    """A Participants sheet holding ``records`` but declaring ``A1:M2`` (one person)."""
    write_xlsx(path, {"Participants": sheet_rows("Participants", records)})
    with zipfile.ZipFile(path) as original:
        members = {i.filename: original.read(i) for i in original.infolist()}
    xml = members["xl/worksheets/sheet1.xml"].decode()
    members["xl/worksheets/sheet1.xml"] = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:M2"', xml).encode()
    out = path.with_name("ment-" + path.name)
    with zipfile.ZipFile(out, "w") as rebuilt:
        for name, data in members.items():
            rebuilt.writestr(name, data)
    return out


def five_people():
    return [participant(**{"N° dossier": f"DE-2026-{n:03d}", "Nom": f"Nom{n}"}) for n in range(1, 6)]


# --- #6 rows silently skipped ------------------------------------------------------------------------


def test_a_file_declaring_a1_m2_with_five_participants_imports_five(session, tmp_path):
    path = lying(tmp_path / "equipe.xlsx", five_people())
    preview = session.exchange.preview(path)
    assert preview.ok and preview.counts["Participants"] == (5, 0)
    session.exchange.apply(path)
    assert len(session.participants.summaries()) == 5


def test_cli_import_of_a_lying_file_imports_every_row(tmp_path, monkeypatch, capsys):
    data = tmp_path / "donnees"
    assert run(["--data-dir", str(data), "init"], monkeypatch) == 0
    capsys.readouterr()
    path = lying(tmp_path / "equipe.xlsx", five_people())
    assert run(["--data-dir", str(data), "import", str(path)], monkeypatch) == 0
    assert f"Participants{NBSP}: 5 créé(s)" in capsys.readouterr().out


def test_cli_import_prints_the_first_200_problems_and_the_count_and_no_openpyxl_warning(tmp_path, monkeypatch, capsys):
    data = tmp_path / "donnees"
    assert run(["--data-dir", str(data), "init"], monkeypatch) == 0
    capsys.readouterr()
    wrong = [participant(**{"N° dossier": f"DE-2026-{n:04d}", "Sexe": "H", "Orienteur": "?"}) for n in range(1, 501)]
    path = write_book(tmp_path / "faux.xlsx", {"Participants": wrong})
    assert run(["--data-dir", str(data), "import", str(path)], monkeypatch) == EXIT_INVALID
    err = capsys.readouterr().err
    assert f"Classeur refusé{NBSP}: 1000 problèmes à corriger" in err
    assert len(re.findall(r"^  - Participants, ligne", err, re.M)) == 200
    assert err.rstrip().endswith("… et 800 autres problèmes")
    assert "Warning" not in err and "extension is not supported" not in err


# --- normalisation and likely duplicates ---------------------------------------------------------------


def test_numbers_that_only_look_equal_are_the_same_file(session, tmp_path):
    existing = session.participants.save(make_participant(file_number="DE-2025-001"))
    look_alike = " DE\u20112025\u2013001\u200b"  # non-breaking hyphen, en dash, zero-width space
    book = {"Entretiens": [appointment(**{"N° dossier": look_alike, "Date": date(2026, 11, 3)})]}
    book["Participants"] = [
        participant(
            **{
                "N° dossier": "ｄｅ-2025-001\ufeff",  # full-width letters (NFKC), a byte-order mark
                "Nom": existing.last_name,
                "Prénom": existing.first_name,
                "Date de naissance": existing.birth_date,
                "Date d'entrée": existing.entry_date,
            }
        )
    ]
    preview = session.exchange.preview(write_book(tmp_path / "a.xlsx", book))
    assert preview.ok, [str(p) for p in preview.problems]
    assert preview.counts["Participants"][0] == 0 and preview.counts["Entretiens"] == (1, 0)
    session.exchange.apply(tmp_path / "a.xlsx")
    assert [s.file_number for s in session.participants.summaries()] == ["DE-2025-001"]
    assert len(session.followup.timeline(existing.id)) == 1


def test_same_name_and_birth_date_under_a_new_number_is_a_likely_duplicate(session, tmp_path, monkeypatch, capsys):
    existing = session.participants.save(
        make_participant(file_number="DE-2025-003", last_name="Marqueur", first_name="Zéphyrin")
    )
    row = participant(**{"N° dossier": "DE-2026-014", "Nom": "MARQUEUR ", "Date de naissance": existing.birth_date})
    twin = participant(**{"N° dossier": "DE-2026-015", "Nom": "Autre", "Prénom": "Personne"})
    twin_again = dict(twin, **{"N° dossier": "DE-2026-016"})
    path = write_book(tmp_path / "a.xlsx", {"Participants": [row, twin, twin_again]})
    preview = session.exchange.preview(path)
    assert preview.ok and preview.counts["Participants"] == (3, 0)  # listed, never blocking
    assert len(preview.duplicates) == 2
    assert preview.duplicates[0].startswith(f"Participants, ligne 2{NBSP}: le dossier «{NBSP}DE-2026-014{NBSP}»")
    assert f"dossier existant «{NBSP}DE-2025-003{NBSP}»" in preview.duplicates[0]
    assert f"«{NBSP}DE-2026-016{NBSP}»" in preview.duplicates[1] and "de la ligne 3" in preview.duplicates[1]
    for line in preview.duplicates:
        assert "Marqueur" not in line and "Zéphyrin" not in line  # numbers only, no names


def test_cli_lists_likely_duplicates(tmp_path, monkeypatch, capsys):
    data = tmp_path / "donnees"
    assert run(["--data-dir", str(data), "init"], monkeypatch) == 0
    first = write_book(tmp_path / "a.xlsx", {"Participants": [participant()]})
    assert run(["--data-dir", str(data), "import", str(first)], monkeypatch) == 0
    capsys.readouterr()
    again = write_book(tmp_path / "b.xlsx", {"Participants": [participant(**{"N° dossier": "DE-2026-099"})]})
    assert run(["--data-dir", str(data), "import", str(again)], monkeypatch) == 0
    err = capsys.readouterr().err
    assert f"Doublon probable{NBSP}: Participants, ligne 2" in err and "DE-2026-001" in err


def test_a_number_naming_another_person_is_never_overwritten(session, tmp_path):
    session.participants.save(make_participant(file_number="DE-2025-007", last_name="Alpha", first_name="Anne"))
    other = participant(**{"N° dossier": "DE-2025-007", "Nom": "Bravo", "Prénom": "Basile"})
    other["Date de naissance"] = date(1970, 1, 2)
    with pytest.raises(ImportRejected) as rejected:
        session.exchange.apply(write_book(tmp_path / "a.xlsx", {"Participants": [other]}))
    (problem,) = rejected.value.problems
    assert problem.row == 2 and problem.column == "N° dossier" and "autre personne" in problem.message


# --- interviews after the end ------------------------------------------------------------------------------


def test_an_interview_after_the_end_of_the_accompaniment_is_imported(session, tmp_path):
    ended = participant(**{"Date de fin d'accompagnement": date(2026, 10, 31)})
    call = appointment(Date=date(2026, 11, 15), Type="Entretien téléphonique", Statut="Réalisé")
    path = write_book(tmp_path / "a.xlsx", {"Participants": [ended], "Entretiens": [call]})
    preview = session.exchange.preview(path)
    assert preview.ok, [str(p) for p in preview.problems]
    session.exchange.apply(path)
    person = session.participants.by_file_number("DE-2026-001")
    (meeting,) = session.followup.timeline(person.id)
    assert meeting.appointment.start.date() == date(2026, 11, 15)


# --- barrier histories ---------------------------------------------------------------------------------------


def oriented_counts(session, years):
    return {
        year: {line.category: line.oriented for line in session.indicators.compute(year).barriers} for year in years
    }


def test_demo_barrier_histories_survive_export_then_import(session, tmp_path):
    fill_with_demo_data(session)
    person = session.participants.by_file_number("DE-2025-001")
    lifted = [
        b
        for b in session.barriers.for_participant(person.id)
        if b.status is BarrierStatus.LIFTED and b.partner == "SIAO 75"
    ]
    assert lifted, "the demo's DE-2025-001 has a barrier « Levé, SIAO 75 »"
    before_path = [(e.on, e.status, e.partner) for e in session.barriers.history(lifted[0].id)]
    assert BarrierStatus.ORIENTED in [status for _on, status, _p in before_path]
    years = session.indicators.years()
    before = oriented_counts(session, years)
    assert any(any(by_category.values()) for by_category in before.values())

    out = tmp_path / "tout.xlsx"
    session.exchange.export_all(out)
    assert "Historique des freins" in load_workbook(out, read_only=True).sheetnames
    other, _code = vault.create(tmp_path / "autre", PASSWORD, clock=lambda: TODAY)
    try:
        other.exchange.apply(out)
        assert oriented_counts(other, years) == before
        moved = other.participants.by_file_number("DE-2025-001")
        (again,) = [
            b
            for b in other.barriers.for_participant(moved.id)
            if (b.category, b.identified_on) == (lifted[0].category, lifted[0].identified_on)
        ]
        assert again.item == lifted[0].item  # the item comes back from « Frein »
        assert [(e.on, e.status, e.partner) for e in other.barriers.history(again.id)] == before_path
    finally:
        other.close()


def test_without_the_history_sheet_a_partner_counts_as_oriented(session, tmp_path):
    book = {
        "Participants": [participant()],
        "Freins": [barrier(Statut="Levé", Partenaire="SIAO 75", Commentaire="Sans abri")],
    }
    session.exchange.apply(write_book(tmp_path / "a.xlsx", book))
    person = session.participants.by_file_number("DE-2026-001")
    (noted,) = session.barriers.for_participant(person.id)
    assert [e.status for e in session.barriers.history(noted.id)] == [
        BarrierStatus.IDENTIFIED,
        BarrierStatus.ORIENTED,
        BarrierStatus.LIFTED,
    ]
    housing = next(x for x in session.indicators.compute(2026).barriers if x.category is BarrierCategory.HOUSING)
    assert (housing.concerned, housing.lifted, housing.oriented) == (1, 1, 1)


def test_a_history_whose_last_step_disagrees_with_freins_is_refused_at_its_row(session, tmp_path):
    history = [
        ["N° dossier", "Catégorie", "Frein", "Date", "Statut", "Partenaire"],
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 10, 1), "Identifié", None],
        ["DE-2026-001", "Hébergement", "Sans abri", date(2026, 10, 20), "En cours", None],
        ["DE-2026-001", "Santé physique", "Soins dentaires", date(2026, 10, 5), "Identifié", None],
    ]
    sheets = {
        "Participants": sheet_rows("Participants", [participant()]),
        "Freins": sheet_rows("Freins", [barrier()]),  # Levé on 20/11/2026
        "Historique des freins": history,
    }
    path = write_xlsx(tmp_path / "a.xlsx", sheets)
    with pytest.raises(ImportRejected) as rejected:
        session.exchange.apply(path)
    found = [str(p) for p in rejected.value.problems]
    assert len(found) == 2
    assert found[0].startswith(f"Historique des freins, ligne 2, colonne «{NBSP}Statut{NBSP}»")
    assert "ligne 3" in found[0] and "la ligne 2 de la feuille" in found[0]
    assert found[1].startswith("Historique des freins, ligne 4") and "Aucun frein" in found[1]
    assert session.participants.summaries() == []


# --- #5 long texts: export → import gives every character back -----------------------------------------------


def test_a_100000_character_compte_rendu_survives_export_then_import(session, tmp_path):
    from ilot_desktop.domain.followup import Appointment

    person = session.participants.save(make_participant(file_number="DE-2026-001"))
    chunk = "Entretien long : hébergement, droits, santé… 🙂 Ça avance.  \n\t« Relancer » — fin de ligne   "
    report = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    assert len(report) == 100_000
    start = datetime.combine(date(2026, 11, 3), datetime.min.time().replace(hour=10))
    session.followup.save_many([Appointment(person.id, start, 60, report=report)])
    out = tmp_path / "tout.xlsx"
    session.exchange.export_all(out)
    headers = [c.value for c in next(load_workbook(out, read_only=True)["Entretiens"].iter_rows(max_row=1))]
    assert "Compte rendu (suite 1)" in headers and "Compte rendu (suite 3)" in headers
    other, _code = vault.create(tmp_path / "autre", PASSWORD, clock=lambda: TODAY)
    try:
        preview = other.exchange.preview(out)
        assert preview.ok, [str(p) for p in preview.problems]
        other.exchange.apply(out)
        moved = other.participants.by_file_number("DE-2026-001")
        (meeting,) = other.followup.timeline(moved.id)
        stored = session.followup.timeline(person.id)[0].appointment.report
        assert meeting.appointment.report == stored
        assert len(meeting.appointment.report) >= 99_990  # every character but what the input trims at the ends
    finally:
        other.close()
