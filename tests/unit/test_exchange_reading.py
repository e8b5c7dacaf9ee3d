"""Reading foreign workbooks: every row whatever <dimension> says, bounded cost on absurd files, the first
200 problems and the count, openpyxl kept quiet, long texts joined from their ``(suite N)`` columns."""

from __future__ import annotations

import re
import time
import tracemalloc
import warnings
import zipfile
from datetime import date
from pathlib import Path

import pytest

from ilot_desktop.domain.exchange import MAX_PROBLEMS, ProblemList, more_problems_line
from ilot_desktop.domain.exchange_export import VaultSnapshot
from ilot_desktop.domain.exchange_parse import parse_workbook, useful_width
from ilot_desktop.domain.exchange_plan import plan_import
from ilot_desktop.services.exchange import parse_file
from tests.conftest import TODAY
from tests.exchange_workbooks import HEADERS, participant, sheet_rows, write_xlsx

SHEET_XML = "xl/worksheets/sheet1.xml"


def people(count: int) -> list[dict]:
    return [participant(**{"N° dossier": f"DE-2026-{n:03d}", "Nom": f"Nom{n}"}) for n in range(1, count + 1)]


def rewrite_sheet(path: Path, change) -> Path:
    """The workbook with its first sheet's XML passed through ``change`` (what another program may write)."""
    with zipfile.ZipFile(path) as original:
        members = {item.filename: original.read(item) for item in original.infolist()}
    members[SHEET_XML] = change(members[SHEET_XML].decode("utf-8")).encode("utf-8")
    out = path.with_name("modifie-" + path.name)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name, data in members.items():
            rebuilt.writestr(name, data)
    return out


def _inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def absurd_sheet(path: Path, rows_xml: str, header_tail: str = "") -> Path:
    """A Participants sheet whose header row ends with ``header_tail`` cells and whose data is ``rows_xml``."""
    write_xlsx(path, {"Participants": sheet_rows("Participants", [])})

    def change(xml: str) -> str:
        header = re.search(r"<row [^>]*>.*?</row>", xml, re.S).group(0)
        header = header.replace("</row>", header_tail + "</row>")
        data = f"<sheetData>{header}{rows_xml}</sheetData>"
        xml = re.sub(r"<sheetData>.*</sheetData>|<sheetData\s*/>", data, xml, flags=re.S)
        return re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:M2"/>', xml)

    return rewrite_sheet(path, change)


# --- #6: every row, whatever the declared size --------------------------------------------------------


def test_a_sheet_declaring_fewer_rows_than_it_holds_is_read_whole(tmp_path):
    path = write_xlsx(tmp_path / "equipe.xlsx", {"Participants": sheet_rows("Participants", people(5))})
    lying = rewrite_sheet(path, lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:M2"', xml))
    assert '<dimension ref="A1:M2"' in zipfile.ZipFile(lying).read(SHEET_XML).decode()
    parsed = parse_file(lying)
    assert parsed.problems == []
    assert [row.get("file_number") for row in parsed.sheets["Participants"].rows] == [
        f"DE-2026-{n:03d}" for n in range(1, 6)
    ]
    plan = plan_import(parsed, VaultSnapshot(), TODAY)
    assert len(plan.new_participants) == 5


def test_a_sheet_declaring_no_size_at_all_is_read_whole(tmp_path):
    path = write_xlsx(tmp_path / "equipe.xlsx", {"Participants": sheet_rows("Participants", people(3))})
    unsized = rewrite_sheet(path, lambda xml: re.sub(r'<dimension ref="[^"]*"\s*/>', "", xml))
    assert len(parse_file(unsized).sheets["Participants"].rows) == 3


def _bounded(read):
    tracemalloc.start()
    started = time.perf_counter()
    try:
        result = read()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, time.perf_counter() - started, peak


def xfd_workbook(path: Path, rows: int) -> Path:
    """A header reaching column XFD, then ``rows`` rows of 13 wrong cells (a number where a choice or a
    date is due) and one cell far right: 8 problems a row."""
    wrong = "".join(f'<c r="{letter}{{n}}"><v>5</v></c>' for letter in "ABCDEFGHIJKLM")
    data = "".join(
        f'<row r="{n}">' + wrong.replace("{n}", str(n)) + f'<c r="XFD{n}"><v>1</v></c></row>'
        for n in range(2, rows + 2)
    )
    return absurd_sheet(path, data, _inline("XFD1", "Colonne lointaine"))


def test_a_header_reaching_column_xfd_costs_memory_for_the_known_columns_only(tmp_path):
    """Rows are no longer widened to column XFD (16,384 cells each: 3.9 GB for the reported file)."""
    path = xfd_workbook(tmp_path / "absurde.xlsx", 3_000)
    parsed, _seconds, peak = _bounded(lambda: parse_file(path))
    assert peak < 100 * 1024 * 1024, peak
    assert len(parsed.problems) == MAX_PROBLEMS and parsed.problems.total == 24_000


@pytest.mark.slow  # about 10 s: 420,000 cells through openpyxl
def test_30000_wrong_rows_give_the_first_200_problems_and_the_count(tmp_path):
    """The reported file: header to XFD, 30,000 rows of wrong cells, 269,999 problems printed. Now the first
    200 are kept and every one is counted (its memory is bounded by the test above)."""
    path = xfd_workbook(tmp_path / "absurde.xlsx", 30_000)
    assert path.stat().st_size < 1_000_000
    parsed = parse_file(path)
    assert len(parsed.problems) == MAX_PROBLEMS and parsed.problems.total == 240_000
    assert str(parsed.problems[0]).startswith("Participants, ligne 2, colonne")
    assert more_problems_line(parsed.problems) == "… et 239\u00a0800 autres problèmes"
    assert len(parsed.warnings) == 1 and "Colonne lointaine" in parsed.warnings[0]
    plan = plan_import(parsed, VaultSnapshot(), TODAY)
    # with the rows the plan refuses, one each: the reported count
    assert len(plan.problems) == MAX_PROBLEMS and plan.preview.problem_count == 270_000


def test_a_hundred_thousand_empty_rows_are_skipped_cheaply(tmp_path):
    empty = "".join(f'<row r="{n}"><c r="A{n}" s="0"/><c r="M{n}" s="0"/></row>' for n in range(2, 100_002))
    last = 100_002
    values = ["DE-2026-001", "Marqueur", "Zéphyrin", "Homme", "12/04/1985", "", "SPIP de Paris", "Détention", "",
              "", "Détention", "01/10/2026", ""]  # fmt: skip
    person = "".join(_inline(f"{chr(65 + i)}{last}", v) for i, v in enumerate(values) if v)
    path = absurd_sheet(tmp_path / "vide.xlsx", empty + f'<row r="{last}">{person}</row>')
    parsed = parse_file(path)
    assert parsed.problems == []
    ((row),) = parsed.sheets["Participants"].rows
    assert row.row == last and row.get("file_number") == "DE-2026-001"


def test_columns_past_the_last_known_header_are_never_read():
    header = [*HEADERS["Participants"], None, "Autre chose", *([None] * 100), "XFD"]
    assert useful_width("Participants", header) == 14  # the 13 columns of the layout and « Identifiant »
    assert useful_width("participants ", ["Compte rendu", "N° dossier"]) == 2
    assert useful_width("Feuille inconnue", header) == 0
    assert useful_width("Entretiens", ["N° dossier", "x", "Compte rendu (suite 1)", "Compte rendu"]) == 4


def test_problem_list_keeps_the_first_ones_and_counts_all():
    from ilot_desktop.domain.exchange import ImportProblem

    found = ProblemList(ImportProblem("Participants", n, "Nom", "vide") for n in range(1000))
    assert len(found) == 200 and found.total == 1000 and found.more == 800
    copied = ProblemList(found)
    assert copied.total == 1000 and len(copied) == 200
    assert more_problems_line(found) == "… et 800 autres problèmes"
    assert more_problems_line(ProblemList([ImportProblem("", None, None, "x")])) == ""
    assert more_problems_line([]) == ""


def test_openpyxl_warnings_never_reach_the_console(tmp_path, capsys, recwarn):
    path = write_xlsx(tmp_path / "equipe.xlsx", {"Participants": sheet_rows("Participants", people(1))})
    extension = (
        '<extLst><ext uri="{CCE6A557-97BC-4B89-ADB6-D9C93CAAB3DF}" '
        'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
        '<x14:dataValidations count="0"/></ext></extLst>'
    )
    noisy = rewrite_sheet(path, lambda xml: xml.replace("</worksheet>", extension + "</worksheet>"))
    with warnings.catch_warnings(record=True) as direct:  # openpyxl itself does warn on this file
        warnings.simplefilter("always")
        from openpyxl import load_workbook

        book = load_workbook(noisy, read_only=True)
        list(book.worksheets[0].iter_rows(values_only=True))
        book.close()
    assert any("Data Validation extension" in str(w.message) for w in direct)
    recwarn.clear()
    parsed = parse_file(noisy)
    assert parsed.problems == [] and len(parsed.sheets["Participants"].rows) == 1
    assert len(recwarn) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


# --- #5: long texts continued in (suite N) columns -----------------------------------------------------


def test_a_long_text_is_joined_back_from_its_continuation_columns_in_order():
    text = "".join(chr(0x41 + n % 26) for n in range(100_000)) + " fin"
    parts = [text[:32767], text[32767:65534], text[65534:98301], text[98301:]]
    headers = ["N° dossier", "Date", "Type", "Statut", "Compte rendu", "Compte rendu (suite 2)",
               "Compte rendu (suite 1)", "compte rendu  (SUITE 3)"]  # fmt: skip
    row = ["DE-2026-001", date(2026, 11, 3), "Entretien individuel", "Réalisé", parts[0], parts[2], parts[1],
           parts[3]]  # fmt: skip
    raw = [
        ("Participants", sheet_rows("Participants", [participant()])),
        ("Entretiens", [headers, row]),
    ]
    parsed = parse_workbook(raw)
    assert parsed.problems == [] and parsed.warnings == []
    (meeting,) = parsed.sheets["Entretiens"].rows
    assert meeting.get("report") == text
    plan = plan_import(parsed, VaultSnapshot(), TODAY)
    assert plan.problems == [] and plan.new_appointments[0][1].report == text


def test_parts_are_joined_as_written_and_a_continuation_without_its_column_is_refused():
    headers = ["N° dossier", "Date", "Type", "Statut", "Compte rendu", "Compte rendu (suite 1)"]
    cells = ["DE-2026-001", date(2026, 11, 3), "Entretien individuel", "Réalisé", "début ", " suite"]
    (meeting,) = parse_workbook([("Entretiens", [headers, cells])]).sheets["Entretiens"].rows
    assert meeting.get("report") == "début  suite"  # spaces between the parts are the text's own
    headers = ["N° dossier", "Date", "Type", "Statut", "Compte rendu (suite 1)"]
    found = [str(p) for p in parse_workbook([("Entretiens", [headers, cells[:5]])]).problems]
    assert any("sans la colonne «\u00a0Compte rendu\u00a0»" in p for p in found)


def test_more_rows_than_the_limit_stop_the_reading_with_one_problem():
    rows = sheet_rows("Participants", people(5))
    rows[3:3] = [[], [None] * 13]  # empty rows do not count
    parsed = parse_workbook([("Participants", rows)], max_rows=4)
    assert [str(p) for p in parsed.problems] == [
        "Le classeur compte plus de 4 lignes remplies\u00a0: découpez-le en plusieurs fichiers."
    ]
    assert parsed.sheets == {}
    assert parse_workbook([("Participants", rows)], max_rows=5).problems == []
