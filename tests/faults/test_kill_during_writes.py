"""``kill -9`` a process while it saves, dozens of times on the same vault; after each kill prove that the
file opens, its integrity holds, every acknowledged save is there and no record is half-saved.

The writer (``writer.py``) saves a participant and its appointment in one unit of work, then updates the
participant through the participant service, printing an acknowledgement after each commit returns. It is
killed at a random moment 50-400 ms after being told to open the vault: during the unlock, inside a
transaction, between two. ``ILOT_FAULT_SEED`` replays a run's delays (the seed is in every failure
message); where the writer stands when they expire still depends on the machine.

What a kill cannot show: a power cut (the operating system's cache lost too). That is what
``synchronous=FULL`` is for; it is checked on every connection by ``test_vault.py``.
"""

from __future__ import annotations

import os
import queue
import random
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ilot_desktop.services import vault
from tests.conftest import PASSWORD, TODAY

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX"),
]

KILLS = 30
DELAY_RANGE = (0.05, 0.40)
WRITER = Path(__file__).with_name("writer.py")
ROOT = Path(__file__).resolve().parents[2]
NUMBERS_PER_RUN = 1_000_000


class Writer:
    """A writer process whose stdout lines are collected by a thread (no blocking read in the test)."""

    def __init__(self, folder: Path, first: int):
        env = {**os.environ, "ILOT_PASSPHRASE": PASSWORD, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER), str(folder), str(first)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.strip())

    def wait_for(self, word: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.01, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"writer did not say {word!r}: {self.stderr()}") from None
            if line == word:
                return

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.flush()

    def kill(self) -> list[str]:
        """SIGKILL, then every line the writer had acknowledged before it died."""
        assert self.process.poll() is None, f"the writer stopped by itself: {self.stderr()}"
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)
        self._reader.join(timeout=30)
        lines = []
        while not self.lines.empty():
            lines.append(self.lines.get())
        for stream in (self.process.stdin, self.process.stderr):
            if stream is not None:
                stream.close()
        return lines

    def stderr(self) -> str:
        if self.process.poll() is None:
            return "(still running)"
        return self.process.stderr.read()[-3000:] if self.process.stderr else ""


def acknowledged(lines: list[str]) -> tuple[set[int], set[int]]:
    pairs, updates = set(), set()
    for line in lines:
        if match := re.fullmatch(r"(paire|maj) (\d+)", line):
            (pairs if match[1] == "paire" else updates).add(int(match[2]))
    return pairs, updates


def saved_records(folder: Path) -> dict[int, tuple[str, list[str]]]:
    """Open the vault as the application does and read every writer record: number -> (notes, reports)."""
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)  # rolls a hot journal back, quick_check
    try:
        report = session.check(full=True)  # cipher_integrity_check, integrity_check, foreign_key_check
        assert report.ok, report.problems
        with session._database.engine.connect() as connection:
            rows = connection.exec_driver_sql(
                "SELECT p.file_number, p.notes, a.report FROM participants p "
                "LEFT JOIN appointments a ON a.participant_id = p.id WHERE p.last_name = 'Ecriture'"
            ).fetchall()
            orphans = connection.exec_driver_sql(
                "SELECT count(*) FROM appointments a LEFT JOIN participants p ON p.id = a.participant_id "
                "WHERE p.id IS NULL"
            ).scalar()
    finally:
        session.close()
    assert orphans == 0
    records: dict[int, tuple[str, list[str]]] = {}
    for file_number, notes, report_text in rows:
        number = int(file_number.rsplit("-", 1)[1])
        records.setdefault(number, (notes, []))[1].extend([report_text] if report_text is not None else [])
    return records


def test_killed_writers_never_lose_an_acknowledged_save_nor_leave_half_of_one(session, vault_dir):
    session.close()  # created in this process with the fast KDF: its key file tells the writers so
    seed = int(os.environ.get("ILOT_FAULT_SEED", random.SystemRandom().randrange(2**32)))
    rng = random.Random(seed)
    every_pair: set[int] = set()
    every_update: set[int] = set()
    committed_unacknowledged: set[int] = set()  # saves that were done when their writer died, before it said so
    kills_inside_a_transaction = 0
    writer = Writer(vault_dir, 1)
    for run in range(KILLS):
        context = f"seed {seed}, kill {run + 1}/{KILLS}"
        writer.wait_for("pret")
        writer.go()
        time.sleep(rng.uniform(*DELAY_RANGE))
        lines = writer.kill()
        if run + 1 < KILLS:
            writer_next = Writer(vault_dir, (run + 1) * NUMBERS_PER_RUN + 1)  # imports while we check
        kills_inside_a_transaction += (vault_dir / "ilot.db-journal").exists()
        pairs, updates = acknowledged(lines)
        every_pair |= pairs
        every_update |= updates

        records = saved_records(vault_dir)

        # every acknowledged save is there, from this run and all the runs before
        missing = every_pair - records.keys()
        assert not missing, f"{context}: acknowledged but lost: {sorted(missing)[:10]}"
        for number in every_update:
            assert records[number][0] == f"marqueur-{number}-relu", f"{context}: update {number} lost"
        # at most one save more than acknowledged: the one whose commit was done when the process died
        unacknowledged = records.keys() - every_pair - committed_unacknowledged
        expected_in_flight = {max(pairs) + 1} if pairs else {run * NUMBERS_PER_RUN + 1}
        assert unacknowledged <= expected_in_flight, f"{context}: unexpected records {sorted(unacknowledged)}"
        committed_unacknowledged |= unacknowledged
        # never half a record: each participant has exactly its own appointment, and its own notes
        for number, (notes, reports) in records.items():
            assert reports == [f"marqueur-{number}"], f"{context}: record {number} half-saved: {reports}"
            assert notes in (f"marqueur-{number}", f"marqueur-{number}-relu"), f"{context}: notes of {number}"
        if run + 1 < KILLS:
            writer = writer_next

    assert len(every_pair) >= KILLS, f"seed {seed}: too few saves ({len(every_pair)}) for the test to mean much"
    assert kills_inside_a_transaction >= 1, f"seed {seed}: no kill landed inside a transaction"
    print(f"seed {seed}: {len(every_pair)} pairs acknowledged, {kills_inside_a_transaction} kills mid-transaction")
