"""The one-page recovery sheet printed when a vault is created.

It carries the recovery code (the data key in Crockford base32, see ``storage/keys.py``), what the code
is for, how to type it and where to keep the sheet. It never carries any participant data.
"""

from __future__ import annotations

import datetime
import io
import pathlib
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    KeepInFrame,
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ilot_desktop import safe_files
from ilot_desktop.reports.fonts import INK, MUTED, para_styles, register_fonts

TITLE = "Îlot desktop — Feuille de secours"
# No-break space before « : ; ! ? » and inside « guillemets ». Not U+202F: reportlab's line breaking
# treats the narrow no-break space as an ordinary breakable space.
NBSP = "\u00a0"

_MARGIN_X = 16 * mm
_MARGIN_TOP = 16 * mm
_MARGIN_BOTTOM = 20 * mm  # room for the footer line
_FRAME_PAD = 6  # SimpleDocTemplate's frame padding on each side
_PANEL = colors.HexColor("#F1F4F8")
_PANEL_EDGE = colors.HexColor("#C5CED9")
_CAUTION = colors.HexColor("#FFF7E6")
_CAUTION_EDGE = colors.HexColor("#D9A441")
_MAX_HINT_CHARS = 240


def _fr_date(day: datetime.date) -> str:
    return day.strftime("%d/%m/%Y")


def _item(paragraph: Paragraph) -> Any:
    """A numbered or bulleted entry: reportlab's ListItem, which ListFlowable takes beside flowables (its type
    stubs know only flowables)."""
    return ListItem(paragraph)


def _q(text: str) -> str:
    """French quotation marks with non-breaking spaces inside."""
    return f"«{NBSP}{text}{NBSP}»"


def _groups(recovery_code: str) -> list[str]:
    compact = "".join(c for c in recovery_code.upper() if c.isalnum())
    return [compact[i : i + 4] for i in range(0, len(compact), 4)]


def _shorten(text: str, limit: int = _MAX_HINT_CHARS) -> str:
    if len(text) <= limit:
        return text
    keep = (limit - 1) // 2
    return f"{text[:keep]}…{text[-keep:]}"


class _Blank(Flowable):
    """A handwriting line for the caseworker to fill in by hand."""

    def __init__(self, height: float = 14.0) -> None:
        super().__init__()
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(MUTED)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 0, self.width, 0)


class _CodeGrid(Flowable):
    """The code groups in numbered boxes, seven per row, so it can be read aloud group by group."""

    def __init__(self, groups: list[str], font: str, label_font: str, columns: int = 7) -> None:
        super().__init__()
        self.groups = groups
        self.font = font
        self.label_font = label_font
        self.columns = columns
        self.rows = max(1, -(-len(groups) // columns))
        self.gap = 5.0
        self.label_size = 8.5
        self.label_height = 13.0
        self.box_height = 40.0
        self.row_gap = 10.0
        self.char_space = 1.0
        self.font_size = 18.0

    def _text_width(self, group: str, size: float) -> float:
        return stringWidth(group, self.font, size) + self.char_space * max(0, len(group) - 1)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.cell_width = (avail_width - self.gap * (self.columns - 1)) / self.columns
        # One size for every group, shrunk only if an unusually wide group (WWWW…) would not fit.
        size = 18.0
        widest = max((self._text_width(g, size) for g in self.groups), default=0.0)
        room = self.cell_width - 11.0
        if widest > room:
            size = max(10.0, size * room / widest)
        self.font_size = size
        self.height = self.rows * (self.label_height + self.box_height) + (self.rows - 1) * self.row_gap
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        for row in range(self.rows):
            chunk = self.groups[row * self.columns : (row + 1) * self.columns]
            label_base = top - self.label_height + 3.0
            box_top = top - self.label_height
            box_bottom = box_top - self.box_height
            # Numbers first, then the groups: text extraction then reads the groups in order.
            canvas.setFillColor(MUTED)
            canvas.setFont(self.label_font, self.label_size)
            for col in range(len(chunk)):
                centre = col * (self.cell_width + self.gap) + self.cell_width / 2
                canvas.drawCentredString(centre, label_base, str(row * self.columns + col + 1))
            canvas.setStrokeColor(_PANEL_EDGE)
            canvas.setLineWidth(1)
            canvas.setFillColor(colors.white)
            for col in range(len(chunk)):
                x = col * (self.cell_width + self.gap)
                canvas.roundRect(x, box_bottom, self.cell_width, self.box_height, 4, stroke=1, fill=1)
            canvas.setFillColor(INK)
            baseline = box_bottom + (self.box_height - self.font_size * 0.72) / 2
            for col, group in enumerate(chunk):
                x = col * (self.cell_width + self.gap)
                text = canvas.beginText()
                text.setFont(self.font, self.font_size)
                text.setCharSpace(self.char_space)
                left = x + (self.cell_width - self._text_width(group, self.font_size)) / 2
                text.setTextOrigin(left, baseline)
                text.textOut(group)
                canvas.saveState()  # the character spacing must not leak into the next row's numbers
                canvas.drawText(text)
                canvas.restoreState()
            top = box_bottom - self.row_gap


def _story(recovery_code: str, created_on: datetime.date, folder_hint: str, width: float) -> list[Flowable]:
    regular, bold = register_fonts()
    st = para_styles()
    body, heading, small = st["body"], st["heading"], st["small"]
    date_text = _fr_date(created_on)

    lead = ParagraphStyle("lead", parent=body, fontSize=12, leading=17)
    meta = ParagraphStyle("meta", parent=body, textColor=MUTED, spaceAfter=0)
    panel_title = ParagraphStyle("panel_title", parent=heading, spaceBefore=0, spaceAfter=2)
    panel_note = ParagraphStyle("panel_note", parent=small, alignment=TA_CENTER, fontSize=9.5, leading=13)
    bullet = ParagraphStyle("bullet", parent=body, spaceAfter=3)

    story: list[Flowable] = [
        Paragraph(escape(TITLE), st["title"]),
        Paragraph(f"Date de création{NBSP}: {date_text}", meta),
        Spacer(1, 10),
        Paragraph(
            "Cette feuille contient le <b>code de secours</b> du fichier chiffré d'Îlot desktop. "
            f"Gardez-la précieusement{NBSP}: elle permet de retrouver l'accès aux dossiers "
            "en cas de problème.",
            lead,
        ),
        Spacer(1, 10),
    ]

    panel = Table(
        [
            [Paragraph("Code de secours", panel_title)],
            [_CodeGrid(_groups(recovery_code), bold, regular)],
            [
                Paragraph(
                    "14 groupes de 4 caractères. Lisez-les ou tapez-les groupe par groupe, dans l'ordre des numéros.",
                    panel_note,
                )
            ],
        ],
        colWidths=[width],
    )
    panel.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("BACKGROUND", (0, 0), (-1, -1), _PANEL),
                ("BOX", (0, 0), (-1, -1), 0.8, _PANEL_EDGE),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, 0), 10),
                ("TOPPADDING", (0, 1), (-1, -1), 2),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ]
        )
    )
    story += [panel, Spacer(1, 8)]

    story += [
        Paragraph(f"À quoi sert ce code{NBSP}?", heading),
        Paragraph(
            f"Il ouvre le fichier chiffré si le <b>mot de passe est oublié</b> ou si le fichier de clé "
            f"{_q('ilot.key')} est <b>perdu</b>. Avec le fichier de données {_q('ilot.db')}, ce code suffit "
            "pour ouvrir tous les dossiers.",
            body,
        ),
        Paragraph(f"Comment l'utiliser{NBSP}?", heading),
        ListFlowable(
            [
                _item(
                    Paragraph(
                        "Ouvrez Îlot desktop. Sur l'écran de déverrouillage, cliquez sur "
                        f"{_q(f'Mot{NBSP}de{NBSP}passe{NBSP}oublié{NBSP}?')}.",
                        bullet,
                    )
                ),
                _item(
                    Paragraph(
                        "Tapez le code. Les minuscules sont acceptées et les tirets peuvent être omis.",
                        bullet,
                    )
                ),
                _item(
                    Paragraph(
                        f"Le code ne contient jamais les lettres O, I ou L{NBSP}: si vous les tapez, "
                        "elles sont lues comme les chiffres 0, 1 et 1.",
                        bullet,
                    )
                ),
            ],
            bulletType="1",
            bulletFormat="%s.",
            bulletFontName=bold,
            bulletFontSize=body.fontSize,
            leftIndent=18,
        ),
        Spacer(1, 8),
    ]

    caution_title = ParagraphStyle("caution_title", parent=heading, spaceBefore=0)
    caution = Table(
        [
            [Paragraph("Où ranger cette feuille", caution_title)],
            [
                ListFlowable(
                    [
                        _item(
                            Paragraph(
                                "Conservez cette feuille dans le coffre du bureau, jamais avec l'ordinateur.",
                                bullet,
                            )
                        ),
                        _item(Paragraph("Ne la photographiez pas, ne l'envoyez pas par e-mail.", bullet)),
                        _item(
                            Paragraph(
                                "Toute personne qui a cette feuille et le fichier peut lire les dossiers.",
                                bullet,
                            )
                        ),
                    ],
                    bulletType="bullet",
                    start="•",
                    bulletFontName=bold,
                    leftIndent=14,
                )
            ],
        ],
        colWidths=[width],
    )
    caution.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("BACKGROUND", (0, 0), (-1, -1), _CAUTION),
                ("LINEBEFORE", (0, 0), (0, -1), 4, _CAUTION_EDGE),
                ("LEFTPADDING", (0, 0), (-1, -1), 14),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, 0), 9),
                ("TOPPADDING", (0, 1), (-1, -1), 0),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
            ]
        )
    )
    story += [caution, Spacer(1, 16)]

    field = ParagraphStyle("field", parent=body, spaceAfter=0)
    stored = Table(
        [[Paragraph(f"Rangée le{NBSP}:", field), _Blank(), Paragraph(f"par{NBSP}:", field), _Blank()]],
        colWidths=[33 * mm, 62 * mm, 22 * mm, width - 117 * mm],
        rowHeights=[40],
    )
    stored.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("BOX", (0, 0), (-1, -1), 0.8, _PANEL_EDGE),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (0, 0), 12),
                ("LEFTPADDING", (2, 0), (2, 0), 20),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 14),
            ]
        )
    )
    hint = _shorten(" ".join(folder_hint.split())) or "non précisé"
    story += [
        stored,
        Spacer(1, 16),
        Paragraph(
            f"Dossier du fichier de données {_q('ilot.db')} au moment de l'impression{NBSP}: {escape(hint)}",
            small,
        ),
    ]
    return story


def write_recovery_sheet(out: pathlib.Path, recovery_code: str, created_on: datetime.date, folder_hint: str) -> None:
    """Write the one-page A4 recovery sheet (French) to ``out``, in a folder that must exist.

    A mistyped folder is refused (StorageEnvironmentError) rather than created somewhere unexpected.
    """
    out = pathlib.Path(out)
    safe_files.require_folder(out.parent)
    safe_files.write_bytes(out, recovery_sheet_pdf(recovery_code, created_on, folder_hint))


def recovery_sheet_pdf(recovery_code: str, created_on: datetime.date, folder_hint: str) -> bytes:
    """The one-page A4 recovery sheet as PDF bytes, built in memory only: what is saved (``write_recovery_sheet``)
    and what is printed (the window paints these pages on the printer) are the same sheet, and printing leaves no
    file holding the code anywhere."""
    regular, _bold = register_fonts()
    footer = (
        f"Feuille générée par Îlot desktop le {_fr_date(created_on)}. "
        "Elle ne contient aucune donnée sur les personnes accompagnées."
    )

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(regular, 8.5)
        canvas.setFillColor(MUTED)
        canvas.setStrokeColor(_PANEL_EDGE)
        canvas.setLineWidth(0.5)
        left, right = _MARGIN_X + _FRAME_PAD, A4[0] - _MARGIN_X - _FRAME_PAD
        canvas.line(left, 14 * mm, right, 14 * mm)
        canvas.drawString(left, 10 * mm, footer)
        canvas.restoreState()

    buffer = io.BytesIO()  # the whole sheet in memory, then written by safe_files
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        title=TITLE,
        author="Îlot desktop",
        subject="Code de secours du fichier chiffré — à conserver dans le coffre du bureau",
        creator="Îlot desktop",
        lang="fr-FR",
        displayDocTitle=True,
        initialFontName=regular,  # no stray, non-embedded Helvetica in the font resources
    )
    width, height = doc.width - 2 * _FRAME_PAD, doc.height - 2 * _FRAME_PAD
    story = _story(recovery_code, created_on, folder_hint, width)
    # Always one page: if a very long folder hint ever overflows, shrink rather than spill over.
    doc.build([KeepInFrame(width, height, story, mode="shrink")], onFirstPage=on_page)
    return buffer.getvalue()
