"""Does the installed PySide6 drop references to ``None``? ``python benchmarks/none_refcount.py``

PySide6/shiboken6 6.12.0 does, at every call of a method that returns nothing; on Python 3.11 a process
dies ("Fatal Python error: none_dealloc") once None's references are used up. This prints, per kind of
call, how many references 1,000 calls dropped, and exits 1 when any did (0 on Python 3.12 and later,
where None is immortal and the question does not arise). pyproject.toml pins 6.11.3, which drops none;
tests/integration/test_none_refcount.py makes the same check in the test suite. See docs/performance.md.
"""

from __future__ import annotations

import sys

from measure import headless

CALLS = 1000


def main() -> int:
    if sys.version_info >= (3, 12):
        print("Python 3.12 or later: None is immortal, nothing to check.")
        return 0
    headless()
    # On a leaking PySide6 the check itself would die at exit (a bare process has ~5,000 references to
    # spend): add 2**40 references to None first (nothing is allocated) so that it can report.
    import ctypes

    ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40
    import PySide6
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QLabel, QListWidgetItem, QTableWidgetItem

    app = QApplication.instance() or QApplication([])
    label, cell, line = QLabel(), QTableWidgetItem("x"), QListWidgetItem("x")
    calls = {
        "QLabel.setText": lambda: label.setText("y"),
        "QLabel.setEnabled": lambda: label.setEnabled(True),
        "QTableWidgetItem.setFlags": lambda: cell.setFlags(Qt.ItemFlag.ItemIsEnabled),
        "QListWidgetItem.setData": lambda: line.setData(Qt.ItemDataRole.UserRole, 1),
    }
    print(f"PySide6 {PySide6.__version__}, Python {sys.version.split()[0]}")
    leaking = False
    for name, call in calls.items():
        before = sys.getrefcount(None)
        for _ in range(CALLS):
            call()
        dropped = before - sys.getrefcount(None)
        leaking |= dropped > CALLS // 2
        print(f"  {name:28} {dropped:6,} references dropped by {CALLS:,} calls")
    del app
    print("LEAKS: a long session will crash." if leaking else "No leak.")
    return 1 if leaking else 0


if __name__ == "__main__":
    sys.exit(main())
