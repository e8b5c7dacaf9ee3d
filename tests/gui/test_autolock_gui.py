"""The idle watcher looks at the application's events only once a file is open: the start page does
without it (and without building PySide6's QEvent.Type enum, about 20 ms of the start)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY


def _key(widget) -> None:
    QApplication.sendEvent(widget, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier, "a"))


def test_the_watcher_counts_activity_only_once_a_file_is_open(make_window, tmp_path):
    folder = tmp_path / "donnees"
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    session.close()
    window = make_window(folder)
    watcher = window.watcher
    assert not watcher.watching  # the start page: nothing to lock, no event looked at
    watcher.last_activity -= 100
    _key(window.unlock_page)
    assert watcher.idle_seconds() >= 100  # a key on the start page is not counted

    window.unlock(PASSWORD)
    assert watcher.watching
    watcher.last_activity -= 100
    _key(window)
    assert watcher.idle_seconds() < 5  # once open, a key restarts the countdown

    window.lock()
    watcher.last_activity -= 100
    with watcher.paused():  # pausing (a workspace being built) and resuming keeps watching
        pass
    assert watcher.watching and watcher.idle_seconds() < 5
