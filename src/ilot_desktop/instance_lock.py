"""One window per data folder, without ever trapping anyone: an operating-system lock on ``ilot-desktop.lock``.

The lock is the operating system's (``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on Windows), held
on an open handle of the lock file for as long as the process lives. The system releases it when the process
ends, whatever way it ends (closed, killed, power cut): a lock left behind can never block. The file's
content (process number, computer name, start time, window or command) only informs; an empty file, garbage, a foreign
computer's name or a folder in the file's place are taken over without a word.

No Qt here: the window (``app.py``) and the commands that write the vault (``cli.py``) share this module.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import socket
import stat
import sys
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_NAME = "ilot-desktop.lock"
# Windows locks a byte range; one byte far past the informative text, so that others can still read it.
_WINDOWS_LOCK_OFFSET = 1 << 30
_BUSY = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLK", errno.EAGAIN)}
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


class LockState(Enum):
    ACQUIRED = "acquired"  # held by this process until release()
    IN_USE = "in_use"  # a live process holds it (a window open on this folder)
    READ_ONLY = "read_only"  # the folder cannot be written (locked USB key, backup copy, rights)
    DISK_FULL = "disk_full"  # no room: the lock may still be held (see ``lock``)
    UNAVAILABLE = "unavailable"  # the file system offers no lock (some network shares): nothing blocks


@dataclass(frozen=True)
class Holder:
    """What the lock file says about who holds it: informative only."""

    pid: int | None
    host: str
    started: str
    purpose: str = ""  # WINDOW, or the name of the command holding it


@dataclass
class LockResult:
    state: LockState
    lock: InstanceLock | None = None  # the held lock: always when ACQUIRED, sometimes when DISK_FULL or READ_ONLY
    holder: Holder | None = None  # IN_USE: what the file says
    reason: str = ""  # for the log: an errno name, never a path

    @property
    def blocks(self) -> bool:
        return self.state is LockState.IN_USE

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


class InstanceLock:
    """An open handle on the lock file with the system lock on it."""

    def __init__(self, path: Path, fd: int):
        self.path = path
        self._fd: int | None = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)  # no stale process number left behind
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release()


WINDOW = "fenetre"


def acquire(folder: Path, purpose: str = WINDOW) -> LockResult:
    """Take the folder's lock, creating the folder if needed. Never raises for the environment.

    ``purpose`` (``WINDOW`` or a command's name) is written in the file, for the words of a refusal."""
    path = Path(folder) / LOCK_NAME
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _environment(exc, "mkdir")
    for _attempt in range(3):
        _clear_the_way(path)
        opened = _open_for_lock(path)
        if opened is None:
            continue  # something was put in its place meanwhile, or an unwritable lock file was replaced
        if isinstance(opened, LockResult):
            return opened
        return _lock_and_sign(Path(folder), path, opened, purpose)
    return LockResult(LockState.UNAVAILABLE, reason="lock path keeps changing")


def read_holder(path: Path) -> Holder | None:
    """The informative text of a held lock: process number, computer, start time (None if unreadable)."""
    try:
        with open(path, "rb") as handle:
            text = handle.read(512).decode("utf-8", errors="replace")
    except OSError:
        return None
    lines = [*text.splitlines(), "", "", "", ""]
    pid = int(lines[0]) if lines[0].strip().isdigit() else None
    return Holder(pid=pid, host=lines[1].strip(), started=lines[2].strip(), purpose=lines[3].strip())


def this_computer() -> str:
    return socket.gethostname()


# --- details ---------------------------------------------------------------------------------------------


def _environment(exc: OSError, step: str) -> LockResult:
    name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    if exc.errno in _FULL:
        state = LockState.DISK_FULL
    elif exc.errno in _READ_ONLY:
        state = LockState.READ_ONLY
    else:
        state = LockState.UNAVAILABLE
    log.warning("instance lock not taken at %s (%s): %s", step, name, state.value)
    return LockResult(state, reason=name)


def _open_for_lock(path: Path) -> int | LockResult | None:
    """The lock file opened for writing; None when the way was cleared and the caller may try again; the verdict
    when it cannot be opened."""
    try:
        return _open(path)
    except IsADirectoryError:
        return None  # put in its place meanwhile: cleared again
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM) and os.path.lexists(path):
            if _held_by_someone(path):
                return LockResult(LockState.IN_USE, holder=read_holder(path), reason="held, not writable")
            if _remove_unwritable(path):
                return None  # a lock file not ours to write, in a folder that is: replaced
        return _environment(exc, "open")


def _lock_and_sign(folder: Path, path: Path, fd: int, purpose: str) -> LockResult:
    """The system lock on the open ``fd``, then the informative text written in the file."""
    try:
        _lock(fd)
    except OSError as exc:
        os.close(fd)
        if exc.errno in _BUSY:
            return LockResult(LockState.IN_USE, holder=read_holder(path), reason=_errno_name(exc) or "")
        return _environment(exc, "lock")
    lock = InstanceLock(path, fd)
    try:
        _write_info(fd, purpose)
    except OSError as exc:
        if exc.errno in _FULL:
            log.warning("instance lock taken, its information not written (disk full)")
            return LockResult(LockState.DISK_FULL, lock=lock, reason="ENOSPC")
        log.warning("instance lock taken, its information not written (%s)", _errno_name(exc))
    if not os.access(folder, os.W_OK):  # the lock file could be written, the folder cannot (its rights)
        log.warning("instance lock taken in a read-only folder")
        return LockResult(LockState.READ_ONLY, lock=lock, reason="folder not writable")
    return LockResult(LockState.ACQUIRED, lock=lock)


def _errno_name(exc: OSError) -> str | None:
    return errno.errorcode.get(exc.errno or 0)


def _clear_the_way(path: Path) -> None:
    """A folder, a link or anything but a plain file where the lock file goes is moved out of the way."""
    try:
        info = os.lstat(path)
    except OSError:
        return
    if stat.S_ISREG(info.st_mode):
        return
    try:
        if stat.S_ISDIR(info.st_mode):
            try:
                os.rmdir(path)
            except OSError:  # not empty: kept, under another name
                os.replace(path, _aside_name(path))
        else:
            os.unlink(path)
        log.info("instance lock: something else stood in the lock file's place, moved aside")
    except OSError as exc:
        log.warning("instance lock: could not clear the lock file's place (%s)", _errno_name(exc))


def _aside_name(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    for number in range(1, 100):
        candidate = path.with_name(f"{path.name}.mis-de-cote-{stamp}-{number}")
        if not os.path.lexists(candidate):
            return candidate
    return path.with_name(f"{path.name}.mis-de-cote-{stamp}-{os.getpid()}")


def _remove_unwritable(path: Path) -> bool:
    """A lock file we may not open for writing, that no live process holds: removed if the folder allows it
    (else the folder is read-only)."""
    try:
        os.unlink(path)
    except OSError:
        return False
    log.info("instance lock: an unwritable lock file was replaced")
    return True


def _held_by_someone(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        _lock(fd)
    except OSError as exc:
        return exc.errno in _BUSY
    else:
        with contextlib.suppress(OSError):
            _unlock(fd)
        return False
    finally:
        os.close(fd)


def _open(path: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOINHERIT", 0)
    flags |= getattr(os, "O_BINARY", 0)
    return os.open(path, flags, 0o600)


def _write_info(fd: int, purpose: str) -> None:
    started = datetime.now().astimezone().isoformat(timespec="seconds")
    info = f"{os.getpid()}\n{this_computer()}\n{started}\n{purpose}\n".encode()
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    written = os.write(fd, info)
    if written != len(info):
        raise OSError(errno.ENOSPC, "short write")


if sys.platform == "win32":  # pragma: no cover - exercised on the Windows build
    import msvcrt

    def _lock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            # Windows' C runtime says EACCES when another handle holds the byte; Wine's sets no errno at all
            # (OSError 0), which would read as "no locks here" and let a second window in.
            if not exc.errno:
                raise OSError(errno.EACCES, "locked by another process") from exc
            raise
        finally:
            os.lseek(fd, 0, os.SEEK_SET)

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
