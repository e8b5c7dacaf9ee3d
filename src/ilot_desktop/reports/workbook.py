"""The exchange workbook written with openpyxl (data-exchange.md section 1): full export and blank template.

One sheet per kind of record with exactly the specified headers in order, header row bold and frozen,
dates as real Excel dates shown ``JJ/MM/AAAA``, times as ``HH:MM`` text, choice cells holding the exact
labels with a drop-down list of the allowed labels (kept in a last sheet, ``Listes``, which the import
ignores). Values, never formulas: a text starting with ``=`` stays text.

Written to a temporary file in the target folder, then renamed: a reader never sees half a workbook.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ilot_desktop.domain.exchange import LISTS_SHEET, SHEETS, Column, Kind, SheetLayout
from ilot_desktop.errors import StorageEnvironmentError

DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"
MAX_CELL_TEXT = 32767  # Excel's limit for one cell
SPARE_ROWS = 1000  # rows below the data that still offer the drop-down lists
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F1F4F8")
_NBSP = "\u00a0"

Rows = Mapping[str, Sequence[Sequence[object]]]


def _text(value: str) -> str:
    """Characters XML cannot carry (control characters pasted from elsewhere) are dropped."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL_TEXT]


def _write_value(sheet: Worksheet, row: int, col: int, column: Column, value: object) -> None:
    if value is None or value == "":
        return
    cell = sheet.cell(row=row, column=col)
    if isinstance(value, str):
        cell.value = _text(value)
        cell.data_type = "s"  # never a formula, even when it starts with "="
        if column.kind is Kind.TIME:
            cell.number_format = TEXT_FORMAT
    elif isinstance(value, date):  # datetime too
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value


def _lists_columns(layouts: Sequence[SheetLayout]) -> list[tuple[SheetLayout, Column]]:
    return [(layout, c) for layout in layouts for c in layout.columns if c.kind is Kind.CHOICE]


def _header(sheet: Worksheet, headers: Sequence[str], widths: Sequence[int]) -> None:
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(row=1, column=index, value=header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = max(width, len(header) + 2)
    sheet.freeze_panes = "A2"


def build_workbook(rows: Rows | None = None) -> Workbook:
    """The exchange workbook holding ``rows`` (sheet name -> rows in the layout's column order); without
    rows, the blank template."""
    rows = rows or {}
    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "Îlot desktop"
    choice_columns = _lists_columns(SHEETS)
    list_ranges: dict[tuple[str, str], str] = {}
    for index, (layout, column) in enumerate(choice_columns, start=1):
        assert column.choices is not None
        letter = get_column_letter(index)
        list_ranges[layout.name, column.key] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(column.choices.labels()) + 1}"

    for layout in SHEETS:
        sheet = book.create_sheet(layout.name)
        _header(sheet, layout.headers, [c.width for c in layout.columns])
        records = rows.get(layout.name, ())
        for r, record in enumerate(records, start=2):
            for c, (column, value) in enumerate(zip(layout.columns, record, strict=True), start=1):
                _write_value(sheet, r, c, column, value)
        last_row = len(records) + 1 + SPARE_ROWS
        for c, column in enumerate(layout.columns, start=1):
            letter = get_column_letter(c)
            if column.kind is Kind.CHOICE:
                validation = DataValidation(
                    type="list",
                    formula1=f"={list_ranges[layout.name, column.key]}",
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="Valeur non autorisée",
                    error=f"Choisissez une valeur de la liste (feuille « {LISTS_SHEET} »).",
                    promptTitle=column.header,
                    prompt="Choisissez dans la liste.",
                    showInputMessage=True,
                )
                validation.add(f"{letter}2:{letter}{last_row}")
                sheet.add_data_validation(validation)

    lists = book.create_sheet(LISTS_SHEET)
    _header(
        lists,
        [f"{layout.name} – {column.header}" for layout, column in choice_columns],
        [max(len(label) for label in column.choices.labels()) + 2 for _layout, column in choice_columns],
    )
    for c, (_layout, column) in enumerate(choice_columns, start=1):
        for r, label in enumerate(column.choices.labels(), start=2):
            lists.cell(row=r, column=c, value=label).data_type = "s"
    return book


def write_exchange_workbook(out: Path, rows: Rows | None = None) -> None:
    """Write the workbook to ``out`` (atomic: temporary file, then rename) in a folder that must exist."""
    out = Path(out)
    if not out.parent.is_dir():
        raise StorageEnvironmentError(
            f"Le dossier « {out.parent} » n'existe pas{_NBSP}: choisissez un dossier existant."
        )
    book = build_workbook(rows)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".classeur-", suffix=".xlsx.tmp", dir=out.parent)
    except OSError as exc:
        raise StorageEnvironmentError(
            f"Le classeur n'a pas pu être écrit dans « {out.parent} » ({exc.strerror})."
        ) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            book.save(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise StorageEnvironmentError(f"Le classeur n'a pas pu être écrit ({exc.strerror}).") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_template(out: Path) -> None:
    """The blank workbook a team fills by hand: headers, drop-down lists, and the ``Listes`` sheet."""
    write_exchange_workbook(out, None)
