"""An attacker holding an OLD password and any earlier backup or key file must reach nothing written after the
password change (issue 12, major 1). Each test is one attack sequence from the security review, run against
real encrypted files; the legitimate paths (current password, recovery code) are checked beside them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import sqlcipher3

from ilot_desktop.cli import main
from ilot_desktop.errors import (
    BackupPasswordNeededError,
    DamagedVaultError,
    IlotError,
    WrongPasswordError,
    WrongRecoveryCodeError,
)
from ilot_desktop.services import vault
from ilot_desktop.services.backup import check_backup, list_backups, restore
from ilot_desktop.storage import keys
from ilot_desktop.storage import vault as storage_vault
from ilot_desktop.storage.vault import VaultPaths
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

NEW = "Tortue-Violon-Brique-47"
BEFORE_NAME = "Anterieurissime"
AFTER_NAME = "Posterieurissime"  # written after the change: the old password must never show it


def _add(folder: Path, password: str, last_name: str) -> None:
    session = vault.unlock(folder, password, clock=lambda: TODAY)
    try:
        session.participants.save(make_participant(last_name=last_name, file_number="DE-2026-002"))
    finally:
        session.close()


def _names(folder: Path, password: str) -> set[str]:
    session = vault.unlock(folder, password, clock=lambda: TODAY)
    try:
        return {s.last_name for s in session.participants.summaries()}
    finally:
        session.close()


def _raw_opens(db: Path, key: bytes) -> bool:
    connection = sqlcipher3.dbapi2.connect(str(db))
    try:
        connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.dbapi2.DatabaseError:
        return False
    finally:
        connection.close()
    return True


@pytest.fixture
def changed(vault_dir):
    """A vault with one person, a backup made under the old password, then a change and a new person."""
    session, code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant(last_name=BEFORE_NAME))
    old_backup = session.backups.write()
    session.close()
    old_keyfile = vault_dir.parent / "cle-copiee-sur-usb.key"
    shutil.copyfile(vault_dir / "ilot.key", old_keyfile)
    old_key = keys.unwrap_key(keys.read_keyfile(old_keyfile), PASSWORD)
    change = vault.change_password(vault_dir, PASSWORD, NEW, old_backups=vault.OldBackups.KEEP)
    assert change.recovery_code is None and change.kept_under_old == 1
    _add(vault_dir, NEW, AFTER_NAME)
    return vault_dir, code, old_backup, old_keyfile, old_key


def test_the_old_password_no_longer_opens_the_file(changed):
    folder, code, _backup, _keyfile, old_key = changed
    with pytest.raises(WrongPasswordError):
        vault.unlock(folder, PASSWORD)
    assert not _raw_opens(folder / "ilot.db", old_key)  # the old data key itself opens nothing now
    assert _names(folder, NEW) == {BEFORE_NAME, AFTER_NAME}
    session = vault.unlock_with_recovery_code(folder, code)  # the printed sheet survives the change
    assert {s.last_name for s in session.participants.summaries()} == {BEFORE_NAME, AFTER_NAME}
    session.close()


def test_restoring_an_old_backup_with_the_old_password_is_refused(changed):
    folder, _code, backup, _keyfile, _old_key = changed
    before = (folder / "ilot.db").read_bytes()
    with pytest.raises(WrongPasswordError, match="mot de passe actuel"):
        restore(folder, backup, password=PASSWORD)
    assert (folder / "ilot.db").read_bytes() == before
    assert _names(folder, NEW) == {BEFORE_NAME, AFTER_NAME}


def test_the_before_restore_copy_does_not_open_with_the_old_password(changed):
    """The review's chain: restore an old backup, then the « avant-restauration » copy, then export with OLD."""
    folder, code, backup, _keyfile, old_key = changed
    # a legitimate restore (current password + the backup's password of its time)
    aside = restore(folder, backup, password=NEW, backup_password=PASSWORD)
    assert aside is not None and "avant-restauration" in aside.name
    assert _names(folder, NEW) == {BEFORE_NAME}  # the backup's content, under the current key
    with pytest.raises(WrongPasswordError):
        vault.unlock(folder, PASSWORD)  # the restored file does not open with the backup's password
    assert not _raw_opens(folder / "ilot.db", old_key)
    # the copy of what was replaced holds the person created after the change: OLD must not reach it
    with pytest.raises(WrongPasswordError):
        check_backup(aside, PASSWORD, vault_folder=folder)
    with pytest.raises(WrongPasswordError):
        restore(folder, aside, password=PASSWORD)
    assert not _raw_opens(aside / "ilot.db", old_key)
    # the current password brings it back whole
    restore(folder, aside, password=NEW)
    assert _names(folder, NEW) == {BEFORE_NAME, AFTER_NAME}
    assert _names(folder, NEW) == {BEFORE_NAME, AFTER_NAME}
    vault.unlock_with_recovery_code(folder, code).close()


def test_an_old_key_file_copied_over_the_live_one_opens_nothing(changed):
    folder, _code, backup, old_keyfile, old_key = changed
    for stolen in (old_keyfile, Path(backup) / "ilot.key"):
        shutil.copyfile(stolen, folder / "ilot.key")
        with pytest.raises((WrongPasswordError, DamagedVaultError)):
            vault.unlock(folder, PASSWORD)
    assert not _raw_opens(folder / "ilot.db", old_key)
    (folder / "ilot.key").unlink()  # the person then uses the sheet: ilot.secours and the code still open
    session = vault.unlock_with_recovery_code(VaultPaths(folder).folder, _code, new_password=NEW)
    assert {s.last_name for s in session.participants.summaries()} == {BEFORE_NAME, AFTER_NAME}
    session.close()


def test_an_old_backup_opens_with_its_password_and_only_its_own_content(changed):
    folder, code, backup, _keyfile, _old_key = changed
    report = check_backup(backup, PASSWORD)
    assert report.ok and report.counts["participants"] == 1  # the old password: the backup of its time only
    with pytest.raises(BackupPasswordNeededError):
        restore(folder, backup, password=NEW)  # the current password alone does not open an old backup
    restore(folder, backup, recovery_code=code)  # the code opens every era and authorises the restore
    assert _names(folder, NEW) == {BEFORE_NAME}


def test_the_command_line_sequence_of_the_review(changed, monkeypatch, capsys, tmp_path):
    folder, _code, backup, _keyfile, _old_key = changed
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(folder), "restore", str(backup)]) != 0
    assert "mot de passe actuel" in capsys.readouterr().err
    out = tmp_path / "export.xlsx"
    assert main(["--data-dir", str(folder), "export", str(out)]) != 0
    assert not out.exists()
    monkeypatch.setenv("ILOT_PASSPHRASE", NEW)
    assert main(["--data-dir", str(folder), "export", str(out)]) == 0
    assert out.exists()


def test_backups_are_reencrypted_by_default(vault_dir):
    session, _code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant(last_name=BEFORE_NAME))
    backup = session.backups.write()
    session.close()
    change = vault.change_password(vault_dir, PASSWORD, NEW)
    assert change.reencrypted == 1 and change.kept_under_old == 0
    assert check_backup(backup, NEW).ok
    with pytest.raises(WrongPasswordError):
        check_backup(backup, PASSWORD)
    restore(vault_dir, backup, password=NEW)  # no second password needed any more
    assert _names(vault_dir, NEW) == {BEFORE_NAME}


def test_backups_can_be_deleted_at_the_change(vault_dir):
    session, _code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.backups.write()
    session.close()
    change = vault.change_password(vault_dir, PASSWORD, NEW, old_backups=vault.OldBackups.DELETE)
    assert change.deleted == 1
    assert list_backups(vault_dir) == []


def test_a_file_of_format_1_gets_a_new_code_at_its_first_change(vault_dir):
    """Before format 2 the printed code was the data key itself, which an old key file yields: it cannot stay."""
    session, _code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant(last_name=BEFORE_NAME))
    session.close()
    paths = VaultPaths(vault_dir)
    key = keys.unwrap_key(keys.read_keyfile(paths.keyfile), PASSWORD)
    # turn it into a file of format 1: the code is the key, no envelope, no ilot.secours
    keys.write_keyfile(paths.keyfile, keys.wrap_key(key, PASSWORD))
    paths.recovery_file.unlink()
    old_code = keys.encode_recovery_code(key)
    vault.unlock_with_recovery_code(vault_dir, old_code).close()  # still opens as before
    change = vault.change_password(vault_dir, PASSWORD, NEW)
    assert change.recovery_code is not None and change.recovery_code != old_code
    with pytest.raises(WrongRecoveryCodeError):
        vault.unlock_with_recovery_code(vault_dir, old_code)
    assert not _raw_opens(paths.db, key)
    assert _names(vault_dir, NEW) == {BEFORE_NAME}
    vault.unlock_with_recovery_code(vault_dir, change.recovery_code).close()


def test_forgotten_password_reset_also_rekeys(vault_dir):
    session, code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.close()
    old_key = keys.unwrap_key(keys.read_keyfile(vault_dir / "ilot.key"), PASSWORD)
    session = vault.unlock_with_recovery_code(vault_dir, code, new_password=NEW, clock=lambda: TODAY)
    assert session.issued_recovery_code is None
    session.participants.save(make_participant(last_name=AFTER_NAME, file_number="DE-2026-002"))
    session.close()
    assert not _raw_opens(vault_dir / "ilot.db", old_key)
    with pytest.raises(IlotError):
        vault.unlock(vault_dir, PASSWORD)
    assert _names(vault_dir, NEW) == {AFTER_NAME}


def test_the_change_is_in_the_access_log(vault_dir):
    session, _code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.close()
    vault.change_password(vault_dir, PASSWORD, NEW)
    session = vault.unlock(vault_dir, NEW, clock=lambda: TODAY)
    try:
        actions = [event.action for event in session.audit.events()]
    finally:
        session.close()
    assert "password_changed" in actions


def _cut_short_after_the_rekey(folder: Path, old: str, new: str) -> bytes:
    """A password change stopped by a power cut between PRAGMA rekey and the key file's replacement."""
    paths = VaultPaths(folder)
    old_key = keys.unwrap_key(keys.read_keyfile(paths.keyfile), old)
    public = keys.envelope_public_key(keys.read_keyfile(paths.keyfile)["recovery"])
    new_key = keys.new_data_key()
    keys.write_keyfile(paths.pending_keyfile, keys.wrap_key(new_key, new, None, public))
    (folder / "changement-de-cle.txt").write_text("en cours", encoding="ascii")
    storage_vault.rekey_file(paths.db, old_key, new_key)
    return new_key


def test_a_change_cut_short_gives_the_old_password_nothing_and_loses_nothing(vault_dir):
    """The review's sequence: cut short after the re-key, then a restore with OLD (refused), then NEW."""
    session, code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant(last_name=BEFORE_NAME))
    backup = session.backups.write()
    session.close()
    _cut_short_after_the_rekey(vault_dir, PASSWORD, NEW)
    before = (vault_dir / "ilot.db").read_bytes()
    with pytest.raises(WrongPasswordError, match="code de secours"):
        restore(vault_dir, backup, password=PASSWORD)
    assert (vault_dir / "ilot.db").read_bytes() == before
    with pytest.raises(WrongPasswordError, match="interrompu"):
        vault.unlock(vault_dir, PASSWORD)
    assert (vault_dir / "ilot.key.nouvelle").exists()  # a wrong try never removes the only copy of the new key
    assert _names(vault_dir, NEW) == {BEFORE_NAME}  # the new password finishes the change
    vault.unlock_with_recovery_code(vault_dir, code).close()


def test_an_old_key_file_planted_then_a_restore_with_the_old_password_is_refused(changed):
    folder, code, backup, old_keyfile, _old_key = changed
    shutil.copyfile(old_keyfile, folder / "ilot.key")
    with pytest.raises(DamagedVaultError):
        vault.unlock(folder, PASSWORD)  # what the window then answers by offering the latest backup
    with pytest.raises(WrongPasswordError, match="code de secours"):
        restore(folder, backup, password=PASSWORD)
    (folder / "ilot.key").unlink()
    session = vault.unlock_with_recovery_code(folder, code, new_password=NEW)
    assert {s.last_name for s in session.participants.summaries()} == {BEFORE_NAME, AFTER_NAME}
    session.close()


def test_a_full_disk_during_the_rekey_changes_nothing(vault_dir, monkeypatch):
    from ilot_desktop.errors import StorageEnvironmentError
    from ilot_desktop.storage import vault as storage

    session, _code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.close()

    def full(*_args):
        error = sqlcipher3.dbapi2.OperationalError("database or disk is full")
        error.sqlite_errorname = "SQLITE_FULL"
        raise error

    monkeypatch.setattr(storage, "rekey_file", full)
    with pytest.raises(StorageEnvironmentError, match="plein"):
        vault.change_password(vault_dir, PASSWORD, NEW)
    assert sorted(p.name for p in vault_dir.iterdir() if p.is_file()) == ["ilot.db", "ilot.key", "ilot.secours"]
    vault.unlock(vault_dir, PASSWORD).close()


def test_a_damaged_backup_does_not_fail_the_change(vault_dir):
    session, _code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant(last_name=BEFORE_NAME))
    good, bad = session.backups.write(), session.backups.write()
    session.close()
    data = bytearray((bad / "ilot.db").read_bytes())
    data[len(data) // 2 + 100] ^= 0xFF
    (bad / "ilot.db").write_bytes(bytes(data))
    change = vault.change_password(vault_dir, PASSWORD, NEW)
    assert change.reencrypted + change.failed == 2 and change.reencrypted >= 1
    assert _names(vault_dir, NEW) == {BEFORE_NAME}
    assert check_backup(good, NEW).ok


def test_a_change_cut_short_on_read_only_media_still_opens_with_the_new_password(vault_dir, monkeypatch):
    from ilot_desktop.storage import vault as storage

    session, _code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant(last_name=BEFORE_NAME))
    session.close()
    new_key = _cut_short_after_the_rekey(vault_dir, PASSWORD, NEW)

    def read_only(*_args):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(storage.os, "replace", read_only)
    assert storage.unlock_with_password(VaultPaths(vault_dir), NEW) == new_key


def test_a_new_code_never_confirmed_as_seen_is_said(vault_dir):
    """A crash between the re-key and the code on screen would leave a file with no known code: it is said."""
    session, _code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.close()
    assert not vault.recovery_code_pending(vault_dir)
    code = vault.new_recovery_code(vault_dir, PASSWORD)
    assert vault.recovery_code_pending(vault_dir)  # the process could die here, before showing it
    vault.unlock_with_recovery_code(vault_dir, code).close()
    vault.confirm_recovery_code(vault_dir)
    assert not vault.recovery_code_pending(vault_dir)
    vault.unlock(vault_dir, PASSWORD).close()
