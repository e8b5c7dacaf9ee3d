"""Collective actions: the list and one action's details (who is registered: ``action_registrations``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.dates import DateError, format_date
from ilot_desktop.domain.vocabulary import ActionType
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.action_registrations import IdRole, RegistrationsBox, id_item
from ilot_desktop.ui.widgets import ChoiceCombo, DateEdit, ErrorLabel, add_form_row, moment_of, table_item

if TYPE_CHECKING:
    from ilot_desktop.ui.session_api import Session
    from ilot_desktop.ui.session_events import SessionEvents

_LIST_HEADERS = ("Date", "Réf.", "Type", "Intitulé", "Inscrits", "Présents")
_FIELDS = ("reference", "action_type", "title", "start", "duration_min", "place", "partner")
_TYPED = ("reference", "title", "date", "place", "partner")  # kept as typed in a draft at lock


class ActionsPage(QWidget):
    changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self.session: Session | None = None
        self.action: CollectiveAction | None = None

        self.new_button = QPushButton("Nouvelle action", self)
        self.new_button.clicked.connect(self.new_action)
        self.list = QTableWidget(0, len(_LIST_HEADERS), self)
        self.list.setHorizontalHeaderLabels(_LIST_HEADERS)
        self.list.setAccessibleName("Liste des actions collectives")
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.list.setColumnHidden(1, True)  # the reference is in the details; the title needs the room
        self.list.itemSelectionChanged.connect(self._selection_changed)

        # details
        self.reference = QLineEdit(self)
        self.reference.setAccessibleName("Référence de l'action")
        self.action_type = ChoiceCombo(ActionType, "Type d'action", parent=self)
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Intitulé")
        self.date = DateEdit("Date de l'action", self)
        self.time = QTimeEdit(self)
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Heure de début")
        self.duration = QSpinBox(self)
        self.duration.setRange(15, 720)
        self.duration.setSingleStep(30)
        self.duration.setSuffix(" min")
        self.duration.setAccessibleName("Durée en minutes")
        self.place = QLineEdit(self)
        self.place.setAccessibleName("Lieu")
        self.place.setMaxLength(200)
        self.partner = QLineEdit(self)
        self.partner.setAccessibleName("Partenaire")
        self.partner.setMaxLength(200)
        self.title.setMaxLength(200)
        self.reference.setMaxLength(30)
        self._dirty = False
        self._loading = False
        for signal in (
            self.reference.textEdited,
            self.title.textEdited,
            self.place.textEdited,
            self.partner.textEdited,
            self.date.changed,
            self.time.timeChanged,
            self.duration.valueChanged,
            self.action_type.activated,
        ):
            signal.connect(self._mark_dirty)
        self.errors = {name: ErrorLabel(self) for name in _FIELDS}
        self.save_button = QPushButton("Enregistrer l'action", self)
        self.save_button.setToolTip("Enregistrer l'action (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.delete_button = QPushButton("Supprimer", self)
        self.delete_button.clicked.connect(self.delete)
        self.state = QLabel(self)

        form = QFormLayout()
        self._row(form, "Référence *", self.reference, "reference")
        self._row(form, "Type *", self.action_type, "action_type")
        self._row(form, "Intitulé *", self.title, "title")
        when = QWidget(self)
        when_layout = QHBoxLayout(when)
        when_layout.setContentsMargins(0, 0, 0, 0)
        when_layout.addWidget(self.date)
        when_layout.addWidget(QLabel("à", self))
        when_layout.addWidget(self.time)
        when_layout.addStretch(1)
        self._row(form, "Date et heure *", when, "start", buddy=self.date.edit)
        self._row(form, "Durée", self.duration, "duration_min")
        self._row(form, "Lieu", self.place, "place")
        self._row(form, "Partenaire", self.partner, "partner")
        buttons = QHBoxLayout()
        buttons.addWidget(self.state)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.save_button)
        details = QGroupBox("L'action", self)
        details_layout = QVBoxLayout(details)
        details_layout.addLayout(form)
        details_layout.addLayout(buttons)

        self.people_box = RegistrationsBox(today, self)
        self.people_box.registrations_changed.connect(self._registrations_changed)
        self.people_box.attendance_changed.connect(self._attendance_changed)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(QLabel("Les plus récentes en haut\u00a0:", left))
        top.addStretch(1)
        top.addWidget(self.new_button)
        left_layout.addLayout(top)
        left_layout.addWidget(self.list)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(details)
        right_layout.addWidget(self.people_box, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([580, 460])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._show_action(None)

    def _row(
        self, form: QFormLayout, text: str, widget: QWidget, error: str | None = None, buddy: QWidget | None = None
    ) -> None:
        add_form_row(form, self, text, widget, self.errors[error] if error else None, buddy)

    def bind_events(self, events: SessionEvents) -> None:
        """Says its writes on the hub; redraws the people it offers after a file is saved, or many are."""
        self.changed.connect(lambda: events.actions_changed.emit(self))
        events.actions_changed.connect(self._written_elsewhere)
        events.participants_changed.connect(self._written_elsewhere)
        events.participant_saved.connect(self._participant_saved)

    def _written_elsewhere(self, source: object) -> None:
        if source is not self:
            self.refresh()

    def _participant_saved(self, _participant: object, _source: object) -> None:
        self.refresh()

    def discard_edits(self) -> None:
        """Forget the action being typed (kept as a draft at lock): nothing more is asked."""
        self._dirty = False

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self.list.setRowCount(0)
        self.people_box.set_session(session)
        self._show_action(None)
        if session is not None:
            self.refresh()

    def refresh(self, select_id: int | None = None) -> None:
        if self.session is None:
            return
        keep = select_id if select_id is not None else (self.action.id if self.action else None)
        self._refresh_list(keep)
        self.people_box.fill_people()
        if self._dirty:  # what is being typed stays; only the registrations are redrawn
            self.people_box.show_action(self.action)
        elif keep is not None:
            self.open_action(keep)

    def _refresh_list(self, keep: int | None = None) -> None:
        if self.session is None:
            return
        if keep is None and self.action is not None:
            keep = self.action.id
        self.list.blockSignals(True)
        self.list.setRowCount(0)
        for summary in self.session.actions.summaries():
            a = summary.action
            row = self.list.rowCount()
            self.list.insertRow(row)
            values = (
                format_date(a.start.date() if a.start else None),
                a.reference,
                a.action_type.label if a.action_type else "",
                a.title,
                str(summary.registered),
                str(summary.present),
            )
            for column, text in enumerate(values):
                self.list.setItem(row, column, id_item(text, a.id))
            if a.id == keep:
                self.list.selectRow(row)
        self.list.blockSignals(False)

    def _mark_dirty(self, *args: object) -> None:
        if self.action is not None and not self._loading:
            self._dirty = True
            self.state.setText("Modifications non enregistrées")
            self.state.setStyleSheet("color: #8a5a00;")

    def confirm_leave(self) -> bool:
        """True when the action shown may be left: saved, discarded, or nothing to save."""
        if not self._dirty:
            return True
        answer = dialogs.ask_unsaved(self, f"L'action « {self.title.text() or 'nouvelle'} »")
        if answer is dialogs.Answer.SAVE:
            return self.save()
        if answer is dialogs.Answer.DISCARD:
            self._dirty = False
            return True
        return False

    def _selection_changed(self) -> None:
        items = self.list.selectedItems()
        if not items:
            return
        action_id = items[0].data(IdRole)
        if self.action is not None and action_id == self.action.id:
            return
        if not self.confirm_leave():
            self._select_in_list(self.action.id if self.action else None)
            return
        self.open_action(action_id)

    def _select_in_list(self, action_id: int | None) -> None:
        self.list.blockSignals(True)
        self.list.clearSelection()
        for row in range(self.list.rowCount()):
            if table_item(self.list, row, 0).data(IdRole) == action_id:
                self.list.selectRow(row)
        self.list.blockSignals(False)

    def request_action(self, action_id: int) -> None:
        """Open an action asked for from elsewhere (the week, a timeline): unsaved edits are asked about."""
        if self.action is not None and self.action.id == action_id:
            return
        if self.confirm_leave():
            self.open_action(action_id)

    def open_action(self, action_id: int) -> None:
        if self.session is None:
            return
        try:
            action = self.session.actions.get(action_id)
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        for row in range(self.list.rowCount()):
            first = table_item(self.list, row, 0)
            if first.data(IdRole) == action_id and not first.isSelected():
                self.list.blockSignals(True)
                self.list.selectRow(row)
                self.list.blockSignals(False)
        self._show_action(action)

    def new_action(self) -> None:
        if self.session is None or not self.confirm_leave():
            return
        self.list.clearSelection()
        self._show_action(self.session.actions.new_draft())
        self.title.setFocus()

    def _show_action(self, action: CollectiveAction | None) -> None:
        self._loading = True
        try:
            self._fill_action(action)
        finally:
            self._loading = False
        self._dirty = False

    def _fill_action(self, action: CollectiveAction | None) -> None:
        self.action = action
        for label in self.errors.values():
            label.show_message(None)
        self.state.clear()
        enabled = action is not None
        for widget in (
            self.reference,
            self.action_type,
            self.title,
            self.date,
            self.time,
            self.duration,
            self.place,
            self.partner,
            self.save_button,
        ):
            widget.setEnabled(enabled)
        self.delete_button.setEnabled(action is not None and action.id is not None)
        if action is None:
            for line in (self.reference, self.title, self.place, self.partner):
                line.clear()
            self.date.set_value(None)
            self.action_type.set_value(None)
        else:
            self.reference.setText(action.reference)
            self.action_type.set_value(action.action_type)
            self.title.setText(action.title)
            self.date.set_value(action.start.date() if action.start else None)
            if action.start:
                self.time.setTime(QTime(action.start.hour, action.start.minute))
            self.duration.setValue(action.duration_min)
            self.place.setText(action.place)
            self.partner.setText(action.partner)
            for line in (self.reference, self.title, self.place, self.partner):
                line.setCursorPosition(0)  # a long title shows its beginning, not its end
        self.people_box.show_action(action)

    # --- drafts (lock) -------------------------------------------------------------------------------

    def unsaved_draft(self) -> dict[str, Any] | None:
        """What is typed, for the lock to keep encrypted; None when nothing is unsaved."""
        if not self._dirty or self.action is None:
            return None
        title = self.title.text().strip() or "sans intitulé"
        kind = self.action_type.value()
        return {
            "kind": "action",
            "label": f"Action collective «\u00a0{title}\u00a0»" + (" (nouvelle)" if self.action.id is None else ""),
            "id": self.action.id,
            "texts": {name: getattr(self, name).text() for name in _TYPED},
            "action_type": kind.value if kind else None,
            "time": self.time.time().toString("HH:mm"),
            "duration": self.duration.value(),
        }

    def restore_draft(self, draft: dict[str, Any]) -> bool:
        """Put a kept draft back on its action (or a new one), marked as not saved. False if the action is gone."""
        if self.session is None:
            return False
        if draft.get("id") is not None:
            try:
                self.session.actions.get(draft["id"])
            except IlotError:
                return False
            self.open_action(draft["id"])
        else:
            self.list.clearSelection()
            self._show_action(self.session.actions.new_draft())
        self._loading = True
        try:
            for name, text in draft["texts"].items():
                field = getattr(self, name)
                (field.edit if isinstance(field, DateEdit) else field).setText(text)
            self.action_type.set_value(ActionType(draft["action_type"]) if draft.get("action_type") else None)
            self.time.setTime(QTime.fromString(draft["time"], "HH:mm"))
            self.duration.setValue(int(draft["duration"]))
        finally:
            self._loading = False
        self._dirty = True
        self.state.setText("Brouillon retrouvé après le verrouillage\u00a0: pas encore enregistré.")
        self.state.setStyleSheet("color: #8a5a00; font-weight: 600;")
        return True

    # --- writing ------------------------------------------------------------------------------------

    def read(self, shown: CollectiveAction) -> tuple[CollectiveAction, dict[str, str]]:
        """``shown`` with what the fields hold, and the French message of each field that cannot be read."""
        problems: dict[str, str] = {}
        start = None
        try:
            start = moment_of(self.date, self.time)
        except DateError as error:
            problems["start"] = str(error)
        action = replace(
            shown,
            reference=self.reference.text(),
            action_type=self.action_type.value(),
            title=self.title.text(),
            start=start,
            duration_min=self.duration.value(),
            place=self.place.text(),
            partner=self.partner.text(),
        )
        return action, problems

    def save(self) -> bool:
        if self.action is None or self.session is None:
            return False
        action, problems = self.read(self.action)
        if not problems:
            try:
                saved = self.session.actions.save(action)
            except ValidationError as error:
                problems = error.errors
            except IlotError as error:
                dialogs.show_error(self, error)
                return False
        if problems:
            for name, label in self.errors.items():
                label.show_message(problems.get(name))
            self.state.setText("Action non enregistrée : voir les champs en rouge.")
            self.state.setStyleSheet("color: #b00020;")
            return False
        self._dirty = False
        self.refresh(select_id=saved.id)
        self.state.setText(f"✓ Enregistrée à {datetime.now():%H:%M}")
        self.state.setStyleSheet("color: #1b6e20; font-weight: 600;")
        self.changed.emit()
        return True

    def delete(self) -> None:
        if self.action is None or self.action.id is None or self.session is None:
            return
        if not dialogs.confirm(
            self,
            "Supprimer l'action",
            f"Supprimer l'action « {self.action.title} » ?",
            "Les inscriptions et présences notées seront supprimées aussi.",
            "Supprimer",
        ):
            return
        try:
            self.session.actions.delete(self.action.id)
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self.action = None
        self.refresh()
        self._show_action(None)
        self.changed.emit()

    def _registrations_changed(self) -> None:
        """Someone registered or withdrawn: the counts are redrawn; what is typed in the action's fields stays."""
        self._refresh_list()
        self.changed.emit()

    def _attendance_changed(self) -> None:
        """Noted from a row's own combo, still busy: the counts are redrawn once it is done."""
        QTimer.singleShot(0, self._refresh_list)
        self.changed.emit()
