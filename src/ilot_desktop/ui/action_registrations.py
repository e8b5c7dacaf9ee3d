"""Who is registered on a collective action and who came: the lower half of the actions page."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.actions import CollectiveAction, attendance_allowed, person_matches
from ilot_desktop.domain.vocabulary import Attendance, CaseStatus
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import CellChoiceCombo, read_only_item, table_item

if TYPE_CHECKING:
    from ilot_desktop.ui.session_api import Session

IdRole = Qt.ItemDataRole.UserRole + 40
SearchRole = Qt.ItemDataRole.UserRole + 41  # (last name, first name, file number) of a person to register


def id_item(text: str, data: object = None) -> QTableWidgetItem:
    """A read-only cell carrying an id under ``IdRole`` (the actions list and the registrations share it)."""
    return read_only_item(text, data, IdRole)


class PersonSearch(QLineEdit):
    """The field to find someone to register: Haut and Bas move the highlight in the results, Entrée registers."""

    moved = Signal(int)  # -1 up, +1 down

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.moved.emit(1 if event.key() == Qt.Key.Key_Down else -1)
            return
        super().keyPressEvent(event)


class RegistrationsBox(QGroupBox):
    """The people registered on the action shown, their attendance, and the search to register someone.

    ``registrations_changed`` follows a registration or a withdrawal; ``attendance_changed`` follows an
    attendance noted (a row's combo, or « Tous présents »; the page then redraws its counts).
    """

    registrations_changed = Signal()
    attendance_changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__("Inscriptions et présence", parent)
        self._today = today
        self.session: Session | None = None
        self.action: CollectiveAction | None = None
        self._registered: set[int] = set()
        self.search = PersonSearch(self)
        self.search.setAccessibleName("Personne à inscrire")
        self.search.setPlaceholderText("Nom, prénom ou n° de dossier (ex.\u00a0: 006)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.register_current)
        self.search.moved.connect(self._move)
        # Every ongoing person, the ones matching what is typed shown (hidden while nothing is typed).
        self.matches = QListWidget(self)
        self.matches.setAccessibleName("Personnes trouvées")
        self.matches.setMaximumHeight(self.matches.fontMetrics().height() * 4 + 12)
        self.matches.itemActivated.connect(lambda _item: self.register_current())
        self.matches.hide()
        self.people: list[int] = []  # the participant id behind each row of ``matches``
        self.register_button = QPushButton("Inscrire", self)
        self.register_button.setToolTip("Inscrire la personne surlignée (Entrée dans le champ de recherche)")
        self.register_button.clicked.connect(self.register_current)
        self.remove_button = QPushButton("Retirer", self)
        self.remove_button.setToolTip("Retirer de l'action la personne choisie dans le tableau")
        self.remove_button.clicked.connect(self.unregister_current)
        self.all_present_button = QPushButton("Tous présents", self)
        self.all_present_button.setToolTip(
            "Noter « Présent » toutes les personnes dont la présence n'est pas encore notée (Ctrl+Maj+P)"
        )
        self.all_present_button.clicked.connect(self.mark_all_present)
        QShortcut(
            QKeySequence("Ctrl+Shift+P"),
            self,
            self.all_present_button.click,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
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
        add_row.addWidget(self.search, 1)
        add_row.addWidget(self.register_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.attendance_note, 1)
        bottom.addWidget(self.all_present_button)
        bottom.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addLayout(add_row)
        layout.addWidget(self.matches)
        layout.addWidget(self.registrations, 1)
        layout.addLayout(bottom)
        for first, second in (
            (self.search, self.register_button),
            (self.register_button, self.matches),
            (self.matches, self.registrations),
            (self.registrations, self.all_present_button),
            (self.all_present_button, self.remove_button),
        ):
            QWidget.setTabOrder(first, second)

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self.search.clear()
        self.matches.clear()
        self.people.clear()

    def fill_people(self) -> None:
        """The people who may be registered: those whose follow-up is ongoing."""
        self.matches.clear()
        self.people.clear()
        if self.session is None:
            return
        today = self._today()
        for summary in self.session.participants.summaries():
            if summary.status(today) is CaseStatus.ONGOING:
                item = QListWidgetItem(f"{summary.last_name.upper()} {summary.first_name} · {summary.file_number}")
                item.setData(SearchRole, (summary.last_name, summary.first_name, summary.file_number))
                self.matches.addItem(item)
                self.people.append(summary.id)
        self._filter()

    def _filter(self) -> None:
        """Show the people matching what is typed (not those already registered), the first one highlighted."""
        typed = self.search.text().strip()
        first = -1
        for row, participant_id in enumerate(self.people):
            item = self.matches.item(row)
            last, given, number = item.data(SearchRole)
            shown = (
                bool(typed) and participant_id not in self._registered and person_matches(typed, last, given, number)
            )
            item.setHidden(not shown)
            if shown and first < 0:
                first = row
        self.matches.setCurrentRow(first)
        self.matches.setVisible(bool(typed))
        if typed and first < 0:
            self.attendance_note.setText(f"Aucune personne suivie ne correspond à «\u00a0{typed}\u00a0».")
        elif typed:
            self.attendance_note.setText(
                "Entrée inscrit la personne surlignée (Haut et Bas pour en choisir une autre)."
            )

    def _move(self, step: int) -> None:
        """Haut / Bas from the search field: the highlight goes to the previous or next person shown."""
        row = self.matches.currentRow() + step
        while 0 <= row < self.matches.count() and self.matches.item(row).isHidden():
            row += step
        if 0 <= row < self.matches.count():
            self.matches.setCurrentRow(row)

    def show_action(self, action: CollectiveAction | None) -> None:
        self.action = action
        self.redraw()

    def redraw(self) -> None:
        """The rows as stored; what the page's fields hold is not touched."""
        self.registrations.setRowCount(0)
        self._registered = set()
        action = self.action
        saved = action is not None and action.id is not None
        for widget in (self.search, self.register_button, self.remove_button):
            widget.setEnabled(saved)
        self.all_present_button.setEnabled(False)
        if action is None or action.id is None or self.session is None:
            self.attendance_note.setText("Enregistrez l'action pour inscrire des personnes." if action else "")
            self._filter()
            return
        allowed = attendance_allowed(action, self._today())
        self.attendance_note.setText(
            "Notez la présence de chaque personne, ou « Tous présents »."
            if allowed
            else "La présence se notera le jour de l'action ou après."
        )
        for registration in self.session.actions.registrations(action.id):
            self._registered.add(registration.participant_id)
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
        self.all_present_button.setEnabled(allowed and bool(self._registered))
        self._filter()

    def _saved_action_id(self) -> int | None:
        return self.action.id if self.action is not None else None

    def register_current(self) -> None:
        """Register the highlighted person; the search is emptied, ready for the next name."""
        row = self.matches.currentRow()
        action_id = self._saved_action_id()
        item = self.matches.item(row) if row >= 0 else None
        if action_id is None or self.session is None or item is None or item.isHidden():
            if not self.search.text().strip():  # else the note already says nobody answers what is typed
                self.attendance_note.setText("Tapez une partie du nom, du prénom ou du n° de dossier de la personne.")
            return
        try:
            self.session.actions.register(action_id, self.people[row])
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self.search.clear()
        self.search.setFocus()
        self._after_registration_change()

    def mark_all_present(self) -> None:
        """« Tous présents »: everyone not noted yet is marked Présent at once (an absence noted stays)."""
        action_id = self._saved_action_id()
        if action_id is None or self.session is None:
            return
        try:
            marked = self.session.actions.mark_all_present(action_id)
        except IlotError as error:
            message = next(iter(error.errors.values())) if isinstance(error, ValidationError) else str(error)
            self.attendance_note.setText(message)
            return
        self.redraw()
        self.attendance_note.setText(
            "Toutes les présences étaient déjà notées."
            if marked == 0
            else f"{marked} personne{'s' if marked > 1 else ''} notée{'s' if marked > 1 else ''} présente"
            f"{'s' if marked > 1 else ''}."
        )
        self.attendance_changed.emit()

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
