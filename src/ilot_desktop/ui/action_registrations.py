"""Who is registered on a collective action and who came: the lower half of the actions page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.actions import CollectiveAction, attendance_allowed
from ilot_desktop.domain.vocabulary import Attendance, CaseStatus
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import CellChoiceCombo, read_only_item, table_item

if TYPE_CHECKING:
    from ilot_desktop.ui.session_api import Session

IdRole = Qt.ItemDataRole.UserRole + 40


def id_item(text: str, data: object = None) -> QTableWidgetItem:
    """A read-only cell carrying an id under ``IdRole`` (the actions list and the registrations share it)."""
    return read_only_item(text, data, IdRole)


class RegistrationsBox(QGroupBox):
    """The people registered on the action shown, their attendance, and the chooser to register someone.

    ``registrations_changed`` follows a registration or a withdrawal; ``attendance_changed`` follows an
    attendance noted from a row's combo (the page then redraws its counts).
    """

    registrations_changed = Signal()
    attendance_changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__("Inscriptions et présence", parent)
        self._today = today
        self.session: Session | None = None
        self.action: CollectiveAction | None = None
        self.person = QComboBox(self)
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.person.setAccessibleName("Personne à inscrire")
        typed = self.person.lineEdit()  # an editable combo always has its line
        if typed is not None:
            typed.setPlaceholderText("Nom ou n° de dossier")
        self.people: list[int] = []  # the participant id behind each entry of ``person``
        self.register_button = QPushButton("Inscrire", self)
        self.register_button.clicked.connect(self.register_current)
        self.remove_button = QPushButton("Retirer", self)
        self.remove_button.clicked.connect(self.unregister_current)
        self.registrations = QTableWidget(0, 3, self)
        self.registrations.setHorizontalHeaderLabels(("Personne", "N° dossier", "Présence"))
        self.registrations.setAccessibleName("Personnes inscrites et présence")
        self.registrations.verticalHeader().hide()
        self.registrations.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.registrations.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.attendance_note = QLabel(self)
        self.attendance_note.setStyleSheet("color: #555;")
        self.attendance_note.setWordWrap(True)
        add_row = QHBoxLayout()
        add_row.addWidget(self.person, 1)
        add_row.addWidget(self.register_button)
        add_row.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(add_row)
        layout.addWidget(self.registrations, 1)
        layout.addWidget(self.attendance_note)

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self.person.clear()
        self.people.clear()

    def fill_people(self) -> None:
        """The people who may be registered: those whose follow-up is ongoing."""
        self.person.clear()
        self.people.clear()
        if self.session is None:
            return
        today = self._today()
        for summary in self.session.participants.summaries():
            if summary.status(today) is CaseStatus.ONGOING:
                self.person.addItem(f"{summary.last_name.upper()} {summary.first_name} · {summary.file_number}")
                self.people.append(summary.id)
        self.person.setCurrentIndex(-1)

    def show_action(self, action: CollectiveAction | None) -> None:
        self.action = action
        self.redraw()

    def redraw(self) -> None:
        """The rows as stored; what the page's fields hold is not touched."""
        self.registrations.setRowCount(0)
        action = self.action
        saved = action is not None and action.id is not None
        for widget in (self.person, self.register_button, self.remove_button):
            widget.setEnabled(saved)
        if action is None or action.id is None or self.session is None:
            self.attendance_note.setText("Enregistrez l'action pour inscrire des personnes." if action else "")
            return
        allowed = attendance_allowed(action, self._today())
        self.attendance_note.setText(
            "Notez la présence de chaque personne."
            if allowed
            else "La présence se notera le jour de l'action ou après."
        )
        for registration in self.session.actions.registrations(action.id):
            row = self.registrations.rowCount()
            self.registrations.insertRow(row)
            self.registrations.setItem(row, 0, id_item(registration.display_name, registration.participant_id))
            self.registrations.setItem(row, 1, id_item(registration.file_number))
            combo = CellChoiceCombo(
                Attendance,
                f"Présence de {registration.display_name}",
                placeholder="À noter",
                parent=self.registrations,
            )
            combo.set_value(registration.attendance)
            combo.setEnabled(allowed)
            combo.activated.connect(
                lambda _i, pid=registration.participant_id, c=combo: self.set_attendance(pid, c.value())
            )
            self.registrations.setCellWidget(row, 2, combo)

    def _saved_action_id(self) -> int | None:
        return self.action.id if self.action is not None else None

    def register_current(self) -> None:
        index = self.person.currentIndex()
        action_id = self._saved_action_id()
        if action_id is None or self.session is None or not 0 <= index < len(self.people):
            self.attendance_note.setText("Choisissez la personne dans la liste.")
            return
        try:
            self.session.actions.register(action_id, self.people[index])
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self.person.setCurrentIndex(-1)
        self._after_registration_change()

    def unregister_current(self) -> None:
        row = self.registrations.currentRow()
        action_id = self._saved_action_id()
        if action_id is None or self.session is None or row < 0:
            self.attendance_note.setText("Choisissez d'abord la personne à retirer dans la liste.")
            return
        try:
            self.session.actions.unregister(action_id, table_item(self.registrations, row, 0).data(IdRole))
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self._after_registration_change()

    def _after_registration_change(self) -> None:
        self.redraw()
        self.registrations_changed.emit()

    def set_attendance(self, participant_id: int, attendance: Attendance | None) -> None:
        """Called from the row's own combo: the table is left alone, only the counts are redrawn."""
        action_id = self._saved_action_id()
        if action_id is None or self.session is None:
            return
        try:
            self.session.actions.set_attendance(action_id, participant_id, attendance)
        except IlotError as error:
            message = next(iter(error.errors.values())) if isinstance(error, ValidationError) else str(error)
            self.attendance_note.setText(message)
            QTimer.singleShot(0, self.redraw)  # put the row back as it is stored
            return
        self.attendance_changed.emit()
