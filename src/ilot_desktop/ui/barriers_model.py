"""The barriers checklist: every category with its common items, ticked when they concern the person."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from ilot_desktop.domain.barriers import Barrier
from ilot_desktop.domain.dates import DateError, format_date, parse_date
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus
from ilot_desktop.errors import ValidationError

COL_TICK, COL_ITEM, COL_STATUS, COL_IDENTIFIED, COL_LIFTED, COL_PARTNER, COL_COMMENT = range(7)
_HEADERS = ("", "Frein", "Statut", "Identifié le", "Levé le", "Partenaire", "Commentaire")
EDITABLE = (COL_STATUS, COL_IDENTIFIED, COL_LIFTED, COL_PARTNER, COL_COMMENT)
STATUS_COLOURS = {
    BarrierStatus.IDENTIFIED: "#fdebd0",
    BarrierStatus.IN_PROGRESS: "#d6eaf8",
    BarrierStatus.ORIENTED: "#e8e1f5",
    BarrierStatus.LIFTED: "#e8f6e9",
}
RowRole = Qt.ItemDataRole.UserRole + 50


@dataclass(frozen=True)
class Row:
    category: BarrierCategory
    item: str | None = None  # None: the category's heading row
    barrier: Barrier | None = None  # the recorded barrier, when ticked

    @property
    def is_heading(self) -> bool:
        return self.item is None


class BarrierChecklistModel(QAbstractTableModel):
    """Edits are not applied here: ``edit_requested(row, column, value)`` asks the page to save."""

    edit_requested = Signal(object, int, object)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.rows: list[Row] = []

    def set_barriers(self, catalogue: Mapping[BarrierCategory, Iterable[str]], barriers: list[Barrier]) -> None:
        by_key = {(b.category, b.item): b for b in barriers}
        rows: list[Row] = []
        for category in BarrierCategory:
            rows.append(Row(category))
            items = list(catalogue.get(category, ()))
            items += sorted(b.item for b in barriers if b.category is category and b.item not in items)
            rows.extend(Row(category, item, by_key.get((category, item))) for item in items)
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.rows = []
        self.endResetModel()

    def row_of(self, category: BarrierCategory, item: str | None) -> int | None:
        """The row of a barrier (``item`` None: the category's heading), None when not listed."""
        return next((i for i, r in enumerate(self.rows) if r.category is category and r.item == item), None)

    def active_count(self, category: BarrierCategory) -> int:
        return sum(
            1
            for r in self.rows
            if r.category is category and r.barrier is not None and r.barrier.status is not BarrierStatus.LIFTED
        )

    # --- Qt -----------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole and section == COL_TICK:
            return "Coché : ce frein concerne la personne"
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = self.rows[index.row()]
        if row.is_heading:
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == COL_TICK:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() in EDITABLE and row.barrier is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == RowRole:
            return row
        if row.is_heading:
            return self._heading_data(row, column, role)
        b = row.barrier
        if role == Qt.ItemDataRole.CheckStateRole and column == COL_TICK:
            return Qt.CheckState.Checked if b is not None else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(row, column, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.BackgroundRole and b is not None and column == COL_STATUS:
            return QColor(STATUS_COLOURS[b.status])
        if role == Qt.ItemDataRole.ForegroundRole and b is None and column == COL_ITEM:
            return QColor("#555555")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if b is None:
                return f"{row.category.label}, {row.item} : non concerné"
            lifted = f", levé le {format_date(b.lifted_on)}" if b.lifted_on else ""
            partner = f", partenaire {b.partner}" if b.partner else ""
            return (
                f"{row.category.label}, {row.item} : {b.status.label}, identifié le "
                f"{format_date(b.identified_on)}{lifted}{partner}"
            )
        if role == Qt.ItemDataRole.ToolTipRole and b is not None and column == COL_COMMENT and b.comment:
            return b.comment
        return None

    def _heading_data(self, row: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == COL_ITEM:
            count = self.active_count(row.category)
            return f"{row.category.label}" + (f" ({count} à lever)" if count else "")
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor("#eef1f5")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Catégorie {row.category.label}"
        return None

    @staticmethod
    def _text(row: Row, column: int, editing: bool) -> str | BarrierStatus | None:
        b = row.barrier
        if column == COL_ITEM:
            return row.item
        if b is None:
            return None
        if column == COL_STATUS:
            return b.status if editing else b.status.label
        if column == COL_IDENTIFIED:
            return format_date(b.identified_on)
        if column == COL_LIFTED:
            return format_date(b.lifted_on)
        if column == COL_PARTNER:
            return b.partner
        if column == COL_COMMENT:
            return b.comment
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or self.rows[index.row()].is_heading:
            return False
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == COL_TICK:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            self.edit_requested.emit(row, COL_TICK, checked)
            return True
        if role == Qt.ItemDataRole.EditRole and index.column() in EDITABLE and row.barrier is not None:
            self.edit_requested.emit(row, index.column(), value)
            return True
        return False


_FIELD_OF_COLUMN = {
    COL_IDENTIFIED: "identified_on",
    COL_LIFTED: "lifted_on",
    COL_PARTNER: "partner",
    COL_COMMENT: "comment",
    COL_STATUS: "status",
}


def with_cell(barrier: Barrier, column: int, text: str) -> Barrier:
    """The barrier with a date, partner or comment cell as typed; a date that cannot be read is refused."""
    if column == COL_PARTNER:
        return replace(barrier, partner=text)
    if column == COL_COMMENT:
        return replace(barrier, comment=text)
    name = _FIELD_OF_COLUMN[column]
    try:
        day = parse_date(text)
    except DateError as error:
        raise ValidationError({name: f"« {text} » : {error}"}) from None
    return replace(barrier, identified_on=day) if column == COL_IDENTIFIED else replace(barrier, lifted_on=day)
