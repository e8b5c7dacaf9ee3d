"""The mark of every document made from the demonstration's fictional people.

A trainee exploring the demonstration can print a plan, a week or write the funder file like anyone: each
of those files says « DONNÉES FICTIVES — DÉMONSTRATION » so that invented figures are never mistaken for
real ones (nor sent to the funder). PDFs: a red line at the top of every page and a light diagonal
watermark beneath the content (drawn first, so it never hides a word). Workbooks: a first sheet whose cell
A1 says it, the same words in the page header of every sheet (printed) and in the workbook's properties.
Documents of a real file carry none of it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ilot_desktop.domain.demonstration import DEMO_EXPLANATION, DEMO_MARK, DEMO_SHEET
from ilot_desktop.reports.fonts import register_fonts

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas
    from xlsxwriter.workbook import Workbook

__all__ = ["DEMO_MARK", "draw_pdf_mark", "finish_workbook_mark", "mark_workbook"]

_MARK_RED = colors.HexColor("#B3261E")  # 6.6:1 on white
_WATERMARK_ALPHA = 0.09  # light enough to read every word above it


def draw_pdf_mark(canvas: Canvas, page_size: tuple[float, float]) -> None:
    """The mark on the current page: the top line, then the diagonal watermark (call before the content)."""
    _regular, bold = register_fonts()
    width, height = page_size
    canvas.saveState()
    canvas.setFillColor(_MARK_RED)
    canvas.setFont(bold, 9)
    canvas.drawCentredString(width / 2, height - 6.5 * mm, DEMO_MARK)
    canvas.setFillAlpha(_WATERMARK_ALPHA)
    # along the page's diagonal, over three quarters of it: whole on the page, whatever its size
    size = min(60.0, 0.75 * math.hypot(width, height) / stringWidth(DEMO_MARK, bold, 1))
    canvas.setFont(bold, size)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(math.degrees(math.atan2(height, width)))
    canvas.drawCentredString(0, -size / 3, DEMO_MARK)
    canvas.restoreState()


def mark_workbook(book: Workbook) -> None:
    """Call before any other sheet is added: the « Démonstration » sheet first (and shown at opening), with
    the mark in A1; ``finish_workbook_mark`` then heads every sheet's printed pages and sets the properties."""
    sheet = book.add_worksheet(DEMO_SHEET)
    big = book.add_format({"bold": True, "font_size": 16, "font_color": "#B3261E", "bg_color": "#FDECEA"})
    sheet.set_column(0, 0, 110)
    sheet.set_row(0, 30)
    sheet.write_string(0, 0, DEMO_MARK, big)
    sheet.write_string(1, 0, DEMO_EXPLANATION, book.add_format({"text_wrap": True, "valign": "top"}))
    sheet.set_row(1, 36)
    sheet.set_tab_color("#B3261E")
    sheet.activate()


def finish_workbook_mark(book: Workbook, title: str) -> None:
    """The mark in every sheet's printed header and in the properties (title, subject, keywords)."""
    for sheet in book.worksheets():
        sheet.set_header(f"&C&B{DEMO_MARK}")
    book.set_properties(
        {
            "author": "Îlot desktop",
            "title": f"{DEMO_MARK} — {title}",
            "subject": DEMO_MARK,
            "keywords": "démonstration, données fictives",
            "comments": DEMO_EXPLANATION,
        }
    )
