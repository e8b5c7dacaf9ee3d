"""A second process holding a data folder's instance lock as the window does (shared by the lock tests)."""

from __future__ import annotations

import signal
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

HOLDER = """
import sys
from ilot_desktop.app import acquire_instance_lock
from ilot_desktop.paths import app_paths
held = acquire_instance_lock(app_paths(sys.argv[1]))
print("pret", flush=True)
sys.stdin.read()
"""


@contextmanager
def window_in_another_process(folder: Path):
    """Another process holding the folder's lock as a window does, until the block ends (killed, not closed)."""
    process = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout.readline().strip() == "pret"
        yield process
    finally:
        process.send_signal(signal.SIGKILL if hasattr(signal, "SIGKILL") else signal.SIGTERM)
        process.wait(timeout=30)
