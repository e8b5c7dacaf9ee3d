"""An open vault: engine, migrations, checks, and the unit of work the services use."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import NoReturn

import sqlcipher3
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ilot_desktop.storage import backup, migrate
from ilot_desktop.storage.audit_repo import AuditRepository
from ilot_desktop.storage.engine import classify_database_error, classify_os_error, driver_of, make_engine
from ilot_desktop.storage.exchange_repo import ExchangeRepository
from ilot_desktop.storage.followup_repo import ActionRepository, AppointmentRepository
from ilot_desktop.storage.indicator_repo import IndicatorRepository
from ilot_desktop.storage.outcome_repo import OutcomeRepository
from ilot_desktop.storage.plan_repo import BarrierRepository, TaskRepository
from ilot_desktop.storage.privacy_repo import PrivacyRepository
from ilot_desktop.storage.repositories import ParticipantRepository, SettingsRepository
from ilot_desktop.storage.secret import DataKey, scrub_freed_small_objects
from ilot_desktop.storage.tables import (
    AppointmentRow,
    BarrierRow,
    CollectiveActionRow,
    OutcomeRow,
    ParticipantRow,
    TaskRow,
)
from ilot_desktop.storage.team_repo import TeamDataRepository
from ilot_desktop.storage.team_state import TeamStateRepository
from ilot_desktop.storage.vault import VaultPaths

log = logging.getLogger(__name__)


def forget_freed_memory() -> None:
    """At lock, once the pages let go of what they showed: ORM objects and rows sit in reference cycles,
    collected now rather than at some later time, and the small blocks they held (names, dates) overwritten.
    About 0.1 s (docs/privacy.md, « Mémoire »); the test suite skips it (tests/conftest.py), the memory test
    (tests/integration/test_memory_after_lock.py) runs it for real in its own process."""
    gc.collect()
    scrub_freed_small_objects()


class Database:
    """Holds the only engine of an unlocked vault. ``close()`` drops it (locking)."""

    def __init__(
        self, paths: VaultPaths, engine: Engine, key: DataKey | None = None, now: Callable[[], datetime] | None = None
    ):
        self.paths = paths
        self._now = now  # the caller's clock (services/clock.py): names the backup before a migration
        self.engine: Engine | None = engine
        self._key = key  # the engine keys new connections from it; wiped at close
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.migration_backup: str | None = None
        self._writes = 0  # units of work committed since the vault was opened (``writes``)
        self._writes_lock = threading.Lock()  # workers commit from other threads

    @classmethod
    def open(cls, paths: VaultPaths, key: bytes | bytearray, now: Callable[[], datetime]) -> Database:
        """The vault's database, keyed with a copy of ``key`` that ``close()`` overwrites. The caller's own
        ``bytes`` stays the caller's: wipe it (``secret.wipe_immutable``) once it is no longer needed. ``now``
        is the caller's clock (``SessionClock.now``): it dates the backup made before a migration."""
        data_key = DataKey(key)
        engine = make_engine(paths.db, data_key)
        database = cls(paths, engine, data_key, now)
        try:
            database.migration_backup = migrate.upgrade(engine, database._backup_before_migration)
        except (OperationalError, DatabaseError) as exc:
            database.close()
            _raise_classified(exc)
        except Exception:
            database.close()
            raise
        return database

    def unit_of_work(self, log_only: bool = False) -> UnitOfWork:
        """``log_only``: the unit of work writes the access log and nothing else (a file viewed, a document
        written), so what was read from the records stays current: ``writes`` does not move."""
        if self.engine is None:
            raise RuntimeError("database is closed")
        return UnitOfWork(self._sessions, None if log_only else self._committed)

    @property
    def writes(self) -> int:
        """How many units of work have committed since the vault was opened. What was read while this number
        has not moved is still current: services/indicators.py keeps a year's facts until it moves."""
        return self._writes

    def _committed(self) -> None:
        with self._writes_lock:
            self._writes += 1

    def close(self) -> None:
        """Lock: every connection closed (SQLite's page cache and statements freed, overwritten by
        ``cipher_memory_security``), the key overwritten, and what held records collected now."""
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None
            if self._key is not None:
                self._key.wipe()
            self._key = None
            forget_freed_memory()
            log.info("database closed")

    # --- backups (storage/backup.py) --------------------------------------------------------------

    def write_backup(self, destination: Path) -> Path:
        """A verified encrypted copy (same key) in the new folder ``destination``."""
        if self._key is None:
            raise RuntimeError("database opened without its key")
        with self._engine().connect() as connection:
            source = driver_of(connection)
            return backup.write_backup(source, self._key.buffer, self.paths.keyfile, destination)

    def _backup_before_migration(self, current: str, head: str) -> Path:
        try:
            self.paths.backups.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as exc:
            raise classify_os_error(exc) from exc
        if self._now is None:
            raise RuntimeError("database opened without a clock")
        detail = f"{current}-vers-{head}"
        return self.write_backup(backup.new_folder(self.paths.backups, self._now(), backup.BEFORE_MIGRATION, detail))

    # --- checks -----------------------------------------------------------------------------------

    def vacuum(self) -> None:
        """Rebuild the file so the pages freed by an erasure no longer exist (``secure_delete`` already
        zeroed their content). Outside any transaction; the temporary copy stays in memory."""
        try:
            with self._engine().connect() as connection:
                driver_of(connection).execute("VACUUM")
        except (sqlcipher3.dbapi2.DatabaseError, DatabaseError) as exc:
            _raise_classified(exc)
        log.info("database vacuumed")

    def schema_version(self) -> str | None:
        return migrate.current_revision(self._engine())

    def integrity_problems(self, full: bool = True) -> list[str]:
        """Empty when the file is sound. ``full`` also verifies every page's HMAC.

        SQLite's own messages name pages and tables, never values: they are safe to show.
        """
        problems: list[str] = []
        try:
            with self._engine().connect() as connection:
                driver = driver_of(connection)
                if full:
                    problems += [row[0] for row in driver.execute("PRAGMA cipher_integrity_check").fetchall()]
                pragma = "PRAGMA integrity_check" if full else "PRAGMA quick_check"
                problems += [row[0] for row in driver.execute(pragma).fetchall() if row[0] != "ok"]
                problems += [f"clé étrangère : {row[0]}" for row in driver.execute("PRAGMA foreign_key_check")]
        except (sqlcipher3.dbapi2.DatabaseError, DatabaseError) as exc:
            problems.append(f"lecture impossible : {getattr(exc, 'orig', exc)}")
        return problems

    def counts(self) -> dict[str, int]:
        tables = {
            "participants": ParticipantRow,
            "appointments": AppointmentRow,
            "collective_actions": CollectiveActionRow,
            "barriers": BarrierRow,
            "tasks": TaskRow,
            "outcomes": OutcomeRow,
        }
        with self._sessions() as session:
            return {
                name: session.scalar(select(func.count()).select_from(table)) or 0 for name, table in tables.items()
            }

    def _engine(self) -> Engine:
        if self.engine is None:
            raise RuntimeError("database is closed")
        return self.engine


class UnitOfWork:
    """``with db.unit_of_work() as uow: ...; uow.commit()``: rolls back unless committed.

    Every repository a service uses is one of its attributes, over the one session of the unit of work.
    """

    def __init__(self, sessions: sessionmaker[Session], on_commit: Callable[[], None] | None = None):
        self._sessions = sessions
        self._on_commit = on_commit  # told after every commit, even a failed one (``Database.writes``)
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        """The SQLAlchemy session (for the repositories, and tests that fill a file fast)."""
        if self._session is None:
            raise RuntimeError("unit of work used outside its with block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = session = self._sessions()
        self.participants = ParticipantRepository(session)
        self.settings = SettingsRepository(session)
        self.appointments = AppointmentRepository(session)
        self.actions = ActionRepository(session)
        self.barriers = BarrierRepository(session)
        self.tasks = TaskRepository(session)
        self.outcomes = OutcomeRepository(session)
        self.indicators = IndicatorRepository(session)
        self.audit = AuditRepository(session)
        self.exchange = ExchangeRepository(session)
        self.privacy = PrivacyRepository(session)
        self.team_data = TeamDataRepository(session)
        self.team_state = TeamStateRepository(session)
        return self

    def __exit__(
        self, _type: type[BaseException] | None, error: BaseException | None, _traceback: TracebackType | None
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
        if isinstance(error, (OperationalError, DatabaseError)):
            # a full disk or a damaged page met while reading or flushing, not only at commit
            classified = classify_database_error(error)
            if classified is not error:
                raise classified from error

    def commit(self) -> None:
        session = self.session
        try:
            session.commit()
        except (OperationalError, DatabaseError) as exc:
            session.rollback()
            _raise_classified(exc)
        finally:
            if self._on_commit is not None:
                self._on_commit()


def _raise_classified(exc: Exception) -> NoReturn:
    """Re-raise a driver error as words when it is the environment's doing; as itself otherwise."""
    classified = classify_database_error(exc)
    if classified is exc:
        raise exc
    raise classified from exc
