"""Issue 12 #5 in the access copy PDF: a long text is printed whole, flowing over the pages, and quickly."""

from __future__ import annotations

import io
import re
from datetime import date

import pypdf

from ilot_desktop.domain.access_copy import AccessCopy
from ilot_desktop.reports.access_copy import _CHUNK, _CHUNK_LINES, _chunks, render_access_copy
from tests.factories import make_participant


def test_chunks_keep_every_word_and_stay_short():
    text = (
        "\n".join(f"Ligne {i} : " + "une phrase de la note. " * (i % 40) for i in range(300))
        + "\n" * 30
        + "mot " * 5000
        + "x" * 2000
    )
    pieces = _chunks(text)
    assert "".join(" ".join(pieces).split()) == "".join(text.split())  # every character but white space
    assert all(len(p) <= _CHUNK and p.count("\n") < _CHUNK_LINES for p in pieces)
    assert _chunks("court") == ["court"] and _chunks("") == [""]


def test_a_100000_character_note_flows_over_the_pages_whole():
    words = [f"mot{i}" for i in range(14_000)]
    notes = "\n".join(" ".join(words[i : i + 150]) + "." for i in range(0, len(words), 150))  # ~100,000
    copy = AccessCopy(make_participant(id=1, notes=notes), date(2026, 11, 27))
    reader = pypdf.PdfReader(io.BytesIO(render_access_copy(copy)))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    text = " ".join(pages)
    found = re.findall(r"mot(\d+)", text)
    assert [int(n) for n in found] == list(range(14_000))  # every word, in order, once
    middle = [p for p in pages if "mot" in p][1:-1]
    assert len(middle) >= 10
    # the section's name heads each page it goes on over, once (never again in the middle of a page)
    assert all(p.count("Notes") == 1 for p in middle)
