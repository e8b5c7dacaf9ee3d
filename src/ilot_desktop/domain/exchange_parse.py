"""Reading the exchange workbook's sheets into values (data-exchange.md section 1), row by row.

Pure: a sheet comes in as its title and an iterable of rows of cell values (row 1 = headers), read once
and in order, so a file's rows can stream through without being held twice. Every problem found is an
``ImportProblem`` naming its sheet, row (Excel numbering: the header is row 1) and column, in French; only
the first ``MAX_PROBLEMS`` are kept, the others counted (``ProblemList``).

Reading rules: sheet names, headers and choice labels are matched with case, accents and surrounding
spaces ignored; columns may come in any order; unknown sheets and columns are ignored with a warning (one
per sheet, however many columns); entirely empty rows are skipped. A text column may be continued in
``<header> (suite 1)``, ``(suite 2)``... columns (a text longer than an Excel cell): the parts are joined in
the order of their numbers before the text is read. ``useful_width`` tells the file reader how many
columns of a sheet are worth reading at all (none past the last recognised header).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import TypeVar

from ilot_desktop.domain.exchange import (
    LISTS_SHEET,
    PARTICIPANTS,
    SHEETS,
    CellError,
    Column,
    ImportProblem,
    Kind,
    ProblemList,
    SheetLayout,
    cell_text,
    is_empty,
    read_cell,
    shown,
)
from ilot_desktop.domain.vocabulary import LabelledEnum, fold

E = TypeVar("E", bound=LabelledEnum)
T = TypeVar("T")

MAX_ROWS = 100_000  # rows holding something, whole workbook
UNKNOWN_SHOWN = 5  # unknown column names quoted in a sheet's warning

_CONTINUATION = re.compile(r"^(.*\S)\s*\(\s*suite\s+(\d{1,4})\s*\)$")


@dataclass
class ParsedRow:
    """One data row: ``values`` holds every column present in the sheet (None when empty), except
    those whose cell could not be read, listed in ``bad``."""

    row: int
    values: dict[str, object]
    bad: set[str] = field(default_factory=set)

    def get(self, key: str) -> object:
        return self.values.get(key)

    def text(self, key: str) -> str:
        value = self.values.get(key)
        return value if isinstance(value, str) else ""

    def day(self, key: str) -> date | None:
        value = self.values.get(key)
        return value if isinstance(value, date) else None

    def hour(self, key: str) -> time | None:
        value = self.values.get(key)
        return value if isinstance(value, time) else None

    def number(self, key: str) -> int | None:
        value = self.values.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def choice(self, key: str, choices: type[E]) -> E | None:
        value = self.values.get(key)
        return value if isinstance(value, choices) else None


def given(value: T | None) -> T:
    """A required cell's value: a row whose required cell is empty or refused is in ``bad`` and never planned."""
    if value is None:
        raise ValueError("a required cell has no value")
    return value


@dataclass
class ParsedSheet:
    layout: SheetLayout
    title: str  # as written in the workbook
    present: frozenset[str]  # keys of the columns found
    rows: list[ParsedRow] = field(default_factory=list)


@dataclass
class ParsedWorkbook:
    sheets: dict[str, ParsedSheet] = field(default_factory=dict)
    problems: ProblemList = field(default_factory=ProblemList)
    warnings: list[str] = field(default_factory=list)


# A sheet as read from a file: its title, then its rows of cell values (row 1 = headers).
RawSheet = tuple[str, Iterable[Sequence[object]]]

_LAYOUTS = {fold(layout.name): layout for layout in SHEETS}


def layout_of(title: str) -> SheetLayout | None:
    return _LAYOUTS.get(fold(title))


def is_lists_sheet(title: str) -> bool:
    return fold(title) == fold(LISTS_SHEET)


class TooManyRows(Exception):
    """More than ``MAX_ROWS`` rows holding something: the reading stops there."""


@dataclass
class _Header:
    """Where each known column is: its own position, and its continuations' positions in order."""

    positions: dict[int, Column] = field(default_factory=dict)
    parts: dict[str, list[int]] = field(default_factory=dict)  # key -> positions of (suite 1), (suite 2)...
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column, message)
    unknown: list[str] = field(default_factory=list)

    @property
    def used(self) -> list[int]:
        return [*self.positions, *(i for parts in self.parts.values() for i in parts)]


def _read_header(layout: SheetLayout, header: Sequence[object]) -> _Header:
    by_header = {fold(c.header): c for c in layout.columns}
    found = _Header()
    seen: set[str] = set()
    continued: dict[str, dict[int, int]] = {}  # key -> suite number -> position
    for index, value in enumerate(header):
        if is_empty(value):
            continue
        text = cell_text(value)
        column = by_header.get(fold(text))
        if column is None:
            match = _CONTINUATION.match(fold(text))
            base = by_header.get(match.group(1)) if match else None
            if match is not None and base is not None and base.kind is Kind.TEXT:
                number = int(match.group(2))
                parts = continued.setdefault(base.key, {})
                if number in parts or number == 0:
                    found.problems.append((text, "Cette colonne apparaît deux fois."))
                else:
                    parts[number] = index
                continue
            found.unknown.append(text)
            continue
        if column.key in seen:
            found.problems.append((column.header, "Cette colonne apparaît deux fois."))
            continue
        seen.add(column.key)
        found.positions[index] = column
    for key, parts in continued.items():
        if key not in seen:
            header_text = layout.header_of(key)
            found.problems.append(
                (
                    f"{header_text} (suite …)",
                    f"La suite d'un texte est donnée sans la colonne « {header_text} » qu'elle continue.",
                )
            )
            continue
        found.parts[key] = [parts[n] for n in sorted(parts)]
    return found


def useful_width(title: str, header: Sequence[object]) -> int:
    """How many columns of a sheet's rows are worth reading: up to its last recognised header (0 for a
    sheet the import ignores). Columns past it (a header reaching column XFD) are never read."""
    layout = layout_of(cell_text(title))
    if layout is None:
        return 0
    used = _read_header(layout, header).used
    return max(used) + 1 if used else 0


def _unknown_warning(layout: SheetLayout, unknown: list[str]) -> str:
    quoted = ", ".join(f"« {shown(text)} »" for text in unknown[:UNKNOWN_SHOWN])
    if len(unknown) == 1:
        return f"Feuille « {layout.name} » : la colonne {quoted} n'est pas reconnue ; elle est ignorée."
    rest = len(unknown) - UNKNOWN_SHOWN
    more = f" et {rest} autre{'s' if rest > 1 else ''}" if rest > 0 else ""
    return (
        f"Feuille « {layout.name} » : {len(unknown)} colonnes ne sont pas reconnues ({quoted}{more}) ; "
        "elles sont ignorées."
    )


def parse_workbook(sheets: Iterable[RawSheet], max_rows: int = MAX_ROWS) -> ParsedWorkbook:
    """Read every known sheet's rows into values; problems and warnings for the rest."""
    parsed = ParsedWorkbook()
    filled = [0]  # rows holding something, all sheets
    try:
        for title, rows in sheets:
            title = cell_text(title) if not isinstance(title, str) else title
            layout = layout_of(title)
            if layout is None:
                if not is_lists_sheet(title):
                    parsed.warnings.append(f"La feuille « {shown(title)} » n'est pas reconnue : elle est ignorée.")
                continue
            if layout.name in parsed.sheets:
                parsed.problems.append(
                    ImportProblem(layout.name, None, None, f"La feuille « {layout.name} » apparaît deux fois.")
                )
                continue
            sheet = _parse_sheet(layout, title, rows, parsed, filled, max_rows)
            if sheet is not None:
                parsed.sheets[layout.name] = sheet
    except TooManyRows:
        parsed.sheets.clear()
        parsed.problems = ProblemList(
            [
                ImportProblem(
                    "",
                    None,
                    None,
                    f"Le classeur compte plus de {max_rows} lignes remplies : découpez-le en plusieurs fichiers.",
                )
            ]
        )
        return parsed
    if PARTICIPANTS.name not in parsed.sheets and not any(p.sheet == PARTICIPANTS.name for p in parsed.problems):
        parsed.problems.append(
            ImportProblem(
                PARTICIPANTS.name,
                None,
                None,
                "La feuille « Participants » est absente : elle est obligatoire (une ligne par personne).",
            )
        )
    elif not parsed.problems and not any(s.rows for s in parsed.sheets.values()):
        parsed.problems.append(ImportProblem("", None, None, "Le classeur ne contient aucune ligne à importer."))
    return parsed


def _joined(cells: Sequence[object], index: int, parts: list[int]) -> object:
    """A text and its continuations, joined as written (nothing trimmed between the parts)."""
    pieces = [cells[i] if i < len(cells) else None for i in (index, *parts)]
    if all(is_empty(p) for p in pieces[1:]):
        return pieces[0]
    return "".join(p if isinstance(p, str) else cell_text(p) for p in pieces if p is not None)


def _checked_header(layout: SheetLayout, header: Sequence[object], parsed: ParsedWorkbook) -> _Header | None:
    """Where the sheet's columns are; None when a column is given twice or a required one is missing
    (reported, with a warning for unknown columns)."""
    found = _read_header(layout, header)
    if found.unknown:
        parsed.warnings.append(_unknown_warning(layout, found.unknown))
    for header_text, message in found.problems:
        parsed.problems.append(ImportProblem(layout.name, 1, header_text, message))
    seen = {c.key for c in found.positions.values()}
    ok = not found.problems
    for column in layout.columns:
        if column.must_be_present and column.key not in seen:
            parsed.problems.append(
                ImportProblem(layout.name, 1, column.header, "Colonne obligatoire absente de la ligne d'en-tête.")
            )
            ok = False
    return found if ok else None


def _parse_sheet(
    layout: SheetLayout,
    title: str,
    rows: Iterable[Sequence[object]],
    parsed: ParsedWorkbook,
    filled: list[int],
    max_rows: int,
) -> ParsedSheet | None:
    iterator = iter(rows)
    header = next(iterator, None)
    if header is None or all(is_empty(v) for v in header):
        if layout.required:
            parsed.problems.append(
                ImportProblem(
                    layout.name,
                    1,
                    None,
                    "La feuille est vide : la ligne 1 doit porter les en-têtes des colonnes.",
                )
            )
            return None
        return ParsedSheet(layout, title, frozenset())  # an empty optional sheet: nothing to import
    found = _checked_header(layout, header, parsed)
    if found is None:
        return None
    sheet = ParsedSheet(layout, title, frozenset(c.key for c in found.positions.values()))
    used = found.used
    for number, cells in enumerate(iterator, start=2):
        if not cells or all(is_empty(cells[i]) for i in used if i < len(cells)):
            continue
        filled[0] += 1
        if filled[0] > max_rows:
            raise TooManyRows
        row = ParsedRow(number, {})
        for index, column in found.positions.items():
            parts = found.parts.get(column.key)
            value = _joined(cells, index, parts) if parts else (cells[index] if index < len(cells) else None)
            try:
                row.values[column.key] = read_cell(column, value)
            except CellError as error:
                row.bad.add(column.key)
                parsed.problems.append(ImportProblem(layout.name, number, column.header, str(error)))
        sheet.rows.append(row)
    return sheet
