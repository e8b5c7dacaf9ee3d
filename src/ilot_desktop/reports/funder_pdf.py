"""The yearly summary for the funder: the Synthèse's figures and a few charts, on A4 pages.

It goes beside the funder ``.xlsx`` and carries the same figures (``YearIndicators.summary_rows``),
rates rounded half up. Charts are drawn with ``reportlab.graphics``: outcomes by category, age
brackets and housing at entry of the file active, barriers by category.

Privacy: aggregates only. No name, file number, date of birth or free text can be printed: the
document is built from ``YearIndicators`` counts and the vocabulary's fixed labels.
"""

from __future__ import annotations

import pathlib
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ilot_desktop import safe_files
from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.indicators import YearIndicators, format_value, percent
from ilot_desktop.reports.demo_mark import DEMO_MARK, draw_pdf_mark
from ilot_desktop.reports.fonts import INK, MUTED, draw_page_footer, register_fonts, render_with_page_count

NBSP = "\u00a0"
ORGANISATION = "L'Îlot"
FOOTER = (
    f"Chiffres agrégés, sans aucune donnée nominative{NBSP}— Îlot desktop, dispositif Dynamiques Emploi "
    "(Ville de Paris)."
)

_MARGIN_X = 16 * mm
_MARGIN_TOP = 14 * mm
_MARGIN_BOTTOM = 20 * mm
_FRAME_PAD = 6
SUMMARY_NOTE = (
    f"Taux arrondis au pourcentage le plus proche. Accès à l'emploi ou à la formation{NBSP}: personnes de "
    f"la file active ayant obtenu dans l'année un résultat autre qu'un abandon. Taux d'engagement{NBSP}: "
    f"1 − abandons / file active. Taux d'absence{NBSP}: absences / (entretiens réalisés + absences)."
)

_ACCENT = colors.HexColor("#1D4E89")
_PANEL = colors.HexColor("#F1F4F8")
_RULE = colors.HexColor("#C5CED9")
_RULE_LIGHT = colors.HexColor("#E1E6EC")
_BAR = colors.HexColor("#2F6DB5")
_BAR_EMPTY = colors.HexColor("#E4EAF1")
# Outcome categories: durable, transition, positive exit, drop-out.
_CATEGORY_COLOURS = ("#1D6B3A", "#4C9A5E", "#2F6DB5", "#B03A2E")


def _title(figures: YearIndicators) -> str:
    return f"Bilan Dynamiques Emploi {figures.year} — {ORGANISATION}"


def _styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=21, leading=26, textColor=INK),
        "subtitle": ParagraphStyle(
            "subtitle", fontName=regular, fontSize=12, leading=16, textColor=MUTED, spaceBefore=2
        ),
        "heading": ParagraphStyle(
            "heading", fontName=bold, fontSize=13, leading=17, textColor=_ACCENT, spaceBefore=12, spaceAfter=6
        ),
        "cell": ParagraphStyle("cell", fontName=regular, fontSize=10, leading=13, textColor=INK),
        "value": ParagraphStyle("value", fontName=bold, fontSize=10, leading=13, textColor=INK, alignment=2),
        "tile_value": ParagraphStyle(
            "tile_value", fontName=bold, fontSize=22, leading=26, textColor=_ACCENT, alignment=TA_CENTER
        ),
        "tile_label": ParagraphStyle(
            "tile_label", fontName=regular, fontSize=9, leading=11.5, textColor=INK, alignment=TA_CENTER
        ),
        "note": ParagraphStyle("note", fontName=regular, fontSize=8.5, leading=11, textColor=MUTED),
    }


def _rate(rate: Fraction | None) -> str:
    return "—" if rate is None else f"{percent(rate)}{NBSP}%"


def _people(count: int) -> str:
    return f"{count} personne" if count <= 1 else f"{count} personnes"  # French: « 0 personne »


def _tiles(figures: YearIndicators, st: dict[str, ParagraphStyle], width: float) -> Table:
    """The four figures the programme is judged on, large."""
    tiles = [
        (str(figures.file_active), "personnes suivies<br/>(file active)"),
        (
            _rate(figures.access_rate),
            f"accès à l'emploi ou à la formation<br/>({_people(figures.access)})",
        ),
        (
            _rate(figures.engagement_rate),
            f"taux d'engagement<br/>({figures.dropouts} abandon{'s' if figures.dropouts > 1 else ''})",
        ),
        (str(figures.entries), "entrées<br/>dans l'année"),
    ]
    cells = [[Paragraph(escape(v), st["tile_value"]), Paragraph(label, st["tile_label"])] for v, label in tiles]
    gap = 6
    tile_width = (width - 3 * gap) / 4
    inner = [Table([[v], [label]], colWidths=[tile_width - 8]) for v, label in cells]
    for t in inner:
        t.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ]
            )
        )
    row: list[Table | str] = []
    for index, t in enumerate(inner):
        row.append(t)
        if index < 3:
            row.append("")
    table = Table([row], colWidths=[tile_width, gap] * 3 + [tile_width])
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
        ("TOPPADDING", (0, 0), (-1, -1), 9),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 9),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    for column in range(0, 7, 2):
        style += [
            ("BACKGROUND", (column, 0), (column, 0), _PANEL),
            ("BOX", (column, 0), (column, 0), 0.6, _RULE),
        ]
    table.setStyle(TableStyle(style))
    return table


def _summary_table(figures: YearIndicators, st: dict[str, ParagraphStyle], width: float) -> Table:
    rows = [
        [Paragraph(escape(label), st["cell"]), Paragraph(escape(format_value(value)), st["value"])]
        for label, value in figures.summary_rows()
    ]
    table = Table(rows, colWidths=[width * 0.76, width * 0.24])
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, _RULE_LIGHT),
        ("BOX", (0, 0), (-1, -1), 0.6, _RULE),
    ]
    for index in range(0, len(rows), 2):
        style.append(("BACKGROUND", (0, index), (-1, index), _PANEL))
    table.setStyle(TableStyle(style))
    return table


def _bars(
    items: Sequence[tuple[str, int]],
    width: float,
    total: int | None = None,
    bar_colours: Sequence[str] | None = None,
    label_width: float | None = None,
) -> Drawing:
    """Horizontal bars, label on the left, count (and share of ``total``) at the end of each bar."""
    regular, bold = register_fonts()
    size, row, bar_height = 9.0, 16.5, 11.0
    if label_width is None:
        label_width = min(width * 0.45, _widest([label for label, _ in items]) + 8)
    value_room = 66.0
    bar_room = width - label_width - value_room
    most = max((count for _label, count in items), default=0)
    height = row * len(items) + 4
    drawing = Drawing(width, height, initialFontName=regular, initialFontSize=size)  # no stray Helvetica
    drawing.add(Line(label_width, 0, label_width, height, strokeColor=_RULE, strokeWidth=0.6))
    for index, (label, count) in enumerate(items):
        y = height - (index + 1) * row + (row - bar_height) / 2
        fitted = size  # a label too long for its column is set smaller rather than cut
        while fitted > 6.5 and stringWidth(label, regular, fitted) > label_width - 6:
            fitted -= 0.25
        drawing.add(
            String(
                label_width - 6,
                y + 2.5,
                label,
                fontName=regular,
                fontSize=fitted,
                fillColor=INK,
                textAnchor="end",
            )
        )
        length = bar_room * count / most if most else 0
        colour = colors.HexColor(bar_colours[index % len(bar_colours)]) if bar_colours else _BAR
        empty: dict[str, Any] = {"fillColor": _BAR_EMPTY, "strokeColor": None}
        drawing.add(Rect(label_width, y, bar_room, bar_height, **empty))
        if length:
            filled: dict[str, Any] = {"fillColor": colour, "strokeColor": None}
            drawing.add(Rect(label_width, y, length, bar_height, **filled))
        text = str(count)
        if total:
            text += f"  ({percent(Fraction(count, total))}{NBSP}%)"
        drawing.add(String(label_width + bar_room + 6, y + 2.5, text, fontName=bold, fontSize=size, fillColor=INK))
    return drawing


def _widest(labels: Sequence[str]) -> float:
    regular, _bold = register_fonts()
    return max((stringWidth(label, regular, 9.0) for label in labels), default=0.0)


def _chart(title: str, drawing: Drawing, note: str, st: dict[str, ParagraphStyle]) -> list:
    parts = [Paragraph(escape(title), st["heading"]), drawing]
    if note:
        parts += [Spacer(1, 3), Paragraph(escape(note), st["note"])]
    return parts


def _side_by_side(left: list, right: list, width: float, gap: float = 18) -> Table:
    table = Table([[left, "", right]], colWidths=[(width - gap) / 2, gap, (width - gap) / 2])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), register_fonts()[0]),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _story(figures: YearIndicators, width: float) -> list:
    st = _styles()
    profile = figures.profile
    total = figures.file_active
    story: list = [
        Paragraph(escape(_title(figures)), st["title"]),
        Paragraph(
            escape(f"Année {figures.year}, arrêté au {format_date(figures.as_of)}. File active{NBSP}: ")
            + escape(_people(total))
            + ".",
            st["subtitle"],
        ),
        Spacer(1, 10),
        _tiles(figures, st, width),
        Paragraph("Synthèse", st["heading"]),
        _summary_table(figures, st, width),
        Spacer(1, 4),
        Paragraph(escape(SUMMARY_NOTE), st["note"]),
    ]
    categories = [(c.label, c.count) for c in figures.outcomes_by_category]
    reached_types = [(c.label, c.count) for c in figures.outcomes_by_type if c.count]
    housing = [(c.label, c.count) for c in profile.housing]
    barriers = [(line.category.label, line.concerned) for line in figures.barriers]
    # Full-width charts share one label column, so their bars line up from page to page.
    labels = [label for items in (categories, reached_types, housing, barriers) for label, _ in items]
    column = min(width * 0.45, _widest(labels) + 8)
    story.append(
        KeepTogether(
            _chart(
                "Résultats par catégorie",
                _bars(categories, width, total, _CATEGORY_COLOURS, column),
                f"Personnes de la file active{NBSP}; une personne compte une fois par catégorie "
                "(entre parenthèses, la part de la file active).",
                st,
            )
        )
    )
    if reached_types:
        story.append(
            KeepTogether(
                _chart(
                    "Résultats par type",
                    _bars(reached_types, width, total, label_width=column),
                    f"Types obtenus au moins une fois dans l'année{NBSP}; une personne compte une fois par type.",
                    st,
                )
            )
        )
    half = (width - 18) / 2
    story += [
        Spacer(1, 6),
        _side_by_side(
            _chart(
                f"Âge au {format_date(profile.age_on)}",
                _bars([(c.label, c.count) for c in profile.age], half, total),
                "",
                st,
            ),
            _chart(
                "Situation judiciaire à l'entrée",
                _bars([(c.label, c.count) for c in profile.justice], half, total),
                "",
                st,
            ),
            width,
        ),
        KeepTogether(
            _chart(
                "Hébergement à l'entrée",
                _bars(housing, width, total, label_width=column),
                "",
                st,
            )
        ),
        KeepTogether(
            _chart(
                f"Freins périphériques{NBSP}: personnes concernées",
                _bars(barriers, width, total, label_width=column),
                "Frein de la catégorie identifié au plus tard à la date d'arrêté et non levé avant le "
                f"1er{NBSP}janvier.",
                st,
            )
        ),
    ]
    return story


def _build(target: BinaryIO, figures: YearIndicators, total_pages: int | None, demonstration: bool = False) -> int:
    regular, _bold = register_fonts()
    title = _title(figures)
    footer = f"{title}, arrêté au {format_date(figures.as_of)}"

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if demonstration:
            draw_pdf_mark(canvas, A4)
        left, right = _MARGIN_X + _FRAME_PAD, A4[0] - _MARGIN_X - _FRAME_PAD
        draw_page_footer(canvas, doc, left, right, footer, FOOTER, total_pages, _RULE)

    doc = SimpleDocTemplate(
        target,
        pagesize=A4,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        title=f"{DEMO_MARK} — {title}" if demonstration else title,
        author="Îlot desktop",
        subject=f"Indicateurs du dispositif Dynamiques Emploi, arrêtés au {format_date(figures.as_of)}",
        creator="Îlot desktop",
        lang="fr-FR",
        displayDocTitle=True,
        initialFontName=regular,  # no stray, non-embedded Helvetica in the font resources
    )
    doc.build(_story(figures, doc.width - 2 * _FRAME_PAD), onFirstPage=on_page, onLaterPages=on_page)
    return doc.page


def render_funder_summary(figures: YearIndicators, demonstration: bool = False) -> bytes:
    """The summary as PDF bytes (A4, French); from the demonstration, every page marked (``demo_mark``)."""
    return render_with_page_count(lambda target, pages: _build(target, figures, pages, demonstration))


def write_funder_summary(out: pathlib.Path, indicators: YearIndicators, demonstration: bool = False) -> None:
    """Write the PDF summary to ``out``, in a folder that must exist (``safe_files``)."""
    safe_files.write_bytes(pathlib.Path(out), render_funder_summary(indicators, demonstration))
