"""Team packages (issue 15, rule 6): sealed, authenticated, refused whole when altered, foreign or truncated."""

from __future__ import annotations

import json
import re
import struct
import zlib

import pytest

from ilot_desktop.errors import (
    EXIT_INVALID,
    EXIT_WRONG_PASSWORD,
    TeamPackageError,
    TeamPassphraseError,
    WrongPasswordError,
)
from ilot_desktop.services import team_package
from ilot_desktop.services.team_package import (
    HEADER_BYTES,
    PackageHeader,
    TeamKdf,
    TeamKey,
    derive,
    key_check,
    new_team,
    open_package,
    package_name,
    peek,
    seal,
)

FAST = TeamKdf(time_cost=1, memory_kib=8, parallelism=1)  # the real ones (t=3, 64 MiB, p=4) cost 0.36 s a key
SALT = slice(33, 49)
NAME = "Zoé Dupré-Benali"
NOTE = "Rendez-vous au SPIP de Fresnes avec Karim, bilan du projet de formation en cuisine"


@pytest.fixture(scope="module")
def team() -> TeamKey:
    return new_team("phrase de passe de l'équipe", FAST)


def person_payload() -> dict:
    return {
        "format": 1,
        "from": "0123456789abcdef",
        "from_code": "AB",
        "records": {
            "participants": {
                "a" * 32: {
                    "c": {"0123456789abcdef": 1},
                    "f": {
                        "last_name": [["0123456789abcdef", 1, "DUPRÉ-BENALI"]],
                        "first_name": [["0123456789abcdef", 1, NAME]],
                        "notes": [["0123456789abcdef", 1, NOTE]],
                        "birth_date": [["0123456789abcdef", 1, "1994-03-17"]],
                        "file_number": [["0123456789abcdef", 1, "DE-2026-AB-001"]],
                    },
                }
            }
        },
    }


def test_a_sealed_package_opens_with_the_team_key(team):
    payload = person_payload()
    blob = seal(payload, team)
    assert blob[:8] == b"ILOTEQ\x00\x01"
    assert open_package(blob, team) == payload
    header = peek(blob)
    assert header == PackageHeader(team.team_id, team.salt, FAST)
    assert blob[8:24] == team.team_id and blob[SALT] == team.salt
    assert struct.unpack(">IIB", blob[24:33]) == (1, 8, 1)


def test_two_seals_of_the_same_payload_differ(team):
    assert seal({"x": 1}, team) != seal({"x": 1}, team)  # random nonce per package


def test_one_flipped_byte_at_every_offset_is_refused(team):
    blob = seal({"format": 1, "records": {"participants": {}}, "note": "é"}, team)
    assert len(blob) > HEADER_BYTES + 16
    for offset in range(len(blob)):
        for mask in (0x01, 0x80, 0xFF):
            altered = bytearray(blob)
            altered[offset] ^= mask
            expected = TeamPassphraseError if SALT.start <= offset < SALT.stop else TeamPackageError
            with pytest.raises(expected) as caught:
                open_package(bytes(altered), team)
            assert type(caught.value) is expected, (offset, mask)
            assert "\u00a0:" in str(caught.value)


def test_a_truncated_package_is_refused_at_every_length(team):
    blob = seal({"format": 1, "records": {}}, team)
    for length in range(len(blob)):
        with pytest.raises(TeamPackageError):
            open_package(blob[:length], team)
    for length in range(HEADER_BYTES + 16):
        with pytest.raises(TeamPackageError):
            peek(blob[:length])


def test_a_package_of_another_team_is_refused_before_any_decryption(team, monkeypatch):
    other = new_team("phrase de passe de l'équipe", FAST)  # same passphrase, another team: another id
    blob = seal({"format": 1}, other)

    def no_decryption(key: bytes) -> None:
        raise AssertionError("decryption attempted for a package of another team")

    monkeypatch.setattr(team_package, "_aead", no_decryption)
    with pytest.raises(TeamPackageError, match="autre équipe"):
        open_package(blob, team)


def test_another_passphrase_is_refused(team):
    blob = seal(person_payload(), team)
    intruder = derive("une autre phrase", team)  # same team id and salt, another key
    assert (intruder.team_id, intruder.salt) == (team.team_id, team.salt)
    with pytest.raises(TeamPackageError, match="endommagé"):
        open_package(blob, intruder)
    assert key_check(intruder) != key_check(team)
    with pytest.raises(TeamPackageError):
        open_package(seal(person_payload(), intruder), team)


def test_a_changed_salt_asks_for_the_new_passphrase(team):
    changed = derive("nouvelle phrase de passe", PackageHeader(team.team_id, b"\x07" * 16, team.kdf))
    blob = seal({"format": 1, "x": "y"}, changed)
    with pytest.raises(TeamPassphraseError, match="a changé") as caught:
        open_package(blob, team)
    assert isinstance(caught.value, WrongPasswordError) and caught.value.exit_code == EXIT_WRONG_PASSWORD
    joined = derive("nouvelle phrase de passe", peek(blob))  # how a laptop takes the new passphrase
    assert joined == changed and open_package(blob, joined) == {"format": 1, "x": "y"}
    with pytest.raises(TeamPassphraseError):
        open_package(seal({"format": 1}, team), changed)  # an old package after the change: asked as well


def test_the_sealed_bytes_contain_no_plaintext(team):
    payload = person_payload()
    blob = seal(payload, team)
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    deflated = zlib.compress(text.encode("utf-8"), 6)
    forbidden = [NAME, NAME.upper(), "Dupré", "DUPRÉ", "Fresnes", "Karim", "1994-03-17", "DE-2026-AB-001", "last_name"]
    for word in forbidden:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be", "latin-1"):
            assert word.encode(encoding) not in blob, (word, encoding)
        assert json.dumps(word).encode("ascii") not in blob  # the \\u escapes of ensure_ascii
    assert deflated[2:18] not in blob and deflated[-20:] not in blob
    assert zlib.compress(text.encode("utf-8"))[2:18] not in blob
    with pytest.raises(zlib.error):
        zlib.decompress(blob[HEADER_BYTES:])  # nothing can be inflated without the key


def test_package_names_are_random_and_name_no_one():
    names = {package_name() for _ in range(200)}
    assert len(names) == 200
    for name in names:
        assert re.fullmatch(r"equipe-[0-9a-f]{16}\.ilotpkg", name)


def test_what_is_not_a_package_is_refused(team):
    for blob in (b"", b"PK\x03\x04" + bytes(200), b"SQLite format 3\x00" + bytes(200), bytes(300)):
        with pytest.raises(TeamPackageError, match="pas un paquet"):
            peek(blob)
    newer = bytearray(seal({"format": 1}, team))
    newer[7] = 2
    with pytest.raises(TeamPackageError, match="plus récente"):
        peek(bytes(newer))


def test_a_header_asking_for_absurd_argon2_costs_is_refused(team):
    blob = bytearray(seal({"format": 1}, team))
    blob[24:33] = struct.pack(">IIB", 1, 64 * 1024 * 1024, 1)  # 64 GiB
    with pytest.raises(TeamPackageError):
        peek(bytes(blob))
    with pytest.raises(TeamPackageError):
        derive("phrase", PackageHeader(team.team_id, team.salt, TeamKdf(1000, 8, 1)))


def _seal_raw(inner: bytes, team: TeamKey) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = team_package._HEADER.pack(team_package.MAGIC, team.team_id, 1, 8, 1, team.salt, b"\x00" * 12)
    return header + AESGCM(team.key).encrypt(b"\x00" * 12, inner, header)


@pytest.mark.parametrize(
    "inner", [b"not zlib", zlib.compress(b"[1, 2]"), zlib.compress(b"{not json"), zlib.compress(b"\xff\xfe")]
)
def test_an_authentic_but_malformed_payload_is_refused(team, inner):
    with pytest.raises(TeamPackageError, match="endommagé"):
        open_package(_seal_raw(inner, team), team)


def test_keys_derive_the_same_from_the_same_passphrase(team):
    again = derive("phrase de passe de l'équipe", team)
    assert again == team and key_check(again) == key_check(team)
    assert re.fullmatch(r"[0-9a-f]{64}", key_check(team))
    composed, decomposed = "\u00e9quipe", "e\u0301quipe"
    assert derive(composed, team).key == derive(decomposed, team).key  # typed on Windows or on a Mac
    assert team.key.hex() not in repr(team)


def test_no_passphrase_is_asked_for(team):
    with pytest.raises(TeamPassphraseError, match="Saisissez la phrase de passe"):
        derive("", team)
    with pytest.raises(TeamPassphraseError):
        new_team("", FAST)


def test_a_new_team_uses_the_vault_parameters(monkeypatch):
    from ilot_desktop.storage import keys

    monkeypatch.setattr(keys, "DEFAULT_KDF", keys.KdfParams())
    assert team_package.default_kdf() == TeamKdf(3, 64 * 1024, 4)
    monkeypatch.setattr(keys, "DEFAULT_KDF", keys.KdfParams(1, 8, 1))
    first, second = new_team("phrase"), new_team("phrase")
    assert first.kdf == TeamKdf(1, 8, 1)
    assert first.team_id != second.team_id and first.salt != second.salt and first.key != second.key
    assert TeamKdf.from_dict(first.kdf.as_dict()) == first.kdf


def test_errors_have_their_exit_codes():
    assert TeamPassphraseError().exit_code == EXIT_WRONG_PASSWORD == 3
    assert TeamPackageError().exit_code == EXIT_INVALID == 5
    assert "phrase de passe" in str(TeamPassphraseError()) and "paquet" in str(TeamPackageError())
