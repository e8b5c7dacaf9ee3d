"""The programme's yearly indicators (``data-exchange.md`` section 2), pure, in four parts:

- ``facts``: the records they are computed from (``IndicatorFacts``, gathered by storage) and who counts
  (the file active of a year, age brackets);
- ``compute``: ``compute_indicators``, every figure and the pseudonymous lines behind each;
- ``results``: what it gives back (``YearIndicators``, its breakdowns and the Synthèse rows);
- ``format``: rates and figures as people read them; ``period``: the year and "as of" date asked for;
  ``pseudonymised``: the file active as rows with a random code, for the funder file.

Import from the package: ``from ilot_desktop.domain.indicators import compute_indicators``.
"""

from ilot_desktop.domain.indicators.compute import compute_indicators
from ilot_desktop.domain.indicators.facts import (
    AGE_BRACKETS,
    UNKNOWN,
    UNKNOWN_CODE,
    ActionFacts,
    BarrierFacts,
    IndicatorFacts,
    InterviewFacts,
    OutcomeFacts,
    ParticipantFacts,
    ParticipationFacts,
    age_bracket,
    age_reference,
    is_in_file_active,
)
from ilot_desktop.domain.indicators.format import NBSP, format_value, one_decimal, percent, round_half_up
from ilot_desktop.domain.indicators.period import EARLIEST_YEAR, default_as_of, validate_period
from ilot_desktop.domain.indicators.pseudonymised import PseudonymousRow, pseudonymised_rows
from ilot_desktop.domain.indicators.results import (
    ABSENCES,
    ACCESS,
    ACTIONS,
    DROPOUTS,
    ENDINGS,
    ENTRIES,
    FILE_ACTIVE,
    INTERVIEWS_DONE,
    PARTICIPANTS_PRESENT,
    PARTICIPATIONS,
    ActionLine,
    BarrierLine,
    Count,
    Profile,
    SummaryEntry,
    YearIndicators,
)

__all__ = [
    "ABSENCES",
    "ACCESS",
    "ACTIONS",
    "AGE_BRACKETS",
    "DROPOUTS",
    "EARLIEST_YEAR",
    "ENDINGS",
    "ENTRIES",
    "FILE_ACTIVE",
    "INTERVIEWS_DONE",
    "NBSP",
    "PARTICIPANTS_PRESENT",
    "PARTICIPATIONS",
    "UNKNOWN",
    "UNKNOWN_CODE",
    "ActionFacts",
    "ActionLine",
    "BarrierFacts",
    "BarrierLine",
    "Count",
    "IndicatorFacts",
    "InterviewFacts",
    "OutcomeFacts",
    "ParticipantFacts",
    "ParticipationFacts",
    "Profile",
    "PseudonymousRow",
    "SummaryEntry",
    "YearIndicators",
    "age_bracket",
    "age_reference",
    "compute_indicators",
    "default_as_of",
    "format_value",
    "is_in_file_active",
    "one_decimal",
    "percent",
    "pseudonymised_rows",
    "round_half_up",
    "validate_period",
]
