"""Read an encrypted vault the way an attacker holding the key would: every page decrypted, free ones too.

SQLCipher 4 defaults (what the application uses): 4096-byte pages, each encrypted with AES-256-CBC under
the raw data key; the last 80 bytes of a page are its IV (16) and HMAC-SHA512 (64); the first 16 bytes
of the file are the salt instead of SQLite's header. A logical dump (``SELECT *``) shows what a reader
sees; these bytes show what a forensic look at the file would find, including freed pages and the
unused space inside pages.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80  # IV (16) + HMAC-SHA512 (64)
SQLITE_HEADER = b"SQLite format 3\x00"


def decrypted_pages(db: Path, key: bytes) -> bytes:
    """The whole file decrypted page by page (page 1 with SQLite's magic header put back)."""
    data = Path(db).read_bytes()
    assert len(data) % PAGE_SIZE == 0, "not a whole number of SQLCipher pages"
    out = bytearray()
    for number in range(len(data) // PAGE_SIZE):
        page = data[number * PAGE_SIZE : (number + 1) * PAGE_SIZE]
        start = 16 if number == 0 else 0
        iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
        decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
        plain = decryptor.update(page[start : PAGE_SIZE - RESERVE]) + decryptor.finalize()
        out += (SQLITE_HEADER if number == 0 else b"") + plain + bytes(RESERVE)
    page_size = int.from_bytes(out[16:18], "big")
    assert page_size == PAGE_SIZE and out[20] == RESERVE, "page 1 did not decrypt: wrong key or format"
    return bytes(out)


def logical_dump(db: Path, key: bytes) -> str:
    """Every row of every table, as text, through a keyed raw connection."""
    from ilot_desktop.storage.engine import raw_connect

    connection = raw_connect(Path(db), key)
    try:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        lines = []
        for table in tables:
            for row in connection.execute(f'SELECT * FROM "{table}"'):
                lines.append(f"{table}: {row!r}")
        return "\n".join(lines)
    finally:
        connection.close()


def found_in(data: bytes, markers: tuple[str, ...] | list[str]) -> list[str]:
    """The markers present in ``data`` as UTF-8 (how SQLite stores text here)."""
    return [m for m in markers if m.encode("utf-8") in data]
