"""Child process of test_memory_after_lock.py: unlock, read every participant as the window does, lock, wait.

``memory_probe.py FOLDER`` goes through the services; ``memory_probe.py FOLDER --window`` through the real
window, offscreen: unlock page, list, every file opened in the form, then the window's own lock (Ctrl+L).

Reads the folder on the command line and the password on stdin (never in argv, which stays in memory),
prints "verrouillé" once locked, then waits for a line on stdin before exiting, so that the parent can scan
this process's memory in the meantime. Nothing here knows the marker names: they come only from the file.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    from ilot_desktop.services import vault

    folder = Path(sys.argv[1])
    password = sys.stdin.readline().rstrip("\n")
    if "--window" in sys.argv:
        _kept_alive = through_the_window(folder, password)  # the locked window, waiting for its password
        del password
        print("verrouillé", flush=True)
        sys.stdin.readline()
        return
    session = vault.unlock(folder, password)
    people = [session.participants.get(summary.id) for summary in session.participants.summaries()]
    assert people, "no participant in the file"
    session.check(full=False)
    # what the window's lock does (ui/locking.py): the pages let go of what they show, then the session closes
    del people
    session.close()
    del session, password
    print("verrouillé", flush=True)
    sys.stdin.readline()


def through_the_window(folder: Path, password: str):
    from ilot_desktop.app import create_application
    from ilot_desktop.paths import app_paths
    from ilot_desktop.settings import LocalSettings
    from ilot_desktop.ui.main_window import MainWindow

    app = create_application(["ilot-desktop"])
    paths = app_paths(folder)
    window = MainWindow(paths, LocalSettings(paths.settings_file))
    window.auto_backup = lambda: None  # a backup of the day is another subject (and a second)
    window.show()
    window.unlock_page.password.setText(password)
    window.unlock_page.unlock_button.click()
    app.processEvents()
    assert window.session is not None, window.unlock_page.error.text()
    for summary in window.session.participants.summaries():
        window.open_participant(summary.id)
        app.processEvents()
    window.lock()
    for _ in range(3):
        app.processEvents()
    assert window.session is None
    return app, window


if __name__ == "__main__":
    main()
