"""Small helpers shared by the benchmark processes: timing, percentiles, SQL capture and replay, memory."""

from __future__ import annotations

import os
import resource
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager

OFFSCREEN = "offscreen"


def headless() -> None:
    """Qt without a display, unless the caller chose a platform."""
    os.environ.setdefault("QT_QPA_PLATFORM", OFFSCREEN)


class NoneCount:
    """References to ``None`` dropped during a run. PySide6/shiboken6 6.12.0 dropped one at every call of a
    Qt method returning nothing, and on Python 3.11 (``None`` not immortal) the process died with "Fatal
    Python error: none_dealloc" within a few unlocks of the ten-year vault; pyproject.toml pins 6.11.3,
    which drops none. The benchmark still counts, so that the report says at once if the bug comes back
    (the window would then crash as a caseworker's would: nothing pads ``None`` any more).
    """

    def __init__(self):
        self.counted = sys.version_info < (3, 12)  # immortal None from 3.12: nothing to count
        self.mark()

    def mark(self) -> None:
        """Count from here (once everything is imported: imports add references of their own)."""
        self.start = sys.getrefcount(None)

    def references(self) -> int | None:
        """None's references at the mark: what the process had to spend."""
        return self.start if self.counted else None

    def dropped(self) -> int | None:
        """References to None lost since the mark (None when Python cannot tell: 3.12 and later)."""
        return self.start - sys.getrefcount(None) if self.counted else None


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory (``ru_maxrss``) in MB: kilobytes on Linux, bytes on macOS."""
    peak = resource.getrusage(who).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def percentile(values: list[float], fraction: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * fraction
    low = int(k)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def summary(seconds: list[float]) -> dict:
    """Milliseconds: count, p50, p95, min, max, and every value in the order measured."""
    ms = [s * 1000 for s in seconds]
    return {
        "n": len(ms),
        "p50": round(percentile(ms, 0.5), 2),
        "p95": round(percentile(ms, 0.95), 2),
        "min": round(min(ms), 2) if ms else None,
        "max": round(max(ms), 2) if ms else None,
        "values": [round(v, 1) for v in ms],
    }


def repeat(action: Callable[[int], object], times: int, warmup: int = 2) -> list[float]:
    """Run ``action(i)`` ``warmup`` times untimed, then ``times`` times; the durations in seconds."""
    for i in range(warmup):
        action(i)
    durations = []
    for i in range(times):
        started = time.perf_counter()
        action(warmup + i)
        durations.append(time.perf_counter() - started)
    return durations


class Spans:
    """Wraps functions to add up the time spent in them (a breakdown without a profiler's overhead)."""

    def __init__(self):
        self.totals: dict[str, float] = {}
        self.missing: list[str] = []  # steps the code no longer has (renamed or moved): said, not fatal

    def wrap(self, owner, name: str, label: str | None = None) -> None:
        original = getattr(owner, name, None)
        if original is None:
            self.missing.append(f"{getattr(owner, '__name__', owner)}.{name}")
            return
        label = label or name
        totals = self.totals

        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                totals[label] = totals.get(label, 0.0) + time.perf_counter() - started

        timed.__wrapped__ = original
        setattr(owner, name, timed)

    def reset(self) -> None:
        self.totals.clear()

    def snapshot_ms(self) -> dict[str, float]:
        return {label: round(seconds * 1000, 1) for label, seconds in self.totals.items()}


class GcPauses:
    """Python's cyclic garbage collector's pauses (``gc.callbacks``): the usual cause of a p95 far above p50."""

    def __init__(self):
        import gc

        self.pauses: list[tuple[int, float]] = []
        self._started = 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.pauses.append((info["generation"], time.perf_counter() - self._started))

    def take(self) -> dict:
        """Collections since the last call: how many, by generation, total and longest pause (ms)."""
        pauses, self.pauses = self.pauses, []
        return {
            "count": len(pauses),
            "full": sum(1 for generation, _s in pauses if generation == 2),
            "total_ms": round(sum(s for _g, s in pauses) * 1000, 1),
            "longest_ms": round(max((s for _g, s in pauses), default=0.0) * 1000, 1),
        }


# --- SQL capture (through SQLAlchemy's events) and replay (on a bare DB-API connection) -----------------


class SqlRecorder:
    """Records the statements an engine sends while ``active``: what the baselines replay."""

    def __init__(self):
        self.active = False
        self.statements: list[tuple[str, object, bool]] = []

    def attach(self, engine) -> None:
        from sqlalchemy import event

        @event.listens_for(engine, "before_cursor_execute")
        def _statement(_conn, _cursor, statement, parameters, _context, executemany):
            if self.active:
                self.statements.append((statement, _plain(parameters), bool(executemany)))

        @event.listens_for(engine, "commit")
        def _commit(_conn):
            if self.active:
                self.statements.append(("COMMIT", None, False))

        @event.listens_for(engine, "rollback")
        def _rollback(_conn):
            if self.active:
                self.statements.append(("ROLLBACK", None, False))

    @contextmanager
    def capture(self):
        self.statements = []
        self.active = True
        try:
            yield self
        finally:
            self.active = False

    def take(self) -> list[tuple[str, object, bool]]:
        taken, self.statements = self.statements, []
        return taken


def _plain(parameters):
    """JSON-safe parameters (SQLAlchemy has already turned dates into text for SQLite)."""
    if parameters is None:
        return None
    if isinstance(parameters, dict):
        return {key: _value(value) for key, value in parameters.items()}
    if parameters and isinstance(parameters[0], (list, tuple, dict)):
        return [_plain(p) for p in parameters]
    return [_value(value) for value in parameters]


def _value(value):
    if value is None or isinstance(value, (int, float, str)):
        return value
    if isinstance(value, bytes):
        return {"hex": value.hex()}
    return str(value)


def _bound(parameters):
    if parameters is None:
        return ()
    if isinstance(parameters, dict):
        return {key: _unvalue(value) for key, value in parameters.items()}
    return tuple(_unvalue(value) for value in parameters)


def _unvalue(value):
    return bytes.fromhex(value["hex"]) if isinstance(value, dict) and "hex" in value else value


def replay(connection, statements) -> int:
    """Send the statements on a connection in autocommit mode (``isolation_level = None``), reading every row.

    Returns the number of rows read. ``BEGIN``/``COMMIT``/``ROLLBACK`` are replayed as the application
    sent them, so a write pays its commit (and its fsyncs) as it did in the window.
    """
    rows = 0
    for sql, parameters, many in statements:
        if sql in ("COMMIT", "ROLLBACK"):
            if connection.in_transaction:
                connection.execute(sql)
            continue
        if sql.strip().upper().startswith("BEGIN") and connection.in_transaction:
            connection.execute("ROLLBACK")
        if many:
            connection.executemany(sql, [_bound(p) for p in parameters])
        else:
            rows += len(connection.execute(sql, _bound(parameters)).fetchall())
    if connection.in_transaction:
        connection.execute("ROLLBACK")
    return rows
