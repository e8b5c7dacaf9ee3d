"""The test suite under the Windows CPython (make windows-test runs this under Wine; it also runs on Windows).

    python installer\\windows\\run_tests.py [pytest arguments]

Sets what Wine does not pass from the Unix environment (QT_* variables): Qt's offscreen platform, with the
project's DejaVu fonts (Qt's offscreen plugin on Windows draws no text without QT_QPA_FONTDIR). The sources
come from src\\ (no install; PYTHONPATH for the processes the tests start). At the end: how many tests were
skipped, grouped by reason.
"""

from __future__ import annotations

import collections
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class SkipCounter:
    def __init__(self) -> None:
        self.reasons: collections.Counter[str] = collections.Counter()

    def pytest_runtest_logreport(self, report) -> None:
        if report.skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            self.reasons[reason.removeprefix("Skipped: ")] += 1


def main() -> int:
    sys.stdout.reconfigure(encoding="utf-8", line_buffering=True)  # read through a pipe: not the ANSI code page
    sys.stderr.reconfigure(encoding="utf-8")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_QPA_FONTDIR", str(ROOT / "resources" / "fonts"))
    sys.path.insert(0, str(ROOT / "src"))
    # for the programs the tests start with sys.executable (the command line, a second process)
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    os.chdir(ROOT)
    import pytest

    counter = SkipCounter()
    code = pytest.main(["-p", "no:cacheprovider", *sys.argv[1:]], plugins=[counter])
    total = sum(counter.reasons.values())
    print(f"\nSkipped on {sys.platform}: {total}")
    for reason, count in counter.reasons.most_common():
        print(f"  {count:4d}  {reason}")
    return int(code)


if __name__ == "__main__":
    raise SystemExit(main())
