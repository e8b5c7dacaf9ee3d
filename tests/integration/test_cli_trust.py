"""Issue 12, the command line: what outside eyes broke.

``| head``, a full disk (in a write and in the log), ``--data-dir`` on a file, ``--verbose=1``, a recovery sheet
inside the data folder, ``check`` writing before its full check, and a command that writes the vault while a
window holds the folder.
"""

from __future__ import annotations

import ast
import errno
import hashlib
import io
import logging
import os
import subprocess
import sys
from contextlib import suppress
from pathlib import Path

import pytest

from ilot_desktop import cli_french
from ilot_desktop.cli import main
from tests.conftest import PASSWORD
from tests.lock_holder import window_in_another_process as a_window_open_on


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A data folder holding a new vault."""
    folder = tmp_path / "donnees"
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(folder), "init"]) == 0
    return folder


@pytest.fixture(autouse=True)
def _restore_logging(monkeypatch):
    """``main`` sets the root logger up; a test's broken handler must not outlive it."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.setattr(logging, "raiseExceptions", logging.raiseExceptions)
    yield
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
            with suppress(OSError):
                handler.close()
    root.setLevel(level)


def no_crash_report(folder: Path) -> bool:
    reports = folder / "journaux" / "rapports"
    return not reports.exists() or not any(reports.iterdir())


# --- | head ------------------------------------------------------------------------------------------------


def run_into_a_closed_pipe(argv: list[str], unbuffered: bool) -> subprocess.CompletedProcess:
    """``ilot-desktop … | head`` where head has already gone: the read end is closed before anything is written."""
    env = dict(os.environ, ILOT_PASSPHRASE=PASSWORD, QT_QPA_PLATFORM="offscreen")
    if unbuffered:  # every print reaches the pipe at once, inside the command
        env["PYTHONUNBUFFERED"] = "1"
    process = subprocess.Popen(
        [sys.executable, "-m", "ilot_desktop", *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    process.stdout.close()
    err = process.stderr.read().decode("utf-8", "replace")
    process.wait(timeout=120)
    return subprocess.CompletedProcess(argv, process.returncode, "", err)


@pytest.mark.parametrize("unbuffered", [True, False], ids=["unbuffered", "buffered"])
@pytest.mark.parametrize("command", ["check", "template", "--help"])
def test_a_reader_that_stops_early_ends_nothing_in_error(data, tmp_path, command, unbuffered):
    argv = {
        "check": ["--data-dir", str(data), "check"],
        "template": ["--data-dir", str(data), "template", str(tmp_path / "modele.xlsx")],
        "--help": ["--help"],
    }[command]
    done = run_into_a_closed_pipe(argv, unbuffered)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no "Erreur inattendue", no "Exception ignored … BrokenPipeError"
    assert no_crash_report(data)
    if command == "template":
        assert (tmp_path / "modele.xlsx").exists()  # the work itself went to its end


# --- a full disk ---------------------------------------------------------------------------------------------


class FullDiskStream(io.StringIO):
    def write(self, text):
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self):
        raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture
def full_log(monkeypatch):
    """The log file's disk is full: every record the handler writes fails."""
    monkeypatch.setattr(logging.FileHandler, "_open", lambda self: FullDiskStream())


def disk_full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def assert_said_full_in_french(err: str) -> None:
    assert "disque est plein" in err, err
    assert "No space left" not in err and "Errno" not in err
    assert "Logging error" not in err and "Traceback" not in err and "Erreur inattendue" not in err


def test_a_full_disk_in_a_write_is_said_in_french(data, tmp_path, monkeypatch, capsys, full_log):
    from ilot_desktop.reports import workbook

    monkeypatch.setattr(workbook, "write_template", disk_full)
    assert main(["--data-dir", str(data), "template", str(tmp_path / "modele.xlsx")]) == 4
    assert_said_full_in_french(capsys.readouterr().err)
    logging.getLogger("ilot_desktop.essai").warning("one more record into the full log")
    assert "Logging error" not in capsys.readouterr().err
    assert no_crash_report(data)


def test_a_full_disk_under_the_action_plan_is_said_in_french(data, tmp_path, monkeypatch, capsys, full_log):
    from ilot_desktop.reports import action_plan
    from ilot_desktop.services import vault
    from tests.factories import make_participant

    session = vault.unlock(data, PASSWORD)
    try:
        session.participants.save(make_participant(file_number="DE-2026-001"))
    finally:
        session.close()
    monkeypatch.setattr(action_plan, "write_action_plan", disk_full)
    argv = ["--data-dir", str(data), "action-plan", "DE-2026-001", "--out", str(tmp_path / "plan.pdf")]
    assert main(argv) == 4
    assert_said_full_in_french(capsys.readouterr().err)


def test_the_log_never_prints_its_own_error_blocks(data, monkeypatch, capsys, full_log):
    assert main(["--data-dir", str(data), "check"]) == 0
    logging.getLogger("ilot_desktop.essai").error("a record the full disk refuses")
    err = capsys.readouterr().err
    assert "Logging error" not in err and "Traceback" not in err


# --- --data-dir, --verbose -------------------------------------------------------------------------------------


@pytest.mark.parametrize("below", [False, True], ids=["the-file", "under-the-file"])
def test_a_data_dir_that_is_a_file_is_a_usage_error_in_french(tmp_path, monkeypatch, capsys, below):
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("pas un dossier")
    target = a_file / "donnees" if below else a_file
    assert main(["--data-dir", str(target), "check"]) == 2
    err = capsys.readouterr().err
    assert "désigne un fichier, pas un dossier" in err and "Erreur inattendue" not in err
    assert a_file.read_text() == "pas un dossier"
    assert not (tmp_path / "journaux").exists()


def test_an_option_given_a_value_it_does_not_take_is_refused_in_french(capsys):
    with pytest.raises(SystemExit) as usage:
        main(["--verbose=1", "check"])
    assert usage.value.code == 2
    err = capsys.readouterr().err
    assert "ignored explicit argument" not in err
    assert "ne prend pas de valeur" in err


# Messages argparse raises at the programmer, never at a person typing a command.
PROGRAMMER_MESSAGES = {
    ".__call__() not defined",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    "cannot merge actions - two groups are named %r",
    "'required' is an invalid argument for positionals",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "mutually exclusive arguments must be optional",
    "cannot have multiple subparser arguments",
    "%r is not callable",
    "%(prog)s: error: %(message)s\n",  # FrenchParser.error writes its own
    'argument "-" with mode %r',
    "argument '-' with mode %r",
    "conflicting option string: %s",
    "conflicting option strings: %s",
}


def test_every_message_argparse_can_show_is_in_french():
    """Read from this Python's own argparse: a newer Python's new messages show up here first."""
    source = Path(__import__("argparse").__file__).read_text(encoding="utf-8")
    shown = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                shown.add(first.value)
    missing = sorted(shown - PROGRAMMER_MESSAGES - set(cli_french.FRENCH))
    assert missing == []


# --- the recovery sheet beside the file it opens ----------------------------------------------------------------


def _folder_link(link: Path, target: Path) -> None:
    """A link to a folder: a symbolic link (Windows: a folder's link, or a junction without the privilege)."""
    try:
        link.symlink_to(target, target_is_directory=True)
    except OSError:
        if sys.platform != "win32":
            raise
        import _winapi

        _winapi.CreateJunction(str(target), str(link))
    if link.resolve() != target.resolve():
        pytest.skip("no folder link on this system (Wine 8 makes neither symbolic links nor junctions)")


@pytest.mark.parametrize("command", ["init", "demo"])
@pytest.mark.parametrize("where", ["in-the-folder", "in-a-subfolder", "through-dotdot", "through-a-link"])
def test_a_recovery_sheet_inside_the_data_folder_is_refused(tmp_path, monkeypatch, capsys, command, where):
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    folder = tmp_path / "donnees"
    (folder / "sauvegardes").mkdir(parents=True)
    if where == "through-a-link":
        _folder_link(tmp_path / "raccourci", folder / "sauvegardes")
    sheet = {
        "in-the-folder": folder / "feuille.pdf",
        "in-a-subfolder": folder / "sauvegardes" / "feuille.pdf",
        "through-dotdot": tmp_path / "ailleurs" / ".." / "donnees" / "feuille.pdf",
        "through-a-link": tmp_path / "raccourci" / "feuille.pdf",
    }[where]
    (tmp_path / "ailleurs").mkdir()
    assert main(["--data-dir", str(folder), command, "--recovery-sheet", str(sheet)]) == 5
    err = capsys.readouterr().err
    assert "Ne rangez pas la feuille de secours avec le fichier chiffré" in err
    assert not (folder / "ilot.db").exists() and not (folder / "ilot.key").exists()
    assert not sheet.exists()


def test_a_recovery_sheet_beside_the_data_folder_is_fine(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    folder = tmp_path / "donnees"
    beside = tmp_path / "donnees-cle-usb" / "feuille.pdf"  # a name that starts like the folder's is not in it
    beside.parent.mkdir()
    assert main(["--data-dir", str(folder), "init", "--recovery-sheet", str(beside)]) == 0
    assert beside.read_bytes().startswith(b"%PDF")


# --- check writes nothing before its full check ----------------------------------------------------------------


def digest(folder: Path) -> dict[str, str]:
    """Every file of the data folder but the lock file (whose text only says who holds it)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "ilot-desktop.lock"
    }


def test_check_writes_nothing_into_a_file_that_fails_its_full_check(data, monkeypatch, capsys):
    from ilot_desktop.domain import audit as audit_actions
    from ilot_desktop.services import vault
    from ilot_desktop.storage.database import Database

    real = Database.integrity_problems
    before = digest(data)
    with monkeypatch.context() as patched:  # a page that only the full check reads is damaged
        patched.setattr(
            Database, "integrity_problems", lambda self, full=True: ["page 7 : HMAC invalide"] if full else []
        )
        assert main(["--data-dir", str(data), "check"]) == 4
    assert "page 7" in capsys.readouterr().err
    assert digest(data) == before  # not one byte: no access log line, no purge
    assert Database.integrity_problems is real
    assert main(["--data-dir", str(data), "check"]) == 0  # a sound file: its opening is logged after the check
    session = vault.unlock(data, PASSWORD)
    try:
        opened = [e for e in session.audit.events() if e.action == audit_actions.AuditAction.VAULT_OPENED]
    finally:
        session.close()
    assert len(opened) == 2  # the good check's, and this unlock's


def test_check_with_the_recovery_code_writes_nothing_before_the_full_check_either(tmp_path, monkeypatch, capsys):
    import re

    from ilot_desktop.storage.database import Database

    folder = tmp_path / "donnees"
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(folder), "init"]) == 0
    code = re.search(r"(?:[0-9A-Z]{4}-){13}[0-9A-Z]{4}", capsys.readouterr().out).group(0)
    monkeypatch.setenv("ILOT_RECOVERY_CODE", code)
    before = digest(folder)
    with monkeypatch.context() as patched:
        patched.setattr(
            Database, "integrity_problems", lambda self, full=True: ["page 3 : HMAC invalide"] if full else []
        )
        assert main(["--data-dir", str(folder), "check", "--recovery-code"]) == 4
    assert digest(folder) == before
    assert main(["--data-dir", str(folder), "check", "--recovery-code"]) == 0
    assert digest(folder) != before  # a sound file: the opening is logged, after the check


# --- a window holds the folder -----------------------------------------------------------------------------------

IN_USE = "Îlot desktop est ouvert sur ce dossier\u00a0: fermez la fenêtre puis recommencez."


def test_commands_that_write_the_vault_wait_for_the_window(data, tmp_path, monkeypatch, capsys):
    assert main(["--data-dir", str(data), "backup", "--out", str(tmp_path)]) == 0
    backup = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["--data-dir", str(data), "template", str(tmp_path / "vide.xlsx")]) == 0
    before = digest(data)
    refused = {
        "restore": ["restore", backup],
        "import": ["import", str(tmp_path / "vide.xlsx")],
        "change-password": ["change-password"],
        "demo": ["demo"],
        "init": ["init"],
    }
    monkeypatch.setenv("ILOT_NEW_PASSPHRASE", "Nouveau-Mot-De-Passe-2026!")
    with a_window_open_on(data):
        for name, argv in refused.items():
            capsys.readouterr()
            assert main(["--data-dir", str(data), *argv]) == 6, name
            err = capsys.readouterr().err
            assert (
                err
                == "Erreur\u00a0: Îlot desktop est ouvert sur ce dossier\u00a0: fermez la fenêtre puis recommencez.\n"
            )
        assert digest(data) == before  # nothing was touched
        # reading commands may run beside the window
        assert main(["--data-dir", str(data), "check"]) == 0
        assert main(["--data-dir", str(data), "export", str(tmp_path / "tout.xlsx")]) == 0
        assert main(["--data-dir", str(data), "backup", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", str(data), "restore", backup]) == 0  # the window gone (even killed): accepted
