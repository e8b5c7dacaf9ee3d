"""Team work's cost on a realistic file (issue 15): ``python benchmarks/bench_team.py [options]``.

Two laptops' vaults, created as the application does (``services.vault.create``, Argon2id at the default cost).
Laptop AB holds 1,000 participants and 10,000 appointments (the demonstration's people and texts, numbered
apart); CD starts empty. Measured, each ``--repeat`` times on fresh copies (medians printed, every value in the
JSON):

- ``first export``: AB's first package of everything (the first scan gives every record its sync metadata);
- ``full import``: CD takes that package in (CD joins the team);
- ``export --all`` / ``export, nothing changed``: later packages of everything / of nothing new;
- ``delta``: AB edits the notes of 100 people and adds 300 appointments, CD the phone of 100 others; each
  takes the other's package in (``team-sync`` through a folder, both ways);
- ``sync, nothing new``: a sync when nothing changed anywhere (the scan of the file alone).

Against raw baselines measured in the same run, as the other benchmarks do: the same rows read with bare
SQLCipher and sealed as JSON + zlib + AES-256-GCM (the least a package can cost), and decrypted, parsed and
inserted with bare SQLCipher into an empty file (the least an import can cost). ``--workbook`` adds the exchange
workbook (export of everything, import of it into an empty file): what the team used before.

Prints a table (operation, median, baseline, ratio; package sizes, the vault's growth) and writes every figure to
``benchmarks/results/team.json``. Not part of the test suite; fictional people only; the temporary folder is
deleted at the end (``--keep`` prints and keeps it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import sqlite3
import statistics
import tempfile
import time
import zlib
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

from measure import peak_rss_mb

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "results" / "team.json"
PASSWORD = "Benchmark-Équipe-2026!"
TEAM = "Phrase de passe de l'équipe du banc d'essai"
TODAY = date(2026, 11, 27)


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Team packages: export, import and sync of a realistic file.")
    parser.add_argument("--people", type=int, default=1000, help="participants on laptop AB (default 1,000)")
    parser.add_argument("--appointments", type=int, default=10, help="appointments per participant (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure, on fresh copies (default 3)")
    parser.add_argument("--workbook", action="store_true", help="also time the exchange workbook (slow)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"full results (default {DEFAULT_OUT})")
    parser.add_argument("--keep", action="store_true", help="keep the temporary working folder (printed)")
    return parser.parse_args(argv)


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def size_of(folder: Path) -> int:
    return (folder / "ilot.db").stat().st_size


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path):
        self.args = args
        self.work = work
        self.results: dict = {"timings_s": {}, "sizes_bytes": {}}

    # -- the file -------------------------------------------------------------------------------------------
    def build(self) -> None:
        """AB with the people and their appointments; CD empty. Kept as templates copied for every run."""
        from ilot_desktop.demo.followup import REPORTS
        from ilot_desktop.demo.people import demo_participants
        from ilot_desktop.domain.followup import Appointment
        from ilot_desktop.services import vault

        self.ab_template, self.cd_template = self.work / "ab-modele", self.work / "cd-modele"
        for folder, code in ((self.ab_template, "AB"), (self.cd_template, "CD")):
            session, _code = vault.create(folder, PASSWORD, clock=lambda: TODAY)
            try:
                session.participants.set_laptop_code(code)
            finally:
                session.close()
        people = []
        seed = 1
        while len(people) < self.args.people:
            people.extend(demo_participants(TODAY, seed=seed))
            seed += 1
        reports = [pair for pairs in REPORTS.values() for pair in pairs]  # (compte rendu, prochaines étapes)
        session = vault.unlock(self.ab_template, PASSWORD, clock=lambda: TODAY)
        try:
            now = datetime(2026, 11, 27, 9)
            with session._database.unit_of_work() as uow:
                for index, person in enumerate(people[: self.args.people]):
                    number = f"DE-{person.entry_date.year}-AB-{index + 1:04d}"
                    participant_id = uow.participants.add(replace(person, id=None, file_number=number), now)
                    for slot in range(self.args.appointments):
                        report, next_steps = reports[(index + slot) % len(reports)]
                        first = datetime.combine(person.entry_date, datetime.min.time()).replace(hour=9)
                        start = first + timedelta(days=7 * slot, minutes=index % 300)
                        uow.appointments.add(
                            Appointment(participant_id, start, report=report, next_steps=next_steps), now
                        )
                uow.commit()
        finally:
            session.close()
        self.results["sizes_bytes"]["vault_ab_before"] = size_of(self.ab_template)

    def copy(self, template: Path, name: str) -> Path:
        target = self.work / name
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(template, target)
        return target

    def record(self, name: str, seconds: float) -> None:
        self.results["timings_s"].setdefault(name, []).append(round(seconds, 4))

    # -- the application -----------------------------------------------------------------------------------
    def run_application(self, run: int) -> None:
        from ilot_desktop.services import vault

        def opened(folder: Path):
            return vault.unlock(folder, PASSWORD, clock=lambda: TODAY)

        ab, cd = self.copy(self.ab_template, "ab"), self.copy(self.cd_template, "cd")
        full = self.work / f"complet-{run}.ilotpkg"
        session = opened(ab)
        try:
            seconds, exported = timed(lambda: session.team.export_package(full, everything=True, passphrase=TEAM))
            self.record("first export (everything)", seconds)
            self.results["records_in_full_package"] = exported.records
            seconds, _ = timed(lambda: session.team.export_package(self.work / "tout.ilotpkg", everything=True))
            self.record("export --all (later)", seconds)
            seconds, _ = timed(lambda: session.team.export_package(self.work / "rien.ilotpkg"))
            self.record("export, nothing changed", seconds)
        finally:
            session.close()
        self.results["sizes_bytes"]["full_package"] = full.stat().st_size
        self.results["sizes_bytes"]["vault_ab_with_sync_metadata"] = size_of(ab)
        session = opened(cd)
        try:
            seconds, _ = timed(lambda: session.team.import_package(full, passphrase=TEAM))
            self.record("full import (a new colleague)", seconds)
        finally:
            session.close()
        self.results["sizes_bytes"]["vault_cd_after_full_import"] = size_of(cd)

        self.edit(ab, cd)
        shared = self.work / f"equipe-{run}"
        shared.mkdir()
        for folder, label in ((ab, "sync AB (send delta)"), (cd, "sync CD (take AB's, send its own)")):
            session = opened(folder)
            try:
                seconds, _result = timed(lambda session=session: session.team.sync(shared))
                self.record(label, seconds)
            finally:
                session.close()
        session = opened(ab)
        try:
            seconds, _ = timed(lambda: session.team.sync(shared))
            self.record("sync AB (take CD's delta)", seconds)
            seconds, _ = timed(lambda: session.team.sync(shared))
            self.record("sync, nothing new", seconds)
        finally:
            session.close()
        deltas = sorted(path.stat().st_size for path in shared.iterdir())
        self.results["sizes_bytes"]["delta_packages"] = deltas

    def edit(self, ab: Path, cd: Path) -> None:
        """AB: the notes of 100 people and 300 new appointments; CD: the phone of 100 others."""
        from ilot_desktop.domain.followup import Appointment
        from ilot_desktop.services import vault

        for folder in (ab, cd):
            session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
            try:
                summaries = session.participants.summaries()
                if folder == ab:
                    for summary in summaries[:100]:
                        person = session.participants.get(summary.id)
                        session.participants.save(replace(person, notes=person.notes + " Revu en commission."))
                    with session._database.unit_of_work() as uow:  # closed files too: the bulk path, unchecked
                        for i, summary in enumerate(summaries[100:400]):
                            start = datetime(2026, 12, 7, 9) + timedelta(minutes=15 * i)
                            uow.appointments.add(Appointment(summary.id, start, report="Point d'étape."), start)
                        uow.commit()
                else:
                    for index, summary in enumerate(summaries[500:600]):
                        person = session.participants.get(summary.id)
                        session.participants.save(
                            replace(person, phone=f"06 99 00 {index // 100:02d} {index % 100:02d}")
                        )
            finally:
                session.close()

    # -- raw baselines -----------------------------------------------------------------------------------------
    def run_baselines(self, run: int) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        from ilot_desktop.storage.engine import raw_connect
        from ilot_desktop.storage.vault import VaultPaths, unlock_with_password

        source = VaultPaths(self.ab_template)
        key = unlock_with_password(source, PASSWORD)
        team_key = secrets.token_bytes(32)
        package = self.work / f"brut-{run}.bin"

        def raw_export() -> None:
            connection = raw_connect(source.db, key)
            try:
                payload = {}
                for table in ("participants", "appointments"):
                    cursor = connection.execute(f"SELECT * FROM {table}")
                    payload[table] = {
                        "columns": [column[0] for column in cursor.description],
                        "rows": [list(row) for row in cursor.fetchall()],
                    }
            finally:
                connection.close()
            data = zlib.compress(json.dumps(payload, ensure_ascii=False, default=str).encode(), 6)
            nonce = secrets.token_bytes(12)
            package.write_bytes(nonce + AESGCM(team_key).encrypt(nonce, data, b"ILOTEQ"))

        seconds, _ = timed(raw_export)
        self.record("baseline: read + seal (bare SQLCipher)", seconds)
        self.results["sizes_bytes"]["raw_sealed_rows"] = package.stat().st_size

        target = VaultPaths(self.copy(self.cd_template, "brut-cd"))
        target_key = unlock_with_password(target, PASSWORD)

        def raw_import() -> None:
            blob = package.read_bytes()
            payload = json.loads(zlib.decompress(AESGCM(team_key).decrypt(blob[:12], blob[12:], b"ILOTEQ")))
            connection = raw_connect(target.db, target_key)
            try:
                connection.execute("BEGIN")
                for table, content in payload.items():
                    columns = ", ".join(f'"{column}"' for column in content["columns"])
                    marks = ", ".join("?" for _ in content["columns"])
                    connection.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", content["rows"])
                connection.execute("COMMIT")
            finally:
                connection.close()

        seconds, _ = timed(raw_import)
        self.record("baseline: open + insert (bare SQLCipher)", seconds)

    def run_workbook(self, run: int) -> None:
        from ilot_desktop.services import vault

        book = self.work / f"classeur-{run}.xlsx"
        session = vault.unlock(self.ab_template, PASSWORD, clock=lambda: TODAY)
        try:
            seconds, _ = timed(lambda: session.exchange.export_all(book))
            self.record("workbook: export everything (in the clear)", seconds)
        finally:
            session.close()
        from ilot_desktop.errors import ImportRejected

        session = vault.unlock(self.copy(self.cd_template, "classeur-cd"), PASSWORD, clock=lambda: TODAY)
        try:
            started = time.perf_counter()
            try:
                session.exchange.apply(book)
                self.record("workbook: import into an empty file", time.perf_counter() - started)
            except ImportRejected as refused:  # what the workbook cannot carry: said, and timed as a check
                self.record("workbook: checked, refused (see JSON)", time.perf_counter() - started)
                self.results["workbook_refused"] = [str(problem) for problem in refused.problems[:5]]
        finally:
            session.close()


PAIRS = {  # operation -> the baseline it is read against
    "first export (everything)": "baseline: read + seal (bare SQLCipher)",
    "export --all (later)": "baseline: read + seal (bare SQLCipher)",
    "full import (a new colleague)": "baseline: open + insert (bare SQLCipher)",
}


def table(results: dict) -> str:
    medians = {name: statistics.median(values) for name, values in results["timings_s"].items()}
    lines = [f"{'operation':46} {'median':>9} {'baseline':>9} {'ratio':>7}"]
    for name, value in medians.items():
        base = PAIRS.get(name)
        if base in medians:
            ratio = value / medians[base] if medians[base] else float("nan")
            lines.append(f"{name:46} {value * 1000:7.0f} ms {medians[base] * 1000:6.0f} ms {ratio:6.1f}×")
        else:
            lines.append(f"{name:46} {value * 1000:7.0f} ms")
    lines.append("")
    for name, value in results["sizes_bytes"].items():
        shown = (
            ", ".join(f"{v / 1024:.0f} Kio" for v in value) if isinstance(value, list) else f"{value / 1024:.0f} Kio"
        )
        lines.append(f"{name:46} {shown}")
    return "\n".join(lines)


def main(argv=None) -> int:
    args = parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="ilot-bench-team-"))
    bench = Bench(args, work)
    try:
        say(f"building AB: {args.people} participants, {args.people * args.appointments} appointments")
        seconds, _ = timed(bench.build)
        say(f"built in {seconds:.1f} s")
        for run in range(args.repeat):
            say(f"run {run + 1}/{args.repeat}")
            bench.run_application(run)
            bench.run_baselines(run)
            if args.workbook:
                bench.run_workbook(run)
        bench.results |= {
            "people": args.people,
            "appointments": args.people * args.appointments,
            "repeat": args.repeat,
            "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPU",
            "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version,
            "peak_rss_mb": peak_rss_mb(),
            "load_average_at_end": [round(value, 2) for value in os.getloadavg()],  # other work on the machine
            "at": datetime.now().isoformat(timespec="seconds"),
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(bench.results, indent=2), encoding="utf-8")
        print(table(bench.results))
        print(f"\nLoad average at the end (other work on this machine): {bench.results['load_average_at_end']}")
        print(f"\nEvery figure: {args.out}")
    finally:
        if args.keep:
            print(f"Kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
