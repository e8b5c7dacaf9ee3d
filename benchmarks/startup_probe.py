"""One cold start, in a fresh process: ``startup_probe.py app DATA_DIR [PASSWORD]`` or ``startup_probe.py bare``.

``app`` runs the real entry point (``ilot_desktop.cli.main``, as the ``ilot-desktop`` command does) on a data
folder holding a vault, and notes when the unlock page has been painted; given the password, it then waits
as long as typing it would take and unlocks, timing this first unlock of a fresh process (it pays for the
imports the start left out). ``bare`` shows a plain PySide6 QMainWindow with four QTabWidget tabs, the
baseline. Both print one JSON line with ``time.monotonic()`` marks (system-wide on Linux, so the parent can
subtract the moment it spawned the process) and the peak memory.
"""

from __future__ import annotations

import time

STARTED = time.monotonic()

import json  # noqa: E402  (the first mark is taken before anything is imported)
import sys  # noqa: E402

from measure import headless, peak_rss_mb  # noqa: E402


class _FirstPaint:
    """Notes when a widget is first painted, then reports and quits on the next turn of the event loop."""

    def __init__(self, marks: dict, check=None, then=None):
        from PySide6.QtCore import QEvent, QObject

        self.marks = marks
        self.check = check
        self.then = then
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
        if self.then is not None:
            self.then()  # reports itself
            return
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


TYPING_SECONDS = 1.0  # typing a password takes at least this long: the window may use it


def app(data_dir: str, password: str | None) -> int:
    """The application's own start (argument parsing, logging, QApplication in French, main window)."""
    marks = {"started": STARTED}
    from ilot_desktop.ui import main_window

    original_show = main_window.MainWindow.show

    def show(window):
        marks["window_built"] = time.monotonic()
        then = (lambda: _unlock_later(window, password, marks)) if password else None
        probe = _FirstPaint(marks, check=lambda: window.stack.currentWidget() is window.unlock_page, then=then)
        probe.watch(window.unlock_page)
        window._benchmark_probe = probe
        original_show(window)

    main_window.MainWindow.show = show
    from ilot_desktop.cli import main

    marks["imported"] = time.monotonic()
    return main(["--data-dir", data_dir])


def _unlock_later(window, password: str, marks: dict) -> None:
    """Type nothing for TYPING_SECONDS, then unlock through the page; the report is printed once done."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ilot_desktop.storage import keys

    derive = keys._derive

    def timed_derive(*args):
        started = time.perf_counter()
        try:
            return derive(*args)
        finally:
            marks["unlock_kdf_ms"] = round((time.perf_counter() - started) * 1000, 1)

    keys._derive = timed_derive

    def unlock():
        window.unlock_page.password.setText(password)
        started = time.perf_counter()
        window.unlock_page.unlock_button.click()
        QApplication.processEvents()
        QApplication.processEvents()
        marks["unlock_ms"] = round((time.perf_counter() - started) * 1000, 1)
        marks["unlocked"] = window.stack.currentWidget() is window.workspace
        marks["peak_rss_after_unlock_mb"] = peak_rss_mb()
        print(json.dumps(marks), flush=True)
        window.lock()
        QApplication.instance().quit()

    QTimer.singleShot(int(TYPING_SECONDS * 1000), unlock)


if __name__ == "__main__":
    headless()
    if sys.argv[1] == "bare":
        bare()
    else:
        sys.exit(app(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
