"""A participant's own follow-up: every contact past and planned with its report, and their actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import WEEKDAYS_SHORT, format_date, format_time
from ilot_desktop.domain.followup import Appointment, AppointmentView, cadence_text, effective_cadence, in_first_month
from ilot_desktop.domain.vocabulary import AppointmentStatus
from ilot_desktop.errors import IlotError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.appointment_dialog import AppointmentDialog
from ilot_desktop.ui.week_model import STATUS_MARKS
from ilot_desktop.ui.widgets import read_only_item, table_item, wrapping_label

if TYPE_CHECKING:
    from ilot_desktop.domain.participant import Participant
    from ilot_desktop.ui.session_api import Session
    from ilot_desktop.ui.session_events import SessionEvents

IdRole = Qt.ItemDataRole.UserRole + 30
_HEADERS = ("Date", "Heure", "Type", "Statut", "Lieu")
_ACTION_HEADERS = ("Date", "Action", "Type", "Présence")


def _item(text: str, data: object = None) -> QTableWidgetItem:
    return read_only_item(text, data, IdRole)


class TimelinePage(QWidget):
    changed = Signal()
    action_requested = Signal(int)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self.session: Session | None = None
        self.participant: Participant | None = None
        self.dialog: AppointmentDialog | None = None
        self._views: dict[int, AppointmentView] = {}

        self.heading = wrapping_label(QLabel(self))  # a long name wraps: it never widens the window
        self.heading.setStyleSheet("font-weight: 600;")
        self.cadence_label = wrapping_label(QLabel(self))
        self.cadence_label.setAccessibleName("Rythme de suivi")
        self.new_button = QPushButton("Nouveau rendez-vous", self)
        self.new_button.clicked.connect(self.new_appointment)
        self.open_button = QPushButton("Ouvrir", self)
        self.open_button.clicked.connect(self.open_current)
        self.done_button = QPushButton("✓ Réalisé", self)
        self.done_button.clicked.connect(lambda: self.mark_current(AppointmentStatus.DONE))
        self.absent_button = QPushButton("✗ Absent", self)
        self.absent_button.clicked.connect(lambda: self.mark_current(AppointmentStatus.ABSENT))

        self.table = QTableWidget(0, len(_HEADERS), self)
        self.table.setHorizontalHeaderLabels(_HEADERS)
        self.table.setAccessibleName("Rendez-vous de la personne")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._show_details)
        self.table.itemActivated.connect(lambda _item: self.open_current())
        self.details = QTextBrowser(self)
        self.details.setAccessibleName("Compte rendu du rendez-vous choisi")
        self.details.setPlaceholderText("Choisissez un rendez-vous pour lire son compte rendu et les suites à donner.")
        self.actions_table = QTableWidget(0, len(_ACTION_HEADERS), self)
        self.actions_table.setHorizontalHeaderLabels(_ACTION_HEADERS)
        self.actions_table.setAccessibleName("Actions collectives de la personne")
        self.actions_table.verticalHeader().hide()
        self.actions_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.actions_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.actions_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.actions_table.itemActivated.connect(
            lambda item: self.action_requested.emit(table_item(self.actions_table, item.row(), 0).data(IdRole))
        )

        # The name on its own line, the rhythm beside the buttons: each wraps rather than push the window wider.
        buttons = QHBoxLayout()
        buttons.addWidget(self.cadence_label, 1)
        for button in (self.new_button, self.open_button, self.done_button, self.absent_button):
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        top = QVBoxLayout()
        top.setSpacing(2)
        top.addWidget(self.heading)
        top.addLayout(buttons)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel("Rendez-vous (les plus récents en haut)\u00a0:", left))
        left_layout.addWidget(self.table, 3)
        left_layout.addWidget(QLabel("Actions collectives\u00a0:", left))
        left_layout.addWidget(self.actions_table, 2)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("Compte rendu et suites\u00a0:", right))
        right_layout.addWidget(self.details)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 360])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._update_buttons()

    def bind_events(self, events: SessionEvents) -> None:
        """Says its appointment writes on the hub; shows the person the window shows; redraws after any other
        follow-up write."""
        self.changed.connect(lambda: events.appointments_changed.emit(self))
        events.on_followup(self._written_elsewhere)
        events.participant_shown.connect(self.show_participant)
        events.participant_saved.connect(self._participant_saved)

    def _written_elsewhere(self, source: object) -> None:
        if source is not self:
            self.refresh()

    def _participant_saved(self, participant: Participant, _source: object) -> None:
        self.show_participant(participant)

    def discard_edits(self) -> None:
        """Nothing is typed on the timeline itself (its appointment dialog forgets its own typing)."""

    def set_session(self, session: Session | None) -> None:
        self.session = session
        if session is None:
            if self.dialog is not None:
                self.dialog.done(0)
            self.show_participant(None)

    def show_participant(self, participant: Participant | None) -> None:
        """The saved participant whose follow-up to show (None for none, or a file not yet saved)."""
        self.participant = participant if participant is not None and participant.id is not None else None
        self.refresh()

    def refresh(self) -> None:
        self.table.setRowCount(0)
        self.actions_table.setRowCount(0)
        self.details.clear()
        self._views = {}
        session, p = self.session, self.participant
        if session is None or p is None or p.id is None:
            self.heading.setText("Enregistrez d'abord le dossier pour planifier des rendez-vous.")
            self.cadence_label.clear()
            self._update_buttons()
            return
        today = self._today()
        self.heading.setText(f"Suivi de {p.display_name}")
        cadence = effective_cadence(p.cadence, p.entry_date, today)
        first_month = in_first_month(p.entry_date, today)
        note = " (premier mois : chaque semaine)" if first_month else ""
        self.cadence_label.setText(f"Rythme : {cadence_text(cadence)}{note}")
        for view in session.followup.timeline(p.id):
            a = view.appointment
            if a.id is None or a.start is None:  # stored appointments have both
                continue
            self._views[a.id] = view
            row = self.table.rowCount()
            self.table.insertRow(row)
            day = f"{WEEKDAYS_SHORT[a.start.weekday()]} {format_date(a.start.date())}"
            for column, text in enumerate(
                (
                    day,
                    format_time(a.start),
                    a.kind.label,
                    f"{STATUS_MARKS[a.status]} {a.status.label}",
                    a.place,
                )
            ):
                self.table.setItem(row, column, _item(text, a.id))
        for line in session.actions.for_participant(p.id):
            action = line.action
            row = self.actions_table.rowCount()
            self.actions_table.insertRow(row)
            presence = line.attendance.label if line.attendance else "Inscrit (présence à noter)"
            for column, text in enumerate(
                (
                    format_date(action.start.date() if action.start else None),
                    action.title,
                    action.action_type.label if action.action_type else "",
                    presence,
                )
            ):
                self.actions_table.setItem(row, column, _item(text, action.id))
        self._update_buttons()

    def current_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(IdRole) if items else None

    def _update_buttons(self) -> None:
        has_participant = self.session is not None and self.participant is not None
        self.new_button.setEnabled(has_participant)
        selected = self.current_id() is not None
        for button in (self.open_button, self.done_button, self.absent_button):
            button.setEnabled(has_participant and selected)
        view = self._current_view()  # « Réalisé » / « Absent » once its time has come (domain rule, via service)
        refusal = self.session.followup.record_refusal(view.appointment) if self.session and view else None
        for button in (self.done_button, self.absent_button):
            button.setEnabled(button.isEnabled() and refusal is None)
            button.setToolTip(refusal or "")

    def _current_view(self) -> AppointmentView | None:
        appointment_id = self.current_id()
        return self._views.get(appointment_id) if appointment_id is not None else None

    def _show_details(self) -> None:
        self._update_buttons()
        view = self._current_view()
        start = view.appointment.start if view is not None else None
        if view is None or start is None:
            self.details.clear()
            return
        a = view.appointment
        report = a.report.strip() or "Pas de compte rendu."
        steps = a.next_steps.strip() or "—"
        self.details.setPlainText(
            f"{a.kind.label}, {format_date(start.date())} à {format_time(start)} ({a.status.label})\n\n"
            f"Compte rendu :\n{report}\n\nSuites à donner :\n{steps}"
        )

    def new_appointment(self) -> None:
        if self.session is None or self.participant is None:
            return
        self._open(self.session.followup.new_draft(self.participant.id))

    def open_current(self) -> None:
        view = self._current_view()
        if view is not None:
            self._open(view.appointment)

    def _open(self, appointment: Appointment) -> None:
        if self.session is None:
            return
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return
        self.dialog = AppointmentDialog(self.session, appointment, self)
        self.dialog.saved.connect(self._after_write)
        self.dialog.deleted.connect(self._after_write)
        self.dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog.open()

    def mark_current(self, status: AppointmentStatus) -> None:
        appointment_id = self.current_id()
        if appointment_id is None or self.session is None:
            return
        try:
            self.session.followup.set_status(appointment_id, status)
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self._after_write()

    def _after_write(self, *args: object) -> None:
        self.refresh()
        self.changed.emit()
