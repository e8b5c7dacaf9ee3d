"""Backups on a real encrypted file: written and verified, listed, rotated, checked read-only, restored."""

from __future__ import annotations

import hashlib
import os
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from ilot_desktop.domain.followup import Appointment
from ilot_desktop.errors import (
    BackupPasswordNeededError,
    DamagedVaultError,
    KeyFileMissingError,
    NewerDatabaseError,
    NoVaultError,
    StorageEnvironmentError,
    ValidationError,
    WrongPasswordError,
    WrongRecoveryCodeError,
)
from ilot_desktop.services import vault
from ilot_desktop.services.backup import check_backup, latest_good_backup, list_backups, restore
from ilot_desktop.storage import backup as storage_backup
from ilot_desktop.storage import keys
from ilot_desktop.storage.restore import open_readonly
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

NOW = datetime(2026, 11, 27, 17, 42)
NEW_PASSWORD = "Nouveau-Mot-2027!"


@pytest.fixture
def opened(vault_dir):
    """A vault holding one person and one appointment, and its recovery code."""
    session, code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    person = session.participants.save(make_participant())
    session.followup.save(Appointment(person.id, datetime(2026, 11, 30, 10)))
    yield session, code
    session.close()


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_backup_is_a_vault_folder_opening_with_the_password_and_the_code(opened, vault_dir):
    session, code = opened
    folder = session.backups.write(now=NOW)
    assert folder == vault_dir / "sauvegardes" / "2026-11-27_1742_manuel"
    assert sorted(p.name for p in folder.iterdir()) == ["ilot.db", "ilot.key", "ilot.secours"]
    assert not (folder / "ilot.db").read_bytes().startswith(b"SQLite format 3")
    assert not [p for p in folder.parent.iterdir() if p.name.startswith(".")]  # no .partiel left
    before = digest(folder)
    for report in (check_backup(folder, PASSWORD), check_backup(folder, recovery_code=code)):
        assert report.ok, report.problems
        assert report.counts["participants"] == 1 and report.counts["appointments"] == 1
        assert report.schema_version == session.check().schema_version
    assert digest(folder) == before  # checking never writes, not even a journal
    assert sorted(p.name for p in folder.iterdir()) == ["ilot.db", "ilot.key", "ilot.secours"]
    # rollback-journal mode: it opens where nothing can be written (mode=ro, as on read-only media)
    key = keys.open_envelope(keys.read_keyfile(folder / "ilot.key")["recovery"], keys.decode_recovery_code(code))
    connection = open_readonly(folder / "ilot.db", key)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    connection.close()
    copy = vault_dir.parent / "copie"
    shutil.copytree(folder, copy)
    reopened = vault.unlock(copy, PASSWORD)  # and it is a vault folder like any other
    assert [s.last_name for s in reopened.participants.summaries()] == ["Marqueur"]
    reopened.close()


def test_a_copy_for_a_usb_key_goes_in_its_own_named_folder(opened, tmp_path):
    session, _code = opened
    usb = tmp_path / "CLE_USB"
    usb.mkdir()
    first = session.backups.write(usb, now=NOW)
    second = session.backups.write(usb, now=NOW)
    assert first == usb / "IlotDesktop-sauvegarde-2026-11-27_1742"
    assert second == usb / "IlotDesktop-sauvegarde-2026-11-27_1742-2"
    assert check_backup(second, PASSWORD).ok
    assert session.backups.list() == []  # not in the data folder: never listed, never rotated
    info = storage_backup.describe(second)
    assert info is not None and info.kind == "manuel" and info.created == NOW and info.has_keyfile


def test_the_snapshot_matches_the_source_at_the_moment_of_the_copy(opened):
    session, _code = opened
    folder = session.backups.write(now=NOW)
    session.participants.save(make_participant(file_number="DE-2026-002", last_name="Après"))
    assert check_backup(folder, PASSWORD).counts["participants"] == 1
    assert session.check().counts["participants"] == 2


def test_once_a_day_automatically_with_a_rotation_of_seven_days_and_four_weeks(opened):
    session, _code = opened
    manual = session.backups.write(now=datetime(2026, 9, 1, 12, 0))
    first = datetime(2026, 9, 1, 9, 0)
    for offset in range(60):
        day = first + timedelta(days=offset)
        assert session.backups.auto_if_due(now=day) is not None
        assert session.backups.auto_if_due(now=day + timedelta(hours=9)) is None  # closing the same day
    autos = [b.created.date() for b in session.backups.list() if b.kind == "auto"]
    last = date(2026, 10, 30)
    dailies = [last - timedelta(days=n) for n in range(7)]  # 30 Oct (Fri) back to 24 Oct (Sat)
    weeklies = [date(2026, 10, 18), date(2026, 10, 11), date(2026, 10, 4), date(2026, 9, 27)]  # Sundays
    assert autos == dailies + weeklies
    assert manual in [b.path for b in session.backups.list()]  # manual backups stay


def test_rotation_tolerates_a_backup_it_cannot_delete(opened, monkeypatch):
    session, _code = opened
    for offset in range(9):
        session.backups.auto_if_due(now=NOW + timedelta(days=offset))

    def refuse(info):
        raise PermissionError(13, "refusé")

    monkeypatch.setattr(storage_backup, "delete_backup", refuse)
    assert session.backups.auto_if_due(now=NOW + timedelta(days=40)) is not None


def test_files_of_earlier_versions_are_listed_and_open(opened, vault_dir):
    session, code = opened
    session.close()
    backups = vault_dir / "sauvegardes"
    backups.mkdir()
    legacy = backups / "avant-migration-0003-vers-0004-20261120-101010.db"
    shutil.copy2(vault_dir / "ilot.db", legacy)
    [info] = list_backups(vault_dir)
    assert (info.kind, info.detail, info.created, info.has_keyfile) == (
        "avant-migration",
        "0003-vers-0004",
        datetime(2026, 11, 20, 10, 10),
        False,
    )
    assert check_backup(legacy, PASSWORD).ok  # through the vault's own ilot.key
    assert check_backup(legacy, recovery_code=code).ok
    with pytest.raises(KeyFileMissingError):
        check_backup(legacy, PASSWORD, vault_folder=vault_dir / "ailleurs")


def test_restore_puts_the_backup_back_and_keeps_the_current_file_aside(opened, vault_dir):
    session, _code = opened
    folder = session.backups.write(now=NOW)
    session.participants.save(make_participant(file_number="DE-2026-002", last_name="Après"))
    session.close()
    before = digest(vault_dir)

    kept = restore(vault_dir, folder, PASSWORD, now=NOW + timedelta(minutes=5))
    assert kept == vault_dir / "sauvegardes" / "2026-11-27_1747_avant-restauration"
    kept_names = ("ilot.db", "ilot.key", "ilot.secours")
    assert digest(kept) == {name: value for name, value in before.items() if name in kept_names}
    assert not list(vault_dir.glob("*.restauration"))
    reopened = vault.unlock(vault_dir, PASSWORD)
    assert [s.last_name for s in reopened.participants.summaries()] == ["Marqueur"]
    assert reopened.check().ok
    reopened.close()
    assert [b.kind for b in list_backups(vault_dir)] == ["avant-restauration", "manuel"]
    # the file put aside is a backup too: restoring it brings "Après" back
    restore(vault_dir, kept, PASSWORD)
    reopened = vault.unlock(vault_dir, PASSWORD)
    assert sorted(s.last_name for s in reopened.participants.summaries()) == ["Après", "Marqueur"]
    reopened.close()


def test_restore_changes_nothing_when_the_backup_does_not_qualify(opened, vault_dir, tmp_path):
    session, code = opened
    folder = session.backups.write(now=NOW)
    session.close()
    before = digest(vault_dir)

    with pytest.raises(WrongPasswordError, match="mot de passe actuel"):
        restore(vault_dir, folder, "Mauvais-Mot-2026!")
    with pytest.raises(ValidationError):
        restore(vault_dir, folder)  # neither password nor code
    with pytest.raises(ValidationError):
        restore(vault_dir, folder, PASSWORD, recovery_code=code)
    with pytest.raises(ValidationError):
        restore(vault_dir, vault_dir, PASSWORD)
    with pytest.raises(NoVaultError):
        restore(vault_dir, tmp_path / "rien", PASSWORD)
    damaged = tmp_path / "abimee"
    shutil.copytree(folder, damaged)
    db = damaged / "ilot.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0x01
    db.write_bytes(bytes(data))
    with pytest.raises(DamagedVaultError, match="endommagée"):
        restore(vault_dir, damaged, PASSWORD)
    assert digest(vault_dir) == before
    assert [b.path for b in list_backups(vault_dir)] == [folder]  # no "avant-restauration" either


def test_a_backup_from_a_newer_version_is_not_restored(opened, vault_dir, tmp_path):
    session, _code = opened
    with session._database.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_future'")
    folder = session.backups.write(tmp_path, now=NOW)
    session.close()
    report = check_backup(folder, PASSWORD)
    assert not report.ok and "plus récente" in report.problems[-1]
    with pytest.raises(NewerDatabaseError):
        restore(vault_dir, folder, PASSWORD)


def test_restore_onto_a_new_computer_with_the_recovery_code(opened, tmp_path):
    session, code = opened
    usb = tmp_path / "usb"
    usb.mkdir()
    folder = session.backups.write(usb, now=NOW)
    new_home = tmp_path / "nouvel-ordinateur"
    assert restore(new_home, folder, recovery_code=code) is None  # nothing to keep aside
    reopened = vault.unlock(new_home, PASSWORD)  # the backup's key file came along
    assert reopened.check().counts["appointments"] == 1
    reopened.close()


def test_a_password_changed_since_the_backup(opened, vault_dir):
    """The backup keeps the key of its time: the old password opens it (and only it), never restores it."""
    session, code = opened
    folder = session.backups.write(now=NOW)
    session.close()
    vault.change_password(vault_dir, PASSWORD, NEW_PASSWORD, old_backups=vault.OldBackups.KEEP)
    assert check_backup(folder, PASSWORD).ok  # its own key file: the password of its time
    with pytest.raises(WrongPasswordError, match="avant un changement"):
        check_backup(folder, NEW_PASSWORD)  # the vault's new key is not the backup's
    assert check_backup(folder, recovery_code=code).ok  # the printed code opens every era
    before = digest(vault_dir)
    with pytest.raises(WrongPasswordError, match="mot de passe actuel"):
        restore(vault_dir, folder, PASSWORD)  # an old password never replaces the records
    with pytest.raises(BackupPasswordNeededError, match="de son époque"):
        restore(vault_dir, folder, NEW_PASSWORD)  # the current password, and the backup's own is needed
    assert digest(vault_dir) == before
    restore(vault_dir, folder, NEW_PASSWORD, backup_password=PASSWORD)
    vault.unlock(vault_dir, NEW_PASSWORD).close()  # re-keyed to the current key
    with pytest.raises(WrongPasswordError):
        vault.unlock(vault_dir, PASSWORD)
    restore(vault_dir, folder, recovery_code=code)  # the code: both the authority and the backup's key
    vault.unlock(vault_dir, NEW_PASSWORD).close()


def test_a_new_recovery_code_since_the_backup(opened, vault_dir):
    session, old_code = opened
    folder = session.backups.write(now=NOW)
    session.close()
    new_code = vault.new_recovery_code(vault_dir, PASSWORD)
    assert check_backup(folder, PASSWORD).ok  # its own key file holds the old key
    assert check_backup(folder, recovery_code=old_code).ok
    with pytest.raises(WrongRecoveryCodeError, match="ne correspond pas"):
        check_backup(folder, recovery_code=new_code)
    with pytest.raises(WrongRecoveryCodeError, match="fichier actuel"):
        restore(vault_dir, folder, recovery_code=old_code)  # a retired sheet never replaces the records
    kept = restore(vault_dir, folder, PASSWORD)  # the current password, which also opens the backup's key file
    assert (kept / "ilot.key").exists() and (vault_dir / "ilot.key").exists()
    vault.unlock(vault_dir, PASSWORD).close()
    vault.unlock_with_recovery_code(vault_dir, new_code).close()  # restored under the current key and code
    with pytest.raises(WrongRecoveryCodeError):
        vault.unlock_with_recovery_code(vault_dir, old_code)
    (folder / "ilot.key").unlink()
    with pytest.raises(WrongPasswordError, match="avant un changement"):
        check_backup(folder, PASSWORD)  # the vault's key file holds the new key: not "damaged"


def test_a_vault_without_its_key_file_is_backed_up_for_the_recovery_code(opened, vault_dir):
    session, code = opened
    session.close()
    (vault_dir / "ilot.key").unlink()
    session = vault.unlock_with_recovery_code(vault_dir, code)
    folder = session.backups.write(now=NOW)
    session.close()
    assert sorted(p.name for p in folder.iterdir()) == ["ilot.db", "ilot.secours"]
    assert check_backup(folder, recovery_code=code).ok
    with pytest.raises(KeyFileMissingError):
        check_backup(folder, PASSWORD)


def test_a_leftover_journal_goes_aside_with_its_database(opened, vault_dir):
    session, _code = opened
    folder = session.backups.write(now=NOW)
    session.close()
    (vault_dir / "ilot.db-journal").write_bytes(b"journal interrompu")
    kept = restore(vault_dir, folder, PASSWORD)
    assert not (vault_dir / "ilot.db-journal").exists()
    assert (kept / "ilot.db-journal").read_bytes() == b"journal interrompu"
    vault.unlock(vault_dir, PASSWORD).close()


def test_an_interrupted_restore_undoes_its_steps(opened, vault_dir, monkeypatch):
    session, _code = opened
    folder = session.backups.write(now=NOW)
    session.close()
    (vault_dir / "ilot.db-journal").write_bytes(b"journal")
    before = digest(vault_dir)
    real_replace = os.replace

    def failing_replace(source, target):
        if Path(target).name == "ilot.db":
            raise OSError(28, "No space left on device")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(StorageEnvironmentError, match="plein"):
        restore(vault_dir, folder, PASSWORD)
    monkeypatch.undo()
    assert digest(vault_dir) == before
    assert [b.kind for b in list_backups(vault_dir)] == ["manuel"]


def test_latest_good_backup_skips_damaged_ones(opened, vault_dir):
    session, _code = opened
    older = session.backups.write(now=NOW)
    newer = session.backups.write(now=NOW + timedelta(hours=1))
    session.close()
    db = newer / "ilot.db"
    db.write_bytes(db.read_bytes()[:4096])
    info, report = latest_good_backup(vault_dir, PASSWORD)
    assert info.path == older and report.ok
    assert latest_good_backup(vault_dir, "Mauvais-Mot-2026!") is None


def test_names_start_with_the_moment_and_never_collide(tmp_path):
    moment = datetime(2026, 11, 27, 17, 42)
    first = storage_backup.new_folder(tmp_path, moment, "auto")
    assert first.name == "2026-11-27_1742_auto"
    first.mkdir()
    (tmp_path / ".2026-11-27_1742_auto-2.partiel").mkdir()  # one being written
    assert storage_backup.new_folder(tmp_path, moment, "auto").name == "2026-11-27_1742_auto-3"
    assert storage_backup.new_folder(tmp_path, moment, None).name == "IlotDesktop-sauvegarde-2026-11-27_1742"
    named = storage_backup.new_folder(tmp_path, moment, "avant-migration", "0004-vers-0005")
    assert named.name == "2026-11-27_1742_avant-migration-0004-vers-0005"


def test_backups_and_restores_are_in_the_access_log(opened, vault_dir, tmp_path):
    session, _code = opened
    session.backups.write(now=NOW)
    session.backups.write(tmp_path, now=NOW)
    backup_events = [e for e in session.audit.events() if e.action == "backup"]
    assert sorted(e.detail for e in backup_events) == ["dossier choisi", "manuelle"]
    folder = list_backups(vault_dir)[0].path
    session.close()
    restore(vault_dir, folder, PASSWORD)
    reopened = vault.unlock(vault_dir, PASSWORD, clock=lambda: TODAY)
    try:
        assert "restore" in [e.action for e in reopened.audit.events()]
    finally:
        reopened.close()
