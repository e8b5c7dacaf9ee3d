"""The period the indicators are asked for: a year the programme can have, an "as of" date within it."""

from __future__ import annotations

from datetime import date

from ilot_desktop.domain.dates import format_date

EARLIEST_YEAR = 2015


def default_as_of(year: int) -> date:
    return date(year, 12, 31)


def validate_period(year: object, as_of: date | None, today: date) -> dict[str, str]:
    """Field -> French message: a year the programme can have, an "as of" date within it."""
    if not isinstance(year, int) or isinstance(year, bool) or not EARLIEST_YEAR <= year <= today.year + 1:
        return {"year": f"L'année doit être comprise entre {EARLIEST_YEAR} et {today.year + 1}."}
    if as_of is not None and as_of.year != year:
        return {
            "as_of": f"La date d'arrêté ({format_date(as_of)}) doit être dans l'année {year}, "
            f"entre le 01/01/{year} et le 31/12/{year}."
        }
    return {}
