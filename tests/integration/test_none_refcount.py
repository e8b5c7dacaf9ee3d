"""The installed PySide6 must not drop references to ``None`` at calls of Qt methods returning void.

PySide6/shiboken6 6.12.0 drops one at every such call (``setText``, ``setEnabled``, ``setFlags``, ``setData``…);
on Python 3.11, where ``None`` is not immortal, the application then dies ("Fatal Python error:
none_dealloc") after a few unlocks or hours of use. This is why pyproject.toml pins the Qt family at 6.11.3:
this test fails on any PySide6 that brings the bug back (see docs/performance.md).

The calls run in a child process: on a leaking PySide6 the child first adds references to ``None`` (nothing
is allocated) so that it reports the drop instead of crashing, and the test suite's own process is spared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CALLS = 20_000
MARGIN = 50  # references dropped by 20,000 calls that still count as none (a leaking PySide6 drops 20,000)

CHILD = r"""
import ctypes, json, sys

ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40  # survive a leaking PySide6 long enough to report it

import PySide6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidgetItem, QTableWidgetItem

CALLS = int(sys.argv[1])
app = QApplication([])
label, cell, line = QLabel(), QTableWidgetItem("x"), QListWidgetItem("x")
calls = {
    "QLabel.setText": lambda: label.setText("x"),
    "QLabel.setEnabled": lambda: label.setEnabled(True),
    "QTableWidgetItem.setFlags": lambda: cell.setFlags(Qt.ItemFlag.ItemIsEnabled),
    "QListWidgetItem.setData": lambda: line.setData(Qt.ItemDataRole.UserRole, 1),
}
dropped = {}
for name, call in calls.items():
    call()  # the first call may cache a signature or an enum value
    count = CALLS if name == "QLabel.setText" else CALLS // 10
    before = sys.getrefcount(None)
    for _ in range(count):
        call()
    dropped[name] = [before - sys.getrefcount(None), count]
print(json.dumps({"version": PySide6.__version__, "dropped": dropped}))
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12: the drop cannot crash")
def test_void_qt_calls_keep_references_to_none():
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(CALLS)], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    leaking = {
        name: f"{lost:,} of {count:,} calls" for name, (lost, count) in report["dropped"].items() if lost > MARGIN
    }
    assert not leaking, (
        f"PySide6 {report['version']} drops a reference to None at every void call: {leaking}. "
        "On Python 3.11 the application would crash (none_dealloc): keep the Qt family pinned at a version "
        "without the bug (docs/performance.md)."
    )
