"""What the yearly indicators give back: the figures, their breakdowns, the Synthèse rows, and who is behind each.

Each figure can be explained: ``YearIndicators.explain(key)`` lists the pseudonymous records behind it (file
number and what counted), never a name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.indicators.format import one_decimal, ratio, round_half_up
from ilot_desktop.domain.vocabulary import ActionType, BarrierCategory

# Explanation keys of the Synthèse figures (stable identifiers the UI passes to ``explain``).
FILE_ACTIVE, ENTRIES, ACCESS, DROPOUTS, ENDINGS = "file_active", "entries", "access", "dropouts", "endings"
INTERVIEWS_DONE, ABSENCES, ACTIONS = "interviews_done", "absences", "actions"
PARTICIPATIONS, PARTICIPANTS_PRESENT = "participations", "participants_present"


@dataclass(frozen=True)
class Count:
    """One line of a breakdown: ``explain(key)`` lists who is behind ``count``."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class BarrierLine:
    category: BarrierCategory
    concerned: int  # people with a barrier of the category identified ≤ D, not lifted before 1 January
    lifted: int  # of them, people with a barrier of the category lifted in N
    oriented: int  # of them, people oriented to a partner for a barrier of the category

    @property
    def keys(self) -> tuple[str, str, str]:
        code = self.category.value
        return (f"barrier_concerned:{code}", f"barrier_lifted:{code}", f"barrier_oriented:{code}")


@dataclass(frozen=True)
class ActionLine:
    action_type: ActionType
    actions: int
    participations: int  # registrations marked Présent
    participants: int  # distinct people present

    @property
    def key(self) -> str:
        return f"action_type:{self.action_type.value}"


@dataclass(frozen=True)
class Profile:
    """The file active by sex, age bracket, housing, referrer and justice situation at entry."""

    age_on: date  # 31 December of N, or D when earlier
    sex: tuple[Count, ...]
    age: tuple[Count, ...]
    housing: tuple[Count, ...]
    referrer: tuple[Count, ...]
    justice: tuple[Count, ...]

    def sections(self) -> list[tuple[str, tuple[Count, ...]]]:
        return [
            ("Sexe", self.sex),
            (f"Âge au {format_date(self.age_on)}", self.age),
            ("Hébergement à l'entrée", self.housing),
            ("Orienteur", self.referrer),
            ("Situation judiciaire à l'entrée", self.justice),
        ]


@dataclass(frozen=True)
class SummaryEntry:
    label: str
    value: object  # int, date, Fraction (a rate), Decimal (one decimal place) or None
    key: str | None  # what ``explain`` lists behind it


@dataclass(frozen=True)
class YearIndicators:
    year: int
    as_of: date
    file_active: int
    entries: int
    access: int
    dropouts: int
    endings: int
    mean_duration_days: Fraction | None
    interviews_done: int
    interviews_absent: int
    actions: int
    participations: int
    participants_present: int
    outcomes_by_type: tuple[Count, ...]
    outcomes_by_category: tuple[Count, ...]
    barriers: tuple[BarrierLine, ...]
    actions_by_type: tuple[ActionLine, ...]
    profile: Profile
    details: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)

    # --- rates (exact) ---

    @property
    def access_rate(self) -> Fraction | None:
        return ratio(self.access, self.file_active)

    @property
    def engagement_rate(self) -> Fraction | None:
        dropped = ratio(self.dropouts, self.file_active)
        return None if dropped is None else 1 - dropped

    @property
    def absence_rate(self) -> Fraction | None:
        return ratio(self.interviews_absent, self.interviews_done + self.interviews_absent)

    @property
    def interviews_per_participant(self) -> Fraction | None:
        return ratio(self.interviews_done, self.file_active)

    # --- the Synthèse sheet ---

    def summary_entries(self) -> list[SummaryEntry]:
        duration = self.mean_duration_days
        per_participant = self.interviews_per_participant
        rows = [
            ("Année", self.year, None),
            ("Date d'arrêté", self.as_of, None),
            ("File active", self.file_active, FILE_ACTIVE),
            ("Entrées", self.entries, ENTRIES),
            ("Accès à l'emploi ou à la formation", self.access, ACCESS),
            ("Taux d'accès à l'emploi ou à la formation", self.access_rate, ACCESS),
            ("Abandons", self.dropouts, DROPOUTS),
            ("Taux d'engagement", self.engagement_rate, DROPOUTS),
            ("Fins d'accompagnement", self.endings, ENDINGS),
            (
                "Durée moyenne d'accompagnement (jours)",
                None if duration is None else round_half_up(duration),
                ENDINGS,
            ),
            ("Entretiens réalisés", self.interviews_done, INTERVIEWS_DONE),
            ("Taux d'absence", self.absence_rate, ABSENCES),
            ("Actions collectives", self.actions, ACTIONS),
            ("Participations aux actions collectives", self.participations, PARTICIPATIONS),
            (
                "Entretiens réalisés par participant",
                None if per_participant is None else one_decimal(per_participant),
                INTERVIEWS_DONE,
            ),
            ("Absences aux entretiens", self.interviews_absent, ABSENCES),
            ("Participants présents à au moins une action", self.participants_present, PARTICIPANTS_PRESENT),
        ]
        return [SummaryEntry(label, value, key) for label, value, key in rows]

    def summary_rows(self) -> list[tuple[str, object]]:
        """(label, value) in the Synthèse's order; rates are ``Fraction`` (or None), the date a ``date``."""
        return [(entry.label, entry.value) for entry in self.summary_entries()]

    # --- explanations ---

    def explain(self, key: str) -> list[str]:
        """The pseudonymous records behind a figure, e.g. ``DE-2025-014 · CDI le 12/03/2025``."""
        if key not in self.details:
            raise KeyError(key)
        return list(self.details[key])

    def explain_keys(self) -> list[str]:
        return list(self.details)
