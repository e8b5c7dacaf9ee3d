"""What the command line needs around each command: the console, the data folder's lock, the system's errors.

- ``ConsoleStream``: a reader that stops early (``ilot-desktop … | head``) only cuts the output; the command
  goes on to its end, without "Erreur inattendue" or an English message about the pipe.
- ``hold_the_folder``: a command that writes the vault takes the window's instance lock first
  (``instance_lock``), and is refused in French while a window is open on the folder.
- ``ENVIRONMENT_ERRNOS``: the system errors said in French (``errors.os_error_text``), not reported as bugs.
- ``utf8_when_redirected``: on Windows, output sent to a file or a pipe is UTF-8, not the ANSI code page.
"""

from __future__ import annotations

import errno
import io
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TextIO

from ilot_desktop.errors import DataFolderInUseError, StorageEnvironmentError
from ilot_desktop.paths import AppPaths

log = logging.getLogger(__name__)

# What the system says when the disk, the medium or the rights stop a command: said in French, no crash report.
ENVIRONMENT_ERRNOS = frozenset(
    {
        errno.ENOSPC,
        getattr(errno, "EDQUOT", errno.ENOSPC),
        errno.EROFS,
        errno.EACCES,
        errno.EPERM,
        errno.EIO,
        errno.ENOENT,
        errno.ENOTDIR,
        errno.EISDIR,
        errno.ENAMETOOLONG,
    }
)

# Commands that may run while a window is open on the same folder: they read the vault (their line in its
# access log is an ordinary write that SQLite serialises with the window's). Every other command, and any
# command added later, writes the vault and first takes the window's instance lock.
BESIDE_A_WINDOW = frozenset({"check", "backup", "export", "action-plan", "funder-report", "template", "self-test"})
IN_USE_MESSAGE = "Îlot desktop est ouvert sur ce dossier\u00a0: fermez la fenêtre puis recommencez."


@contextmanager
def hold_the_folder(command: str, paths: AppPaths) -> Iterator[None]:
    """For a command that writes the vault: the same lock as the window, held until the command ends."""
    if command in BESIDE_A_WINDOW:
        yield
        return
    from ilot_desktop import instance_lock

    taken = instance_lock.acquire(paths.data_dir, purpose=command)
    try:
        if taken.state is instance_lock.LockState.IN_USE:
            log.info("%s refused: the data folder is held", command)
            holder = taken.holder
            if holder is not None and holder.purpose and holder.purpose != instance_lock.WINDOW:
                raise DataFolderInUseError(
                    f"Une autre commande (« {holder.purpose} ») travaille sur ce dossier : attendez "
                    "qu'elle se termine puis recommencez."
                )
            raise DataFolderInUseError(IN_USE_MESSAGE)
        if taken.state is instance_lock.LockState.READ_ONLY:
            raise StorageEnvironmentError(
                "Le dossier des données est en lecture seule (clé USB verrouillée, copie de sauvegarde ou droits "
                "insuffisants)\u00a0: cette commande doit y écrire. Rien n'a été modifié."
            )
        if taken.state is instance_lock.LockState.DISK_FULL:
            raise StorageEnvironmentError("Le disque est plein\u00a0: libérez de la place puis réessayez.")
        yield  # UNAVAILABLE too: a file system without locks must not block anyone (said in the log)
    finally:
        taken.release()


def utf8_when_redirected(stream: TextIO | None) -> None:
    """Windows writes a redirected stream (``ilot-desktop-cli.exe check > contenu.txt``, a pipe to another
    program) in the ANSI code page, cp1252 in France, which has no ✓, no narrow no-break space, no "œ" in
    some code pages: one such character ended the command with a UnicodeEncodeError. Redirected output is
    UTF-8 there (Notepad and PowerShell read it); a console keeps Python's own Unicode console writing."""
    reconfigure = getattr(stream, "reconfigure", None)
    if sys.platform != "win32" or stream is None or reconfigure is None:
        return
    try:
        if stream.isatty() or (stream.encoding or "").lower().replace("-", "") == "utf8":
            return
        reconfigure(encoding="utf-8")
    except (OSError, ValueError, io.UnsupportedOperation):
        pass


def reader_went_away(exc: OSError) -> bool:
    """The program reading our output has gone: BrokenPipeError, or on Windows EINVAL (ERROR_NO_DATA, 232:
    "the pipe is being closed"), which Python does not turn into BrokenPipeError there."""
    if isinstance(exc, BrokenPipeError):
        return True
    return sys.platform == "win32" and (exc.errno == errno.EINVAL or getattr(exc, "winerror", None) == 232)


class ConsoleStream:
    """Standard output or error as the commands see it: when the reader goes away (``| head``), the rest is
    dropped (the file descriptor then points to the null device, so the final flush is quiet too)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.reader_gone = False

    def write(self, text: str) -> int:
        if not self.reader_gone:
            try:
                return self._stream.write(text)
            except OSError as exc:
                if not reader_went_away(exc):
                    raise
                self._drop_the_rest()
        return len(text)

    def flush(self) -> None:
        if not self.reader_gone and self._stream is not None:
            try:
                self._stream.flush()
            except OSError as exc:
                if not reader_went_away(exc):
                    raise
                self._drop_the_rest()

    def _drop_the_rest(self) -> None:
        self.reader_gone = True
        try:
            null = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(null, self._stream.fileno())
            finally:
                os.close(null)
        except (OSError, ValueError, AttributeError, io.UnsupportedOperation):
            pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


class _ConfirmsCodes(Protocol):
    """``services.vault``, as the commands that show a recovery code see it."""

    def confirm_recovery_code(self, folder: Path) -> None: ...


def confirm_code_if_shown(vault: _ConfirmsCodes, data_dir: Path) -> None:
    """A recovery code printed on the console reached it: mark it seen. A reader gone before it
    (``| head -1``) leaves it marked not seen, and says so: ``check`` and the window ask for a new one."""
    if getattr(sys.stdout, "reader_gone", False):
        print(
            "Attention\u00a0: le code de secours n'a pas pu être affiché. Créez-en un nouveau dans l'application "
            "(Fichier → Nouveau code de secours).",
            file=sys.stderr,
        )
        return
    vault.confirm_recovery_code(data_dir)
