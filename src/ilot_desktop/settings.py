"""The settings of this computer: each setting has a key, a type and a default.

They are needed before unlock or are about this computer (window geometry, auto-lock delay): they live in an
INI file and never hold personal data. What belongs to the records (the caseworker's details, drafts kept at
lock) lives inside the encrypted file, through the services.
"""

from __future__ import annotations

import configparser
import io
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ilot_desktop import safe_files
from ilot_desktop.errors import StorageEnvironmentError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Setting:
    key: str  # "section/name"
    default: Any
    kind: type = str


AUTO_LOCK_MINUTES = Setting("security/auto_lock_minutes", 5, int)
WINDOW_GEOMETRY = Setting("window/geometry", "")
WINDOW_SPLITTER = Setting("window/splitter", "")
LIST_FILTER = Setting("participants/filter", "ongoing")


class LocalSettings:
    """The INI file. Unreadable or invalid values fall back to defaults, never crash."""

    def __init__(self, path: Path):
        self.path = path
        self._parser = configparser.ConfigParser(interpolation=None)
        try:
            self._parser.read(path, encoding="utf-8")
        except (configparser.Error, OSError, UnicodeDecodeError):
            log.warning("settings file unreadable, defaults used")

    def get(self, setting: Setting) -> Any:
        section, name = setting.key.split("/", 1)
        raw = self._parser.get(section, name, fallback=None)
        if raw is None:
            return setting.default
        try:
            return setting.kind(raw)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        section, name = setting.key.split("/", 1)
        if not self._parser.has_section(section):
            self._parser.add_section(section)
        self._parser.set(section, name, str(value))

    def save(self) -> bool:
        """Write the file; False (logged) when the folder cannot be written: settings are not vital."""
        text = io.StringIO()
        self._parser.write(text)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)  # the settings' own folder
            safe_files.write_text(self.path, text.getvalue())
        except (OSError, StorageEnvironmentError):
            log.warning("settings could not be saved")
            return False
        return True
