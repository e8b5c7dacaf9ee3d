"""Changing the password, a new recovery code (re-key), and an interrupted re-key."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilot_desktop.errors import ValidationError, WrongPasswordError, WrongRecoveryCodeError
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
