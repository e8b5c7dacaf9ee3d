"""A fresh process shows the window's first page; which of some modules it had to load (a start is mostly
imports). Shared by the tests of what the start leaves for later."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

PROBE = (
    "import sys\n"
    "from ilot_desktop.app import create_application\n"
    "from ilot_desktop.paths import app_paths\n"
    "from ilot_desktop.settings import LocalSettings\n"
    "from ilot_desktop.ui.main_window import MainWindow\n"
    "app = create_application(['ilot-desktop'])\n"
    "paths = app_paths(sys.argv[1])\n"
    "window = MainWindow(paths, LocalSettings(paths.settings_file))\n"
    "window.show()\n"
    "app.processEvents()\n"
    "assert window.stack.currentWidget() is getattr(window, sys.argv[2])\n"
    "print('\\n'.join(sorted(m for m in sys.argv[3:] if m in sys.modules)))\n"
)


def loaded_at_start(data_dir: Path, page: str, modules: tuple[str, ...]) -> list[str]:
    """Those of ``modules`` loaded once the window shows ``page`` (an attribute of the window) over ``data_dir``."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(data_dir), page, *modules],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-1000:]
    return done.stdout.split()
