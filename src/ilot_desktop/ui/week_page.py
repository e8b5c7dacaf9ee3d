"""The Calendrier tab's week: navigate, create by double-click, mark Réalisé / Absent, print."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import DateError, format_week
from ilot_desktop.domain.followup import Appointment, week_start
from ilot_desktop.domain.vocabulary import AppointmentStatus
from ilot_desktop.errors import IlotError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.appointment_dialog import AppointmentDialog
from ilot_desktop.ui.appointment_repeat import ask_scope
from ilot_desktop.ui.week_model import ACTION_COLOUR, KIND_COLOURS, Entry, WeekModel
from ilot_desktop.ui.widgets import DateEdit, enable_record_buttons, record_buttons

if TYPE_CHECKING:
    from ilot_desktop.ui.session_api import Session
    from ilot_desktop.ui.session_events import SessionEvents

log = logging.getLogger(__name__)


class WeekPage(QWidget):
    """``changed`` after any write (so other views refresh); ``action_requested(id)`` to open an action."""

    changed = Signal()
    action_requested = Signal(int)

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self.session: Session | None = None
        self.monday = week_start(today())
        self.dialog: AppointmentDialog | None = None
        self.model = WeekModel(self)

        self.previous_button = QPushButton("◀ Précédente", self)
        self.previous_button.setToolTip("Semaine précédente (Ctrl+Page précédente)")
        self.previous_button.clicked.connect(lambda: self.go_to(self.monday - timedelta(days=7)))
        self.today_button = QPushButton("Aujourd'hui", self)
        self.today_button.clicked.connect(lambda: self.go_to(self._today()))
        self.next_button = QPushButton("Suivante ▶", self)
        self.next_button.setToolTip("Semaine suivante (Ctrl+Page suivante)")
        self.next_button.clicked.connect(lambda: self.go_to(self.monday + timedelta(days=7)))
        self.jump = DateEdit("Aller à la semaine du", self)
        self.jump.edit.returnPressed.connect(self._jump)
        self.jump.changed.connect(self._jump_if_complete)
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.title.setAccessibleName("Semaine affichée")
        self.jump_error = QLabel(self)
        self.jump_error.setStyleSheet("color: #b00020;")
        self.jump_error.setWordWrap(True)

        self.new_button = QPushButton("Nouveau rendez-vous", self)
        self.new_button.setToolTip("Nouveau rendez-vous au créneau choisi (Entrée sur un créneau libre)")
        self.new_button.clicked.connect(self.create_at_current)
        self.done_button, self.absent_button = record_buttons(self, self.mark_current)
        self.print_button = QPushButton("Imprimer…", self)
        self.print_button.setToolTip("PDF A4 de la semaine, avec initiales et n° de dossier seulement (Ctrl+P)")
        self.print_button.clicked.connect(self.print_week)

        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Semaine de rendez-vous")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.table.activated.connect(self.open_index)  # a double-click or Entrée (one signal: one window)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().currentChanged.connect(lambda *_: self._update_buttons())

        navigation = QHBoxLayout()
        navigation.addWidget(self.previous_button)
        navigation.addWidget(self.today_button)
        navigation.addWidget(self.next_button)
        navigation.addSpacing(12)
        navigation.addWidget(QLabel("Aller au\u00a0:", self))
        navigation.addWidget(self.jump)
        navigation.addWidget(self.jump_error, 1)
        navigation.addWidget(self.print_button)
        actions = QHBoxLayout()
        actions.addWidget(self.title)
        actions.addStretch(1)
        actions.addWidget(self.new_button)
        actions.addWidget(self.done_button)
        actions.addWidget(self.absent_button)
        layout = QVBoxLayout(self)
        layout.addLayout(navigation)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self._legend())

        for keys, slot in (
            ("Ctrl+PgUp", self.previous_button.click),
            ("Ctrl+PgDown", self.next_button.click),
            ("Ctrl+Shift+R", self.done_button.click),
            ("Ctrl+Shift+A", self.absent_button.click),
            ("Ctrl+P", self.print_button.click),
        ):
            QShortcut(QKeySequence(keys), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_buttons()

    def _legend(self) -> QLabel:
        chips = [
            f'<span style="background:{colour}; padding:2px 6px;">&nbsp;{kind.label}&nbsp;</span>'
            for kind, colour in KIND_COLOURS.items()
        ]
        chips.append(f'<span style="background:{ACTION_COLOUR};">&nbsp;◆ Action collective&nbsp;</span>')
        marks = "○ prévu · ✓ réalisé · ✗ absent · ⊘ annulé"
        label = QLabel(" ".join(chips) + f" &nbsp; {marks}", self)
        label.setWordWrap(True)
        label.setAccessibleName("Légende des couleurs et des marques")
        return label

    # --- session ------------------------------------------------------------------------------------

    def bind_events(self, events: SessionEvents) -> None:
        """Says its appointment writes on the hub; redraws after any other write and after a file is saved."""
        self.changed.connect(lambda: events.appointments_changed.emit(self))
        events.on_followup(self._written_elsewhere)
        events.participants_changed.connect(self._written_elsewhere)
        events.participant_saved.connect(self._participant_saved)

    def _written_elsewhere(self, source: object) -> None:
        if source is not self:
            self.refresh()

    def _participant_saved(self, _participant: object, _source: object) -> None:
        self.refresh()

    def discard_edits(self) -> None:
        """Nothing is typed on the week itself (its appointment dialog forgets its own typing)."""

    def set_session(self, session: Session | None) -> None:
        self.session = session
        if session is None:
            if self.dialog is not None:
                self.dialog.done(0)
                self.dialog = None
            self.model.clear()
            self.title.clear()
        else:
            self.monday = week_start(self._today())
            self.refresh()

    def refresh(self) -> None:
        if self.session is None:
            return
        current = self.table.currentIndex()
        appointments, actions = self.session.followup.week(self.monday, 7)
        self.model.set_week(self.monday, appointments, actions)
        for row in range(self.model.rowCount()):
            lines = max(1, self.model.max_lines(row))
            self.table.setRowHeight(row, self.table.fontMetrics().height() * lines + 8)
        self.title.setText(format_week(self.monday))
        if current.isValid() and current.column() < self.model.columnCount():
            self.table.setCurrentIndex(self.model.index(current.row(), current.column()))
        self._update_buttons()

    def go_to(self, day: date) -> None:
        self.monday = week_start(day)
        self.jump_error.clear()
        self.refresh()

    def _jump(self) -> None:
        try:
            day = self.jump.value()
        except DateError as error:
            self.jump_error.setText(str(error))
            return
        if day:
            self.go_to(day)

    def _jump_if_complete(self) -> None:
        if len(self.jump.text()) == 10:
            self._jump()

    # --- actions ------------------------------------------------------------------------------------

    def current_entries(self) -> list[Entry]:
        return self.model.entries_at(self.table.currentIndex())

    def _update_buttons(self) -> None:
        """« Réalisé » / « Absent » only for an appointment whose time has come; the tooltip says why not."""
        appointments = [e.appointment.appointment for e in self.current_entries() if e.appointment]
        refusals = [self._refusal(a) for a in appointments]
        recordable = any(r is None for r in refusals)
        why = next((r for r in refusals if r is not None), None) if appointments and not recordable else None
        enable_record_buttons((self.done_button, self.absent_button), recordable, why)
        self.new_button.setEnabled(self.session is not None)

    def _refusal(self, appointment: Appointment) -> str | None:
        """Why it cannot be noted « Réalisé » / « Absent » yet (the domain's rule, through the service)."""
        return self.session.followup.record_refusal(appointment) if self.session is not None else ""

    def open_index(self, index: QModelIndex) -> None:
        entries = self.model.entries_at(index)
        if not entries:
            self.create_at(index)
        elif len(entries) == 1:
            self.open_entry(entries[0])
        else:
            self._choose_entry(entries, self.table.viewport().mapToGlobal(self.table.visualRect(index).center()))

    def _choose_entry(self, entries: list[Entry], where: QPoint) -> None:
        menu = self._menu()
        for entry in entries:
            menu.addAction(entry.short_text(), partial(self.open_entry, entry))
        menu.popup(where)

    def open_entry(self, entry: Entry) -> None:
        if entry.action is not None:
            if entry.action.id is not None:
                self.action_requested.emit(entry.action.id)
            return
        if entry.appointment is not None and entry.appointment.appointment.id is not None:
            self.edit_appointment(entry.appointment.appointment.id)

    def create_at_current(self) -> None:
        index = self.table.currentIndex()
        self.create_at(index if index.isValid() else None)

    def create_at(self, index: QModelIndex | None, participant_id: int | None = None) -> None:
        if self.session is None:
            return
        start = self.model.moment_at(index) if index is not None and index.isValid() else None
        self._open_dialog(self.session.followup.new_draft(participant_id, start))

    def edit_appointment(self, appointment_id: int) -> None:
        if self.session is None:
            return
        try:
            view = self.session.followup.get(appointment_id)
        except IlotError as error:
            dialogs.show_error(self, error)
            self.refresh()
            return
        self._open_dialog(view.appointment)

    def _open_dialog(self, appointment: Appointment) -> None:
        if self.session is not None:
            self.open_appointment(appointment)

    def open_appointment(self, appointment: Appointment) -> AppointmentDialog:
        """The appointment's dialog (the one already open is brought forward). Only with a file open."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        if self.session is None:
            raise RuntimeError("an appointment dialog needs an open file")
        self.dialog = AppointmentDialog(self.session, appointment, self)
        self.dialog.saved.connect(self._after_write)
        self.dialog.deleted.connect(self._after_write)
        self.dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog.open()
        return self.dialog

    def _after_write(self, *args: object) -> None:
        saved = args[0] if args and isinstance(args[0], Appointment) else None
        if saved is not None and saved.start and week_start(saved.start.date()) != self.monday:
            self.monday = week_start(saved.start.date())
        self.refresh()
        if saved is not None and saved.id is not None:
            index = self.model.index_of_appointment(saved.id)
            if index.isValid():
                self.table.setCurrentIndex(index)
        self.changed.emit()

    def mark_current(self, status: AppointmentStatus) -> None:
        appointments = [e for e in self.current_entries() if e.appointment]
        if not appointments:
            return
        if status in (AppointmentStatus.DONE, AppointmentStatus.ABSENT):
            appointments = [
                e for e in appointments if e.appointment and self._refusal(e.appointment.appointment) is None
            ]
            if not appointments:
                return
        if len(appointments) > 1:
            menu = self._menu()
            for entry in appointments:
                menu.addAction(entry.short_text(), partial(self._mark, entry, status))
            menu.popup(self.table.viewport().mapToGlobal(self.table.visualRect(self.table.currentIndex()).center()))
            return
        self._mark(appointments[0], status)

    def _mark(self, entry: Entry, status: AppointmentStatus) -> None:
        if self.session is None or entry.appointment is None or entry.appointment.appointment.id is None:
            return
        appointment = entry.appointment.appointment
        assert appointment.id is not None  # read from the file
        try:
            others = self.session.followup.upcoming_in_series(appointment)
            if status is AppointmentStatus.CANCELLED and others:
                scope = ask_scope(self, "annuler", others)
                if scope is None:
                    return
                self.session.followup.cancel(appointment.id, scope)
            else:
                self.session.followup.set_status(appointment.id, status)
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self.refresh()
        self.changed.emit()

    def _menu(self) -> QMenu:
        """A menu that is deleted once closed: it lists names, which must not outlive a lock."""
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return menu

    def _context_menu(self, position: QPoint) -> None:
        index = self.table.indexAt(position)
        if not index.isValid():
            return
        self.table.setCurrentIndex(index)
        menu = self._menu()
        for entry in self.model.entries_at(index):
            self._add_entry_commands(menu, entry)
        menu.addAction("Nouveau rendez-vous à ce créneau", partial(self.create_at, index))
        menu.popup(self.table.viewport().mapToGlobal(position))

    def _add_entry_commands(self, menu: QMenu, entry: Entry) -> None:
        """An appointment: open it or mark it; an action: open it."""
        if entry.appointment:
            name = entry.appointment.display_name
            menu.addAction(f"Ouvrir : {name}", partial(self.open_entry, entry))
            refusal = self._refusal(entry.appointment.appointment)
            for status in (AppointmentStatus.DONE, AppointmentStatus.ABSENT):
                command = menu.addAction(f"{status.label} : {name}", partial(self._mark, entry, status))
                command.setEnabled(refusal is None)
                command.setToolTip(refusal or "")
            menu.setToolTipsVisible(True)
            menu.addAction(f"Annulé : {name}", partial(self._mark, entry, AppointmentStatus.CANCELLED))
            menu.addSeparator()
        elif entry.action is not None:
            menu.addAction(f"Ouvrir l'action : {entry.action.title}", partial(self.open_entry, entry))

    def print_week(self) -> None:
        if self.session is None:
            return
        target = dialogs.choose_save_path(
            self, "Imprimer la semaine", f"semaine-{self.monday:%Y-%m-%d}.pdf", "Document PDF (*.pdf)"
        )
        if target is None:
            return
        try:
            self.session.followup.write_week_sheet(target, self.monday)
        except IlotError as error:  # the safe writer's French reason (disk full, read-only, folder gone)
            dialogs.show_error(self, error)
            return
        except OSError:
            dialogs.show_error(
                self,
                IlotError(
                    "Le PDF n'a pas pu être enregistré à cet endroit (dossier en lecture seule ou disque plein)."
                ),
            )
            return
        dialogs.open_file(target)
