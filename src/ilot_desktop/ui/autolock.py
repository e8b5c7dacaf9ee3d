"""Lock the records when the laptop is left alone: any mouse, key or wheel event restarts the countdown."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal

ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.KeyPress,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class InactivityWatcher(QObject):
    """Installed on the QApplication; emits ``idle`` after ``minutes`` without activity."""

    idle = Signal()

    def __init__(self, app, minutes: int, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.minutes = max(1, int(minutes))
        self.timer.setInterval(self.minutes * 60_000)
        self.restart()

    def restart(self) -> None:
        self.timer.start()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in ACTIVITY:
            self.timer.start()
        return False
