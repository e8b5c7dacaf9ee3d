"""Issue 12 #3 on the command line: the next command finds a write killed last time, deletes its unfinished
file and says so in French on stderr; a write in progress in another live process is left alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from ilot_desktop import safe_files
from ilot_desktop.cli import main


def _leftover(data, folder, pid: int, letter: str):
    journal = data / safe_files.JOURNAL_DIR_NAME
    journal.mkdir(parents=True, exist_ok=True)
    unfinished = folder / ("~ilot-" + letter * 32 + ".tmp")
    unfinished.write_text("Dupont Jean, né le 12/04/1985", encoding="utf-8")
    (journal / (letter * 32 + ".json")).write_text(json.dumps({"temp": str(unfinished), "pid": pid}))
    return unfinished


def test_the_next_command_removes_a_killed_write_and_says_so(tmp_path, capsys):
    data, exports = tmp_path / "donnees", tmp_path / "exports"
    exports.mkdir()
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    killed = _leftover(data, exports, child.pid, "a")
    live = _leftover(data, exports, os.getppid(), "b")  # another instance writing right now
    try:
        assert main(["--data-dir", str(data), "template", str(exports / "modele.xlsx")]) == 0
    finally:
        safe_files.configure(None)
    err = capsys.readouterr().err
    assert "écriture interrompue" in err and "1 fichier inachevé\u00a0: supprimé" in err and str(exports) in err
    assert not killed.exists() and live.exists()
    assert sorted(p.name for p in exports.iterdir()) == sorted(["modele.xlsx", live.name])
    try:
        assert main(["--data-dir", str(data), "template", str(exports / "modele.xlsx")]) == 0
    finally:
        safe_files.configure(None)
    assert "inachevé" not in capsys.readouterr().err  # said once
