"""Writing a document the user chose while another program holds it (Windows: a PermissionError on replace).

On Windows a file open in another program (a spreadsheet, a PDF reader, or for a moment the search indexer,
an antivirus, OneDrive) cannot be replaced: ``os.replace`` raises PermissionError. The safe writer waits a
little, then says in French what to do. The first tests simulate the refusal anywhere; the last two hold the
file for real and run on Windows only (make windows-test runs them under Wine).
"""

from __future__ import annotations

import errno
import sys
import threading

import pytest

from ilot_desktop import file_names, safe_files
from ilot_desktop.errors import StorageEnvironmentError

windows_only = pytest.mark.skipif(
    sys.platform != "win32", reason="Windows only: an open file cannot be replaced (sharing mode)"
)


def test_a_briefly_held_file_is_written_after_a_wait(monkeypatch, tmp_path):
    monkeypatch.setattr(file_names, "RETRY_ON_PERMISSION", True)
    target = tmp_path / "bilan.xlsx"
    target.write_bytes(b"old")
    real_replace, refusals = file_names.os.replace, []

    def indexer_holds_it_once(a, b):
        if not refusals:
            refusals.append(1)
            raise PermissionError(errno.EACCES, "held by the indexer")
        real_replace(a, b)

    monkeypatch.setattr(file_names.os, "replace", indexer_holds_it_once)
    safe_files.write_bytes(target, b"new", journal=None)
    assert target.read_bytes() == b"new" and refusals == [1]
    assert [p.name for p in tmp_path.iterdir()] == ["bilan.xlsx"], "no temporary file left"


def test_a_file_held_for_good_is_said_in_french(monkeypatch, tmp_path):
    monkeypatch.setattr(file_names, "RETRY_ON_PERMISSION", True)
    monkeypatch.setattr(file_names, "RETRY_SECONDS", 0.2)

    def held(a, b):
        raise PermissionError(errno.EACCES, "open in a spreadsheet")

    monkeypatch.setattr(file_names.os, "replace", held)
    target = tmp_path / "bilan.xlsx"
    target.write_bytes(b"old")
    with pytest.raises(StorageEnvironmentError) as caught:
        safe_files.write_bytes(target, b"new", journal=None)
    assert "fermez-le puis recommencez" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["bilan.xlsx"]


@windows_only
def test_windows_a_file_open_elsewhere_for_a_moment_is_replaced(tmp_path):
    target = tmp_path / "bilan.xlsx"
    target.write_bytes(b"old")
    holder = open(target, "rb")  # noqa: SIM115 - held like another program would, then let go
    threading.Timer(0.4, holder.close).start()
    safe_files.write_bytes(target, b"new", journal=None)
    assert target.read_bytes() == b"new"


@windows_only
def test_windows_a_file_kept_open_gives_the_french_message(tmp_path, monkeypatch):
    monkeypatch.setattr(file_names, "RETRY_SECONDS", 0.3)
    target = tmp_path / "bilan.xlsx"
    target.write_bytes(b"old")
    with open(target, "rb"), pytest.raises(StorageEnvironmentError) as caught:
        safe_files.write_bytes(target, b"new", journal=None)
    assert "fermez-le puis recommencez" in str(caught.value)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bilan.xlsx"]
