"""Adding a field to the participant file takes three places and its migration (docs/architecture.md).

``tests/added_field.py`` adds a fictional field (« Mutuelle ») in a fresh interpreter the way the guide says:
a registry entry, a ``Participant`` attribute, a table column; the schema is built from the tables. It then
checks that the Fiche shows it (labelled, with an accessible name, in its section, read, kept in a draft),
that the exchange workbook exports it in its column, reads it back and checks its limit, that the access copy
(PDF and workbook) shows it, and that storage keeps it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_field_added_in_three_places_reaches_the_form_the_exchange_the_access_copy_and_storage(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": f"{ROOT / 'src'}{os.pathsep}{ROOT}"}
    result = subprocess.run(
        [sys.executable, "-m", "tests.added_field", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip().splitlines()[-1] == "ok"
