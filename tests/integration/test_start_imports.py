"""What the first page needs, and nothing more: a start is mostly imports."""

from __future__ import annotations

import subprocess
import sys


def test_the_start_pages_load_no_database_or_pdf_library():
    """Start time: SQLAlchemy, Alembic and reportlab are loaded at unlock or when printing, not to show the
    first page (about 0.4 s of a start; docs/performance.md)."""
    probe = (
        "import sys, ilot_desktop.cli, ilot_desktop.app, ilot_desktop.ui.main_window; "
        "print(sorted(m for m in ('sqlalchemy', 'alembic', 'reportlab') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-1000:]
    assert done.stdout.strip() == "[]"
