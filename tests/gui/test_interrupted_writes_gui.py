"""Issue 12 #3: a write killed last time is found at the next start of the window, its unfinished file is
deleted, and the person is told once the window shows. ``run_gui`` runs for real up to the event loop."""

from __future__ import annotations

import json
import subprocess
import sys

from ilot_desktop import safe_files
from ilot_desktop.paths import app_paths
from tests.conftest import TODAY


def _run_gui(qapp, monkeypatch, folder):
    import ilot_desktop.app as app_module
    from ilot_desktop.ui import dialogs
    from ilot_desktop.ui import main_window as main_window_module

    said: list[tuple] = []
    windows: list = []
    real_window = getattr(main_window_module.MainWindow, "real", main_window_module.MainWindow)

    class Window(real_window):
        real = real_window

        def __init__(self, paths, settings):
            super().__init__(paths, settings, today=lambda: TODAY)
            windows.append(self)

    class Application:
        def exec(self):
            qapp.processEvents()  # the message is posted for when the window shows
            return 0

        def quit(self):
            pass

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    monkeypatch.setattr(main_window_module, "MainWindow", Window)
    monkeypatch.setattr(app_module, "create_application", lambda argv: Application())
    monkeypatch.setattr(dialogs, "inform", lambda *args, **kwargs: said.append(args[1:]))
    try:
        assert app_module.run_gui(app_paths(folder)) == 0
    finally:
        safe_files.configure(None)
        for window in windows:
            window.close()
            window.deleteLater()
    return said


def test_the_window_removes_a_killed_write_and_says_so(qapp, monkeypatch, tmp_path):
    data, exports = tmp_path / "donnees", tmp_path / "exports"
    journal = data / safe_files.JOURNAL_DIR_NAME
    journal.mkdir(parents=True)
    exports.mkdir()
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    unfinished = exports / ("~ilot-" + "c" * 32 + ".tmp")
    unfinished.write_text("Dupont Jean, né le 12/04/1985", encoding="utf-8")
    (journal / ("c" * 32 + ".json")).write_text(json.dumps({"temp": str(unfinished), "pid": child.pid}))

    said = _run_gui(qapp, monkeypatch, data)
    assert not unfinished.exists() and list(journal.iterdir()) == []
    (message,) = [call for call in said if "interrompue" in " ".join(map(str, call))]
    assert "1 fichier inachevé" in message[-1] and str(exports) in message[-1]

    assert _run_gui(qapp, monkeypatch, data) == []  # said once: nothing at the start after
