"""The user guide's screenshots: the script still drives every screen, and the guide shows each one."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "guide-utilisateur.md"
SCRIPT = ROOT / "scripts" / "guide_screenshots.py"


def _shot_names() -> list[str]:
    source = SCRIPT.read_text(encoding="utf-8")
    block = source.split("SHOTS = {", 1)[1].split("}", 1)[0]
    return re.findall(r'^\s+"([0-9]{2}-[a-z-]+)":', block, flags=re.MULTILINE)


def test_the_guide_shows_every_screenshot_and_only_committed_ones():
    referenced = re.findall(r"!\[[^\]]+\]\(images/([^)]+)\.png\)", GUIDE.read_text(encoding="utf-8"))
    names = _shot_names()
    assert len(names) >= 15
    assert sorted(referenced) == sorted(names)
    for name in names:
        assert (ROOT / "docs" / "images" / f"{name}.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.slow
def test_the_script_makes_every_screenshot_from_the_demo(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(tmp_path)], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    made = sorted(path.stem for path in tmp_path.glob("*.png"))
    assert made == sorted(_shot_names())
    assert f"{len(made)} captures écrites." in done.stdout
    assert all(path.stat().st_size > 5_000 for path in tmp_path.glob("*.png"))  # real screens, not blanks
