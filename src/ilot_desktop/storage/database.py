"""An open vault: engine, migrations, checks, and the unit of work the services use."""

from __future__ import annotations

import logging

import sqlcipher3
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ilot_desktop.storage import migrate
from ilot_desktop.storage.engine import classify_database_error, make_engine
from ilot_desktop.storage.followup_repo import ActionRepository, AppointmentRepository
from ilot_desktop.storage.indicator_repo import IndicatorRepository
from ilot_desktop.storage.outcome_repo import OutcomeRepository
from ilot_desktop.storage.plan_repo import BarrierRepository, TaskRepository
from ilot_desktop.storage.repositories import ParticipantRepository, SettingsRepository
from ilot_desktop.storage.tables import (
    AppointmentRow,
    BarrierRow,
    CollectiveActionRow,
    OutcomeRow,
    ParticipantRow,
    TaskRow,
)
from ilot_desktop.storage.vault import VaultPaths

log = logging.getLogger(__name__)


class Database:
    """Holds the only engine of an unlocked vault. ``close()`` drops it (locking)."""

    def __init__(self, paths: VaultPaths, engine: Engine):
        self.paths = paths
        self.engine: Engine | None = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.migration_backup: str | None = None

    @classmethod
    def open(cls, paths: VaultPaths, key: bytes) -> Database:
        engine = make_engine(paths.db, key)
        database = cls(paths, engine)
        try:
            database.migration_backup = migrate.upgrade(engine, paths.db, paths.backups)
        except (OperationalError, DatabaseError) as exc:
            engine.dispose()
            _raise_classified(exc)
        except Exception:
            engine.dispose()
            raise
        return database

    def unit_of_work(self) -> UnitOfWork:
        if self.engine is None:
            raise RuntimeError("database is closed")
        return UnitOfWork(self._sessions)

    def close(self) -> None:
        if self.engine is not None:
            self.engine.dispose()
            self.engine = None
            log.info("database closed")

    # --- checks -----------------------------------------------------------------------------------

    def schema_version(self) -> str | None:
        return migrate.current_revision(self._engine())

    def integrity_problems(self, full: bool = True) -> list[str]:
        """Empty when the file is sound. ``full`` also verifies every page's HMAC.

        SQLite's own messages name pages and tables, never values: they are safe to show.
        """
        problems: list[str] = []
        try:
            with self._engine().connect() as connection:
                driver = connection.connection.driver_connection
                if full:
                    problems += [row[0] for row in driver.execute("PRAGMA cipher_integrity_check").fetchall()]
                pragma = "PRAGMA integrity_check" if full else "PRAGMA quick_check"
                problems += [row[0] for row in driver.execute(pragma).fetchall() if row[0] != "ok"]
                problems += [f"clé étrangère : {row[0]}" for row in driver.execute("PRAGMA foreign_key_check")]
        except (sqlcipher3.dbapi2.DatabaseError, DatabaseError) as exc:
            problems.append(f"lecture impossible : {getattr(exc, 'orig', exc)}")
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
    """``with db.unit_of_work() as uow: ...; uow.commit()``: rolls back unless committed."""

    def __init__(self, sessions: sessionmaker[Session]):
        self._sessions = sessions
        self.session: Session | None = None

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.participants = ParticipantRepository(self.session)
        self.settings = SettingsRepository(self.session)
        self.appointments = AppointmentRepository(self.session)
        self.actions = ActionRepository(self.session)
        self.barriers = BarrierRepository(self.session)
        self.tasks = TaskRepository(self.session)
        self.outcomes = OutcomeRepository(self.session)
        self.indicators = IndicatorRepository(self.session)
        return self

    def __exit__(self, *exc_info) -> None:
        assert self.session is not None
        try:
            self.session.rollback()
        finally:
            self.session.close()

    def commit(self) -> None:
        assert self.session is not None
        try:
            self.session.commit()
        except (OperationalError, DatabaseError) as exc:
            self.session.rollback()
            _raise_classified(exc)


def _raise_classified(exc: Exception):
    """Re-raise a driver error as words when it is the environment's doing; as itself otherwise."""
    classified = classify_database_error(exc)
    if classified is exc:
        raise exc
    raise classified from exc
