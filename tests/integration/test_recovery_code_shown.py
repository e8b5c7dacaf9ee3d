"""A recovery code must reach the person: first on the console, and a code never confirmed as seen is said."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from ilot_desktop.cli import main
from ilot_desktop.services import vault
from tests.conftest import PASSWORD

CODE = re.compile(r"(?:[0-9A-Z]{4}-){13}[0-9A-Z]{4}")


def test_init_read_by_head_minus_one_still_shows_the_code(tmp_path):
    """``ilot-desktop init | head -1``: the first line holds the code."""
    folder = tmp_path / "donnees"
    env = {**os.environ, "ILOT_PASSPHRASE": PASSWORD}
    child = subprocess.Popen(
        [sys.executable, "-m", "ilot_desktop", "--data-dir", str(folder), "init"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    first = child.stdout.readline().decode("utf-8")
    child.stdout.close()  # the reader goes away, as head does
    child.wait(timeout=60)
    assert CODE.search(first), first
    assert vault.unlock_with_recovery_code(folder, CODE.search(first).group(0)).close() is None


def test_a_code_printed_is_confirmed_and_one_never_shown_is_said_by_check(tmp_path, monkeypatch, capsys):
    folder = tmp_path / "donnees"
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(folder), "init"]) == 0
    assert not vault.recovery_code_pending(folder)  # printed: seen
    capsys.readouterr()
    vault.new_recovery_code(folder, PASSWORD)  # as if the window died before showing the new code
    assert main(["--data-dir", str(folder), "check"]) == 0
    assert "n'a peut-être jamais été noté" in capsys.readouterr().err
