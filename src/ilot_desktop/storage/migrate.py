"""Alembic migrations, run at unlock: refuse a newer file, back up before upgrading."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from ilot_desktop.errors import NewerDatabaseError
from ilot_desktop.storage.engine import driver_of

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    return _head(ScriptDirectory.from_config(alembic_config()))


def _head(script: ScriptDirectory) -> str:
    head = script.get_current_head()
    if head is None:  # the migrations ship with the application: never expected
        raise RuntimeError("no migration found")
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def upgrade(engine: Engine, back_up: Callable[[str, str], Path] | None = None) -> str | None:
    """Bring the file to the application's schema. Returns the backup's path if one was made.

    ``back_up(from_revision, to_revision)`` writes a verified copy first (``storage/backup.py``):
    when it fails, nothing is migrated.
    """
    script = ScriptDirectory.from_config(alembic_config())
    head = _head(script)
    current = current_revision(engine)
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerDatabaseError(
            "Ce fichier a été enregistré par une version plus récente d'Îlot desktop. "
            "Installez la dernière version de l'application pour l'ouvrir ; le fichier n'a pas été modifié."
        )
    if current == head:
        return None
    if current is None:
        _create_fresh(engine)
        log.info("schema created at %s", head)
        return None
    backup = None
    if back_up is not None:
        backup = back_up(current, head)
        log.info("backup before migration written (%s -> %s)", current, head)
    _run_upgrade(engine)
    log.info("schema migrated from %s to %s", current, head)
    return str(backup) if backup else None


def _create_fresh(engine: Engine) -> None:
    """A new, empty file: the final schema at once (``tables.py``), stamped at the head revision. Running every
    migration instead rebuilt tables one after the other (about half a second at each creation); the two paths
    give the same schema (tests/integration/test_migrations.py compares them)."""
    from ilot_desktop.storage.tables import Base

    config = alembic_config()
    with engine.connect() as connection:
        Base.metadata.create_all(connection)
        config.attributes["connection"] = connection
        command.stamp(config, "head")
        connection.commit()


def _run_upgrade(engine: Engine) -> None:
    """Foreign keys off around the upgrade: a batch table rebuild would cascade deletes."""
    config = alembic_config()
    with engine.connect() as connection:
        driver = driver_of(connection)
        driver.execute("PRAGMA foreign_keys = OFF")
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
            problems = driver.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed after migration ({len(problems)} rows)")
        finally:
            driver.execute("PRAGMA foreign_keys = ON")
