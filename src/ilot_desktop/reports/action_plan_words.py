"""The words of the printed action plan: titles, dates, the caseworker's line, and typed text made ready to draw.

Privacy: of the person, only the first name is printed (``title``); no last name, no file number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from xml.sax.saxutils import escape

from ilot_desktop.domain.action_plan import (
    RESCHEDULE_TOGETHER,
    ActionPlanDocument,
    PlanAppointment,
    Task,
    day_with_name,
    is_overdue,
    plan_title,
)
from ilot_desktop.domain.dates import MONTHS
from ilot_desktop.domain.vocabulary import TaskStatus
from ilot_desktop.reports.right_to_left import visual_order

# No-break space before « : ; ! ? » and inside « guillemets » (see recovery_sheet.py for why not U+202F).
NBSP = "\u00a0"
NO_APPOINTMENT = "Ma conseillère m'appellera pour fixer le prochain rendez-vous."
NO_TASK = "Pas de tâche en cours."
TICK_HINT = "Cochez la case quand c'est fait."


def clean(text: str) -> str:
    """One line: runs of spaces and line breaks become one space."""
    return " ".join((text or "").split())


def _typo(text: str) -> str:
    """No-break space before « : ; ! ? » and inside « guillemets », as French prints them."""
    text = re.sub(r"\s+([:;!?»])", NBSP + r"\1", text)
    return re.sub(r"«\s*", "«" + NBSP, text)


def user_text(text: str) -> str:
    """Text typed by someone, ready for a Paragraph: one line, French spacing, RTL ordered, escaped."""
    return escape(visual_order(_typo(clean(text))))


def long_date(day: date) -> str:
    """« 27 novembre 2026 » (1er for the first of the month)."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def _clock(moment: datetime) -> str:
    """« 10 h 00 », held together on one line."""
    return f"{moment.hour}{NBSP}h{NBSP}{moment.minute:02d}"


def appointment_when(appointment: PlanAppointment, printed_on: date) -> str:
    """« Lundi 30 novembre à 10 h 00 »: the day named as the tasks' dates are (``day_with_name``)."""
    start = appointment.start
    return f"{day_with_name(start.date(), printed_on).capitalize()} à {_clock(start)}"


def due_words(task: Task, printed_on: date) -> str:
    """Under a task: « pour le mardi 9 décembre »; a date already passed is not printed (« Date à refixer
    ensemble »: the preview offered to set a new one); "" without a date."""
    if task.due_date is None:
        return ""
    if is_overdue(task, printed_on):
        return RESCHEDULE_TOGETHER
    return f"pour le {day_with_name(task.due_date, printed_on)}"


def title(doc: ActionPlanDocument) -> str:
    """« Plan d'action de Karim », « Plan d'action d'Éric » (``plan_title``): the first name only.

    The last name is left out on purpose. The person knows whose sheet it is; the caseworker prints it
    during the meeting and hands it over. A lost sheet that carries a full name next to the name of an
    association for people leaving prison tells a stranger more than the person chose to share.
    """
    return plan_title(clean(doc.person_first_name))


def caseworker_heading(first_name: str) -> str:
    first = clean(first_name)
    return f"Ce que fait {first}, ma conseillère" if first else "Ce que fait ma conseillère"


def contact_line(doc: ActionPlanDocument) -> str:
    """« Ariane · 01 00 00 00 00 · ariane@example.org » (the name is not repeated if already there)."""
    first = clean(doc.caseworker_first_name)
    contact = clean(doc.caseworker_contact)
    if first and contact.casefold().startswith(first.casefold()):
        return contact
    return " · ".join(p for p in (first, contact) if p)


def organisation(doc: ActionPlanDocument) -> str:
    return " · ".join(p for p in (clean(doc.association), clean(doc.programme)) if p)


def office_line(doc: ActionPlanDocument) -> str:
    """The footer's last line: « L'Îlot, 24 rue Gaston Tessier, 75019 Paris » (where to find the caseworker), or
    « L'Îlot · Dynamiques Emploi » when no address is known."""
    address = clean(doc.office_address)
    if not address:
        return organisation(doc)
    association = clean(doc.association)
    if not association or address.casefold().startswith(association.casefold()):
        return address
    return f"{association}, {address}"


def open_tasks(tasks: Sequence[Task]) -> list[Task]:
    """Tasks still to do, soonest first (tasks without a date last, in the order given)."""
    todo = [t for t in tasks if t.status is TaskStatus.TODO and clean(t.description)]
    return sorted(todo, key=lambda t: (t.due_date is None, t.due_date or date.min))
