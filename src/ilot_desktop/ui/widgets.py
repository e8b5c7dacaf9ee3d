"""Small input widgets with French behaviour: dates JJ/MM/AAAA, choice lists, check lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Generic, TypeVar

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QGuiApplication, QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from ilot_desktop.domain.dates import DateError, format_date, parse_date
from ilot_desktop.domain.vocabulary import AppointmentStatus, LabelledEnum
from ilot_desktop.paths import resource_path

ERROR_STYLE = "color: #b00020;"


class DateEdit(QWidget):
    """A date typed as JJ/MM/AAAA (or picked in a calendar); empty means "not known"."""

    changed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("JJ/MM/AAAA")
        self.edit.setAccessibleName(accessible_name)
        self.edit.setMaximumWidth(130)
        self.edit.setMaxLength(10)
        self.button = QToolButton(self)
        self.button.setIcon(QIcon(str(resource_path("icons", "calendar.svg"))))
        self.button.setToolTip("Choisir dans le calendrier")
        self.button.setAccessibleName(f"Calendrier : {accessible_name}")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setLocale(QLocale(QLocale.Language.French, QLocale.Country.France))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._sync_calendar)
        self._menu = menu
        self.calendar.clicked.connect(self._pick)
        self.button.setMenu(menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(lambda _text: self.changed.emit())

    def _sync_calendar(self) -> None:
        try:
            current = parse_date(self.edit.text())
        except DateError:
            current = None
        if current:
            self.calendar.setSelectedDate(QDate(current.year, current.month, current.day))

    def _pick(self, qdate: QDate) -> None:
        self.edit.setText(format_date(date(qdate.year(), qdate.month(), qdate.day())))
        self.changed.emit()
        self._menu.close()

    def value(self) -> date | None:
        """The date, None when empty; raises DateError (French message) when unreadable."""
        return parse_date(self.edit.text())

    def set_value(self, value: date | None) -> None:
        self.edit.setText(format_date(value))
        if value is None:
            self.calendar.setSelectedDate(QDate.currentDate())

    def text(self) -> str:
        return self.edit.text()


E = TypeVar("E", bound=LabelledEnum)


class ChoiceCombo(QComboBox, Generic[E]):
    """A choice among a LabelledEnum's labels; the first entry means "not chosen".

    Members are kept on the Python side: Qt would hand a ``str`` enum back as a plain string.
    """

    def __init__(
        self,
        enum: type[E],
        accessible_name: str,
        placeholder: str | None = "— Choisir —",
        exclude: Iterable[E] = (),
        parent: QWidget | None = None,
        default: E | None = None,
    ):
        """``placeholder=None``: no "not chosen" entry, a value is always selected. ``default``: the member
        "not chosen" stands for (« Hebdomadaire (par défaut) »): listed once, as the placeholder; a file that
        stores it shows it there and reads it back unchanged."""
        super().__init__(parent)
        self.enum = enum
        self._default = default if placeholder is not None else None
        self._kept: E | None = None  # the default as a file stored it (None: nothing stored)
        excluded = {*exclude, *([self._default] if self._default is not None else [])}
        members: list[E | None] = [m for m in enum if m not in excluded]
        self._members = members if placeholder is None else [None, *members]
        for member in self._members:
            self.addItem(member.label if member is not None else placeholder or "")
        self.setAccessibleName(accessible_name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)

    def value(self) -> E | None:
        index = self.currentIndex()
        member = self._members[index] if 0 <= index < len(self._members) else None
        return self._kept if member is None else member

    def set_value(self, value: E | None) -> None:
        self._kept = value if value is not None and value is self._default else None
        self.setCurrentIndex(self._members.index(value) if value in self._members else 0)

    def code(self) -> str | None:
        """The chosen member's stored code (what a draft keeps), None when nothing is chosen."""
        value = self.value()
        return value.value if value is not None else None


class CellChoiceCombo(ChoiceCombo[E]):
    """A choice inside a table row: scrolling the table over it never changes it (``ui/wheel_guard.py``).

    Connect to ``activated`` (a person's choice), not ``currentIndexChanged``.
    """

    def __init__(
        self,
        enum: type[E],
        accessible_name: str,
        placeholder: str | None = "— Choisir —",
        exclude: Iterable[E] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(enum, accessible_name, placeholder, exclude, parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Arrows move through the table, they do not step through the choices (each step would be saved):
        Alt+↓, F4 or Espace open the list, Entrée chooses."""
        if event.modifiers() == Qt.KeyboardModifier.NoModifier and event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
            Qt.Key.Key_PageUp,
            Qt.Key.Key_PageDown,
            Qt.Key.Key_Home,
            Qt.Key.Key_End,
        ):
            event.ignore()
            return
        super().keyPressEvent(event)


class CheckList(QWidget):
    """Several choices of a LabelledEnum, as check boxes in columns."""

    changed = Signal()

    def __init__(
        self,
        members: Iterable[LabelledEnum],
        accessible_name: str,
        columns: int = 2,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.boxes: dict[LabelledEnum, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        for index, member in enumerate(members):
            box = QCheckBox(member.label, self)
            box.setAccessibleName(f"{accessible_name} : {member.label}")
            box.toggled.connect(lambda _checked: self.changed.emit())
            grid.addWidget(box, index // columns, index % columns)
            self.boxes[member] = box

    def value(self) -> set[LabelledEnum]:
        return {member for member, box in self.boxes.items() if box.isChecked()}

    def set_value(self, chosen: Iterable[LabelledEnum]) -> None:
        chosen = set(chosen)
        for member, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(member in chosen)
            box.blockSignals(False)


class ErrorLabel(QLabel):
    """The French message shown under a field; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


HEADING_MIN_WIDTH = 220  # pixels: a heading or a line of text wraps down to this, never widening its window


def wrapping_label(label: QLabel, min_width: int = HEADING_MIN_WIDTH) -> QLabel:
    """``label`` wraps its words and asks for no more than ``min_width`` pixels: a long name or sentence makes it
    taller, never its window wider than the screen (a 1366 × 768 laptop; 1280 × 720 at 150 %)."""
    label.setWordWrap(True)
    label.setMinimumWidth(min_width)  # an explicit minimum: even one very long word cannot push the window
    return label


def read_only_item(text: str, data: object = None, role: int = Qt.ItemDataRole.UserRole) -> QTableWidgetItem:
    """A table cell that can be selected but not edited, carrying a record id (or key) under ``role``."""
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if data is not None:
        item.setData(role, data)
    return item


def table_item(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item of a cell this window filled itself (a cell left empty is a programming error, said in English)."""
    item = table.item(row, column)
    if item is None:
        raise LookupError(f"no item in row {row}, column {column} of {table.accessibleName() or 'a table'}")
    return item


def add_form_row(
    form: QFormLayout,
    parent: QWidget,
    text: str,
    widget: QWidget,
    error: ErrorLabel | None = None,
    buddy: QWidget | None = None,
) -> None:
    """``Libellé :`` (no-break space) beside a field, with its French error message under it when given."""
    label = QLabel(f"{text}\u00a0:", parent)
    label.setBuddy(buddy or widget)
    if error is None:
        form.addRow(label, widget)
        return
    holder = QWidget(parent)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(widget)
    column.addWidget(error)
    form.addRow(label, holder)


def moment_of(date_edit: DateEdit, time_edit: QTimeEdit) -> datetime | None:
    """The day of a DateEdit at the time of a QTimeEdit; None when no day is typed, DateError when unreadable."""
    day = date_edit.value()
    if day is None:
        return None
    moment = time_edit.time()
    return datetime(day.year, day.month, day.day, moment.hour(), moment.minute())


def fit_to_screen(widget: QWidget, width: int, height: int, margin: int = 60) -> None:
    """Resize to (width, height), but never past the screen the widget is on (a 1366 × 768 laptop):
    a window taller than the screen hides its own buttons."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, available.width() - margin // 2)
        height = min(height, available.height() - margin)
    widget.resize(max(width, 320), max(height, 240))


RECORD_TIPS = {
    AppointmentStatus.DONE: "Noter le rendez-vous choisi comme réalisé (Ctrl+Maj+R)",
    AppointmentStatus.ABSENT: "Noter la personne absente au rendez-vous choisi (Ctrl+Maj+A)",
}


def record_buttons(parent: QWidget, mark: Callable[[AppointmentStatus], None]) -> tuple[QPushButton, QPushButton]:
    """« ✓ Réalisé » and « ✗ Absent », as Ma semaine and the calendar show them: ``mark(status)`` when clicked."""
    done = QPushButton("✓ Réalisé", parent)
    absent = QPushButton("✗ Absent", parent)
    for button, status in ((done, AppointmentStatus.DONE), (absent, AppointmentStatus.ABSENT)):
        button.setToolTip(RECORD_TIPS[status])
        button.clicked.connect(lambda _checked=False, status=status: mark(status))
    return done, absent


def enable_record_buttons(buttons: tuple[QPushButton, QPushButton], enabled: bool, why: str | None) -> None:
    """Enabled only when the chosen appointment can be noted; otherwise the tooltip says why not."""
    for button, status in zip(buttons, (AppointmentStatus.DONE, AppointmentStatus.ABSENT), strict=True):
        button.setEnabled(enabled)
        button.setToolTip(why or RECORD_TIPS[status])


def ok_cancel_row(
    dialog: QDialog, ok_text: str, on_ok: Callable[[], object], cancel_text: str = "Annuler"
) -> tuple[QHBoxLayout, QPushButton, QPushButton]:
    """« Annuler » then the dialog's default button, on the right: (the row, the default button, « Annuler »)."""
    ok = QPushButton(ok_text, dialog)
    ok.setDefault(True)
    ok.clicked.connect(on_ok)
    cancel = QPushButton(cancel_text, dialog)
    cancel.clicked.connect(dialog.reject)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(ok)
    return row, ok, cancel


def password_field(parent: QWidget, name: str) -> QLineEdit:
    """A masked field with its accessible name (passwords, passphrases)."""
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field
