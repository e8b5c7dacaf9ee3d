"""The exchange workbook (data-exchange.md section 1): full export and blank template.

One sheet per kind of record with exactly the specified headers in order, header row bold and frozen,
dates as real Excel dates shown ``JJ/MM/AAAA``, times as ``HH:MM`` text, choice cells holding the exact
labels with a drop-down list of the allowed labels (kept in a last sheet, ``Listes``, which the import
ignores). Values, never formulas: a text starting with ``=`` stays text. A text longer than a cell holds
goes on in ``<header> (suite 1)``, ... columns right after its column (``reports.xlsx``).

Built whole in memory by XlsxWriter (no temporary file anywhere), then written by ``safe_files``: a
reader never sees half a workbook, and a killed write leaves nothing readable behind.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from ilot_desktop import safe_files
from ilot_desktop.domain.exchange import LISTS_SHEET, SHEETS, Column, Kind, SheetLayout
from ilot_desktop.reports.demo_mark import finish_workbook_mark, mark_workbook
from ilot_desktop.reports.xlsx import MAX_CELL_TEXT, continued, new_workbook

__all__ = ["MAX_CELL_TEXT", "build_workbook", "render_exchange_workbook", "write_exchange_workbook", "write_template"]

DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
SPARE_ROWS = 1000  # rows below the data that still offer the drop-down lists
_HEADER_STYLE = {"bold": True, "bg_color": "#F1F4F8", "pattern": 1, "valign": "vcenter"}

if TYPE_CHECKING:  # openpyxl only reads back, for inspection
    import openpyxl

Rows = Mapping[str, Sequence[Sequence[object]]]


def _write_value(sheet: Worksheet, row: int, col: int, column: Column, value: object, formats: dict) -> None:
    if value is None or value == "":
        return
    if isinstance(value, str):  # never a formula, even when it starts with "="
        sheet.write_string(row, col, value, formats["text"] if column.kind is Kind.TIME else None)
    elif isinstance(value, date | datetime | time):
        sheet.write_datetime(row, col, value, formats["date"])
    elif isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    else:
        sheet.write_string(row, col, str(value))


def _lists_columns(layouts: Sequence[SheetLayout]) -> list[tuple[SheetLayout, Column]]:
    return [(layout, c) for layout in layouts for c in layout.columns if c.kind is Kind.CHOICE]


def _labels(column: Column) -> list[str]:
    """The labels a choice column allows (a ``Kind.CHOICE`` column always has its list)."""
    if column.choices is None:
        raise ValueError(f"choice column without choices: {column.key}")
    return list(column.choices.labels())


def _header(sheet: Worksheet, headers: Sequence[str], widths: Sequence[int], style: Format) -> None:
    for index, (header, width) in enumerate(zip(headers, widths, strict=True)):
        sheet.write_string(0, index, header, style)
        sheet.set_column(index, index, max(width, len(header) + 2))
    sheet.freeze_panes(1, 0)


def render_exchange_workbook(rows: Rows | None = None, demonstration: bool = False) -> bytes:
    """The exchange workbook holding ``rows`` (sheet name -> rows in the layout's column order), as the
    bytes of an ``.xlsx``; without rows, the blank template. From the demonstration, a first sheet
    « Démonstration » says the people are fictional (``demo_mark``; the import names it in a warning)."""
    rows = rows or {}
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    book.set_properties({"author": "Îlot desktop"})
    if demonstration:
        mark_workbook(book)
    formats = {
        "header": book.add_format(_HEADER_STYLE),
        "date": book.add_format({"num_format": DATE_FORMAT}),
        "text": book.add_format({"num_format": TEXT_FORMAT}),
    }
    choice_columns = _lists_columns(SHEETS)
    list_ranges: dict[tuple[str, str], str] = {}
    for index, (layout, column) in enumerate(choice_columns):
        assert column.choices is not None
        letter = xl_col_to_name(index)
        list_ranges[layout.name, column.key] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(column.choices.labels()) + 1}"

    for layout in SHEETS:
        sheet = book.add_worksheet(layout.name)
        headers, records, origin = continued(layout.headers, rows.get(layout.name, ()))
        columns = [layout.columns[i] for i in origin]
        _header(sheet, headers, [c.width for c in columns], formats["header"])
        for r, record in enumerate(records, start=1):
            for c, (column, value) in enumerate(zip(columns, record, strict=True)):
                _write_value(sheet, r, c, column, value, formats)
        last_row = len(records) + SPARE_ROWS  # 0-based: rows 2 to len + 1 + SPARE_ROWS
        for c, column in enumerate(columns):
            if column.kind is Kind.CHOICE:
                sheet.data_validation(
                    1,
                    c,
                    last_row,
                    c,
                    {
                        "validate": "list",
                        "source": f"={list_ranges[layout.name, column.key]}",
                        "ignore_blank": True,
                        "show_error": True,
                        "error_title": "Valeur non autorisée",
                        "error_message": f"Choisissez une valeur de la liste (feuille « {LISTS_SHEET} »).",
                        "input_title": column.header,
                        "input_message": "Choisissez dans la liste.",
                        "show_input": True,
                    },
                )

    lists = book.add_worksheet(LISTS_SHEET)
    _header(
        lists,
        [f"{layout.name} – {column.header}" for layout, column in choice_columns],
        [max(len(label) for label in _labels(column)) + 2 for _layout, column in choice_columns],
        formats["header"],
    )
    for c, (_layout, column) in enumerate(choice_columns):
        for r, label in enumerate(_labels(column), start=1):
            lists.write_string(r, c, label)
    if demonstration:
        finish_workbook_mark(book, "Export complet des dossiers")
    book.close()
    return buffer.getvalue()


def build_workbook(rows: Rows | None = None) -> openpyxl.Workbook:
    """The exchange workbook read back by openpyxl (in memory), for inspection; writing goes through
    ``render_exchange_workbook`` and ``write_exchange_workbook``."""
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(render_exchange_workbook(rows)))


def write_exchange_workbook(out: Path, rows: Rows | None = None, demonstration: bool = False) -> None:
    """Write the workbook to ``out`` (built in memory, then ``safe_files``) in a folder that must exist."""
    out = Path(out)
    safe_files.require_folder(out.parent)
    safe_files.write_bytes(out, render_exchange_workbook(rows, demonstration))


def write_template(out: Path) -> None:
    """The blank workbook a team fills by hand: headers, drop-down lists, and the ``Listes`` sheet."""
    write_exchange_workbook(out, None)
