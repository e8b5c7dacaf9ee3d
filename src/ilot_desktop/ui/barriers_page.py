"""The "Freins et plan d'action" tab: run through the barriers with the keyboard, then share the tasks."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.barriers import CATALOGUE, Barrier, BarrierEvent
from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.vocabulary import BarrierCategory, BarrierStatus
from ilot_desktop.errors import IlotError, ValidationError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.barriers_model import (
    COL_COMMENT,
    COL_IDENTIFIED,
    COL_ITEM,
    COL_LIFTED,
    COL_PARTNER,
    COL_STATUS,
    COL_TICK,
    BarrierChecklistModel,
    Row,
    RowRole,
    with_cell,
)
from ilot_desktop.ui.barriers_view import ChecklistView, StatusDelegate, TextDelegate
from ilot_desktop.ui.nobody_chosen import NobodyChosen
from ilot_desktop.ui.plan_panel import PlanPanel
from ilot_desktop.ui.widgets import ChoiceCombo, wrapping_label

if TYPE_CHECKING:
    from ilot_desktop.domain.participant import Participant
    from ilot_desktop.ui.session_api import Session
    from ilot_desktop.ui.session_events import SessionEvents

_Key = tuple[BarrierCategory, "str | None"]  # a checklist row found again by name: (category, item)
_CellText = tuple[BarrierCategory, "str | None", int, str]  # (category, item, column, text) typed in a cell
_TEXT_COLUMNS = (COL_IDENTIFIED, COL_LIFTED, COL_PARTNER, COL_COMMENT)
_COLUMN_NAMES = {
    COL_IDENTIFIED: "Date d'identification",
    COL_LIFTED: "Date de levée",
    COL_PARTNER: "Partenaire",
    COL_COMMENT: "Commentaire",
}


NOBODY = (
    "Choisissez une personne dans la liste, à gauche, pour noter ses freins et partager son plan d'action.\n"
    "Pour une nouvelle personne, enregistrez d'abord sa fiche."
)


class BarriersPage(QWidget):
    changed = Signal()
    list_requested = Signal()  # « Aller à la liste des personnes », while nobody is chosen

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._today = today
        self.session: Session | None = None
        self.participant: Participant | None = None
        self._barriers: list[Barrier] = []
        self._histories: dict[int, list[BarrierEvent]] = {}
        self._pending_orientation: _Key | None = None
        self._cell_draft: _CellText | None = None  # typed before a lock

        self.heading = wrapping_label(QLabel(self))  # a long name wraps: it never widens the window
        self.heading.setStyleSheet("font-size: 16px; font-weight: 600;")
        self.constraints = QLabel(self)
        self.constraints.setWordWrap(True)
        self.constraints.setAccessibleName("Contraintes pour l'orientation")
        self.constraints.setStyleSheet("background: #fff8e1; border: 1px solid #f0d58a; padding: 6px;")
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("État de l'enregistrement des freins")

        self.model = BarrierChecklistModel(self)
        self.model.edit_requested.connect(self._queue_edit, Qt.ConnectionType.QueuedConnection)
        self.table = ChecklistView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Liste des freins")
        self.table.setItemDelegateForColumn(COL_STATUS, StatusDelegate(self.table))
        for column in (COL_IDENTIFIED, COL_LIFTED, COL_PARTNER, COL_COMMENT):
            self.table.setItemDelegateForColumn(column, TextDelegate(self._take_cell_draft, self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TICK, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PARTNER, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_COMMENT, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_ITEM, 230), (COL_STATUS, 175), (COL_IDENTIFIED, 92), (COL_LIFTED, 92)):
            self.table.setColumnWidth(column, width)
        self.table.setTabKeyNavigation(False)
        self.table.status_key.connect(self._set_status)
        self.table.selectionModel().currentChanged.connect(self._show_history)
        hint = QLabel(
            "Clavier\u00a0: flèches pour se déplacer, Ctrl+↑/↓ d'une catégorie à l'autre · Espace coche ou décoche · "
            "1 Identifié · 2 En cours · 3 Orienté vers un partenaire · 4 Levé (cochent aussi le frein) · dans les "
            "colonnes de dates, de partenaire et de commentaire, tapez directement (Entrée enregistre et revient au "
            "frein) · Tab pour passer au plan",
            self,
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")

        self.only_ticked = QCheckBox("Freins cochés seulement", self)
        self.only_ticked.setToolTip("Masquer les cas non cochés (Ctrl+Maj+F)")
        self.only_ticked.toggled.connect(self._apply_filter)
        QShortcut(
            QKeySequence("Ctrl+Shift+F"),
            self,
            self.only_ticked.toggle,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        self.history = QListWidget(self)
        self.history.setAccessibleName("Historique du frein choisi")
        self.add_category = ChoiceCombo(
            BarrierCategory, "Catégorie du frein à ajouter", placeholder="Catégorie…", parent=self
        )
        self.add_item = QLineEdit(self)
        self.add_item.setPlaceholderText("Autre frein (par exemple : dette de cantine)")
        self.add_item.setAccessibleName("Autre frein à ajouter")
        self.add_item.returnPressed.connect(self.add_custom)
        self.add_button = QPushButton("Ajouter", self)
        self.add_button.clicked.connect(self.add_custom)

        self.history.setFlow(QListWidget.Flow.LeftToRight)
        self.history.setWrapping(True)
        self.history.setSpacing(4)
        self.history.setFixedHeight(self.fontMetrics().height() * 2 + 16)
        history_row = QHBoxLayout()
        history_row.addWidget(QLabel("Historique du frein choisi\u00a0:", self))
        history_row.addWidget(self.history, 1)
        top = QWidget(self)
        checklist_layout = QVBoxLayout(top)
        checklist_layout.setContentsMargins(0, 0, 0, 0)
        checklist_layout.addWidget(self.only_ticked)
        checklist_layout.addWidget(self.table, 1)
        checklist_layout.addLayout(history_row)
        adder = QHBoxLayout()
        adder.addWidget(self.add_category)
        adder.addWidget(self.add_item, 1)
        adder.addWidget(self.add_button)
        checklist_layout.addLayout(adder)
        checklist_layout.addWidget(hint)

        self.plan = PlanPanel(today, self)
        vertical = QSplitter(Qt.Orientation.Vertical, self)
        vertical.addWidget(top)
        vertical.addWidget(self.plan)
        vertical.setStretchFactor(0, 3)
        vertical.setStretchFactor(1, 2)
        self.content = QWidget(self)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.constraints)
        layout.addWidget(self.message)
        layout.addWidget(vertical, 1)
        self.nobody = NobodyChosen(NOBODY, self)  # in place of an empty checklist
        self.nobody_text, self.to_list_button = self.nobody.text, self.nobody.button
        self.nobody.list_requested.connect(self.list_requested)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.nobody)
        self.stack.addWidget(self.content)
        QVBoxLayout(self).addWidget(self.stack)
        self._set_enabled(False)

    # --- session and participant -------------------------------------------------------------------

    def bind_events(self, events: SessionEvents) -> None:
        """Says its barrier writes on the hub (the plan below says its own); shows the person the window
        shows, again after the file is saved."""
        self.changed.connect(lambda: events.barriers_changed.emit(self))
        self.plan.bind_events(events)
        events.participant_shown.connect(self.show_participant)
        events.participant_saved.connect(self._participant_saved)

    def _participant_saved(self, participant: Participant, _source: object) -> None:
        self.show_participant(participant)

    def discard_edits(self) -> None:
        """Nothing to forget beyond what clearing the page does (the barrier being added, the plan's task are
        kept as drafts at lock and cleared with the page)."""
        self.plan.discard_edits()

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self.plan.set_session(session)
        if session is None:
            self.show_participant(None)

    def show_participant(self, participant: Participant | None) -> None:
        self.participant = participant if participant is not None and participant.id is not None else None
        self._cell_draft = None
        self.add_item.clear()
        self.plan.show_participant(self.participant)
        self.refresh()

    # --- drafts (lock) -------------------------------------------------------------------------------

    def _open_cell_text(self) -> _CellText | None:
        """The text typed in a date, partner or comment cell whose editor is still open (not saved yet)."""
        index = self.table.currentIndex()
        if self.table.state() != QAbstractItemView.State.EditingState or index.column() not in _TEXT_COLUMNS:
            return None
        row: Row | None = index.data(RowRole)
        editors = [e for e in self.table.viewport().findChildren(QLineEdit) if not e.isHidden()]
        if row is None or row.barrier is None or not editors:
            return None
        text = editors[-1].text()
        stored = index.data(Qt.ItemDataRole.EditRole)
        if text.strip() == str(stored or "").strip():
            return None
        return row.category, row.item, index.column(), text

    def _take_cell_draft(self, row: Row, column: int) -> str | None:
        """The text typed in this cell before a lock, given once to its editor opened again; else None."""
        pending = self._cell_draft
        if pending is None or pending[:3] != (row.category, row.item, column):
            return None
        self._cell_draft = None
        return pending[3]

    def unsaved_draft(self) -> dict[str, Any] | None:
        """A barrier being added or a cell being typed in, for the lock to keep encrypted; else None."""
        if self.participant is None:
            return None
        cell = self._open_cell_text() or self._cell_draft
        adding = self.add_item.text().strip()
        if cell is None and not adding:
            return None
        number = self.participant.file_number
        if cell is not None:
            label = f"{_COLUMN_NAMES[cell[2]]} du frein «\u00a0{cell[1]}\u00a0» de {number}"
            if adding:
                label += f", et le frein «\u00a0{adding}\u00a0» à ajouter"
        else:
            label = f"Frein «\u00a0{adding}\u00a0» à ajouter pour {number}"
        category = self.add_category.value()
        return {
            "kind": "barrier",
            "label": label,
            "participant_id": self.participant.id,
            "add_category": category.value if category else None,
            "add_item": self.add_item.text(),
            "cell": [cell[0].value, cell[1], cell[2], cell[3]] if cell is not None else None,
        }

    def restore_draft(self, draft: dict[str, Any]) -> None:
        """Put a kept draft back (the participant shown first): the barrier to add in its fields, a cell's text
        in the cell's editor as soon as it is opened again (Entrée or F2), marked as not saved."""
        code = draft.get("add_category")
        self.add_category.set_value(BarrierCategory(code) if code else None)
        self.add_item.setText(draft.get("add_item") or "")
        notes = []
        cell = draft.get("cell")
        if cell:
            category, item, column, text = BarrierCategory(cell[0]), cell[1], int(cell[2]), cell[3]
            row_index = self.model.row_of(category, item)
            if row_index is not None:
                self._cell_draft = (category, item, column, text)
                self.table.setCurrentIndex(self.model.index(row_index, column))
                notes.append(
                    f"{_COLUMN_NAMES[column]} de «\u00a0{item}\u00a0» retrouvé après le verrouillage, pas encore "
                    f"enregistré\u00a0: «\u00a0{text}\u00a0». Appuyez sur F2 dans la cellule pour le reprendre."
                )
        if draft.get("add_item"):
            notes.append("Frein à ajouter retrouvé après le verrouillage\u00a0: pas encore ajouté.")
        self.message.setText(" ".join(notes))
        self.message.setStyleSheet("color: #8a5a00; font-weight: 600;")

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.table, self.add_category, self.add_item, self.add_button):
            widget.setEnabled(enabled)

    def refresh(self) -> None:
        self.message.clear()
        self.history.clear()
        if self.session is None or self.participant is None:
            self.model.clear()
            self._barriers, self._histories = [], {}
            self.heading.clear()
            self.constraints.clear()
            self.constraints.hide()
            self._set_enabled(False)
            self.stack.setCurrentWidget(self.nobody)
            return
        self.stack.setCurrentWidget(self.content)
        p = self.participant
        self.heading.setText(f"Freins et plan d'action de {p.display_name}")
        constraints = [c.label for c in sorted(p.work_constraints, key=lambda c: c.label)]
        if p.work_constraints_notes.strip():
            constraints.append(p.work_constraints_notes.strip())
        self.constraints.setText("Contraintes pour l'orientation\u00a0: " + " · ".join(constraints))
        self.constraints.setVisible(bool(constraints))
        self._reload()
        self._set_enabled(True)

    def _reload(self, keep: _Key | None = None) -> None:
        if self.session is None or self.participant is None or self.participant.id is None:
            return
        current = self.table.currentIndex()
        column = current.column() if current.isValid() else COL_TICK
        if keep is None and current.isValid():
            row = current.data(RowRole)
            keep = (row.category, row.item)
        self._barriers = self.session.barriers.for_participant(self.participant.id)
        self._histories = self.session.barriers.histories(self.participant.id)
        self.model.set_barriers(CATALOGUE, self._barriers)
        self._apply_filter()
        if keep is not None:
            row_index = self.model.row_of(*keep)
            if row_index is not None:
                self.table.setCurrentIndex(self.model.index(row_index, column))

    # --- edits ---------------------------------------------------------------------------------------

    def _queue_edit(self, row: Row, column: int, value: object) -> None:
        """Applied after the view's own editing is over (the model is rebuilt afterwards)."""
        session, participant = self.session, self.participant
        if session is None or participant is None or participant.id is None or row.item is None:
            return
        try:
            if column == COL_TICK:
                self._tick(session, participant.id, row, bool(value))
            elif column == COL_STATUS:
                self._apply_status(session, row, value)
            else:
                self._apply_field(session, row, column, value)
        except ValidationError as error:
            self._say(next(iter(error.errors.values())), error=True)
            if "partner" in error.errors and row.barrier is not None:
                self._pending_orientation = (row.category, row.item)  # applied once the partner is typed
                self._edit_cell(row, COL_PARTNER)
            return
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self._reload(keep=(row.category, row.item))
        self._say(f"✓ Enregistré\u00a0: {row.item}")
        self.changed.emit()

    def _tick(self, session: Session, participant_id: int, row: Row, checked: bool) -> None:
        if checked and row.barrier is None and row.item is not None:
            session.barriers.save(
                Barrier(
                    participant_id=participant_id,
                    category=row.category,
                    item=row.item,
                    identified_on=self._today(),
                )
            )
        elif not checked and row.barrier is not None and row.barrier.id is not None:
            has_work = row.barrier.status is not BarrierStatus.IDENTIFIED or row.barrier.partner or row.barrier.comment
            if has_work and not dialogs.confirm(
                self,
                "Retirer le frein",
                f"Retirer « {row.item} » des freins ?",
                "Son statut, son historique et son commentaire seront supprimés. Si le "
                "frein est résolu, notez-le plutôt « Levé ».",
                "Retirer",
            ):
                return
            session.barriers.delete(row.barrier.id)

    def _apply_status(self, session: Session, row: Row, status: object) -> None:
        barrier = row.barrier
        if not isinstance(status, BarrierStatus) or barrier is None or barrier.id is None or status is barrier.status:
            return
        session.barriers.set_status(barrier.id, status, barrier.partner or None)

    def _apply_field(self, session: Session, row: Row, column: int, value: object) -> None:
        barrier = row.barrier
        if barrier is None or barrier.id is None:
            return
        if column == COL_PARTNER and self._pending_orientation == (row.category, row.item):
            self._pending_orientation = None
            partner = str(value or "").strip()
            if partner:
                session.barriers.set_status(barrier.id, BarrierStatus.ORIENTED, partner)
                return

        session.barriers.save(with_cell(barrier, column, str(value or "").strip()))

    def _set_status(self, row: Row, status: BarrierStatus) -> None:
        """1–4: the status; an unticked barrier is ticked first."""
        if row.barrier is None:
            self._queue_edit(row, COL_TICK, True)
            fresh_index = self.model.row_of(row.category, row.item)
            fresh = self.model.rows[fresh_index] if fresh_index is not None else None
            if fresh is None or fresh.barrier is None or status is BarrierStatus.IDENTIFIED:
                return
            row = fresh
        self._queue_edit(row, COL_STATUS, status)

    def _edit_cell(self, row: Row, column: int) -> None:
        """Open a cell's editor once the current edit is over (found again by name: the model may be reset)."""
        key = (row.category, row.item)

        def start() -> None:
            row_index = self.model.row_of(*key)
            if row_index is not None:
                index = self.model.index(row_index, column)
                self.table.setCurrentIndex(index)
                self.table.edit(index)

        QTimer.singleShot(0, start)

    def _apply_filter(self, *args: object) -> None:
        """With "Freins cochés seulement", a category shows only if something in it is ticked."""
        only = self.only_ticked.isChecked()
        ticked = {r.category for r in self.model.rows if r.barrier is not None}
        for index, row in enumerate(self.model.rows):
            hidden = only and (row.category not in ticked or (not row.is_heading and row.barrier is None))
            self.table.setRowHidden(index, hidden)

    def add_custom(self) -> None:
        session, participant = self.session, self.participant
        if session is None or participant is None:
            return
        category, item = self.add_category.value(), self.add_item.text().strip()
        if category is None or not item:
            self._say("Choisissez la catégorie et décrivez le frein à ajouter.", error=True)
            return
        try:
            session.barriers.save(
                Barrier(
                    participant_id=participant.id,
                    category=category,
                    item=item,
                    identified_on=self._today(),
                )
            )
        except ValidationError as error:
            self._say(next(iter(error.errors.values())), error=True)
            return
        self.add_item.clear()
        self._reload(keep=(category, item))
        self._say(f"✓ Ajouté\u00a0: {item}")
        self.changed.emit()

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b6e20; font-weight: 600;")

    def _show_history(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        self.history.clear()
        row: Row | None = current.data(RowRole) if current.isValid() else None
        if row is None or row.barrier is None or row.barrier.id is None:
            return
        for event in self._histories.get(row.barrier.id, []):
            partner = f" ({event.partner})" if event.partner else ""
            self.history.addItem(f"{format_date(event.on)} · {event.status.label}{partner}")

    def barrier_choices(self) -> list[Barrier]:
        return list(self._barriers)
