"""The backups of ``sauvegardes/`` after a password change: which key opens each, re-encrypting, deleting.

A password change re-keys the vault (``storage/vault.rekey``). The backups made before keep the data key of
their time: their own ``ilot.key`` opens them with the password of their time, and with nothing written
since. The person chooses (``services/vault.OldBackups``) to re-encrypt those made under the old password
(re-keyed to the new data key, their key file replaced by the vault's new one), to delete every backup the
new password does not open, or to keep them as they are.

Re-encrypting one backup: its database is copied beside itself (``ilot.db.rechiffrement``), the copy
re-keyed and read back with the new key, then renamed over the original, then the key file replaced. A crash
before the rename leaves the backup as it was (the next change removes the leftover copy); after it, the
backup opens with the new key through the vault's key file, as every backup can.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from ilot_desktop.errors import StorageEnvironmentError
from ilot_desktop.storage import keys
from ilot_desktop.storage.backup import BackupInfo, backup_files, delete_backup, fsync_dir, fsync_file, list_backups
from ilot_desktop.storage.restore import opens
from ilot_desktop.storage.vault import VaultPaths, rekey_file

log = logging.getLogger(__name__)

REENCRYPT, DELETE, KEEP = "rechiffrer", "supprimer", "garder"
_WORK_SUFFIX = ".rechiffrement"


@dataclass(frozen=True)
class Settled:
    reencrypted: int = 0
    deleted: int = 0
    kept_under_old: int = 0
    failed: int = 0


def _opens_with(info: BackupInfo, key: bytes) -> bool:
    try:
        return opens(info.db, key)
    except Exception:  # unreadable medium, damaged copy: not this key, as far as we can tell
        return False


def settle(paths: VaultPaths, old_key: bytes, new_key: bytes, policy: str) -> Settled:
    """Apply ``policy`` to every backup in ``sauvegardes/`` that the new key does not open."""
    reencrypted = deleted = kept = failed = 0
    for info in list_backups(paths.backups):
        _remove_leftover(info)
        if _opens_with(info, new_key):
            continue
        under_old = _opens_with(info, old_key)
        try:
            if policy == REENCRYPT and under_old:
                reencrypt(info, old_key, new_key, keys.read_keyfile(paths.keyfile))
                reencrypted += 1
            elif policy == DELETE:
                delete_backup(info)
                deleted += 1
            else:
                kept += 1
        except (OSError, StorageEnvironmentError, sqlcipher3.dbapi2.Error):  # one backup's trouble, said, never fatal
            log.warning("a backup could not be %s", "re-encrypted" if policy == REENCRYPT else "deleted")
            failed += 1
            kept += 1
    log.info("backups after a password change: %d re-encrypted, %d deleted, %d kept", reencrypted, deleted, kept)
    return Settled(reencrypted, deleted, kept, failed)


def reencrypt(info: BackupInfo, old_key: bytes, new_key: bytes, keyfile_content: dict) -> None:
    """Re-key one backup from ``old_key`` to ``new_key``; its key file becomes ``keyfile_content``."""
    db, keyfile = backup_files(info.path)
    work = db.with_name(db.name + _WORK_SUFFIX)
    try:
        shutil.copyfile(db, work)
        os.chmod(work, 0o600)
        rekey_file(work, old_key, new_key)
        fsync_file(work)
        if not opens(work, new_key):
            raise OSError(5, "re-encrypted copy does not open")
        os.replace(work, db)
        if info.path.is_dir():
            keys.write_keyfile(keyfile, keyfile_content)
        fsync_dir(db.parent)
    except BaseException:
        work.unlink(missing_ok=True)
        raise


def _remove_leftover(info: BackupInfo) -> None:
    leftover: Path = info.db.with_name(info.db.name + _WORK_SUFFIX)
    with contextlib.suppress(OSError):
        leftover.unlink(missing_ok=True)
