"""The data key, its password wrap (Argon2id + AES-256-GCM) and the printed recovery code.

The SQLCipher database is keyed with a random 256-bit *data key* in raw-key mode. **Every password change
draws a new data key** and re-keys the database (``PRAGMA rekey``), so that an old password, or an old key
file found in a backup or on a USB key, opens nothing written after the change. The data key is stored only
in two forms, both in the side file ``ilot.key`` (format 2):

* wrapped under a key derived from the caseworker's password (Argon2id + AES-256-GCM);
* sealed to the **recovery code**'s public key (X25519 + HKDF-SHA256 + AES-256-GCM). The recovery code is a
  random 256-bit secret printed once; the application keeps only its *public* key, so it can seal each new
  data key to the code without knowing the code: the recovery sheet survives password changes, and an old
  password never yields the code. ``ilot.secours`` beside the database holds a second copy of that sealed
  envelope (no secret without the code), so the code and the database open the records even when
  ``ilot.key`` is lost.

Files of format 1 (before this change) have no envelope: there the recovery code *is* the data key. They
keep opening; their first password change also draws a new recovery code. See ``docs/vault-format.md``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ilot_desktop import safe_files
from ilot_desktop.errors import KeyFileMissingError, WrongPasswordError, WrongRecoveryCodeError
from ilot_desktop.storage.secret import wipe_immutable

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

# argon2 and cryptography are imported by the functions that use them, at the first unlock or creation: the
# start page does without them (about 20 ms of the start, docs/performance.md).

KEY_BYTES = 32
KEYFILE_FORMAT = "ilot-desktop-keyfile"
KEYFILE_VERSION = 2
KNOWN_KEYFILE_VERSIONS = (1, 2)
RECOVERY_FORMAT = "ilot-desktop-recovery"
_AAD = b"ilot-desktop keyfile v1"  # unchanged in format 2: the password wrap is the same
_RECOVERY_KEY_LABEL = b"ilot-desktop recovery x25519 v2"
_SEAL_LABEL = b"ilot-desktop recovery seal v2"
_SEAL_AAD = b"ilot-desktop recovery envelope v2"
_SEAL_ALGORITHM = "X25519-HKDF-SHA256-AES-256-GCM"
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


def key_check(key: bytes | bytearray) -> str:
    """A public fingerprint telling whether a key is the vault's, without revealing it."""
    return hmac.new(key, _CHECK_LABEL, hashlib.sha256).hexdigest()[:32]


def _derive(password: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

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


def wrap_key(key: bytes, password: str, params: KdfParams | None = None, recovery_public: bytes | None = None) -> dict:
    """The key file's content: the data key encrypted under the password and sealed to the recovery code.

    Without ``recovery_public`` the file is of format 1 (kept for tests of old files and old backups).
    """
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    params = params or DEFAULT_KDF
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    wrapping = _derive(password, salt, params)
    ciphertext = AESGCM(wrapping).encrypt(nonce, key, _AAD)
    wipe_immutable(wrapping)
    content = {
        "format": KEYFILE_FORMAT,
        "version": 1 if recovery_public is None else KEYFILE_VERSION,
        "kdf": {"algorithm": "argon2id", **asdict(params), "salt": _b64(salt)},
        "wrap": {"algorithm": "AES-256-GCM", "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)},
        "key_check": key_check(key),
    }
    if recovery_public is not None:
        content["recovery"] = seal_to_recovery(key, recovery_public)
    return content


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
    from argon2.exceptions import HashingError
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

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
        wrapping = _derive(password, salt, params)
        try:
            key = AESGCM(wrapping).decrypt(nonce, ciphertext, _AAD)
        finally:
            wipe_immutable(wrapping)  # what the password turns into: never left in freed memory
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
    """Atomic replace through the one safe writer (``safe_files.replace_bytes``): a crash leaves the old key
    file or the new one, never half of one. The new content goes to a random ``~ilot-<32 hex>.tmp`` beside
    ``path`` (mode 0600) recorded in the journal of unfinished writes, fsynced, renamed over ``path`` (the
    Windows retry while the file is held), then the folder is fsynced; on failure the temporary file is
    removed. Raises OSError: each caller says it in words for its place (the vault's folder, a backup's)."""
    safe_files.replace_bytes(path, json.dumps(content, indent=2).encode("utf-8"))


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


def new_recovery_secret() -> bytes:
    """The secret the recovery code prints: random, never stored, never derived from a data key."""
    return secrets.token_bytes(KEY_BYTES)


# --- the envelope sealed to the recovery code (format 2) -------------------------------------------------


def _recovery_private(secret: bytes) -> X25519PrivateKey:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_RECOVERY_KEY_LABEL).derive(secret)
    return X25519PrivateKey.from_private_bytes(seed)


def recovery_public_key(secret: bytes) -> bytes:
    """The public half of the recovery code: what the application keeps to seal each new data key."""
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return _recovery_private(secret).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _seal_key(shared: bytes, ephemeral: bytes, public: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + public, info=_SEAL_LABEL).derive(shared)


def seal_to_recovery(key: bytes, public: bytes) -> dict:
    """The data key encrypted so that only the recovery code opens it (ECIES over X25519)."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(public))
    nonce = secrets.token_bytes(12)
    ciphertext = AESGCM(_seal_key(shared, ephemeral_public, public)).encrypt(nonce, key, _SEAL_AAD)
    return {
        "algorithm": _SEAL_ALGORITHM,
        "public_key": _b64(public),
        "ephemeral": _b64(ephemeral_public),
        "nonce": _b64(nonce),
        "ciphertext": _b64(ciphertext),
        "key_check": key_check(key),
    }


def envelope_public_key(envelope: object) -> bytes | None:
    """The recovery code's public key an envelope is sealed to (None when there is no readable envelope)."""
    if not isinstance(envelope, dict):
        return None
    try:
        public = base64.b64decode(envelope["public_key"], validate=True)
    except (KeyError, TypeError, ValueError, binascii.Error):
        return None
    return public if len(public) == 32 else None


def open_envelope(envelope: object, secret: bytes) -> bytes | None:
    """The data key sealed in ``envelope`` if ``secret`` is the code it was sealed to, else None."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    public = envelope_public_key(envelope)
    if public is None or not hmac.compare_digest(public, recovery_public_key(secret)):
        return None
    assert isinstance(envelope, dict)
    try:
        ephemeral = base64.b64decode(envelope["ephemeral"], validate=True)
        nonce = base64.b64decode(envelope["nonce"], validate=True)
        ciphertext = base64.b64decode(envelope["ciphertext"], validate=True)
        shared = _recovery_private(secret).exchange(X25519PublicKey.from_public_bytes(ephemeral))
        return AESGCM(_seal_key(shared, ephemeral, public)).decrypt(nonce, ciphertext, _SEAL_AAD)
    except (KeyError, TypeError, ValueError, binascii.Error, InvalidTag):
        return None


def recovery_file_content(envelope: dict) -> dict:
    """``ilot.secours``: a second copy of the sealed envelope, useless without the printed code."""
    return {"format": RECOVERY_FORMAT, "version": 1, "recovery": envelope}


def read_envelopes(paths: list[Path]) -> list[dict]:
    """The sealed envelopes found in key files and ``ilot.secours`` files (unreadable ones are skipped)."""
    found: list[dict] = []
    for path in paths:
        try:
            content = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            continue
        if isinstance(content, dict) and content.get("format") in (KEYFILE_FORMAT, RECOVERY_FORMAT):
            envelope = content.get("recovery")
            if isinstance(envelope, dict) and envelope_public_key(envelope) is not None:
                found.append(envelope)
    return found
