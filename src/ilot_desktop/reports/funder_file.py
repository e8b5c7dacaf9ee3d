"""The yearly funder file (``data-exchange.md`` section 3): an ``.xlsx`` of aggregates, values not formulas.

Sheet ``Synthèse`` (column A ``Indicateur``, column B ``Valeur``, one row per figure, rates as numbers
between 0 and 1 shown as percentages, the date as a real date), then the breakdowns: ``Résultats``,
``Freins``, ``Profil``, ``Actions collectives``.

Privacy: only counts and fixed labels from the vocabulary. No name, birth date, phone number, file
number or free text (not even an action's title) is ever written. The optional sheet
``Lignes pseudonymisées`` is added only when rows are given: a random code per person, their age
bracket and vocabulary labels, months rather than dates.

Built whole in memory by XlsxWriter (no temporary file), then written by ``safe_files``.
"""

from __future__ import annotations

import io
import pathlib
from datetime import date
from decimal import Decimal
from fractions import Fraction

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ilot_desktop import safe_files
from ilot_desktop.domain.indicators import Count, PseudonymousRow, YearIndicators
from ilot_desktop.domain.vocabulary import OutcomeType
from ilot_desktop.reports.demo_mark import finish_workbook_mark, mark_workbook
from ilot_desktop.reports.xlsx import new_workbook

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

_HEADER_FILL = "#DCE6F1"
_GROUP_FILL = "#F2F5F9"


class _Sheet:
    """One sheet being written row by row (``append``), with the workbook's shared formats."""

    def __init__(self, book: Workbook, formats: dict, title: str, headers: list[str], widths: list[int]) -> None:
        self.ws: Worksheet = book.add_worksheet(title)
        self.formats = formats
        self.row = 0
        for column, (header, width) in enumerate(zip(headers, widths, strict=True)):
            self.ws.write_string(0, column, header, formats["header"])
            self.ws.set_column(column, column, max(width, len(header) * 0.9 + 2))
        self.ws.set_row(0, 30)
        self.ws.freeze_panes(1, 0)

    def append(self, values: list[object], style: str | None = None) -> int:
        """Write a row of labels and counts below the last one; its 0-based index."""
        self.row += 1
        cell_format = self.formats[style] if style else None
        for column, value in enumerate(values):
            if value is None:
                if cell_format is not None:
                    self.ws.write_blank(self.row, column, None, cell_format)
            elif isinstance(value, str):
                self.ws.write_string(self.row, column, value, cell_format)
            else:
                self.ws.write_number(self.row, column, value, cell_format)
        return self.row

    def put(self, row: int, column: int, value: object) -> None:
        """A Synthèse value as a real number, date or empty cell, with its display format."""
        if isinstance(value, Fraction):
            self.ws.write_number(row, column, float(value), self.formats["percent"])
        elif isinstance(value, Decimal):
            self.ws.write_number(row, column, float(value), self.formats["decimal"])
        elif isinstance(value, date):
            self.ws.write_datetime(row, column, value, self.formats["date"])
        elif value is None:  # a rate whose denominator is zero
            self.ws.write_blank(row, column, None, self.formats["right"])
        else:
            self.ws.write_number(row, column, value, self.formats["right"])

    def explain(self, column: int, text: str) -> None:
        """A definition as a comment on a header cell: seen on hover, never read as a data row."""
        self.ws.write_comment(0, column, text, {"author": "Îlot desktop", "width": 320, "height": 110})


def _formats(book: Workbook) -> dict:
    return {
        "header": book.add_format(
            {"bold": True, "bg_color": _HEADER_FILL, "pattern": 1, "valign": "vcenter", "text_wrap": True}
        ),
        "group": book.add_format({"bold": True, "bg_color": _GROUP_FILL, "pattern": 1}),
        "bold": book.add_format({"bold": True}),
        "right": book.add_format({"align": "right"}),
        "percent": book.add_format({"align": "right", "num_format": PERCENT_FORMAT}),
        "decimal": book.add_format({"align": "right", "num_format": DECIMAL_FORMAT}),
        "date": book.add_format({"align": "right", "num_format": DATE_FORMAT}),
    }


def _summary(book: Workbook, formats: dict, figures: YearIndicators) -> None:
    ws = _Sheet(book, formats, SUMMARY_SHEET, ["Indicateur", "Valeur"], [50, 14])
    for label, value in figures.summary_rows():
        ws.put(ws.append([label]), 1, value)
    ws.explain(
        0,
        f"Dynamiques Emploi — L'Îlot. Année {figures.year}, chiffres arrêtés au {figures.as_of:%d/%m/%Y}. "
        "Taux entre 0 et 1, affichés en pourcentage arrondi.",
    )


def _outcomes(book: Workbook, formats: dict, figures: YearIndicators) -> None:
    ws = _Sheet(book, formats, OUTCOMES_SHEET, ["Catégorie", "Type de résultat", "Personnes"], [24, 34, 12])
    types = {c.label: c for c in figures.outcomes_by_type}
    for category in figures.outcomes_by_category:
        ws.append([category.label, CATEGORY_TOTAL, category.count], "group")
        for outcome_type in OutcomeType:
            if outcome_type.category.label == category.label:
                ws.append([category.label, outcome_type.label, types[outcome_type.label].count])
    ws.explain(
        2,
        "Personnes de la file active ayant obtenu ce résultat dans l'année : une personne compte une fois "
        "par type et une fois par catégorie (son premier résultat de ce type ou de cette catégorie).",
    )


def _barriers(book: Workbook, formats: dict, figures: YearIndicators) -> None:
    headers = [
        "Catégorie de frein",
        "Personnes concernées",
        "Dont frein levé dans l'année",
        "Dont orientées vers un partenaire",
    ]
    ws = _Sheet(book, formats, BARRIERS_SHEET, headers, [28, 14, 16, 18])
    for line in figures.barriers:
        ws.append([line.category.label, line.concerned, line.lifted, line.oriented])
    ws.explain(
        1,
        "Personnes de la file active ayant un frein de la catégorie identifié au plus tard à la date "
        "d'arrêté et non levé avant le 1er janvier.",
    )


def _profile(book: Workbook, formats: dict, figures: YearIndicators) -> None:
    ws = _Sheet(book, formats, PROFILE_SHEET, ["Caractéristique", "Valeur", "Personnes", "Part"], [30, 38, 12, 10])
    total = figures.file_active
    for title, counts in figures.profile.sections():
        name = "Tranche d'âge" if title.startswith("Âge") else title  # the date goes in the comment
        for count in counts:
            _profile_row(ws, name, count, total)
    ws.explain(
        0,
        f"File active : {total} personnes. Âge au {figures.profile.age_on:%d/%m/%Y}. Part : personnes / file active.",
    )


def _profile_row(ws: _Sheet, title: str, count: Count, total: int) -> None:
    row = ws.append([title, count.label, count.count])
    ws.put(row, 3, Fraction(count.count, total) if total else None)


def _actions(book: Workbook, formats: dict, figures: YearIndicators) -> None:
    headers = ["Type d'action", "Actions", "Participations (présents)", "Participants distincts présents"]
    ws = _Sheet(book, formats, ACTIONS_SHEET, headers, [26, 10, 16, 18])
    for line in figures.actions_by_type:
        ws.append([line.action_type.label, line.actions, line.participations, line.participants])
    ws.append(["Total", figures.actions, figures.participations, figures.participants_present], "bold")


def _pseudonymised(book: Workbook, formats: dict, rows: list[PseudonymousRow]) -> None:
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
    ws = _Sheet(book, formats, PSEUDONYMISED_SHEET, headers, [11, 16, 9, 34, 28, 18, 10, 10, 48])
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
    ws.explain(
        0,
        "Code tiré au hasard à chaque export : il ne permet pas de retrouver le dossier. Ni nom, ni date "
        "plus précise que le mois.",
    )


def render_funder_workbook(
    indicators: YearIndicators, pseudonymised_rows: list[PseudonymousRow] | None = None, demonstration: bool = False
) -> bytes:
    """The funder ``.xlsx``; from the demonstration, marked as fictional (``demo_mark``)."""
    buffer = io.BytesIO()
    book = new_workbook(buffer)
    title = f"Bilan Dynamiques Emploi {indicators.year} — L'Îlot"
    if demonstration:
        mark_workbook(book)
    formats = _formats(book)
    _summary(book, formats, indicators)
    _outcomes(book, formats, indicators)
    _barriers(book, formats, indicators)
    _profile(book, formats, indicators)
    _actions(book, formats, indicators)
    if pseudonymised_rows is not None:
        _pseudonymised(book, formats, pseudonymised_rows)
    book.set_properties({"author": "Îlot desktop", "title": title})
    if demonstration:
        finish_workbook_mark(book, title)
    book.close()
    return buffer.getvalue()


def write_funder_workbook(
    out: pathlib.Path, indicators: YearIndicators, pseudonymised_rows: list[PseudonymousRow] | None = None
) -> None:
    """Write the funder ``.xlsx`` to ``out``, in a folder that must exist (``safe_files``)."""
    safe_files.write_bytes(pathlib.Path(out), render_funder_workbook(indicators, pseudonymised_rows))
