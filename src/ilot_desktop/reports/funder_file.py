"""The yearly funder file (``data-exchange.md`` section 3): an ``.xlsx`` of aggregates, values not formulas.

Sheet ``Synthèse`` (column A ``Indicateur``, column B ``Valeur``, one row per figure, rates as numbers
between 0 and 1 shown as percentages, the date as a real date), then the breakdowns: ``Résultats``,
``Freins``, ``Profil``, ``Actions collectives``.

Privacy: only counts and fixed labels from the vocabulary. No name, birth date, phone number, file
number or free text (not even an action's title) is ever written. The optional sheet
``Lignes pseudonymisées`` is added only when rows are given: a random code per person, their age
bracket and vocabulary labels, months rather than dates.
"""

from __future__ import annotations

import contextlib
import io
import os
import pathlib
import tempfile
from datetime import date
from decimal import Decimal
from fractions import Fraction

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ilot_desktop.domain.indicators import Count, PseudonymousRow, YearIndicators
from ilot_desktop.domain.vocabulary import OutcomeType
from ilot_desktop.errors import StorageEnvironmentError

NBSP = "\u00a0"
SUMMARY_SHEET = "Synthèse"
OUTCOMES_SHEET = "Résultats"
BARRIERS_SHEET = "Freins"
PROFILE_SHEET = "Profil"
ACTIONS_SHEET = "Actions collectives"
PSEUDONYMISED_SHEET = "Lignes pseudonymisées"

PERCENT_FORMAT = "0%"
DATE_FORMAT = "DD/MM/YYYY"
DECIMAL_FORMAT = "0.0"
CATEGORY_TOTAL = "Ensemble de la catégorie"

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DCE6F1")
_GROUP_FILL = PatternFill("solid", fgColor="F2F5F9")


def _put(cell, value: object) -> None:
    """A Synthèse value as a real number, date or empty cell, with its display format."""
    if isinstance(value, Fraction):
        cell.value = float(value)
        cell.number_format = PERCENT_FORMAT
    elif isinstance(value, Decimal):
        cell.value = float(value)
        cell.number_format = DECIMAL_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    else:
        cell.value = value  # int or None (a rate whose denominator is zero)
    cell.alignment = Alignment(horizontal="right")


def _sheet(wb: Workbook, title: str, headers: list[str], widths: list[int]) -> Worksheet:
    ws = wb.create_sheet(title)
    ws.append(headers)
    for column, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=1, column=column)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(column)].width = max(width, len(header) * 0.9 + 2)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"
    return ws


def _explain(ws: Worksheet, column: int, text: str) -> None:
    """A definition as a comment on a header cell: seen on hover, never read as a data row."""
    comment = Comment(text, "Îlot desktop")
    comment.width, comment.height = 320, 110
    ws.cell(row=1, column=column).comment = comment


def _summary(wb: Workbook, figures: YearIndicators) -> None:
    ws = _sheet(wb, SUMMARY_SHEET, ["Indicateur", "Valeur"], [50, 14])
    for label, value in figures.summary_rows():
        ws.append([label])
        _put(ws.cell(row=ws.max_row, column=2), value)
    _explain(
        ws,
        1,
        f"Dynamiques Emploi — L'Îlot. Année {figures.year}, chiffres arrêtés au {figures.as_of:%d/%m/%Y}. "
        "Taux entre 0 et 1, affichés en pourcentage arrondi.",
    )


def _outcomes(wb: Workbook, figures: YearIndicators) -> None:
    ws = _sheet(wb, OUTCOMES_SHEET, ["Catégorie", "Type de résultat", "Personnes"], [24, 34, 12])
    types = {c.label: c for c in figures.outcomes_by_type}
    for category in figures.outcomes_by_category:
        ws.append([category.label, CATEGORY_TOTAL, category.count])
        for column in range(1, 4):
            ws.cell(row=ws.max_row, column=column).font = _BOLD
            ws.cell(row=ws.max_row, column=column).fill = _GROUP_FILL
        for outcome_type in OutcomeType:
            if outcome_type.category.label == category.label:
                ws.append([category.label, outcome_type.label, types[outcome_type.label].count])
    _explain(
        ws,
        3,
        "Personnes de la file active ayant obtenu ce résultat dans l'année : une personne compte une fois "
        "par type et une fois par catégorie (son premier résultat de ce type ou de cette catégorie).",
    )


def _barriers(wb: Workbook, figures: YearIndicators) -> None:
    headers = [
        "Catégorie de frein",
        "Personnes concernées",
        "Dont frein levé dans l'année",
        "Dont orientées vers un partenaire",
    ]
    ws = _sheet(wb, BARRIERS_SHEET, headers, [28, 14, 16, 18])
    for line in figures.barriers:
        ws.append([line.category.label, line.concerned, line.lifted, line.oriented])
    _explain(
        ws,
        2,
        "Personnes de la file active ayant un frein de la catégorie identifié au plus tard à la date "
        "d'arrêté et non levé avant le 1er janvier.",
    )


def _profile(wb: Workbook, figures: YearIndicators) -> None:
    ws = _sheet(wb, PROFILE_SHEET, ["Caractéristique", "Valeur", "Personnes", "Part"], [30, 38, 12, 10])
    total = figures.file_active
    for title, counts in figures.profile.sections():
        name = "Tranche d'âge" if title.startswith("Âge") else title  # the date goes in the comment
        for count in counts:
            _profile_row(ws, name, count, total)
    _explain(
        ws,
        1,
        f"File active : {total} personnes. Âge au {figures.profile.age_on:%d/%m/%Y}. Part : personnes / file active.",
    )


def _profile_row(ws: Worksheet, title: str, count: Count, total: int) -> None:
    ws.append([title, count.label, count.count])
    cell = ws.cell(row=ws.max_row, column=4)
    _put(cell, Fraction(count.count, total) if total else None)


def _actions(wb: Workbook, figures: YearIndicators) -> None:
    headers = ["Type d'action", "Actions", "Participations (présents)", "Participants distincts présents"]
    ws = _sheet(wb, ACTIONS_SHEET, headers, [26, 10, 16, 18])
    for line in figures.actions_by_type:
        ws.append([line.action_type.label, line.actions, line.participations, line.participants])
    ws.append(["Total", figures.actions, figures.participations, figures.participants_present])
    for column in range(1, 5):
        ws.cell(row=ws.max_row, column=column).font = _BOLD


def _pseudonymised(wb: Workbook, rows: list[PseudonymousRow]) -> None:
    headers = [
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
    ws = _sheet(wb, PSEUDONYMISED_SHEET, headers, [11, 16, 9, 34, 28, 18, 10, 10, 48])
    for r in rows:
        ws.append(
            [
                r.code,
                r.age_bracket,
                r.sex,
                r.housing_at_entry,
                r.referrer,
                r.justice_situation,
                r.entry_month,
                r.end_month or None,
                ", ".join(r.outcomes) or None,
            ]
        )
    _explain(
        ws,
        1,
        "Code tiré au hasard à chaque export : il ne permet pas de retrouver le dossier. Ni nom, ni date "
        "plus précise que le mois.",
    )


def render_funder_workbook(
    indicators: YearIndicators, pseudonymised_rows: list[PseudonymousRow] | None = None
) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    _summary(wb, indicators)
    _outcomes(wb, indicators)
    _barriers(wb, indicators)
    _profile(wb, indicators)
    _actions(wb, indicators)
    if pseudonymised_rows is not None:
        _pseudonymised(wb, pseudonymised_rows)
    wb.active = 0
    wb.properties.creator = "Îlot desktop"
    wb.properties.lastModifiedBy = "Îlot desktop"
    wb.properties.title = f"Bilan Dynamiques Emploi {indicators.year} — L'Îlot"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_funder_workbook(
    out: pathlib.Path, indicators: YearIndicators, pseudonymised_rows: list[PseudonymousRow] | None = None
) -> None:
    """Write the funder ``.xlsx`` to ``out``, in a folder that must exist (temp file, then rename)."""
    atomic_write(pathlib.Path(out), render_funder_workbook(indicators, pseudonymised_rows))


def atomic_write(out: pathlib.Path, data: bytes) -> None:
    """Write ``data`` beside ``out`` then rename: a reader never sees half a file.

    A mistyped folder is refused (StorageEnvironmentError) rather than created somewhere unexpected.
    """
    if not out.parent.is_dir():
        raise StorageEnvironmentError(
            f"Le dossier « {out.parent} » n'existe pas{NBSP}: choisissez un dossier existant."
        )
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".bilan-", suffix=out.suffix + ".tmp", dir=out.parent)
    except OSError as exc:
        raise StorageEnvironmentError(
            f"Impossible d'écrire dans le dossier « {out.parent} » ({exc.strerror})."
        ) from exc
    tmp = pathlib.Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, out)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise StorageEnvironmentError(
                f"Le fichier « {out.name} » n'a pas pu être écrit ({exc.strerror or exc}). S'il est ouvert "
                "dans un tableur ou un lecteur PDF, fermez-le puis recommencez."
            ) from exc
        raise
