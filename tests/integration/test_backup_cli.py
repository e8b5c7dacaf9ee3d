"""``backup``, ``restore`` and ``check --backup`` from the command line, with their exit codes."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from ilot_desktop.cli import main
from tests.conftest import PASSWORD


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A data folder holding a new vault."""
    folder = tmp_path / "donnees"
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(folder), "init"]) == 0
    return folder


def run(argv, monkeypatch, password=PASSWORD, code=None, stdin=None):
    for name, value in (("ILOT_PASSPHRASE", password), ("ILOT_RECOVERY_CODE", code)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def recovery_code(capsys) -> str:
    match = re.search(r"(?:[0-9A-Z]{4}-){13}[0-9A-Z]{4}", capsys.readouterr().out)
    assert match
    return match.group(0)


def test_backup_to_a_folder_prints_where(data, tmp_path, monkeypatch, capsys):
    capsys.readouterr()
    usb = tmp_path / "usb"
    usb.mkdir()
    assert run(["--data-dir", str(data), "backup", "--out", str(usb)], monkeypatch) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == usb and written.name.startswith("IlotDesktop-sauvegarde-")
    assert (written / "ilot.db").exists() and (written / "ilot.key").exists()
    assert run(["--data-dir", str(data), "backup"], monkeypatch) == 0
    assert Path(capsys.readouterr().out.strip()).parent == data / "sauvegardes"
    assert run(["--data-dir", str(data), "backup", "--out", str(tmp_path / "absente")], monkeypatch) == 5
    assert "n'existe pas" in capsys.readouterr().err
    assert run(["--data-dir", str(data), "backup"], monkeypatch, password="Mauvais-Mot-2026!") == 3


def test_check_a_backup(data, tmp_path, monkeypatch, capsys):
    run(["--data-dir", str(data), "backup", "--out", str(tmp_path)], monkeypatch)
    written = capsys.readouterr().out.strip()
    assert run(["--data-dir", str(data), "check", "--backup", written], monkeypatch) == 0
    out = capsys.readouterr().out
    assert "Intégrité : correcte." in out and "Participants : " in out
    assert run(["--data-dir", str(data), "check", "--backup", written], monkeypatch, password="Faux-Mot-2026!") == 3


def test_restore_with_the_password_or_the_code(tmp_path, monkeypatch, capsys):
    data = tmp_path / "donnees"
    assert run(["--data-dir", str(data), "init"], monkeypatch) == 0
    code = recovery_code(capsys)
    run(["--data-dir", str(data), "backup", "--out", str(tmp_path)], monkeypatch)
    written = capsys.readouterr().out.strip()

    assert run(["--data-dir", str(data), "restore", written], monkeypatch) == 0
    out = capsys.readouterr().out
    assert "remise en place" in out and str(data / "sauvegardes") in out
    argv = ["--data-dir", str(data), "restore", written, "--recovery-code"]
    assert run(argv, monkeypatch, password=None, code=code) == 0
    assert run(argv, monkeypatch, password=None, stdin=code.lower() + "\n") == 0
    assert run(argv, monkeypatch, password=None, code="AAAA-" + code[5:]) == 3
    assert "faute de frappe" in capsys.readouterr().err
    assert run(["--data-dir", str(data), "restore", written], monkeypatch, password="Mauvais-Mot-2026!") == 3
    assert run(["--data-dir", str(data), "restore", str(tmp_path / "rien")], monkeypatch) == 5
    db = Path(written) / "ilot.db"
    db.write_bytes(db.read_bytes()[:3000])
    assert run(["--data-dir", str(data), "restore", written], monkeypatch) == 4
    err = capsys.readouterr().err
    assert "endommagé" in err or "tronqué" in err
    assert "Traceback" not in err
    assert run(["--data-dir", str(data), "check"], monkeypatch) == 0  # the vault itself was left alone
