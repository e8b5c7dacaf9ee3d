"""A complete working session, run under ``strace`` by ``test_machine_scan.py``.

    python scan_session.py session WORK      every CLI command, then the window (a child process of its own)
    python scan_session.py cli ARGS...       one command line, as ``ilot-desktop ARGS...``
    python scan_session.py seed WORK         people whose names and notes are the markers, saved by the services
    python scan_session.py gui WORK          the real window (offscreen), driven through every tab and document

``WORK`` holds ``donnees/`` (the data folder), ``demo-donnees/`` (a second one, for ``demo``), ``sorties/``
(every destination the person chooses), ``entrees/equipe.xlsx`` (a team workbook, made by the test) and
``markers.json`` (the marker names of this run, made by the test). Passwords: ``ILOT_PASSPHRASE``, then
``NEW_PASSWORD`` below after ``change-password``.

Everything goes through the application's own code; only the key derivation is made cheaper (as in
``tests/conftest.py``: same code path, 8 MiB instead of 64 MiB) and the file choosers return chosen paths.
Each step opens ``/ilot-scan-step/<name>`` (which does not exist): the trace shows which step wrote what.
Last line on stdout: ``OUTPUTS <json>``, the documents the person asked for (the test checks they exist).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
import time
import traceback
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NEW_PASSWORD = "Lavoir-Moderne-Parisien-27"
GUI_PASSWORD = "Canal-Saint-Martin-Quai-42"
STEP_PREFIX = "/ilot-scan-step/"
EXIT_INVALID = 5
GUI_OUTPUTS = (
    "gui-semaine.pdf",
    "gui-classeur.xlsx",
    "gui-modele.xlsx",
    "gui-bilan.xlsx",
    "gui-bilan.pdf",
    "gui-copie.pdf",
    "gui-copie.xlsx",
    "gui-plan.pdf",
    "gui-plan-imprime.pdf",
    "gui-feuille.pdf",
    "gui-cle-usb",
)


def step(name: str) -> None:
    """A mark in the trace: an open of a path that does not exist."""
    with contextlib.suppress(OSError):
        os.close(os.open(STEP_PREFIX + name, os.O_RDONLY))


def fast_kdf() -> None:
    from ilot_desktop.storage import keys

    keys.DEFAULT_KDF = keys.KdfParams(time_cost=1, memory_cost_kib=8 * 1024, parallelism=1)


def markers(work: Path) -> list[str]:
    return json.loads((work / "markers.json").read_text(encoding="utf-8"))


# --- the command lines ---------------------------------------------------------------------------------


class Session:
    def __init__(self, work: Path):
        self.work = work
        self.data = work / "donnees"
        self.out = work / "sorties"
        self.outputs: list[str] = []
        self.failures: list[str] = []
        self.password = os.environ["ILOT_PASSPHRASE"]

    def run(self, name: str, *args: str, expect: int = 0, env: dict | None = None) -> str:
        """``scan_session.py ARGS`` in a process of its own."""
        step(name)
        begun = time.monotonic()
        command = [sys.executable, str(Path(__file__)), *args]
        environment = {**os.environ, "ILOT_PASSPHRASE": self.password, **(env or {})}
        done = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300, check=False)
        print(f"STEP {name} {time.monotonic() - begun:.1f} s", flush=True)
        if done.returncode != expect:
            said = "\n".join(line for line in done.stderr.splitlines() if "propagateSizeHints" not in line)
            self.failures.append(f"{name}: exit {done.returncode} (expected {expect}): {said[-3000:]}")
        return done.stdout

    def inline(self, name: str, *args: str, expect: int = 0, env: dict | None = None) -> str:
        """``ilot-desktop ARGS`` in this process (a Python start and the imports are 1-2 s a command)."""
        from ilot_desktop.cli import main

        step(name)
        begun = time.monotonic()
        saved = dict(os.environ)
        os.environ.update({"ILOT_PASSPHRASE": self.password, **(env or {})})
        out, err = io.StringIO(), io.StringIO()
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                try:
                    code = main(list(args))
                except SystemExit as end:
                    code = end.code or 0
        finally:
            os.environ.clear()
            os.environ.update(saved)
        print(f"STEP {name} {time.monotonic() - begun:.1f} s", flush=True)
        if code != expect:
            self.failures.append(f"{name}: exit {code} (expected {expect}): {err.getvalue()[-1500:]}")
        return out.getvalue()

    def cli(self, name: str, *args: str, **kwargs) -> str:
        return self.inline(name, "--data-dir", str(self.data), *args, **kwargs)

    def output(self, relative: str) -> str:
        self.outputs.append(relative)
        return str(self.out / relative)

    def command_lines(self) -> None:
        year = str(date.today().year)
        self.inline("cli-help", "--help")
        self.inline("cli-version", "--version")
        # the first start in a process of its own, as a person's
        created = self.run(
            "cli-init", "cli", "--data-dir", str(self.data), "init", "--recovery-sheet", self.output("feuille-init.pdf")
        )
        shown = re.search(r"\b[0-9A-Z]{4}(?:-[0-9A-Z]{4}){13}\b", created)  # the recovery code: 14 groups of 4
        code = shown.group(0) if shown else ""
        self.inline(
            "cli-demo",
            "--data-dir",
            str(self.work / "demo-donnees"),
            "demo",
            "--recovery-sheet",
            self.output("feuille-demo.pdf"),
        )
        self.run("seed", "seed", str(self.work))
        fast_kdf()
        self.cli("cli-template", "template", self.output("modele.xlsx"))
        self.cli("cli-import", "import", str(self.work / "entrees" / "equipe.xlsx"))
        self.cli("cli-import-refused", "import", str(self.work / "entrees" / "refuse.xlsx"), expect=EXIT_INVALID)
        self.cli("cli-check", "check")
        self.cli("cli-verbose-check", "--verbose", "check")
        self.cli("cli-check-recovery-code", "check", "--recovery-code", env={"ILOT_RECOVERY_CODE": code})
        self.cli("cli-export", "export", self.output("classeur.xlsx"))
        self.cli("cli-reimport", "import", str(self.out / "classeur.xlsx"))
        self.cli(
            "cli-funder-report",
            "funder-report",
            "--year",
            year,
            "--out",
            self.output("bilan.xlsx"),
            "--pdf",
            self.output("bilan.pdf"),
            "--pseudonymise",
        )
        self.cli("cli-action-plan", "action-plan", "DE-2026-801", "--out", self.output("plan.pdf"))
        # Team work: packages are sealed, so they are not « outputs »: the scan finds no name in them either.
        team = {"ILOT_TEAM_PASSPHRASE": "phrase de l'équipe du programme 2026"}
        package = self.out / "paquet-equipe.ilotpkg"
        self.cli("cli-team-export", "team-export", "--out", str(package), "--all", env=team)
        folder = self.out / "dossier-equipe"
        folder.mkdir()
        self.cli("cli-team-sync", "team-sync", str(folder), env=team)
        self.cli("cli-team-import", "team-import", str(package))
        self.cli("cli-team-conflicts", "team-conflicts")
        self.cli("cli-backup", "backup")
        usb = self.out / "cle-usb"
        usb.mkdir()
        self.outputs.append("cle-usb")
        self.cli("cli-backup-out", "backup", "--out", str(usb))
        copies = sorted(p for p in usb.iterdir() if p.is_dir())
        if not copies:
            self.failures.append("cli-backup-out: no backup folder written")
            return
        self.cli("cli-check-backup", "check", "--backup", str(copies[-1]))
        self.cli("cli-restore", "restore", str(copies[-1]))
        self.cli("cli-change-password", "change-password", env={"ILOT_NEW_PASSPHRASE": NEW_PASSWORD})
        self.password = NEW_PASSWORD
        self.cli("cli-check-new-password", "check")
        self.run("cli-self-test", "cli", "self-test")

    def session(self) -> int:
        fast_kdf()
        try:
            self.command_lines()
            self.run("gui", "gui", str(self.work))
            self.outputs.extend(GUI_OUTPUTS)
        except Exception:
            self.failures.append(traceback.format_exc())
        for failure in self.failures:
            print(f"FAILURE {failure}")
        print("OUTPUTS " + json.dumps(self.outputs))
        return 1 if self.failures else 0


def cli(args: list[str]) -> int:
    fast_kdf()
    from ilot_desktop.cli import main

    return main(args)


# --- the people: markers in every kind of record ---------------------------------------------------------


def seed(work: Path) -> int:
    """Two people named by markers, with what every document shows: appointments this week and last, a
    barrier oriented to a partner, tasks, an outcome, a collective action."""
    fast_kdf()
    from ilot_desktop.domain.action_plan import Task
    from ilot_desktop.domain.actions import CollectiveAction
    from ilot_desktop.domain.barriers import Barrier
    from ilot_desktop.domain.followup import Appointment
    from ilot_desktop.domain.outcomes import Outcome
    from ilot_desktop.domain.vocabulary import (
        ActionType,
        AppointmentStatus,
        Attendance,
        BarrierCategory,
        BarrierStatus,
        OutcomeType,
    )
    from ilot_desktop.services import vault
    from tests.factories import make_participant

    names = markers(work)
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    session = vault.unlock(work / "donnees", os.environ["ILOT_PASSPHRASE"])
    try:
        for number, (last, first, other, note) in enumerate((names[0:4], names[4:8]), start=801):
            person = session.participants.save(
                make_participant(
                    file_number=f"DE-2026-{number}",
                    last_name=last,
                    first_name=first,
                    cpip_name=other,
                    notes=note,
                    address=f"Chez {other}, 75011 Paris",
                    planned_release_date=None,
                    entry_date=date(today.year, 1, 5),
                    consent_date=date(today.year, 1, 5),
                )
            )
            pid = person.id
            session.followup.save(
                Appointment(pid, datetime.combine(monday, datetime.min.time()).replace(hour=10), place=other)
            )
            session.followup.save(
                Appointment(
                    pid,
                    datetime(today.year, 1, 12, 14),
                    report=f"{note} compte rendu",
                    next_steps=f"Revoir {first}",
                    status=AppointmentStatus.DONE,
                )
            )
            barrier = session.barriers.save(
                Barrier(pid, BarrierCategory.ADDICTIONS, last, comment=note, identified_on=date(today.year, 1, 12))
            )
            session.barriers.set_status(barrier.id, BarrierStatus.ORIENTED, partner=other)
            session.plan.save(Task(pid, f"Appeler {first}", barrier_id=barrier.id, due_date=today))
            session.outcomes.save(Outcome(pid, date(today.year, 2, 2), OutcomeType.CDI, employer=other, comment=note))
            action = session.actions.save(
                CollectiveAction(
                    f"AC-{today.year}-{number}",
                    ActionType.TRE_WORKSHOP,
                    f"Atelier {last}",
                    datetime(today.year, 1, 20, 14),
                )
            )
            session.actions.register(action.id, pid)
            session.actions.set_attendance(action.id, pid, Attendance.PRESENT)
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    command, rest = sys.argv[1], sys.argv[2:]
    if command == "cli":
        sys.exit(cli(rest))
    if command == "seed":
        sys.exit(seed(Path(rest[0])))
    if command == "gui":
        from tests.faults.scan_window import drive_window

        sys.exit(drive_window(Path(rest[0])))
    sys.exit(Session(Path(rest[0])).session())
