"""Backups as the window and the command line use them: write, automatic rotation, list, check, restore.

``session.backups`` works on an open vault; ``list_backups``, ``check_backup``, ``latest_good_backup`` and
``restore`` work on a closed one (the unlock page offers them when the file is damaged). The layout, how
a copy is made and verified, and the rotation rule are described in ``storage/backup.py``.
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path

from ilot_desktop.domain.audit import AuditAction
from ilot_desktop.errors import (
    BackupPasswordNeededError,
    DamagedVaultError,
    IlotError,
    KeyFileMissingError,
    NewerDatabaseError,
    ValidationError,
    WrongPasswordError,
    WrongRecoveryCodeError,
)
from ilot_desktop.services.check_report import CheckReport
from ilot_desktop.services.clock import Today, as_clock
from ilot_desktop.storage import backup as storage_backup
from ilot_desktop.storage import keys, migrate
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
    def __init__(self, database: Database, clock: Today = date.today):
        self._db = database
        self._clock = as_clock(clock)

    def write(self, target_folder: Path | None = None, reason: str = MANUAL, now: datetime | None = None) -> Path:
        """A verified encrypted copy; in ``sauvegardes/`` or, given a folder, in a new folder inside it.

        Returns the backup's folder. Raises StorageEnvironmentError (full, read-only, failed verification).
        """
        when = now or self._clock.now()
        if target_folder is None:
            if reason not in (AUTO, MANUAL, BEFORE_MIGRATION):
                raise ValueError(f"unknown backup reason {reason!r}")
            parent = self._backups_dir()
            destination = storage_backup.new_folder(parent, when, reason)
        else:
            destination = storage_backup.new_folder(Path(target_folder), when, None)
        path = self._db.write_backup(destination)
        log.info("backup written (%s%s)", reason, ", chosen folder" if target_folder is not None else "")
        from ilot_desktop.services.audit import record_after

        where = "dossier choisi" if target_folder is not None else KIND_LABELS.get(reason, reason).lower()
        record_after(self._db, self._clock, AuditAction.BACKUP, detail=where)
        return path

    def auto_if_due(self, now: datetime | None = None) -> Path | None:
        """The day's automatic backup if there is none yet (at unlock and at close), then the rotation."""
        when = now or self._clock.now()
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
    backup_password: str | None = None,
    now: datetime | None = None,
    clock: Today = date.today,
) -> Path | None:
    """Put a backup in place of the vault, which must be closed (the window locks first).

    Where a vault exists, ``password`` must be its **current** password (or ``recovery_code`` its recovery
    code): a backup never replaces the records on the word of an old password. The backup is opened with the
    current key (made since the last change), the current password on its own key file, ``backup_password``
    (the password of its time), or the recovery code; it is checked whole first, so a wrong secret, a damaged
    copy or one from a newer version changes nothing. It is then re-keyed to the current key: afterwards the
    file opens with the current password and recovery code, never with the backup's old password. The current
    files are kept in ``sauvegardes/<stamp>_avant-restauration/`` (returned; None if the folder held no vault).
    """
    data_folder, backup_folder = Path(data_folder), Path(backup_folder)
    if backup_folder.resolve() == data_folder.resolve():
        raise ValidationError({"backup": "Choisissez une sauvegarde, pas le dossier de données lui-même."})
    if password is not None and recovery_code is not None:
        raise ValidationError({"secret": "Indiquez le mot de passe ou le code de secours, pas les deux."})
    paths = VaultPaths(data_folder)
    current_key = _current_key(paths, password, recovery_code)
    if current_key is None:
        opened = _open(backup_folder, backup_password or password, recovery_code, None)
    else:
        opened = _open_with_current(backup_folder, current_key, password, recovery_code, backup_password)
    report = _report(opened)
    if NEWER_PROBLEM in report.problems:
        raise NewerDatabaseError(NEWER_PROBLEM + " Rien n'a été modifié.")
    if not report.ok:
        log.warning("restore refused: the backup fails its check (%d problems)", len(report.problems))
        raise DamagedVaultError(
            "Cette sauvegarde est endommagée (contrôle d'intégrité en échec)\u00a0: rien n'a été modifié. "
            "Choisissez-en une autre."
        )
    aside = storage_restore.put_in_place(paths, opened, now or as_clock(clock).now(), rekey_to=current_key)
    _record_restore(paths, current_key or opened.key, clock)
    return aside


def _current_key(paths: VaultPaths, password: str | None, recovery_code: str | None) -> bytes | None:
    """The vault's current data key, proving the person holds its current secret; None when no vault is here."""
    if not paths.db.exists() and not paths.keyfile.exists():
        return None  # a new computer: nothing here to protect
    if password is None and recovery_code is None:
        raise ValidationError({"secret": "Indiquez le mot de passe actuel du fichier ou son code de secours."})
    if recovery_code is not None:
        return _current_key_from_code(paths, recovery_code)
    assert password is not None
    return _current_key_from_password(paths, password)


def _current_key_from_code(paths: VaultPaths, recovery_code: str) -> bytes:
    secret = keys.decode_recovery_code(recovery_code)
    sources = [paths.keyfile, paths.pending_keyfile, paths.recovery_file]
    for envelope in keys.read_envelopes(sources):
        key = keys.open_envelope(envelope, secret)
        if key is not None and _is_current(paths, key, proven_by_code=True):
            return key
    if _is_current(paths, secret, proven_by_code=True, sealed=False):  # format 1: the code is the key
        return secret
    raise WrongRecoveryCodeError("Ce code de secours n'est pas celui du fichier actuel\u00a0: rien n'a été modifié.")


def _current_key_from_password(paths: VaultPaths, password: str) -> bytes:
    for keyfile in (paths.keyfile, paths.pending_keyfile):
        try:
            key = keys.unwrap_key(keys.read_keyfile(keyfile), password)
        except WrongPasswordError:
            continue
        except KeyFileMissingError:
            if keyfile == paths.keyfile:
                raise KeyFileMissingError(
                    "Le fichier de clé actuel (ilot.key) est introuvable ou endommagé\u00a0: restaurez avec le code "
                    "de secours."
                ) from None
            continue
        if _is_current(paths, key):
            return key
        if paths.db.exists():
            raise WrongPasswordError(
                "Le fichier actuel ne s'ouvre pas avec ce mot de passe (il est endommagé, ou un changement de mot "
                "de passe a été interrompu, ou son fichier de clé a été remplacé)\u00a0: une sauvegarde ne peut "
                "alors être restaurée qu'avec le code de secours. Rien n'a été modifié."
            )
    raise WrongPasswordError(
        "Ce n'est pas le mot de passe actuel du fichier. Une sauvegarde ne se restaure qu'avec le mot de passe "
        "actuel (ou le code de secours)\u00a0: rien n'a été modifié."
    )


def _is_current(paths: VaultPaths, key: bytes, proven_by_code: bool = False, sealed: bool = True) -> bool:
    """Is ``key`` the vault's current key? It must open the database. Only the recovery code (the owner's
    strongest secret) may also vouch through the key file's fingerprint for a database that no longer opens
    (damaged): a password alone never does, or an old key file copied over the current one, or a password
    change cut short, would let an old password replace the records. ``sealed``: the key came out of the vault's
    own envelope (not a format-1 code taken as the key itself)."""
    if paths.db.exists() and storage_restore.opens_quietly(paths.db, key):
        return True
    if not proven_by_code and paths.db.exists():
        return False
    try:
        return keys.read_keyfile(paths.keyfile).get("key_check") == keys.key_check(key)
    except KeyFileMissingError:
        return proven_by_code and sealed  # a key from the vault's own sealed envelope (ilot.secours)


def _open_with_current(
    folder: Path, current_key: bytes, password: str | None, recovery_code: str | None, backup_password: str | None
) -> storage_restore.OpenedBackup:
    """The backup opened with what the person gave, the vault's current key first."""
    db, keyfile = storage_backup.backup_files(folder)
    opened = storage_restore.with_key(db, current_key)
    if opened is not None:
        return opened
    if recovery_code is not None:
        return storage_restore.with_recovery_code(db, [keyfile], recovery_code)
    for secret in (backup_password, password):
        if secret is None:
            continue
        try:
            return storage_restore.with_password(db, [keyfile], secret)
        except WrongPasswordError:
            continue
    raise BackupPasswordNeededError(
        "Cette sauvegarde date d'avant un changement de mot de passe\u00a0: elle ne s'ouvre qu'avec le mot de passe "
        "de son époque. Indiquez-le comme «\u00a0mot de passe de la sauvegarde\u00a0» (en ligne de commande\u00a0: "
        "variable ILOT_BACKUP_PASSPHRASE), ou utilisez le code de secours."
    )


def _record_restore(paths: VaultPaths, key: bytes, clock: Today) -> None:
    """« Restauration d'une sauvegarde » in the restored file's access log (skipped on read-only media)."""
    from ilot_desktop.services.audit import record_after

    try:
        database = Database.open(paths, key, as_clock(clock).now)
    except IlotError:
        log.warning("access log: restore not recorded")
        return
    try:
        record_after(database, clock, AuditAction.RESTORE)
        _forget_replica(database)
    finally:
        database.close()


def _forget_replica(database: Database) -> None:
    """A restored file draws a new team replica id at its next exchange: the backup's writes were already sent
    under the old one, and the same dots must never name two different writes (docs/team-engine.md)."""
    from ilot_desktop.services.team_sync import REPLICA_KEY

    try:
        with database.unit_of_work() as uow:
            uow.settings.delete(REPLICA_KEY)
            uow.commit()
    except IlotError:
        log.warning("team replica id not reset after restore (read-only file?)")


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
