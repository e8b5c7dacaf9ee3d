"""A full disk and a read-only folder: a French message, the session keeps working, nothing saved is lost.

Each fault is produced by SQLite itself wherever possible, so the real error travels the real path:
``PRAGMA max_page_count`` makes SQLite answer SQLITE_FULL, ``PRAGMA query_only`` SQLITE_READONLY (the same
answer as for a write-protected file, which ``chmod`` cannot produce for root). Where SQLite cannot be made
to fail (the moment of the commit, an operating-system call), the driver's own exception is injected. When
the tests run as root on Linux with ``mount`` allowed, a tiny tmpfs gives a really full disk and a really
read-only medium as well; elsewhere (CI) those tests are skipped.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
import sqlcipher3
from sqlalchemy import event

from ilot_desktop.errors import StorageEnvironmentError
from ilot_desktop.services import vault
from ilot_desktop.services.backup import check_backup, restore
from ilot_desktop.storage import backup as storage_backup
from ilot_desktop.storage import database as storage_database
from ilot_desktop.storage import keys
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

NOW = datetime(2026, 11, 27, 17, 42)


def person(number: int, notes: str = ""):
    return make_participant(file_number=f"DE-2026-{number:03d}", last_name=f"Personne{number}", notes=notes)


def names(folder: Path) -> list[str]:
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
    try:
        assert session.check(full=True).ok
        return sorted(s.last_name for s in session.participants.summaries())
    finally:
        session.close()


def driver_error(name: str, message: str) -> sqlcipher3.dbapi2.OperationalError:
    error = sqlcipher3.dbapi2.OperationalError(message)
    error.sqlite_errorname = name
    return error


def on_every_connection(engine, pragma: str):
    """Apply a pragma to every connection of the engine from now on (the pool is emptied first)."""

    def apply(connection, _record):
        connection.execute(pragma)

    engine.pool.dispose()
    event.listen(engine, "connect", apply)
    return apply


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- full disk ------------------------------------------------------------------------------------------


def test_disk_full_at_commit(session, vault_dir, monkeypatch):
    session.participants.save(person(1))
    dialect = session._database.engine.dialect

    def full(_connection):
        raise driver_error("SQLITE_FULL", "database or disk is full")

    monkeypatch.setattr(dialect, "do_commit", full)
    with pytest.raises(StorageEnvironmentError, match="disque est plein"):
        session.participants.save(person(2))
    monkeypatch.undo()
    assert [s.last_name for s in session.participants.summaries()] == ["Personne1"]  # still working
    session.participants.save(person(3))  # room again: saving works in the same session
    session.close()
    assert names(vault_dir) == ["Personne1", "Personne3"]


def test_disk_full_while_the_record_is_written(session, vault_dir):
    """SQLite's own SQLITE_FULL, raised before the commit (while the rows are flushed)."""
    session.participants.save(person(1))
    engine = session._database.engine
    with engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
    listener = on_every_connection(engine, f"PRAGMA max_page_count = {pages}")
    with pytest.raises(StorageEnvironmentError, match="disque est plein"):
        session.participants.save(person(2, notes="x" * 200_000))
    assert [s.last_name for s in session.participants.summaries()] == ["Personne1"]
    event.remove(engine, "connect", listener)
    engine.pool.dispose()
    session.participants.save(person(3))
    session.close()
    assert names(vault_dir) == ["Personne1", "Personne3"]


def test_disk_full_while_writing_a_backup(session, vault_dir, tmp_path, monkeypatch):
    session.participants.save(person(1))
    usb = tmp_path / "usb"
    usb.mkdir()
    real_connect = storage_backup.raw_connect

    def small_medium(path, key):  # the copy's connection may not grow past 5 pages: SQLite says SQLITE_FULL
        connection = real_connect(path, key)
        connection.execute("PRAGMA max_page_count = 5")
        return connection

    monkeypatch.setattr(storage_backup, "raw_connect", small_medium)
    with pytest.raises(StorageEnvironmentError, match="support de la sauvegarde est plein") as raised:
        session.backups.write(usb, now=NOW)
    assert "Aucune sauvegarde incomplète" in str(raised.value)
    monkeypatch.undo()
    assert leftovers(usb) == []

    def no_space(*_args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(keys, "write_keyfile", no_space)  # the key file, after the database
    with pytest.raises(StorageEnvironmentError, match="plein"):
        session.backups.write(now=NOW)
    monkeypatch.undo()
    assert leftovers(vault_dir / "sauvegardes") == []
    assert session.backups.write(usb, now=NOW).exists()  # room again
    session.close()
    assert names(vault_dir) == ["Personne1"]


def test_a_backup_that_does_not_read_back_is_deleted(session, vault_dir, monkeypatch):
    monkeypatch.setattr(storage_backup, "verify_copy", lambda *args: ["page 3: hmac"])
    with pytest.raises(StorageEnvironmentError, match="ne se relit pas"):
        session.backups.write(now=NOW)
    assert leftovers(vault_dir / "sauvegardes") == []


# --- read-only --------------------------------------------------------------------------------------------


@pytest.fixture
def read_only_engines(monkeypatch):
    """Every engine made from now on is read-only for SQLite, as for a write-protected file or medium."""
    real = storage_database.make_engine

    def make_read_only(path, key):
        engine = real(path, key)
        event.listen(engine, "connect", lambda connection, _record: connection.execute("PRAGMA query_only = ON"))
        return engine

    monkeypatch.setattr(storage_database, "make_engine", make_read_only)


def test_read_only_data_folder(session, vault_dir, read_only_engines):
    session.participants.save(person(1))
    session.close()
    opened = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)  # opening and reading still work
    try:
        assert [s.last_name for s in opened.participants.summaries()] == ["Personne1"]
        with pytest.raises(StorageEnvironmentError, match="lecture seule"):
            opened.participants.save(person(2))
        assert opened.check(full=True).ok
        assert opened.backups.write(now=NOW).exists()  # a backup reads only: it can still be made elsewhere
    finally:
        opened.close()


def test_chmod_read_only_data_folder(session, vault_dir):
    """Without root, a write-protected file really is read-only for SQLite."""
    if os.name != "posix" or os.geteuid() == 0:
        pytest.skip("chmod does not bind root (covered by query_only above)")
    session.participants.save(person(1))
    session.close()
    os.chmod(vault_dir / "ilot.db", 0o400)
    os.chmod(vault_dir, 0o500)
    try:
        opened = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)
        try:
            with pytest.raises(StorageEnvironmentError, match="lecture seule"):
                opened.participants.save(person(2))
            assert [s.last_name for s in opened.participants.summaries()] == ["Personne1"]
        finally:
            opened.close()
    finally:
        os.chmod(vault_dir, 0o700)
        os.chmod(vault_dir / "ilot.db", 0o600)
    assert names(vault_dir) == ["Personne1"]


def test_read_only_backup_target(session, tmp_path, monkeypatch):
    usb = tmp_path / "usb-verrouillee"
    usb.mkdir()
    real_mkdir = os.mkdir

    def locked(path, *args, **kwargs):
        if Path(path).parent == usb:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "mkdir", locked)
    with pytest.raises(StorageEnvironmentError, match="lecture seule"):
        session.backups.write(usb, now=NOW)
    monkeypatch.undo()
    assert leftovers(usb) == []
    with pytest.raises(StorageEnvironmentError, match="n'existe pas"):
        session.backups.write(tmp_path / "cle-retiree", now=NOW)
    assert session.backups.write(usb, now=NOW).exists()


# --- on a real tiny filesystem (root with mount allowed; skipped elsewhere) ----------------------------------


@contextmanager
def tmpfs(path: Path, size_kib: int):
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root on Linux")
    path.mkdir()
    options = f"size={size_kib}k,mode=0700"
    if subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True).returncode:
        pytest.skip("mount is not allowed here")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def remount_read_only(path: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(path)], check=True, capture_output=True)


def test_really_full_disk(tmp_path):
    with tmpfs(tmp_path / "petit", 768) as disk:
        folder = disk / "coffre"
        session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
        saved = []
        try:
            with pytest.raises(StorageEnvironmentError, match="plein"):
                for number in range(1, 200):
                    session.participants.save(person(number, notes=f"{number:03d}" * 10_000))
                    saved.append(f"Personne{number}")
            assert saved  # some fitted before the disk was full
            assert sorted(s.last_name for s in session.participants.summaries()) == sorted(saved)
        finally:
            session.close()
        assert names(folder) == sorted(saved)
        with pytest.raises(StorageEnvironmentError, match="plein"):  # nor room for a backup
            reopened = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
            try:
                reopened.backups.write(now=NOW)
            finally:
                reopened.close()
        assert leftovers(folder / "sauvegardes") == []


def test_a_backup_opens_and_restores_from_read_only_media(session, vault_dir, tmp_path):
    session.participants.save(person(1))
    with tmpfs(tmp_path / "usb", 4096) as usb:
        folder = session.backups.write(usb, now=NOW)
        session.close()
        remount_read_only(usb)
        with pytest.raises(OSError):
            (usb / "essai").write_text("x")
        report = check_backup(folder, PASSWORD)
        assert report.ok and report.counts["participants"] == 1
        restore(tmp_path / "nouveau", folder, PASSWORD)
    assert names(tmp_path / "nouveau") == ["Personne1"]


def test_a_vault_on_read_only_media_opens_and_refuses_saves_in_words(tmp_path):
    with tmpfs(tmp_path / "support", 4096) as medium:
        folder = medium / "coffre"
        session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
        session.participants.save(person(1))
        session.close()
        remount_read_only(medium)
        opened = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
        try:
            assert [s.last_name for s in opened.participants.summaries()] == ["Personne1"]
            with pytest.raises(StorageEnvironmentError, match="lecture seule"):
                opened.participants.save(person(2))
            with pytest.raises(StorageEnvironmentError):
                opened.backups.write(now=NOW)  # its sauvegardes/ cannot be created either
        finally:
            opened.close()
