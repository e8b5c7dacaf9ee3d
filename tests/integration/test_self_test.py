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
    assert "Autotest réussi\u00a0: 15 étapes en" in out
    assert "✓ Qt ne perd pas de références — 2000 appels" in out
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
    assert "Échec à l'étape «\u00a0PDF (polices intégrées)\u00a0»\u00a0: erreur inattendue (RuntimeError)" in err
    assert "réinstallez" in err
    assert "Dupont" not in out + err and "Traceback" not in err
    assert "Classeurs Excel" not in out  # it stops at the first failure
    assert list(scratch.iterdir()) == []  # cleaned up even so


def test_verbose_failure_shows_the_traceback(scratch, monkeypatch):
    monkeypatch.setattr(selftest, "_svg_icon", lambda ctx: 1 / 0)
    code, _out, err = run(verbose=True)
    assert code != 0
    assert "Échec à l'étape «\u00a0Icône de l'application (SVG)\u00a0»" in err
    assert "Traceback" in err and "ZeroDivisionError" in err


def test_a_real_check_failing(scratch, monkeypatch, capsys):
    """The wrong password is the right one: the refusal check must fail, through the command line."""
    monkeypatch.setattr(selftest, "WRONG_PASSWORD", selftest.PASSWORD)
    assert main(["self-test"]) != 0
    err = capsys.readouterr().err
    step = "Échec à l'étape «\u00a0Refus d'un mauvais mot de passe\u00a0»"
    assert f"{step}\u00a0: un mauvais mot de passe a ouvert le fichier" in err


def test_a_qt_that_loses_references_to_none_fails(scratch, monkeypatch):
    """PySide6 6.12.0 dropped a reference to None at every void call: such a build must not pass."""
    counts = iter([50_000, 50_000 - selftest.VOID_CALLS])  # before, after: one lost per call
    monkeypatch.setattr(selftest, "_none_references", lambda: next(counts))
    code, _out, err = run()
    assert code != 0
    assert "«\u00a0Qt ne perd pas de références\u00a0»\u00a0: cette version de Qt perd des références" in err


def test_inside_the_bundle_on_macos_through_the_resources_links(monkeypatch, tmp_path):
    contents = tmp_path / "Ilot desktop.app" / "Contents"
    frameworks, resources = contents / "Frameworks", contents / "Resources"
    (resources / "PySide6" / "Qt" / "translations").mkdir(parents=True)
    frameworks.mkdir()
    (frameworks / "PySide6").symlink_to(resources / "PySide6")
    monkeypatch.setattr(selftest.sys, "_MEIPASS", str(frameworks), raising=False)
    monkeypatch.setattr(selftest.sys, "platform", "darwin")
    assert selftest._inside_bundle(str(frameworks / "PySide6" / "Qt" / "translations"))
    assert selftest._inside_bundle(str(resources / "PySide6" / "Qt" / "translations"))
    assert not selftest._inside_bundle(str(tmp_path / "elsewhere" / "translations"))
