"""The data baselines: the window's SQL on a bare SQLCipher connection, on a plaintext copy, and the services
on that plaintext copy.

``sql_baseline.py DATA_DIR CAPTURES_JSON OUT_JSON WORK_DIR --repeat N``:

- ``sqlcipher``: every statement the window sent for a figure (captured by ``gui_probe.py``), replayed with
  ``sqlcipher3`` alone on the encrypted file, keyed and set up exactly as the application's connections
  (``storage.engine.raw_connect``): the cost of the queries themselves, without SQLAlchemy, the services
  or Qt;
- ``plain``: the same statements on a plaintext copy of the same file (``sqlcipher_export`` into a file with
  an empty key, under WORK_DIR, deleted at the end): the cost of the queries without encryption;
- ``app_on_plain``: the services themselves (indicators, funder file, action plan) on that plaintext copy,
  through the application's own engine with the keying left out: the application's cost without
  encryption.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from datetime import date
from pathlib import Path

from measure import peak_rss_mb, repeat, replay, summary
from synthetic import PASSWORD, TODAY

# Run once more on a fresh connection for each repetition (what unlocking does), the rest on one open connection.
FRESH_CONNECTION = {"unlock"}
# integrity_problems(full=False) talks to the driver directly: SQLAlchemy's events never see it.
UNLOCK_CHECKS = ("PRAGMA quick_check", "PRAGMA foreign_key_check")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("captures", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("work_dir", type=Path)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--reports", type=int, default=5)
    args = parser.parse_args()
    captures = json.loads(args.captures.read_text(encoding="utf-8"))
    plain_dir = Path(tempfile.mkdtemp(prefix="ilot-bench-plaintext-", dir=args.work_dir))
    try:
        results = Baselines(args, captures, plain_dir).run()
    finally:
        shutil.rmtree(plain_dir, ignore_errors=True)  # fictional records, but never leave plaintext behind
    results["peak_rss_mb"] = peak_rss_mb()
    args.out.write_text(json.dumps(results, indent=2), encoding="utf-8")


def _plain_connect(path: Path):
    import sqlcipher3

    from ilot_desktop.storage.engine import CONNECTION_PRAGMAS

    connection = sqlcipher3.dbapi2.connect(str(path))
    for pragma in CONNECTION_PRAGMAS:
        connection.execute(pragma).fetchall()
    connection.isolation_level = None
    return connection


class Baselines:
    def __init__(self, args, captures: dict, plain_dir: Path):
        self.args = args
        self.captures = captures
        self.plain_dir = plain_dir
        self.results: dict = {"replay": {}, "app_on_plain": {}}

    def run(self) -> dict:
        from ilot_desktop.storage.engine import raw_connect
        from ilot_desktop.storage.vault import VaultPaths, unlock_with_password

        self.paths = VaultPaths(self.args.data_dir)
        self.key = unlock_with_password(self.paths, PASSWORD)
        self.plain_db = self.plain_dir / "ilot.db"
        self._export()

        def encrypted():
            connection = raw_connect(self.paths.db, self.key)
            connection.isolation_level = None
            return connection

        connections = {"sqlcipher": encrypted, "plain": lambda: _plain_connect(self.plain_db)}
        for name, statements in self.captures.items():
            figures = {"statements": len(statements)}
            for kind, connect in connections.items():
                figures[kind] = self._replay(name, statements, connect)
            self.results["replay"][name] = figures
        self._services_on_plain()
        return self.results

    def _export(self) -> None:
        """A plaintext copy of the whole file, with SQLCipher's own export (same pages, same indexes)."""
        from ilot_desktop.storage.engine import raw_connect

        connection = raw_connect(self.paths.db, self.key)
        try:
            connection.execute(f"ATTACH DATABASE '{self.plain_db}' AS plaintext KEY ''")
            connection.execute("SELECT sqlcipher_export('plaintext')").fetchall()
            connection.execute("DETACH DATABASE plaintext")
        finally:
            connection.close()
        self.results["plain_size_bytes"] = self.plain_db.stat().st_size
        self.results["encrypted_size_bytes"] = self.paths.db.stat().st_size

    def _replay(self, name: str, statements: list, connect) -> dict:
        times = self.args.reports if name == "funder" else self.args.repeat
        if name in FRESH_CONNECTION:

            def once(_i):
                connection = connect()
                try:
                    for check in UNLOCK_CHECKS:
                        connection.execute(check).fetchall()
                    replay(connection, statements)
                finally:
                    connection.close()

            return summary(repeat(once, times))
        connection = connect()
        try:
            return summary(repeat(lambda _i: replay(connection, statements), times))
        finally:
            connection.close()

    def _services_on_plain(self) -> None:
        """The application's services on the plaintext copy: its engine, minus the key."""
        from ilot_desktop.reports.action_plan import write_action_plan
        from ilot_desktop.services.vault import VaultSession
        from ilot_desktop.storage import engine as storage_engine
        from ilot_desktop.storage.database import Database
        from ilot_desktop.storage.vault import VaultPaths

        def unkeyed(connection, _key, pragmas=storage_engine.CONNECTION_PRAGMAS):
            for pragma in pragmas:
                connection.execute(pragma).fetchall()

        storage_engine.key_connection = unkeyed  # make_engine's connect hook looks it up at each connection
        database = Database(VaultPaths(self.plain_dir), storage_engine.make_engine(self.plain_db, b""), None)
        session = VaultSession(database, clock=lambda: TODAY)
        manifest = json.loads((self.args.data_dir / "benchmark-dataset.json").read_text(encoding="utf-8"))
        year = TODAY.year - 1
        out = self.plain_dir
        try:
            self.results["app_on_plain"]["indicators_service"] = summary(
                repeat(lambda _i: session.indicators.compute(year), max(10, self.args.repeat // 2), 1)
            )
            self.results["app_on_plain"]["funder"] = summary(
                repeat(
                    lambda i: session.funder.write(year, None, out / f"b{i}.xlsx", out / f"b{i}.pdf"),
                    self.args.reports,
                    1,
                )
            )
            participant = manifest["plan_participant"]
            self.results["app_on_plain"]["action_plan"] = summary(
                repeat(
                    lambda _i: write_action_plan(out / "plan.pdf", session.plan.document(participant)),
                    self.args.repeat,
                )
            )
            weeks = [date.fromisoformat(w) for w in manifest["busiest_weeks"]]
            self.results["app_on_plain"]["week_service"] = summary(
                repeat(lambda i: session.followup.week(weeks[i % 2], 7), self.args.repeat)
            )
            self.results["app_on_plain"]["home_service"] = summary(
                repeat(lambda _i: session.followup.overview(), self.args.repeat)
            )
        finally:
            session.close()


if __name__ == "__main__":
    main()
