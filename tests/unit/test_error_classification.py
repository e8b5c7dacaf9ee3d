"""Driver errors become words by SQLite's error code; anything else stays a bug."""

import pytest
import sqlcipher3

from ilot_desktop.errors import DamagedVaultError, StorageEnvironmentError
from ilot_desktop.storage.engine import classify_database_error


def driver_error(name: str) -> Exception:
    error = sqlcipher3.dbapi2.OperationalError("message du pilote")
    error.sqlite_errorname = name
    return error


@pytest.mark.parametrize(
    ("name", "kind", "fragment"),
    [
        ("SQLITE_FULL", StorageEnvironmentError, "disque est plein"),
        ("SQLITE_READONLY_DBMOVED", StorageEnvironmentError, "lecture seule"),
        ("SQLITE_IOERR_WRITE", StorageEnvironmentError, "support retiré"),
        ("SQLITE_BUSY", StorageEnvironmentError, "autre programme"),
        ("SQLITE_NOTADB", DamagedVaultError, "endommagé"),
        ("SQLITE_CORRUPT", DamagedVaultError, "endommagé"),
    ],
)
def test_environment_errors_are_told_in_french(name, kind, fragment):
    classified = classify_database_error(driver_error(name))
    assert isinstance(classified, kind)
    assert fragment in str(classified)


def test_other_errors_stay_bugs():
    error = driver_error("SQLITE_ERROR")
    assert classify_database_error(error) is error
