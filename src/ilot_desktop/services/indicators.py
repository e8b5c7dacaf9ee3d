"""The programme's yearly figures for the Bilan view and the funder file, and what lies behind each."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import date

from ilot_desktop.domain.indicators import (
    IndicatorFacts,
    YearIndicators,
    compute_indicators,
    default_as_of,
    validate_period,
)
from ilot_desktop.errors import ValidationError
from ilot_desktop.storage.database import Database

log = logging.getLogger(__name__)


class IndicatorService:
    def __init__(self, database: Database, clock: Callable[[], date]):
        self._db = database
        self._clock = clock

    def period(self, year: int, as_of: date | None = None) -> date:
        """The "as of" date (31 December of ``year`` by default), or ValidationError in French."""
        errors = validate_period(year, as_of, self._clock())
        if errors:
            raise ValidationError(errors)
        return as_of or default_as_of(year)

    def facts(self, year: int, as_of: date | None = None) -> tuple[date, IndicatorFacts]:
        """The as-of date and the records the figures are computed from (for the funder file)."""
        day = self.period(year, as_of)
        with self._db.unit_of_work() as uow:
            return day, uow.indicators.facts(year, day)

    def compute(self, year: int, as_of: date | None = None) -> YearIndicators:
        started = time.perf_counter()
        day, facts = self.facts(year, as_of)
        figures = compute_indicators(year, day, facts)
        log.info("indicators %s computed in %.0f ms", year, (time.perf_counter() - started) * 1000)
        return figures

    def explain(self, year: int, as_of: date | None, key: str) -> list[str]:
        """The pseudonymous records behind a figure (file number and what counted); [] for an unknown key."""
        try:
            return self.compute(year, as_of).explain(key)
        except KeyError:
            return []

    def years(self) -> list[int]:
        """Years with at least one accompaniment under way, most recent first."""
        with self._db.unit_of_work() as uow:
            return uow.indicators.years(self._clock())
