"""Writes into a vault until it is killed: the subject of ``test_kill_during_writes.py``.

    python writer.py FOLDER FIRST_NUMBER        (password in $ILOT_PASSPHRASE)

Every save goes through the application's own code (unit of work, repositories, services). One line on
stdout, flushed, after each step returns:

    pret        imports done; waits for "go" on stdin (the test warms the next writer up while it checks)
    ouvert      the vault is unlocked
    paire N     participant N and its appointment, saved together in one unit of work, are committed
    maj N       participant N was then updated through ParticipantService.save (notes "marqueur-N-relu")
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from ilot_desktop.domain.followup import Appointment
from ilot_desktop.domain.participant import Participant
from ilot_desktop.domain.vocabulary import Housing, JusticeSituation, Referrer, Sex
from ilot_desktop.services import vault

# The app loads the storage layer at unlock; here before "pret", so that the kill lands in the writes.
from ilot_desktop.storage import database as _storage  # noqa: F401

TODAY = date(2026, 11, 27)


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def person(number: int) -> Participant:
    return Participant(
        file_number=f"DE-2026-{number:07d}",
        last_name="Ecriture",
        first_name=f"N{number}",
        sex=Sex.MALE,
        birth_date=date(1980, 1, 1),
        referrer=Referrer.SPIP,
        justice_situation=JusticeSituation.DETENTION,
        housing_at_entry=Housing.DETENTION,
        entry_date=date(2026, 10, 1),
        notes=f"marqueur-{number}",
    )


def main() -> int:
    folder, number = Path(sys.argv[1]), int(sys.argv[2])
    say("pret")
    if sys.stdin.readline().strip() != "go":
        return 2
    session = vault.unlock(folder, os.environ["ILOT_PASSPHRASE"], clock=lambda: TODAY)
    say("ouvert")
    database = session._database
    while True:
        now = datetime.now().replace(microsecond=0)
        with database.unit_of_work() as uow:
            participant_id = uow.participants.add(person(number), now)
            start = datetime(2026, 11, 30, 9) + timedelta(minutes=number % 600)
            uow.appointments.add(Appointment(participant_id, start, report=f"marqueur-{number}"), now)
            uow.commit()
        say(f"paire {number}")
        saved = session.participants.get(participant_id)
        session.participants.save(replace(saved, notes=f"marqueur-{number}-relu"))
        say(f"maj {number}")
        number += 1


if __name__ == "__main__":
    sys.exit(main())
