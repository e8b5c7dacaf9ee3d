"""Changing the password, a new recovery code (re-key), and an interrupted re-key."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from ilot_desktop import file_names, safe_files
from ilot_desktop.errors import StorageEnvironmentError, ValidationError, WrongPasswordError, WrongRecoveryCodeError
from ilot_desktop.services import vault
from ilot_desktop.storage import keys
from ilot_desktop.storage import vault as storage_vault
from ilot_desktop.storage.vault import VaultPaths
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

NEW = "Autre-Secret-2027!"


class Folder(type(Path())):
    code = ""


@pytest.fixture
def folder(vault_dir):
    session, code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant())
    session.close()
    path = Folder(vault_dir)
    path.code = code
    return path


def test_change_password_keeps_the_records_and_the_code(folder):
    before = (folder / "ilot.db").read_bytes()
    with pytest.raises(WrongPasswordError):
        vault.change_password(folder, "Pas-Le-Bon-2026!", NEW)
    with pytest.raises(ValidationError):
        vault.change_password(folder, PASSWORD, "faible")
    assert (folder / "ilot.db").read_bytes() == before  # refused: nothing changed
    old_key = keys.unwrap_key(keys.read_keyfile(folder / "ilot.key"), PASSWORD)
    change = vault.change_password(folder, PASSWORD, NEW)
    assert change.recovery_code is None  # the printed sheet stays valid
    assert (folder / "ilot.db").read_bytes() != before  # re-keyed: a new data key
    new_key = keys.unwrap_key(keys.read_keyfile(folder / "ilot.key"), NEW)
    assert new_key != old_key
    with pytest.raises(WrongPasswordError):
        vault.unlock(folder, PASSWORD)
    session = vault.unlock(folder, NEW)
    assert len(session.participants.summaries()) == 1
    session.close()
    vault.unlock_with_recovery_code(folder, folder.code).close()


def test_new_recovery_code_rekeys_and_retires_the_old_sheet(folder):
    code = vault.new_recovery_code(folder, PASSWORD)
    assert code != folder.code
    with pytest.raises(WrongRecoveryCodeError):
        vault.unlock_with_recovery_code(folder, folder.code)
    session = vault.unlock_with_recovery_code(folder, code)
    assert len(session.participants.summaries()) == 1
    session.close()
    vault.unlock(folder, PASSWORD).close()
    assert not (folder / "ilot.key.nouvelle").exists()


@pytest.mark.parametrize("rekeyed", [True, False], ids=["after-rekey", "before-rekey"])
def test_an_interrupted_rekey_is_finished_at_next_unlock(folder, rekeyed):
    """The new key file is written aside first: whatever the moment of the interruption, the password opens."""
    paths = VaultPaths(folder)
    old_key = storage_vault.unlock_with_password(paths, PASSWORD)
    new_key = keys.new_data_key()
    keys.write_keyfile(folder / "ilot.key.nouvelle", keys.wrap_key(new_key, PASSWORD))
    (folder / storage_vault.REKEY_MARKER).write_text("en cours", encoding="ascii")
    if rekeyed:
        connection = storage_vault.raw_connect(paths.db, old_key)
        connection.execute("PRAGMA rekey = \"x'" + new_key.hex() + "'\"")
        connection.close()
    session = vault.unlock(folder, PASSWORD)
    assert len(session.participants.summaries()) == 1
    session.close()
    assert not (folder / "ilot.key.nouvelle").exists()
    assert not (folder / storage_vault.REKEY_MARKER).exists()
    expected = new_key if rekeyed else old_key
    assert storage_vault.unlock_with_password(paths, PASSWORD) == expected


def test_a_draft_is_kept_encrypted_and_handed_back_once(folder):
    session = vault.unlock(folder, PASSWORD)
    session.keep_draft("participant", '{"notes": "Zorglubinette"}')
    session.close()
    assert b"Zorglubinette" not in (folder / "ilot.db").read_bytes()
    session = vault.unlock(folder, PASSWORD)
    assert session.take_draft("participant") == '{"notes": "Zorglubinette"}'
    assert session.take_draft("participant") is None
    session.close()


# --- the key files go through the one safe writer ----------------------------------------------------------


@pytest.fixture
def journal(tmp_path):
    data = tmp_path / "donnees"
    data.mkdir()
    safe_files.configure(data)
    yield data / safe_files.JOURNAL_DIR_NAME
    safe_files.configure(None)


def test_a_key_file_write_is_recorded_in_the_journal_under_a_random_name(folder, journal, monkeypatch):
    seen: dict[str, object] = {}
    real_replace = file_names.replace

    def replace(tmp, out):
        seen["temp"] = Path(tmp)
        seen["records"] = [json.loads(p.read_text(encoding="utf-8")) for p in journal.glob("*.json")]
        real_replace(tmp, out)

    monkeypatch.setattr(file_names, "replace", replace)
    content = keys.read_keyfile(folder / "ilot.key")
    keys.write_keyfile(folder / "ilot.key", content)
    temp = seen["temp"]
    assert isinstance(temp, Path) and temp.parent == folder and safe_files.TEMP_NAME.fullmatch(temp.name)
    assert seen["records"] == [{"temp": str(temp), "pid": os.getpid()}]
    assert list(journal.iterdir()) == []  # the record went with the rename
    assert keys.read_keyfile(folder / "ilot.key") == content


def _fail_rename(tmp, out):
    raise PermissionError(errno.EACCES, "held by another program")


class _FullDisk:
    """``os`` as safe_files sees it, on a disk that takes the journal's small record but not the key file."""

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def write(fd, data):
        if bytes(data[:8]) == b'{"temp":':
            return os.write(fd, data)
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("fault", ["rename", "disk-full"])
def test_a_failed_key_file_write_leaves_the_old_file_and_nothing_readable(folder, journal, monkeypatch, fault):
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    if fault == "rename":
        monkeypatch.setattr(file_names, "replace", _fail_rename)
    else:
        monkeypatch.setattr(safe_files, "os", _FullDisk())
    with pytest.raises(OSError) as raised:  # the callers put it in words for their place
        keys.write_keyfile(folder / "ilot.key", keys.wrap_key(keys.new_data_key(), NEW))
    assert raised.value.errno == (errno.EACCES if fault == "rename" else errno.ENOSPC)
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before  # no temporary file
    assert list(journal.iterdir()) == []


def test_a_password_change_whose_key_file_cannot_be_written_changes_nothing(folder, journal, monkeypatch):
    before = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    monkeypatch.setattr(safe_files, "os", _FullDisk())
    with pytest.raises(StorageEnvironmentError, match="disque est plein"):
        vault.change_password(folder, PASSWORD, NEW)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()} == before
    assert list(journal.iterdir()) == []
    vault.unlock(folder, PASSWORD).close()  # the old password still opens the file
