"""The vault: one encrypted database file and the side file holding the password-wrapped key."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from ilot_desktop.errors import (
    DamagedVaultError,
    KeyFileMissingError,
    NoVaultError,
    VaultExistsError,
    WrongPasswordError,
    WrongRecoveryCodeError,
)
from ilot_desktop.storage import keys
from ilot_desktop.storage.engine import classify_os_error, describe_file, raw_connect

log = logging.getLogger(__name__)

DB_NAME = "ilot.db"
KEY_NAME = "ilot.key"
BACKUP_DIR = "sauvegardes"
REKEY_MARKER = "changement-de-cle.txt"


@dataclass(frozen=True)
class VaultPaths:
    folder: Path

    @property
    def db(self) -> Path:
        return self.folder / DB_NAME

    @property
    def keyfile(self) -> Path:
        return self.folder / KEY_NAME

    @property
    def backups(self) -> Path:
        return self.folder / BACKUP_DIR

    def exists(self) -> bool:
        return self.db.exists()


def create_vault(paths: VaultPaths, password: str, kdf: keys.KdfParams | None = None) -> tuple[bytes, str]:
    """Create an empty, keyed database and its key file. Returns (data key, recovery code).

    The schema is created by the migrations at first open (``Database.open``). The file is
    created under a temporary name and moved into place only once the key file is written,
    so an interrupted creation never leaves a vault nobody can open.
    """
    if paths.exists():
        raise VaultExistsError(f"Un fichier Îlot existe déjà dans ce dossier : {paths.folder}")
    if paths.keyfile.exists():
        raise VaultExistsError(
            "Ce dossier contient une clé (ilot.key) mais pas de fichier de données (ilot.db) : le fichier "
            "a peut-être été déplacé. Remettez-le en place plutôt que d'en créer un nouveau."
        )
    key = keys.new_data_key()
    temp = paths.db.with_name(DB_NAME + ".creation")
    try:
        paths.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        temp.unlink(missing_ok=True)
        connection = raw_connect(temp, key)
        try:
            connection.execute("CREATE TABLE _init (x INTEGER)")
            connection.execute("DROP TABLE _init")
            connection.commit()
        finally:
            connection.close()
        keys.write_keyfile(paths.keyfile, keys.wrap_key(key, password, kdf))
        os.chmod(temp, 0o600)  # encrypted anyway; still nobody else's business
        os.replace(temp, paths.db)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise classify_os_error(exc) from exc
    except sqlcipher3.dbapi2.OperationalError as exc:
        temp.unlink(missing_ok=True)
        raise classify_os_error(OSError(13, str(exc))) from exc
    log.info("vault created")
    return key, keys.encode_recovery_code(key)


def _check_db_file(paths: VaultPaths) -> None:
    if not paths.exists():
        raise NoVaultError(f"Aucun fichier Îlot dans ce dossier : {paths.folder}")
    problem = describe_file(paths.db)
    if problem:
        raise DamagedVaultError(problem)


def _opens(paths: VaultPaths, key: bytes) -> bool:
    try:
        raw_connect(paths.db, key).close()
    except sqlcipher3.dbapi2.DatabaseError:
        return False
    return True


def unlock_with_password(paths: VaultPaths, password: str) -> bytes:
    """The data key, or WrongPasswordError / DamagedVaultError / KeyFileMissingError."""
    _check_db_file(paths)
    _finish_interrupted_rekey(paths, password)
    key = keys.unwrap_key(keys.read_keyfile(paths.keyfile), password)
    if not _opens(paths, key):
        raise DamagedVaultError(
            "Le mot de passe est correct, mais le fichier de données est endommagé ou a été remplacé. "
            "Ne le modifiez pas : gardez une copie du dossier et prévenez l'équipe qui maintient "
            "l'application."
        )
    return key


def unlock_with_recovery_code(paths: VaultPaths, code: str) -> bytes:
    _check_db_file(paths)
    key = keys.decode_recovery_code(code)
    if _opens(paths, key):
        return key
    try:
        expected = keys.read_keyfile(paths.keyfile).get("key_check")
    except KeyFileMissingError:
        expected = None
    if expected and expected != keys.key_check(key):
        raise WrongRecoveryCodeError("Ce code de secours ne correspond pas à ce fichier.")
    if expected:
        raise DamagedVaultError("Le code de secours est correct, mais le fichier de données est endommagé.")
    raise WrongRecoveryCodeError(
        "Ce code de secours n'ouvre pas ce fichier : il appartient à un autre fichier, ou le fichier est endommagé."
    )


def _pending_keyfile(paths: VaultPaths) -> Path:
    return paths.keyfile.with_name(KEY_NAME + ".nouvelle")


def _finish_interrupted_rekey(paths: VaultPaths, password: str) -> None:
    """A new recovery code interrupted between re-keying the file and replacing ``ilot.key``: finish it.

    SQLCipher re-keys in one transaction, so exactly one of the two key files opens the database: the one that
    does is kept (the password opens both).
    """
    pending, marker = _pending_keyfile(paths), paths.folder / REKEY_MARKER
    if not pending.exists():
        if marker.exists():  # unlink(missing_ok) still fails on read-only media (EROFS before ENOENT)
            marker.unlink()
        return
    try:
        new_key = keys.unwrap_key(keys.read_keyfile(pending), password)
    except (KeyFileMissingError, WrongPasswordError):
        return  # not this password: leave everything as it is
    if _opens(paths, new_key):
        os.replace(pending, paths.keyfile)
        log.info("interrupted re-key completed")
    else:
        pending.unlink(missing_ok=True)
    marker.unlink(missing_ok=True)


def rekey(paths: VaultPaths, old_key: bytes, password: str, kdf: keys.KdfParams | None = None) -> tuple[bytes, str]:
    """A new data key for the database (a new recovery code); the password stays the same.

    The database must be closed. Order, so that an interruption never loses the records: the new key file is
    written aside (``ilot.key.nouvelle``), a marker says a rekey is under way, ``PRAGMA rekey`` rewrites every
    page in one transaction, then the new key file replaces the old one. Interrupted anywhere, the next unlock
    with the password keeps whichever key file opens the database.
    """
    if not _opens(paths, old_key):
        raise WrongRecoveryCodeError("Cette clé n'ouvre pas ce fichier.")
    new_key = keys.new_data_key()
    pending = _pending_keyfile(paths)
    marker = paths.folder / REKEY_MARKER
    try:
        keys.write_keyfile(pending, keys.wrap_key(new_key, password, kdf))
        marker.write_text("en cours", encoding="ascii")
        connection = raw_connect(paths.db, old_key)
        try:
            connection.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        finally:
            connection.close()
        os.replace(pending, paths.keyfile)
        marker.unlink(missing_ok=True)
    except OSError as exc:
        raise classify_os_error(exc) from exc
    if not _opens(paths, new_key):  # never expected: SQLCipher's rekey is transactional
        raise DamagedVaultError("Le nouveau code de secours n'a pas pu être appliqué au fichier.")
    log.info("vault re-keyed (new recovery code)")
    return new_key, keys.encode_recovery_code(new_key)


def set_password(paths: VaultPaths, key: bytes, password: str, kdf: keys.KdfParams | None = None) -> None:
    """Wrap the data key under a new password (the database itself is not rewritten)."""
    if not _opens(paths, key):
        raise WrongRecoveryCodeError("Cette clé n'ouvre pas ce fichier.")
    try:
        keys.write_keyfile(paths.keyfile, keys.wrap_key(key, password, kdf))
    except OSError as exc:
        raise classify_os_error(exc) from exc
    log.info("password changed")
