"""A real encrypted file in tmp_path: create, unlock, wrong password, damage, recovery, pragmas."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
import sqlcipher3

from ilot_desktop.errors import (
    DamagedVaultError,
    KeyFileMissingError,
    NoVaultError,
    ValidationError,
    VaultExistsError,
    WrongPasswordError,
    WrongRecoveryCodeError,
)
from ilot_desktop.services import vault
from ilot_desktop.storage import keys, migrate
from ilot_desktop.storage.engine import NotSQLCipherError, key_connection
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant


@pytest.fixture
def created(vault_dir):
    session, code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    session.participants.save(make_participant())
    session.close()
    return vault_dir, code


def test_create_then_unlock_reads_back(created):
    folder, _code = created
    session = vault.unlock(folder, PASSWORD)
    try:
        assert [s.last_name for s in session.participants.summaries()] == ["Marqueur"]
        report = session.check()
        assert report.ok and report.schema_version == migrate.head_revision()
        assert report.counts == {
            "participants": 1,
            "appointments": 0,
            "collective_actions": 0,
            "barriers": 0,
            "tasks": 0,
            "outcomes": 0,
        }
    finally:
        session.close()
    assert not session.is_open


def test_weak_password_and_existing_vault_are_refused(vault_dir, created):
    with pytest.raises(ValidationError):
        vault.create(vault_dir.parent / "autre", "court")
    with pytest.raises(VaultExistsError):
        vault.create(created[0], PASSWORD)
    with pytest.raises(NoVaultError):
        vault.unlock(vault_dir.parent / "vide", PASSWORD)


def test_wrong_password_is_said_as_such(created):
    with pytest.raises(WrongPasswordError, match="Mot de passe incorrect"):
        vault.unlock(created[0], PASSWORD + "x")


def test_the_file_is_really_encrypted(created):
    folder, _code = created
    data = (folder / "ilot.db").read_bytes()
    assert not data.startswith(b"SQLite format 3")
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(folder / "ilot.db").execute("SELECT * FROM sqlite_master").fetchall()


def test_every_connection_is_keyed_and_hardened(created):
    folder, _code = created
    session = vault.unlock(folder, PASSWORD)
    engine = session._database.engine
    try:
        connections = [engine.raw_connection() for _ in range(3)]  # several pool connections
        for connection in connections:
            cursor = connection.driver_connection
            assert cursor.execute("PRAGMA cipher_version").fetchone()[0]
            assert cursor.execute("PRAGMA foreign_keys").fetchone()[0] == 1
            assert cursor.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
            assert cursor.execute("PRAGMA secure_delete").fetchone()[0] == 1
            assert cursor.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
            assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        for connection in connections:
            connection.close()
    finally:
        session.close()


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda b: b"", "vide"),
        (lambda b: b[:500], "tronqué"),
        (lambda b: b[: len(b) // 2], "endommagé"),
        (lambda b: bytes(4096) + b[4096:], "endommagé"),
        (lambda b: b[:200] + bytes([b[200] ^ 0xFF]) + b[201:], "endommagé"),
        (lambda b: b[:-100] + bytes([b[-100] ^ 0xFF]) + b[-99:], "endommagé"),
    ],
    ids=[
        "empty",
        "truncated-500",
        "truncated-half",
        "zeroed-header",
        "flipped-first-page",
        "flipped-last-page",
    ],
)
def test_damaged_file_is_told_apart_from_wrong_password(created, damage, message):
    db = created[0] / "ilot.db"
    db.write_bytes(damage(db.read_bytes()))
    with pytest.raises(DamagedVaultError, match=message):
        vault.unlock(created[0], PASSWORD)


def test_plaintext_sqlite_is_not_a_vault(created):
    db = created[0] / "ilot.db"
    db.unlink()
    sqlite3.connect(db).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(DamagedVaultError, match="pas chiffré"):
        vault.unlock(created[0], PASSWORD)


def test_recovery_code_alone_opens_the_file_without_keyfile(created):
    folder, code = created
    (folder / "ilot.key").unlink()
    with pytest.raises(KeyFileMissingError):
        vault.unlock(folder, PASSWORD)
    session = vault.unlock_with_recovery_code(folder, code.lower(), new_password="Nouveau-Mot-2027!")
    try:
        assert len(session.participants.summaries()) == 1
    finally:
        session.close()
    # the new password now opens it, and the code still does
    vault.unlock(folder, "Nouveau-Mot-2027!").close()
    vault.unlock_with_recovery_code(folder, code).close()


def test_recovery_code_of_another_vault_is_refused(created, tmp_path):
    other_session, other_code = vault.create(tmp_path / "autre", PASSWORD)
    other_session.close()
    with pytest.raises(WrongRecoveryCodeError, match="ne correspond pas"):
        vault.unlock_with_recovery_code(created[0], other_code)
    (created[0] / "ilot.key").unlink()  # ilot.secours still tells the code is another file's
    with pytest.raises(WrongRecoveryCodeError, match="ne correspond pas"):
        vault.unlock_with_recovery_code(created[0], other_code)
    (created[0] / "ilot.secours").unlink()
    with pytest.raises(WrongRecoveryCodeError, match="n'ouvre pas"):
        vault.unlock_with_recovery_code(created[0], other_code)


def test_the_code_and_the_database_open_without_the_key_file(created):
    """ilot.key lost: the recovery envelope's copy (ilot.secours) and the code still open the records."""
    folder, code = created
    (folder / "ilot.key").unlink()
    session = vault.unlock_with_recovery_code(folder, code, new_password="Nouveau-Mot-2027!")
    session.close()
    vault.unlock(folder, "Nouveau-Mot-2027!").close()


def test_copy_of_the_folder_opens_with_same_password(created, tmp_path):
    copy = tmp_path / "copie"
    shutil.copytree(created[0], copy)
    vault.unlock(copy, PASSWORD).close()


def test_the_recovery_code_is_not_the_data_key(created):
    """The code opens the sealed envelope, which holds the raw data key; the code itself opens nothing, so an
    old key file (which yields an old data key) can never yield the code."""
    folder, code = created
    secret = keys.decode_recovery_code(code)
    connection = sqlcipher3.dbapi2.connect(str(folder / "ilot.db"))
    connection.execute(f"PRAGMA key = \"x'{secret.hex()}'\"")
    with pytest.raises(sqlcipher3.dbapi2.DatabaseError):
        connection.execute("SELECT count(*) FROM participants").fetchone()
    connection.close()
    envelope = keys.read_keyfile(folder / "ilot.key")["recovery"]
    key = keys.open_envelope(envelope, secret)
    connection = sqlcipher3.dbapi2.connect(str(folder / "ilot.db"))
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    assert connection.execute("SELECT count(*) FROM participants").fetchone()[0] == 1
    connection.close()


def test_a_driver_that_is_not_sqlcipher_is_refused(tmp_path):
    """The standard sqlite3 module accepts PRAGMA key silently and would write plaintext."""
    connection = sqlite3.connect(tmp_path / "clair.db")
    with pytest.raises(NotSQLCipherError):
        key_connection(connection, keys.new_data_key())
    connection.close()


@pytest.mark.parametrize(
    "tamper",
    [
        lambda c: c["kdf"].update(time_cost=0),
        lambda c: c["kdf"].update(memory_cost_kib=10**9),
        lambda c: c["kdf"].update(salt="pas du base64 !"),
        lambda c: c["wrap"].update(nonce="AAAA"),
        lambda c: c.pop("wrap"),
    ],
    ids=["time-cost-zero", "huge-memory", "bad-salt", "short-nonce", "no-wrap"],
)
def test_tampered_keyfile_reads_as_damaged(created, tamper):
    import json

    keyfile = created[0] / "ilot.key"
    content = json.loads(keyfile.read_text(encoding="utf-8"))
    tamper(content)
    keyfile.write_text(json.dumps(content), encoding="utf-8")
    with pytest.raises(KeyFileMissingError, match="endommagé"):
        vault.unlock(created[0], PASSWORD)
    vault.unlock_with_recovery_code(created[0], created[1]).close()  # the code still opens it


def test_key_file_without_database_is_not_overwritten(created):
    folder, _code = created
    (folder / "ilot.db").rename(folder.parent / "ailleurs.db")
    before = (folder / "ilot.key").read_bytes()
    with pytest.raises(VaultExistsError, match="déplacé"):
        vault.create(folder, PASSWORD)
    assert (folder / "ilot.key").read_bytes() == before


def test_recovery_into_a_damaged_file_leaves_the_password_unchanged(created):
    folder, code = created
    before = (folder / "ilot.key").read_bytes()
    db = folder / "ilot.db"
    data = db.read_bytes()
    db.write_bytes(data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:])
    with pytest.raises(DamagedVaultError):
        vault.unlock_with_recovery_code(folder, code, new_password="Nouveau-Mot-2027!")
    assert (folder / "ilot.key").read_bytes() == before


def test_the_form_of_a_typed_recovery_code_is_checked_without_the_file(created):
    _folder, code = created
    assert vault.recovery_code_problem(code) is None
    assert vault.recovery_code_problem(code.lower().replace("-", " ")) is None  # as the decoder accepts it
    typo = ("1" if code[0] != "1" else "2") + code[1:]
    assert "faute de frappe" in (vault.recovery_code_problem(typo) or "")
    short = vault.recovery_code_problem(code[:9]) or ""
    assert f"compte {vault.RECOVERY_CODE_CHARS} caractères" in short and "vous en avez saisi 8." in short


def test_the_recovery_sheet_to_print_is_built_in_memory(created, tmp_path):
    folder, code = created
    before = sorted(p.name for p in folder.iterdir())
    session = vault.unlock(folder, PASSWORD, clock=lambda: TODAY)
    try:
        data = session.recovery_sheet_pdf(code)
        session.recovery_sheet_printed()
        actions = [e.action for e in session.audit.events()]
    finally:
        session.close()
    assert data.startswith(b"%PDF")
    assert sorted(p.name for p in folder.iterdir()) == before
    assert "recovery_sheet_printed" in actions
