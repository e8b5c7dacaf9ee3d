"""The copy of a person's data (right of access) as a PDF: readable, French, complete.

Built from ``AccessCopy`` through ``domain/access_copy.py``, the same text as the workbook: the file
field by field, then every kind of record (appointments with their reports, barriers and their history,
the action plan, collective actions, outcomes, the access log). A4, DejaVu Sans embedded, the house
style of the funder summary. The document names the person: it is handed to them, never printed for
anyone else.
"""

from __future__ import annotations

from typing import IO, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ilot_desktop.domain.access_copy import (
    EMPTY,
    ORGANISATION,
    PROGRAMME,
    RIGHTS_TEXT,
    AccessCopy,
    CopyTable,
    copy_tables,
    participant_fields,
)
from ilot_desktop.domain.dates import format_long_date
from ilot_desktop.reports.demo_mark import DEMO_MARK, draw_pdf_mark
from ilot_desktop.reports.fonts import INK, MUTED, draw_page_footer, register_fonts, render_with_page_count
from ilot_desktop.reports.right_to_left import visual_order

NBSP = "\u00a0"
CONFIDENTIAL = "Document confidentiel : il contient des données personnelles et sensibles."

_MARGIN_X = 16 * mm
_MARGIN_TOP = 14 * mm
_MARGIN_BOTTOM = 20 * mm
_FRAME_PAD = 6
_ACCENT = colors.HexColor("#1D4E89")
_PANEL = colors.HexColor("#F1F4F8")
_RULE = colors.HexColor("#C5CED9")
_RULE_LIGHT = colors.HexColor("#E1E6EC")
_MAX_GRID_COLUMNS = 5  # wider tables are laid out record by record
_CHUNK = 600  # a long text goes in paragraphs of at most this many characters and _CHUNK_LINES lines, so that
_CHUNK_LINES = 10  # each is far shorter than a page: pages break between them, leaving little blank below


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=19, leading=24, textColor=INK),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=regular, fontSize=11, leading=15, textColor=MUTED, spaceBefore=2
        ),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=13, leading=17, textColor=_ACCENT, spaceBefore=12, spaceAfter=5
        ),
        "subheading": ParagraphStyle("subheading", fontName=bold, fontSize=10.5, leading=14, textColor=INK),
        "rights": ParagraphStyle("rights", fontName=regular, fontSize=9.5, leading=13, textColor=INK, spaceAfter=3),
        "label": ParagraphStyle("label", fontName=regular, fontSize=9.5, leading=12.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=9.5, leading=12.5, textColor=INK),
        "head": ParagraphStyle("head", fontName=bold, fontSize=9, leading=12, textColor=INK),
        "record": ParagraphStyle("record", fontName=bold, fontSize=9.5, leading=12.5, textColor=INK),
        "note": ParagraphStyle("note", fontName=regular, fontSize=9, leading=12, textColor=MUTED),
    }


def _user(value: str) -> str:
    """Text typed by someone, for a Paragraph: escaped, right-to-left words ordered, line breaks kept."""
    lines = (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "<br/>".join(escape(visual_order(" ".join(line.split()))) for line in lines)


def _chunks(value: str) -> list[str]:
    """A text in pieces of at most ``_CHUNK`` characters and ``_CHUNK_LINES`` lines, cut at line breaks, else at
    the end of a sentence, else at a space: each piece is a paragraph of its own, so that a note of 100,000
    characters flows over the pages in a second (one huge paragraph split page after page took a minute).
    Joined, the pieces give every word back."""
    pieces: list[str] = []
    current = ""
    lines = 0
    for line in (value or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        while len(line) > _CHUNK:
            cut = line.rfind(". ", _CHUNK // 2, _CHUNK) + 1 or line.rfind(" ", _CHUNK // 2, _CHUNK)
            cut = cut if cut > 0 else _CHUNK
            if current:
                pieces.append(current)
                current, lines = "", 0
            pieces.append(line[:cut])
            line = line[cut:].lstrip(" ")
        if current and (len(current) + len(line) + 1 > _CHUNK or lines >= _CHUNK_LINES):
            pieces.append(current)
            current, lines = line, 1
        else:
            current = f"{current}\n{line}" if current else line
            lines += 1
    pieces.append(current)
    return pieces


def _grid(rows: list[list], widths: list[float], header: bool, continued: frozenset[int] | None = None) -> Table:
    """A bordered table; rows in ``continued`` carry on the text of the row above (no rule, no gap).

    Without ``continued``, a cell taller than a page goes on over the next page (``splitInRow``). With it, long
    texts are already cut (``_chunks``) in rows far shorter than a page, and pages break between rows only: a
    row split inside, then a break between rows, made reportlab repeat the header row in the middle of a page."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=0 if continued is not None else 1)
    continued = continued or frozenset()
    style: list[Any] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("BOX", (0, 0), (-1, -1), 0.6, _RULE),
    ]
    for row in range(len(rows) - 1):
        if row + 1 in continued:
            style += [("BOTTOMPADDING", (0, row), (-1, row), 0), ("TOPPADDING", (0, row + 1), (-1, row + 1), 0)]
        else:
            style.append(("LINEBELOW", (0, row), (-1, row), 0.4, _RULE_LIGHT))
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), _PANEL))
    table.setStyle(TableStyle(style))
    return table


def _file_section(copy: AccessCopy, st: dict[str, ParagraphStyle], width: float) -> list:
    story: list = [Paragraph("Votre dossier", st["heading"])]
    sections: dict[str, list[tuple[str, str]]] = {}
    for section, label, value in participant_fields(copy.participant):
        sections.setdefault(section, []).append((label, value))
    for section, items in sections.items():
        # the section's name is the table's first row: repeated if the table goes on over the page
        rows: list[list] = [[Paragraph(escape(section), st["subheading"]), ""]]
        continued: set[int] = set()
        for label, value in items:
            for n, piece in enumerate(_chunks(value)):
                if n:
                    continued.add(len(rows))
                label_cell = "" if n else Paragraph(escape(label), st["label"])
                rows.append([label_cell, Paragraph(_user(piece), st["cell"])])
        table = _grid(rows, [width * 0.3, width * 0.7], True, frozenset(continued))
        table.setStyle(TableStyle([("SPAN", (0, 0), (-1, 0))]))
        story += [Spacer(1, 6), table]
    return story


def _records(table: CopyTable, st: dict[str, ParagraphStyle], width: float) -> list:
    """Record by record: the short fields on one line, then each free text under its label."""
    story: list = []
    short = [i for i in range(len(table.headers)) if i not in table.long]
    for row in table.rows:
        summary = " · ".join(
            f"{escape(table.headers[i])}{NBSP}: {_user(row[i])}" if i else _user(row[i])
            for i in short
            if row[i] != EMPTY
        )
        block = [Paragraph(summary, st["record"])]
        for i in sorted(table.long):
            if row[i] != EMPTY:
                first, *rest = _chunks(row[i])
                block.append(Paragraph(f"<i>{escape(table.headers[i])}</i>{NBSP}: {_user(first)}", st["cell"]))
                block += [Paragraph(_user(piece), st["cell"]) for piece in rest]
        inner = Table([[b] for b in block], colWidths=[width], splitInRow=1)
        inner.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
                    ("LEFTPADDING", (0, 0), (-1, -1), 6),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.4, _RULE_LIGHT),
                ]
            )
        )
        story.append(inner)
    return story


def _table_section(table: CopyTable, st: dict[str, ParagraphStyle], width: float) -> list:
    heading = Paragraph(f"{escape(table.title)} ({len(table.rows)})", st["heading"])
    if not table.rows:
        return [KeepTogether([heading, Paragraph(escape(table.empty), st["note"])])]
    if table.long or len(table.headers) > _MAX_GRID_COLUMNS:
        records = _records(table, st, width)
        return [KeepTogether([heading, records[0]]), *records[1:]]
    head = [Paragraph(escape(h), st["head"]) for h in table.headers]
    rows = [[Paragraph(_user(value), st["cell"]) for value in row] for row in table.rows]
    return [heading, _grid([head, *rows], [width / len(table.headers)] * len(table.headers), True)]


def _story(copy: AccessCopy, width: float) -> list:
    st = _styles()
    p = copy.participant
    story: list = [
        Paragraph(_user(copy.title), st["title"]),
        Paragraph(
            escape(
                f"Dossier {p.file_number} · {ORGANISATION}, dispositif {PROGRAMME} · document établi le "
                f"{format_long_date(copy.made_on)}"
            ),
            st["subtitle"],
        ),
        Spacer(1, 8),
    ]
    rights = Table([[Paragraph(escape(line), st["rights"])] for line in RIGHTS_TEXT], colWidths=[width])
    rights.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
                ("BACKGROUND", (0, 0), (-1, -1), _PANEL),
                ("BOX", (0, 0), (-1, -1), 0.6, _RULE),
                ("LEFTPADDING", (0, 0), (-1, -1), 9),
                ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                ("TOPPADDING", (0, 0), (0, 0), 7),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 5),
            ]
        )
    )
    story.append(rights)
    story += _file_section(copy, st, width)
    for table in copy_tables(copy):
        story += _table_section(table, st, width)
    return story


def _build(target: IO[bytes], copy: AccessCopy, total_pages: int | None, demonstration: bool = False) -> int:
    regular, _bold = register_fonts()
    footer = visual_order(copy.title)

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if demonstration:
            draw_pdf_mark(canvas, A4)
        left, right = _MARGIN_X + _FRAME_PAD, A4[0] - _MARGIN_X - _FRAME_PAD
        draw_page_footer(canvas, doc, left, right, footer, CONFIDENTIAL, total_pages, _RULE)

    doc = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        title=f"{DEMO_MARK} — {copy.title}" if demonstration else copy.title,
        author=ORGANISATION,
        subject="Copie des données personnelles (droit d'accès)",
        creator="Îlot desktop",
        lang="fr-FR",
        displayDocTitle=True,
        initialFontName=regular,  # no stray, non-embedded Helvetica in the font resources
    )
    doc.build(_story(copy, doc.width - 2 * _FRAME_PAD), onFirstPage=on_page, onLaterPages=on_page)
    return doc.page


def render_access_copy(copy: AccessCopy, demonstration: bool = False) -> bytes:
    """The copy as PDF bytes (A4, French); from the demonstration, every page marked (``demo_mark``)."""
    return render_with_page_count(lambda target, pages: _build(target, copy, pages, demonstration))
