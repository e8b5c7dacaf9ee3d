"""GUI tests drive real widgets offscreen. Any dialog not stubbed by the test fails it (no hang)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ilot_desktop.paths import app_paths
from ilot_desktop.settings import LocalSettings
from tests.conftest import TODAY


class UnexpectedDialog(AssertionError):
    pass


def _refuse(*args, **kwargs):
    raise UnexpectedDialog("a dialog opened that the test did not expect")


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(monkeypatch):
    monkeypatch.setattr(QMessageBox, "exec", _refuse)
    for name in ("getSaveFileName", "getOpenFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, staticmethod(_refuse))
    for name in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(_refuse))
    from PySide6.QtPrintSupport import QPrintDialog

    monkeypatch.setattr(QPrintDialog, "exec", _refuse)


@pytest.fixture(autouse=True)
def _no_automatic_backups(request, monkeypatch):
    """A verified backup at every unlock costs a second: only tests marked ``auto_backup`` make them."""
    if request.node.get_closest_marker("auto_backup") is None:
        from ilot_desktop.ui.window_actions import WindowActionsMixin

        monkeypatch.setattr(WindowActionsMixin, "auto_backup", lambda self: None)


@pytest.fixture(scope="session", autouse=True)
def _french_application(qapp):
    """The application as ``app.create_application`` prepares it: French, the wheel guard."""
    from ilot_desktop.app import install_application_wide

    install_application_wide(qapp)


@pytest.fixture
def make_window(qtbot, tmp_path):
    """A main window over a data folder in tmp_path, today fixed."""
    from ilot_desktop.ui.main_window import MainWindow

    windows = []

    def factory(folder=None):
        paths = app_paths(folder or tmp_path / "donnees")
        window = MainWindow(paths, LocalSettings(paths.settings_file), today=lambda: TODAY)
        window.show()
        windows.append(window)
        return window

    yield factory
    for window in windows:  # closed here, not by qtbot: a dirty form would ask before closing
        window.discard_edits()  # every page and record dialog: nothing asked on closing
        window.code_page.confirm.setChecked(True)
        window.close()
        window.deleteLater()
    # Really deleted now: processEvents() leaves deferred deletions alone, and ~800 widgets a window piled
    # up over the suite (63,000 by its end), each one then woken by every application-wide event.
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def answers(monkeypatch):
    """Script the answers of ``ui.dialogs``: ``answers.queue(...)``; every call is recorded."""
    from ilot_desktop.ui import dialogs

    class Script:
        def __init__(self):
            self.pending = []
            self.calls = []

        def queue(self, *values):
            self.pending.extend(values)

        def _answer(self, name):
            def fn(*args, **kwargs):
                self.calls.append((name, args[1:] if len(args) > 1 else ()))
                if name in ("inform", "show_error", "open_file"):
                    return None
                if not self.pending:
                    raise UnexpectedDialog(f"dialogs.{name} called with no scripted answer")
                return self.pending.pop(0)

            return fn

    script = Script()
    for name in (
        "inform",
        "show_error",
        "ask_unsaved",
        "ask_duplicate",
        "choose_save_path",
        "confirm",
        "open_file",
        "choose_printer",
        "choose_folder",
        "choose_open_path",
    ):
        monkeypatch.setattr(dialogs, name, script._answer(name))
    return script
