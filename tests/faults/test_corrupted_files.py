"""Damaged files, beyond the cases of ``tests/integration/test_vault.py``: bytes flipped anywhere, a file cut
at a page boundary, a zeroed salt, garbage, another vault's database beside this key file, damaged backups,
damage met while the vault is open. Each is told apart from a wrong password where the format allows, and
is always said in words (an ``IlotError``), never a traceback.

Where the format allows: the password is checked against ``ilot.key`` (AES-GCM tag) before the database
is read, so a wrong password is always "Mot de passe incorrect", and a right password on a database that
does not open is always "endommagé". SQLCipher cannot tell a damaged database from another vault's
database (both fail the HMAC of page 1): the message says "endommagé ou a été remplacé".
"""

from __future__ import annotations

import hashlib
import random
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from ilot_desktop.cli import main
from ilot_desktop.domain.followup import Appointment
from ilot_desktop.errors import (
    DamagedVaultError,
    IlotError,
    KeyFileMissingError,
    WrongPasswordError,
    WrongRecoveryCodeError,
)
from ilot_desktop.services import vault
from ilot_desktop.services.backup import check_backup, restore
from tests.conftest import PASSWORD, TODAY
from tests.factories import make_participant

PAGE = 4096


def flip(*fractions: float):
    def damage(data: bytes) -> bytes:
        changed = bytearray(data)
        for fraction in fractions:
            changed[int(len(data) * fraction)] ^= 0x5A
        return bytes(changed)

    return damage


DAMAGES = {
    "flip-after-salt": lambda b: b[:16] + bytes([b[16] ^ 1]) + b[17:],
    "flip-10pc": flip(0.1),
    "flip-30pc": flip(0.3),
    "flip-50pc": flip(0.5),
    "flip-70pc": flip(0.7),
    "flip-90pc": flip(0.9),
    "flips-everywhere": flip(0.05, 0.25, 0.45, 0.65, 0.85),
    "zeroed-salt": lambda b: bytes(16) + b[16:],
    "cut-last-page": lambda b: b[:-PAGE],
    "cut-at-page-3": lambda b: b[: 3 * PAGE],
    "cut-mid-page": lambda b: b[: 5 * PAGE + 1234],
    "zeroed-last-page": lambda b: b[:-PAGE] + bytes(PAGE),
    "garbage-same-size": lambda b: random.Random(7).randbytes(len(b)),
    "garbage-plain-sqlite-header": lambda b: b"SQLite format 3\x00" + random.Random(8).randbytes(len(b) - 16),
    "pages-swapped": lambda b: b[:PAGE] + b[2 * PAGE : 3 * PAGE] + b[PAGE : 2 * PAGE] + b[3 * PAGE :],
}


@pytest.fixture
def created(vault_dir):
    session, code = vault.create(vault_dir, PASSWORD, clock=lambda: TODAY)
    for number in range(1, 6):
        person = session.participants.save(make_participant(file_number=f"DE-2026-{number:03d}", notes="x" * 3000))
        session.followup.save(Appointment(person.id, datetime(2026, 11, 30, 9 + number), report="y" * 2000))
    session.close()
    return vault_dir, code


def damage_file(path: Path, how) -> None:
    path.write_bytes(how(path.read_bytes()))


def assert_said_damaged(folder: Path) -> None:
    """Refused at unlock as damaged, or (a page nobody reads at unlock) found by the full check."""
    try:
        session = vault.unlock(folder, PASSWORD)
    except DamagedVaultError as error:
        assert "endommagé" in str(error) or "tronqué" in str(error) or "chiffré" in str(error)
        return
    try:
        report = session.check(full=True)
    finally:
        session.close()
    assert not report.ok, "damage went unnoticed"


@pytest.mark.parametrize("name", DAMAGES)
def test_damaged_database_is_said_damaged_and_a_wrong_password_still_wrong(created, name):
    folder, _code = created
    damage_file(folder / "ilot.db", DAMAGES[name])
    assert_said_damaged(folder)
    if name == "garbage-plain-sqlite-header":  # not ours whatever the password: said before asking it
        with pytest.raises(DamagedVaultError, match="pas chiffré"):
            vault.unlock(folder, "Mauvais-Mot-2026!")
        return
    with pytest.raises(WrongPasswordError, match="Mot de passe incorrect"):
        vault.unlock(folder, "Mauvais-Mot-2026!")


@pytest.mark.parametrize("how", DAMAGES.values(), ids=DAMAGES.keys())
def test_damaged_database_with_the_recovery_code(created, how):
    folder, code = created
    damage_file(folder / "ilot.db", how)
    try:
        vault.unlock_with_recovery_code(folder, code).close()
    except DamagedVaultError:
        return
    assert_said_damaged(folder)


def test_another_vaults_database_beside_this_key_file(created, tmp_path):
    folder, code = created
    other_session, other_code = vault.create(tmp_path / "autre", PASSWORD)
    other_session.close()
    shutil.copy2(tmp_path / "autre" / "ilot.db", folder / "ilot.db")
    with pytest.raises(DamagedVaultError, match="endommagé ou a été remplacé"):
        vault.unlock(folder, PASSWORD)
    with pytest.raises(DamagedVaultError):
        vault.unlock_with_recovery_code(folder, code)
    with pytest.raises(WrongRecoveryCodeError):  # the envelopes here hold this folder's key, not that file's
        vault.unlock_with_recovery_code(folder, other_code)
    shutil.copy2(tmp_path / "autre" / "ilot.secours", folder / "ilot.secours")
    vault.unlock_with_recovery_code(folder, other_code).close()  # with its own envelope, that file's code opens it


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"\xff\xfe garbage", b'{"format": "ilot-desktop-keyfile"}', b"[1, 2, 3]"],
    ids=["empty", "cut-json", "binary", "fields-missing", "not-an-object"],
)
def test_damaged_key_file_sends_to_the_recovery_code(created, content):
    folder, code = created
    (folder / "ilot.key").write_bytes(content)
    with pytest.raises(KeyFileMissingError, match="code de secours"):
        vault.unlock(folder, PASSWORD)
    vault.unlock_with_recovery_code(folder, code).close()


def test_damage_met_while_the_vault_is_open_is_said_in_words(created):
    folder, _code = created
    session = vault.unlock(folder, PASSWORD)
    try:
        session._database.engine.pool.dispose()  # no page kept in a connection's cache
        damage_file(folder / "ilot.db", flip(0.3, 0.5, 0.7, 0.9))
        with pytest.raises(DamagedVaultError):
            for number in range(1, 6):  # reads every file, each appointment
                participant = session.participants.by_file_number(f"DE-2026-{number:03d}")
                session.followup.timeline(participant.id)
    finally:
        session.close()


@pytest.mark.parametrize("name", ["flip-50pc", "cut-last-page", "garbage-same-size", "zeroed-salt"])
def test_damaged_backups_are_refused_and_nothing_changes(created, name):
    folder, code = created
    session = vault.unlock(folder, PASSWORD)
    backup = session.backups.write(now=datetime(2026, 11, 27, 17, 42))
    session.close()
    damage_file(backup / "ilot.db", DAMAGES[name])
    before = hashlib.sha256((folder / "ilot.db").read_bytes()).hexdigest()
    for secret in ({"password": PASSWORD}, {"recovery_code": code}):
        try:
            report = check_backup(backup, **secret)
        except DamagedVaultError:
            pass
        else:
            assert not report.ok
        with pytest.raises(DamagedVaultError):
            restore(folder, backup, **secret)
    with pytest.raises(WrongPasswordError):
        check_backup(backup, "Mauvais-Mot-2026!")
    assert hashlib.sha256((folder / "ilot.db").read_bytes()).hexdigest() == before


@pytest.mark.parametrize("name", ["flip-after-salt", "cut-at-page-3", "garbage-plain-sqlite-header", "flip-90pc"])
def test_the_command_line_answers_exit_4_without_traceback(created, name, monkeypatch, capsys):
    folder, _code = created
    damage_file(folder / "ilot.db", DAMAGES[name])
    monkeypatch.setenv("ILOT_PASSPHRASE", PASSWORD)
    assert main(["--data-dir", str(folder), "check"]) == 4
    err = capsys.readouterr().err
    assert err.startswith(("Erreur :", "Intégrité :")) and "Traceback" not in err and "hmac" not in err.lower()


def test_every_error_is_an_ilot_error(created):
    """The union of the above, as one sweep: 40 random single-byte flips, each on a fresh copy."""
    folder, _code = created
    pristine = (folder / "ilot.db").read_bytes()
    rng = random.Random(2026)
    for _ in range(40):
        data = bytearray(pristine)
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        (folder / "ilot.db").write_bytes(bytes(data))
        try:
            session = vault.unlock(folder, PASSWORD)
        except IlotError as error:
            assert isinstance(error, DamagedVaultError), error
            continue
        try:
            assert not session.check(full=True).ok
        finally:
            session.close()
