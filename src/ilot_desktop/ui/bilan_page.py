"""The Bilan: the year's figures for the whole programme, each one explainable, with a few charts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import DateError, format_date
from ilot_desktop.domain.indicators import format_value
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui.bar_chart import BarChart
from ilot_desktop.ui.widgets import DateEdit, read_only_item, table_item

if TYPE_CHECKING:
    from ilot_desktop.domain.indicators import YearIndicators
    from ilot_desktop.ui.session_api import Session
    from ilot_desktop.ui.session_events import SessionEvents

KeyRole = Qt.ItemDataRole.UserRole + 80


def _cell(text: str, data: object = None) -> QTableWidgetItem:
    return read_only_item(text, data, KeyRole)


class BilanPage(QWidget):
    funder_requested = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self.session: Session | None = None
        self.indicators: YearIndicators | None = None
        self._stale = False  # figures asked for while the tab was hidden: computed when it is shown

        self.year = QComboBox(self)
        self.year.setAccessibleName("Année du bilan")
        self.year.currentIndexChanged.connect(self._year_changed)
        self.as_of = DateEdit("Chiffres arrêtés au", self)
        self.as_of.edit.returnPressed.connect(self.refresh)
        self.compute_button = QPushButton("Calculer", self)
        self.compute_button.clicked.connect(self.refresh)
        self.funder_button = QPushButton("Fichier pour la Ville de Paris…", self)
        self.funder_button.clicked.connect(self.funder_requested)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b00020;")

        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels(("Indicateur", "Valeur"))
        self.table.setAccessibleName("Indicateurs de l'année")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._explain_current)
        self.explanation_title = QLabel("Choisissez un chiffre pour voir les dossiers qu'il compte.", self)
        self.explanation_title.setWordWrap(True)
        self.explanation = QListWidget(self)
        self.explanation.setAccessibleName("Dossiers derrière le chiffre choisi")
        self.explanation.setWordWrap(True)
        self.explanation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.outcome_chart = BarChart("Sorties par catégorie (personnes)", self)
        self.age_chart = BarChart("Âge de la file active", self)
        self.housing_chart = BarChart("Hébergement à l'entrée", self)
        self.barrier_chart = BarChart("Freins : personnes concernées", self)
        charts = QWidget(self)
        chart_grid = QGridLayout(charts)
        for index, chart in enumerate((self.outcome_chart, self.age_chart, self.housing_chart, self.barrier_chart)):
            chart_grid.addWidget(chart, index // 2, index % 2)
        charts_scroll = QScrollArea(self)
        charts_scroll.setWidget(charts)
        charts_scroll.setWidgetResizable(True)

        controls = QHBoxLayout()
        for text, widget in (("Année", self.year), ("Arrêtés au", self.as_of)):
            label = QLabel(f"{text}\u00a0:", self)
            label.setBuddy(widget.edit if isinstance(widget, DateEdit) else widget)
            controls.addWidget(label)
            controls.addWidget(widget)
        controls.addWidget(self.compute_button)
        controls.addWidget(self.error, 1)
        controls.addWidget(self.funder_button)
        explain_box = QGroupBox("Détail du chiffre choisi", self)
        explain_layout = QVBoxLayout(explain_box)
        explain_layout.addWidget(self.explanation_title)
        explain_layout.addWidget(self.explanation)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(self.table)
        top.addWidget(explain_box)
        top.setSizes([520, 360])
        vertical = QSplitter(Qt.Orientation.Vertical, self)
        vertical.addWidget(top)
        vertical.addWidget(charts_scroll)
        vertical.setSizes([420, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(vertical, 1)

    def bind_events(self, events: SessionEvents) -> None:
        """The year's figures count every record: redrawn after any write."""
        events.on_any_write(lambda: self.refresh())  # looked up at each write (tests replace it)

    def discard_edits(self) -> None:
        """Nothing is typed on the Bilan."""

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self.indicators = None
        self.table.setRowCount(0)
        self.explanation.clear()
        for chart in (self.outcome_chart, self.age_chart, self.housing_chart, self.barrier_chart):
            chart.set_rows([])
        if session is None:
            self.year.blockSignals(True)
            self.year.clear()
            self.year.blockSignals(False)
            return
        current = self._today().year
        years = sorted(set(session.indicators.years()) | {current}, reverse=True)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        self.year.blockSignals(False)
        self._year_changed()

    def _year_changed(self, *args: object) -> None:
        year = self.year.currentData()
        if year is None:
            return
        today = self._today()
        self.as_of.set_value(today if year == today.year else date(year, 12, 31))
        self.refresh()

    def new_day(self, previous: date, today: date) -> None:
        """The window stayed open past midnight: figures « arrêtés au » the previous day move to today; on the 1st
        of January the new year is offered in the list (the year shown stays). A date the person chose stays."""
        if self.session is None:
            return
        if self.year.findData(today.year) < 0:
            self.year.blockSignals(True)
            self.year.insertItem(0, str(today.year), today.year)
            self.year.blockSignals(False)
        try:
            shown = self.as_of.value()
        except DateError:
            return
        if self.year.currentData() == today.year and shown == previous:
            self.as_of.set_value(today)
            self.refresh()

    def refresh(self) -> None:
        if self.session is None or self.year.currentData() is None:
            return
        if not self.isVisible():  # unlocking and every follow-up save would compute a year nobody looks at
            self._stale = True
            return
        self._stale = False
        year = self.year.currentData()
        try:
            as_of = self.as_of.value()
            self.indicators = self.session.indicators.compute(year, as_of)
        except (DateError, ValidationError) as error:
            message = next(iter(error.errors.values())) if isinstance(error, ValidationError) else str(error)
            self.error.setText(message)
            return
        except IlotError as error:
            self.error.setText(str(error))
            return
        self.error.clear()
        figures = self.indicators
        self.table.setRowCount(0)
        for entry in figures.summary_entries():
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, _cell(entry.label, entry.key))
            value = _cell(format_value(entry.value), entry.key)
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, 1, value)
        self.explanation.clear()
        self.explanation_title.setText(
            f"Bilan {year} arrêté au {format_date(figures.as_of)}. Choisissez un chiffre pour voir les dossiers "
            "qu'il compte (numéros de dossier seulement)."
        )
        self.outcome_chart.set_rows([(c.label, c.count) for c in figures.outcomes_by_category])
        self.age_chart.set_rows([(c.label, c.count) for c in figures.profile.age])
        self.housing_chart.set_rows([(c.label, c.count) for c in figures.profile.housing if c.count])
        concerned = sorted(
            ((b.category.label, b.concerned) for b in figures.barriers if b.concerned), key=lambda pair: -pair[1]
        )
        self.barrier_chart.set_rows(concerned[:8])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _explain_current(self) -> None:
        self.explanation.clear()
        items = self.table.selectedItems()
        if not items or self.indicators is None:
            return
        key = items[0].data(KeyRole)
        label = table_item(self.table, items[0].row(), 0).text()
        if key is None:
            self.explanation_title.setText(f"« {label} » : un paramètre du bilan, pas un décompte de dossiers.")
            return
        lines = self.indicators.explain(key) if key in self.indicators.explain_keys() else []
        self.explanation_title.setText(f"« {label} » : {len(lines)} ligne{'s' if len(lines) > 1 else ''}")
        self.explanation.addItems(lines)
