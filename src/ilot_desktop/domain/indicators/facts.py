"""The records the yearly indicators are computed from, and who counts: the file active of a year, ages.

Storage gathers ``IndicatorFacts`` (only the columns and rows needed); the computation re-applies every
definition itself, so it gives the same figures from unfiltered records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ilot_desktop.domain.dates import age_on
from ilot_desktop.domain.vocabulary import (
    ActionType,
    BarrierCategory,
    BarrierStatus,
    Housing,
    JusticeSituation,
    OutcomeType,
    Referrer,
    Sex,
)

UNKNOWN = "Non renseigné"
UNKNOWN_CODE = "unknown"
# (code, label): the exact labels of data-exchange.md.
AGE_BRACKETS: tuple[tuple[str, str], ...] = (
    ("under_26", "moins de 26 ans"),
    ("26_to_49", "26 à 49 ans"),
    ("50_plus", "50 ans et plus"),
)


@dataclass(frozen=True)
class ParticipantFacts:
    participant_id: int
    file_number: str
    sex: Sex | None
    birth_date: date | None
    entry_date: date
    end_date: date | None
    housing_at_entry: Housing | None
    referrer: Referrer | None
    justice_situation: JusticeSituation | None


@dataclass(frozen=True)
class OutcomeFacts:
    participant_id: int
    on: date
    outcome_type: OutcomeType


@dataclass(frozen=True)
class InterviewFacts:
    """A participant's individual contacts in N up to D, counted by status (storage applies the period)."""

    participant_id: int
    done: int = 0
    absent: int = 0


@dataclass(frozen=True)
class ActionFacts:
    action_id: int
    reference: str
    on: date
    action_type: ActionType


@dataclass(frozen=True)
class ParticipationFacts:
    """A registration marked ``Présent`` (absences and unrecorded registrations do not count); it counts only
    for a person of the file active."""

    action_id: int
    participant_id: int
    file_number: str


@dataclass(frozen=True)
class BarrierFacts:
    participant_id: int
    category: BarrierCategory
    identified_on: date
    lifted_on: date | None
    status: BarrierStatus
    ever_oriented: bool  # oriented to a partner on or before D


@dataclass(frozen=True)
class IndicatorFacts:
    participants: tuple[ParticipantFacts, ...] = ()
    outcomes: tuple[OutcomeFacts, ...] = ()
    interviews: tuple[InterviewFacts, ...] = ()
    actions: tuple[ActionFacts, ...] = ()
    participations: tuple[ParticipationFacts, ...] = ()
    barriers: tuple[BarrierFacts, ...] = ()


def age_bracket(birth: date | None, on: date) -> tuple[str, str]:
    """(code, label) of the age bracket on a day; ``Non renseigné`` without a birth date."""
    if birth is None:
        return UNKNOWN_CODE, UNKNOWN
    age = age_on(birth, on)
    if age < 26:
        return AGE_BRACKETS[0]
    return AGE_BRACKETS[1] if age < 50 else AGE_BRACKETS[2]


def age_reference(year: int, as_of: date) -> date:
    """The day ages are taken on: 31 December of N, or D when earlier."""
    return min(date(year, 12, 31), as_of)


def is_in_file_active(p: ParticipantFacts, year: int, as_of: date) -> bool:
    return p.entry_date <= as_of and (p.end_date is None or p.end_date >= date(year, 1, 1))
