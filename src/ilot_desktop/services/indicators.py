"""The programme's yearly figures for the Bilan view and the funder file, and what lies behind each.

A year's facts (the rows its figures are computed from: most of a year's cost on a ten-year file) and the
figures computed from them are kept until the next write: choosing a year again in the Bilan or explaining
a figure reads and computes nothing, writing the funder file after looking at the Bilan reads nothing. Any
unit of work that commits records (``Database.writes`` moves; access-log lines alone do not) makes every kept year
stale, so a figure is never computed from rows older than the last save. At most ``KEPT_YEARS`` years are
kept, shared by every service of the same open vault, and forgotten at lock.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
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

KEPT_YEARS = 3  # the Bilan goes back and forth between a few years; each is about 2 MB on a ten-year file


@dataclass
class _Kept:
    writes: int  # Database.writes when the facts were read
    facts: IndicatorFacts
    figures: YearIndicators | None = None  # computed from ``facts`` once asked for


class _YearFacts:
    """The facts read for (year, as-of date), while the database has not been written to."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # the window and a worker may ask at once
        self._kept: OrderedDict[tuple[int, date], _Kept] = OrderedDict()

    def get(self, key: tuple[int, date], writes: int) -> _Kept | None:
        with self._lock:
            kept = self._kept.get(key)
            if kept is None or kept.writes != writes:
                return None
            self._kept.move_to_end(key)
            return kept

    def put(self, key: tuple[int, date], writes: int, facts: IndicatorFacts) -> _Kept:
        with self._lock:
            for stale in [k for k, kept in self._kept.items() if kept.writes != writes]:
                del self._kept[stale]
            kept = self._kept[key] = _Kept(writes, facts)
            self._kept.move_to_end(key)
            while len(self._kept) > KEPT_YEARS:
                self._kept.popitem(last=False)
            return kept

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


# One store per open database, dropped with it.
_STORES: weakref.WeakKeyDictionary[Database, _YearFacts] = weakref.WeakKeyDictionary()
_STORES_LOCK = threading.Lock()


def _store_of(database: Database) -> _YearFacts:
    with _STORES_LOCK:
        store = _STORES.get(database)
        if store is None:
            store = _STORES[database] = _YearFacts()
        return store


class IndicatorService:
    def __init__(self, database: Database, clock: Callable[[], date]) -> None:
        self._db = database
        self._clock = clock
        self._kept = _store_of(database)

    def period(self, year: int, as_of: date | None = None) -> date:
        """The "as of" date (31 December of ``year`` by default), or ValidationError in French."""
        errors = validate_period(year, as_of, self._clock())
        if errors:
            raise ValidationError(errors)
        return as_of or default_as_of(year)

    def facts(self, year: int, as_of: date | None = None) -> tuple[date, IndicatorFacts]:
        """The as-of date and the records the figures are computed from (for the funder file)."""
        day, kept = self._year(year, as_of)
        return day, kept.facts

    def compute(self, year: int, as_of: date | None = None) -> YearIndicators:
        started = time.perf_counter()
        day, kept = self._year(year, as_of)
        figures = kept.figures
        if figures is None:
            figures = kept.figures = compute_indicators(year, day, kept.facts)
            log.info("indicators %s computed in %.0f ms", year, (time.perf_counter() - started) * 1000)
        return figures

    def _year(self, year: int, as_of: date | None) -> tuple[date, _Kept]:
        day = self.period(year, as_of)
        writes = self._db.writes  # before reading: a write during the read leaves these facts stale
        kept = self._kept.get((year, day), writes)
        if kept is None:
            with self._db.unit_of_work() as uow:
                facts = uow.indicators.facts(year, day)
            kept = self._kept.put((year, day), writes, facts)
        return day, kept

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

    def forget(self) -> None:
        """Drop the kept facts (at lock: nothing read from the file stays in memory once it is closed)."""
        self._kept.clear()
