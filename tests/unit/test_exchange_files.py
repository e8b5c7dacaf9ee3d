"""Exchange workbook files: what is written (headers, dates, drop-down lists) and what cannot be read."""

from __future__ import annotations

import zipfile
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from ilot_desktop.domain.exchange import LISTS_SHEET, SHEET_NAMES, SHEETS
from ilot_desktop.domain.exchange_parse import parse_workbook
from ilot_desktop.domain.vocabulary import Sex
from ilot_desktop.errors import StorageEnvironmentError
from ilot_desktop.reports.workbook import write_exchange_workbook, write_template
from ilot_desktop.services.exchange import read_workbook
from tests.exchange_workbooks import full_book, sheet_rows, write_book, write_xlsx

UID = "0f8fad5b-d9cb-469f-a165-70867728950e"
EXPECTED_HEADERS = {
    "Participants": [
        "N° dossier", "Nom", "Prénom", "Sexe", "Date de naissance", "Téléphone", "Orienteur",
        "Situation judiciaire à l'entrée", "Établissement", "Date de libération prévue",
        "Hébergement à l'entrée",
        "Date d'entrée", "Date de fin d'accompagnement", "Identifiant",
    ],
    "Entretiens": ["N° dossier", "Date", "Heure", "Durée (min)", "Type", "Statut", "Compte rendu", "Identifiant"],
    "Freins": [
        "N° dossier", "Catégorie", "Statut", "Date d'identification", "Date de levée", "Partenaire",
        "Commentaire", "Identifiant",
    ],
    "Actions collectives": ["Réf. action", "Date", "Type", "Intitulé", "Partenaire", "Identifiant"],
    "Participations": ["Réf. action", "N° dossier", "Présence", "Identifiant"],
    "Résultats": [
        "N° dossier", "Date", "Type", "Motif d'abandon", "Employeur ou organisme", "Commentaire", "Identifiant",
    ],
    "Historique des freins": ["N° dossier", "Catégorie", "Frein", "Date", "Statut", "Partenaire", "Identifiant"],
}  # fmt: skip


def test_layout_matches_the_specification():
    assert list(SHEET_NAMES) == list(EXPECTED_HEADERS)
    assert {s.name: s.headers for s in SHEETS} == EXPECTED_HEADERS


def test_template_has_headers_lists_and_drop_downs(tmp_path):
    out = tmp_path / "modele.xlsx"
    write_template(out)
    book = load_workbook(out)
    assert book.sheetnames == [*SHEET_NAMES, LISTS_SHEET]
    for name, headers in EXPECTED_HEADERS.items():
        sheet = book[name]
        assert [c.value for c in sheet[1]] == headers
        assert all(c.font.bold for c in sheet[1])
        assert sheet.freeze_panes == "A2"
        assert sheet.max_row == 1
        assert sheet.column_dimensions["A"].width >= 12
    lists = book[LISTS_SHEET]
    columns = {col[0].value: [c.value for c in col[1:] if c.value] for col in lists.iter_cols()}
    assert columns["Participants – Sexe"] == Sex.labels()
    assert columns["Résultats – Motif d'abandon"] == [
        "Pas intéressé après le diagnostic", "Réincarcération", "Injoignable", "Déménagement", "Santé",
        "Autre",
    ]  # fmt: skip
    assert len(columns["Freins – Catégorie"]) == 12
    validations = {str(v.sqref): v for v in book["Participants"].data_validations.dataValidation}
    sex = validations["D2:D1001"]
    assert sex.type == "list" and sex.formula1 == "Listes!$A$2:$A$4"  # the OOXML form, as Excel writes it
    # every choice column of every sheet offers its list
    for layout in SHEETS:
        found = book[layout.name].data_validations.dataValidation
        assert len(found) == sum(1 for c in layout.columns if c.choices)
        for validation in found:
            first, last = validation.formula1.removeprefix("=").removeprefix("Listes!").replace("$", "").split(":")
            values = [row[0].value for row in lists[f"{first}:{last}"]]
            column = layout.columns[ord(str(validation.sqref)[0]) - ord("A")]
            assert values == column.choices.labels()


def test_template_imported_back_says_there_is_nothing_to_import(tmp_path):
    write_template(tmp_path / "modele.xlsx")
    sheets, problems = read_workbook(tmp_path / "modele.xlsx")
    assert problems == []
    parsed = parse_workbook(sheets)
    assert parsed.warnings == []
    assert [str(p) for p in parsed.problems] == ["Le classeur ne contient aucune ligne à importer."]


def test_written_values_dates_times_and_texts(tmp_path):
    out = tmp_path / "export.xlsx"
    rows = {
        "Participants": [
            ("DE-2026-001", "=Dupont", "+33 ", "Homme", date(1985, 4, 12), None, "SPIP de Paris", "Détention",
             "Prison\x0bde la Santé", None, "Détention", date(2026, 10, 1), None, UID),
        ],
        "Entretiens": [
            ("DE-2026-001", date(2026, 11, 3), "09:05", 45, "Entretien individuel", "Réalisé", None, UID),
        ],
    }  # fmt: skip
    write_exchange_workbook(out, rows)
    book = load_workbook(out)
    row = [c for c in book["Participants"][2]]
    assert row[1].value == "=Dupont" and row[1].data_type == "s"  # a value, never a formula
    assert row[4].value == datetime(1985, 4, 12) and row[4].is_date and row[4].number_format == "DD/MM/YYYY"
    assert row[5].value is None
    assert row[8].value == "Prisonde la Santé"  # a control character XML cannot carry is dropped
    meeting = [c.value for c in book["Entretiens"][2]]
    assert meeting[2] == "09:05" and meeting[3] == 45
    assert row[-1].value == meeting[-1] == UID  # the permanent identifier, last, as text
    assert [tmp for tmp in tmp_path.iterdir() if tmp.name.startswith(".classeur-")] == []


def test_writing_into_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(StorageEnvironmentError, match="n'existe pas"):
        write_template(tmp_path / "absent" / "modele.xlsx")
    with pytest.raises(StorageEnvironmentError):
        write_exchange_workbook(tmp_path / "absent" / "tout.xlsx", {})


# --- files that are not workbooks -----------------------------------------------------------------


def only_problem(path) -> str:
    sheets, problems = read_workbook(path)
    assert sheets == [] and len(problems) == 1
    assert problems[0].sheet == "" and problems[0].row is None and problems[0].column is None
    return problems[0].message


def test_empty_file(tmp_path):
    (tmp_path / "vide.xlsx").write_bytes(b"")
    assert "vide" in only_problem(tmp_path / "vide.xlsx")


def test_missing_file_and_folder(tmp_path):
    assert "introuvable" in only_problem(tmp_path / "absent.xlsx")
    assert "dossier" in only_problem(tmp_path)


def test_csv_renamed_xlsx(tmp_path):
    path = tmp_path / "equipe.xlsx"
    path.write_text("N° dossier;Nom\nDE-2026-001;Dupont\n", encoding="utf-8")
    assert "n'est pas un classeur Excel (.xlsx)" in only_problem(path)


def test_old_xls_or_password_protected(tmp_path):
    path = tmp_path / "equipe.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert ".xls" in only_problem(path)


def test_corrupt_zip_and_zip_that_is_not_a_workbook(tmp_path):
    good = write_book(tmp_path / "bon.xlsx", full_book())
    truncated = tmp_path / "tronque.xlsx"
    truncated.write_bytes(good.read_bytes()[:700])
    assert "n'est pas un classeur Excel (.xlsx)" in only_problem(truncated)
    other = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("note.txt", "bonjour")
    assert "n'est pas un classeur Excel (.xlsx)" in only_problem(other)


def test_opendocument(tmp_path):
    path = tmp_path / "equipe.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    assert ".ods" in only_problem(path)


def test_any_extension_is_read_by_its_content(tmp_path):
    path = write_book(tmp_path / "equipe.xlsx", full_book())
    renamed = path.rename(tmp_path / "equipe.dat")
    sheets, problems = read_workbook(renamed)
    assert problems == [] and [title for title, _rows in sheets] == list(SHEET_NAMES[:6])


def test_read_workbook_cuts_rows_to_the_headers(tmp_path):
    rows = sheet_rows("Participants", [])
    rows.append([None] * 14 + ["hors colonnes"])
    path = write_xlsx(tmp_path / "p.xlsx", {"Participants": rows})
    sheets, problems = read_workbook(path)
    assert problems == []
    ((_title, read),) = sheets
    assert read[0] == tuple(rows[0]) and read[1] == ()
