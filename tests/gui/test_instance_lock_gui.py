"""Issue 12 #4: the lock file must never trap the caseworker. Only a live instance on this computer blocks the
window; a lock file that a power cut, another computer or a copy left behind is taken over; a read-only folder
opens read-only with a banner; a full disk is said as such.

``run_gui`` runs for real up to the event loop (the application's ``exec`` is replaced by a look at the window).
"""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from ilot_desktop.paths import app_paths
from tests.conftest import TODAY
from tests.lock_holder import window_in_another_process

LOCK = "ilot-desktop.lock"


class Opened:
    """What ``run_gui`` did: its exit code, the dialogs it showed, the window it opened."""

    def __init__(self):
        self.code: int | None = None
        self.said: list[tuple] = []
        self.windows: list = []
        self.banner: str | None = None

    @property
    def refused_as_already_open(self) -> bool:
        return any("déjà ouvert" in " ".join(map(str, call)) for call in self.said)


@pytest.fixture
def open_window(qapp, monkeypatch):
    import ilot_desktop.app as app_module
    from ilot_desktop.ui import dialogs
    from ilot_desktop.ui import main_window as main_window_module

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_gui installs its own
    real_window = main_window_module.MainWindow
    runs: list[Opened] = []

    def run(folder: Path) -> Opened:
        opened = Opened()
        runs.append(opened)

        class Window(real_window):
            def __init__(self, paths, settings):
                super().__init__(paths, settings, today=lambda: TODAY)
                opened.windows.append(self)

        class Application:
            def exec(self):
                banner = getattr(opened.windows[-1], "read_only_banner", None)
                if banner is not None and banner.isVisibleTo(opened.windows[-1]):
                    opened.banner = banner.text()
                return 0

            def quit(self):
                pass

        monkeypatch.setattr(main_window_module, "MainWindow", Window)
        monkeypatch.setattr(app_module, "create_application", lambda argv: Application())
        monkeypatch.setattr(dialogs, "inform", lambda *args, **kwargs: opened.said.append(args[1:]))
        opened.code = app_module.run_gui(app_paths(folder))
        return opened

    yield run
    from PySide6.QtCore import QCoreApplication, QEvent

    for opened in runs:
        for window in opened.windows:
            window.close()
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _leave(folder: Path, how: str) -> None:
    folder.mkdir(parents=True)
    lock = folder / LOCK
    if how == "empty file (power cut)":
        lock.write_bytes(b"")
    elif how == "garbage":
        lock.write_bytes(b"\x00\xff\xfe n'importe quoi\n\n\x01")
    elif how == "another computer's lock":
        lock.write_text("4242\nilot-desktop\nposte-accueil-2\nabcd\n")
    elif how == "a dead process on this computer":
        lock.write_text(f"{2**22 + 17}\nilot-desktop\n{os.uname().nodename if hasattr(os, 'uname') else ''}\n")
    elif how == "an empty folder":
        lock.mkdir()
    elif how == "a folder with something inside":
        lock.mkdir()
        (lock / "quelque-chose").write_text("x")
    else:
        raise AssertionError(how)


@pytest.mark.parametrize(
    "how",
    [
        "empty file (power cut)",
        "garbage",
        "another computer's lock",
        "a dead process on this computer",
        "an empty folder",
        "a folder with something inside",
    ],
)
def test_a_stale_or_broken_lock_is_taken_over(open_window, tmp_path, how):
    folder = tmp_path / "donnees"
    _leave(folder, how)
    opened = open_window(folder)
    assert not opened.refused_as_already_open, opened.said
    assert opened.code == 0 and opened.said == [] and len(opened.windows) == 1
    assert opened.banner is None
    assert (folder / LOCK).is_file()  # the window's own lock now, released at the end
    if how == "a folder with something inside":  # kept aside, not deleted
        aside = [p for p in folder.iterdir() if p.name.startswith(LOCK + ".")]
        assert len(aside) == 1 and (aside[0] / "quelque-chose").read_text() == "x"


def test_only_a_live_instance_blocks_and_its_death_frees_the_folder(open_window, tmp_path):
    folder = tmp_path / "donnees"
    with window_in_another_process(folder):
        refused = open_window(folder)
        assert refused.code == 1 and refused.refused_as_already_open and refused.windows == []
    opened = open_window(folder)  # killed, not closed: the system released its lock
    assert opened.code == 0 and opened.said == []


# --- on a real tiny file system (root with mount allowed; skipped elsewhere) ------------------------------------


@contextmanager
def tmpfs(path: Path, size_kib: int):
    import shutil

    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root on Linux")
    path.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(path)], capture_output=True
    ).returncode:
        pytest.skip("mount is not allowed here")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_a_read_only_folder_opens_read_only_with_a_banner(open_window, tmp_path, monkeypatch):
    """The backup copy on a locked USB key: the window opens, says it will save nothing, and a save is refused
    in words."""
    from ilot_desktop.services import vault
    from ilot_desktop.ui import dialogs
    from tests.conftest import PASSWORD
    from tests.factories import make_participant

    with tmpfs(tmp_path / "cle-usb", 4096) as usb:
        folder = usb / "donnees"
        session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
        person = session.participants.save(make_participant(file_number="DE-2026-001", last_name="Lefèvre"))
        session.close()
        subprocess.run(["mount", "-o", "remount,ro", str(usb)], check=True, capture_output=True)
        opened = open_window(folder)
        assert not opened.refused_as_already_open, opened.said
        assert opened.code == 0 and len(opened.windows) == 1
        assert opened.banner is not None and opened.banner.startswith("Lecture seule\u00a0:")
        window = opened.windows[0]
        errors = []
        monkeypatch.setattr(dialogs, "show_error", lambda parent, error, *rest: errors.append(str(error)))
        window.unlock(PASSWORD)
        assert window.session is not None  # read, as on any day
        window.open_participant(person.id)
        window.form.editors["last_name"].setText("Martin")
        assert window.form.save() is False
        assert errors and "lecture seule" in errors[-1]
        window.form._set_dirty(False)
        window.lock()


def test_a_full_disk_is_said_and_the_window_still_opens(open_window, tmp_path):
    with tmpfs(tmp_path / "petit", 64) as disk:
        folder = disk / "donnees"
        folder.mkdir()
        try:
            with (disk / "remplissage").open("wb") as filler:
                while True:
                    filler.write(b"x" * 4096)
                    filler.flush()
        except OSError:
            pass
        opened = open_window(folder)
        assert not opened.refused_as_already_open, opened.said
        assert opened.code == 0 and len(opened.windows) == 1
        assert any("disque est plein" in " ".join(call) for call in opened.said), opened.said
