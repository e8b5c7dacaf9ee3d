"""PySide6's __feature__ support reads the source of every module imported after it (``inspect.getsource``)
and keeps it in ``linecache``: ~34 MB and hundreds of files read at start and unlock. ``ilot_desktop.ui``
answers it without reading anything (ui/__init__.py)."""

import subprocess
import sys

SCRIPT = """
import linecache, sys
import PySide6.QtWidgets  # as the window does, before anything else is imported
import ilot_desktop.ui
import sqlalchemy.orm, reportlab.platypus, xlsxwriter, email.mime.multipart
import ilot_desktop.ui.autolock, ilot_desktop.ui.start_pages
read = [name for name in linecache.cache if not name.startswith("<")]
print(len(read), sorted(read)[:8])
"""


def test_modules_imported_after_pyside_are_not_read_into_linecache():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    count = int(done.stdout.split()[0])
    # Before the patch: several hundred files (all of SQLAlchemy, reportlab...). After: the few read before it.
    assert count < 20, done.stdout
