"""Backups as the window and the command line use them: write, automatic rotation, list, check, restore.

``session.backups`` works on an open vault; ``list_backups``, ``check_backup``, ``latest_good_backup`` and
``restore`` work on a closed one (the unlock page offers them when the file is damaged). The layout, how
a copy is made and verified, and the rotation rule are described in ``storage/backup.py``.
"""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path

from ilot_desktop.errors import DamagedVaultError, IlotError, NewerDatabaseError, ValidationError
from ilot_desktop.services.vault import CheckReport
from ilot_desktop.storage import backup as storage_backup
from ilot_desktop.storage import migrate
from ilot_desktop.storage import restore as storage_restore
from ilot_desktop.storage.backup import AUTO, BEFORE_MIGRATION, BEFORE_RESTORE, KIND_LABELS, MANUAL, BackupInfo
from ilot_desktop.storage.database import Database
from ilot_desktop.storage.engine import classify_os_error
from ilot_desktop.storage.vault import BACKUP_DIR, KEY_NAME, VaultPaths

log = logging.getLogger(__name__)

# What the window needs, without importing storage: the record, the kinds and their French labels.
__all__ = [
    "AUTO",
    "BEFORE_MIGRATION",
    "BEFORE_RESTORE",
    "KIND_LABELS",
    "MANUAL",
    "BackupInfo",
    "BackupService",
    "check_backup",
    "latest_good_backup",
    "list_backups",
    "restore",
]

NEWER_PROBLEM = (
    "Cette sauvegarde a été faite par une version plus récente d'Îlot desktop : installez la dernière version "
    "pour l'utiliser."
)


class BackupService:
    def __init__(self, database: Database):
        self._db = database

    def write(self, target_folder: Path | None = None, reason: str = MANUAL, now: datetime | None = None) -> Path:
        """A verified encrypted copy; in ``sauvegardes/`` or, given a folder, in a new folder inside it.

        Returns the backup's folder. Raises StorageEnvironmentError (full, read-only, failed verification).
        """
        when = now or datetime.now()
        if target_folder is None:
            if reason not in (AUTO, MANUAL, BEFORE_MIGRATION):
                raise ValueError(f"unknown backup reason {reason!r}")
            parent = self._backups_dir()
            destination = storage_backup.new_folder(parent, when, reason)
        else:
            destination = storage_backup.new_folder(Path(target_folder), when, None)
        path = self._db.write_backup(destination)
        log.info("backup written (%s%s)", reason, ", chosen folder" if target_folder is not None else "")
        return path

    def auto_if_due(self, now: datetime | None = None) -> Path | None:
        """The day's automatic backup if there is none yet (at unlock and at close), then the rotation."""
        when = now or datetime.now()
        if any(b.kind == AUTO and b.created.date() == when.date() for b in self.list()):
            return None
        path = self.write(reason=AUTO, now=when)
        self.rotate()
        return path

    def rotate(self) -> list[Path]:
        """Delete the automatic backups the rotation no longer keeps; returns their paths."""
        removed = []
        for victim in storage_backup.rotation_victims(self.list()):
            try:
                storage_backup.delete_backup(victim)
            except OSError:
                log.warning("an old automatic backup could not be deleted")
                continue
            removed.append(victim.path)
        if removed:
            log.info("%d old automatic backup(s) deleted", len(removed))
        return removed

    def list(self) -> list[BackupInfo]:
        """The backups in the data folder, newest first."""
        return storage_backup.list_backups(self._db.paths.backups)

    def _backups_dir(self) -> Path:
        folder = self._db.paths.backups
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise classify_os_error(exc) from exc
        return folder


def list_backups(data_folder: Path) -> list[BackupInfo]:
    """The backups of a vault, open or not, newest first."""
    return storage_backup.list_backups(VaultPaths(Path(data_folder)).backups)


def check_backup(
    folder: Path,
    password: str | None = None,
    recovery_code: str | None = None,
    vault_folder: Path | None = None,
) -> CheckReport:
    """Open a backup read-only with one secret and check it whole; the backup is never modified.

    The password is tried on the backup's ``ilot.key``, then on the current one of ``vault_folder`` (by
    default the vault whose ``sauvegardes/`` holds the backup), since a password changed after the backup
    still unwraps the same key. Raises WrongPasswordError / WrongRecoveryCodeError, DamagedVaultError when
    the secret is right but the copy does not open, KeyFileMissingError, NoVaultError; damage found inside
    a copy that opens is listed in ``problems``.
    """
    return _report(_open(Path(folder), password, recovery_code, vault_folder))


def latest_good_backup(
    data_folder: Path, password: str | None = None, recovery_code: str | None = None
) -> tuple[BackupInfo, CheckReport] | None:
    """The newest backup that opens with the secret and passes the full check (offered when damaged)."""
    for info in list_backups(data_folder):
        try:
            report = check_backup(info.path, password, recovery_code, vault_folder=data_folder)
        except IlotError:  # another password then, damaged, unreadable: try the one before
            continue
        if report.ok:
            return info, report
    return None


def restore(
    data_folder: Path,
    backup_folder: Path,
    password: str | None = None,
    recovery_code: str | None = None,
    now: datetime | None = None,
) -> Path | None:
    """Put a backup in place of the vault, which must be closed (the window locks first).

    The backup is opened with the secret and checked whole first: a wrong secret, a damaged copy or one
    from a newer version changes nothing. The current files are kept in
    ``sauvegardes/<stamp>_avant-restauration/`` (returned; None if the folder held no vault). Afterwards the
    password is the one that opened the backup; the recovery code still opens it.
    """
    data_folder, backup_folder = Path(data_folder), Path(backup_folder)
    if backup_folder.resolve() == data_folder.resolve():
        raise ValidationError({"backup": "Choisissez une sauvegarde, pas le dossier de données lui-même."})
    opened = _open(backup_folder, password, recovery_code, data_folder)
    report = _report(opened)
    if NEWER_PROBLEM in report.problems:
        raise NewerDatabaseError(NEWER_PROBLEM + " Rien n'a été modifié.")
    if not report.ok:
        log.warning("restore refused: the backup fails its check (%d problems)", len(report.problems))
        raise DamagedVaultError(
            "Cette sauvegarde est endommagée (contrôle d'intégrité en échec) : rien n'a été modifié. "
            "Choisissez-en une autre."
        )
    return storage_restore.put_in_place(VaultPaths(data_folder), opened, now or datetime.now())


def _open(
    folder: Path, password: str | None, recovery_code: str | None, vault_folder: Path | None
) -> storage_restore.OpenedBackup:
    if (password is None) == (recovery_code is None):
        raise ValidationError({"secret": "Indiquez le mot de passe ou le code de secours de la sauvegarde."})
    db, keyfile = storage_backup.backup_files(folder)
    keyfiles = [keyfile]
    if vault_folder is not None:
        keyfiles.append(VaultPaths(Path(vault_folder)).keyfile)
    elif folder.parent.name == BACKUP_DIR:
        keyfiles.append(folder.parent.parent / KEY_NAME)
    if password is not None:
        return storage_restore.with_password(db, keyfiles, password)
    assert recovery_code is not None
    return storage_restore.with_recovery_code(db, keyfiles, recovery_code)


def _report(opened: storage_restore.OpenedBackup) -> CheckReport:
    inspection = storage_restore.inspect(opened.db, opened.key)
    problems = list(inspection.problems)
    if inspection.schema_version is not None and inspection.schema_version not in migrate.known_revisions():
        problems.append(NEWER_PROBLEM)
    return CheckReport(
        schema_version=inspection.schema_version,
        counts=inspection.counts,
        problems=problems,
        size_bytes=opened.db.stat().st_size,
    )
