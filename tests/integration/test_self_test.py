"""``ilot-desktop self-test``: every step passes here, a failing step is named in French, nothing is left behind."""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path

import pytest

from ilot_desktop import selftest
from ilot_desktop.cli import main


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    """The self-test's temporary folder is made here, so the test can see it go."""
    folder = tmp_path / "temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def run(verbose=False):
    out, err = io.StringIO(), io.StringIO()
    code = selftest.run_self_test(verbose=verbose, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_every_step_passes_and_leaves_nothing(scratch):
    code, out, err = run()
    assert code == 0, err
    labels = [label for label, _step in selftest.steps()]
    assert len(labels) >= 12
    for label in labels:
        assert f"✓ {label}" in out
    assert "plateforme offscreen" in out
    assert "qtbase_fr.qm" in out
    assert "Autotest réussi : 13 étapes en" in out
    assert err == ""
    assert list(scratch.iterdir()) == []  # the temporary folder is gone
    home = Path(os.environ["HOME"])  # conftest points HOME and the XDG folders here
    assert not any(home.rglob("*")), "nothing written in the user's folders"


def test_command_line(scratch, capsys):
    assert main(["self-test"]) == 0
    captured = capsys.readouterr()
    assert "✓ Déverrouillage avec le mot de passe" in captured.out
    assert "Autotest réussi" in captured.out
    assert list(scratch.iterdir()) == []


def test_failing_step_is_named_in_french_without_traceback(scratch, monkeypatch):
    def broken(ctx):
        raise RuntimeError("Dupont Jean 1980")  # a message that must not be shown

    monkeypatch.setattr(selftest, "_render_pdfs", broken)
    code, out, err = run()
    assert code == selftest.EXIT_SELF_TEST_FAILED != 0
    assert "✓ Déverrouillage avec le mot de passe" in out
    assert "✗ PDF (polices intégrées)" in out
    assert "Échec à l'étape « PDF (polices intégrées) » : erreur inattendue (RuntimeError)" in err
    assert "réinstallez" in err
    assert "Dupont" not in out + err and "Traceback" not in err
    assert "Classeurs Excel" not in out  # it stops at the first failure
    assert list(scratch.iterdir()) == []  # cleaned up even so


def test_verbose_failure_shows_the_traceback(scratch, monkeypatch):
    monkeypatch.setattr(selftest, "_svg_icon", lambda ctx: 1 / 0)
    code, _out, err = run(verbose=True)
    assert code != 0
    assert "Échec à l'étape « Icône de l'application (SVG) »" in err
    assert "Traceback" in err and "ZeroDivisionError" in err


def test_a_real_check_failing(scratch, monkeypatch, capsys):
    """The wrong password is the right one: the refusal check must fail, through the command line."""
    monkeypatch.setattr(selftest, "WRONG_PASSWORD", selftest.PASSWORD)
    assert main(["self-test"]) != 0
    err = capsys.readouterr().err
    assert "Échec à l'étape « Refus d'un mauvais mot de passe » : un mauvais mot de passe a ouvert le fichier" in err
