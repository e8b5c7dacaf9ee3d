"""The printed week: one A4 landscape page for the office wall or the prison visit.

Days in columns (Monday to Friday, Saturday and Sunday only when something happens then), hours in
rows, each appointment or collective action as a coloured box in its day, sorted by time. A busy week
first gets slightly smaller text, then one row per half-day (morning, afternoon, evening), to stay on
one page; only a very busy week runs on over several pages. The colours are those of the week screen
(``ui/week_model.py``), both taken from ``week_palette.py``.

Privacy: the sheet may hang on a wall or travel into a prison, so it names nobody. An appointment
shows only ``AppointmentView.initials`` and ``file_number``, never the last or first name, the report
or the next steps.
"""

from __future__ import annotations

import datetime
import io
import pathlib
from collections.abc import Callable
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from ilot_desktop import safe_files
from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.dates import MONTHS, WEEKDAYS, format_date, format_week
from ilot_desktop.domain.followup import AppointmentView
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus
from ilot_desktop.reports.demo_mark import DEMO_MARK, draw_pdf_mark
from ilot_desktop.reports.fonts import INK, MUTED, register_fonts
from ilot_desktop.reports.week_entries import NBSP, Entry, EntryBox, collect, darker
from ilot_desktop.reports.week_palette import ACTION_COLOUR, ACTION_MARK, CANCELLED_COLOUR, KIND_COLOURS, STATUS_MARKS

ORGANISATION = "L'Îlot — Dynamiques Emploi"
EMPTY_WEEK = "Aucun rendez-vous cette semaine."
FOOTER = f"Document interne{NBSP}: initiales et n° de dossier uniquement. Ne pas laisser sans surveillance."

_PAGE = landscape(A4)
_MARGIN_X = 12 * mm
_MARGIN_TOP = 10 * mm
_MARGIN_BOTTOM = 22 * mm  # legend and footer are drawn there
_FRAME_PAD = 6  # SimpleDocTemplate's frame padding on each side
_HEADER_FILL = colors.HexColor("#F1F4F8")
_RULE = colors.HexColor("#C5CED9")
_RULE_LIGHT = colors.HexColor("#E1E6EC")
_TIME_COLUMN = 13 * mm
_TIME_COLUMN_HALF_DAY = 15 * mm
_CELL_PAD = 3.0
_BOX_GAP = 3.0
_DAY_START_HOUR, _DAY_LAST_HOUR = 8, 18  # rows always shown: 08:00 to 18:00
_MIN_ROW, _MAX_ROW = 16.0, 40.0
_ENTRY_SIZES = (8.0, 7.25, 6.5)  # the box text, and smaller steps for a busy week
_ENTRY_SIZES_WEEKEND = (7.5, 7.0, 6.5)  # six or seven narrower columns
_NOON_HOUR, _EVENING_HOUR = 13, 18
# Tried in order until the week fits on one page: (one row per hour?, text size step).
_LAYOUTS = ((True, 0), (True, 1), (False, 0), (False, 1), (False, 2))
_OVERFLOW_LAYOUT = 2  # nothing fits: half-days at the normal size, over several pages


def _styles(regular: str, bold: str, size: float) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, textColor=INK),
        "org": ParagraphStyle("org", fontName=regular, fontSize=10.5, leading=14, textColor=MUTED),
        "printed": ParagraphStyle(
            "printed", fontName=regular, fontSize=9.5, leading=13, textColor=MUTED, alignment=TA_RIGHT
        ),
        "day": ParagraphStyle("day", fontName=bold, fontSize=10, leading=12, textColor=INK),
        "date": ParagraphStyle("date", fontName=regular, fontSize=8.5, leading=11, textColor=MUTED),
        "hour": ParagraphStyle("hour", fontName=bold, fontSize=8.5, leading=10, textColor=MUTED),
        "hour_more": ParagraphStyle(
            "hour_more", fontName=regular, fontSize=8.5, leading=10, textColor=colors.HexColor("#9AA5B1")
        ),
        "entry": ParagraphStyle("entry", fontName=regular, fontSize=size, leading=size + 2, textColor=INK),
        "cancelled": ParagraphStyle("cancelled", fontName=regular, fontSize=size, leading=size + 2, textColor=MUTED),
        "empty": ParagraphStyle("empty", fontName=regular, fontSize=11.5, leading=16, textColor=INK),
    }


def _row_heights(natural: list[float], available: float) -> list[float]:
    """Share the page between the rows: busy rows keep their height, quiet rows share the rest."""
    heights = list(natural)
    fixed: set[int] = set()
    while True:
        free = [i for i in range(len(heights)) if i not in fixed]
        if not free:
            return heights
        room = available - sum(natural[i] for i in fixed)
        share = min(_MAX_ROW, max(_MIN_ROW, room / len(free)))
        grown = {i for i in free if natural[i] > share}
        if not grown:
            for i in free:
                heights[i] = share
            return heights
        fixed |= grown


def _at_hour(hour: int) -> Callable[[Entry], bool]:
    return lambda e: e.start.hour == hour


def _slots(days: dict[int, list[Entry]], hourly: bool) -> list[tuple[str, Callable[[Entry], bool]]]:
    """The grid's rows, in the order of the day: ``(label, does this row hold the entry?)``."""
    if hourly:
        # 08:00 to 18:00, widened if something starts earlier or later.
        used = {e.start.hour for entries in days.values() for e in entries}
        hours = range(min([_DAY_START_HOUR, *used]), max([_DAY_LAST_HOUR, *used]) + 1)
        return [(f"{h:02d}:00", _at_hour(h)) for h in hours]
    # A busy week: morning, afternoon and (only when used) evening.
    slots: list[tuple[str, Callable[[Entry], bool]]] = [
        ("Matin", lambda e: e.start.hour < _NOON_HOUR),
        ("Après-<br/>midi", lambda e: _NOON_HOUR <= e.start.hour < _EVENING_HOUR),
    ]
    if any(e.start.hour >= _EVENING_HOUR for entries in days.values() for e in entries):
        slots.append(("Soir", lambda e: e.start.hour >= _EVENING_HOUR))
    return slots


def _story(
    monday: datetime.date,
    appointments: list[AppointmentView],
    actions: list[CollectiveAction],
    printed_on: datetime.date,
    width: float,
    height: float,
    layout: int = 0,
    overflow: bool = False,
) -> tuple[list[Flowable], bool]:
    """The page's flowables, and whether the grid fits on one page.

    ``layout`` indexes ``_LAYOUTS``: one row per hour, or per half-day for a busy week, with the text
    of the boxes at its normal size or a little smaller. ``overflow``: the week will not fit on one
    page, so each slot is cut into short rows that the table can spread over the pages.
    """
    regular, bold = register_fonts()
    hourly, shrink = _LAYOUTS[layout]
    days = collect(monday, appointments, actions)
    shown = [0, 1, 2, 3, 4] + [d for d in (5, 6) if days.get(d)]
    sizes = _ENTRY_SIZES if len(shown) <= 5 else _ENTRY_SIZES_WEEKEND
    st = _styles(regular, bold, sizes[shrink])

    story: list[Flowable] = [_header(monday, printed_on, st, width, regular), Spacer(1, 8)]
    if not days:
        story += [Paragraph(EMPTY_WEEK, st["empty"]), Spacer(1, 6)]
    used = sum(f.wrap(width, height)[1] for f in story)

    time_column = _TIME_COLUMN if hourly else _TIME_COLUMN_HALF_DAY
    day_width = (width - time_column) / len(shown)
    head_height = st["day"].leading + st["date"].leading + 2 * _CELL_PAD + 2
    available = height - used - head_height - 2
    # Over several pages no cell may be taller than a page: a busy slot continues on extra rows, short
    # enough to fill each page well.
    cell_limit = available / 3 if overflow else float("inf")
    groups = [
        _slot_rows(
            label, [_cell_chunks(days.get(d, []), holds, st, day_width - 2 * _CELL_PAD, cell_limit) for d in shown], st
        )
        for label, holds in _slots(days, hourly)
    ]

    # When the week is busy, quiet hours at the start and end of the day give way first (evening first).
    def needed() -> float:
        return sum(max(h, _MIN_ROW) for _rows, heights in groups for h in heights)

    def quiet(group: _Group) -> bool:
        return all(not cell for row in group[0] for cell in row[1:])

    while needed() > available and len(groups) > 1 and (quiet(groups[-1]) or quiet(groups[0])):
        groups.pop(-1 if quiet(groups[-1]) else 0)

    rows: list[list[object]] = [_day_heads(monday, shown, st)]
    natural: list[float] = []
    slot_rows: list[int] = []  # each slot's first row, for the rule above it
    for group_rows, group_heights in groups:
        slot_rows.append(len(rows))
        rows += group_rows
        natural += group_heights
    heights = [head_height, *_row_heights(natural, available)]
    grid = Table(rows, colWidths=[time_column] + [day_width] * len(shown), rowHeights=heights, repeatRows=1)
    grid.setStyle(TableStyle(_grid_style(regular, slot_rows, hourly)))
    story.append(grid)
    return story, needed() <= available


_Group = tuple[list[list[object]], list[float]]  # the rows of a slot, and their heights
_Chunk = tuple[list[Flowable], float]  # the boxes of one cell, and their height


def _header(
    monday: datetime.date, printed_on: datetime.date, st: dict[str, ParagraphStyle], width: float, regular: str
) -> Table:
    header = Table(
        [
            [Paragraph(escape(format_week(monday)), st["title"]), ""],
            [
                Paragraph(escape(ORGANISATION), st["org"]),
                Paragraph(f"Imprimé le {format_date(printed_on)}", st["printed"]),
            ],
        ],
        colWidths=[width * 0.7, width * 0.3],
    )
    header.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), regular),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("SPAN", (0, 0), (1, 0)),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return header


def _day_heads(monday: datetime.date, shown: list[int], st: dict[str, ParagraphStyle]) -> list[object]:
    """The grid's first row: each day shown, « Lundi » over « 23 novembre »."""
    head_row: list[object] = [""]
    for d in shown:
        day = monday + datetime.timedelta(days=d)
        number = "1er" if day.day == 1 else str(day.day)
        head_row.append(
            [
                Paragraph(WEEKDAYS[d].capitalize(), st["day"]),
                Paragraph(f"{number} {MONTHS[day.month - 1]}", st["date"]),
            ]
        )
    return head_row


def _cell_chunks(
    entries: list[Entry],
    holds: Callable[[Entry], bool],
    st: dict[str, ParagraphStyle],
    inner: float,
    cell_limit: float,
) -> list[_Chunk]:
    """A day's boxes in one slot, cut into cells no taller than ``cell_limit``."""
    chunks: list[_Chunk] = []
    cell: list[Flowable] = []
    total = 0.0
    for entry in (e for e in entries if holds(e)):
        box = EntryBox(entry, st["cancelled"] if entry.cancelled else st["entry"])
        box_height = box.wrap(inner, 10_000)[1]
        if cell and total + _BOX_GAP + box_height > cell_limit:
            chunks.append((cell, total))
            cell, total = [], 0.0
        if cell:
            cell.append(Spacer(1, _BOX_GAP))
            total += _BOX_GAP
        cell.append(box)
        total += box_height
    if cell:
        chunks.append((cell, total))
    return chunks


def _slot_rows(label: str, chunks: list[list[_Chunk]], st: dict[str, ParagraphStyle]) -> _Group:
    """A slot's rows (one, or more when a busy cell runs on), with their heights."""
    lines = max(1, *(len(c) for c in chunks))
    group_rows: list[list[object]] = []
    group_heights: list[float] = []
    for line in range(lines):
        # A continuation row repeats its slot, lighter: it may start the next page.
        row: list[object] = [Paragraph(label, st["hour"] if line == 0 else st["hour_more"])]
        tallest = st["hour"].leading * label.count("<br/>") + st["hour"].leading
        for day_chunks in chunks:
            if line < len(day_chunks):
                cell, total = day_chunks[line]
                row.append(cell)
                tallest = max(tallest, total)
            else:
                row.append("")
        group_rows.append(row)
        group_heights.append(tallest + 2 * _CELL_PAD)
    return group_rows, group_heights


def _grid_style(regular: str, slot_rows: list[int], hourly: bool) -> list[tuple[Any, ...]]:
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), regular),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("BOTTOMPADDING", (0, 0), (-1, -1), _CELL_PAD),
        ("LEFTPADDING", (1, 0), (-1, 0), 5),
        ("BACKGROUND", (0, 0), (-1, 0), _HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, _RULE),
        ("LINEAFTER", (0, 0), (-2, -1), 0.5, _RULE),
        ("BOX", (0, 0), (-1, -1), 0.8, _RULE),
        ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.8, _RULE),  # close the grid before a page break
    ]
    rule = _RULE_LIGHT if hourly else _RULE
    style += [("LINEABOVE", (0, r), (-1, r), 0.5, rule) for r in slot_rows[1:]]
    return style


def _legend_lines() -> list[tuple[str, list[tuple[str | None, str]]]]:
    kinds: list[tuple[str | None, str]] = [(KIND_COLOURS[k], k.label) for k in AppointmentKind]
    kinds.append((ACTION_COLOUR, f"{ACTION_MARK} Action collective"))
    statuses: list[tuple[str | None, str]] = [(None, f"{STATUS_MARKS[s]} {s.label.lower()}") for s in AppointmentStatus]
    statuses[-1] = (
        CANCELLED_COLOUR,
        f"{STATUS_MARKS[AppointmentStatus.CANCELLED]} annulé (barré, fond gris)",
    )
    return [(f"Type{NBSP}:", kinds), (f"Statut{NBSP}:", statuses)]


def _draw_legend(canvas: Canvas, regular: str, bold: str, left: float, baseline: float) -> None:
    """Two lines at the foot of each page: the colours of the kinds, then the status marks."""
    size = 8.0
    indent = left + max(stringWidth(label, bold, size) for label, _items in _legend_lines()) + 8
    for label, items in _legend_lines():
        canvas.setFont(bold, size)
        canvas.setFillColor(INK)
        canvas.drawString(left, baseline, label)
        x = indent
        for fill, text in items:
            if fill:
                canvas.setFillColor(colors.HexColor(fill))
                canvas.setStrokeColor(darker(fill))
                canvas.setLineWidth(0.5)
                canvas.roundRect(x, baseline - 1.5, 11, 8, 1.5, stroke=1, fill=1)
                x += 15
            canvas.setFillColor(INK)
            canvas.setFont(regular, size)
            canvas.drawString(x, baseline, text)
            x += stringWidth(text, regular, size) + 16
        baseline -= 12


def _build(
    target: BinaryIO, story: list[Flowable], monday: datetime.date, total_pages: int | None, demonstration: bool
) -> int:
    regular, bold = register_fonts()
    page_w, page_h = _PAGE
    left, right = _MARGIN_X + _FRAME_PAD, page_w - _MARGIN_X - _FRAME_PAD
    week = format_week(monday)

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        if demonstration:
            draw_pdf_mark(canvas, _PAGE)
        canvas.saveState()
        _draw_legend(canvas, regular, bold, left, 16 * mm)
        canvas.setStrokeColor(_RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, 9.5 * mm, right, 9.5 * mm)
        canvas.setFont(regular, 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(left, 6 * mm, FOOTER)
        if total_pages and total_pages > 1:
            canvas.drawRightString(right, 6 * mm, f"Page {doc.page}/{total_pages}")
            if doc.page > 1:
                canvas.drawString(left, page_h - 8 * mm, f"{week} (suite)")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        target,
        pagesize=_PAGE,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        title=f"{DEMO_MARK} — Planning — {week}" if demonstration else f"Planning — {week}",
        author="Îlot desktop",
        subject="Planning de la semaine (initiales et n° de dossier uniquement)",
        creator="Îlot desktop",
        lang="fr-FR",
        displayDocTitle=True,
        initialFontName=regular,  # no stray, non-embedded Helvetica in the font resources
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return doc.page


def write_week_sheet(
    out: pathlib.Path,
    monday: datetime.date,
    appointments: list[AppointmentView],
    actions: list[CollectiveAction],
    printed_on: datetime.date,
    demonstration: bool = False,
) -> None:
    """Write the week's planning (A4 landscape, French, no names) to ``out``, in a folder that must exist
    (built in memory, then ``safe_files``); from the demonstration, every page marked (``demo_mark``)."""
    out = pathlib.Path(out)
    safe_files.require_folder(out.parent)
    width = _PAGE[0] - 2 * _MARGIN_X - 2 * _FRAME_PAD
    height = _PAGE[1] - _MARGIN_TOP - _MARGIN_BOTTOM - 2 * _FRAME_PAD

    # One row per hour if the week fits on one page; a busy week tries slightly smaller text, then
    # half-days. If nothing fits, half-days at the normal size run on over several pages.
    layout = next(
        (i for i in range(len(_LAYOUTS)) if _story(monday, appointments, actions, printed_on, width, height, i)[1]),
        None,
    )

    def story() -> list[Flowable]:
        if layout is None:
            return _story(monday, appointments, actions, printed_on, width, height, _OVERFLOW_LAYOUT, True)[0]
        return _story(monday, appointments, actions, printed_on, width, height, layout)[0]

    # A first pass counts the pages, so a busy week can say « Page 1/2 ».
    pages = _build(io.BytesIO(), story(), monday, None, demonstration)

    buffer = io.BytesIO()
    _build(buffer, story(), monday, pages, demonstration)
    safe_files.write_bytes(out, buffer.getvalue())
