"""Logging and crash reports. Logs hold events and record ids, never personal data."""

from __future__ import annotations

import logging
import logging.handlers
import platform
import sys
import traceback
from datetime import datetime
from pathlib import Path

from ilot_desktop import __version__

# SQLAlchemy runs with hide_parameters=True and SQLite's own messages never quote values: their
# text helps and is safe. Every other message (ours included: a typed date, a file number, a path
# with the user's name) is masked.
_SAFE_MESSAGE_PREFIXES = ("sqlalchemy", "alembic")


class QuietFileHandler(logging.handlers.RotatingFileHandler):
    """The rotating log file; a record it cannot write (disk full, support removed) is dropped without a word.

    ``logging``'s own answer is a "--- Logging error ---" block with an English traceback on the console:
    nothing a caseworker can act on, in the middle of a French message. The drops are counted.
    """

    dropped = 0

    def handleError(self, record: logging.LogRecord) -> None:
        self.dropped += 1


def setup_logging(log_file: Path, verbose: bool = False) -> None:
    """A rotating file log; quiet console. Failing to write logs never stops the application."""
    logging.raiseExceptions = False  # no handler, ours or a library's, prints its own error blocks
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for previous in list(root.handlers):
        if getattr(previous, "_ilot", False):
            root.removeHandler(previous)
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = QuietFileHandler(log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
    except OSError:
        handler = logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._ilot = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    # SQLAlchemy must never echo statements with values.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)


def redacted_traceback(exc: BaseException) -> str:
    """The traceback's frames; the message only for SQLAlchemy and Alembic errors.

    Any other message may quote what someone typed; the type is enough to find the bug, and the
    frames say where.
    """
    frames = "".join(traceback.format_tb(exc.__traceback__))
    module = type(exc).__module__
    if module.startswith(_SAFE_MESSAGE_PREFIXES):
        detail = f"{type(exc).__module__}.{type(exc).__qualname__}: {exc}"
    else:
        detail = f"{module}.{type(exc).__qualname__} (message masqué : il peut contenir des données saisies)"
    cause = exc.__cause__ or exc.__context__
    chained = f"\n-- causé par --\n{redacted_traceback(cause)}" if cause and cause is not exc else ""
    return f"Traceback (most recent call last):\n{frames}{detail}{chained}"


def write_crash_report(crash_dir: Path, exc: BaseException) -> Path | None:
    """A report a caseworker can send to the maintainers: no personal data inside."""
    try:
        crash_dir.mkdir(parents=True, exist_ok=True)
        path = crash_dir / f"rapport-{datetime.now():%Y%m%d-%H%M%S}.txt"
        path.write_text(
            "Îlot desktop — rapport d'erreur (sans données personnelles)\n"
            f"Version : {__version__}\nSystème : {platform.platform()}\nPython : {sys.version.split()[0]}\n\n"
            + redacted_traceback(exc)
            + "\n",
            encoding="utf-8",
        )
    except OSError:
        return None
    logging.getLogger(__name__).error("unexpected error, report written to %s", path.name)
    return path


def forget_exception(exc: BaseException | None = None) -> None:
    """Once a bug is reported: let its frames' local variables go. A traceback keeps every frame it went
    through alive, with their locals (rows of a workbook, a file being shown); Python also keeps the last
    unhandled exception in ``sys.last_value`` / ``sys.last_traceback`` until the next one, and the lock's
    memory scrub cannot free what is still referenced. Called by the window's exception hook after the
    report and at every lock."""
    seen: set[int] = set()
    pending = [exc, getattr(sys, "last_value", None)]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if current.__traceback__ is not None:
            traceback.clear_frames(current.__traceback__)
        pending += [current.__cause__, current.__context__]
    for name in ("last_type", "last_value", "last_traceback", "last_exc"):
        if hasattr(sys, name):
            setattr(sys, name, None)
