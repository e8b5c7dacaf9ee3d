"""The vault: one encrypted database file, the key file (``ilot.key``) and the recovery envelope (``ilot.secours``).

Every password change re-keys the database with a new data key (``rekey``): see ``storage/keys.py`` and
``docs/vault-format.md``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlcipher3

from ilot_desktop.errors import (
    DamagedVaultError,
    KeyFileMissingError,
    NoVaultError,
    StorageEnvironmentError,
    VaultExistsError,
    WrongPasswordError,
    WrongRecoveryCodeError,
)
from ilot_desktop.storage import keys
from ilot_desktop.storage.engine import classify_database_error, classify_os_error, describe_file, raw_connect
from ilot_desktop.storage.secret import key_statement

log = logging.getLogger(__name__)

DB_NAME = "ilot.db"
KEY_NAME = "ilot.key"
RECOVERY_NAME = "ilot.secours"
BACKUP_DIR = "sauvegardes"
REKEY_MARKER = "changement-de-cle.txt"
CODE_PENDING = "code_not_yet_shown"  # key file field: a new recovery code the person has not confirmed seeing
UNUSED_KEY_NAME = KEY_NAME + ".non-appliquee"  # a pending key file that opened nothing: set aside, never deleted


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
    def recovery_file(self) -> Path:
        return self.folder / RECOVERY_NAME

    @property
    def pending_keyfile(self) -> Path:
        return self.folder / (KEY_NAME + ".nouvelle")

    @property
    def backups(self) -> Path:
        return self.folder / BACKUP_DIR

    def exists(self) -> bool:
        return self.db.exists()


def create_vault(
    paths: VaultPaths, password: str, kdf: keys.KdfParams | None = None, code_pending: bool = False
) -> tuple[bytes, str]:
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
    secret = keys.new_recovery_secret()  # never the data key: an old key file must never yield the code
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
        content = keys.wrap_key(key, password, kdf, keys.recovery_public_key(secret))
        if code_pending:
            content[CODE_PENDING] = True  # until the caller has shown the code (``confirm_code``)
        keys.write_keyfile(paths.keyfile, content)
        keys.write_keyfile(paths.recovery_file, keys.recovery_file_content(content["recovery"]))
        os.chmod(temp, 0o600)  # encrypted anyway; still nobody else's business
        os.replace(temp, paths.db)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise classify_os_error(exc) from exc
    except StorageEnvironmentError:
        temp.unlink(missing_ok=True)
        raise
    except sqlcipher3.dbapi2.OperationalError as exc:
        temp.unlink(missing_ok=True)
        raise classify_os_error(OSError(13, str(exc))) from exc
    log.info("vault created")
    return key, keys.encode_recovery_code(secret)


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
    finished = _finish_interrupted_rekey(paths, password)
    if finished is not None:
        _refresh_recovery_file(paths, finished)
        return finished
    key = keys.unwrap_key(keys.read_keyfile(paths.keyfile), password)
    if not _opens(paths, key):
        if paths.pending_keyfile.exists():
            raise WrongPasswordError(
                "Un changement de mot de passe a été interrompu\u00a0: ouvrez le fichier avec le nouveau mot de passe."
            )
        raise DamagedVaultError(
            "Le mot de passe est correct, mais le fichier de données est endommagé ou a été remplacé. "
            "Ne le modifiez pas : gardez une copie du dossier et prévenez l'équipe qui maintient "
            "l'application."
        )
    _refresh_recovery_file(paths, key)
    return key


def _refresh_recovery_file(paths: VaultPaths, key: bytes) -> None:
    """``ilot.secours`` follows the key file (a crash between the two writes leaves it one key behind)."""
    try:
        content = keys.read_keyfile(paths.keyfile)
    except KeyFileMissingError:
        return
    envelope = content.get("recovery")
    if not isinstance(envelope, dict) or envelope.get("key_check") != keys.key_check(key):
        return
    current = keys.read_envelopes([paths.recovery_file])
    if current and current[0].get("key_check") == keys.key_check(key):
        return  # already this key's: never replaced by another copy
    try:
        keys.write_keyfile(paths.recovery_file, keys.recovery_file_content(envelope))
    except (OSError, StorageEnvironmentError):  # read-only media: the key file still holds the envelope
        log.warning("recovery envelope not refreshed")


def recovery_public(paths: VaultPaths) -> bytes | None:
    """The recovery code's public key the current key file seals to; None for a key file of format 1."""
    return keys.envelope_public_key(keys.read_keyfile(paths.keyfile).get("recovery"))


def unlock_with_recovery_code(paths: VaultPaths, code: str) -> bytes:
    """The data key from the printed code: through the sealed envelopes (``ilot.key``, an interrupted change's
    ``ilot.key.nouvelle``, ``ilot.secours``), or the code itself for a file of format 1."""
    _check_db_file(paths)
    secret = keys.decode_recovery_code(code)
    sources = [paths.keyfile, paths.pending_keyfile, paths.recovery_file]
    key = key_from_secret(paths.db, secret, sources, lambda db, key: _opens(paths, key))
    _settle_pending(paths, key)
    return key


def _settle_pending(paths: VaultPaths, key: bytes) -> None:
    """After opening with the code: an interrupted re-key is finished (or its unused key file dropped)."""
    pending = paths.pending_keyfile
    try:
        if pending.exists():
            try:
                fits = keys.read_keyfile(pending).get("key_check") == keys.key_check(key)
            except KeyFileMissingError:
                fits = False
            if fits:
                os.replace(pending, paths.keyfile)
                log.info("interrupted re-key completed")
            else:
                os.replace(pending, paths.folder / UNUSED_KEY_NAME)
        marker = paths.folder / REKEY_MARKER
        if marker.exists():
            marker.unlink()
    except OSError:
        log.warning("interrupted re-key left as it is (read-only folder?)")
        return
    _refresh_recovery_file(paths, key)


def key_from_secret(
    db: Path,
    secret: bytes,
    sources: list[Path],
    opens: Callable[[Path, bytes], bool],
    what: str = "ce fichier",
    own: list[Path] | None = None,
) -> bytes:
    """The data key of ``db`` that the recovery ``secret`` reaches, or the French reason why it does not.

    ``sources`` are key files and ``ilot.secours`` files that may hold envelopes; ``opens(db, key)`` tells
    whether a key opens ``db``. Only ``own`` sources (by default all) can prove ``db`` damaged: another file's
    envelope may simply hold another key. Shared by the vault and its backups.
    """
    envelopes = keys.read_envelopes(sources)
    candidates = [secret] + [key for envelope in envelopes if (key := keys.open_envelope(envelope, secret))]
    for key in candidates:
        if opens(db, key):
            return key
    public = keys.recovery_public_key(secret)
    own_envelopes = envelopes if own is None else keys.read_envelopes(own)
    checks = []
    for source in sources if own is None else own:
        try:
            checks.append(keys.read_keyfile(source).get("key_check"))
        except KeyFileMissingError:
            continue
    ours = any(keys.envelope_public_key(e) == public for e in own_envelopes) or keys.key_check(secret) in checks
    if ours:
        raise DamagedVaultError(
            f"Le code de secours est correct, mais {what} ne s'ouvre pas\u00a0: données endommagées ou remplacées."
        )
    if envelopes or any(checks):
        raise WrongRecoveryCodeError(f"Ce code de secours ne correspond pas à {what}.")
    raise WrongRecoveryCodeError(
        f"Ce code de secours n'ouvre pas {what}\u00a0: il appartient à un autre fichier, ou le fichier de clé "
        "(ilot.key) a été perdu avec sa copie (ilot.secours)."
    )


def _finish_interrupted_rekey(paths: VaultPaths, password: str) -> bytes | None:
    """A re-key (password change, new recovery code) interrupted before ``ilot.key`` was replaced: finish it.

    SQLCipher re-keys in one transaction, so exactly one of the two key files opens the database. Returns the
    pending file's key when it is the one that opens (used even where the folder cannot be written: read-only
    media). A pending key file that does not open the database is never deleted: it is set aside
    (``ilot.key.non-appliquee``), since it may be the only key of a copy kept elsewhere.
    """
    pending, marker = paths.pending_keyfile, paths.folder / REKEY_MARKER
    if not pending.exists():
        _remove_quietly(marker)
        return None
    try:
        new_key = keys.unwrap_key(keys.read_keyfile(pending), password)
    except (KeyFileMissingError, WrongPasswordError):
        return None  # not this password: leave everything as it is
    if _opens(paths, new_key):
        try:
            os.replace(pending, paths.keyfile)
            log.info("interrupted re-key completed")
        except OSError:
            log.warning("interrupted re-key not finished on disk (read-only folder?)")
        _remove_quietly(marker)
        return new_key
    try:
        os.replace(pending, paths.folder / UNUSED_KEY_NAME)
    except OSError:
        log.warning("unused pending key file left in place (read-only folder?)")
    _remove_quietly(marker)
    return None


def _remove_quietly(path: Path) -> None:
    try:
        if path.exists():  # unlink(missing_ok) still fails on read-only media (EROFS before ENOENT)
            path.unlink()
    except OSError:
        log.warning("%s left in place (read-only folder?)", path.name)


def rekey(
    paths: VaultPaths,
    old_key: bytes,
    password: str,
    recovery_public: bytes,
    kdf: keys.KdfParams | None = None,
    new_code: bool = False,
) -> bytes:
    """A new data key for the database, wrapped under ``password`` and sealed to the recovery code.

    ``new_code``: the code is new and not yet shown; the key file says so until ``confirm_code`` (a crash
    before the person noted it is then told at the next unlock, instead of leaving a file with no known code).

    Done at every password change (so that an old password or an old key file opens nothing written
    after it) and for a new recovery code. The database must be closed. Order, so that an interruption never
    loses the records: the new key file is written aside (``ilot.key.nouvelle``), a marker says a re-key is
    under way, ``PRAGMA rekey`` rewrites every page in one transaction, then the new key file replaces the
    old one and ``ilot.secours`` follows. Interrupted anywhere, the next unlock keeps whichever key file
    opens the database (the new password opens the new one, the recovery code both).
    """
    if not _opens(paths, old_key):
        raise WrongRecoveryCodeError("Cette clé n'ouvre pas ce fichier.")
    new_key = keys.new_data_key()
    pending = paths.pending_keyfile
    marker = paths.folder / REKEY_MARKER
    content = keys.wrap_key(new_key, password, kdf, recovery_public)
    if new_code:
        content[CODE_PENDING] = True
    try:
        keys.write_keyfile(pending, content)
        marker.write_text("en cours", encoding="ascii")
        try:
            rekey_file(paths.db, old_key, new_key)
        except sqlcipher3.dbapi2.Error as exc:  # rolled back: the file keeps its key, the change did not happen
            _remove_quietly(pending)
            _remove_quietly(marker)
            classified = classify_database_error(exc)
            if classified is not exc:
                raise classified from exc
            raise StorageEnvironmentError(
                "Le fichier n'a pas pu être rechiffré (disque plein ou support défaillant\u00a0?)\u00a0: rien n'a "
                "changé, l'ancien mot de passe et le code de secours restent valables."
            ) from exc
        os.replace(pending, paths.keyfile)
        keys.write_keyfile(paths.recovery_file, keys.recovery_file_content(content["recovery"]))
        marker.unlink(missing_ok=True)
    except OSError as exc:
        raise classify_os_error(exc) from exc
    if not _opens(paths, new_key):  # never expected: SQLCipher's rekey is transactional
        raise DamagedVaultError("La nouvelle clé n'a pas pu être appliquée au fichier.")
    log.info("vault re-keyed")
    return new_key


def rekey_file(db: Path, old_key: bytes, new_key: bytes) -> None:
    """``PRAGMA rekey``: every page rewritten under ``new_key`` in one transaction."""
    connection = raw_connect(db, old_key)
    try:
        with key_statement(new_key, "rekey") as statement:  # the hex text wiped once SQLCipher has read it
            connection.execute(statement)
    finally:
        connection.close()


def code_pending(paths: VaultPaths) -> bool:
    """Was the file's recovery code drawn and never confirmed as seen (a crash while it was shown)?"""
    try:
        return bool(keys.read_keyfile(paths.keyfile).get(CODE_PENDING))
    except KeyFileMissingError:
        return False


def confirm_code(paths: VaultPaths) -> None:
    """The person has seen (printed, noted) the recovery code: the key file stops saying it was not shown."""
    try:
        content = keys.read_keyfile(paths.keyfile)
    except KeyFileMissingError:
        return
    if content.pop(CODE_PENDING, None):
        try:
            keys.write_keyfile(paths.keyfile, content)
        except (OSError, StorageEnvironmentError):
            log.warning("recovery code confirmation not written (read-only folder?)")
