"""The one safe file writer: every document, export and settings file is written through it.

``write_bytes(out, data)`` writes bytes already complete in memory (a whole workbook or PDF, built in a
``BytesIO``) beside ``out`` under a random name (``~ilot-<32 hex>.tmp``: nothing personal in it), fsyncs
the file, renames it over ``out`` and fsyncs the folder. A reader sees the old file or the new one,
never half of one; on any failure the temporary file is removed and a French ``StorageEnvironmentError``
says what to do (disk full, read-only, permission, missing folder).

Folder policy: the destination folder must exist. It is never created here: a mistyped folder is
refused rather than created somewhere unexpected (a caller that owns its folder creates it first).

Nothing readable left behind by a killed write: before the temporary file exists, its path is recorded in
the journal of unfinished writes (``<data folder>/ecritures-en-cours/``, one small file per write holding
the temporary path and the writer's process id, fsynced); the record is removed after the rename. At the
next start ``finish_interrupted_writes`` deletes every temporary file whose writer is gone and says so (one
on a folder absent that day, a USB key, is waited for: its record stays until the folder is back).
Writes made before ``configure`` (the self-test) or while the data folder cannot be written go on without
a record. As a second net, each write removes, in its own destination folder, temporary files of this
exact name pattern older than an hour (no write of bytes already in memory lasts that long).
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Final, Literal

from ilot_desktop import file_names
from ilot_desktop.errors import StorageEnvironmentError

log = logging.getLogger(__name__)

NBSP = "\u00a0"
TEMP_PREFIX = "~ilot-"
TEMP_SUFFIX = ".tmp"
TEMP_NAME = re.compile(r"~ilot-[0-9a-f]{32}\.tmp")
JOURNAL_DIR_NAME = "ecritures-en-cours"
SWEEP_AGE_SECONDS = 3600.0  # a leftover temporary file this old in a destination folder is an orphan
STALE_RECORD_SECONDS = 24 * 3600.0  # a record this old is stale even if its process id was reused
FORGET_ABSENT_SECONDS = 90 * 24 * 3600.0  # a folder absent this long (a USB key lost) is no longer waited for


class _Journal(Enum):
    CONFIGURED = "configured"  # the folder of records set at start (``configure``)


_USE_CONFIGURED: Final = _Journal.CONFIGURED
_journal_dir: Path | None = None
_lock = threading.Lock()


# --- errors and folder policy ---------------------------------------------------------------------------


def _missing(folder: Path) -> StorageEnvironmentError:
    return StorageEnvironmentError(
        f"Le dossier «{NBSP}{folder}{NBSP}» n'existe pas{NBSP}: choisissez un dossier existant."
    )


def require_folder(folder: Path) -> None:
    """The one folder policy: the destination folder must exist (StorageEnvironmentError, in French)."""
    if not Path(folder).is_dir():
        raise _missing(folder)


def environment_error(exc: OSError, folder: Path) -> StorageEnvironmentError:
    """A system error while writing into ``folder``, in French (the file's own name is never repeated:
    it may carry a person's name)."""
    code = exc.errno
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return StorageEnvironmentError(f"Le disque est plein{NBSP}: libérez de la place puis réessayez.")
    if code == errno.EROFS:
        return StorageEnvironmentError(
            f"Le dossier «{NBSP}{folder}{NBSP}» est en lecture seule{NBSP}: choisissez un autre dossier "
            f"(une clé USB verrouillée{NBSP}?)."
        )
    if code in (errno.EACCES, errno.EPERM):
        return StorageEnvironmentError(
            f"Écriture refusée dans le dossier «{NBSP}{folder}{NBSP}» (lecture seule ou droits insuffisants). "
            "Si le fichier est ouvert dans un tableur ou un lecteur PDF, fermez-le puis recommencez."
        )
    if code in (errno.ENOENT, errno.ENOTDIR):
        return _missing(folder)
    return StorageEnvironmentError(
        f"Le fichier n'a pas pu être écrit dans «{NBSP}{folder}{NBSP}» (erreur du système{NBSP}: support retiré ou "
        f"défaillant{NBSP}?)."
    )


# --- the journal of unfinished writes ---------------------------------------------------------------------


def configure(data_dir: Path | None) -> None:
    """Record unfinished writes under ``data_dir`` from now on (None: no journal). Called once at start."""
    global _journal_dir
    _journal_dir = None if data_dir is None else Path(data_dir) / JOURNAL_DIR_NAME


def journal_dir() -> Path | None:
    return _journal_dir


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename itself
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _record(journal: Path, token: str, tmp: Path) -> Path | None:
    """Note ``tmp`` before it exists; None (logged) when the data folder cannot take the note."""
    entry = journal / f"{token}.json"
    try:
        if not journal.is_dir():
            journal.mkdir(mode=0o700)  # in the data folder, which must exist already
            _fsync_dir(journal.parent)
        content = json.dumps({"temp": str(tmp), "pid": os.getpid()}).encode("utf-8")
        fd = os.open(entry, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, content)
            os.fsync(fd)
        finally:
            os.close(fd)
        _fsync_dir(journal)
    except OSError:
        log.warning("unfinished-writes journal not writable: write goes on without a record")
        with contextlib.suppress(OSError):
            entry.unlink()
        return None
    return entry


def _forget(entry: Path | None) -> None:
    if entry is None:
        return
    try:
        entry.unlink()
    except OSError:
        log.warning("unfinished-writes record could not be removed (removed at next start)")


def _sweep(folder: Path, now: float) -> None:
    """Orphans of this exact name pattern, an hour old or more, in the destination folder."""
    try:
        candidates = [p for p in folder.iterdir() if TEMP_NAME.fullmatch(p.name)]
    except OSError:
        return
    for path in candidates:
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime >= SWEEP_AGE_SECONDS:
                path.unlink()
                log.info("orphan temporary file removed from a destination folder")


# --- writing --------------------------------------------------------------------------------------------


def write_bytes(
    out: Path, data: bytes, *, journal: Path | Literal[_Journal.CONFIGURED] | None = _USE_CONFIGURED
) -> None:
    """Write ``data`` to ``out`` atomically and durably (see the module's text). ``journal``: the folder of
    records (default: the one configured at start; None: no record)."""
    folder = Path(out).absolute().parent
    require_folder(folder)
    try:
        replace_bytes(out, data, journal=journal)
    except OSError as exc:
        raise environment_error(exc, folder) from None


def replace_bytes(
    out: Path, data: bytes, *, journal: Path | Literal[_Journal.CONFIGURED] | None = _USE_CONFIGURED
) -> None:
    """``write_bytes`` raising the ``OSError`` itself (a missing folder: ``FileNotFoundError``), for a caller
    whose words name its own place: the vault's key files (``storage/keys.py``), whose callers tell the
    vault's folder from a backup's. Same temporary name, journal, fsyncs and clean-up."""
    out = Path(out).absolute()  # the journal must find the temporary file from any working folder
    folder = out.parent
    if not folder.is_dir():
        raise FileNotFoundError(errno.ENOENT, "destination folder missing")
    records = _journal_dir if journal is _USE_CONFIGURED else journal
    token = secrets.token_hex(16)
    tmp = folder / f"{TEMP_PREFIX}{token}{TEMP_SUFFIX}"
    entry = None
    if records is not None:
        with _lock:
            entry = _record(Path(records), token, tmp)
    _sweep(folder, time.time())
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
        file_names.replace(tmp, out)  # Windows: waits while an indexer or antivirus holds ``out``
        _fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        _forget(entry)
        raise
    _forget(entry)


def write_text(
    out: Path,
    text: str,
    *,
    encoding: str = "utf-8",
    journal: Path | Literal[_Journal.CONFIGURED] | None = _USE_CONFIGURED,
) -> None:
    write_bytes(out, text.encode(encoding), journal=journal)


# --- at start: unfinished writes found and removed ---------------------------------------------------------


@dataclass
class Cleanup:
    """What the start found: temporary files removed, and those that could not be (with their folder)."""

    removed: list[Path] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)
    absent: list[Path] = field(default_factory=list)  # on a folder not there today (a USB key)

    def messages(self) -> list[str]:
        """French lines for the person (empty when nothing was found)."""
        lines = []
        if self.removed:
            count = len(self.removed)
            plural = "s" if count > 1 else ""
            folders = sorted({str(p.parent) for p in self.removed})
            where = ", ".join(f"«{NBSP}{f}{NBSP}»" for f in folders)
            lines.append(
                f"Une écriture interrompue (arrêt brutal{NBSP}?) avait laissé {count} fichier{plural} "
                f"inachevé{plural}{NBSP}: supprimé{plural} (dossier{'s' if len(folders) > 1 else ''} {where}). "
                "Les fichiers déjà enregistrés n'ont pas été touchés ; refaites l'export, l'impression ou la "
                "sauvegarde si le fichier attendu manque."
            )
        for folder in sorted({str(p.parent) for p in self.absent}):
            lines.append(
                f"Une écriture interrompue a peut-être laissé un fichier inachevé dans «{NBSP}{folder}{NBSP}», "
                f"absent aujourd'hui (clé USB{NBSP}?){NBSP}: il sera supprimé au prochain démarrage où ce dossier "
                "sera présent."
            )
        for path in self.left:
            lines.append(
                f"Un fichier inachevé n'a pas pu être supprimé{NBSP}: supprimez-le vous-même, il peut contenir des "
                f"données personnelles{NBSP}: «{NBSP}{path}{NBSP}»."
            )
        return lines


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        try:
            code = ctypes.c_ulong()
            return bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def finish_interrupted_writes(data_dir: Path) -> Cleanup:
    """At start: configure the journal under ``data_dir``, then delete the temporary files of writes that
    never finished (their writer is gone). Never raises: a start must not fail on this."""
    configure(data_dir)
    result = Cleanup()
    journal = _journal_dir
    assert journal is not None
    try:
        entries = sorted(journal.glob("*.json"))
    except OSError:
        return result
    now = time.time()
    for entry in entries:
        try:
            content = json.loads(entry.read_text(encoding="utf-8"))
            tmp = Path(content["temp"])
            pid = int(content.get("pid", 0))
            age = now - entry.stat().st_mtime
        except (OSError, ValueError, KeyError, TypeError):
            with contextlib.suppress(OSError):
                entry.unlink()  # a record cut by the kill itself: its temporary file was never created
            continue
        if pid != os.getpid() and _pid_alive(pid) and age < STALE_RECORD_SECONDS:
            continue  # another instance is writing right now
        if not TEMP_NAME.fullmatch(tmp.name):
            with contextlib.suppress(OSError):
                entry.unlink()  # never delete anything but our own temporary files
            continue
        try:
            tmp.unlink()
            result.removed.append(tmp)
        except FileNotFoundError:
            if not tmp.parent.is_dir() and age < FORGET_ABSENT_SECONDS:
                result.absent.append(tmp)  # a USB key pulled out: tried again when it is back
                continue
            # else the kill came before the file existed, or after the rename
        except OSError:
            result.left.append(tmp)
            continue  # the record stays: tried again at the next start
        with contextlib.suppress(OSError):
            entry.unlink()
    if result.removed or result.left or result.absent:
        log.warning(
            "unfinished writes at start: %d removed, %d left, %d on an absent folder",
            len(result.removed),
            len(result.left),
            len(result.absent),
        )
    return result
