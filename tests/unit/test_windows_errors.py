"""System errors as Windows gives them, said in French (found running the suite under Wine).

Windows opens a folder as a file with « permission denied » (EACCES), not IsADirectoryError; and a system
error's own text (``strerror``) is English on every system.
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
