"""The copy of a person's data (right of access) as a workbook: one sheet per kind of record.

``Présentation`` (the title, the rights, what each sheet holds), ``Dossier`` (every field of the file:
section, field, value), then ``Rendez-vous``, ``Freins``, ``Historique des freins``, ``Plan d'action``,
``Actions collectives``, ``Résultats``, ``Journal des accès``. French headers in row 1, frozen.
Values are the same French text as the PDF, written as text (never a formula); a text longer than a cell
holds goes on in ``<header> (suite 1)``, ... columns (``reports.xlsx``): the copy is complete. Built whole in
memory by XlsxWriter: no temporary file anywhere.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from xlsxwriter.workbook import Workbook

from ilot_desktop.domain.access_copy import (
    ORGANISATION,
    PROGRAMME,
    RIGHTS_TEXT,
    AccessCopy,
    copy_tables,
    participant_fields,
)
from ilot_desktop.domain.dates import format_long_date
from ilot_desktop.reports.demo_mark import finish_workbook_mark, mark_workbook
from ilot_desktop.reports.xlsx import MAX_CELL_TEXT, clean_text, continued, new_workbook, split_text

__all__ = ["FILE_HEADERS", "FILE_SHEET", "MAX_CELL_TEXT", "PRESENTATION_SHEET", "render_access_copy_workbook"]

PRESENTATION_SHEET = "Présentation"
FILE_SHEET = "Dossier"
FILE_HEADERS = ("Rubrique", "Champ", "Valeur")


def _formats(book: Workbook) -> dict:
    wrap = {"text_wrap": True, "valign": "top"}
    return {
        "cell": book.add_format(wrap),
        "bold": book.add_format({**wrap, "bold": True}),
        "title": book.add_format({**wrap, "bold": True, "font_size": 14}),
        "header": book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "pattern": 1, "valign": "vcenter", "text_wrap": True}
        ),
    }


def _sheet(
    book: Workbook,
    formats: dict,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    long: set[int],
) -> None:
    ws = book.add_worksheet(title)
    out_headers, out_rows, origin = continued(headers, rows)
    for column, header in enumerate(out_headers):
        ws.write_string(0, column, header, formats["header"])
        values = [value for r in out_rows if isinstance(value := r[column], str)]
        widest = max([len(header), *(len(v) for v in values)])
        ws.set_column(column, column, 60 if origin[column] in long else min(max(widest + 2, 12), 45))
    for r, row in enumerate(out_rows, start=1):
        for c, value in enumerate(row):
            if value is None or value == "":
                ws.write_blank(r, c, None, formats["cell"])
            else:  # text, never a formula (a note may start with « = »)
                ws.write_string(r, c, str(value), formats["cell"])
    ws.freeze_panes(1, 0)


def render_access_copy_workbook(copy: AccessCopy, demonstration: bool = False) -> bytes:
    """The copy as the bytes of an ``.xlsx``; from the demonstration, marked as fictional (``demo_mark``)."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    if demonstration:
        mark_workbook(book)
    formats = _formats(book)
    intro = book.add_worksheet(PRESENTATION_SHEET)
    intro.set_column(0, 0, 110)
    p = copy.participant
    lines = [
        (copy.title, "title"),
        (
            f"Dossier {p.file_number} · {ORGANISATION}, dispositif {PROGRAMME} · document établi le "
            f"{format_long_date(copy.made_on)}",
            "cell",
        ),
        ("", "cell"),
        *((line, "cell") for line in RIGHTS_TEXT),
        ("", "cell"),
        ("Contenu de ce classeur :", "bold"),
    ]
    tables = copy_tables(copy)
    lines.append((f"{FILE_SHEET} : chaque rubrique de votre dossier", "cell"))
    lines += [(f"{t.title} : {len(t.rows)} ligne{'s' if len(t.rows) > 1 else ''}", "cell") for t in tables]
    for row, (value, style) in enumerate(lines):
        if value:
            intro.write_string(row, 0, split_text(clean_text(value))[0], formats[style])
    _sheet(book, formats, FILE_SHEET, FILE_HEADERS, participant_fields(copy.participant), {2})
    for table in tables:
        _sheet(book, formats, table.title, table.headers, table.rows, set(table.long))
    book.set_properties({"author": "Îlot desktop", "title": copy.title})
    if demonstration:
        finish_workbook_mark(book, copy.title)
    book.close()
    return buffer.getvalue()
