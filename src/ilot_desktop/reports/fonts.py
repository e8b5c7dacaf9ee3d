"""The embedded fonts and paragraph styles shared by every PDF the application prints.

DejaVu Sans (regular and bold) ships in ``resources/fonts``. Registering it as a TrueType font makes
reportlab embed a subset in each PDF, so accents, « guillemets » and non-breaking spaces print the
same on every computer. Sizes are generous on purpose: some readers of these documents read little.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ilot_desktop.paths import resource_path

if TYPE_CHECKING:
    from reportlab.lib.colors import Color
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import BaseDocTemplate

FONT_REGULAR = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

INK = colors.HexColor("#1F2933")
MUTED = colors.HexColor("#52606D")

_lock = threading.Lock()
_registered = False


def register_fonts() -> tuple[str, str]:
    """Register DejaVu Sans regular and bold once; return their names ``(regular, bold)``."""
    global _registered
    with _lock:
        if not _registered:
            known = set(pdfmetrics.getRegisteredFontNames())
            if FONT_REGULAR not in known:
                pdfmetrics.registerFont(TTFont(FONT_REGULAR, str(resource_path("fonts", "DejaVuSans.ttf"))))
            if FONT_BOLD not in known:
                pdfmetrics.registerFont(TTFont(FONT_BOLD, str(resource_path("fonts", "DejaVuSans-Bold.ttf"))))
            # So that <b>…</b> inside a paragraph picks the bold face.
            pdfmetrics.registerFontFamily(
                FONT_REGULAR, normal=FONT_REGULAR, bold=FONT_BOLD, italic=FONT_REGULAR, boldItalic=FONT_BOLD
            )
            _registered = True
    return FONT_REGULAR, FONT_BOLD


def para_styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles ``title``, ``heading``, ``body``, ``small`` and ``code`` in DejaVu Sans."""
    regular, bold = register_fonts()
    return {
        "title": ParagraphStyle(
            "title", fontName=bold, fontSize=22, leading=28, textColor=INK, alignment=TA_LEFT, spaceAfter=4
        ),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=14, leading=19, textColor=INK, spaceBefore=10, spaceAfter=4
        ),
        "body": ParagraphStyle("body", fontName=regular, fontSize=11.5, leading=16, textColor=INK, spaceAfter=4),
        "small": ParagraphStyle("small", fontName=regular, fontSize=9, leading=12, textColor=MUTED),
        "code": ParagraphStyle("code", fontName=bold, fontSize=18, leading=24, textColor=INK),
    }


def draw_page_footer(
    canvas: Canvas,
    doc: BaseDocTemplate,
    left: float,
    right: float,
    first_line: str,
    second_line: str,
    total_pages: int | None,
    rule_colour: Color,
) -> None:
    """A thin rule and two small lines at the foot of an A4 page, with "Page n sur N" when the total is known."""
    from reportlab.lib.units import mm

    regular, _bold = register_fonts()
    canvas.saveState()
    canvas.setStrokeColor(rule_colour)
    canvas.setLineWidth(0.5)
    canvas.line(left, 15 * mm, right, 15 * mm)
    canvas.setFont(regular, 8)
    canvas.setFillColor(MUTED)
    canvas.drawString(left, 11 * mm, first_line)
    canvas.drawString(left, 7.5 * mm, second_line)
    if total_pages:
        canvas.drawRightString(right, 11 * mm, f"Page {doc.page} sur {total_pages}")
    canvas.restoreState()


def render_with_page_count(build: Callable[[BinaryIO, int | None], int]) -> bytes:
    """PDF bytes from ``build(target, total_pages) -> pages``, called twice: a first pass into a scratch buffer
    counts the pages, so that the real one can print « Page 1 sur 3 »."""
    import io

    pages = build(io.BytesIO(), None)
    out = io.BytesIO()
    build(out, pages)
    return out.getvalue()
