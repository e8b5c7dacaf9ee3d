"""What each box of the printed week says: an appointment or a collective action, in a box of its kind's colour.

Privacy: an appointment shows only ``AppointmentView.initials`` and ``file_number``, never the last or
first name, the report or the next steps; a typed place only when it is a prison or a standard place.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from ilot_desktop.domain.actions import CollectiveAction
from ilot_desktop.domain.dates import format_time
from ilot_desktop.domain.followup import COMMON_PLACES, Appointment, AppointmentView
from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus
from ilot_desktop.reports.week_palette import ACTION_COLOUR, ACTION_MARK, CANCELLED_COLOUR, KIND_COLOURS, STATUS_MARKS

# No-break space before « : ; ! ? » (see recovery_sheet.py for why not U+202F).
NBSP = "\u00a0"

_MARK_COLOURS = {
    AppointmentStatus.PLANNED: "#1F2933",
    AppointmentStatus.DONE: "#2E7D32",
    AppointmentStatus.ABSENT: "#B03A2E",
    AppointmentStatus.CANCELLED: "#7B8794",
}
_MAX_PLACE, _MAX_TITLE, _MAX_NUMBER = 60, 70, 24


@dataclass(frozen=True)
class Entry:
    start: datetime.datetime
    end: datetime.datetime
    markup: str
    fill: str
    cancelled: bool
    order: str


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _span(start: datetime.datetime, end: datetime.datetime) -> str:
    return f"{format_time(start)}–{format_time(end)}"


def _joined(*parts: str) -> str:
    """Parts separated by « · », the dot kept at the end of a line rather than starting the next."""
    return f"{NBSP}· ".join(p for p in parts if p)


def _appointment_entry(view: AppointmentView) -> Entry:
    a = view.appointment
    start, end = _start_and_end(a.start, a.end)
    cancelled = a.status is AppointmentStatus.CANCELLED
    # Only the initials and the file number: never the name, the report or the next steps.
    who = escape(view.initials.replace(" ", NBSP)) or "?"
    number = escape(_shorten(view.file_number, _MAX_NUMBER))
    place = escape(_shorten(printable_place(a), _MAX_PLACE))
    body = _joined(f"<b>{_span(start, end)}</b>", f"<b>{who}</b>", number, escape(a.kind.label), place)
    if cancelled:
        body = f"<strike>{body}</strike>"
    mark = f'<font color="{_MARK_COLOURS[a.status]}"><b>{STATUS_MARKS[a.status]}</b></font>'
    fill = CANCELLED_COLOUR if cancelled else KIND_COLOURS.get(a.kind, CANCELLED_COLOUR)
    return Entry(start, end, f"{mark}{NBSP}{body}", fill, cancelled, view.file_number)


def _action_entry(action: CollectiveAction) -> Entry:
    start, end = _start_and_end(action.start, action.end)
    title = escape(_shorten(action.title, _MAX_TITLE))
    if action.action_type is not None:
        what = f"{escape(action.action_type.label)}{NBSP}: {title}" if title else escape(action.action_type.label)
    else:
        what = title or "Action collective"
    body = _joined(
        f"<b>{_span(start, end)}</b>",
        f"<b>{what}</b>",
        escape(_shorten(action.place, _MAX_PLACE)),
    )
    return Entry(start, end, f"{ACTION_MARK}{NBSP}{body}", ACTION_COLOUR, False, action.reference)


def _start_and_end(
    start: datetime.datetime | None, end: datetime.datetime | None
) -> tuple[datetime.datetime, datetime.datetime]:
    """A meeting of the week has a start (it was found by its date), hence an end."""
    if start is None or end is None:
        raise ValueError("a meeting of the week without a start")
    return start, end


def darker(hex_colour: str, factor: float = 0.78) -> colors.Color:
    c = colors.HexColor(hex_colour)
    return colors.Color(c.red * factor, c.green * factor, c.blue * factor)


class EntryBox(Flowable):
    """One appointment or action: its text in a rounded box of its kind's colour."""

    def __init__(self, entry: Entry, style: ParagraphStyle) -> None:
        super().__init__()
        self.fill = colors.HexColor(entry.fill)
        self.edge = darker(entry.fill)
        self.para = Paragraph(entry.markup, style)
        self.pad_x, self.pad_y = 3.5, 2.5

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _w, h = self.para.wrap(avail_width - 2 * self.pad_x, 10_000)
        self.width, self.height = avail_width, h + 2 * self.pad_y
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(self.fill)
        canvas.setStrokeColor(self.edge)
        canvas.setLineWidth(0.5)
        canvas.roundRect(0, 0, self.width, self.height, 2.5, stroke=1, fill=1)
        canvas.restoreState()
        self.para.drawOn(canvas, self.pad_x, self.pad_y)


def collect(
    monday: datetime.date, appointments: list[AppointmentView], actions: list[CollectiveAction]
) -> dict[int, list[Entry]]:
    """Weekday index (0 = Monday) -> the entries of that day, sorted by time."""
    sunday = monday + datetime.timedelta(days=6)
    days: dict[int, list[Entry]] = defaultdict(list)
    entries = [_appointment_entry(v) for v in appointments if v.appointment.start is not None]
    entries += [_action_entry(a) for a in actions if a.start is not None]
    for entry in entries:
        if monday <= entry.start.date() <= sunday:
            days[(entry.start.date() - monday).days].append(entry)
    for day in days.values():
        day.sort(key=lambda e: (e.start, e.end, e.cancelled, e.order))
    return days


def printable_place(appointment: Appointment) -> str:
    """A typed place may hold a name or a home address: only prisons and the standard places are printed."""
    if appointment.kind is AppointmentKind.IN_DETENTION or appointment.place in COMMON_PLACES:
        return appointment.place
    return ""
