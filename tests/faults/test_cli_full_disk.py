"""The command line on a really full disk (a tmpfs; root with mount allowed, skipped elsewhere).

Every command that has to write says so in French, exit 4: no English system text, no "--- Logging error ---"
block from the log that cannot be written either, no crash report.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

pytestmark = pytest.mark.slow


@pytest.fixture
def full_disk(tmp_path):
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root on Linux")
    disk = tmp_path / "petit"
    disk.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1024k,mode=0700", "tmpfs", str(disk)], capture_output=True
    ).returncode:
        pytest.skip("mount is not allowed here")
    try:
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], capture_output=True)


def ilot(folder: Path, *argv: str) -> subprocess.CompletedProcess:
    env = dict(
        os.environ,
        ILOT_PASSPHRASE=PASSWORD,
        ILOT_NEW_PASSPHRASE="Nouveau-Mot-De-Passe-2026-xyz!",
        QT_QPA_PLATFORM="offscreen",
    )
    return subprocess.run(
        [sys.executable, "-m", "ilot_desktop", "--data-dir", str(folder), *argv],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_writing_command_says_the_disk_is_full_in_french(full_disk):
    folder = full_disk / "donnees"
    created = ilot(folder, "demo")
    assert created.returncode == 0, created.stderr
    with (full_disk / "remplissage").open("wb") as filler:
        try:
            while True:
                filler.write(b"\0" * 65536)
                filler.flush()
        except OSError:
            pass
    commands = [
        ["export", str(full_disk / "tout.xlsx")],
        ["template", str(full_disk / "modele.xlsx")],
        ["funder-report", "--year", "2025", "--out", str(full_disk / "bilan.xlsx")],
        ["action-plan", "DE-2026-001", "--out", str(full_disk / "plan.pdf")],
        ["backup"],
        ["change-password"],
    ]
    for argv in commands:
        done = ilot(folder, *argv)
        assert done.returncode == 4, (argv, done.stderr)
        assert "plein" in done.stderr, (argv, done.stderr)
        for english in ("No space", "Errno", "Logging error", "Traceback", "Erreur inattendue"):
            assert english not in done.stderr, (argv, done.stderr)
    reports = folder / "journaux" / "rapports"
    assert not reports.exists() or not any(reports.iterdir())
