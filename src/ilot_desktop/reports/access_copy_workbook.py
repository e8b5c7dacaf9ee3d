"""The copy of a person's data (right of access) as a workbook: one sheet per kind of record.

``Présentation`` (the title, the rights, what each sheet holds), ``Dossier`` (every field of the file:
section, field, value), then ``Rendez-vous``, ``Freins``, ``Historique des freins``, ``Plan d'action``,
``Actions collectives``, ``Résultats``, ``Journal des accès``. French headers in row 1, frozen.
Values are the same French text as the PDF, written as text (never a formula).
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ilot_desktop.domain.access_copy import (
    EMPTY,
    ORGANISATION,
    PROGRAMME,
    RIGHTS_TEXT,
    AccessCopy,
    copy_tables,
    participant_fields,
)
from ilot_desktop.domain.dates import format_long_date

PRESENTATION_SHEET = "Présentation"
FILE_SHEET = "Dossier"
FILE_HEADERS = ("Rubrique", "Champ", "Valeur")
MAX_CELL_TEXT = 32767

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _put(ws: Worksheet, row: int, column: int, value: str) -> None:
    cell = ws.cell(row=row, column=column)
    if value in ("", EMPTY):
        cell.value = EMPTY if value == EMPTY else None
    else:
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]
    cell.data_type = "s"  # text, never a formula (a note may start with « = »)
    cell.alignment = _WRAP


def _sheet(book: Workbook, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]], long: set[int]) -> None:
    ws = book.create_sheet(title)
    for column, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=column, value=header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        widest = max([len(header), *(len(r[column - 1]) for r in rows)]) if rows else len(header)
        width = 60 if column - 1 in long else min(max(widest + 2, 12), 45)
        ws.column_dimensions[get_column_letter(column)].width = width
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            _put(ws, r, c, value)
    ws.freeze_panes = "A2"


def build_access_copy_workbook(copy: AccessCopy) -> Workbook:
    book = Workbook()
    intro = book.active
    intro.title = PRESENTATION_SHEET
    intro.column_dimensions["A"].width = 110
    p = copy.participant
    lines = [
        (copy.title, _TITLE),
        (
            f"Dossier {p.file_number} · {ORGANISATION}, dispositif {PROGRAMME} · document établi le "
            f"{format_long_date(copy.made_on)}",
            None,
        ),
        ("", None),
        *((line, None) for line in RIGHTS_TEXT),
        ("", None),
        ("Contenu de ce classeur :", _BOLD),
    ]
    tables = copy_tables(copy)
    lines.append((f"{FILE_SHEET} : chaque rubrique de votre dossier", None))
    lines += [(f"{t.title} : {len(t.rows)} ligne{'s' if len(t.rows) > 1 else ''}", None) for t in tables]
    for row, (value, font) in enumerate(lines, start=1):
        _put(intro, row, 1, value)
        if font is not None:
            intro.cell(row=row, column=1).font = font
    _sheet(book, FILE_SHEET, FILE_HEADERS, participant_fields(copy.participant), {2})
    for table in tables:
        _sheet(book, table.title, table.headers, table.rows, set(table.long))
    book.properties.creator = "Îlot desktop"
    book.properties.title = copy.title
    return book


def render_access_copy_workbook(copy: AccessCopy) -> bytes:
    out = io.BytesIO()
    build_access_copy_workbook(copy).save(out)
    return out.getvalue()
