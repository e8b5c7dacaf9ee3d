"""File names the application proposes, valid on Windows as on Linux and macOS; and replacing a file that
Windows may hold for a moment.

- ``portable_name``: a proposed name may carry a file number typed by a caseworker (« DE/2026:01 ? »).
  Windows refuses ``< > : " / \\ | ? *`` and control characters (``:`` even opens an NTFS alternate stream),
  strips trailing dots and spaces, and reserves the device names ``CON``, ``PRN``, ``AUX``, ``NUL``,
  ``COM1``–``COM9``, ``LPT1``–``LPT9`` whatever the extension (``NUL.pdf`` is the null device).
- ``replace``: ``os.replace`` that waits a little when Windows refuses it (``PermissionError``): a file just
  written is often held for a moment by the search indexer, an antivirus or a sync client; a file open in a
  spreadsheet stays held, and the caller then says so in French (``safe_files.environment_error``).
"""

from __future__ import annotations

import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$")
MAX_NAME = 150  # characters: far below NTFS's 255, so that a deep Documents folder stays under MAX_PATH

# Windows only: elsewhere a PermissionError on rename is the folder's rights, which waiting does not change.
RETRY_ON_PERMISSION = sys.platform == "win32"
RETRY_SECONDS = 2.0


def portable_name(name: str, fallback: str = "document") -> str:
    """``name`` made valid as a file name on every system (never a path: separators are replaced too)."""
    cleaned = _FORBIDDEN.sub("-", name).strip().rstrip(". ")
    stem, dot, suffix = cleaned.partition(".")
    if _RESERVED.match(stem.rstrip(" ")):
        cleaned = f"{stem}_{dot}{suffix}"
    if len(cleaned) > MAX_NAME:
        base, ext = os.path.splitext(cleaned)
        cleaned = base[: MAX_NAME - len(ext)] + ext
    return cleaned or fallback


def replace(
    source: Path | str,
    target: Path | str,
    *,
    wait: float | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """``os.replace(source, target)``, retried for up to ``wait`` seconds (default ``RETRY_SECONDS``) on Windows
    while the target is held; then the last PermissionError is raised."""
    deadline = time.monotonic() + (RETRY_SECONDS if wait is None else wait)
    delay = 0.05
    while True:
        try:
            os.replace(source, target)
            return
        except PermissionError:
            if not RETRY_ON_PERMISSION or time.monotonic() >= deadline:
                raise
            sleep(delay)
            delay = min(delay * 2, 0.4)
