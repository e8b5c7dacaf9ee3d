"""Document writers to be killed: the subject of ``test_kill_document_writers.py``.

    python document_writer.py DATA          (password in $ILOT_PASSPHRASE, recovery code in $ILOT_RECOVERY_CODE)

A small fork server, so that each kill costs a fork rather than a Python start: it imports the application
once, says ``pret``, then reads commands on stdin. Each command runs in a forked child, a real process of
its own; the server says ``fils PID``, waits for the child's end (the test kills it with SIGKILL), then
says ``fini``.

    ecrire KIND DEST     the child unlocks the vault and writes the document again and again into DEST,
                         saying ``ecrit N`` after the N-th is in place. KIND: export, funder (xlsx + pdf),
                         access-pdf, access-xlsx, plan, recovery; backup runs the command line's
                         ``backup --out DEST`` (once).
    demarrer OUT         the command line's start with a harmless command (``template``), stderr into OUT:
                         the next start, which finishes interrupted writes.

Every document goes through the application's own code (services, reports, safe_files), with the journal of
unfinished writes configured as the application's start does. A slow disk is simulated (the document's
temporary file takes ``$ILOT_SLOW_FSYNC`` seconds to reach the disk, as on a USB key), so that kills also
land while a temporary file exists.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
from datetime import date
from pathlib import Path

from ilot_desktop import cli, safe_files
from ilot_desktop.reports import access_copy, access_copy_workbook, funder_file, funder_pdf, workbook  # noqa: F401
from ilot_desktop.reports.action_plan import write_action_plan
from ilot_desktop.reports.recovery_sheet import write_recovery_sheet
from ilot_desktop.services import backup, vault  # noqa: F401

# The app loads the storage layer at unlock; here, before the forks, so that kills land in the writes.
from ilot_desktop.storage import database as _storage  # noqa: F401

TODAY = date(2026, 11, 27)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def slow_disk(seconds: float) -> None:
    """The document's temporary file takes ``seconds`` to reach the disk (the journal's records do not)."""
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        try:
            name = os.path.basename(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            name = safe_files.TEMP_PREFIX  # no /proc: every fsync is slow
        if name.startswith(safe_files.TEMP_PREFIX):
            time.sleep(seconds)
        real_fsync(fd)

    os.fsync = fsync


def write_forever(data: Path, kind: str, dest: Path) -> int:
    if kind == "backup":
        return cli.main(["--data-dir", str(data), "backup", "--out", str(dest)])
    safe_files.configure(data)  # as the application's start does (the clean-up is the next start's)
    session = vault.unlock(data, os.environ["ILOT_PASSPHRASE"], clock=lambda: TODAY)
    pid = session.participants.summaries()[0].id
    write = {
        "export": lambda: session.exchange.export_all(dest / "export.xlsx"),
        "funder": lambda: session.funder.write(2026, TODAY, dest / "bilan.xlsx", dest / "bilan.pdf", True),
        "access-pdf": lambda: session.privacy.access_copy(pid, dest / "copie.pdf", "pdf"),
        "access-xlsx": lambda: session.privacy.access_copy(pid, dest / "copie.xlsx", "xlsx"),
        "plan": lambda: write_action_plan(dest / "plan.pdf", session.plan.document(pid)),
        "recovery": lambda: write_recovery_sheet(
            dest / "feuille-de-secours.pdf", os.environ["ILOT_RECOVERY_CODE"], TODAY, str(data)
        ),
    }[kind]
    number = 0
    while True:
        write()
        number += 1
        say(f"ecrit {number}")


def next_start(data: Path, out: Path) -> int:
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 2)
    os.close(fd)
    code = cli.main(["--data-dir", str(data), "template", str(out.with_name("modele.xlsx"))])
    sys.stderr.flush()
    return code


def main() -> int:
    data = Path(sys.argv[1])
    slow_disk(float(os.environ.get("ILOT_SLOW_FSYNC", "0")))
    say("pret")
    for line in sys.stdin:
        command, *args = line.split()
        child = os.fork()
        if child == 0:
            code = 1
            try:
                if command == "ecrire":
                    code = write_forever(data, args[0], Path(args[1]))
                elif command == "demarrer":
                    code = next_start(data, Path(args[0]))
            except BaseException:
                traceback.print_exc()
            finally:
                sys.stdout.flush()
                os._exit(code)
        say(f"fils {child}")
        _pid, status = os.waitpid(child, 0)
        say(f"fini {os.waitstatus_to_exitcode(status)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
