"""Team packages sealed with the team passphrase (issue 15, docs/team-engine.md « Package format »).

A package is a 61-byte header followed by AES-256-GCM(zlib(JSON payload)) with its 16-byte tag; the whole header is
the GCM associated data, so no byte of the file can change without the package being refused:

    offset size  field (big-endian)
    0      8     magic b"ILOTEQ\\x00\\x01" (last byte = format version)
    8      16    team id (random, not secret: « another team » is told before any decryption)
    24     4+4+1 Argon2id time cost, memory KiB, parallelism
    33     16    team salt
    49     12    nonce (random per package)
    61     ...   ciphertext and tag

The key is Argon2id(passphrase, team salt) with the team's parameters: derived once per laptop (the caseworker types
the passphrase once) and kept in the vault's settings by services/team.py. Nothing here names a person: the file
name is random and the payload is only ever on disk sealed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import struct
import unicodedata
import zlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ilot_desktop.errors import TeamPackageError, TeamPassphraseError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

# argon2 and cryptography are imported when a package is sealed or opened (as storage/keys.py does): the start page
# does without them.

MAGIC_PREFIX = b"ILOTEQ\x00"
FORMAT_VERSION = 1
MAGIC = MAGIC_PREFIX + bytes([FORMAT_VERSION])
_HEADER = struct.Struct(">8s16sIIB16s12s")  # magic, team id, time cost, memory KiB, parallelism, salt, nonce
HEADER_BYTES = _HEADER.size  # 61
TEAM_ID_BYTES = 16
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
KEY_BYTES = 32
PACKAGE_SUFFIX = ".ilotpkg"
_CHECK_LABEL = b"ilot-desktop team key check v1"
_ZLIB_LEVEL = 6
# Bounds on the parameters read from a header: a file dropped into the team folder must not make a laptop spend
# gigabytes or minutes deriving a key (the application's own are t=3, 64 MiB, p=4).
_MAX_TIME_COST = 64
_MAX_MEMORY_KIB = 1024 * 1024
_MAX_PARALLELISM = 64

_NOT_A_PACKAGE = "Ce fichier n'est pas un paquet d'équipe Îlot\u00a0: rien n'a été pris en compte."
_TRUNCATED = "Ce paquet d'équipe est incomplet (fichier tronqué)\u00a0: rien n'a été pris en compte."
_NEWER = (
    "Ce paquet d'équipe vient d'une version plus récente d'Îlot\u00a0: mettez Îlot à jour sur cet ordinateur, "
    "rien n'a été pris en compte."
)
_DAMAGED = "Ce paquet d'équipe est endommagé ou a été modifié\u00a0: rien n'a été pris en compte."
_OTHER_TEAM = (
    "Ce paquet vient d'une autre équipe (il a été scellé avec une autre phrase de passe d'équipe)\u00a0: "
    "rien n'a été pris en compte."
)
_PASSPHRASE_CHANGED = (
    "La phrase de passe d'équipe a changé depuis votre dernier échange\u00a0: saisissez la nouvelle phrase de passe "
    "(demandez-la à la ou au responsable du programme)."
)
_NO_PASSPHRASE = "Saisissez la phrase de passe d'équipe."


@dataclass(frozen=True)
class TeamKdf:
    """Argon2id parameters of a team key (stored in the vault as ``team.kdf``, written in every package header)."""

    time_cost: int
    memory_kib: int
    parallelism: int

    def as_dict(self) -> dict[str, int]:
        return {"time_cost": self.time_cost, "memory_kib": self.memory_kib, "parallelism": self.parallelism}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TeamKdf:
        kdf = cls(int(data["time_cost"]), int(data["memory_kib"]), int(data["parallelism"]))
        if not kdf.acceptable():
            raise ValueError("Argon2id parameters out of bounds")
        return kdf

    def acceptable(self) -> bool:
        return (
            1 <= self.time_cost <= _MAX_TIME_COST
            and 1 <= self.parallelism <= _MAX_PARALLELISM
            and 8 * self.parallelism <= self.memory_kib <= _MAX_MEMORY_KIB
        )


def default_kdf() -> TeamKdf:
    """The vault's own Argon2id parameters (read at each call, so tests that lower them lower these too)."""
    from ilot_desktop.storage import keys

    params = keys.DEFAULT_KDF
    return TeamKdf(params.time_cost, params.memory_cost_kib, params.parallelism)


@dataclass(frozen=True)
class PackageHeader:
    """The clear part of a package: which team, which salt and parameters (nothing about anyone)."""

    team_id: bytes
    salt: bytes
    kdf: TeamKdf


@dataclass(frozen=True)
class TeamKey:
    """A team's identity and its derived key (32 bytes; never shown in a repr)."""

    team_id: bytes
    salt: bytes
    kdf: TeamKdf
    key: bytes = field(repr=False)


def _normalised(passphrase: str) -> bytes:
    # NFC: the same passphrase typed on Windows and on a Mac (which may compose « é » differently) gives the same key.
    if not passphrase:
        raise TeamPassphraseError(_NO_PASSPHRASE)
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive_key(passphrase: str, salt: bytes, kdf: TeamKdf) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        _normalised(passphrase),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def new_team(passphrase: str, kdf: TeamKdf | None = None) -> TeamKey:
    """A new team: random team id and salt, the key derived from the passphrase."""
    params = kdf or default_kdf()
    salt = secrets.token_bytes(SALT_BYTES)
    return TeamKey(secrets.token_bytes(TEAM_ID_BYTES), salt, params, _derive_key(passphrase, salt, params))


def derive(passphrase: str, header: PackageHeader | TeamKey) -> TeamKey:
    """The key of a passphrase under a package's (or a team's) id, salt and parameters."""
    if not header.kdf.acceptable():
        raise TeamPackageError(_DAMAGED)
    return TeamKey(header.team_id, header.salt, header.kdf, _derive_key(passphrase, header.salt, header.kdf))


def key_check(team: TeamKey) -> str:
    """A public fingerprint of the team key (HMAC-SHA256 of a constant, hex): tells a wrong passphrase apart."""
    return hmac.new(team.key, _CHECK_LABEL, hashlib.sha256).hexdigest()


def _aead(key: bytes) -> AESGCM:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    return AESGCM(key)


def seal(payload: dict[str, Any], team: TeamKey) -> bytes:
    """The package of a payload: JSON (UTF-8, ensure_ascii=False), zlib, AES-256-GCM under the team key."""
    if len(team.team_id) != TEAM_ID_BYTES or len(team.salt) != SALT_BYTES or len(team.key) != KEY_BYTES:
        raise ValueError("malformed team key")
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    kdf = team.kdf
    nonce = secrets.token_bytes(NONCE_BYTES)
    header = _HEADER.pack(MAGIC, team.team_id, kdf.time_cost, kdf.memory_kib, kdf.parallelism, team.salt, nonce)
    return header + _aead(team.key).encrypt(nonce, zlib.compress(text.encode("utf-8"), _ZLIB_LEVEL), header)


def _unpack(blob: bytes) -> tuple[PackageHeader, bytes, bytes]:
    head = blob[: len(MAGIC_PREFIX)]
    if not head or head != MAGIC_PREFIX[: len(head)]:
        raise TeamPackageError(_NOT_A_PACKAGE)
    if len(blob) < HEADER_BYTES + TAG_BYTES:
        raise TeamPackageError(_TRUNCATED)
    if blob[7] != FORMAT_VERSION:
        raise TeamPackageError(_NEWER if blob[7] > FORMAT_VERSION else _NOT_A_PACKAGE)
    _magic, team_id, time_cost, memory_kib, parallelism, salt, nonce = _HEADER.unpack_from(blob)
    kdf = TeamKdf(time_cost, memory_kib, parallelism)
    if not kdf.acceptable():
        raise TeamPackageError(_DAMAGED)
    return PackageHeader(team_id, salt, kdf), blob[:HEADER_BYTES], nonce


def peek(blob: bytes) -> PackageHeader:
    """The header of a package, read without any key; TeamPackageError when it is not one or is truncated."""
    return _unpack(blob)[0]


def open_package(blob: bytes, team: TeamKey) -> dict[str, Any]:
    """The payload of a package sealed by this team.

    Another team id: TeamPackageError, before any decryption. Another salt (the passphrase was changed since this
    laptop's key was derived): TeamPassphraseError. Any altered byte (tag), or a payload that is not zlib'd JSON
    object: TeamPackageError. A key derived from a wrongly typed new passphrase also fails the tag (GCM cannot tell a
    wrong key from a damaged file): callers that derived the key from the package's own header say so.
    """
    header, aad, nonce = _unpack(blob)
    if not hmac.compare_digest(header.team_id, team.team_id):
        raise TeamPackageError(_OTHER_TEAM)
    if not hmac.compare_digest(header.salt, team.salt):
        raise TeamPassphraseError(_PASSPHRASE_CHANGED)
    from cryptography.exceptions import InvalidTag

    try:
        compressed = _aead(team.key).decrypt(nonce, blob[HEADER_BYTES:], aad)
    except (InvalidTag, ValueError):
        raise TeamPackageError(_DAMAGED) from None
    try:
        payload = json.loads(zlib.decompress(compressed).decode("utf-8"))
    except (zlib.error, UnicodeDecodeError, ValueError):
        raise TeamPackageError(_DAMAGED) from None
    if not isinstance(payload, dict):
        raise TeamPackageError(_DAMAGED)
    return payload


def package_name() -> str:
    """A file name that says nothing of anyone: ``equipe-<16 random hex>.ilotpkg``."""
    return f"equipe-{secrets.token_hex(8)}{PACKAGE_SUFFIX}"
