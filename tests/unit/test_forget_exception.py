"""A bug reported keeps nothing alive: the frames of its traceback hold their locals (a workbook's rows, the
file shown), and Python keeps the last unhandled exception in ``sys.last_value`` until the next one."""

from __future__ import annotations

import gc
import sys
import weakref

from ilot_desktop.logs import forget_exception


class Rows:
    """Stands for what a failing job held: names, birth dates."""


def _failing_job(made: list[weakref.ref[Rows]]) -> None:
    rows = Rows()
    made.append(weakref.ref(rows))
    try:
        {}["absent"]
    except KeyError as inner:
        raise RuntimeError("bug") from inner


def test_the_frames_of_a_reported_bug_let_their_locals_go(monkeypatch):
    made: list[weakref.ref[Rows]] = []
    try:
        _failing_job(made)
    except RuntimeError as exc:
        caught = exc
    monkeypatch.setattr(sys, "last_value", caught, raising=False)
    monkeypatch.setattr(sys, "last_traceback", caught.__traceback__, raising=False)
    gc.collect()
    assert made[0]() is not None  # held by the traceback's frame, as after a bug report
    forget_exception(caught)
    gc.collect()
    assert made[0]() is None
    assert sys.last_value is None and sys.last_traceback is None


def test_at_lock_the_last_unhandled_bug_is_let_go(monkeypatch):
    made: list[weakref.ref[Rows]] = []
    try:
        _failing_job(made)
    except RuntimeError as exc:
        monkeypatch.setattr(sys, "last_value", exc, raising=False)
        monkeypatch.setattr(sys, "last_traceback", exc.__traceback__, raising=False)
    gc.collect()
    assert made[0]() is not None
    forget_exception()  # what the lock calls: no exception at hand, only sys.last_*
    gc.collect()
    assert made[0]() is None
