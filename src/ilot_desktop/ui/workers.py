"""Long work off the GUI thread: a worker thread, a modal progress dialog in French, the answer back here.

``run_in_background(parent, title, text, work)`` runs ``work(progress)`` on a thread of its own while a modal
progress dialog keeps the window alive (repaints, timers), then returns ``work``'s result, or raises its
exception, in the GUI thread: callers keep the error handling they had (an ``IlotError`` shown in French,
anything else on to the bug-report path). The rules:

- ``work`` never touches a widget. It gets plain values, read from the widgets before it starts, and talks
  back only through ``progress(done, total)``, whose signal is queued to the GUI thread.
- ``work`` opens its own unit of work: it calls services, each call of which opens a unit of work (a session
  and a pooled connection) of its own, used by that thread only until it is closed. The engine's connections
  to a file are not bound to the thread that opened them (SQLAlchemy turns ``check_same_thread`` off for a
  file), so the pool hands them to whichever thread asks next; no session is shared between threads.
- Cancelling only where it is safe: ``cancellable=True`` shows « Annuler »; the work stops at its next
  ``progress`` call (``WorkCancelled`` is raised there and reaches the caller). Work that must not be cut (a
  backup up to its final rename, a transaction up to its commit, two files written together) has no
  « Annuler »: Escape and the close button wait for its end.
- Locking waits as well: the dialog's loop is one of ``ui.dialogs``' questions, so a lock requested meanwhile
  cancels cancellable work, lets the rest finish, and locks once the loop has returned; asked to start while
  a lock is pending, the work does not start (``WorkCancelled``).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar, cast

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ilot_desktop.ui import dialogs

__all__ = ["Progress", "ProgressDialog", "WorkCancelled", "Worker", "run_in_background"]

log = logging.getLogger(__name__)
T = TypeVar("T")

SIGNAL_EVERY = 0.05  # seconds between two progress signals: a bar redrawn 20 times a second is smooth enough
# The dialog is modal at once (nothing else can be clicked meanwhile) but drawn only after this: work done
# sooner (a small funder file) does not flash a window. Where the platform cannot make a window transparent it
# is simply drawn at once.
REVEAL_AFTER_MS = 400
_NOT_STARTED = object()


class WorkCancelled(BaseException):
    """The work stopped at « Annuler » (or never started: a lock was under way). A ``BaseException``, as
    ``asyncio.CancelledError`` is: no ``except Exception`` on its way out of the services swallows it, and
    every unit of work it crosses rolls back."""


def french_number(value: int) -> str:
    """12 345 with a no-break space, as the rest of the window writes counts."""
    return f"{value:,}".replace(",", "\u00a0")


class Progress:
    """Given to the work and called from its thread: ``progress(done, total)`` (total 0 when unknown).

    Every call checks for « Annuler » and raises ``WorkCancelled`` once it was chosen; signals are sent at
    most every ``SIGNAL_EVERY`` seconds, so a call per row costs nothing on the GUI side."""

    def __init__(self, emit: Callable[[int, int], None], cancelled: threading.Event):
        self._emit = emit
        self._cancelled = cancelled
        self._last = 0.0

    def __call__(self, done: int, total: int = 0) -> None:
        if self._cancelled.is_set():
            raise WorkCancelled
        now = time.monotonic()
        if now - self._last >= SIGNAL_EVERY or (total and done >= total):
            self._last = now
            self._emit(done, total)

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()


class Worker(QObject):
    """Runs ``work(progress)`` once on its own ``QThread``. Signals, received in the GUI thread:
    ``progress(done, total)``, ``finished(result)``, ``failed(exception)``. The result or the exception is
    also kept (``result``, ``error``) for the code that ``wait()``s for the thread."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Callable[[Progress], object]):
        super().__init__()
        self._work = work
        self._cancel = threading.Event()
        self._thread = _Thread(self._run)
        self.result: object = None
        self.error: BaseException | None = None

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        """The work stops at its next ``progress`` call."""
        self._cancel.set()

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    def wait(self) -> None:
        """Until the thread has ended (its unit of work closed)."""
        self._thread.wait()

    def release(self) -> tuple[object, BaseException | None]:
        """Once the thread has ended: its result and error, and nothing of them (nor of the work's values, which
        may name people) kept here for the garbage collector to find later."""
        result, error = self.result, self.error
        self.result, self.error = None, None
        self._work = _done
        return result, error

    def _run(self) -> None:  # in the worker thread: no widget here
        try:
            self.result = self._work(Progress(self.progress.emit, self._cancel))
        except BaseException as exc:  # handed over to the GUI thread, which decides what it means
            self.error = exc
            self.failed.emit(exc)
        else:
            self.finished.emit(self.result)


def _done(_progress: Progress) -> None:
    """What a released worker holds instead of its work."""


class _Thread(QThread):
    def __init__(self, target: Callable[[], None]):
        super().__init__()
        self._target = target

    def run(self) -> None:
        self._target()


class ProgressDialog(QDialog):
    """Modal while the worker runs: what is being done, a bar (moving until a total is known), how far it
    got, and « Annuler » when the work can be stopped. It closes itself when the work ends, never before."""

    def __init__(
        self,
        worker: Worker,
        title: str,
        text: str,
        parent: QWidget | None = None,
        cancellable: bool = False,
        counting: str = "",
    ):
        super().__init__(parent)
        self.worker = worker
        self.cancellable = cancellable
        self.counting = counting
        self.ended = False
        self.setWindowTitle(title)
        self.setModal(True)
        self.label = QLabel(text, self)
        self.label.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)  # moving: the total is not known yet
        self.bar.setAccessibleName(text)
        self.bar.setTextVisible(False)
        self.detail = QLabel(self)
        self.cancel_button = QPushButton("Annuler", self)
        self.cancel_button.clicked.connect(self.reject)
        self.cancel_button.setVisible(cancellable)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.setMinimumWidth(420)
        self.setWindowOpacity(0.0)
        QTimer.singleShot(REVEAL_AFTER_MS, self._reveal)
        worker.progress.connect(self._progressed)
        worker.finished.connect(self._ended)
        worker.failed.connect(self._ended)

    def _reveal(self) -> None:
        self.setWindowOpacity(1.0)

    def _progressed(self, done: int, total: int) -> None:
        if total > 0 and done <= total:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
            counted = f"{french_number(done)} {self.counting} sur {french_number(total)}"
        else:  # unknown, or the file declared fewer rows than it holds
            self.bar.setRange(0, 0)
            counted = f"{french_number(done)} {self.counting}"
        if self.counting:
            self.detail.setText(counted)

    def _ended(self, _outcome: object) -> None:
        self.ended = True
        self.done(QDialog.DialogCode.Accepted.value)

    def reject(self) -> None:
        """« Annuler », Escape, the close button and a lock asking every question to answer « Annuler »."""
        if self.ended:
            super().reject()
            return
        if self.cancellable and not self.worker.cancel_requested:
            self.worker.cancel()
            self.label.setText("Annulation…")
            self.cancel_button.setEnabled(False)
            log.info("background work: cancel requested")
        # otherwise the work goes on to its end (a backup is never cut), and the dialog with it

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ended:
            super().closeEvent(event)
            return
        event.ignore()
        self.reject()


def run_in_background(
    parent: QWidget | None,
    title: str,
    text: str,
    work: Callable[[Progress], T],
    *,
    cancellable: bool = False,
    counting: str = "",
) -> T:
    """``work(progress)`` on a worker thread behind a modal progress dialog; its result, or its exception
    raised here in the GUI thread. ``WorkCancelled`` when « Annuler » stopped it or a pending lock kept it from
    starting. ``counting`` names what ``progress`` counts (« lignes lues »): « 1 200 lignes lues sur 5 000 »."""
    worker = Worker(work)
    dialog = ProgressDialog(worker, title, text, parent, cancellable, counting)

    def show() -> object:
        worker.start()
        return dialog.exec()

    try:
        if dialogs._run(show, _NOT_STARTED, dialog) is _NOT_STARTED:
            log.info("background work not started: the window is locking")
            raise WorkCancelled
        if not dialog.ended:  # the loop was ended from outside: stop what can be stopped, then wait
            worker.cancel()
        worker.wait()
    finally:
        dialog.deleteLater()
    result, error = worker.release()
    if error is not None:
        if isinstance(error, WorkCancelled):
            log.info("background work cancelled")
        raise error
    return cast(T, result)
