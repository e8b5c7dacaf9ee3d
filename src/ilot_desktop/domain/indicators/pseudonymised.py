"""The file active as pseudonymised rows for the funder file: a random code, nothing finer than a month."""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ilot_desktop.domain.indicators.facts import (
    UNKNOWN,
    IndicatorFacts,
    age_bracket,
    age_reference,
    is_in_file_active,
)
from ilot_desktop.domain.vocabulary import LabelledEnum

_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud without doubt


@dataclass(frozen=True)
class PseudonymousRow:
    """One person of the file active, without anything finer than a month: no name, number or date."""

    code: str  # random per export, e.g. ``P-7F3K2``
    age_bracket: str
    sex: str
    housing_at_entry: str
    referrer: str
    justice_situation: str
    entry_month: str  # ``2025-03``
    end_month: str  # empty while the accompaniment goes on (at D)
    outcomes: tuple[str, ...]  # labels of the outcome types reached in N, in date order


def _label(value: LabelledEnum | None) -> str:
    return value.label if value is not None else UNKNOWN


def pseudonymised_rows(
    year: int, as_of: date, facts: IndicatorFacts, token: Callable[[str], str] = secrets.choice
) -> list[PseudonymousRow]:
    """The file active as rows with a fresh random code each, sorted by code (not by file number).

    ``token`` picks one character of an alphabet (``secrets.choice``; tests may pass a seeded one).
    """
    start = date(year, 1, 1)
    reference = age_reference(year, as_of)
    active = [p for p in facts.participants if is_in_file_active(p, year, as_of)]
    reached: dict[int, list[str]] = defaultdict(list)
    for o in sorted(facts.outcomes, key=lambda o: (o.on, o.outcome_type.value)):
        labels = reached[o.participant_id]
        if start <= o.on <= as_of and o.outcome_type.label not in labels:
            labels.append(o.outcome_type.label)
    codes: set[str] = set()
    rows = []
    for p in active:
        code = ""
        while not code or code in codes:
            code = "P-" + "".join(token(_CODE_ALPHABET) for _ in range(5))
        codes.add(code)
        end = p.end_date if p.end_date is not None and p.end_date <= as_of else None
        rows.append(
            PseudonymousRow(
                code=code,
                age_bracket=age_bracket(p.birth_date, reference)[1],
                sex=_label(p.sex),
                housing_at_entry=_label(p.housing_at_entry),
                referrer=_label(p.referrer),
                justice_situation=_label(p.justice_situation),
                entry_month=f"{p.entry_date:%Y-%m}",
                end_month=f"{end:%Y-%m}" if end else "",
                outcomes=tuple(reached.get(p.participant_id, ())),
            )
        )
    return sorted(rows, key=lambda r: r.code)
