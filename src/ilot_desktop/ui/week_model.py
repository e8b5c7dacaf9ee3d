"""The week grid: days × half-hours, each cell listing what happens in that slot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.dates import WEEKDAYS, WEEKDAYS_SHORT, format_long_date, format_time
from ilot_desktop.domain.followup import OFFICE_END, OFFICE_START, AppointmentView
from ilot_desktop.domain.vocabulary import AppointmentStatus
from ilot_desktop.reports.week_palette import ACTION_COLOUR, CANCELLED_COLOUR, KIND_COLOURS, STATUS_MARKS

SLOT_MINUTES = 30
EntryRole = Qt.ItemDataRole.UserRole + 10
# the printed week and the screen share one palette and one set of marks


@dataclass(frozen=True)
class Entry:
    """One thing in the grid: an appointment or a collective action (saved, so both have a start)."""

    appointment: AppointmentView | None = None
    action: CollectiveAction | None = None

    def _action(self) -> CollectiveAction:
        if self.action is None:
            raise ValueError("a week entry holds an appointment or a collective action")
        return self.action

    @property
    def start(self) -> datetime:
        start = self.appointment.appointment.start if self.appointment else self._action().start
        if start is None:
            raise ValueError("a week entry without a start")
        return start

    @property
    def end(self) -> datetime:
        end = self.appointment.appointment.end if self.appointment else self._action().end
        if end is None:
            raise ValueError("a week entry without a start")
        return end

    def short_text(self) -> str:
        if self.appointment:
            a = self.appointment.appointment
            return f"{STATUS_MARKS[a.status]} {format_time(self.start)} {self.appointment.display_name}"
        return f"◆ {format_time(self.start)} {self._action().title}"

    def long_text(self) -> str:
        if self.appointment:
            view, a = self.appointment, self.appointment.appointment
            where = f", {a.place}" if a.place else ""
            return (
                f"{a.kind.label} avec {view.display_name} ({view.file_number}), de {format_time(self.start)} "
                f"à {format_time(self.end)}{where} : {a.status.label.lower()}"
            )
        action = self._action()
        where = f", {action.place}" if action.place else ""
        kind = action.action_type.label if action.action_type else ""
        return (
            f"Action collective « {action.title} » ({kind}), "
            f"de {format_time(self.start)} à {format_time(self.end)}{where}"
        )

    def colour(self) -> str:
        if self.appointment is None:
            return ACTION_COLOUR
        a = self.appointment.appointment
        return CANCELLED_COLOUR if a.status is AppointmentStatus.CANCELLED else KIND_COLOURS[a.kind]


def slot_times() -> list[time]:
    start = datetime.combine(date.min, OFFICE_START)
    count = int((datetime.combine(date.min, OFFICE_END) - start).total_seconds() // 60 // SLOT_MINUTES)
    return [(start + timedelta(minutes=SLOT_MINUTES * i)).time() for i in range(count)]


class WeekModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.slots = slot_times()
        self.days: list[date] = []
        self._cells: dict[tuple[int, int], list[Entry]] = {}
        self._starts: dict[tuple[int, int], list[Entry]] = {}

    # --- data in --------------------------------------------------------------------------------------

    def set_week(self, monday: date, appointments: list[AppointmentView], actions: list[CollectiveAction]) -> None:
        entries = [Entry(appointment=a) for a in appointments] + [Entry(action=a) for a in actions]
        weekdays = [monday + timedelta(days=i) for i in range(5)]
        weekend = sorted({e.start.date() for e in entries if e.start.date().weekday() >= 5})
        self.beginResetModel()
        self.days = weekdays + weekend
        self._cells, self._starts = {}, {}
        for entry in sorted(entries, key=lambda e: (e.start, e.end)):
            if entry.start.date() not in self.days:
                continue
            column = self.days.index(entry.start.date())
            first = self._slot_of(entry.start.time())
            last = max(first, self._slot_of((entry.end - timedelta(minutes=1)).time()))
            self._starts.setdefault((first, column), []).append(entry)
            for row in range(first, last + 1):
                self._cells.setdefault((row, column), []).append(entry)
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.days, self._cells, self._starts = [], {}, {}
        self.endResetModel()

    def _slot_of(self, moment: time) -> int:
        """The row of a time; before or after office hours goes to the first or last row (still visible)."""
        minutes = (moment.hour * 60 + moment.minute) - (OFFICE_START.hour * 60 + OFFICE_START.minute)
        return min(max(minutes // SLOT_MINUTES, 0), len(self.slots) - 1)

    # --- queries ----------------------------------------------------------------------------------------

    def entries_at(self, index: QModelIndex) -> list[Entry]:
        return list(self._cells.get((index.row(), index.column()), [])) if index.isValid() else []

    def starting_at(self, row: int, column: int) -> list[Entry]:
        return list(self._starts.get((row, column), []))

    def moment_at(self, index: QModelIndex | QPersistentModelIndex) -> datetime:
        return datetime.combine(self.days[index.column()], self.slots[index.row()])

    def index_of_appointment(self, appointment_id: int) -> QModelIndex:
        for (row, column), entries in self._starts.items():
            if any(e.appointment and e.appointment.appointment.id == appointment_id for e in entries):
                return self.index(row, column)
        return QModelIndex()

    def max_lines(self, row: int) -> int:
        return max((len(self._starts.get((row, c), [])) for c in range(len(self.days))), default=0)

    # --- Qt ---------------------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.slots)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.days)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if section >= len(self.days):
                return None
            day = self.days[section]
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return format_long_date(day)
            return f"{WEEKDAYS_SHORT[day.weekday()].capitalize()} {day:%d/%m}"
        return format_time(self.slots[section]) if section < len(self.slots) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key = (index.row(), index.column())
        entries = self._cells.get(key, [])
        starting = self._starts.get(key, [])
        if role == Qt.ItemDataRole.DisplayRole:
            # An LRM ends each line: after a name in Arabic script, the next line's time would otherwise
            # join the right-to-left run and its mark be drawn after it ("15:30 ✓").
            return "\n".join(e.short_text() + "\u200e" for e in starting) or None
        if role == Qt.ItemDataRole.BackgroundRole and entries:
            return QColor(entries[0].colour())
        if (
            role == Qt.ItemDataRole.FontRole
            and starting
            and all(e.appointment and e.appointment.appointment.status is AppointmentStatus.CANCELLED for e in starting)
        ):
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            moment = self.moment_at(index)
            when = f"{WEEKDAYS[moment.weekday()]} {moment:%d/%m} à {format_time(moment)}"
            if not entries:
                return f"Créneau libre, {when}" if role == Qt.ItemDataRole.AccessibleTextRole else None
            return f"{when} : " + " ; ".join(e.long_text() for e in entries)
        if role == EntryRole:
            return entries
        return None
