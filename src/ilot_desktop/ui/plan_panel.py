"""The shared action plan: quick to fill during a meeting, printed for the person to keep."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.action_plan import Task, is_overdue
from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.dates import DateError, format_date
from ilot_desktop.domain.vocabulary import BarrierStatus, TaskOwner, TaskStatus
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.widgets import CellChoiceCombo, ChoiceCombo, DateEdit, ErrorLabel, read_only_item, table_item

if TYPE_CHECKING:
    from ilot_desktop.domain.participant import Participant
    from ilot_desktop.ui.contact_dialog import ContactDialog
    from ilot_desktop.ui.plan_late_tasks import LateTasksDialog
    from ilot_desktop.ui.plan_preview import PlanPreviewDialog
    from ilot_desktop.ui.session_api import Session
    from ilot_desktop.ui.session_events import SessionEvents

IdRole = Qt.ItemDataRole.UserRole + 60
_HEADERS = ("Tâche", "Qui", "Pour le", "Statut", "Frein lié")


def _item(text: str, data: object = None) -> QTableWidgetItem:
    return read_only_item(text, data, IdRole)


class PlanPanel(QGroupBox):
    changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__("Plan d'action partagé", parent)
        self._today = today
        self.session: Session | None = None
        self.participant: Participant | None = None
        self.preview: PlanPreviewDialog | None = None
        # asked before the preview: « Mes coordonnées » while the phone or address is missing, then the late tasks
        self.contact_dialog: ContactDialog | None = None
        self.late_dialog: LateTasksDialog | None = None

        self.description = QLineEdit(self)
        self.description.setPlaceholderText("Nouvelle tâche : tapez ou choisissez une suggestion, puis Entrée")
        self.description.setAccessibleName("Nouvelle tâche")
        self.description.returnPressed.connect(self._return_in_description)
        self._suggestions = QStringListModel(self)
        self.completer = QCompleter(self._suggestions, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.activated.connect(self._suggestion_chosen)
        self.description.setCompleter(self.completer)
        popup = self.completer.popup()
        if popup is not None:
            popup.setMinimumWidth(460)  # suggestions are read whole, not cut at the field's width
        self._just_completed = False
        self.owner = ChoiceCombo(TaskOwner, "Qui fait la tâche", placeholder=None, parent=self)
        self.due = DateEdit("Pour le", self)
        self.due.edit.returnPressed.connect(self.add_task)
        self.barrier = QComboBox(self)
        self.barrier.setAccessibleName("Frein lié à la tâche")
        self.barrier.setMinimumContentsLength(14)  # "Sans frein lié" whole; long barrier names elide
        self.barrier.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._barrier_ids: list[int | None] = [None]
        self.add_button = QPushButton("Ajouter la tâche", self)
        self.add_button.clicked.connect(self.add_task)
        self.error = ErrorLabel(self)  # takes no room until there is something to say
        self.draft_note = QLabel(self)  # a task put back after a lock; no room otherwise
        self.draft_note.setWordWrap(True)
        self.draft_note.setStyleSheet("color: #8a5a00; font-weight: 600;")
        self.draft_note.hide()

        self.table = QTableWidget(0, len(_HEADERS), self)
        self.table.setHorizontalHeaderLabels(_HEADERS)
        self.table.setAccessibleName("Tâches du plan d'action")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 150), (2, 150), (3, 105), (4, 140)):
            self.table.setColumnWidth(column, width)
        self.table.setWordWrap(False)
        self.delete_button = QPushButton("Supprimer la tâche", self)
        self.delete_button.clicked.connect(self.delete_current)
        self.print_button = QPushButton("A&perçu et impression du plan…", self)
        self.print_button.setToolTip("Le plan à remettre à la personne : prochain rendez-vous et tâches partagées")
        self.print_button.clicked.connect(self.open_preview)

        # the task on a line of its own, whole; who, when and which barrier under it
        adder = QHBoxLayout()
        adder.addWidget(self.owner)
        adder.addWidget(QLabel("pour le", self))
        adder.addWidget(self.due)
        adder.addWidget(self.barrier, 1)
        adder.addWidget(self.add_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.description)
        layout.addLayout(adder)
        layout.addWidget(self.error)
        layout.addWidget(self.draft_note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self._set_enabled(False)
        # on the whole "Freins et plan d'action" tab: Ctrl+T a new task, Ctrl+P the printed plan
        for keys, slot in (("Ctrl+T", self.focus_new_task), ("Ctrl+P", self.open_preview)):
            QShortcut(QKeySequence(keys), parent or self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def focus_new_task(self) -> None:
        self.description.setFocus()
        self.description.selectAll()

    def bind_events(self, events: SessionEvents) -> None:
        """Says its task writes on the hub; redraws after a follow-up write elsewhere (an appointment, an
        action, a result: a task may be late now); after a barrier write, only the « Frein lié » choices and the
        suggestions (the tasks and what is being typed stay)."""
        self.changed.connect(lambda: events.plan_changed.emit(self))
        events.on_followup(self._written_elsewhere, barriers=False)
        events.barriers_changed.connect(self._barriers_written)

    def _barriers_written(self, _source: object) -> None:
        """A barrier ticked, lifted or removed above: the « Frein lié » choices and the suggestions follow at once
        (the tasks and what is being typed stay as they are)."""
        session, participant = self.session, self.participant
        if session is None or participant is None or participant.id is None:
            return
        index = self.barrier.currentIndex()
        chosen = self._barrier_ids[index] if 0 <= index < len(self._barrier_ids) else None
        self._fill_barrier_choices(session.barriers.for_participant(participant.id))
        if chosen in self._barrier_ids:
            self.barrier.setCurrentIndex(self._barrier_ids.index(chosen))
        self._suggestions.setStringList(session.plan.suggestions(participant.id))

    def _written_elsewhere(self, source: object) -> None:
        if source is not self:
            self.refresh()

    def discard_edits(self) -> None:
        """Nothing to forget beyond what clearing the panel does (the task being typed is kept as a draft at
        lock and cleared with the panel)."""

    def set_session(self, session: Session | None) -> None:
        self.session = session
        if session is None:
            self._clear_draft()
            for name in ("preview", "contact_dialog", "late_dialog"):
                dialog = getattr(self, name)
                if dialog is not None:
                    dialog.blockSignals(True)  # nothing opens after it at lock
                    dialog.done(0)
                    setattr(self, name, None)
            self.show_participant(None)

    def show_participant(self, participant: Participant | None) -> None:
        if participant is None or self.participant is None or participant.id != self.participant.id:
            self._clear_draft()  # a half-typed task never follows the caseworker to another person
        self.participant = participant
        self.refresh()

    def _clear_draft(self) -> None:
        self.description.clear()
        self.due.set_value(None)
        self.owner.set_value(TaskOwner.PERSON)
        self.error.show_message(None)
        self.draft_note.hide()

    def unsaved_draft(self) -> dict[str, Any] | None:
        """A task typed but not added yet, for the lock to keep encrypted; None when there is none."""
        if self.participant is None or not self.description.text().strip():
            return None
        index = self.barrier.currentIndex()
        return {
            "kind": "task",
            "label": f"Tâche «\u00a0{self.description.text().strip()}\u00a0» du plan d'action de "
            f"{self.participant.file_number} (pas encore ajoutée)",
            "participant_id": self.participant.id,
            "description": self.description.text(),
            "owner": self.owner.code(),
            "due": self.due.text(),
            "barrier_id": self._barrier_ids[index] if 0 <= index < len(self._barrier_ids) else None,
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Put a kept task back in the fields (the participant shown first), marked as not added."""
        self.description.setText(draft.get("description") or "")
        self.description.setCursorPosition(0)
        if draft.get("owner"):
            self.owner.set_value(TaskOwner(draft["owner"]))
        self.due.edit.setText(draft.get("due") or "")
        if draft.get("barrier_id") in self._barrier_ids:
            self.barrier.setCurrentIndex(self._barrier_ids.index(draft["barrier_id"]))
        self.draft_note.setText(
            "Tâche retrouvée après le verrouillage\u00a0: pas encore ajoutée au plan (Entrée ou «\u00a0Ajouter la "
            "tâche\u00a0»)."
        )
        self.draft_note.show()

    def _suggestion_chosen(self, text: str) -> None:
        """A suggestion fills the field; the Entrée that chose it does not add the task yet."""
        self.description.setText(text)
        self._just_completed = True
        QTimer.singleShot(0, lambda: setattr(self, "_just_completed", False))

    def _return_in_description(self) -> None:
        # Qt hands the Entrée that picks a suggestion to the field *before* the completer fills it in:
        # with a suggestion highlighted in the open list, that Entrée only chooses it. With none
        # highlighted, it adds what was typed.
        popup = self.completer.popup()
        choosing = popup is not None and popup.isVisible() and popup.currentIndex().isValid()
        if self._just_completed or choosing:
            self._just_completed = False
            return
        self.add_task()

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (
            self.description,
            self.owner,
            self.due,
            self.barrier,
            self.add_button,
            self.table,
            self.delete_button,
            self.print_button,
        ):
            widget.setEnabled(enabled)

    def refresh(self) -> None:
        self.table.setRowCount(0)
        self.error.show_message(None)
        session, participant = self.session, self.participant
        if session is None or participant is None or participant.id is None:
            self._set_enabled(False)
            self.barrier.clear()
            self._barrier_ids = [None]
            self._suggestions.setStringList([])
            return
        self._set_enabled(True)
        barriers = {b.id: b for b in session.barriers.for_participant(participant.id)}
        self._fill_barrier_choices(list(barriers.values()))
        self._suggestions.setStringList(session.plan.suggestions(participant.id))
        today = self._today()
        for task in session.plan.tasks(participant.id):
            linked = barriers.get(task.barrier_id) if task.barrier_id is not None else None
            self._add_row(task, linked.item if linked else "", is_overdue(task, today))

    def _fill_barrier_choices(self, barriers: list[Barrier]) -> None:
        """The barriers a new task may be linked to: those not lifted."""
        self.barrier.clear()
        self.barrier.addItem("Sans frein lié")
        self._barrier_ids = [None]
        for b in barriers:
            if b.status is not BarrierStatus.LIFTED and b.category is not None:
                self.barrier.addItem(f"{b.category.label} : {b.item}")
                self._barrier_ids.append(b.id)

    def _add_row(self, task: Task, barrier_item: str, late: bool) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        due = format_date(task.due_date) + (" (en retard)" if late else "")
        values = (task.description, task.owner.label, due, None, barrier_item)
        for column, text in enumerate(values):
            if text is not None:
                item = _item(text, task.id)
                if late and column == 2:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(row, column, item)
        status = CellChoiceCombo(
            TaskStatus, f"Statut de la tâche {task.description}", placeholder=None, parent=self.table
        )
        status.set_value(task.status)
        status.activated.connect(partial(self._status_chosen, task.id, status))
        self.table.setCellWidget(row, 3, status)
        self.table.setItem(row, 3, _item(task.status.label, task.id))

    def _status_chosen(self, task_id: int | None, combo: ChoiceCombo[TaskStatus], _index: int) -> None:
        """A status chosen in a row's own combo (``activated``: a person's choice, never the wheel)."""
        status = combo.value()
        if task_id is not None and status is not None:
            self.set_status(task_id, status)

    def add_task(self) -> None:
        if self.session is None or self.participant is None:
            return
        try:
            due = self.due.value()
        except DateError as error:
            self.error.show_message(str(error))
            return
        index = self.barrier.currentIndex()
        task = Task(
            participant_id=self.participant.id,
            description=self.description.text(),
            owner=self.owner.value() or TaskOwner.PERSON,  # no "not chosen" entry: never None
            due_date=due,
            barrier_id=self._barrier_ids[index] if 0 <= index < len(self._barrier_ids) else None,
        )
        try:
            self.session.plan.save(task)
        except ValidationError as error:
            self.error.show_message(" ".join(error.errors.values()))
            return
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self.description.clear()
        self.due.set_value(None)
        self.draft_note.hide()
        self.refresh()
        self.description.setFocus()
        self.changed.emit()

    def set_status(self, task_id: int, status: TaskStatus) -> None:
        """Called from the row's own combo: everything is redrawn once the combo's signal is over."""
        if self.session is None:
            return
        try:
            self.session.plan.set_status(task_id, status)
        except IlotError as error:
            dialogs.show_error(self, error)
        QTimer.singleShot(0, self._after_status_change)

    def _after_status_change(self) -> None:
        self.refresh()
        self.changed.emit()

    def current_task_id(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return item.data(IdRole) if item else None

    def delete_current(self) -> None:
        task_id = self.current_task_id()
        if self.session is None:
            return
        if task_id is None:
            self.error.show_message("Choisissez d'abord la tâche à supprimer dans la liste.")
            return
        description = table_item(self.table, self.table.currentRow(), 0).text()
        if not dialogs.confirm(
            self,
            "Supprimer la tâche",
            f"Supprimer « {description} » ?",
            "Pour une tâche qui ne se fera pas, le statut « Abandonné » garde une trace.",
            "Supprimer",
        ):
            return
        self.session.plan.delete(task_id)
        self.refresh()
        self.changed.emit()

    def open_preview(self) -> None:
        """The printed plan, after what it needs: « Mes coordonnées » (asked once, while the phone or the office's
        address is missing) and a new date for each late task (or « Date à refixer ensemble »)."""
        from ilot_desktop.ui.contact_dialog import ContactDialog
        from ilot_desktop.ui.plan_late_tasks import LateTasksDialog

        session, participant = self.session, self.participant
        if session is None or participant is None or participant.id is None:
            return
        self.error.show_message(None)
        try:
            missing = session.plan.contact_missing()
            tasks = [] if missing else session.plan.tasks(participant.id, include_closed=False)
            late = [t for t in tasks if is_overdue(t, self._today())]
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        if missing:
            self.contact_dialog = ContactDialog(session, self, asking=True)
            self.contact_dialog.finished.connect(self._contact_answered)
            self.contact_dialog.open()
        elif late:
            self.late_dialog = LateTasksDialog(late, session.plan, self._today, self)
            self.late_dialog.finished.connect(self._late_answered)
            self.late_dialog.open()
        else:
            self._show_preview()

    def _contact_answered(self, result: int) -> None:
        self.contact_dialog = None
        if result == QDialog.DialogCode.Accepted:
            self.open_preview()
        else:
            self.error.show_message(
                "Le plan n'est pas ouvert\u00a0: il doit dire à la personne comment vous joindre (votre téléphone "
                "et l'adresse du bureau)."
            )

    def _late_answered(self, result: int) -> None:
        dialog, self.late_dialog = self.late_dialog, None
        if result != QDialog.DialogCode.Accepted:
            return
        if dialog is not None and dialog.rescheduled:
            self.refresh()
            self.changed.emit()
        self._show_preview()

    def _show_preview(self) -> None:
        from ilot_desktop.ui.plan_preview import PlanPreviewDialog

        if self.session is None or self.participant is None or self.participant.id is None:
            return
        try:
            document = self.session.plan.document(self.participant.id)
            participant_id = self.participant.id
            self.preview = PlanPreviewDialog(document, self.session.plan, participant_id, self)
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self.preview.finished.connect(lambda _r: setattr(self, "preview", None))
        self.preview.open()
