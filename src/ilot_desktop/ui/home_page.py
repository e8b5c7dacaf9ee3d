""" "Ma semaine": what needs the caseworker this week. Every line opens the right participant."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ilot_desktop.domain.dates import WEEKDAYS_SHORT, format_date, format_long_date, format_time
from ilot_desktop.domain.followup import (
    AppointmentView,
    ContactState,
    WeekOverview,
    cadence_text,
    effective_cadence,
    six_month_mark,
)

IdRole = Qt.ItemDataRole.UserRole + 20
# Two columns: the day and the week on the left; who needs a call on the right, drop-out warning first.
GRID = {
    "today": (0, 0),
    "silent": (0, 1),
    "week": (1, 0),
    "due": (1, 1),
    "releases": (2, 0),
    "six_months": (2, 1),
    "overdue": (3, 0, 1, 2),  # across both columns
}

SECTIONS = (
    ("today", "Aujourd'hui", "Aucun rendez-vous aujourd'hui."),
    ("week", "Cette semaine (et rendez-vous à noter)", "Rien d'autre cette semaine, tout est noté."),
    ("silent", "Sans nouvelles", "Personne sans nouvelles : tout le monde est suivi."),
    ("due", "À recontacter", "Personne à recontacter : chacun a un rendez-vous prévu."),
    ("releases", "Sorties de détention dans les 30 jours", "Aucune sortie prévue dans les 30 jours."),
    ("six_months", "Six mois d'accompagnement", "Aucun accompagnement n'atteint six mois ces jours-ci."),
    ("overdue", "Tâches en retard", "Aucune tâche en retard."),
)

if TYPE_CHECKING:
    from ilot_desktop.domain.action_plan import OverdueTask
    from ilot_desktop.ui.session_api import Session
    from ilot_desktop.ui.session_events import SessionEvents


def appointment_line(view: AppointmentView, with_day: bool, today: date | None = None) -> str:
    a = view.appointment
    start = a.start
    assert start is not None  # the week's appointments are dated
    day = f"{WEEKDAYS_SHORT[start.weekday()]} {start:%d/%m} " if with_day else ""
    place = f" · {a.place}" if a.place else ""
    to_record = "À noter (réalisé ou absent ?) · " if today and start.date() < today else ""
    who = f"{view.display_name} ({view.file_number})"
    return f"{to_record}{day}{format_time(start)}  {who} · {a.kind.label}{place}"


def days_text(days: int) -> str:
    return "aujourd'hui" if days == 0 else "demain" if days == 1 else f"dans {days} jours"


class HomePage(QWidget):
    participant_requested = Signal(int, str)  # participant id, the section of the line

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.session: Session | None = None
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-size: 18px; font-weight: 600;")
        self.heading.setAccessibleName("Ma semaine")
        self.lists: dict[str, QListWidget] = {}
        self.boxes: dict[str, QGroupBox] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for key, title, _empty in SECTIONS:
            box = QGroupBox(title, self)
            widget = QListWidget(box)
            widget.setAccessibleName(title)
            widget.setAlternatingRowColors(True)
            widget.setWordWrap(True)
            widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            widget.setTextElideMode(Qt.TextElideMode.ElideNone)
            widget.itemActivated.connect(lambda item, k=key: self._activated(item, k))
            column = QVBoxLayout(box)
            column.addWidget(widget)
            self.lists[key], self.boxes[key] = widget, box
            grid.addWidget(box, *GRID[key])
        self.boxes["silent"].setStyleSheet("QGroupBox { color: #8a1c1c; font-weight: 600; }")
        hint = QLabel("Double-cliquez sur une ligne (ou Entrée) pour ouvrir le dossier de la personne.", self)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(grid, 1)
        layout.addWidget(hint)

    def bind_events(self, events: SessionEvents) -> None:
        """Ma semaine shows appointments, tasks and people: redrawn after any write."""
        events.on_any_write(lambda: self.refresh())  # looked up at each write (tests replace it)

    def discard_edits(self) -> None:
        """Nothing is typed on Ma semaine."""

    def set_session(self, session: Session | None) -> None:
        self.session = session
        if session is None:
            for widget in self.lists.values():
                widget.clear()
            self.heading.clear()
        else:
            self.refresh()

    def refresh(self) -> None:
        if self.session is None:
            return
        today = self._today()
        overview: WeekOverview = self.session.followup.overview()
        self.heading.setText(f"Ma semaine — {format_long_date(today)}")
        self._fill(
            "today",
            [(appointment_line(v, False), v.appointment.participant_id, None) for v in overview.today],
        )
        self._fill(
            "week",
            [(appointment_line(v, True, today), v.appointment.participant_id, None) for v in overview.week],
        )
        self._fill(
            "silent",
            [
                (f"{s.display_name} ({s.file_number}) — {reason}", s.participant_id, None)
                for s, reason in overview.silent
            ],
        )
        self._fill("due", [(self._due_text(s, today), s.participant_id, None) for s in overview.due])
        self._fill("releases", [(self._release_text(s, today), s.participant_id, None) for s in overview.releases])
        self._fill("six_months", [(self._six_text(s, today), s.participant_id, None) for s in overview.six_months])
        self._fill(
            "overdue",
            [(self._task_text(t, today), t.task.participant_id, None) for t in overview.overdue_tasks],
        )

    @staticmethod
    def _due_text(state: ContactState, today: date) -> str:
        cadence = effective_cadence(state.cadence, state.entry_date, today)
        since = (today - state.reference_date()).days
        what = "dernier entretien réalisé" if state.last_done else "entrée"
        return (
            f"{state.display_name} ({state.file_number}) — {what} il y a {since} jours "
            f"(rythme : {cadence_text(cadence)}), rien de prévu"
        )

    @staticmethod
    def _release_text(state: ContactState, today: date) -> str:
        release = state.planned_release_date
        assert release is not None  # listed for its release date
        days = (release - today).days
        return (
            f"{state.display_name} ({state.file_number}) — libération le "
            f"{format_date(release)} ({days_text(days)}) : préparer le « Dehors »"
        )

    @staticmethod
    def _six_text(state: ContactState, today: date) -> str:
        mark = six_month_mark(state)
        days = (mark - today).days
        when = f"le {format_date(mark)} ({days_text(days)})" if days >= 0 else f"depuis le {format_date(mark)}"
        return f"{state.display_name} ({state.file_number}) — six mois {when} : faire le point"

    @staticmethod
    def _task_text(line: OverdueTask, today: date) -> str:
        task = line.task
        assert task.due_date is not None  # late: it has a due date
        late = (today - task.due_date).days
        return (
            f"{line.last_name.upper()} {line.first_name} ({line.file_number}) — « {task.description} » "
            f"({task.owner.label.lower()}), prévue le {format_date(task.due_date)}, "
            f"{late} jour{'s' if late > 1 else ''} de retard"
        )

    def _fill(self, key: str, rows: list[tuple[str, int | None, object]]) -> None:
        widget = self.lists[key]
        widget.clear()
        title = next(t for k, t, _e in SECTIONS if k == key)
        self.boxes[key].setTitle(f"{title} ({len(rows)})" if rows else title)
        if not rows:
            empty = next(e for k, _t, e in SECTIONS if k == key)
            item = QListWidgetItem(empty)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(item)
            return
        for text, participant_id, _extra in rows:
            item = QListWidgetItem(text)
            item.setData(IdRole, participant_id)
            item.setToolTip(text)
            widget.addItem(item)

    def _activated(self, item: QListWidgetItem, section: str) -> None:
        participant_id = item.data(IdRole)
        if participant_id is not None:
            self.participant_requested.emit(participant_id, section)
