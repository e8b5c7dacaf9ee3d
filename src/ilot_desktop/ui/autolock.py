"""Lock the records when the laptop is left alone: any mouse, key or wheel event restarts the countdown.

The idle time is measured on the wall clock and checked every few seconds: a laptop put to sleep with the
lid closed and reopened hours later is locked at once (a timer alone would not count the sleep).

Ctrl+L is the window's « Verrouiller » shortcut; a dialog open over the window (an appointment, a question)
blocks the window's shortcuts, so the same key is caught here and reported as ``lock_key``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

POLL_MS = 5_000


def activity_events() -> frozenset[QEvent.Type]:
    """The events that count as the person's activity. Built when first needed: the first use of
    ``QEvent.Type`` makes PySide6 build that Python enum (about 20 ms), which the start page can do without."""
    return frozenset(
        {
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.KeyPress,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )


class InactivityWatcher(QObject):
    """Watches the QApplication's events once ``watch()`` is called (a file is open: before that there is
    nothing to lock); emits ``idle`` once ``minutes`` have passed without activity."""

    idle = Signal()
    lock_key = Signal()  # Ctrl+L pressed in a dialog that blocks the window

    def __init__(
        self,
        app: QObject,
        minutes: int,
        parent: QObject | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._clock = clock
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.check)
        self._activity: frozenset[QEvent.Type] = frozenset()
        self.watching = False
        self.set_minutes(minutes)
        self.timer.start()

    def watch(self) -> None:
        """From now on, every event of the application is looked at (the first unlock; kept afterwards)."""
        if not self.watching:
            self._activity = activity_events()
            self._app.installEventFilter(self)
            self.watching = True
        self.restart()

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Not watching while the window builds its pages: thousands of events (child added, polish…), each one a
        call into Python, that are no activity of the person."""
        if not self.watching:
            yield
            return
        self._app.removeEventFilter(self)
        try:
            yield
        finally:
            self._app.installEventFilter(self)
            self.restart()

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(1, int(minutes))
        self.restart()

    def restart(self) -> None:
        self.last_activity = self._clock()

    def idle_seconds(self) -> float:
        return self._clock() - self.last_activity

    def check(self) -> None:
        if self.idle_seconds() >= self.minutes * 60:
            self.restart()
            self.idle.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()  # once: each call builds a Python enum, for every event of the application
        if kind in self._activity:
            self.last_activity = self._clock()
            if (
                kind == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_L
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier
                and QApplication.activeModalWidget() is not None
            ):
                self.lock_key.emit()
                return True
        return False
