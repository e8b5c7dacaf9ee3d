"""The funder file read back with openpyxl, the PDF summary read back with pypdf, and nothing personal."""

from __future__ import annotations

import io
import re
from datetime import date, datetime
from fractions import Fraction

import openpyxl
import pypdf
import pytest
from sqlalchemy import String, Text, select

from ilot_desktop.domain import vocabulary
from ilot_desktop.domain.indicators import compute_indicators, format_value
from ilot_desktop.errors import StorageEnvironmentError
from ilot_desktop.reports.funder_file import write_funder_workbook
from ilot_desktop.reports.funder_pdf import render_funder_summary, write_funder_summary
from ilot_desktop.services.demo import fill_with_demo_data
from ilot_desktop.storage.tables import Base
from tests.conftest import TODAY
from tests.unit.test_indicators import SUMMARY_LABELS, programme_2025

SHEETS = ["Synthèse", "Résultats", "Freins", "Profil", "Actions collectives"]
RATES = (
    "Taux d'accès à l'emploi ou à la formation",
    "Taux d'engagement",
    "Taux d'absence",
)
FULL_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b")
# The vocabulary's fixed labels are no secret (a barrier's item may be one, e.g. « Sans abri »).
_NOT_SECRET = {
    member.label
    for enum in vars(vocabulary).values()
    if isinstance(enum, type) and issubclass(enum, vocabulary.LabelledEnum) and enum is not vocabulary.LabelledEnum
    for member in enum
}


@pytest.fixture
def demo(session):
    fill_with_demo_data(session)
    return session


def secrets_of(session) -> set[str]:
    """Every free text, name, phone and file number the vault holds (four characters or more)."""
    found: set[str] = set()
    with session._database.unit_of_work() as uow:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if isinstance(c.type, String | Text) and c.name != "key"]
            choice = {"sex", "referrer", "justice_situation", "housing_at_entry", "justice_measure"}
            choice |= {"education_level", "cadence", "end_reason", "kind", "status", "action_type", "category"}
            choice |= {"outcome_type", "dropout_reason", "working_time", "owner", "attendance", "value"}
            choice |= {"action", "detail"}  # the access log: codes and fixed words, no personal data
            for column in columns:
                if column.name in choice:
                    continue
                for (text,) in uow.session.execute(select(column)):
                    if text and len(text.strip()) >= 4 and text.strip() not in _NOT_SECRET:
                        found.add(text.strip())
    return found


def birth_dates_of(session) -> set[date]:
    return {s.birth_date for s in session.participants.summaries() if s.birth_date}


def cells(path) -> list:
    book = openpyxl.load_workbook(path)
    return [cell.value for sheet in book for row in sheet.iter_rows() for cell in row if cell.value is not None]


# --- the Synthèse sheet -----------------------------------------------------------------------------


def test_summary_sheet_labels_values_and_formats(demo, tmp_path) -> None:
    out = tmp_path / "bilan.xlsx"
    figures = demo.funder.write(2026, TODAY, out)
    assert figures == demo.indicators.compute(2026, TODAY)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Démonstration", *SHEETS]  # the demonstration's file says so first
    sheet = book["Synthèse"]
    assert (sheet["A1"].value, sheet["B1"].value) == ("Indicateur", "Valeur")
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    labels = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert labels[: len(SUMMARY_LABELS)] == SUMMARY_LABELS
    assert labels == [label for label, _value in figures.summary_rows()]
    values = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    assert values["Année"].value == 2026
    assert values["Date d'arrêté"].value == datetime(2026, 11, 27)
    assert values["Date d'arrêté"].number_format == "DD/MM/YYYY"
    assert values["File active"].value == figures.file_active >= 45
    assert values["Accès à l'emploi ou à la formation"].value == figures.access
    assert values["Entretiens réalisés"].value == figures.interviews_done
    for label in RATES:
        cell = values[label]
        assert cell.number_format == "0%"
        assert isinstance(cell.value, float) and 0 <= cell.value <= 1
    assert values["Taux d'accès à l'emploi ou à la formation"].value == pytest.approx(
        figures.access / figures.file_active
    )
    assert values["Taux d'engagement"].value == pytest.approx(1 - figures.dropouts / figures.file_active)
    assert all(cell.data_type != "f" for cell in values.values())  # values, not formulas


def test_programme_figures_in_the_file(tmp_path) -> None:
    people, outcomes = programme_2025()
    from ilot_desktop.domain.indicators import IndicatorFacts

    figures = compute_indicators(2025, date(2025, 11, 30), IndicatorFacts(tuple(people), tuple(outcomes)))
    out = tmp_path / "bilan-2025.xlsx"
    write_funder_workbook(out, figures)
    values = {row[0].value: row[1].value for row in openpyxl.load_workbook(out)["Synthèse"].iter_rows(min_row=2)}
    assert values["File active"] == 50
    assert values["Accès à l'emploi ou à la formation"] == 31
    assert values["Taux d'accès à l'emploi ou à la formation"] == pytest.approx(0.62)
    assert values["Date d'arrêté"] == datetime(2025, 11, 30)


# --- the breakdowns ---------------------------------------------------------------------------------


def test_breakdown_sheets(demo, tmp_path) -> None:
    out = tmp_path / "bilan.xlsx"
    figures = demo.funder.write(2026, None, out)
    book = openpyxl.load_workbook(out)
    for name in SHEETS:
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.bold for cell in sheet[1] if cell.value)
        assert all((sheet.column_dimensions[letter].width or 0) >= 8 for letter in "AB")

    results = [[c.value for c in row] for row in book["Résultats"].iter_rows(min_row=2)]
    assert [r[0] for r in results if r[1] == "Ensemble de la catégorie"] == [
        "Emploi durable",
        "Emploi de transition",
        "Sortie positive",
        "Abandon",
    ]
    by_category = {r[0]: r[2] for r in results if r[1] == "Ensemble de la catégorie"}
    assert by_category == {c.label: c.count for c in figures.outcomes_by_category}
    by_type = {r[1]: r[2] for r in results if r[1] != "Ensemble de la catégorie"}
    assert by_type == {c.label: c.count for c in figures.outcomes_by_type}
    assert by_category["Abandon"] == figures.dropouts

    barriers = [[c.value for c in row] for row in book["Freins"].iter_rows()]
    assert barriers[0] == [
        "Catégorie de frein",
        "Personnes concernées",
        "Dont frein levé dans l'année",
        "Dont orientées vers un partenaire",
    ]
    assert [r[0] for r in barriers[1:]][:2] == ["Hébergement", "Santé physique"]
    assert all(r[1] >= r[2] for r in barriers[1:])

    profile = [[c.value for c in row] for row in book["Profil"].iter_rows(min_row=2)]
    for section in ("Sexe", "Tranche d'âge", "Hébergement à l'entrée", "Orienteur", "Situation judiciaire à l'entrée"):
        assert sum(r[2] for r in profile if r[0] == section) == figures.file_active
    assert {r[1] for r in profile if r[0] == "Tranche d'âge"} <= {"moins de 26 ans", "26 à 49 ans", "50 ans et plus"}
    assert book["Profil"]["D2"].number_format == "0%"

    actions = [[c.value for c in row] for row in book["Actions collectives"].iter_rows()]
    assert actions[0] == ["Type d'action", "Actions", "Participations (présents)", "Participants distincts présents"]
    assert actions[-1] == ["Total", figures.actions, figures.participations, figures.participants_present]
    assert sum(r[1] for r in actions[1:-1]) == figures.actions


# --- privacy ----------------------------------------------------------------------------------------


def test_no_names_birth_dates_phones_or_free_text_anywhere(demo, tmp_path) -> None:
    out = tmp_path / "bilan.xlsx"
    demo.funder.write(2026, TODAY, out)
    assert "Lignes pseudonymisées" not in openpyxl.load_workbook(out).sheetnames
    secrets = secrets_of(demo)
    assert any(s.startswith("DE-2026-") for s in secrets) and len(secrets) > 500  # the scan sees the data
    assert any(len(s) == 36 and s.count("-") == 4 for s in secrets)  # and the records' identifiers (uid)
    births = birth_dates_of(demo)
    for value in cells(out):
        if isinstance(value, datetime):
            assert value == datetime(2026, 11, 27)  # the only date: the as-of date
            continue
        text = str(value)
        assert not any(secret in text for secret in secrets), text
        assert not any(birth.strftime("%d/%m/%Y") in text for birth in births)
        assert not re.search(r"\d{2} \d{2} \d{2} \d{2}", text)  # no phone number


def test_pseudonymised_rows_only_on_request_and_without_identifiers(demo, tmp_path) -> None:
    out = tmp_path / "bilan.xlsx"
    figures = demo.funder.write(2026, TODAY, out, pseudonymised=True)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Démonstration", *SHEETS, "Lignes pseudonymisées"]
    sheet = book["Lignes pseudonymisées"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == [
        "Code",
        "Tranche d'âge",
        "Sexe",
        "Hébergement à l'entrée",
        "Orienteur",
        "Situation judiciaire à l'entrée",
        "Mois d'entrée",
        "Mois de fin",
        "Résultats obtenus",
    ]
    body = rows[1:]
    assert len(body) == figures.file_active
    codes = [r[0] for r in body]
    assert len(set(codes)) == len(codes) and all(re.fullmatch(r"P-[2-9A-Z]{5}", c) for c in codes)
    assert all(re.fullmatch(r"\d{4}-\d{2}", r[6]) for r in body)
    assert all(r[7] is None or re.fullmatch(r"\d{4}-\d{2}", r[7]) for r in body)
    assert sum(1 for r in body if r[8] and "CDI" in r[8]) >= 1
    secrets = secrets_of(demo)
    for value in cells(out):
        text = str(value)
        assert not text.startswith("DE-")
        assert not any(secret in text for secret in secrets), text
        assert isinstance(value, datetime) or not FULL_DATE.search(text), text
    again = tmp_path / "encore.xlsx"
    demo.funder.write(2026, TODAY, again, pseudonymised=True)
    other = [r[0].value for r in openpyxl.load_workbook(again)["Lignes pseudonymisées"].iter_rows(min_row=2)]
    assert set(other) != set(codes)  # random per export: no link between two files


# --- the PDF summary --------------------------------------------------------------------------------


def test_pdf_summary_has_the_same_figures(demo, tmp_path) -> None:
    out = tmp_path / "bilan.pdf"
    xlsx = tmp_path / "bilan.xlsx"
    figures = demo.funder.write(2026, TODAY, xlsx, out)
    reader = pypdf.PdfReader(out)
    assert 1 <= len(reader.pages) <= 3
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)  # A4
    text = "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")
    assert "Bilan Dynamiques Emploi 2026 — L'Îlot" in text
    assert "arrêté au 27/11/2026" in text
    for label, value in figures.summary_rows():
        assert label in text
        assert format_value(value).replace("\u00a0", " ") in text
    for heading in ("Résultats par catégorie", "Hébergement à l'entrée", "Freins périphériques"):
        assert heading in text
    secrets = secrets_of(demo)
    assert not [s for s in secrets if s in text]
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert "DejaVu" in str(font["/BaseFont"])
            assert "/FontFile2" in font["/FontDescriptor"].get_object()


def test_pdf_of_an_empty_year(session) -> None:
    figures = session.indicators.compute(2026)
    reader = pypdf.PdfReader(io.BytesIO(render_funder_summary(figures)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "File active" in text and "—" in text


# --- writing ----------------------------------------------------------------------------------------


def test_a_missing_folder_is_refused_and_nothing_is_left_behind(session, tmp_path) -> None:
    figures = session.indicators.compute(2026)
    with pytest.raises(StorageEnvironmentError, match="n'existe pas"):
        write_funder_workbook(tmp_path / "absent" / "bilan.xlsx", figures)
    with pytest.raises(StorageEnvironmentError, match="n'existe pas"):
        write_funder_summary(tmp_path / "absent" / "bilan.pdf", figures)
    with pytest.raises(StorageEnvironmentError):
        session.funder.write(2026, None, tmp_path / "bilan.xlsx", tmp_path / "absent" / "bilan.pdf")
    assert list(tmp_path.iterdir()) == [tmp_path / "coffre"]  # not even the workbook: both or nothing


def test_rewriting_replaces_the_file_atomically(session, tmp_path) -> None:
    out = tmp_path / "bilan.xlsx"
    out.write_bytes(b"ancienne version")
    session.funder.write(2026, None, out)
    assert openpyxl.load_workbook(out).sheetnames == SHEETS
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bilan.xlsx", "coffre"]


def test_rates_are_exact_fractions_until_the_file(demo) -> None:
    figures = demo.indicators.compute(2026, TODAY)
    assert isinstance(figures.access_rate, Fraction)
