"""One cold start, in a fresh process: ``startup_probe.py app DATA_DIR`` or ``startup_probe.py bare``.

``app`` runs the real entry point (``ilot_desktop.cli.main``, as the ``ilot-desktop`` command does) on a data
folder holding a vault, and stops as soon as the unlock page has been painted. ``bare`` shows a plain PySide6
QMainWindow with four QTabWidget tabs, the baseline. Both print one JSON line with ``time.monotonic()`` marks
(system-wide on Linux, so the parent can subtract the moment it spawned the process) and the peak memory.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import json  # noqa: E402  (the first mark is taken before anything is imported)
import sys  # noqa: E402

from measure import headless, peak_rss_mb  # noqa: E402


class _FirstPaint:
    """Notes when a widget is first painted, then reports and quits on the next turn of the event loop."""

    def __init__(self, marks: dict, check=None):
        from PySide6.QtCore import QEvent, QObject

        self.marks = marks
        self.check = check
        probe = self

        class Filter(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and "painted" not in probe.marks:
                    probe.marks["painted"] = time.monotonic()
                    from PySide6.QtCore import QTimer

                    QTimer.singleShot(0, probe.report)
                return False

        self.filter = Filter()

    def watch(self, widget) -> None:
        widget.installEventFilter(self.filter)

    def report(self) -> None:
        from PySide6.QtWidgets import QApplication

        self.marks["reported"] = time.monotonic()
        if self.check is not None:
            self.marks["ok"] = bool(self.check())
        self.marks["peak_rss_mb"] = peak_rss_mb()
        print(json.dumps(self.marks), flush=True)
        QApplication.instance().quit()


def bare() -> None:
    marks = {"started": STARTED}
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget

    marks["imported"] = time.monotonic()
    app = QApplication(sys.argv)
    window = QMainWindow()
    tabs = QTabWidget(window)
    for n in range(1, 5):
        tabs.addTab(QLabel(f"Page {n}"), f"Onglet {n}")
    window.setCentralWidget(tabs)
    window.resize(1280, 820)
    probe = _FirstPaint(marks, check=lambda: tabs.currentWidget().isVisible())
    probe.watch(tabs.currentWidget())
    marks["window_built"] = time.monotonic()
    window.show()
    app.exec()


def app(data_dir: str) -> int:
    """The application's own start (argument parsing, logging, QApplication in French, main window)."""
    marks = {"started": STARTED}
    from ilot_desktop.ui import main_window

    original_show = main_window.MainWindow.show

    def show(window):
        marks["window_built"] = time.monotonic()
        probe = _FirstPaint(marks, check=lambda: window.stack.currentWidget() is window.unlock_page)
        probe.watch(window.unlock_page)
        window._benchmark_probe = probe
        original_show(window)

    main_window.MainWindow.show = show
    from ilot_desktop.cli import main

    marks["imported"] = time.monotonic()
    return main(["--data-dir", data_dir])


if __name__ == "__main__":
    headless()
    if sys.argv[1] == "bare":
        bare()
    else:
        sys.exit(app(sys.argv[2]))
