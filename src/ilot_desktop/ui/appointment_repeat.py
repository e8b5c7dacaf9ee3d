"""« Répéter » in the appointment dialog: how often and how long, proposed from the person's rhythm, and the
list of the dates that will be created, clashes shown (and unticked) before anything is saved.

Also the question a change to an occurrence of a series asks: this one only, or the whole series to come.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.appointment_series import (
    DEFAULT_COUNT,
    MAX_OCCURRENCES,
    MIN_OCCURRENCES,
    Frequency,
    Occurrence,
    Repeat,
    Scope,
    validate_repeat,
)
from ilot_desktop.domain.dates import DateError
from ilot_desktop.domain.followup import Appointment, format_moment
from ilot_desktop.errors import IlotError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import DateEdit, ErrorLabel

if TYPE_CHECKING:
    from ilot_desktop.ui.session_api import Session

StartRole = Qt.ItemDataRole.UserRole
CLASH_COLOUR = "#8a4b00"
PREVIEW_ROWS = 6


class RepeatPanel(QWidget):
    """A tick box « Répéter ce rendez-vous » and, once ticked, the rule and the dates it gives.

    ``model()`` is asked for the appointment being typed (None while it cannot be read); ``toggled(bool)``
    says when the panel opens or closes (the dialog then hides what a series does not have)."""

    toggled = Signal(bool)

    def __init__(self, session: Session, model: Callable[[], Appointment | None], parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._model = model
        self._chosen_by_hand: dict[datetime, bool] = {}  # dates the caseworker ticked or unticked herself
        self._rule_by_hand = False  # a rule she chose is not replaced by the rhythm's proposal
        self._occurrences: list[Occurrence] = []

        self.enabled = QCheckBox("&Répéter ce rendez-vous", self)
        self.enabled.setAccessibleName("Répéter ce rendez-vous")
        self.enabled.setToolTip("Créer en une fois les rendez-vous suivants (Alt+R)")
        self.body = QWidget(self)
        self.frequency = QComboBox(self.body)
        self.frequency.setAccessibleName("Fréquence")
        for frequency in Frequency:
            self.frequency.addItem(frequency.label, frequency)
        self.by_count = QRadioButton("&Nombre de rendez-vous", self.body)
        self.by_count.setChecked(True)
        self.by_count.setAccessibleName("Fin après un nombre de rendez-vous")
        self.count = QSpinBox(self.body)
        self.count.setRange(MIN_OCCURRENCES, MAX_OCCURRENCES)
        self.count.setValue(DEFAULT_COUNT)
        self.count.setAccessibleName("Nombre de rendez-vous, le premier compris")
        self.by_date = QRadioButton("&Jusqu'au", self.body)
        self.by_date.setAccessibleName("Fin à une date")
        self.until = DateEdit("Dernier jour de la série", self.body)
        ends = QButtonGroup(self)
        ends.addButton(self.by_count)
        ends.addButton(self.by_date)
        self.proposal = QLabel(self.body)
        self.proposal.setWordWrap(True)
        self.proposal.setStyleSheet("color: #555;")
        self.dates = QListWidget(self.body)
        self.dates.setAccessibleName("Dates qui seront créées (décochez celles à ne pas créer)")
        self.dates.setMinimumHeight(self.dates.fontMetrics().height() * PREVIEW_ROWS + 12)
        self.dates.setWordWrap(True)  # a long line (a clash, the office after the release) wraps, never hides
        self.dates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary = QLabel(self.body)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Résumé de la série")
        self.error = ErrorLabel(self.body)

        end_row = QHBoxLayout()
        end_row.setContentsMargins(0, 0, 0, 0)
        end_row.addWidget(self.by_count)
        end_row.addWidget(self.count)
        end_row.addSpacing(16)
        end_row.addWidget(self.by_date)
        end_row.addWidget(self.until)
        end_row.addStretch(1)
        ends_holder = QWidget(self.body)
        ends_holder.setLayout(end_row)
        form = QFormLayout(self.body)
        form.setContentsMargins(24, 0, 0, 0)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        form.addRow(_buddy("&Fréquence\u00a0:", self.frequency, self.body), self.frequency)
        form.addRow("Fin\u00a0:", ends_holder)
        form.addRow("", self.proposal)
        form.addRow(_buddy("&Dates\u00a0:", self.dates, self.body), self.dates)
        form.addRow("", self.summary)
        form.addRow("", self.error)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.body)
        self.body.hide()
        self.setTabOrder(self.enabled, self.frequency)
        self.setTabOrder(self.frequency, self.by_count)
        self.setTabOrder(self.by_count, self.count)
        self.setTabOrder(self.count, self.by_date)
        self.setTabOrder(self.by_date, self.until.edit)
        self.setTabOrder(self.until.edit, self.dates)

        self.enabled.toggled.connect(self._toggled)
        self.frequency.currentIndexChanged.connect(self._rule_changed)
        self.count.valueChanged.connect(self._rule_changed)
        self.by_count.toggled.connect(self._rule_changed)
        self.until.changed.connect(self._until_changed)
        self.dates.itemChanged.connect(self._item_changed)

    # --- the rule -----------------------------------------------------------------------------------

    def is_on(self) -> bool:
        return self.enabled.isChecked()

    def repeat(self) -> Repeat:
        """The rule as typed; raises DateError for an unreadable end date."""
        frequency = self.frequency.currentData() or Frequency.WEEKLY
        if self.by_date.isChecked():
            return Repeat(frequency, None, self.until.value())
        return Repeat(frequency, self.count.value())

    def propose(self) -> None:
        """The person's rhythm chooses the rule (weekly in the first month), unless one was chosen by hand."""
        model = self._model()
        if self._rule_by_hand or model is None or model.start is None:
            return
        try:
            repeat, why = self.session.followup.proposed_repeat(model.participant_id, model.start.date())
        except IlotError:
            return
        for widget in (self.frequency, self.count, self.by_count):
            widget.blockSignals(True)
        self.frequency.setCurrentIndex(self.frequency.findData(repeat.frequency))
        self.count.setValue(repeat.count or DEFAULT_COUNT)
        self.by_count.setChecked(True)
        for widget in (self.frequency, self.count, self.by_count):
            widget.blockSignals(False)
        self.proposal.setText(why)

    def _toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        if on:
            self.propose()
            self.refresh()
        self.toggled.emit(on)

    def _rule_changed(self, *args: object) -> None:
        self._rule_by_hand = True
        self.proposal.setText("")
        self.refresh()

    def _until_changed(self) -> None:
        if len(self.until.text()) == 10:
            self.by_date.setChecked(True)
            self._rule_changed()

    # --- the dates ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        """The dates the rule gives from the appointment as typed now, each with its clash (if any)."""
        if not self.is_on():
            return
        self.error.show_message(None)
        self._occurrences = []
        model = self._model()
        problem = None
        try:
            repeat = self.repeat()
        except DateError as error:
            problem = str(error)
        else:
            first = model.start.date() if model is not None and model.start is not None else None
            problem = next(iter(validate_repeat(first, repeat).values()), None)
        if problem is None and model is not None:
            try:
                self._occurrences = self.session.followup.preview_series(model, repeat)
            except IlotError as error:
                problem = str(error)
        self._fill(problem)

    def _fill(self, problem: str | None) -> None:
        self.dates.blockSignals(True)
        self.dates.clear()
        for occurrence in self._occurrences:
            start = occurrence.appointment.start
            assert start is not None  # built from the series' starts
            text = format_moment(start)
            model = self._model()
            if model is not None and (occurrence.appointment.kind, occurrence.appointment.place) != (
                model.kind,
                model.place.strip(),
            ):
                place = f", {occurrence.appointment.place}" if occurrence.appointment.place else ""
                text += f" · après la libération\u00a0: {occurrence.appointment.kind.label.lower()}{place}"
            why = occurrence.problem or (occurrence.clash.text() if occurrence.clash else "")
            if why:
                text += f" — {why}"
            item = QListWidgetItem(text)
            item.setData(StartRole, start)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if occurrence.problem is None:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            chosen = self._chosen_by_hand.get(start, occurrence.proposed) and occurrence.problem is None
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            if why:
                item.setForeground(QColor(CLASH_COLOUR))
                item.setToolTip(why[0].upper() + why[1:] + ".")
            self.dates.addItem(item)
        self.dates.blockSignals(False)
        self.error.show_message(problem)
        self._summarise()

    def _item_changed(self, item: QListWidgetItem) -> None:
        self._chosen_by_hand[item.data(StartRole)] = item.checkState() is Qt.CheckState.Checked
        self._summarise()

    def chosen_starts(self) -> list[datetime]:
        """The ticked dates: what « Enregistrer » creates."""
        return [
            self.dates.item(i).data(StartRole)
            for i in range(self.dates.count())
            if self.dates.item(i).checkState() is Qt.CheckState.Checked
        ]

    def _summarise(self) -> None:
        if self._model() is None:
            self.summary.setText(
                "Choisissez la personne, la date et l'heure\u00a0: les dates de la série s'afficheront ici."
            )
            return
        chosen = len(self.chosen_starts())
        clashes = sum(1 for o in self._occurrences if o.clash is not None)
        impossible = sum(1 for o in self._occurrences if o.problem is not None)
        parts = [
            "Aucun rendez-vous ne sera créé."
            if chosen == 0
            else "1 rendez-vous sera créé."
            if chosen == 1
            else f"{chosen} rendez-vous seront créés."
        ]
        if clashes:
            parts.append(
                "1 date tombe le même jour qu'un autre rendez-vous de la personne\u00a0: décochée, elle ne sera "
                "pas créée (cochez-la pour la garder)."
                if clashes == 1
                else f"{clashes} dates tombent le même jour que d'autres rendez-vous de la personne\u00a0: "
                "décochées, elles ne seront pas créées (cochez-les pour les garder)."
            )
        if impossible:
            parts.append("Les dates en orange non cochables ne peuvent pas être créées.")
        self.summary.setText(" ".join(parts))

    def show_problem(self, message: str | None) -> None:
        self.error.show_message(message)


def _buddy(text: str, widget: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(widget)
    return label


def ask_scope(parent: QWidget | None, action: str, others: int) -> Scope | None:
    """Change (``action``: « modifier », « annuler », « supprimer ») this occurrence or the series to come?
    None when the caseworker goes back."""
    box = QMessageBox(QMessageBox.Icon.Question, "Rendez-vous d'une série", "", QMessageBox.StandardButton.NoButton)
    box.setParent(parent, box.windowFlags())
    box.setText(f"Ce rendez-vous fait partie d'une série. Que faut-il {action}\u00a0?")
    plural = "s" if others > 1 else ""
    box.setInformativeText(
        f"La série compte encore {others} autre{plural} rendez-vous à venir. Les rendez-vous passés ou déjà "
        "notés (réalisé, absent) ne sont jamais modifiés."
    )
    one = box.addButton("Cette occurrence seulement", QMessageBox.ButtonRole.AcceptRole)
    series = box.addButton("Toute la série (à venir)", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Revenir", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(one)
    if dialogs._run(box.exec, None, box) is None:
        return None
    clicked = box.clickedButton()
    return Scope.ONE if clicked is one else Scope.UPCOMING if clicked is series else None


def series_note(parent: QWidget, appointment: Appointment) -> QLabel:
    """Under an occurrence of a series: which changes will ask about the rest of the series (hidden otherwise)."""
    note = QLabel(parent)
    note.setWordWrap(True)
    note.setStyleSheet("color: #555;")
    note.setVisible(appointment.series_id is not None)
    if appointment.series_id is not None:
        note.setText(
            "Ce rendez-vous fait partie d'une série\u00a0: si vous changez son jour, son heure, sa durée, son "
            "type ou son lieu, ou l'annulez, vous choisirez entre cette occurrence seulement et toute la série "
            "(à venir)."
        )
    return note
