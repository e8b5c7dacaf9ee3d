"""The one clock the services read: today's date and the current moment, from one source.

Every service receives a clock: ``date.today`` in use, a function giving a fixed day in tests. Calling a clock
gives today's date (as services always did); ``as_clock`` turns such a function into a ``SessionClock``, whose
``now()`` is the moment stamped on saved rows, backups and access-log lines. A test fixes both
(``SessionClock(lambda: day, lambda: moment)``); a test that fixes only the day keeps the wall clock's time of
day on that day. No service calls ``datetime.now()`` or ``date.today()`` itself.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

Today = Callable[[], date]
Now = Callable[[], datetime]


class SessionClock:
    """Today and now. ``clock()`` is ``clock.today()``, so a SessionClock goes wherever a day function went."""

    def __init__(self, today: Today = date.today, now: Now | None = None):
        self._today = today
        self._now = now if now is not None else _now_on(today)

    def __call__(self) -> date:
        return self._today()

    def today(self) -> date:
        return self._today()

    def now(self) -> datetime:
        return self._now()

    def now_to_the_second(self) -> datetime:
        """What most rows store (``updated_at``, the access log)."""
        return self._now().replace(microsecond=0)


def as_clock(clock: Today, now: Now | None = None) -> SessionClock:
    """``clock`` itself when it is already a SessionClock (and no other ``now`` is given), else one around it."""
    if isinstance(clock, SessionClock) and now is None:
        return clock
    return SessionClock(clock, now)


def _now_on(today: Today) -> Now:
    """The wall clock's moment on ``today``'s day: the real now in use, a real time of day on a test's fixed day."""
    if today is date.today:
        return datetime.now

    def now() -> datetime:
        return datetime.combine(today(), datetime.now().time())

    return now
