"""The one safe file writer (safe_files) and the long-text pieces of the workbooks (reports.xlsx)."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time

import pytest

from ilot_desktop import safe_files
from ilot_desktop.errors import StorageEnvironmentError
from ilot_desktop.reports.xlsx import MAX_CELL_TEXT, continuation_header, continued, split_text


@pytest.fixture
def journal(tmp_path):
    data = tmp_path / "donnees"
    data.mkdir()
    safe_files.configure(data)
    yield data / safe_files.JOURNAL_DIR_NAME
    safe_files.configure(None)


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def leftover(journal, folder, pid: int, token: str = "ab" * 16):
    """What a write killed after creating its temporary file leaves: the record and the file."""
    journal.mkdir(exist_ok=True)
    tmp = folder / f"~ilot-{token}.tmp"
    tmp.write_text("Dupont Jean, né le 12/04/1985", encoding="utf-8")
    (journal / f"{token}.json").write_text(json.dumps({"temp": str(tmp), "pid": pid}), encoding="utf-8")
    return tmp


# --- writing ------------------------------------------------------------------------------------------


def test_write_replaces_atomically_and_leaves_only_the_destination(tmp_path, journal):
    out = tmp_path / "copie-Dupont.pdf"
    out.write_bytes(b"old")
    safe_files.write_bytes(out, b"new content")
    assert out.read_bytes() == b"new content"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copie-Dupont.pdf", "donnees"]
    assert list(journal.iterdir()) == []  # the record went with the rename
    if os.name == "posix":
        assert out.stat().st_mode & 0o077 == 0  # the person's alone


def test_the_temporary_name_is_random_and_the_record_exists_during_the_write(tmp_path, journal, monkeypatch):
    seen = {}
    real_replace = os.replace

    def spy(src, dst):
        seen["tmp"] = os.path.basename(src)
        seen["records"] = [json.loads(p.read_text()) for p in journal.iterdir()]
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", spy)
    safe_files.write_text(tmp_path / "Dupont Jean.xlsx", "x")
    assert safe_files.TEMP_NAME.fullmatch(seen["tmp"]) and "Dupont" not in seen["tmp"]
    assert [r["temp"] for r in seen["records"]] == [str(tmp_path / seen["tmp"])]
    assert seen["records"][0]["pid"] == os.getpid()
    assert "Dupont" not in json.dumps(seen["records"])


def test_a_missing_folder_is_refused_in_french_and_never_created(tmp_path):
    target = tmp_path / "absent" / "export.xlsx"
    with pytest.raises(StorageEnvironmentError, match="n'existe pas\u00a0: choisissez un dossier existant"):
        safe_files.write_bytes(target, b"x")
    assert not target.parent.exists()


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "Le disque est plein"),
        (errno.EROFS, "lecture seule"),
        (errno.EACCES, "lecture seule ou droits insuffisants"),
        (errno.EIO, "erreur du système"),
    ],
)
def test_system_errors_in_french_and_nothing_left(tmp_path, journal, monkeypatch, code, words):
    real_write = os.write

    def failing(fd, data):
        real_write(fd, bytes(data[:10]))  # half written, then the disk says no
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "write", failing)
    with pytest.raises(StorageEnvironmentError, match=words) as caught:
        safe_files.write_bytes(tmp_path / "Dupont.xlsx", b"Dupont Jean " * 100)
    monkeypatch.undo()
    assert "Dupont" not in str(caught.value) and os.strerror(code) not in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["donnees"]
    assert list(journal.iterdir()) == []


def test_a_failed_rename_removes_the_temporary_file(tmp_path, journal, monkeypatch):
    out = tmp_path / "bilan.xlsx"
    out.write_bytes(b"old")

    def busy(src, dst):
        raise PermissionError(errno.EACCES, "in use")

    monkeypatch.setattr(os, "replace", busy)
    with pytest.raises(StorageEnvironmentError, match="fermez-le puis recommencez"):
        safe_files.write_bytes(out, b"new")
    monkeypatch.undo()
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bilan.xlsx", "donnees"]


def test_without_a_journal_writes_still_work(tmp_path):
    safe_files.configure(None)
    safe_files.write_bytes(tmp_path / "a.pdf", b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]


def test_an_unwritable_data_folder_does_not_stop_an_export_elsewhere(tmp_path):
    safe_files.configure(tmp_path / "cle-usb-absente")  # the data folder is gone: no record possible
    try:
        safe_files.write_bytes(tmp_path / "a.pdf", b"%PDF")
    finally:
        safe_files.configure(None)
    assert (tmp_path / "a.pdf").read_bytes() == b"%PDF"


def test_old_orphans_of_the_name_pattern_are_swept_from_the_destination(tmp_path):
    old = tmp_path / ("~ilot-" + "1" * 32 + ".tmp")
    young = tmp_path / ("~ilot-" + "2" * 32 + ".tmp")
    other = tmp_path / "~ilot-notes.tmp"  # not our exact pattern: never touched
    for path in (old, young, other):
        path.write_text("Dupont")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    safe_files.write_bytes(tmp_path / "a.pdf", b"%PDF", journal=None)
    assert not old.exists() and young.exists() and other.exists()


# --- at start ---------------------------------------------------------------------------------------------


def test_a_killed_write_is_cleaned_at_the_next_start_and_said_in_french(tmp_path, journal):
    tmp = leftover(journal, tmp_path, dead_pid())
    found = safe_files.finish_interrupted_writes(journal.parent)
    assert found.removed == [tmp] and found.left == []
    assert not tmp.exists() and list(journal.iterdir()) == []
    (line,) = found.messages()
    assert "1 fichier inachevé\u00a0: supprimé" in line and str(tmp_path) in line and "Dupont" not in line
    assert safe_files.finish_interrupted_writes(journal.parent).messages() == []  # said once


def test_a_write_in_progress_in_another_live_process_is_left_alone(tmp_path, journal):
    tmp = leftover(journal, tmp_path, os.getppid())
    assert safe_files.finish_interrupted_writes(journal.parent).removed == []
    assert tmp.exists() and len(list(journal.iterdir())) == 1


def test_a_record_cut_by_the_kill_or_pointing_elsewhere_deletes_nothing_else(tmp_path, journal):
    journal.mkdir()
    (journal / "cut.json").write_text('{"temp": "/x', encoding="utf-8")
    precious = tmp_path / "notes.docx"
    precious.write_text("keep")
    (journal / "evil.json").write_text(json.dumps({"temp": str(precious), "pid": dead_pid()}), encoding="utf-8")
    found = safe_files.finish_interrupted_writes(journal.parent)
    assert found.removed == [] and precious.exists() and list(journal.iterdir()) == []


def test_a_file_that_cannot_be_deleted_is_named_for_the_person(tmp_path, journal, monkeypatch):
    tmp = leftover(journal, tmp_path, dead_pid())
    real_unlink = type(tmp).unlink

    def refuse(path, *args, **kwargs):
        if path == tmp:
            raise PermissionError(errno.EACCES, "denied")
        return real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(type(tmp), "unlink", refuse)
    found = safe_files.finish_interrupted_writes(journal.parent)
    assert found.left == [tmp]
    assert "supprimez-le vous-même" in found.messages()[0]
    assert len(list(journal.iterdir())) == 1  # tried again next time


# --- long texts -----------------------------------------------------------------------------------------


def test_short_texts_stay_whole():
    assert split_text("court") == ["court"]
    assert split_text("x" * MAX_CELL_TEXT) == ["x" * MAX_CELL_TEXT]


def test_long_texts_split_at_the_cell_limit_and_join_back():
    text = "".join(f"mot{i} " for i in range(20_000))  # 168,890 characters: 6 cells
    pieces = split_text(text)
    assert "".join(pieces) == text and len(pieces) == 6
    assert all(len(p) <= MAX_CELL_TEXT for p in pieces)
    assert all(p == p.strip() for p in pieces[:-1])  # a reader that trims cells loses nothing


def test_the_limit_counts_utf16_units_as_excel_does():
    text = "😀" * 20_000  # 40,000 UTF-16 units
    pieces = split_text(text)
    assert "".join(pieces) == text
    assert all(len(p.encode("utf-16-le")) // 2 <= MAX_CELL_TEXT for p in pieces) and len(pieces) == 2


def test_white_space_only_texts_are_still_cut_within_the_limit():
    text = " " * 70_000
    assert "".join(split_text(text)) == text and all(len(p) <= MAX_CELL_TEXT for p in split_text(text))


def test_continuation_columns_follow_their_column_only_when_needed():
    headers = ["N° dossier", "Compte rendu", "Suite"]
    rows = [("DE-1", "a" * 10, "b"), ("DE-2", "c" * 25, None)]
    out_headers, out_rows, origin = continued(headers, rows, limit=10)
    assert out_headers == ["N° dossier", "Compte rendu", "Compte rendu (suite 1)", "Compte rendu (suite 2)", "Suite"]
    assert origin == [0, 1, 1, 1, 2]
    assert out_rows == [["DE-1", "a" * 10, None, None, "b"], ["DE-2", "c" * 10, "c" * 10, "c" * 5, None]]
    assert continued(headers, [("DE-1", "court", "x")])[0] == headers


def test_the_header_convention_is_the_one_the_import_reads():
    assert continuation_header("Compte rendu", 2) == "Compte rendu (suite 2)"
    exchange = pytest.importorskip("ilot_desktop.domain.exchange")
    if hasattr(exchange, "continuation_header"):
        assert exchange.continuation_header("Compte rendu", 2) == continuation_header("Compte rendu", 2)


def test_a_file_on_a_usb_key_pulled_out_is_waited_for_then_removed(tmp_path, journal):
    key = tmp_path / "cle-usb"
    key.mkdir()
    tmp = leftover(journal, key, dead_pid())
    key.rename(tmp_path / "cle-retiree")  # the key is pulled out
    found = safe_files.finish_interrupted_writes(journal.parent)
    assert found.absent == [tmp] and found.removed == []
    assert "absent aujourd'hui" in found.messages()[0] and str(key) in found.messages()[0]
    (tmp_path / "cle-retiree").rename(key)  # back the next day
    found = safe_files.finish_interrupted_writes(journal.parent)
    assert found.removed == [tmp] and not tmp.exists() and list(journal.iterdir()) == []
