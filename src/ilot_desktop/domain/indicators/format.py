"""Figures as people read them: rates rounded half up to a whole percentage, one decimal, French text."""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from numbers import Rational

from ilot_desktop.domain.dates import format_date

NBSP = "\u00a0"


def ratio(numerator: int, denominator: int) -> Fraction | None:
    """An exact rate, ``None`` when its denominator is zero."""
    return Fraction(numerator, denominator) if denominator else None


def round_half_up(value: Rational | int) -> int:
    return math.floor(Fraction(value) + Fraction(1, 2))


def percent(rate: Rational | float) -> int:
    """A rate as a whole percentage, rounded half up: 0.625 → 63, 0.875 → 88."""
    return round_half_up(Fraction(rate) * 100)


def one_decimal(value: Rational) -> Decimal:
    exact = Fraction(value)
    return (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_value(value: object) -> str:
    """A Synthèse value as French text: ``62 %``, ``30/11/2025``, ``12,4``, ``—`` when not computable."""
    if value is None:
        return "—"
    if isinstance(value, Fraction):
        return f"{percent(value)}{NBSP}%"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 10000:
        return f"{value:,}".replace(",", NBSP)
    return str(value)
