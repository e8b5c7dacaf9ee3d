"""``kill -9`` during ``team-import`` of a large package, at many points; after each kill the vault opens, its
integrity holds, and it holds all of the package or none of it: its dump (every table but the access log) equals
the dump before the import or the dump after a complete one. Then the package is taken in again whole.

The importer is the real command line (``python -m ilot_desktop team-import``) in a process of its own. A complete
import is watched first: the longest time its vault holds a rollback journal is the import's transaction; the
kills are then spread over that window (from a little before it opens to a little after it closes);
``ILOT_FAULT_SEED`` replays a run's jitter. Small Argon2id parameters, as everywhere in the tests: the
vaults' key files and the package's header carry them to the importing process.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from ilot_desktop.domain.followup import Appointment
from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]

TEAM = "Phrase de passe de l'équipe, hiver 2026"
PEOPLE = 200
APPOINTMENTS_EACH = 6
KILLS = 8
ROOT = Path(__file__).resolve().parents[2]
LEFT_OUT = {"audit_events"}  # the opening of each killed process is logged there (and the import, when done)
MOMENT = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d:\d\d)?")


def _timeless(value: object) -> object:
    """A moment of today's real clock (when a package was taken in, written, refreshed) is the same in every run
    but for its time: it becomes « maintenant ». The records' own dates are the fixtures' (November 2026)."""
    if isinstance(value, datetime):
        value = value.isoformat(" ")
    if not isinstance(value, str):
        return value
    today = date.today().isoformat()
    return MOMENT.sub(lambda match: "maintenant" if match[0].startswith(today) else match[0], value)


def build_laptop(folder: Path, code: str) -> None:
    session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
    try:
        session.participants.set_laptop_code(code)
    finally:
        session.close()


def fill(folder: Path, first: int, count: int) -> None:
    """``count`` participants with their appointments, written as the services' bulk paths do."""
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
    try:
        now = datetime(2026, 11, 27, 9)
        with session._database.unit_of_work() as uow:
            for number in range(first, first + count):
                person = make_participant(
                    file_number=f"DE-2026-AB-{number:04d}",
                    last_name=f"Paquet{number}",
                    first_name=f"Prénom{number}",
                    notes=f"Notes du dossier {number}, " + "texte de suivi " * 20,
                )
                participant_id = uow.participants.add(person, now)
                for slot in range(APPOINTMENTS_EACH):
                    start = datetime(2026, 10, 5, 9) + timedelta(days=slot * 7, minutes=number % 480)
                    uow.appointments.add(
                        Appointment(participant_id, start, report=f"Compte rendu {number}-{slot} " * 5), now
                    )
            uow.commit()
    finally:
        session.close()


def export(folder: Path, out: Path) -> None:
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
    try:
        session.team.export_package(out, passphrase=TEAM)
    finally:
        session.close()


def take_in(folder: Path, package: Path) -> None:
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
    try:
        session.team.import_package(package, passphrase=TEAM)
    finally:
        session.close()


def dump(folder: Path) -> dict[str, list[tuple]]:
    """Every row of every table (but the access log), after the application's own opening and full check."""
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY, audit=False)  # rolls a hot journal back
    try:
        report = session.check(full=True)
        assert report.ok, report.problems
        with session._database.engine.connect() as connection:
            tables = [
                row[0]
                for row in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
                if row[0] not in LEFT_OUT
            ]
            found = {}
            for table in sorted(tables):
                rows = connection.exec_driver_sql(f'SELECT * FROM "{table}"').fetchall()
                if table == "sqlite_sequence":
                    rows = [row for row in rows if row[0] not in LEFT_OUT]
                found[table] = sorted((tuple(_timeless(value) for value in row) for row in rows), key=repr)
            return found
    finally:
        session.close()


def importer(folder: Path, package: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "ILOT_PASSPHRASE": PASSWORD,
        "ILOT_TEAM_PASSPHRASE": TEAM,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "ilot_desktop", "--data-dir", str(folder), "team-import", str(package)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def journal_spans(process: subprocess.Popen, folder: Path) -> list[tuple[float, float]]:
    """While ``process`` runs: the moments (seconds from its start) when the vault had a rollback journal, i.e.
    a write transaction was open."""
    journal = folder / "ilot.db-journal"
    started = time.monotonic()
    spans: list[tuple[float, float]] = []
    opened: float | None = None
    while process.poll() is None:
        now = time.monotonic() - started
        if journal.exists():
            opened = now if opened is None else opened
        elif opened is not None:
            spans.append((opened, now))
            opened = None
        time.sleep(0.002)
    if opened is not None:
        spans.append((opened, time.monotonic() - started))
    assert spans, "the import never opened a write transaction"
    return spans


def test_killed_team_import_leaves_all_of_the_package_or_none(tmp_path):
    seed = int(os.environ.get("ILOT_FAULT_SEED", random.SystemRandom().randrange(2**32)))
    rng = random.Random(seed)
    ab, cd = tmp_path / "ab", tmp_path / "cd"
    build_laptop(ab, "AB")
    build_laptop(cd, "CD")
    fill(ab, 1, 1)
    export(ab, tmp_path / "premier.ilotpkg")  # CD joins the team with a first small package
    take_in(cd, tmp_path / "premier.ilotpkg")
    fill(ab, 2, PEOPLE)
    package = tmp_path / "gros.ilotpkg"
    export(ab, package)

    none = dump(cd)
    complete = tmp_path / "complet"
    shutil.copytree(cd, complete)
    done = importer(complete, package)
    spans = journal_spans(done, complete)
    _out, err = done.communicate(timeout=120)
    assert done.returncode == 0, err.decode()
    longest = max(spans, key=lambda span: span[1] - span[0])  # the import's own transaction
    first, last = max(0.0, longest[0] - 0.1), longest[1] + 0.1
    full_time = longest[1] - longest[0]
    everything = dump(complete)
    assert len(everything["participants"]) == PEOPLE + 1
    assert len(everything["appointments"]) == (PEOPLE + 1) * APPOINTMENTS_EACH
    assert everything != none

    outcomes = {"none": 0, "all": 0}
    inside_a_transaction = 0
    work = tmp_path / "tue"
    for kill in range(KILLS):
        context = f"seed {seed}, kill {kill + 1}/{KILLS} of {full_time:.2f} s"
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(cd, work)
        delay = first + (last - first) * (kill + rng.random()) / KILLS
        process = importer(work, package)
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.communicate(timeout=60)
        inside_a_transaction += (work / "ilot.db-journal").exists() or (work / "ilot.db-wal").exists()
        after = dump(work)
        if after == none:
            outcomes["none"] += 1
        else:
            assert after == everything, f"{context}: half a package taken in"
            outcomes["all"] += 1

    # the last killed vault takes the same package in again, whole (by the command line, as the others)
    again = importer(work, package)
    _out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err.decode()
    assert dump(work) == everything
    print(f"seed {seed}: transaction {full_time:.2f} s, {outcomes}, {inside_a_transaction} kills inside a transaction")
    assert inside_a_transaction >= 1, f"seed {seed}: no kill landed inside the import's transaction ({outcomes})"
