"""Headless commands and their exit codes: 0 done, 2 usage, 3 wrong password, 4 damaged, 5 invalid."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest

from ilot_desktop.cli import main
from tests.conftest import PASSWORD


@pytest.fixture
def data(tmp_path):
    return tmp_path / "donnees"


def run(argv, monkeypatch, password=PASSWORD, stdin=None):
    if password is None:
        monkeypatch.delenv("ILOT_PASSPHRASE", raising=False)
    else:
        monkeypatch.setenv("ILOT_PASSPHRASE", password)
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def test_init_prints_code_and_writes_sheet(data, tmp_path, monkeypatch, capsys):
    sheet = tmp_path / "feuille.pdf"
    assert run(["--data-dir", str(data), "init", "--recovery-sheet", str(sheet)], monkeypatch) == 0
    out = capsys.readouterr().out
    assert re.search(r"([0-9A-Z]{4}-){13}[0-9A-Z]{4}", out)
    assert sheet.read_bytes().startswith(b"%PDF")
    assert (data / "ilot.db").exists() and (data / "ilot.key").exists()


def test_init_reads_password_from_stdin(data, monkeypatch, capsys):
    assert run(["--data-dir", str(data), "init"], monkeypatch, password=None, stdin=PASSWORD + "\n") == 0
    assert run(["--data-dir", str(data), "check"], monkeypatch, password=None, stdin=PASSWORD + "\n") == 0
    assert "Intégrité : correcte." in capsys.readouterr().out


def test_exit_codes(data, monkeypatch, capsys):
    assert run(["--data-dir", str(data), "check"], monkeypatch) == 5  # no vault yet
    assert run(["--data-dir", str(data), "init"], monkeypatch, password="faible") == 5
    assert "Trop faible" in capsys.readouterr().err
    assert run(["--data-dir", str(data), "init"], monkeypatch) == 0
    assert run(["--data-dir", str(data), "init"], monkeypatch) == 5  # already there
    assert run(["--data-dir", str(data), "check"], monkeypatch, password="Mauvais-Mot-2026!") == 3
    err = capsys.readouterr().err
    assert "Mot de passe incorrect." in err
    assert "hmac" not in err.lower() and "Traceback" not in err
    db = data / "ilot.db"
    db.write_bytes(db.read_bytes()[:5000])
    assert run(["--data-dir", str(data), "check"], monkeypatch) == 4
    assert "endommagé" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["--data-dir", str(data), "inconnue"])
    assert usage.value.code == 2
    assert "Erreur d'utilisation" in capsys.readouterr().err


def test_demo_command(data, monkeypatch, capsys):
    assert run(["--data-dir", str(data), "demo"], monkeypatch) == 0
    assert "dossiers fictifs créés" in capsys.readouterr().out
    assert run(["--data-dir", str(data), "check"], monkeypatch) == 0
    out = capsys.readouterr().out
    counts = re.search(r"Participants : (\d+)", out)
    assert counts and int(counts.group(1)) >= 45
    appointments = re.search(r"Rendez-vous : (\d+)", out)
    assert appointments and int(appointments.group(1)) >= 400
    actions = re.search(r"Actions collectives : (\d+)", out)
    assert actions and int(actions.group(1)) >= 24
    barriers = re.search(r"Freins : (\d+)", out)
    assert barriers and int(barriers.group(1)) >= 150
    tasks = re.search(r"Tâches : (\d+)", out)
    assert tasks and int(tasks.group(1)) >= 150


def test_module_entry_point_runs_quietly(tmp_path):
    """`python -m ilot_desktop`: a wrong password gives exit 3 and no SQLCipher noise on stderr."""
    env = {"ILOT_PASSPHRASE": PASSWORD, "PATH": "", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    # Windows: Python cannot start without SYSTEMROOT; PYTHONPATH when the sources are not installed (make windows-test)
    env.update({name: os.environ[name] for name in ("SYSTEMROOT", "PYTHONPATH") if name in os.environ})
    folder = tmp_path / "d"
    first = subprocess.run(
        [sys.executable, "-m", "ilot_desktop", "--data-dir", str(folder), "init"],
        env=env,
        capture_output=True,
        encoding="utf-8",  # what the command line writes to a pipe, on Windows too (cli_console)
        timeout=60,
    )
    assert first.returncode == 0, first.stderr
    env["ILOT_PASSPHRASE"] = "Pas-Le-Bon-2026!"
    second = subprocess.run(
        [sys.executable, "-m", "ilot_desktop", "--data-dir", str(folder), "check"],
        env=env,
        capture_output=True,
        encoding="utf-8",  # what the command line writes to a pipe, on Windows too (cli_console)
        timeout=60,
    )
    assert second.returncode == 3
    assert second.stderr.strip() == "Erreur : Mot de passe incorrect."


def test_recovery_code_is_printed_even_if_the_sheet_cannot_be_written(data, tmp_path, monkeypatch, capsys):
    assert (
        run(
            ["--data-dir", str(data), "init", "--recovery-sheet", str(tmp_path / "absent" / "f.pdf")],
            monkeypatch,
        )
        == 5
    )
    assert "n'existe pas" in capsys.readouterr().err
    assert not (data / "ilot.db").exists()  # refused before anything was created

    import ilot_desktop.reports.recovery_sheet as sheet_module

    def failing(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sheet_module, "write_recovery_sheet", failing)
    assert run(["--data-dir", str(data), "init", "--recovery-sheet", str(tmp_path / "f.pdf")], monkeypatch) == 5
    captured = capsys.readouterr()
    assert re.search(r"([0-9A-Z]{4}-){13}[0-9A-Z]{4}", captured.out)
    assert "recopiez le code" in captured.err


def test_help_and_errors_are_in_french(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert out.startswith("utilisation : ilot-desktop")
    assert "options\u00a0:" in out and "affiche cette aide et quitte" in out
    assert "usage:" not in out and "show this help" not in out
    with pytest.raises(SystemExit):
        main(["check", "--inconnu"])
    assert "arguments non reconnus" in capsys.readouterr().err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes: Windows protects the profile by its rights")
def test_files_written_are_private(data, monkeypatch):
    import stat

    assert run(["--data-dir", str(data), "init"], monkeypatch) == 0
    for path in [data, *data.rglob("*")]:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        assert mode & 0o077 == 0, f"{path.name} is readable by others ({oct(mode)})"


def _vault_with_a_plan(data, monkeypatch):
    """An initialised vault holding one participant with tasks and a next appointment (real dates:
    the command runs on today's clock)."""
    from datetime import date, datetime, time, timedelta

    from ilot_desktop.domain.action_plan import Task
    from ilot_desktop.domain.followup import Appointment
    from ilot_desktop.domain.vocabulary import TaskOwner
    from ilot_desktop.services import vault
    from tests.factories import make_participant

    today = date.today()
    assert run(["--data-dir", str(data), "init"], monkeypatch) == 0
    session = vault.unlock(data, PASSWORD)
    try:
        entry = today - timedelta(days=10)
        p = session.participants.save(make_participant(entry_date=entry, consent_date=entry, planned_release_date=None))
        session.plan.save(Task(p.id, "Préparer un CV", TaskOwner.TOGETHER))
        session.plan.save(Task(p.id, "Demander la carte Vitale", TaskOwner.PERSON))
        session.plan.save(Task(p.id, "Appeler le SIAO", TaskOwner.CASEWORKER))
        start = datetime.combine(today + timedelta(days=7), time(10))
        session.followup.save(Appointment(p.id, start, place="Locaux de L'Îlot"))
    finally:
        session.close()


def test_action_plan_command_writes_the_pdf(data, tmp_path, monkeypatch, capsys):
    from pypdf import PdfReader

    _vault_with_a_plan(data, monkeypatch)
    capsys.readouterr()
    out = tmp_path / "plan.pdf"
    assert run(["--data-dir", str(data), "action-plan", " de-2026-001 ", "--out", str(out)], monkeypatch) == 0
    assert f"Plan d'action écrit : {out}" in capsys.readouterr().out
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(out).pages)
    for words in ("Préparer un CV", "Demander la carte Vitale", "Appeler le SIAO", "Zéphyrin"):
        assert words in text
    for secret in ("Pointage", "Santé", "Leroux", "1985"):
        assert secret not in text


def test_action_plan_command_warns_of_sensitive_words_and_logs_the_copy(data, tmp_path, monkeypatch, capsys):
    """The command line warns as the preview does (on stderr, in French), and the access log keeps the copy."""
    from ilot_desktop.domain.action_plan import Task
    from ilot_desktop.domain.audit import AuditAction
    from ilot_desktop.domain.vocabulary import TaskOwner
    from ilot_desktop.services import vault

    _vault_with_a_plan(data, monkeypatch)
    capsys.readouterr()
    out = tmp_path / "plan.pdf"
    assert run(["--data-dir", str(data), "action-plan", "DE-2026-001", "--out", str(out)], monkeypatch) == 0
    assert "Attention" not in capsys.readouterr().err  # nothing sensitive in the plan yet
    session = vault.unlock(data, PASSWORD)
    try:
        p = session.participants.by_file_number("DE-2026-001")
        session.plan.save(Task(p.id, "Appeler le CPIP avant le parloir", TaskOwner.PERSON))
    finally:
        session.close()
    assert run(["--data-dir", str(data), "action-plan", "DE-2026-001", "--out", str(out)], monkeypatch) == 0
    captured = capsys.readouterr()
    assert "Plan d'action écrit" in captured.out and "Attention" not in captured.out
    assert captured.err.strip() == (
        "Attention, ce plan mentionne\u00a0: «\u00a0CPIP\u00a0», «\u00a0parloir\u00a0». La personne emporte cette "
        "feuille\u00a0: reformulez la tâche si elle ne doit pas le lire ou le montrer."
    )
    session = vault.unlock(data, PASSWORD)
    try:
        printed = [e for e in session.audit.events() if e.action == AuditAction.ACTION_PLAN_PRINTED]
    finally:
        session.close()
    assert [(e.participant_id, e.detail) for e in printed] == [(p.id, "PDF")] * 2


def test_action_plan_command_errors(data, tmp_path, monkeypatch, capsys):
    _vault_with_a_plan(data, monkeypatch)
    capsys.readouterr()
    out = tmp_path / "plan.pdf"
    assert run(["--data-dir", str(data), "action-plan", "DE-2026-999", "--out", str(out)], monkeypatch) == 5
    assert capsys.readouterr().err.strip() == "Erreur : Aucun dossier DE-2026-999."
    wrong = run(
        ["--data-dir", str(data), "action-plan", "DE-2026-001", "--out", str(out)],
        monkeypatch,
        password="Mauvais-Mot-2026!",
    )
    assert wrong == 3
    assert "Mot de passe incorrect." in capsys.readouterr().err
    elsewhere = tmp_path / "absent" / "plan.pdf"
    assert run(["--data-dir", str(data), "action-plan", "DE-2026-001", "--out", str(elsewhere)], monkeypatch) == 5
    assert "n'existe pas" in capsys.readouterr().err
    assert not out.exists() and not elsewhere.exists()
    with pytest.raises(SystemExit) as usage:
        main(["--data-dir", str(data), "action-plan", "DE-2026-001"])
    assert usage.value.code == 2


def test_change_password_from_the_command_line(data, monkeypatch, capsys):
    assert run(["--data-dir", str(data), "init"], monkeypatch) == 0
    monkeypatch.setenv("ILOT_NEW_PASSPHRASE", "faible")
    assert run(["--data-dir", str(data), "change-password"], monkeypatch) == 5
    monkeypatch.setenv("ILOT_NEW_PASSPHRASE", "Nouveau-Secret-2027!")
    assert run(["--data-dir", str(data), "change-password"], monkeypatch, password="Mauvais-2026!!") == 3
    assert run(["--data-dir", str(data), "change-password"], monkeypatch) == 0
    out = capsys.readouterr().out
    assert "nouveau mot de passe est enregistré" in out and "code de secours reste valable" in out
    monkeypatch.delenv("ILOT_NEW_PASSPHRASE")
    assert run(["--data-dir", str(data), "check"], monkeypatch, password="Nouveau-Secret-2027!") == 0
    # both passwords on standard input, one per line
    stdin = "Nouveau-Secret-2027!\nTroisième-Secret-2028!\n"
    assert run(["--data-dir", str(data), "change-password"], monkeypatch, password=None, stdin=stdin) == 0
    assert run(["--data-dir", str(data), "check"], monkeypatch, password="Troisième-Secret-2028!") == 0
