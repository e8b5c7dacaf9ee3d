"""The week's colours and marks, shared by the week screen (``ui/week_model.py``) and the printed week
(``reports/week_sheet.py``). Plain values in a module of their own: the screen gets them without importing
reportlab, which the window would otherwise load at start for nothing (about 0.1 s)."""

from __future__ import annotations

from ilot_desktop.domain.vocabulary import AppointmentKind, AppointmentStatus

KIND_COLOURS = {
    AppointmentKind.INDIVIDUAL: "#d6eaf8",
    AppointmentKind.IN_DETENTION: "#fdebd0",
    AppointmentKind.PHONE: "#e8f6e9",
    AppointmentKind.ACCOMPANYING: "#f9e1ef",
}
ACTION_COLOUR = "#e8e1f5"
CANCELLED_COLOUR = "#eeeeee"
STATUS_MARKS = {
    AppointmentStatus.PLANNED: "○",
    AppointmentStatus.DONE: "✓",
    AppointmentStatus.ABSENT: "✗",
    AppointmentStatus.CANCELLED: "⊘",
}
ACTION_MARK = "◆"
