"""The printed action plan's building blocks: type sizes, the appointment box, a section of tasks to tick.

Large type for people who may read little: body 15 pt, headings 20 pt, nothing under 13 pt.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from ilot_desktop.domain.action_plan import ActionPlanDocument, Task
from ilot_desktop.reports.action_plan_words import NO_APPOINTMENT, appointment_when, due_words, user_text
from ilot_desktop.reports.fonts import INK, register_fonts

ACCENT = colors.HexColor("#1D4E89")  # dark blue: 8.6:1 on white
RULE = colors.HexColor("#B8C4D2")
_BOX_FILL = colors.HexColor("#EAF1FA")
_ROW_RULE = colors.HexColor("#DCE3EB")
_TICK_SIZE = 19.0
_TICK_COLUMN = 34.0


def styles() -> dict[str, ParagraphStyle]:
    regular, bold = register_fonts()

    def style(name: str, **kw: Any) -> ParagraphStyle:
        kw.setdefault("fontName", regular)
        kw.setdefault("textColor", INK)
        return ParagraphStyle(name, **kw)

    return {
        "org": style("org", fontName=bold, fontSize=14, leading=18),
        "date": style("date", fontSize=14, leading=18, alignment=TA_RIGHT),
        "title": style("title", fontName=bold, fontSize=28, leading=34),
        "hint": style("hint", fontSize=14, leading=19),
        "box_title": style("box_title", fontName=bold, fontSize=20, leading=25, textColor=ACCENT),
        "when": style("when", fontName=bold, fontSize=18, leading=23),
        "box_line": style("box_line", fontSize=15, leading=20),
        "heading": style("heading", fontName=bold, fontSize=20, leading=25, textColor=ACCENT),
        "task": style("task", fontSize=15, leading=20),
        "due": style("due", fontName=bold, fontSize=14, leading=19),
        "empty": style("empty", fontSize=15, leading=20),
        "contact": style("contact", fontSize=14, leading=19),
        "footer": style("footer", fontSize=13, leading=17),
        "later": style("later", fontName=bold, fontSize=14, leading=18),
        "page": style("page", fontSize=13, leading=17, alignment=TA_RIGHT),
    }


class _TickBox(Flowable):
    """An empty square to tick by hand: drawn, so it never depends on a glyph of the font."""

    def __init__(self, size: float = _TICK_SIZE, top: float = 2.0) -> None:
        super().__init__()
        self.size = size
        self.top = top  # space above the square, to sit on the first line of the task

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.size, self.size + self.top
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(INK)
        canvas.setFillColor(colors.white)
        canvas.setLineWidth(1.6)
        canvas.roundRect(0, 0, self.size, self.size, 2.5, stroke=1, fill=1)
        canvas.restoreState()


class _Heading(Flowable):
    """A section heading underlined by a rule of the accent colour."""

    def __init__(self, text: str, style: ParagraphStyle, gap: float = 5.0, rule: float = 1.4) -> None:
        super().__init__()
        self.para = Paragraph(text, style)
        self.gap = gap
        self.rule = rule

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _w, h = self.para.wrap(avail_width, avail_height)
        self.width, self.height = avail_width, h + self.gap + self.rule
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        self.para.drawOn(canvas, 0, self.gap + self.rule)
        canvas.saveState()
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(self.rule)
        canvas.line(0, self.rule / 2, self.width, self.rule / 2)
        canvas.restoreState()


class _Section(Table):
    """A heading row and one row per task; on the next page the heading says « (suite) »."""

    continued: Flowable | None = None

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(avail_width, avail_height)
        if len(parts) == 2 and self.continued is not None and isinstance(parts[1], _Section):
            # A new row: the first part shares its row lists with the second.
            tail: list[list[object]] = vars(parts[1])["_cellvalues"]  # reportlab's rows (no public accessor)
            tail[0] = [self.continued, *tail[0][1:]]
            parts[1].continued = self.continued
        return parts


def appointment_box(doc: ActionPlanDocument, st: dict[str, ParagraphStyle], width: float) -> Flowable:
    regular, _bold = register_fonts()
    rows: list[list[Flowable]] = [[Paragraph("Mon prochain rendez-vous", st["box_title"])]]
    appointment = doc.next_appointment
    if appointment is None:
        rows.append([Paragraph(NO_APPOINTMENT, st["box_line"])])
    else:
        rows.append([Paragraph(escape(appointment_when(appointment, doc.printed_on)), st["when"])])
        place = user_text(appointment.place)
        if place:
            rows.append([Paragraph(place, st["box_line"])])
        with_whom = user_text(appointment.with_whom)
        if with_whom:
            rows.append([Paragraph(f"avec {with_whom}", st["box_line"])])
    box = Table(rows, colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),  # else tables pull in Helvetica
                ("BACKGROUND", (0, 0), (-1, -1), _BOX_FILL),
                ("BOX", (0, 0), (-1, -1), 2, ACCENT),
                ("ROUNDEDCORNERS", [6, 6, 6, 6]),
                ("LEFTPADDING", (0, 0), (-1, -1), 16),
                ("RIGHTPADDING", (0, 0), (-1, -1), 16),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, 0), 10),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 12),
            ]
        )
    )
    return KeepTogether([box])


def section(heading: str, tasks: list[Task], st: dict[str, ParagraphStyle], width: float, printed_on: date) -> Flowable:
    """A heading and its tasks, each beside a square to tick, its date under it (``due_words``: a past date is not
    printed)."""
    regular, _bold = register_fonts()
    heading_text = user_text(heading)
    rows: list[list[object]] = [[_Heading(heading_text, st["heading"]), ""]]
    for task in tasks:
        cell: list[Flowable] = [Paragraph(user_text(task.description), st["task"])]
        due = due_words(task, printed_on)
        if due:
            cell.append(Paragraph(escape(due), st["due"]))
        rows.append([_TickBox(), cell])
    table = _Section(rows, colWidths=[_TICK_COLUMN, width - _TICK_COLUMN], repeatRows=1)
    table.continued = _Heading(f"{heading_text} (suite)", st["heading"])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("SPAN", (0, 0), (1, 0)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, 0), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                ("TOPPADDING", (0, 1), (-1, -1), 8),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 7),
                ("LINEABOVE", (0, 2), (-1, -1), 0.6, _ROW_RULE),
            ]
        )
    )
    return table
