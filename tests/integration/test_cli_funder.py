"""``ilot-desktop funder-report``: the yearly funder file from the command line, and its exit codes."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest

from tests.conftest import PASSWORD
from tests.integration.test_cli import run


@pytest.fixture
def data(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "donnees"
    assert run(["--data-dir", str(folder), "demo"], monkeypatch) == 0
    capsys.readouterr()
    return folder


def test_funder_report_writes_the_workbook_and_the_pdf(data, tmp_path, monkeypatch, capsys) -> None:
    today = date.today()
    out, pdf = tmp_path / "bilan.xlsx", tmp_path / "bilan.pdf"
    argv = ["--data-dir", str(data), "funder-report", "--year", str(today.year), "--as-of", today.isoformat()]
    assert run([*argv, "--out", str(out), "--pdf", str(pdf)], monkeypatch) == 0
    printed = capsys.readouterr().out
    assert f"Bilan {today.year} écrit" in printed and "Synthèse PDF écrite" in printed
    assert f"Date d'arrêté : {today:%d/%m/%Y}" in printed
    assert "Taux d'accès à l'emploi ou à la formation : " in printed
    book = openpyxl.load_workbook(out)
    # `demo` fills the folder's vault with the demonstration: its file says so first
    assert book.sheetnames == ["Démonstration", "Synthèse", "Résultats", "Freins", "Profil", "Actions collectives"]
    assert pdf.read_bytes().startswith(b"%PDF")
    values = {row[0].value: row[1].value for row in book["Synthèse"].iter_rows(min_row=2)}
    assert values["Année"] == today.year and values["File active"] >= 40


def test_french_as_of_date_and_pseudonymised_rows(data, tmp_path, monkeypatch, capsys) -> None:
    today = date.today()
    iso, french = tmp_path / "iso.xlsx", tmp_path / "fr.xlsx"
    base = ["--data-dir", str(data), "funder-report", "--year", str(today.year)]
    assert run([*base, "--as-of", today.isoformat(), "--out", str(iso)], monkeypatch) == 0
    assert run([*base, "--as-of", f"{today:%d/%m/%Y}", "--out", str(french), "--pseudonymise"], monkeypatch) == 0
    assert "lignes pseudonymisées" in capsys.readouterr().out

    def summary(path):
        return [(r[0].value, r[1].value) for r in openpyxl.load_workbook(path)["Synthèse"].iter_rows()]

    assert summary(iso) == summary(french)
    assert "Lignes pseudonymisées" in openpyxl.load_workbook(french).sheetnames
    assert "Lignes pseudonymisées" not in openpyxl.load_workbook(iso).sheetnames


def test_as_of_defaults_to_31_december(data, tmp_path, monkeypatch) -> None:
    out = tmp_path / "bilan.xlsx"
    year = date.today().year
    assert run(["--data-dir", str(data), "funder-report", "--year", str(year), "--out", str(out)], monkeypatch) == 0
    values = {row[0].value: row[1].value for row in openpyxl.load_workbook(out)["Synthèse"].iter_rows(min_row=2)}
    assert values["Date d'arrêté"].date() == date(year, 12, 31)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--year", "20x5"], "Année non reconnue"),
        (["--year", "1990"], "L'année doit être comprise entre 2015"),
        (["--year", "2025", "--as-of", "31/02/2025"], "Cette date n'existe pas"),
        (["--year", "2025", "--as-of", "demain"], "Date non reconnue"),
        (["--year", "2025", "--as-of", "2026-01-15"], "doit être dans l'année 2025"),
    ],
)
def test_bad_year_or_date_exit_5_in_french(tmp_path, monkeypatch, capsys, options, message) -> None:
    out = tmp_path / "bilan.xlsx"
    code = run(["--data-dir", str(tmp_path / "rien"), "funder-report", *options, "--out", str(out)], monkeypatch)
    assert code == 5
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert not out.exists()


def test_wrong_password_and_missing_folder(data, tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "bilan.xlsx"
    argv = ["--data-dir", str(data), "funder-report", "--year", str(date.today().year), "--out", str(out)]
    assert run(argv, monkeypatch, password="Mauvais-Mot-2026!") == 3
    assert "Mot de passe incorrect." in capsys.readouterr().err
    assert not out.exists()
    year = str(date.today().year)
    absent = ["--data-dir", str(data), "funder-report", "--year", year, "--out", str(tmp_path / "x" / "b.xlsx")]
    assert run(absent, monkeypatch, password=PASSWORD) == 5
    assert "n'existe pas" in capsys.readouterr().err
