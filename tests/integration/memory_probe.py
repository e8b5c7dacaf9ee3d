"""Child process of test_memory_after_lock.py: unlock, read every participant as the window does, lock, wait.

Reads the folder on the command line and the password on stdin (never in argv, which stays in memory),
prints "verrouillé" once locked, then waits for a line on stdin before exiting, so that the parent can scan
this process's memory in the meantime. Nothing here knows the marker names: they come only from the file.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main() -> None:
    from ilot_desktop.services import vault

    folder = Path(sys.argv[1])
    password = sys.stdin.readline().rstrip("\n")
    session = vault.unlock(folder, password)
    people = [session.participants.get(summary.id) for summary in session.participants.summaries()]
    assert people, "no participant in the file"
    session.check(full=False)
    # what the window's lock does (ui/locking.py): the pages let go of what they show, then the session closes
    del people
    session.close()
    del session, password
    print("verrouillé", flush=True)
    sys.stdin.readline()


if __name__ == "__main__":
    main()
