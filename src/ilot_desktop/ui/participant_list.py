"""The participant list beside every tab: instant search, status filter, sortable columns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.participant import ParticipantSummary
from ilot_desktop.domain.vocabulary import CaseStatus, fold

SortRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2

COL_FILE, COL_NAME, COL_PHASE, COL_ENTRY, COL_STATUS = range(5)
_HEADERS = ("N° dossier", "Nom et prénom", "Phase", "Entrée", "Statut")

FILTERS = (("ongoing", "En cours"), ("ended", "Terminés"), ("all", "Tous"))


class ParticipantTableModel(QAbstractTableModel):
    def __init__(self, today: Callable[[], date], parent=None):
        super().__init__(parent)
        self._rows: list[ParticipantSummary] = []
        self._today = today

    def set_rows(self, rows: list[ParticipantSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, participant_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == participant_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        today = self._today()
        if role == SummaryRole:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column, today)
        if role == SortRole:
            if column == COL_ENTRY:
                return row.entry_date.isoformat() if row.entry_date else ""
            return fold(self._display(row, column, today))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{_HEADERS[column]} : {self._display(row, column, today)}"
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME:
            return self._display(row, column, today)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_PHASE and row.planned_release_date:
            return f"Libération prévue le {format_date(row.planned_release_date)}"
        return None

    @staticmethod
    def _display(row: ParticipantSummary, column: int, today: date) -> str:
        if column == COL_FILE:
            return row.file_number
        if column == COL_NAME:
            return f"{row.last_name.upper()} {row.first_name}"
        if column == COL_PHASE:  # for a closed file the phase no longer says anything
            return "—" if row.status(today) is CaseStatus.ENDED else row.phase(today).label
        if column == COL_ENTRY:
            return format_date(row.entry_date)
        return row.status(today).label


class ParticipantFilterProxy(QSortFilterProxyModel):
    """Search on name, first name and file number (accents and case ignored) plus a status filter."""

    def __init__(self, today: Callable[[], date], parent=None):
        super().__init__(parent)
        self._today = today
        self._words: list[str] = []
        self._status = "ongoing"
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_status(self, status: str) -> None:
        self.beginFilterChange()
        self._status = status
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        summary: ParticipantSummary = self.sourceModel().index(source_row, 0, source_parent).data(SummaryRole)
        if summary.anonymised and self._status != "all":  # statistics only: shown with "Tous"
            return False
        if self._status != "all":
            wanted = CaseStatus.ONGOING if self._status == "ongoing" else CaseStatus.ENDED
            if summary.status(self._today()) is not wanted:
                return False
        haystack = summary.search_text()
        return all(word in haystack for word in self._words)


class ParticipantListPanel(QWidget):
    """Emits ``participant_requested(id)`` when a row is chosen; ``new_requested`` for "Nouveau"."""

    participant_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ParticipantTableModel(today, self)
        self.proxy = ParticipantFilterProxy(today, self)
        self.proxy.setSourceModel(self.model)
        self._current_id: int | None = None
        self._reverting = False
        self.setMinimumWidth(340)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Rechercher : nom, prénom ou n° de dossier")
        self.search.setAccessibleName("Rechercher un participant")
        self.search.setToolTip("Flèche bas\u00a0: aller aux résultats, puis Entrée pour ouvrir le dossier choisi")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)  # Down: into the results
        self.filter = QComboBox(self)
        self.filter.setAccessibleName("Filtrer les dossiers par statut")
        for code, label in FILTERS:
            self.filter.addItem(label, code)
        self.filter.currentIndexChanged.connect(self._on_filter)
        self.new_button = QPushButton("Nouveau dossier", self)
        self.new_button.setToolTip("Créer un nouveau dossier (Ctrl+N)")
        self.new_button.setAccessibleName("Nouveau dossier")
        self.new_button.clicked.connect(self.new_requested)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Liste des participants")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        # Short columns fitted once per new list (``_fit_columns``), not by ResizeToContents: that mode asks
        # every row's text again at each layout of the window, some 15,000 calls with 2,000 files.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        self.table.setColumnHidden(COL_STATUS, True)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.table.installEventFilter(self)  # Enter: opens the selected row
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Nombre de dossiers affichés")
        self.proxy.rowsInserted.connect(self._update_count)
        self.proxy.rowsRemoved.connect(self._update_count)
        self.proxy.modelReset.connect(self._update_count)
        self.proxy.layoutChanged.connect(self._update_count)

        top = QHBoxLayout()
        top.addWidget(self.filter)
        top.addStretch(1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        self._update_count()

    def sizeHint(self) -> QSize:
        return QSize(430, 600)  # room for the file number, the full name, the phase and the entry date

    # --- public -----------------------------------------------------------------------------------

    def set_rows(self, rows: list[ParticipantSummary]) -> None:
        self.model.set_rows(rows)
        self._fit_columns()
        if self._current_id is not None:
            self.select(self._current_id, emit=False)

    def clear(self) -> None:
        self._current_id = None
        self.search.clear()
        self.model.set_rows([])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if watched is self.search and event.key() == Qt.Key.Key_Down:
                return self.focus_results()
            if watched is self.table and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._open_current()
                return True
            if watched is self.table and event.key() == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                self.search.setFocus(Qt.FocusReason.BacktabFocusReason)  # Up from the first row: back to the search
                return True
        return super().eventFilter(watched, event)

    def focus_results(self) -> bool:
        """From the search field (Down): the list takes the focus with its first row selected, not yet opened
        (Enter opens it; moving on in the list opens each row as before). False when nothing is found."""
        if not self.proxy.rowCount():
            return False
        first = self.proxy.index(0, COL_NAME)
        self._reverting = True  # selected only: another file may be open with unsaved typing
        try:
            self.table.setCurrentIndex(first)
        finally:
            self._reverting = False
        self.table.scrollTo(first)
        self.table.setFocus(Qt.FocusReason.TabFocusReason)
        return True

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def select(self, participant_id: int | None, emit: bool = True) -> None:
        """Highlight a participant (showing all files if the filter hid it)."""
        if not emit:
            self._current_id = participant_id
        self._reverting = not emit
        try:
            if participant_id is None:
                self.table.selectionModel().clearSelection()
                self.table.setCurrentIndex(QModelIndex())
                return
            row = self.model.row_of(participant_id)
            if row is None:
                return
            proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not proxy_index.isValid():
                self.search.clear()
                proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
            if not proxy_index.isValid():
                self.filter.setCurrentIndex(len(FILTERS) - 1)
                proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
            target = QPersistentModelIndex(proxy_index)
            self.table.setCurrentIndex(proxy_index)
            if target.isValid():
                self.table.scrollTo(self.proxy.index(target.row(), target.column()))
        finally:
            self._reverting = False

    def visible_count(self) -> int:
        return self.proxy.rowCount()

    def filter_code(self) -> str:
        return self.filter.currentData()

    def set_filter_code(self, code: str) -> None:
        index = self.filter.findData(code)
        self.filter.setCurrentIndex(index if index >= 0 else 0)

    # --- private ----------------------------------------------------------------------------------

    def _on_search(self, text: str) -> None:
        self.proxy.set_search(text)
        self._highlight_current()
        self._update_count()

    def _on_filter(self, _index: int) -> None:
        self.proxy.set_status(self.filter.currentData())
        self._fit_columns()
        self._highlight_current()
        self._update_count()

    def _fit_columns(self) -> None:
        for column in (COL_FILE, COL_PHASE, COL_ENTRY):
            self.table.resizeColumnToContents(column)

    def _highlight_current(self) -> None:
        """Keep the open file highlighted when it is (again) among the rows shown."""
        row = self.model.row_of(self._current_id) if self._current_id is not None else None
        if row is None:
            return
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        if proxy_index.isValid() and self.table.currentIndex().row() != proxy_index.row():
            self._reverting = True
            try:
                self.table.setCurrentIndex(proxy_index)
            finally:
                self._reverting = False

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._reverting or not current.isValid():
            return
        summary: ParticipantSummary = current.data(SummaryRole)
        if summary.id != self._current_id:
            self.participant_requested.emit(summary.id)

    def _open_current(self) -> None:
        """Enter in the list: the selected row opens (the one Down chose from the search field)."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        summary: ParticipantSummary = index.data(SummaryRole)
        if summary.id != self._current_id:
            self.participant_requested.emit(summary.id)

    def _update_count(self, *args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        word = "dossier" if shown <= 1 else "dossiers"
        self.count_label.setText(f"{shown} {word} affiché{'s' if shown > 1 else ''} sur {total}")
