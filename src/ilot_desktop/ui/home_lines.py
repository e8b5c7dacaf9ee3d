"""What each line of « Ma semaine » says: the texts only (the page itself is ``home_page.py``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ilot_desktop.domain.dates import WEEKDAYS_SHORT, format_date, format_time
from ilot_desktop.domain.followup import (
    RECORDED,
    AppointmentView,
    ContactState,
    cadence_text,
    effective_cadence,
    six_month_mark,
)
from ilot_desktop.ui.week_model import STATUS_MARKS

if TYPE_CHECKING:
    from ilot_desktop.domain.action_plan import OverdueTask

# A past appointment still « prévu »: a word and a sign, not a colour alone.
TO_RECORD = "⚠ À noter"


def appointment_line(view: AppointmentView, with_day: bool) -> str:
    """``mar. 24/11 10:00  NDIAYE Awa (DE-2026-002) · Entretien individuel · Locaux de L'Îlot``."""
    a = view.appointment
    start = a.start
    assert start is not None  # the week's appointments are dated
    day = f"{WEEKDAYS_SHORT[start.weekday()]} {start:%d/%m} " if with_day else ""
    place = f" · {a.place}" if a.place else ""
    who = f"{view.display_name} ({view.file_number})"
    return f"{day}{format_time(start)}  {who} · {a.kind.label}{place}"


def to_record_line(view: AppointmentView) -> str:
    """An earlier day's appointment nobody marked yet."""
    return f"{TO_RECORD} · {appointment_line(view, True)}"


def today_line(view: AppointmentView, due_now: bool) -> str:
    """Today's appointment with its mark (○ prévu, ✓ réalisé, ✗ absent); ``due_now``: its time has come and
    it is still « prévu »."""
    status = view.appointment.status
    text = f"{STATUS_MARKS[status]} {appointment_line(view, False)}"
    if status in RECORDED:
        return f"{text} — {status.label}"
    if due_now:
        return f"⚠ {appointment_line(view, False)} — à noter"
    return text


def days_text(days: int) -> str:
    return "aujourd'hui" if days == 0 else "demain" if days == 1 else f"dans {days} jours"


def due_text(state: ContactState, today: date) -> str:
    cadence = effective_cadence(state.cadence, state.entry_date, today)
    since = (today - state.reference_date()).days
    what = "dernier entretien réalisé" if state.last_done else "entrée"
    return (
        f"{state.display_name} ({state.file_number}) — {what} il y a {since} jours "
        f"(rythme\u00a0: {cadence_text(cadence)}), rien de prévu"
    )


def release_text(state: ContactState, today: date) -> str:
    release = state.planned_release_date
    assert release is not None  # listed for its release date
    days = (release - today).days
    return (
        f"{state.display_name} ({state.file_number}) — libération le "
        f"{format_date(release)} ({days_text(days)})\u00a0: préparer le «\u00a0Dehors\u00a0»"
    )


def six_text(state: ContactState, today: date) -> str:
    mark = six_month_mark(state)
    days = (mark - today).days
    when = f"le {format_date(mark)} ({days_text(days)})" if days >= 0 else f"depuis le {format_date(mark)}"
    return f"{state.display_name} ({state.file_number}) — six mois {when}\u00a0: faire le point"


def task_text(line: OverdueTask, today: date) -> str:
    task = line.task
    assert task.due_date is not None  # late: it has a due date
    late = (today - task.due_date).days
    return (
        f"{line.last_name.upper()} {line.first_name} ({line.file_number}) — «\u00a0{task.description}\u00a0» "
        f"({task.owner.label.lower()}), prévue le {format_date(task.due_date)}, "
        f"{late} jour{'s' if late > 1 else ''} de retard"
    )
