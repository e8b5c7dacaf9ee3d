"""SQLAlchemy engine over SQLCipher, keyed on every connection before anything else."""

from __future__ import annotations

import errno
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3

from ilot_desktop.errors import DamagedVaultError, StorageEnvironmentError
from ilot_desktop.storage.secret import DataKey, key_statement

if TYPE_CHECKING:  # SQLAlchemy is imported at unlock (make_engine), not to show the start pages
    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)

SQLITE_PLAINTEXT_MAGIC = b"SQLite format 3\x00"
DAMAGED_ADVICE = (
    "Le fichier de données est endommagé. Ne le modifiez pas : gardez une copie du dossier et "
    "prévenez l'équipe qui maintient l'application."
)

# Set on every connection, after the key. See docs/vault-format.md for the reasons.
CONNECTION_PRAGMAS = (
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA secure_delete = ON",
    "PRAGMA synchronous = FULL",
    "PRAGMA journal_mode = DELETE",
)


class NotSQLCipherError(RuntimeError):
    """The driver is not SQLCipher: it would write plaintext. A packaging bug, never expected."""


_memory_security = False


def enable_memory_security(dbapi_connection: Any) -> None:
    """SQLCipher's ``cipher_memory_security``: every block SQLite frees (decrypted pages, rows, statements,
    key material) is overwritten first, and its allocations are locked out of swap. Process-wide and one-way
    (it cannot be turned off again), so set once, at the first connection. Costs: docs/privacy.md (« Mémoire »).
    """
    global _memory_security
    if not _memory_security:
        dbapi_connection.execute("PRAGMA cipher_memory_security = ON").fetchall()
        _memory_security = True


def key_connection(
    dbapi_connection: Any, key: bytes | bytearray | DataKey, pragmas: tuple[str, ...] = CONNECTION_PRAGMAS
) -> None:
    """Key a raw sqlcipher3 connection, prove it is SQLCipher and that the key opens the file.

    ``pragmas`` follow the key: a read-only connection (a backup being checked) sets its own. The key text
    (``x'…'``) is built in a buffer and overwritten once SQLCipher has read it (storage/secret.py).
    """
    if isinstance(key, DataKey):
        key = key.buffer
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA cipher_log_level = NONE")
        enable_memory_security(dbapi_connection)
        # The key is random bytes rendered as hex by us: never user text.
        with key_statement(key) as statement:
            cursor.execute(statement)
        version = cursor.execute("PRAGMA cipher_version").fetchone()
        if not version or not version[0]:
            raise NotSQLCipherError("SQLCipher is not active on this connection")
        cursor.execute("SELECT count(*) FROM sqlite_master").fetchone()
        for pragma in pragmas:
            cursor.execute(pragma).fetchall()
    finally:
        cursor.close()


def library_versions() -> dict[str, str]:
    """SQLCipher and SQLite versions of the driver in use (no file opened, nothing personal)."""
    connection = sqlcipher3.dbapi2.connect(":memory:")
    try:
        cipher = connection.execute("PRAGMA cipher_version").fetchone()
        sqlite = connection.execute("SELECT sqlite_version()").fetchone()
    finally:
        connection.close()
    return {"SQLCipher": cipher[0] if cipher else "absent", "SQLite": sqlite[0]}


def driver_of(connection: Connection) -> Any:
    """The raw sqlcipher3 connection under a SQLAlchemy one (PRAGMAs, ``VACUUM``, the backup API)."""
    driver = connection.connection.driver_connection
    if driver is None:
        raise RuntimeError("connection already closed")
    return driver


def raw_connect(path: Path, key: bytes | bytearray | DataKey) -> Any:
    """A keyed sqlcipher3 connection (for backups, checks and benchmarks)."""
    connection = sqlcipher3.dbapi2.connect(str(path))
    try:
        key_connection(connection, key)
    except Exception:
        connection.close()
        raise
    return connection


def make_engine(path: Path, key: bytes | bytearray | DataKey) -> Engine:
    """An engine whose every connection is keyed first. Call only after unlock.

    With a ``DataKey``, the engine holds no copy of the key: once it is wiped (at lock), no new connection
    can be keyed.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import QueuePool

    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher3.dbapi2,
        hide_parameters=True,
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
    )

    @event.listens_for(engine, "connect", insert=True)
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        key_connection(dbapi_connection, key)

    # pysqlite's legacy mode starts transactions late and runs DDL outside them: take over, so a
    # migration or a save is all-or-nothing.
    @event.listens_for(engine, "connect")
    def _autocommit_driver(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


def describe_file(path: Path) -> str | None:
    """Why a file cannot be an Îlot vault, judged from its first bytes; None if it may be one."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError:
        return "Le fichier de données ne peut pas être lu (droits d'accès ?)."
    if not head:
        return "Le fichier de données est vide : il a été tronqué ou mal copié."
    if head.startswith(SQLITE_PLAINTEXT_MAGIC):
        return "Ce fichier n'est pas chiffré : ce n'est pas un fichier Îlot desktop."
    if len(head) < 1024:
        return "Le fichier de données est tronqué : il est trop court pour être un fichier Îlot desktop."
    return None


def classify_os_error(exc: OSError) -> StorageEnvironmentError:
    if exc.errno == errno.ENOSPC:
        return StorageEnvironmentError("Le disque est plein : libérez de la place puis réessayez.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StorageEnvironmentError(
            "Le dossier de données est en lecture seule ou inaccessible : vérifiez les droits."
        )
    return StorageEnvironmentError("Le fichier de données ne peut pas être écrit (erreur du système).")


_ENVIRONMENT_ERRORS = (
    ("SQLITE_FULL", "Le disque est plein : libérez de la place puis réessayez."),
    ("SQLITE_READONLY", "Le fichier de données est en lecture seule : vérifiez les droits du dossier."),
    ("SQLITE_CANTOPEN", "Le fichier de données ne peut pas être ouvert : vérifiez les droits du dossier."),
    ("SQLITE_BUSY", "Le fichier de données est utilisé par un autre programme : fermez-le puis réessayez."),
    ("SQLITE_LOCKED", "Le fichier de données est utilisé par un autre programme : fermez-le puis réessayez."),
    (
        "SQLITE_IOERR",
        "Le disque n'a pas pu écrire ou lire le fichier de données (support retiré ou défaillant ?).",
    ),
)


def classify_database_error(exc: Exception) -> Exception:
    """Turn a driver error into words, by SQLite's error code: disk full, read-only, damaged file.

    Anything else is returned unchanged: it is a bug, reported as such.
    """
    driver_error = getattr(exc, "orig", None) or exc
    name = getattr(driver_error, "sqlite_errorname", "") or ""
    if name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")):
        return DamagedVaultError(DAMAGED_ADVICE)
    for prefix, message in _ENVIRONMENT_ERRORS:
        if name.startswith(prefix):
            return StorageEnvironmentError(message)
    return exc
