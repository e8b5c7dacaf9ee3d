"""Every path the application uses. Nothing is created at import time.

Default locations come from platformdirs. ``--data-dir DIR`` or ``ILOT_DATA_DIR`` moves *everything*
(vault, backups, settings, logs, crash reports) under DIR, so tests and demos never touch a
person's real folders.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "IlotDesktop"
APP_AUTHOR = "LIlot"
ENV_DATA_DIR = "ILOT_DATA_DIR"


@dataclass(frozen=True)
class AppPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "ilot-desktop.ini"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "ilot-desktop.log"

    @property
    def crash_dir(self) -> Path:
        return self.log_dir / "rapports"

    @property
    def demo_dir(self) -> Path:
        return self.data_dir / "demonstration"


def app_paths(data_dir: str | os.PathLike | None = None) -> AppPaths:
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, config_dir=root / "reglages", log_dir=root / "journaux")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_DIR_NAME, APP_AUTHOR)),
        config_dir=Path(platformdirs.user_config_dir(APP_DIR_NAME, APP_AUTHOR)),
        log_dir=Path(platformdirs.user_log_dir(APP_DIR_NAME, APP_AUTHOR)),
    )


def data_folder_problem(folder: Path) -> str | None:
    """Why ``folder`` cannot be the data folder (a file stands there or above it), in French; None if it can."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            if candidate.is_dir():
                return None
            where = "Le dossier des données" if candidate == folder else "Le chemin du dossier des données"
            return (
                f"{where} désigne un fichier, pas un dossier\u00a0: {candidate}. Choisissez un dossier avec "
                f"--data-dir (ou la variable {ENV_DATA_DIR})."
            )
    return None


def is_inside(path: Path, folder: Path) -> bool:
    """True when ``path`` (links followed, ``..`` resolved; case ignored where the system ignores it) is in
    ``folder`` or one of its subfolders."""
    target = os.path.normcase(str(Path(path).expanduser().resolve()))
    root = os.path.normcase(str(Path(folder).expanduser().resolve()))
    return target == root or target.startswith(root.rstrip(os.sep) + os.sep)


def resource_path(*parts: str) -> Path:
    """A file under ``resources/``, from the source tree or from the frozen (PyInstaller) build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root, "resources", *parts)
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "resources"
        if candidate.is_dir() and (candidate / "fonts").is_dir():
            return candidate.joinpath(*parts)
    raise FileNotFoundError("resources folder not found beside the source tree")
