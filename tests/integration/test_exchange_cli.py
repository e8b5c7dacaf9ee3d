"""``import``, ``export`` and ``template`` commands and their exit codes."""

from __future__ import annotations

import re

from openpyxl import load_workbook

from ilot_desktop.domain.exchange import LISTS_SHEET, SHEET_NAMES
from ilot_desktop.errors import EXIT_INVALID
from tests.exchange_workbooks import full_book, outcome, participant, write_book
from tests.integration.test_cli import run


def test_template_needs_no_vault(tmp_path, monkeypatch, capsys):
    out = tmp_path / "modele.xlsx"
    assert run(["--data-dir", str(tmp_path / "rien"), "template", str(out)], monkeypatch, password=None) == 0
    assert "Modèle vide écrit" in capsys.readouterr().out
    assert load_workbook(out).sheetnames == [*SHEET_NAMES, LISTS_SHEET]
    assert not (tmp_path / "rien" / "ilot.db").exists()
    missing = tmp_path / "absent" / "modele.xlsx"
    assert run(["template", str(missing)], monkeypatch, password=None) == EXIT_INVALID
    assert "n'existe pas" in capsys.readouterr().err


def test_import_then_export(tmp_path, monkeypatch, capsys):
    data = tmp_path / "donnees"
    assert run(["--data-dir", str(data), "init"], monkeypatch) == 0
    capsys.readouterr()
    path = write_book(tmp_path / "equipe.xlsx", full_book())
    assert run(["--data-dir", str(data), "import", str(path)], monkeypatch) == 0
    out = capsys.readouterr().out
    assert "Classeur importé : 6 enregistrement(s) créé(s), 0 mis à jour." in out
    assert "Participants : 1 créé(s), 0 mis à jour, 0 inchangé(s)" in out

    assert run(["--data-dir", str(data), "import", str(path)], monkeypatch) == 0  # twice: nothing new
    assert "0 enregistrement(s) créé(s), 0 mis à jour." in capsys.readouterr().out

    target = tmp_path / "tout.xlsx"
    assert run(["--data-dir", str(data), "export", str(target)], monkeypatch) == 0
    captured = capsys.readouterr()
    assert "EN CLAIR" in captured.err and "chiffré" in captured.err and "supprimez-le" in captured.err
    assert "Participants : 1 ligne(s)" in captured.out
    assert load_workbook(target)["Participants"]["B2"].value == "Marqueur"

    assert run(["--data-dir", str(data), "export", str(tmp_path / "x" / "t.xlsx")], monkeypatch) == EXIT_INVALID
    assert run(["--data-dir", str(data), "export", str(target)], monkeypatch, password="Mauvais-Mot-2026!") == 3


def test_rejected_import_exits_5_lists_problems_and_changes_nothing(tmp_path, monkeypatch, capsys):
    data = tmp_path / "donnees"
    assert run(["--data-dir", str(data), "init"], monkeypatch) == 0
    book = full_book()
    book["Participants"].append(participant(**{"N° dossier": "DE-2026-002", "Sexe": "H"}))
    book["Résultats"].append(outcome(Type="Abandon"))
    path = write_book(tmp_path / "equipe.xlsx", book)
    capsys.readouterr()
    assert run(["--data-dir", str(data), "import", str(path)], monkeypatch) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "Classeur refusé : 2 problèmes à corriger ; rien n'a été importé." in err
    assert "  - Participants, ligne 3, colonne « Sexe » : « H » n'est pas une valeur autorisée" in err
    assert "  - Résultats, ligne 3, colonne « Motif d'abandon »" in err
    assert "Traceback" not in err
    assert run(["--data-dir", str(data), "check"], monkeypatch) == 0
    assert re.search(r"Participants : 0\b", capsys.readouterr().out)

    (tmp_path / "vide.xlsx").write_bytes(b"")
    assert run(["--data-dir", str(data), "import", str(tmp_path / "vide.xlsx")], monkeypatch) == EXIT_INVALID
    assert "vide" in capsys.readouterr().err


def test_import_without_vault(tmp_path, monkeypatch, capsys):
    path = write_book(tmp_path / "equipe.xlsx", full_book())
    assert run(["--data-dir", str(tmp_path / "rien"), "import", str(path)], monkeypatch) == EXIT_INVALID
