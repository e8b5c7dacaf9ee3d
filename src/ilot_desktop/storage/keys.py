"""The data key, its password wrap (Argon2id + AES-256-GCM) and the printed recovery code.

The SQLCipher database is keyed with a random 256-bit *data key* in raw-key mode. The data key
is stored only in two forms:

* wrapped under a key derived from the caseworker's password, in the side file ``ilot.key``;
* as the **recovery code** printed on the recovery sheet: the data key itself in Crockford base32
  with a checksum, so that the code and the database file alone open the records even when
  ``ilot.key`` is lost.

See ``docs/vault-format.md``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from ilot_desktop.errors import KeyFileMissingError, WrongPasswordError, WrongRecoveryCodeError

KEY_BYTES = 32
KEYFILE_FORMAT = "ilot-desktop-keyfile"
KEYFILE_VERSION = 1
_AAD = b"ilot-desktop keyfile v1"
_CHECK_LABEL = b"ilot-desktop key check v1"
_CODE_LABEL = b"ilot-desktop recovery code v1"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CHECKSUM_BYTES = 3
CODE_GROUPS = 14  # (32 + 3) bytes * 8 / 5 = 56 characters, 14 groups of 4


@dataclass(frozen=True)
class KdfParams:
    time_cost: int = 3
    memory_cost_kib: int = 64 * 1024
    parallelism: int = 4


DEFAULT_KDF = KdfParams()


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def key_check(key: bytes) -> str:
    """A public fingerprint telling whether a key is the vault's, without revealing it."""
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()[:32]


def _derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        password.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def wrap_key(key: bytes, password: str, params: KdfParams | None = None) -> dict:
    """The key file's content: the data key encrypted under the password."""
    params = params or DEFAULT_KDF
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    ciphertext = AESGCM(_derive(password, salt, params)).encrypt(nonce, key, _AAD)
    return {
        "format": KEYFILE_FORMAT,
        "version": KEYFILE_VERSION,
        "kdf": {"algorithm": "argon2id", **asdict(params), "salt": _b64(salt)},
        "wrap": {"algorithm": "AES-256-GCM", "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)},
        "key_check": key_check(key),
    }


_LIMITS = {"time_cost": (1, 20), "memory_cost_kib": (8 * 1024, 1024 * 1024), "parallelism": (1, 16)}


def _damaged_keyfile() -> KeyFileMissingError:
    return KeyFileMissingError(
        "Le fichier de clé (ilot.key) est endommagé. Ouvrez le dossier dans l'application avec "
        "« Mot de passe oublié ? » et votre code de secours."
    )


def unwrap_key(content: dict, password: str) -> bytes:
    """The data key, or WrongPasswordError when the password does not open it.

    Every field is checked against sane limits first: a tampered key file must read as damaged,
    not crash the application or make Argon2 ask for all the memory in the machine.
    """
    try:
        kdf = content["kdf"]
        params = KdfParams(int(kdf["time_cost"]), int(kdf["memory_cost_kib"]), int(kdf["parallelism"]))
        salt = base64.b64decode(kdf["salt"], validate=True)
        nonce = base64.b64decode(content["wrap"]["nonce"], validate=True)
        ciphertext = base64.b64decode(content["wrap"]["ciphertext"], validate=True)
    except (KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise _damaged_keyfile() from exc
    values = asdict(params)
    if (
        any(not low <= values[name] <= high for name, (low, high) in _LIMITS.items())
        or len(salt) != 16
        or len(nonce) != 12
        or len(ciphertext) != KEY_BYTES + 16
    ):
        raise _damaged_keyfile()
    try:
        key = AESGCM(_derive(password, salt, params)).decrypt(nonce, ciphertext, _AAD)
    except InvalidTag:
        raise WrongPasswordError("Mot de passe incorrect.") from None
    except (HashingError, ValueError) as exc:
        raise _damaged_keyfile() from exc
    return key


def read_keyfile(path: Path) -> dict:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KeyFileMissingError(
            "Le fichier de clé (ilot.key) est introuvable. Ouvrez le dossier dans l'application avec "
            "« Mot de passe oublié ? » et votre code de secours."
        ) from None
    except (OSError, ValueError, UnicodeDecodeError):
        raise KeyFileMissingError(
            "Le fichier de clé (ilot.key) est illisible. Ouvrez le dossier dans l'application avec "
            "« Mot de passe oublié ? » et votre code de secours."
        ) from None
    if not isinstance(content, dict) or content.get("format") != KEYFILE_FORMAT:
        raise KeyFileMissingError(
            "Le fichier de clé (ilot.key) n'est pas reconnu. Ouvrez le dossier dans l'application avec "
            "« Mot de passe oublié ? » et votre code de secours."
        )
    return content


def write_keyfile(path: Path, content: dict) -> None:
    """Atomic replace: a crash leaves the old key file or the new one, never half of one."""
    tmp = path.with_name(path.name + ".tmp")
    data = json.dumps(content, indent=2).encode("utf-8")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# --- recovery code --------------------------------------------------------------------------------


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(_CODE_LABEL + key).digest()[:_CHECKSUM_BYTES]


def encode_recovery_code(key: bytes) -> str:
    """``7K3M-…`` : 14 groups of 4 Crockford base32 characters (the key and a checksum)."""
    number = int.from_bytes(key + _checksum(key), "big")
    chars = []
    for _ in range(CODE_GROUPS * 4):
        number, digit = divmod(number, 32)
        chars.append(_CROCKFORD[digit])
    text = "".join(reversed(chars))
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def decode_recovery_code(code: str) -> bytes:
    """The data key from a typed code; tolerant of spaces, dashes, case and O/0, I/L/1 confusions."""
    cleaned = code.upper().replace("O", "0").replace("I", "1").replace("L", "1").replace("U", "V")
    cleaned = "".join(c for c in cleaned if not c.isspace() and c != "-")
    if len(cleaned) != CODE_GROUPS * 4:
        raise WrongRecoveryCodeError(
            f"Le code de secours compte {CODE_GROUPS * 4} caractères ({CODE_GROUPS} groupes de 4) ; "
            f"vous en avez saisi {len(cleaned)}."
        )
    number = 0
    for char in cleaned:
        digit = _CROCKFORD.find(char)
        if digit < 0:
            raise WrongRecoveryCodeError(f"Caractère inattendu dans le code de secours : « {char} ».")
        number = number * 32 + digit
    raw = number.to_bytes(KEY_BYTES + _CHECKSUM_BYTES, "big")
    key, checksum = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if not hmac.compare_digest(checksum, _checksum(key)):
        raise WrongRecoveryCodeError("Ce code de secours contient une faute de frappe : relisez-le groupe par groupe.")
    return key
