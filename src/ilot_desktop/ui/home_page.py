""" "Ma semaine": what needs the caseworker this week, where Monday starts.

Past appointments still « prévu » stand out at the top and are noted right there (« ✓ Réalisé », « ✗ Absent »,
the calendar's shortcuts); an appointment line opens the appointment itself, any other line the person's file.
The texts of the lines are in ``home_lines.py``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import format_long_date
from ilot_desktop.domain.followup import AppointmentView, WeekOverview
from ilot_desktop.domain.vocabulary import AppointmentStatus
from ilot_desktop.errors import IlotError
from ilot_desktop.ui import dialogs
from ilot_desktop.ui.appointment_dialog import AppointmentDialog
from ilot_desktop.ui.home_lines import (
    appointment_line,
    due_text,
    release_text,
    six_text,
    task_text,
    to_record_line,
    today_line,
)
from ilot_desktop.ui.widgets import enable_record_buttons, record_buttons, wrapping_label

if TYPE_CHECKING:
    from ilot_desktop.ui.session_api import Session
    from ilot_desktop.ui.session_events import SessionEvents

IdRole = Qt.ItemDataRole.UserRole + 20  # the participant of a line
AppointmentRole = Qt.ItemDataRole.UserRole + 21  # the appointment of a line (None for the other lines)
# The past appointments to note across the top; then the day and the week on the left, who needs a call on the
# right (drop-out warning first); the late tasks across the bottom.
GRID = {
    "to_record": (0, 0, 1, 2),
    "today": (1, 0),
    "silent": (1, 1),
    "week": (2, 0),
    "due": (2, 1),
    "releases": (3, 0),
    "six_months": (3, 1),
    "overdue": (4, 0, 1, 2),
}

SECTIONS = (
    ("to_record", "Rendez-vous passés à noter\u00a0: réalisé ou absent\u00a0?", "Tout est noté."),
    ("today", "Aujourd'hui", "Aucun rendez-vous aujourd'hui."),
    ("week", "Cette semaine", "Rien d'autre cette semaine."),
    ("silent", "Sans nouvelles", "Personne sans nouvelles\u00a0: tout le monde est suivi."),
    ("due", "À recontacter", "Personne à recontacter\u00a0: chacun a un rendez-vous prévu."),
    ("releases", "Sorties de détention dans les 30 jours", "Aucune sortie prévue dans les 30 jours."),
    ("six_months", "Six mois d'accompagnement", "Aucun accompagnement n'atteint six mois ces jours-ci."),
    ("overdue", "Tâches en retard", "Aucune tâche en retard."),
)
APPOINTMENT_SECTIONS = ("to_record", "today", "week")
TO_RECORD_BACKGROUND = "#fff1c2"  # with the « ⚠ À noter » sign and bold type: never the colour alone
TO_RECORD_ROWS = 4  # the lines the box shows before it scrolls
HINT = (
    "Un rendez-vous choisi\u00a0: ✓ Réalisé (Ctrl+Maj+R), ✗ Absent (Ctrl+Maj+A), Entrée ou double-clic l'ouvre. "
    "Une autre ligne\u00a0: Entrée ou double-clic ouvre le dossier."
)

Row = tuple[str, int | None, AppointmentView | None]  # the text, the participant, the appointment if one


class HomePage(QWidget):
    """``participant_requested(id, section)`` opens a person's file; ``changed`` after an appointment noted
    or edited here (the hub then redraws the calendar, the timeline and the Bilan)."""

    participant_requested = Signal(int, str)  # participant id, the section of the line
    changed = Signal()

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.session: Session | None = None
        self.dialog: AppointmentDialog | None = None
        self._views: dict[int, AppointmentView] = {}
        self._chosen = "to_record"  # the list whose line the buttons act on
        self.heading = wrapping_label(QLabel(self))  # wraps beside the buttons: never widens the window
        self.heading.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.heading.setAccessibleName("Ma semaine")
        self.done_button, self.absent_button = record_buttons(self, self.mark_current)
        self.open_button = QPushButton("Ouvrir le rendez-vous", self)
        self.open_button.setToolTip("Le rendez-vous choisi, avec son compte rendu (double-clic ou Entrée)")
        self.open_button.clicked.connect(self.open_current)
        self.file_button = QPushButton("Dossier de la personne", self)
        self.file_button.setToolTip("Le dossier de la personne de la ligne choisie")
        self.file_button.clicked.connect(self.open_current_file)
        self.lists: dict[str, QListWidget] = {}
        self.boxes: dict[str, QGroupBox] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for key, title, _empty in SECTIONS:
            box = QGroupBox(title, self)
            widget = QListWidget(box)
            widget.setAccessibleName(title)
            widget.setAlternatingRowColors(key != "to_record")
            widget.setWordWrap(True)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setTextElideMode(Qt.TextElideMode.ElideNone)
            widget.setMinimumHeight(3 * widget.fontMetrics().height())  # scrolls: on 720 px the page still fits
            widget.itemActivated.connect(lambda item, k=key: self._activated(item, k))
            widget.currentItemChanged.connect(lambda current, _previous, k=key: self._line_chosen(k, current))
            widget.installEventFilter(self)
            column = QVBoxLayout(box)
            column.addWidget(widget)
            self.lists[key], self.boxes[key] = widget, box
            grid.addWidget(box, *GRID[key])
        self.boxes["silent"].setStyleSheet("QGroupBox { color: #8a1c1c; font-weight: 600; }")
        self.boxes["to_record"].setStyleSheet("QGroupBox { color: #6b4a00; font-weight: 600; }")
        self.note = QLabel(HINT, self)
        self.note.setStyleSheet("color: #555;")
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Aide et dernier rendez-vous noté")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        for button in (self.done_button, self.absent_button, self.open_button, self.file_button):
            top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(grid, 1)
        layout.addWidget(self.note)
        for keys, button in (("Ctrl+Shift+R", self.done_button), ("Ctrl+Shift+A", self.absent_button)):
            QShortcut(QKeySequence(keys), self, button.click, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._update_buttons()

    # --- session ------------------------------------------------------------------------------------

    def bind_events(self, events: SessionEvents) -> None:
        """Says its appointment writes on the hub; shows appointments, tasks and people: redrawn after any other
        write (its own notes redraw it at once)."""
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
        """Nothing is typed on Ma semaine (its appointment dialog forgets its own typing)."""

    def set_session(self, session: Session | None) -> None:
        self.session = session
        if session is None:
            if self.dialog is not None:
                self.dialog.done(0)
                self.dialog = None
            for widget in self.lists.values():
                widget.clear()
            self._views.clear()
            self.heading.clear()
            self.note.setText(HINT)
            self._update_buttons()
        else:
            self.refresh()

    def refresh(self) -> None:
        if self.session is None:
            return
        today = self._today()
        overview: WeekOverview = self.session.followup.overview()
        self.heading.setText(f"Ma semaine — {format_long_date(today)}")
        self._views = {v.appointment.id: v for v in (*overview.today, *overview.week) if v.appointment.id}
        earlier = [v for v in overview.week if v.appointment.start and v.appointment.start.date() < today]
        later = [v for v in overview.week if v not in earlier]
        self._fill("to_record", [(to_record_line(v), v.appointment.participant_id, v) for v in earlier])
        self._fill(
            "today", [(today_line(v, self._due_now(v)), v.appointment.participant_id, v) for v in overview.today]
        )
        self._fill("week", [(appointment_line(v, True), v.appointment.participant_id, v) for v in later])
        self._fill(
            "silent",
            [
                (f"{s.display_name} ({s.file_number}) — {reason}", s.participant_id, None)
                for s, reason in overview.silent
            ],
        )
        self._fill("due", [(due_text(s, today), s.participant_id, None) for s in overview.due])
        self._fill("releases", [(release_text(s, today), s.participant_id, None) for s in overview.releases])
        self._fill("six_months", [(six_text(s, today), s.participant_id, None) for s in overview.six_months])
        self._fill("overdue", [(task_text(t, today), t.task.participant_id, None) for t in overview.overdue_tasks])
        self.boxes["to_record"].setVisible(bool(earlier))
        self._fit_to_record()
        self._update_buttons()

    def _due_now(self, view: AppointmentView) -> bool:
        """Today's appointment whose time has come and that is still « prévu »."""
        return (
            self.session is not None
            and view.appointment.status is AppointmentStatus.PLANNED
            and self.session.followup.record_refusal(view.appointment) is None
        )

    def _fill(self, key: str, rows: list[Row]) -> None:
        widget = self.lists[key]
        widget.blockSignals(True)  # a redraw is not a choice of line
        widget.clear()
        title = next(t for k, t, _e in SECTIONS if k == key)
        self.boxes[key].setTitle(f"{title} ({len(rows)})" if rows else title)
        if not rows:
            empty = next(e for k, _t, e in SECTIONS if k == key)
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)
        for text, participant_id, view in rows:
            item = QListWidgetItem(text)
            item.setData(IdRole, participant_id)
            item.setData(AppointmentRole, view.appointment.id if view is not None else None)
            item.setToolTip(text)
            if key == "to_record" or text.startswith("⚠"):
                self._stand_out(item, bold=key == "to_record")
            widget.addItem(item)
        widget.blockSignals(False)

    @staticmethod
    def _stand_out(item: QListWidgetItem, bold: bool) -> None:
        """A line to note: on a light amber (bold for an earlier day's), beside its « ⚠ À noter » words."""
        font = QFont(item.font())
        font.setBold(bold)
        item.setFont(font)
        item.setBackground(QBrush(QColor(TO_RECORD_BACKGROUND)))
        item.setForeground(QBrush(QColor("#000000")))

    def _fit_to_record(self) -> None:
        """The box of lines to note is as tall as its lines (up to four, then it scrolls): the rest keeps room."""
        widget = self.lists["to_record"]
        rows = min(widget.count(), TO_RECORD_ROWS)
        height = sum(max(widget.sizeHintForRow(r), widget.fontMetrics().height()) for r in range(rows))
        widget.setFixedHeight(height + 2 * widget.frameWidth() + 4)

    # --- the line chosen ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A list reached by Tab chooses its first line, so that the shortcuts act at once."""
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QListWidget):
            key = next((k for k, w in self.lists.items() if w is watched), None)
            if key is not None:
                if watched.currentItem() is None and watched.count() and watched.item(0).flags():
                    watched.setCurrentRow(0)
                self._line_chosen(key, watched.currentItem())
        return super().eventFilter(watched, event)

    def _line_chosen(self, key: str, current: QListWidgetItem | None) -> None:
        if current is None:
            return
        self._chosen = key
        for other, widget in self.lists.items():
            if other != key and widget.currentItem() is not None:
                widget.blockSignals(True)
                widget.setCurrentRow(-1)
                widget.clearSelection()
                widget.blockSignals(False)
        self._update_buttons()

    def current_item(self) -> QListWidgetItem | None:
        item = self.lists[self._chosen].currentItem()
        return item if item is not None and item.flags() else None

    def current_view(self) -> AppointmentView | None:
        item = self.current_item()
        appointment_id = item.data(AppointmentRole) if item is not None else None
        return self._views.get(appointment_id) if appointment_id is not None else None

    def _update_buttons(self) -> None:
        """« Réalisé » / « Absent » for an appointment whose time has come (the tooltip says why not)."""
        view = self.current_view()
        refusal = self.session.followup.record_refusal(view.appointment) if self.session and view else None
        enable_record_buttons((self.done_button, self.absent_button), view is not None and refusal is None, refusal)
        self.open_button.setEnabled(view is not None)
        item = self.current_item()
        self.file_button.setEnabled(item is not None and item.data(IdRole) is not None)

    # --- noting and opening -----------------------------------------------------------------------------

    def mark_current(self, status: AppointmentStatus) -> None:
        """Note the chosen appointment as the calendar does (same service, same access log); the next line to
        note is then chosen, so that Monday's notes follow one another from the keyboard."""
        view = self.current_view()
        if self.session is None or view is None or view.appointment.id is None:
            return
        refusal = self.session.followup.record_refusal(view.appointment)
        if refusal is not None:
            self.note.setText(refusal)
            return
        key, row = self._chosen, self.lists[self._chosen].currentRow()
        try:
            self.session.followup.set_status(view.appointment.id, status)
        except IlotError as error:
            dialogs.show_error(self, error)
            return
        self.refresh()
        self.changed.emit()
        self._choose_again(key, row)
        done = "réalisé" if status is AppointmentStatus.DONE else "absent"
        self.note.setText(f"Noté «\u00a0{done}\u00a0». Pour corriger, ouvrez le rendez-vous dans le calendrier.")

    def _choose_again(self, key: str, row: int) -> None:
        """After a note: the line now at the same place (the next one to note), or the last one."""
        widget = self.lists[key]
        if key == "to_record" and not self.boxes[key].isVisible():
            key, widget, row = "today", self.lists["today"], 0
        if widget.count() and widget.item(0).flags():
            widget.setCurrentRow(min(max(row, 0), widget.count() - 1))
            widget.setFocus()
            self._line_chosen(key, widget.currentItem())

    def open_current(self) -> None:
        view = self.current_view()
        if view is not None and view.appointment.id is not None:
            self.open_appointment(view.appointment.id)

    def open_current_file(self) -> None:
        item = self.current_item()
        if item is not None and item.data(IdRole) is not None:
            self.participant_requested.emit(item.data(IdRole), self._chosen)

    def open_appointment(self, appointment_id: int) -> AppointmentDialog | None:
        """The appointment's own dialog (the one already open is brought forward), as read from the file now."""
        if self.session is None:
            return None
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        try:
            view = self.session.followup.get(appointment_id)
        except IlotError as error:
            dialogs.show_error(self, error)
            self.refresh()
            return None
        self.dialog = AppointmentDialog(self.session, view.appointment, self)
        self.dialog.saved.connect(self._after_dialog)
        self.dialog.deleted.connect(self._after_dialog)
        self.dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        self.dialog.open()
        return self.dialog

    def _after_dialog(self, *_args: object) -> None:
        self.refresh()
        self.changed.emit()

    def _activated(self, item: QListWidgetItem, section: str) -> None:
        """Double-click or Entrée: an appointment opens itself, any other line the person's file."""
        appointment_id = item.data(AppointmentRole)
        if appointment_id is not None:
            self.open_appointment(appointment_id)
            return
        participant_id = item.data(IdRole)
        if participant_id is not None:
            self.participant_requested.emit(participant_id, section)
