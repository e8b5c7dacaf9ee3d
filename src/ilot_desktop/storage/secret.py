"""Key material that must not outlive a lock in the process's memory.

Python frees memory without clearing it: a ``bytes`` key or the ``str`` of a ``PRAGMA key`` statement, once
dropped, stays readable in the process (a memory dump, a swap file, a crash report) until the allocator happens
to reuse the block. The data key therefore lives in a ``bytearray`` that is overwritten when the vault locks
(``DataKey``), and the few immutable copies Python forces on us are overwritten in place before being let go:

* ``wipe(buffer)``: zero a ``bytearray`` (or a writable ``memoryview``);
* ``wipe_immutable(obj)``: zero the characters of a ``bytes`` or an ASCII ``str`` *that this code created and
  that nobody else uses*. CPython keeps them inline after a fixed header; the address is checked against the
  expected content before anything is written, and nothing is written when it does not match (another Python,
  a shared or non-ASCII object), so the worst case is a copy left as it was. Never call it on an object that
  may be shared: an interned string, a one-character string, a dictionary key still in use.
* ``key_statement(key, "key" | "rekey")``: the ``PRAGMA key = "x'…'"`` text built from a bytearray and wiped
  as soon as SQLCipher has read it.

What Python cannot reach is said in docs/privacy.md (« Mémoire »).
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Iterator
from contextlib import contextmanager

_HEX = b"0123456789abcdef"
# Where CPython stores the characters of a bytes object and of a compact ASCII str: after the header, whose
# size is what a fresh two-character one occupies minus its characters and terminating NUL. Never measured on
# the shared empty string: on Windows, CPython 3.11 caches a wide-character copy on it once some call has
# needed one (a path, a library's import), and sys.getsizeof("") counts that copy too.
_BYTES_DATA = sys.getsizeof(bytes(2)) - 3
_ASCII_DATA = sys.getsizeof("".join(["a", "b"])) - 3


def wipe(buffer: bytearray | memoryview) -> None:
    """Overwrite a mutable buffer with zeros, in place (no reallocation)."""
    view = memoryview(buffer).cast("B")
    view[:] = bytes(len(view))


def wipe_immutable(obj: bytes | str) -> bool:
    """Zero the content of a ``bytes`` or ASCII ``str`` only this code holds. True when it was overwritten.

    Safe because: the address is computed from CPython's documented object layout and *checked* (the memory
    there must equal the object's content) before writing; zero- and one-character objects (shared
    singletons) are refused; non-ASCII strings (other layouts) are refused. The object is left with the same
    length and a stale cached hash: callers drop it right away and never use it as a key afterwards.
    """
    if sys.implementation.name != "cpython" or len(obj) < 2:
        return False
    if type(obj) is bytes:
        offset, expected = _BYTES_DATA, obj
    elif type(obj) is str and obj.isascii():
        offset, expected = _ASCII_DATA, obj.encode("ascii")
    else:
        return False
    address = id(obj) + offset
    if ctypes.string_at(address, len(expected)) != expected:
        return False
    ctypes.memset(address, 0, len(expected))
    return True


def scrub_freed_small_objects(per_size: int = 1000) -> None:
    """Overwrite the small blocks Python freed (pymalloc, objects up to 512 bytes: names, numbers, dates…).

    CPython gives no way to clear freed memory; this allocates zero-filled objects of every small size, which
    takes the freed blocks first, then frees them again: what they held is overwritten with zeros. It cannot
    reach freed blocks beyond ``per_size`` of a size, nor larger objects (glibc's heap).
    """
    held = []
    for size in range(_BYTES_DATA + 16, 513, 8):
        held.append([bytes(size - _BYTES_DATA - 1) for _ in range(per_size)])
    del held
    _release_free_pages()


def _release_free_pages() -> None:
    """glibc: give whole free pages of the heap back to the system (``malloc_trim``); a page given back reads
    as zeros if it is used again. Larger objects (a long compte rendu) are freed into that heap."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None)
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # not glibc (musl…)
        return
    trim.argtypes = [ctypes.c_size_t]
    trim(0)


class DataKey:
    """The data key in a buffer of its own, overwritten by ``wipe()`` (at lock). Copies ``key`` at creation:
    the caller's ``bytes`` is the caller's to wipe (``wipe_immutable``) once it no longer needs it."""

    __slots__ = ("_buffer",)

    def __init__(self, key: bytes | bytearray):
        self._buffer = bytearray(key)

    @property
    def buffer(self) -> bytearray:
        if not any(self._buffer):
            raise RuntimeError("the data key was wiped (vault locked)")
        return self._buffer

    def wipe(self) -> None:
        wipe(self._buffer)

    @property
    def wiped(self) -> bool:
        return not any(self._buffer)


@contextmanager
def key_statement(key: bytes | bytearray, pragma: str = "key") -> Iterator[str]:
    """``PRAGMA key = "x'…'"`` (or ``rekey``) for raw-key mode, wiped when the block ends.

    The hex digits are written into a bytearray, decoded once into the str SQLCipher needs, and both are zeroed
    afterwards: no intermediate ``key.hex()`` string is left behind.
    """
    if pragma not in ("key", "rekey"):
        raise ValueError(pragma)
    head, tail = f"PRAGMA {pragma} = \"x'".encode("ascii"), b"'\""
    text = bytearray(len(head) + 2 * len(key) + len(tail))
    text[: len(head)] = head
    position = len(head)
    for byte in key:
        text[position] = _HEX[byte >> 4]
        text[position + 1] = _HEX[byte & 15]
        position += 2
    text[position:] = tail
    statement = text.decode("ascii")
    wipe(text)
    try:
        yield statement
    finally:
        wipe_immutable(statement)
