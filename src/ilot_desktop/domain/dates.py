"""French date parsing and formatting (JJ/MM/AAAA), with messages people understand."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

_SEPARATED = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2,4})\s*$")
_COMPACT = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


class DateError(ValueError):
    """A date typed by someone could not be understood; ``str()`` is the French reason."""


def format_date(value: date | None) -> str:
    # what strftime("%d/%m/%Y") gives, three times faster (the Bilan formats thousands of dates)
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def parse_date(text: str) -> date | None:
    """Parse ``27/11/2026`` (also ``27-11-2026``, ``27.11.2026``, ``27112026``).

    Returns ``None`` for an empty text. Two-digit years are refused: for a birth date,
    ``01/02/03`` could be 1903 or 2003, and a wrong guess is worse than a question.
    """
    if not text or not text.strip():
        return None
    match = _SEPARATED.match(text) or _COMPACT.match(text)
    if not match:
        raise DateError("Date non reconnue : écrivez-la sous la forme JJ/MM/AAAA, par exemple 27/11/2026.")
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) != 4:
        raise DateError("Écrivez l'année en entier, sur quatre chiffres (par exemple 1987, pas 87).")
    if not 1 <= month <= 12:
        raise DateError(f"Le mois doit être compris entre 1 et 12 (ici : {month}).")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"Cette date n'existe pas : le {day} n'est pas un jour du mois {month:02d}/{year}.") from None


def age_on(birth: date, on: date) -> int:
    """Age in whole years on a given day."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAYS_SHORT = ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.")
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def format_long_date(value: date) -> str:
    """``lundi 23 novembre 2026`` (1er for the first of the month, as French writes it)."""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{WEEKDAYS[value.weekday()]} {day} {MONTHS[value.month - 1]} {value.year}"


def format_week(monday: date, days: int = 7) -> str:
    """``Semaine du 23 au 29 novembre 2026`` (months and years named only when they change)."""
    last = monday + timedelta(days=days - 1)
    first_day = "1er" if monday.day == 1 else str(monday.day)
    last_day = "1er" if last.day == 1 else str(last.day)
    if monday.year != last.year:
        start = f"{first_day} {MONTHS[monday.month - 1]} {monday.year}"
    elif monday.month != last.month:
        start = f"{first_day} {MONTHS[monday.month - 1]}"
    else:
        start = first_day
    return f"Semaine du {start} au {last_day} {MONTHS[last.month - 1]} {last.year}"


def format_time(value: datetime | time) -> str:
    """``09:30`` for a datetime or time."""
    return value.strftime("%H:%M")
