"""What the first page needs, and nothing more: a start is mostly imports."""

from __future__ import annotations

import os
import subprocess
import sys


def test_the_start_pages_load_no_database_or_pdf_library(tmp_path):
    """Start time: SQLAlchemy, Alembic, reportlab, cryptography and argon2 are loaded at unlock or when
    printing, not to show the first page (about 0.4 s of a start; docs/performance.md)."""
    probe = (
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
        "assert window.stack.currentWidget() is window.welcome\n"
        "late = ('sqlalchemy', 'alembic', 'reportlab', 'cryptography', 'argon2')\n"
        "print(sorted(m for m in late if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(tmp_path / "donnees")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert done.returncode == 0, done.stderr[-1000:]
    assert done.stdout.strip() == "[]"
