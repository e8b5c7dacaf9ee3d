"""What Windows does differently with files, found running the program and the suite under Wine.

Windows opens a folder as a file with « permission denied » (EACCES), not IsADirectoryError; a system
error's own text (``strerror``) is English on every system; Windows flushes a file only through a handle
open for writing.
"""

from __future__ import annotations

import errno
import pathlib

from ilot_desktop.services.exchange import read_workbook


def _problem(path) -> str:
    sheets, problems = read_workbook(path)
    assert sheets == [] and len(problems) == 1
    return problems[0].message


def test_a_folder_refused_as_windows_does_is_said_to_be_a_folder(monkeypatch, tmp_path):
    def windows_read_bytes(self):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "read_bytes", windows_read_bytes)
    assert "est un dossier" in _problem(tmp_path)


def test_an_unreadable_file_is_said_in_french(monkeypatch, tmp_path):
    workbook = tmp_path / "equipe.xlsx"
    workbook.write_bytes(b"PK")

    def held(self):
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(pathlib.Path, "read_bytes", held)
    message = _problem(workbook)
    assert "accès refusé" in message and "Permission denied" not in message


def test_a_backup_file_is_flushed_through_a_handle_windows_accepts(monkeypatch, tmp_path):
    """Windows flushes a file (FlushFileBuffers) only through a handle open for writing: backup, restore and
    re-keying old backups all fsync their copies, and every one failed with « lecture seule » under Windows."""
    from ilot_desktop.storage import backup

    copy = tmp_path / "ilot.db"
    copy.write_bytes(b"copy")
    real_open, real_fsync, modes = backup.os.open, backup.os.fsync, {}

    def windows_open(path, flags, *args):
        fd = real_open(path, flags, *args)
        modes[fd] = flags
        return fd

    def windows_fsync(fd):
        if modes.get(fd, 0) & (backup.os.O_WRONLY | backup.os.O_RDWR) == 0:
            raise PermissionError(errno.EACCES, "Permission denied")
        real_fsync(fd)

    refused = None
    with monkeypatch.context() as windows:  # undone before pytest reports (it makes paths from os.name)
        windows.setattr(backup.os, "name", "nt")
        windows.setattr(backup.os, "open", windows_open)
        windows.setattr(backup.os, "fsync", windows_fsync)
        try:
            backup.fsync_file(copy)
        except PermissionError as exc:
            refused = exc
    assert refused is None, "flushed through a read-only handle: Windows refuses it"
    assert copy.read_bytes() == b"copy"
