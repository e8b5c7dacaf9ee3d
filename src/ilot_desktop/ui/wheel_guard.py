"""The mouse wheel scrolls pages; it never changes an answer.

Scrolling the Fiche with the pointer over « Sécurité sociale / Carte Vitale » used to step its drop-down
from « Non renseigné » to « À jour », and a later Ctrl+S saved a false statement. One application-wide event
filter, installed by ``app.install_application_wide`` (the window and the GUI tests both go through it), holds
for every form and dialog: a drop-down, a spin box, a date or time field or a slider changes on the wheel only
once it has the keyboard focus (a click or Tab gives it); otherwise the wheel goes to the scroll area around it,
so the page still scrolls. Those widgets are also given ``Qt.StrongFocus`` when they are polished, so that the
wheel does not give them the focus either.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)  # spin boxes include QDateEdit, QTimeEdit, QDateTimeEdit
_WHEEL, _POLISH = QEvent.Type.Wheel, QEvent.Type.Polish


def is_guarded(widget: QObject) -> bool:
    """A widget whose value the wheel would change (a scroll bar is not: scrolling is its value)."""
    return isinstance(widget, GUARDED) and not isinstance(widget, QScrollBar)


def has_focus_within(widget: QWidget) -> bool:
    """The widget, or a part of it (the line of an editable drop-down or a spin box), has the keyboard focus."""
    if widget.hasFocus():
        return True
    focused = QApplication.focusWidget()
    return focused is not None and widget.isAncestorOf(focused)


def scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    """The nearest scroll area whose page holds ``widget`` (a form's scroll area, a table holding an editor)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    """Application-wide: the wheel over an unfocused drop-down, spin box, date or slider scrolls the page."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == _WHEEL:
            if isinstance(watched, QWidget) and is_guarded(watched) and not has_focus_within(watched):
                assert isinstance(event, QWheelEvent)
                self._scroll_around(watched, event)
                return True  # the widget never sees it
        elif (
            kind == _POLISH
            and isinstance(watched, QWidget)
            and is_guarded(watched)
            and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus
        ):
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel gives no focus either
        return False

    @staticmethod
    def _scroll_around(widget: QWidget, event: QWheelEvent) -> None:
        area = scroll_area_around(widget)
        if area is None:
            event.ignore()  # nothing to scroll: a real wheel event goes on to the parents
            return
        viewport = area.viewport()
        forwarded = QWheelEvent(
            viewport.mapFromGlobal(event.globalPosition()),
            event.globalPosition(),
            event.pixelDelta(),
            event.angleDelta(),
            event.buttons(),
            event.modifiers(),
            event.phase(),
            event.inverted(),
            event.source(),
        )
        QApplication.sendEvent(viewport, forwarded)
        event.accept()  # handled here: it does not also go on to the parents


_INSTALLED: dict[int, WheelGuard] = {}  # by application: the Python override must live as long as it


def install_wheel_guard(app: QApplication) -> WheelGuard:
    """Install the guard once on ``app`` (a second call returns the one installed)."""
    guard = _INSTALLED.get(id(app))
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
        _INSTALLED[id(app)] = guard
    return guard
