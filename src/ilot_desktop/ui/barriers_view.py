"""The barriers checklist's view and delegates: the keyboard commands, the status editor, the cells' drafts."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ilot_desktop.domain.vocabulary import BarrierStatus
from ilot_desktop.ui.barriers_model import COL_ITEM, COL_STATUS, COL_TICK, BarrierChecklistModel, Row, RowRole
from ilot_desktop.ui.widgets import ChoiceCombo

STATUS_KEYS: dict[int, BarrierStatus] = {  # Qt.Key is an int: the key of a QKeyEvent finds it
    Qt.Key.Key_1: BarrierStatus.IDENTIFIED,
    Qt.Key.Key_2: BarrierStatus.IN_PROGRESS,
    Qt.Key.Key_3: BarrierStatus.ORIENTED,
    Qt.Key.Key_4: BarrierStatus.LIFTED,
}
COMMAND_COLUMNS = (COL_TICK, COL_ITEM, COL_STATUS)  # where Space and 1–4 are commands, not text

AnyIndex = QModelIndex | QPersistentModelIndex


class StatusDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:
        return ChoiceCombo(BarrierStatus, "Statut du frein", placeholder=None, parent=parent)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, ChoiceCombo):
            editor.set_value(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, ChoiceCombo):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)


class TextDelegate(QStyledItemDelegate):
    """Dates, partner and comment: a cell typed in before a lock opens again with that text, not saved yet.

    ``take_draft(row, column)`` gives that text once (then forgets it), or None.
    """

    def __init__(self, take_draft: Callable[[Row, int], str | None], parent: QObject | None = None):
        super().__init__(parent)
        self._take_draft = take_draft

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        row: Row | None = index.data(RowRole)
        if row is not None and isinstance(editor, QLineEdit):
            text = self._take_draft(row, index.column())
            if text is not None:
                editor.setText(text)
                return
        super().setEditorData(editor, index)


class ChecklistView(QTableView):
    """Space ticks, 1–4 set the status (and tick), Ctrl+↑/↓ jump between categories; in the text and date
    columns every key is typed. Tab leaves the table: the arrows move inside it. Entrée in a date, partner or
    comment cell saves it and goes back to the barrier's name, where Space and 1–4 work again."""

    status_key = Signal(object, object)  # row, status

    def checklist(self) -> BarrierChecklistModel:
        model = self.model()
        assert isinstance(model, BarrierChecklistModel), "the checklist view shows the checklist model"
        return model

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        editing = self.state() == QAbstractItemView.State.EditingState
        if (
            not editing
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up)
        ):
            self._jump_category(index, 1 if event.key() == Qt.Key.Key_Down else -1)
            return
        if not editing and self._command_key(index, event):
            return
        super().keyPressEvent(event)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        index = self.currentIndex()
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache and index.column() not in COMMAND_COLUMNS:
            # typed and Entrée: back on the row's name (the page saves after this, and keeps this column)
            self.setCurrentIndex(index.siblingAtColumn(COL_ITEM))
            self.setFocus(Qt.FocusReason.OtherFocusReason)

    def _command_key(self, index: QModelIndex, event: QKeyEvent) -> bool:
        """Space or 1–4 on a barrier's tick, name or status: done here, True. Anything else: False."""
        row: Row | None = index.data(RowRole) if index.isValid() else None
        plain = event.modifiers() == Qt.KeyboardModifier.NoModifier
        if row is None or row.is_heading or index.column() not in COMMAND_COLUMNS or not plain:
            return False
        if event.key() == Qt.Key.Key_Space:
            model = self.checklist()
            tick = model.index(index.row(), COL_TICK)
            checked = tick.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            model.setData(
                tick, Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
            )
            return True
        status = STATUS_KEYS.get(event.key())
        if status is not None:
            self.status_key.emit(row, status)
            return True
        return False

    def _jump_category(self, index: QModelIndex, step: int) -> None:
        model = self.checklist()
        rows = model.rows
        start = index.row() if index.isValid() else -1
        position = start + step
        while 0 <= position < len(rows):
            if rows[position].is_heading and not self.isRowHidden(position):
                target = position + 1 if position + 1 < len(rows) else position
                self.setCurrentIndex(model.index(target, max(index.column(), COL_ITEM)))
                self.scrollTo(model.index(position, 0), QAbstractItemView.ScrollHint.PositionAtTop)
                return
            position += step
