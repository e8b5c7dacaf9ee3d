"""The exchange workbook (data-exchange.md section 1): its layout, problems, and reading cell values.

Pure: cells come in as plain Python values (what openpyxl gives: ``str``, numbers, ``datetime``,
``date``, ``time``, ``bool``, ``None``), nothing here opens a file. Every problem found is an
``ImportProblem`` naming its sheet, row (Excel numbering: the header is row 1) and column, in French.

Reading the sheets' rows is ``exchange_parse.py``, the export's rows ``exchange_export.py``. Dates are
real Excel dates or ``JJ/MM/AAAA`` text, times ``HH:MM`` (``9h30`` and Excel times accepted too),
durations whole numbers of minutes. A text longer than an Excel cell (32,767 characters) is written on in
``<header> (suite 1)``, ``(suite 2)``... columns and joined back on import (``continuation_header``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Self, SupportsIndex

from ilot_desktop.domain.dates import DateError, format_date, parse_date
from ilot_desktop.domain.fields import Field, FieldKind, exchange_fields
from ilot_desktop.domain.vocabulary import (
    ActionType,
    AppointmentKind,
    AppointmentStatus,
    Attendance,
    BarrierCategory,
    BarrierStatus,
    DropoutReason,
    LabelledEnum,
    OutcomeType,
    fold,
)

# --- layout ---------------------------------------------------------------------------------------


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    TIME = "time"
    INTEGER = "integer"
    CHOICE = "choice"


@dataclass(frozen=True)
class Column:
    """One column: its exact header, the key its values are read under, and what it holds.

    ``required``: the header must be there and every row must fill it. ``header_required``: the header
    must be there even when an empty cell is allowed (``Présence``, see ``PARTICIPATIONS``).
    """

    header: str
    key: str
    kind: Kind = Kind.TEXT
    required: bool = False
    choices: type[LabelledEnum] | None = None
    width: int = 18
    max_length: int | None = None
    header_required: bool = False

    @property
    def must_be_present(self) -> bool:
        return self.required or self.header_required


@dataclass(frozen=True)
class SheetLayout:
    name: str
    columns: tuple[Column, ...]
    required: bool = False

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]

    def header_of(self, key: str) -> str:
        return next(c.header for c in self.columns if c.key == key)


_T, _D, _H, _N, _C = Kind.TEXT, Kind.DATE, Kind.TIME, Kind.INTEGER, Kind.CHOICE

_KINDS = {
    FieldKind.TEXT: Kind.TEXT,
    FieldKind.LONG_TEXT: Kind.TEXT,
    FieldKind.DATE: Kind.DATE,
    FieldKind.CHOICE: Kind.CHOICE,
}


def participant_column(f: Field) -> Column:
    """A field's column of ``Participants`` (``domain/fields.py``). Its length is checked at the cell unless
    ``validate`` says it in its own words (``too_long``): a refused cell would hide that message."""
    assert f.exchange is not None
    return Column(
        f.exchange.header,
        f.name,
        _KINDS[f.kind],
        bool(f.required),
        f.choices,
        width=f.exchange.width,
        max_length=None if f.too_long else f.max_length,
    )


# The last column of every sheet: the record's permanent identifier (data-exchange.md « Identity »). The export
# always writes it; the import recognises a record by it whatever its number became; a row without it is matched
# by its key as before.
UID = Column("Identifiant", "uid", _T, width=38)
PARTICIPANTS = SheetLayout("Participants", (*(participant_column(f) for f in exchange_fields()), UID), required=True)
APPOINTMENTS = SheetLayout(
    "Entretiens",
    (
        Column("N° dossier", "file_number", _T, True, width=14),
        Column("Date", "date", _D, True, width=12),
        Column("Heure", "time", _H, width=8),
        Column("Durée (min)", "duration_min", _N, width=10),
        Column("Type", "kind", _C, True, AppointmentKind, width=24),
        Column("Statut", "status", _C, True, AppointmentStatus, width=10),
        Column("Compte rendu", "report", _T, width=60),
        UID,
    ),
)
BARRIERS = SheetLayout(
    "Freins",
    (
        Column("N° dossier", "file_number", _T, True, width=14),
        Column("Catégorie", "category", _C, True, BarrierCategory, width=26),
        Column("Statut", "status", _C, True, BarrierStatus, width=26),
        Column("Date d'identification", "identified_on", _D, True, width=13),
        Column("Date de levée", "lifted_on", _D, width=13),
        Column("Partenaire", "partner", _T, width=26),
        Column("Commentaire", "comment", _T, width=50),
        UID,
    ),
)
ACTIONS = SheetLayout(
    "Actions collectives",
    (
        Column("Réf. action", "reference", _T, True, width=14),
        Column("Date", "date", _D, True, width=12),
        Column("Type", "action_type", _C, True, ActionType, width=20),
        Column("Intitulé", "title", _T, True, width=40),
        Column("Partenaire", "partner", _T, width=26),
        UID,
    ),
)
# ``Présence`` may be left empty: registered, attendance not recorded yet (an action still to come).
PARTICIPATIONS = SheetLayout(
    "Participations",
    (
        Column("Réf. action", "reference", _T, True, width=14),
        Column("N° dossier", "file_number", _T, True, width=14),
        Column("Présence", "attendance", _C, False, Attendance, width=10, header_required=True),
        UID,
    ),
)
OUTCOMES = SheetLayout(
    "Résultats",
    (
        Column("N° dossier", "file_number", _T, True, width=14),
        Column("Date", "on", _D, True, width=12),
        Column("Type", "outcome_type", _C, True, OutcomeType, width=28),
        Column("Motif d'abandon", "dropout_reason", _C, choices=DropoutReason, width=30),
        Column("Employeur ou organisme", "employer", _T, width=30),
        Column("Commentaire", "comment", _T, width=50),
        UID,
    ),
)
# Optional: each barrier's path, written by the full export so that the round trip is exact. A barrier of
# ``Freins`` without rows here gets a path rebuilt from its row (``exchange_history.rebuilt_history``).
HISTORY = SheetLayout(
    "Historique des freins",
    (
        Column("N° dossier", "file_number", _T, True, width=14),
        Column("Catégorie", "category", _C, True, BarrierCategory, width=26),
        Column("Frein", "item", _T, width=30),
        Column("Date", "on", _D, True, width=12),
        Column("Statut", "status", _C, True, BarrierStatus, width=26),
        Column("Partenaire", "partner", _T, width=26),
        UID,
    ),
)
SHEETS: tuple[SheetLayout, ...] = (
    PARTICIPANTS,
    APPOINTMENTS,
    BARRIERS,
    ACTIONS,
    PARTICIPATIONS,
    OUTCOMES,
    HISTORY,
)
SHEET_NAMES: tuple[str, ...] = tuple(s.name for s in SHEETS)
LISTS_SHEET = "Listes"  # the allowed labels, written in every workbook we make, ignored on import

DEFAULT_APPOINTMENT_TIME = time(9, 0)  # an Entretien without Heure
DEFAULT_APPOINTMENT_DURATION = 60
DEFAULT_ACTION_TIME = time(14, 0)  # the exchange file has no hour for collective actions
DEFAULT_ACTION_DURATION = 120
MAX_SHOWN = 40  # characters of a refused value quoted in a message
MAX_CELL_TEXT = 32767  # Excel's limit for one cell
MAX_PROBLEMS = 200  # problems kept and shown; the others are only counted
_NBSP = "\u00a0"


def continuation_header(header: str, number: int) -> str:
    """The header of a long text's ``number``-th continuation column: ``Compte rendu (suite 1)``."""
    return f"{header} (suite {number})"


# --- problems and previews ------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportProblem:
    """Why a workbook is refused, at a place: sheet ("" for the file itself), Excel row, column."""

    sheet: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        place = ", ".join(
            part
            for part in (
                self.sheet,
                f"ligne {self.row}" if self.row is not None else "",
                f"colonne « {self.column} »" if self.column else "",
            )
            if part
        )
        return f"{place} : {self.message}" if place else self.message


class ProblemList(list[ImportProblem]):
    """The first ``MAX_PROBLEMS`` problems, and how many were found in all (``total``).

    A 250 KB file can hold hundreds of thousands of wrong cells: only the first ones are kept and shown,
    the others counted (``more``), so neither memory nor the screen fill up.
    """

    def __init__(self, items: Iterable[ImportProblem] = (), limit: int = MAX_PROBLEMS):
        super().__init__()
        self.limit = limit
        self.total = 0
        self.extend(items)

    def append(self, problem: ImportProblem) -> None:
        self.total += 1
        if len(self) < self.limit:
            super().append(problem)

    def extend(self, problems: Iterable[ImportProblem]) -> None:
        for problem in problems:
            self.append(problem)
        self.total += getattr(problems, "more", 0)

    def __iadd__(self, problems: Iterable[ImportProblem]) -> Self:  # type: ignore[override,misc]  # list's own += skips extend()
        self.extend(problems)
        return self

    def insert(self, index: SupportsIndex, problem: ImportProblem) -> None:  # pragma: no cover - kept consistent
        self.total += 1
        super().insert(index, problem)
        if len(self) > self.limit:
            super().pop()

    @property
    def more(self) -> int:
        """Problems found but not kept."""
        return max(self.total - len(self), 0)


def problem_count(problems: Sequence[ImportProblem]) -> int:
    """How many problems were found, kept or not."""
    return getattr(problems, "total", len(problems))


def more_problems_line(problems: Sequence[ImportProblem], total: int | None = None) -> str:
    """``… et 269 799 autres problèmes`` when some were only counted (of ``total``, or as the list
    says); empty otherwise."""
    more = (problem_count(problems) if total is None else total) - len(problems)
    if more <= 0:
        return ""
    number = f"{more:,}".replace(",", _NBSP)
    return f"… et {number} autre{'s' if more > 1 else ''} problème{'s' if more > 1 else ''}"


@dataclass
class ImportPreview:
    """What an import would do (or did): ``counts`` per sheet = (to create, to update).

    Rows matching a record that already holds the same values are counted in ``unchanged``.
    """

    problems: list[ImportProblem] = field(default_factory=ProblemList)
    warnings: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # likely duplicates: said first, never blocking
    counts: dict[str, tuple[int, int]] = field(default_factory=lambda: {n: (0, 0) for n in SHEET_NAMES})
    unchanged: dict[str, int] = field(default_factory=lambda: {n: 0 for n in SHEET_NAMES})

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def problem_count(self) -> int:
        """Every problem found, also those not kept (only the first ``MAX_PROBLEMS`` are)."""
        return problem_count(self.problems)

    @property
    def created(self) -> int:
        return sum(c for c, _u in self.counts.values())

    @property
    def updated(self) -> int:
        return sum(u for _c, u in self.counts.values())

    def summary_lines(self) -> list[str]:
        """``Participants : 3 à créer, 1 à mettre à jour, 10 inchangés`` style, one line per sheet."""
        lines = []
        for name in SHEET_NAMES:
            create, update = self.counts.get(name, (0, 0))
            same = self.unchanged.get(name, 0)
            lines.append(f"{name} : {create} créé(s), {update} mis à jour, {same} inchangé(s)")
        return lines


# --- cell values ----------------------------------------------------------------------------------

_SURROGATES = re.compile("[\ud800-\udfff]")
_TIME_TEXT = re.compile(r"^\s*(\d{1,2})\s*(?:[:hH.]\s*(\d{2})?)\s*(?::\s*\d{2}\s*)?$")
_INTEGER_TEXT = re.compile(r"^\s*[+]?\d{1,9}\s*$")


class CellError(ValueError):
    """A cell that could not be read; ``str()`` is the French reason."""


def is_empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value: object) -> str:
    """A refused value, short and on one line, to quote in a message."""
    text = " ".join(cell_text(value).split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def cell_text(value: object) -> str:
    """Any cell as trimmed text (a number typed in a text column is kept as it reads)."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "VRAI" if value else "FAUX"
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = str(int(value)) if math.isfinite(value) and value.is_integer() else str(value)
    elif isinstance(value, datetime):
        text = format_date(value.date()) if value.time() == time() else value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, date):
        text = format_date(value)
    elif isinstance(value, time):
        text = value.strftime("%H:%M")
    else:
        text = str(value)
    return _SURROGATES.sub("\ufffd", text).strip()


def cell_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            parsed = parse_date(value)
        except DateError as error:
            raise CellError(f"« {shown(value)} » n'est pas une date. {error}") from None
        if parsed is None:  # pragma: no cover - empty cells never get here
            raise CellError("Date manquante.")
        return parsed
    raise CellError(f"« {shown(value)} » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 27/11/2026.")


def _to_minute(hours: int, minutes: int, seconds: float) -> time:
    total = round((hours * 3600 + minutes * 60 + seconds) / 60)
    if not 0 <= total < 24 * 60:
        raise CellError("L'heure doit être comprise entre 00:00 et 23:59.")
    return time(total // 60, total % 60)


def cell_time(value: object) -> time:
    """``HH:MM`` text (also ``9h30``, ``9:30:00``), an Excel time, or a fraction of a day."""
    wrong = f"« {shown(value)} » n'est pas une heure : écrivez-la HH:MM, par exemple 09:30."
    if isinstance(value, datetime):
        value = value.time()
    if isinstance(value, time):
        return _to_minute(value.hour, value.minute, value.second + value.microsecond / 1e6)
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
        if 0 <= seconds < 86400:
            return _to_minute(0, 0, seconds)
        raise CellError(wrong)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if math.isfinite(value) and 0 <= value < 1:
            return _to_minute(0, 0, value * 86400)
        raise CellError(wrong)
    if isinstance(value, str):
        match = _TIME_TEXT.match(value)
        if match:
            hours, minutes = int(match.group(1)), int(match.group(2) or 0)
            if hours < 24 and minutes < 60:
                return time(hours, minutes)
    raise CellError(wrong)


def cell_integer(value: object) -> int:
    wrong = f"« {shown(value)} » n'est pas un nombre entier."
    if isinstance(value, bool):
        raise CellError(wrong)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e9:
            return int(value)
        raise CellError(wrong)
    if isinstance(value, timedelta):  # an Excel duration ([h]:mm)
        minutes = value.total_seconds() / 60
        if minutes.is_integer() and 0 <= minutes < 1e9:
            return int(minutes)
        raise CellError(wrong)
    if isinstance(value, str) and _INTEGER_TEXT.match(value):
        return int(value)
    raise CellError(wrong)


_FOLDED_LABELS: dict[type, dict[str, LabelledEnum]] = {}


def cell_choice(value: object, choices: type[LabelledEnum]) -> LabelledEnum:
    """The member whose label matches (case, accents and spaces ignored); labels folded once per list, as a
    file may hold hundreds of thousands of choice cells."""
    labels = _FOLDED_LABELS.get(choices)
    if labels is None:
        labels = _FOLDED_LABELS[choices] = {fold(member.label): member for member in choices}
    found = labels.get(fold(cell_text(value)))
    if found is not None:
        return found
    allowed = ", ".join(choices.labels())
    raise CellError(f"« {shown(value)} » n'est pas une valeur autorisée ({allowed}).")


def read_cell(column: Column, value: object) -> object:
    """The cell's value for its column (None when empty); CellError when it cannot be read."""
    if is_empty(value):
        if column.required:
            raise CellError("Cette cellule est obligatoire : elle est vide.")
        return None
    if column.kind is Kind.TEXT:
        text = cell_text(value)
        if column.max_length is not None and len(text) > column.max_length:
            raise CellError(f"Le texte ne doit pas dépasser {column.max_length} caractères.")
        return text
    if column.kind is Kind.DATE:
        return cell_date(value)
    if column.kind is Kind.TIME:
        return cell_time(value)
    if column.kind is Kind.INTEGER:
        return cell_integer(value)
    assert column.choices is not None
    return cell_choice(value, column.choices)
