"""Opening a backup read-only (which secret, damaged or not), checking it whole, and putting it in place.

Nothing here writes into a backup: it is opened with ``mode=ro`` so that a copy on read-only media, or
one that is only being looked at, stays byte for byte as it was. See ``storage/backup.py`` for the layout.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlcipher3

from ilot_desktop.errors import (
    DamagedVaultError,
    KeyFileMissingError,
    NoVaultError,
    StorageEnvironmentError,
    WrongPasswordError,
)
from ilot_desktop.storage import keys
from ilot_desktop.storage.backup import (
    BEFORE_RESTORE,
    SIDE_FILES,
    fsync_dir,
    fsync_file,
    new_folder,
    open_readonly,
)
from ilot_desktop.storage.engine import classify_database_error, classify_os_error, describe_file
from ilot_desktop.storage.vault import RECOVERY_NAME, REKEY_MARKER, VaultPaths, key_from_secret, rekey_file

log = logging.getLogger(__name__)

COUNTED_TABLES = ("participants", "appointments", "collective_actions", "barriers", "tasks", "outcomes")
_DAMAGED_COPY = "la base de données de cette sauvegarde est endommagée ou a été remplacée : choisissez-en une autre."


@dataclass(frozen=True)
class OpenedBackup:
    db: Path
    key: bytes
    keyfile: Path | None  # the key file holding ``key`` that the caller's secret opened, if any


@dataclass(frozen=True)
class Inspection:
    schema_version: str | None
    counts: dict[str, int]
    problems: list[str]


def check_file(db: Path) -> None:
    if not db.is_file():
        raise NoVaultError(f"Aucune sauvegarde Îlot à cet endroit (pas de fichier {db.name}) : {db.parent}")
    problem = describe_file(db)
    if problem:
        raise DamagedVaultError(f"Cette sauvegarde n'est pas utilisable. {problem}")


def opens(db: Path, key: bytes) -> bool:
    """Does ``key`` open ``db``? An unreadable medium is said as such, not as a wrong key."""
    try:
        open_readonly(db, key).close()
    except sqlcipher3.dbapi2.DatabaseError as exc:
        name = getattr(exc, "sqlite_errorname", "") or ""
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
            return False
        classified = classify_database_error(exc)
        if classified is exc:
            raise
        raise classified from exc
    return True


def opens_quietly(db: Path, key: bytes) -> bool:
    """Does ``key`` open ``db``, read as it is (a leftover journal beside it ignored)? An unreadable file is
    simply "no": this recognises a key, it does not report."""
    try:
        open_readonly(db, key, immutable=True).close()
    except Exception:
        return False
    return True


def with_password(db: Path, keyfiles: list[Path], password: str) -> OpenedBackup:
    """The password on the backup's own key file (``keyfiles[0]``), then on the others (the vault's current one).

    Only the backup's own key file can prove the copy damaged: another key file whose password is right may
    simply hold another key (the file was re-keyed for a new recovery code since the backup was made).
    """
    check_file(db)
    own = keyfiles[0]
    present = [keyfile for keyfile in keyfiles if keyfile.is_file()]
    if not present:
        raise KeyFileMissingError(
            "Cette sauvegarde n'a pas de fichier de clé (ilot.key) : ouvrez-la avec le code de secours."
        )
    damaged = other_key = unreadable = False
    for keyfile in present:
        try:
            key = keys.unwrap_key(keys.read_keyfile(keyfile), password)
        except WrongPasswordError:
            continue
        except KeyFileMissingError:
            unreadable = unreadable or keyfile == own
            continue
        if opens(db, key):
            return OpenedBackup(db, key, keyfile)
        damaged = damaged or keyfile == own
        other_key = other_key or keyfile != own
    if damaged:
        raise DamagedVaultError(f"Le mot de passe est correct, mais {_DAMAGED_COPY}")
    if other_key:
        raise WrongPasswordError(
            "Cette sauvegarde ne s'ouvre pas avec la clé actuelle\u00a0: elle date d'avant un changement de mot "
            "de passe ou de code de secours. Essayez le mot de passe de l'époque de la sauvegarde, ou le code de "
            "secours."
        )
    if unreadable and len(present) == 1:
        raise KeyFileMissingError(
            "Le fichier de clé (ilot.key) de cette sauvegarde est endommagé : ouvrez-la avec le code de secours."
        )
    raise WrongPasswordError(
        "Mot de passe incorrect pour cette sauvegarde. Si le mot de passe a changé depuis qu'elle a été faite, "
        "essayez l'ancien, ou le code de secours."
    )


def with_recovery_code(db: Path, keyfiles: list[Path], code: str) -> OpenedBackup:
    """The code opens the envelope sealed in the backup's key file (or is the key, for files of format 1)."""
    check_file(db)
    secret = keys.decode_recovery_code(code)  # a typo is caught here, before the file is tried
    sources = [*keyfiles, *(keyfile.with_name(RECOVERY_NAME) for keyfile in keyfiles)]
    own = [keyfiles[0], keyfiles[0].with_name(RECOVERY_NAME)]
    key = key_from_secret(db, secret, sources, opens, what="cette sauvegarde", own=own)
    holder = next((k for k in keyfiles if _holds(k, key)), None)
    return OpenedBackup(db, key, holder)


def with_key(db: Path, key: bytes) -> OpenedBackup | None:
    """The backup opened with a key already known (the vault's current one), or None."""
    check_file(db)
    return OpenedBackup(db, key, None) if opens(db, key) else None


def inspect(db: Path, key: bytes) -> Inspection:
    """Every page's HMAC, SQLite's full integrity check, foreign keys, then the counts (read-only)."""
    problems: list[str] = []
    version: str | None = None
    counts: dict[str, int] = {}
    try:
        connection = open_readonly(db, key)
        try:
            problems += [row[0] for row in connection.execute("PRAGMA cipher_integrity_check")]
            problems += [row[0] for row in connection.execute("PRAGMA integrity_check") if row[0] != "ok"]
            problems += [f"clé étrangère : {row[0]}" for row in connection.execute("PRAGMA foreign_key_check")]
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                version = row[0] if row else None
            if not problems:
                counts = {
                    name: connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
                    for name in COUNTED_TABLES
                    if name in tables
                }
        finally:
            connection.close()
    except sqlcipher3.dbapi2.DatabaseError as exc:
        problems.append(f"lecture impossible : {exc}")
    return Inspection(version, counts, problems)


def put_in_place(paths: VaultPaths, opened: OpenedBackup, when: datetime, rekey_to: bytes | None = None) -> Path | None:
    """Replace the vault's files by the backup's; the replaced files are kept in ``sauvegardes/``.

    With ``rekey_to`` (the vault's current data key), the restored copy is re-keyed to it before it takes
    its place and the vault's key file stays: the restored records open with the current password and
    recovery code only, never with the password the backup was made under. Without it (no vault here: a new
    computer), the backup's own key file comes with it.

    The vault must be closed. Order, so that an interruption at any point leaves an ``ilot.db`` that
    opens: the backup is copied beside the vault under a temporary name and compared byte for byte; the
    current files are hard-linked (copied where links are not possible) into
    ``sauvegardes/<stamp>_avant-restauration/``, and a leftover rollback journal is moved there with them
    (left beside the restored file, SQLite would "roll it back" into it); then each file is renamed over
    the old one, which is atomic. Until that rename, any failure undoes the steps before it. Returns the
    folder holding the previous files, or None when there were none (restoring onto a new computer).
    """
    folder = paths.folder
    new_db = folder / f"{paths.db.name}.restauration"
    new_key = folder / f"{paths.keyfile.name}.restauration"
    install_key = (
        rekey_to is None and opened.keyfile is not None and opened.keyfile.resolve() != paths.keyfile.resolve()
    )
    final_key = rekey_to if rekey_to is not None else opened.key
    aside: Path | None = None
    undo: list[Callable[[], object]] = []
    replaced = False
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        _prepare_copy(opened, new_db, rekey_to)
        if install_key:
            assert opened.keyfile is not None
            keys.write_keyfile(new_key, keys.read_keyfile(opened.keyfile))
        aside = _set_aside(paths, when, undo)
        os.replace(new_db, paths.db)
        replaced = True
        if install_key:
            os.replace(new_key, paths.keyfile)
        elif paths.keyfile.exists() and not _holds(paths.keyfile, final_key):
            paths.keyfile.unlink()  # kept aside; it would not open the restored file
        fsync_dir(folder)
    except (OSError, StorageEnvironmentError) as exc:
        if not replaced:
            for step in reversed(undo):
                try:
                    step()
                except OSError:
                    log.exception("restore: could not undo a step")
            aside = None
        new_db.unlink(missing_ok=True)
        new_key.unlink(missing_ok=True)
        if isinstance(exc, StorageEnvironmentError):
            raise
        raise classify_os_error(exc) from exc
    log.info("backup restored (previous files kept aside: %s)", aside is not None)
    return aside


def _prepare_copy(opened: OpenedBackup, new_db: Path, rekey_to: bytes | None) -> None:
    """The backup copied beside the vault under a temporary name, checked, re-keyed to ``rekey_to`` if given."""
    _copy_exact(opened.db, new_db)
    if rekey_to is not None and rekey_to != opened.key:
        rekey_file(new_db, opened.key, rekey_to)
        fsync_file(new_db)
        if not opens(new_db, rekey_to):
            raise OSError(5, "re-keyed copy does not open")


def _set_aside(paths: VaultPaths, when: datetime, undo: list[Callable[[], object]]) -> Path | None:
    """The current files linked (or copied) into ``sauvegardes/<stamp>_avant-restauration/``, a leftover journal
    moved there; each step that must be undone on failure is added to ``undo``. None when there was nothing."""
    # every key file goes aside with the database it may be the only key of (a change cut short, a copy)
    key_material = (paths.keyfile, paths.recovery_file, paths.pending_keyfile, paths.folder / REKEY_MARKER)
    current = [p for p in (paths.db, *key_material) if p.exists()]
    sides = [side for suffix in SIDE_FILES if (side := paths.db.with_name(paths.db.name + suffix)).exists()]
    if not (current or sides):
        return None
    paths.backups.mkdir(mode=0o700, parents=True, exist_ok=True)
    aside = new_folder(paths.backups, when, BEFORE_RESTORE)
    aside.mkdir(mode=0o700)
    undo.append(functools.partial(shutil.rmtree, aside, ignore_errors=True))
    for source in current:
        _link_or_copy(source, aside / source.name)
    for side in sides:
        os.replace(side, aside / side.name)
        undo.append(functools.partial(os.replace, aside / side.name, side))
    fsync_dir(aside)
    fsync_dir(paths.backups)
    return aside


def _holds(keyfile: Path, key: bytes) -> bool:
    try:
        return keys.read_keyfile(keyfile).get("key_check") == keys.key_check(key)
    except KeyFileMissingError:
        return False


def _copy_exact(source: Path, target: Path) -> None:
    shutil.copyfile(source, target)
    os.chmod(target, 0o600)
    fsync_file(target)
    if _digest(source) != _digest(target):
        raise OSError(5, "copy differs from the backup")  # EIO: the medium returned other bytes


def _digest(path: Path) -> bytes:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.digest()


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link keeps the old file whole once the new one is renamed over it, at no cost in space."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
        fsync_file(target)
