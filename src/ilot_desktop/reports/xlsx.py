"""What every workbook we write shares: XlsxWriter in memory, text as text, long texts continued.

Workbooks are built whole in a ``BytesIO`` by XlsxWriter in ``in_memory`` mode: no sheet ever goes
through a temporary file (openpyxl's writer spills each sheet into the system temp folder, which would
put names and notes outside the folder the person chose). The bytes are then written by
``safe_files.write_bytes``.

Values, never formulas: text is written with ``write_string`` and the workbook never turns strings into
formulas, numbers or links. Characters XML cannot carry (control characters pasted from elsewhere) are
dropped.

Long texts (``data-exchange.md``, "Long texts"): an Excel cell holds at most 32,767 characters (counted
in UTF-16 units). A longer text is cut into pieces continued in the next columns, headed
``<header> (suite 1)``, ``<header> (suite 2)``, ..., placed right after the column and written only when
some row of the sheet needs them; joining the pieces in order gives the text back. A piece never starts
or ends with white space when that can be avoided (a reader that trims cells loses nothing).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import xlsxwriter

MAX_CELL_TEXT = 32767  # Excel's limit for one cell, in UTF-16 code units
CONTINUATION = "{header} (suite {n})"
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_OPTIONS = {
    "in_memory": True,  # never a temporary file: the whole workbook lives in memory
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
    "remove_timezone": True,
}


def new_workbook(buffer: io.BytesIO) -> xlsxwriter.Workbook:
    """An XlsxWriter workbook written into ``buffer`` when closed, with the options above."""
    return xlsxwriter.Workbook(buffer, dict(_OPTIONS))


def clean_text(value: str) -> str:
    return _ILLEGAL.sub("", value)


def continuation_header(header: str, n: int) -> str:
    return CONTINUATION.format(header=header, n=n)


def _utf16_units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def _cut(text: str, limit: int) -> int:
    """Where the first piece of ``text`` (longer than ``limit`` UTF-16 units) ends."""
    units = 0
    end = 0
    for end, char in enumerate(text):  # noqa: B007 - ``end`` is used after the loop
        units += _utf16_units(char)
        if units > limit:
            break
    cut = end  # text[:end] holds at most ``limit`` units
    floor = max(1, cut // 2)
    back = cut
    while back > floor and (text[back - 1].isspace() or text[back].isspace()):
        back -= 1
    return back if back > floor else cut


def split_text(text: str, limit: int = MAX_CELL_TEXT) -> list[str]:
    """``text`` in pieces of at most ``limit`` UTF-16 units; ``"".join(pieces) == text``."""
    if len(text) <= limit // 2:
        return [text]
    total = sum(_utf16_units(c) for c in text)
    pieces: list[str] = []
    rest = text
    while total > limit:
        cut = _cut(rest, limit)
        pieces.append(rest[:cut])
        total -= sum(_utf16_units(c) for c in rest[:cut])
        rest = rest[cut:]
    pieces.append(rest)
    return pieces


def continued(
    headers: Sequence[str], rows: Sequence[Sequence[object]], limit: int = MAX_CELL_TEXT
) -> tuple[list[str], list[list[object]], list[int]]:
    """Headers and rows with the continuation columns a sheet needs, and for each output column the index
    of the column it comes from. Texts are cleaned of characters XML cannot carry."""
    pieces = [
        [split_text(clean_text(value), limit) if isinstance(value, str) else [value] for value in row] for row in rows
    ]
    extra = [max((len(row[c]) for row in pieces), default=1) - 1 for c in range(len(headers))]
    out_headers: list[str] = []
    origin: list[int] = []
    for c, header in enumerate(headers):
        out_headers.append(header)
        origin.append(c)
        for n in range(1, extra[c] + 1):
            out_headers.append(continuation_header(header, n))
            origin.append(c)
    out_rows = []
    for row in pieces:
        out: list[object] = []
        for c, cell in enumerate(row):
            out.extend(cell)
            out.extend([None] * (extra[c] + 1 - len(cell)))
        out_rows.append(out)
    return out_headers, out_rows, origin
