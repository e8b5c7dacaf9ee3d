"""Encrypted backups of the vault: how a copy is made and verified, where it goes, which ones are kept.

Layout
------
A backup is a folder holding a copy of the vault files (``ilot.db``, ``ilot.key``, ``ilot.secours``), so it *is*
a vault folder. It keeps the data key of its day: it opens with the password that was valid when it was made
(its own ``ilot.key``) and with the recovery code printed before it. Every password change and every new
recovery code re-keys the vault (``PRAGMA rekey``); the backups made before are then re-encrypted, deleted or
kept as the person chooses (``storage/backup_keys.py``), and a restore re-keys the copy to the current key
(``storage/restore.put_in_place``)::

    <data dir>/sauvegardes/
        2026-11-27_1742_auto/                             ilot.db + ilot.key   automatic (unlock, close)
        2026-11-27_1805_manuel/                           ilot.db + ilot.key   "Sauvegarder maintenant"
        2026-11-28_0901_avant-migration-0004-vers-0005/   ilot.db + ilot.key   before a schema upgrade
        2026-11-28_0930_avant-restauration/               ilot.db + ilot.key   the file a restore replaced
    <chosen folder, e.g. a USB key>/
        IlotDesktop-sauvegarde-2026-11-27_1742/           ilot.db + ilot.key   "Sauvegarder sur…"

Names start with the local date and time to the minute; a second backup in the same minute ends in
``-2``, ``-3``… Copies written by earlier versions before a migration
(``sauvegardes/avant-migration-<from>-vers-<to>-<YYYYmmdd-HHMMSS>.db``, no key file beside them) are
still listed; they open with the recovery code, or with the password through the vault's ``ilot.key``.

How a copy is made
------------------
SQLite's online backup API (``sqlite3_backup``; ``Connection.backup`` in sqlcipher3) copies every page
from a keyed connection on the vault into a new file keyed with the same raw data key, in one step and
inside one read transaction: a consistent snapshot, a save in progress simply waits. The copy is in
rollback-journal mode (``journal_mode=DELETE``) like the vault, so it opens from read-only media.

It is written into a hidden ``.<name>.partiel`` folder beside its final place, flushed to the disk
(fsync of each file and of the folder), verified, and only then renamed to its final name: a crash, a
full disk or a pulled USB key never leaves a half-written copy under a backup's name (a ``.partiel``
folder older than an hour is removed by the next backup).

Verification, before the rename: the copy must not start like a plain SQLite file; reopened read-only
with the key, ``PRAGMA cipher_integrity_check`` (every page's HMAC) and ``PRAGMA quick_check`` must
pass, its journal mode must be ``delete``, and every table must hold as many rows as the source did,
counted in the same read transaction as the copy; the copied ``ilot.key`` must read back and carry the
data key's fingerprint. A copy that fails is deleted and ``StorageEnvironmentError`` is raised.

Rotation (automatic backups only)
---------------------------------
At most one automatic backup per calendar day. Of the automatic backups, kept are the newest of each of
the last 7 days that have one (daily), then the newest of each of the 4 previous ISO weeks that have
one and whose newest is not already kept as a daily (weekly) — the rule of
``borg prune --keep-daily 7 --keep-weekly 4``. Used every day, that is a backup a day for the last
week and one a week for the four weeks before. Every other automatic backup is deleted. Manual,
before-migration and before-restore backups are never deleted automatically; nothing written to a
chosen folder is listed or deleted.
"""

from __future__ import annotations

import errno
import itertools
import logging
import os
import re
import shutil
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import sqlcipher3

from ilot_desktop.errors import KeyFileMissingError, StorageEnvironmentError
from ilot_desktop.storage import keys
from ilot_desktop.storage.engine import classify_database_error, describe_file, key_connection, raw_connect
from ilot_desktop.storage.vault import DB_NAME, KEY_NAME, RECOVERY_NAME

log = logging.getLogger(__name__)

AUTO, MANUAL, BEFORE_MIGRATION, BEFORE_RESTORE = "auto", "manuel", "avant-migration", "avant-restauration"
KIND_LABELS = {
    AUTO: "Automatique",
    MANUAL: "Manuelle",
    BEFORE_MIGRATION: "Avant mise à jour",
    BEFORE_RESTORE: "Avant restauration",
}
KEEP_DAILY, KEEP_WEEKLY = 7, 4
EXPORT_PREFIX = "IlotDesktop-sauvegarde-"
PARTIAL_SUFFIX = ".partiel"
STALE_PARTIAL_SECONDS = 3600
STAMP = "%Y-%m-%d_%H%M"
SIDE_FILES = ("-journal", "-wal", "-shm")  # SQLite's files beside a database

_STAMP = r"(?P<stamp>\d{4}-\d{2}-\d{2}_\d{4})"
_FOLDER = re.compile(rf"^{_STAMP}_(?P<kind>auto|manuel|avant-migration|avant-restauration)(?:-(?P<detail>.+))?$")
_EXPORT = re.compile(rf"^{re.escape(EXPORT_PREFIX)}{_STAMP}(?:-(?P<detail>\d+))?$")
_LEGACY = re.compile(r"^avant-migration-(?P<detail>.+)-(?P<stamp>\d{8}-\d{6})\.db$")

_FULL = "Le support de la sauvegarde est plein : libérez de la place ou choisissez un autre dossier."
_READ_ONLY = (
    "Le dossier de la sauvegarde est en lecture seule ou inaccessible (clé USB verrouillée ?) : "
    "choisissez un autre dossier."
)
_FAILED = "La sauvegarde n'a pas pu être écrite (support retiré ou défaillant ?)."
_TARGET_ERRORS = ("SQLITE_FULL", "SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_IOERR", "SQLITE_PERM")
_UNTOUCHED = " Aucune sauvegarde incomplète n'a été laissée ; vos données ne sont pas modifiées."


class VerificationError(Exception):
    """The copy just written does not read back as the source."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path  # the backup folder (for a copy written by an earlier version: the .db file itself)
    created: datetime  # local time, to the minute, from the name
    kind: str  # AUTO, MANUAL, BEFORE_MIGRATION, BEFORE_RESTORE
    size: int  # bytes: database and key file
    has_keyfile: bool
    detail: str = ""  # e.g. "0004-vers-0005" before a migration

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def db(self) -> Path:
        return backup_files(self.path)[0]


def backup_files(path: Path) -> tuple[Path, Path]:
    """(database, key file) of a backup given as its folder or as its database file."""
    if path.is_dir():
        return path / DB_NAME, path / KEY_NAME
    return path, path.with_name(KEY_NAME)


# --- names and listing --------------------------------------------------------------------------------


def new_folder(parent: Path, when: datetime, kind: str | None, detail: str = "") -> Path:
    """A free name for a backup in ``parent``; ``kind`` None names a copy for a chosen folder."""
    stamp = when.strftime(STAMP)
    base = f"{EXPORT_PREFIX}{stamp}" if kind is None else f"{stamp}_{kind}" + (f"-{detail}" if detail else "")
    for number in itertools.count(1):
        name = base if number == 1 else f"{base}-{number}"
        if not (parent / name).exists() and not (parent / f".{name}{PARTIAL_SUFFIX}").exists():
            return parent / name
    raise AssertionError("unreachable")


def describe(path: Path) -> BackupInfo | None:
    """What a backup folder (or an old before-migration file) is, from its name; None if not one."""
    name = path.name
    match = _FOLDER.match(name)
    if match:
        kind, detail, created = match["kind"], match["detail"] or "", datetime.strptime(match["stamp"], STAMP)
    elif match := _EXPORT.match(name):
        kind, detail, created = MANUAL, match["detail"] or "", datetime.strptime(match["stamp"], STAMP)
    elif match := _LEGACY.match(name):
        kind, detail = BEFORE_MIGRATION, match["detail"]
        created = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(second=0)
    else:
        return None
    db, keyfile = backup_files(path)
    if not db.is_file():
        return None
    has_keyfile = path.is_dir() and keyfile.is_file()
    size = db.stat().st_size + (keyfile.stat().st_size if has_keyfile else 0)
    return BackupInfo(path, created, kind, size, has_keyfile, detail)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in ``<data dir>/sauvegardes``, newest first."""
    try:
        children = [child for child in folder.iterdir() if not child.name.startswith(".")]
    except OSError:
        return []
    found = [(info, _mtime(info.db)) for info in map(describe, children) if info is not None]
    found.sort(key=lambda pair: (pair[0].created, pair[1]), reverse=True)
    return [info for info, _ in found]


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def rotation_victims(
    backups: list[BackupInfo], keep_daily: int = KEEP_DAILY, keep_weekly: int = KEEP_WEEKLY
) -> list[BackupInfo]:
    """The automatic backups that the rotation deletes (see the module docstring)."""
    autos = sorted((b for b in backups if b.kind == AUTO), key=lambda b: b.created, reverse=True)
    kept: set[Path] = set()
    rules = ((lambda b: b.created.date(), keep_daily), (lambda b: b.created.isocalendar()[:2], keep_weekly))
    for period_of, count in rules:
        last, taken = None, 0
        for backup in autos:
            if taken >= count:
                break
            period = period_of(backup)
            if period == last:
                continue
            last = period
            if backup.path not in kept:
                kept.add(backup.path)
                taken += 1
    return [b for b in autos if b.path not in kept]


def delete_backup(info: BackupInfo) -> None:
    if info.path.is_dir():
        shutil.rmtree(info.path)
    else:
        info.path.unlink()


# --- writing ----------------------------------------------------------------------------------------------


def write_backup(source: Any, key: bytes | bytearray, keyfile: Path, destination: Path) -> Path:
    """Copy the vault open on ``source`` (a keyed sqlcipher3 connection) into the new folder ``destination``.

    ``keyfile`` is the vault's ``ilot.key``; it is copied when it holds ``key`` (a backup without it still
    opens with the recovery code). Raises StorageEnvironmentError, leaving nothing half-written.
    """
    parent = destination.parent
    if not parent.is_dir():
        raise StorageEnvironmentError(
            "Le dossier choisi pour la sauvegarde n'existe pas ou n'est plus accessible (clé USB retirée ?)."
        )
    _remove_stale_partials(parent)
    partial = parent / f".{destination.name}{PARTIAL_SUFFIX}"
    try:
        partial.mkdir(mode=0o700)
        expected = _snapshot(source, key, partial / DB_NAME)
        with_key = _copy_keyfile(keyfile, key, partial / KEY_NAME)
        _copy_recovery_file(keyfile.with_name(RECOVERY_NAME), key, partial / RECOVERY_NAME)
        fsync_dir(partial)
        problems = verify_copy(partial / DB_NAME, key, expected, partial / KEY_NAME if with_key else None)
        if problems:
            log.error("backup failed verification: %s", "; ".join(problems))
            raise VerificationError
        os.rename(partial, destination)
        fsync_dir(parent)
    except VerificationError:
        _discard(partial)
        raise StorageEnvironmentError(
            "La sauvegarde écrite ne se relit pas à l'identique : elle a été supprimée. Le support est peut-être "
            "défaillant ; essayez un autre dossier ou une autre clé USB."
        ) from None
    except OSError as exc:
        _discard(partial)
        raise target_error(exc) from exc
    except sqlcipher3.dbapi2.Error as exc:
        _discard(partial)
        name = error_name(exc)
        if name.startswith(_TARGET_ERRORS):
            raise target_error(exc) from exc
        if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_BUSY", "SQLITE_LOCKED")):
            exc.sqlite_errorname = name
            raise classify_database_error(exc) from exc  # the vault itself: damaged, or busy
        raise
    except BaseException:
        _discard(partial)
        raise
    log.info("backup written and verified (%d tables)", len(expected))
    return destination


# ``Connection.backup`` raises without ``sqlite_errorname``: SQLite's fixed texts (sqlite3_errstr) tell.
_ERROR_TEXTS = {
    "database or disk is full": "SQLITE_FULL",
    "attempt to write a readonly database": "SQLITE_READONLY",
    "unable to open database file": "SQLITE_CANTOPEN",
    "disk I/O error": "SQLITE_IOERR",
    "access permission denied": "SQLITE_PERM",
    "database is locked": "SQLITE_BUSY",
    "database table is locked": "SQLITE_LOCKED",
    "file is not a database": "SQLITE_NOTADB",
    "database disk image is malformed": "SQLITE_CORRUPT",
}


def error_name(exc: BaseException) -> str:
    return getattr(exc, "sqlite_errorname", None) or _ERROR_TEXTS.get(str(exc), "")


def target_error(exc: BaseException) -> StorageEnvironmentError:
    """An error writing a backup, as words about the backup's place (not the vault's)."""
    name = error_name(exc)
    number = getattr(exc, "errno", None)
    if number == errno.ENOSPC or name.startswith("SQLITE_FULL"):
        return StorageEnvironmentError(_FULL + _UNTOUCHED)
    if number in (errno.EACCES, errno.EPERM, errno.EROFS) or name.startswith(
        ("SQLITE_READONLY", "SQLITE_CANTOPEN", "SQLITE_PERM")
    ):
        return StorageEnvironmentError(_READ_ONLY + _UNTOUCHED)
    return StorageEnvironmentError(_FAILED + _UNTOUCHED)


def _snapshot(source: Any, key: bytes | bytearray, target: Path) -> dict[str, int]:
    """Counts of the source's tables and a page copy of it, both from one read transaction."""
    copy = raw_connect(target, key)
    try:
        source.execute("BEGIN")
        try:
            counts = table_counts(source)
            source.backup(copy)
        finally:
            source.execute("ROLLBACK")
    finally:
        copy.close()
    fsync_file(target)
    return counts


def _copy_keyfile(source: Path, key: bytes | bytearray, target: Path) -> bool:
    try:
        content = keys.read_keyfile(source)
    except KeyFileMissingError:
        log.warning("backup written without key file: the vault's is missing or unreadable")
        return False
    if content.get("key_check") != keys.key_check(key):
        log.warning("backup written without key file: the vault's belongs to another file")
        return False
    keys.write_keyfile(target, content)
    return True


def _copy_recovery_file(source: Path, key: bytes | bytearray, target: Path) -> None:
    """The recovery envelope travels with the copy: the code opens it even without any key file."""
    envelopes = keys.read_envelopes([source])
    if envelopes and envelopes[0].get("key_check") == keys.key_check(key):
        keys.write_keyfile(target, keys.recovery_file_content(envelopes[0]))


def verify_copy(db: Path, key: bytes | bytearray, expected_counts: dict[str, int], keyfile: Path | None) -> list[str]:
    """Problems found reading back a copy (empty when it is sound)."""
    problem = describe_file(db)
    if problem:
        return [problem]
    problems: list[str] = []
    try:
        connection = open_readonly(db, key)
        try:
            problems += [row[0] for row in connection.execute("PRAGMA cipher_integrity_check")]
            problems += [row[0] for row in connection.execute("PRAGMA quick_check") if row[0] != "ok"]
            mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "delete":
                problems.append(f"journal_mode {mode}")
            if table_counts(connection) != expected_counts:
                problems.append("row counts differ from the source")
        finally:
            connection.close()
    except sqlcipher3.dbapi2.Error as exc:
        problems.append(f"unreadable: {exc}")
    if keyfile is not None:
        try:
            if keys.read_keyfile(keyfile).get("key_check") != keys.key_check(key):
                problems.append("key file does not hold the key")
        except KeyFileMissingError:
            problems.append("key file unreadable")
    return problems


def open_readonly(db: Path, key: bytes | bytearray, immutable: bool = False) -> Any:
    """A keyed connection that cannot write (``mode=ro``): opening never changes the file. ``immutable``: the
    file is read as it is, a leftover rollback journal beside it ignored (to recognise a key, not to read data)."""
    uri = db.resolve().as_uri() + ("?mode=ro&immutable=1" if immutable else "?mode=ro")
    connection = sqlcipher3.dbapi2.connect(uri, uri=True)
    try:
        key_connection(connection, key, pragmas=("PRAGMA temp_store = MEMORY", "PRAGMA query_only = ON"))
    except Exception:
        connection.close()
        raise
    return connection


def table_counts(connection: Any) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY name"
        )
    ]
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name.replace(chr(34), 2 * chr(34))}"').fetchone()[0]
        for name in names
    }


def _remove_stale_partials(parent: Path) -> None:
    """Leftovers of a backup interrupted by a crash (never one being written right now)."""
    try:
        leftovers = [p for p in parent.iterdir() if p.name.startswith(".") and p.name.endswith(PARTIAL_SUFFIX)]
    except OSError:
        return
    for leftover in leftovers:
        name = leftover.name[1 : -len(PARTIAL_SUFFIX)]
        age = time.time() - _mtime(leftover) / 1e9
        if (_FOLDER.match(name) or _EXPORT.match(name)) and age > STALE_PARTIAL_SECONDS:
            _discard(leftover)


def _discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


# --- durability -------------------------------------------------------------------------------------------


def fsync_file(path: Path) -> None:
    # Windows flushes only through a handle open for writing (FlushFileBuffers): read-only gives EACCES.
    fd = os.open(path, os.O_RDONLY if os.name == "posix" else os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX; Windows has no directory handles)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
