"""Whatever a form or an imported row holds, validation answers with French messages: never an exception.

Each record is built from its dataclass's own type hints (any text, any date from year 1 to 9999, any
number, any choice or none), so a field added later is fuzzed too.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from datetime import date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ilot_desktop.domain.action_plan import Task, validate_task
from ilot_desktop.domain.barriers import Barrier, validate_barrier
from ilot_desktop.domain.followup import Appointment, validate_appointment
from ilot_desktop.domain.outcomes import Outcome, validate_outcome
from ilot_desktop.domain.participant import Participant, validate

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# 0001-01-01 .. 9999-12-31: a typed four-digit year allows all of them. The edges are drawn often, since
# date arithmetic (``entry - 31 days``) overflows only there.
EDGE_DAYS = [date.min, date(1, 1, 2), date(1, 2, 15), date(2015, 1, 1), date(2026, 11, 27), date(9999, 12, 1)]
EDGE_DAYS += [date.max]
any_day = st.one_of(st.sampled_from(EDGE_DAYS), st.dates())
maybe_day = st.none() | any_day
any_moment = st.one_of(
    st.sampled_from([datetime.min, datetime(1, 1, 2, 0, 1), datetime(9999, 12, 31, 23, 0), datetime.max]),
    st.datetimes(),
)


def strategy_for(hint) -> st.SearchStrategy:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(strategy_for(arg) for arg in args))
    if origin is set:
        return st.sets(strategy_for(args[0]), max_size=5)
    if origin is dict:
        return st.dictionaries(strategy_for(args[0]), strategy_for(args[1]), max_size=5)
    if hint is type(None):
        return st.none()
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(list(hint))
    if hint is str:
        return st.text(max_size=300)
    if hint is bool:
        return st.booleans()
    if hint is int:
        return st.integers(min_value=-(2**63), max_value=2**63 - 1)
    if hint is datetime:
        return any_moment
    if hint is date:
        return any_day
    raise AssertionError(f"no strategy for {hint!r}: extend strategy_for")


def records(cls) -> st.SearchStrategy:
    hints = typing.get_type_hints(cls)
    return st.builds(cls, **{f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(cls)})


def assert_french_messages(errors) -> None:
    assert isinstance(errors, dict)
    for field, message in errors.items():
        assert isinstance(field, str) and isinstance(message, str) and message.strip()


@FUZZ
@given(records(Participant), any_day)
def test_participant_validation_is_total(participant, today):
    assert_french_messages(validate(participant, today))


@FUZZ
@given(records(Appointment), maybe_day, maybe_day, any_day)
def test_appointment_validation_is_total(appointment, entry, end, today):
    assert_french_messages(validate_appointment(appointment, entry, end, today))


@FUZZ
@given(records(Barrier), any_day)
def test_barrier_validation_is_total(barrier, today):
    assert_french_messages(validate_barrier(barrier, today))


@FUZZ
@given(records(Task), any_day)
def test_task_validation_is_total(task, today):
    assert_french_messages(validate_task(task, today))


@FUZZ
@given(records(Outcome), maybe_day, any_day)
def test_outcome_validation_is_total(outcome, entry, today):
    assert_french_messages(validate_outcome(outcome, entry, today))
