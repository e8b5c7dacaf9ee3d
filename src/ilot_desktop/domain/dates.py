"""French date parsing and formatting (JJ/MM/AAAA), with messages people understand."""

from __future__ import annotations

import re
from datetime import date

_SEPARATED = re.compile(r"^\s*(\d{1,2})\s*[/.\- ]\s*(\d{1,2})\s*[/.\- ]\s*(\d{2,4})\s*$")
_COMPACT = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


class DateError(ValueError):
    """A date typed by someone could not be understood; ``str()`` is the French reason."""


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def parse_date(text: str) -> date | None:
    """Parse ``27/11/2026`` (also ``27-11-2026``, ``27.11.2026``, ``27112026``).

    Returns ``None`` for an empty text. Two-digit years are refused: for a birth date,
    ``01/02/03`` could be 1903 or 2003, and a wrong guess is worse than a question.
    """
    if not text or not text.strip():
        return None
    match = _SEPARATED.match(text) or _COMPACT.match(text)
    if not match:
        raise DateError("Date non reconnue : écrivez-la sous la forme JJ/MM/AAAA, par exemple 27/11/2026.")
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) != 4:
        raise DateError("Écrivez l'année en entier, sur quatre chiffres (par exemple 1987, pas 87).")
    if not 1 <= month <= 12:
        raise DateError(f"Le mois doit être compris entre 1 et 12 (ici : {month}).")
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(
            f"Cette date n'existe pas : le {day} n'est pas un jour du mois {month:02d}/{year}."
        ) from None


def age_on(birth: date, on: date) -> int:
    """Age in whole years on a given day."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
