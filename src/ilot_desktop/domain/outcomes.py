"""What a participant reached (a job, a training) or the drop-out, and where the accompaniment stands."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ilot_desktop.domain.dates import format_date
from ilot_desktop.domain.identity import new_uid
from ilot_desktop.domain.vocabulary import DropoutReason, OutcomeCategory, OutcomeType, WorkingTime

ACCOMPANIMENT_MONTHS = 6
MAX_ACCOMPANIMENT_MONTHS = 24


@dataclass
class Outcome:
    participant_id: int | None = None
    on: date | None = None  # the day the job or training starts, or the drop-out is recorded
    outcome_type: OutcomeType | None = None
    dropout_reason: DropoutReason | None = None
    employer: str = ""  # employer or training body
    sector: str = ""
    working_time: WorkingTime | None = None
    comment: str = ""
    id: int | None = None
    uid: str = field(default_factory=new_uid, compare=False)  # permanent identity (team.md rule 1), never changes

    @property
    def category(self) -> OutcomeCategory | None:
        return self.outcome_type.category if self.outcome_type else None

    @property
    def is_positive(self) -> bool:
        """Employment or training: everything but a drop-out."""
        return self.outcome_type is not None and self.outcome_type is not OutcomeType.DROPOUT


def validate_outcome(outcome: Outcome, entry: date | None, today: date) -> dict[str, str]:
    errors: dict[str, str] = {}
    if outcome.outcome_type is None:
        errors["outcome_type"] = "Choisissez le résultat obtenu (emploi, formation) ou l'abandon."
    if outcome.on is None:
        errors["on"] = "Indiquez la date (début du contrat ou de la formation, ou date de l'abandon)."
    else:
        if (outcome.on - today).days > 183:
            errors["on"] = "La date est à plus de six mois : vérifiez l'année."
        elif entry and (entry - outcome.on).days > 31:  # no date arithmetic: year 1 is a valid date
            errors["on"] = f"La date précède l'entrée dans l'accompagnement ({format_date(entry)}) : vérifiez-la."
        elif outcome.outcome_type is OutcomeType.DROPOUT and outcome.on > today:
            errors["on"] = "Un abandon se note au jour où il est constaté, pas à l'avance."
    if outcome.outcome_type is OutcomeType.DROPOUT:
        if outcome.dropout_reason is None:
            errors["dropout_reason"] = "Indiquez le motif de l'abandon."
    elif outcome.dropout_reason is not None:
        errors["dropout_reason"] = "Un motif d'abandon n'a de sens que pour un abandon."
    for name, limit in (("employer", 200), ("sector", 100), ("comment", 2000)):
        if len(getattr(outcome, name)) > limit:
            errors[name] = f"Ce texte ne doit pas dépasser {limit} caractères."
    return errors


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the last day of the month when it does not exist)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Milestones:
    """Where an accompaniment stands against its 6 months and the 24-month maximum."""

    entry: date
    six_months: date
    twenty_four_months: date

    def describe(self, today: date, end: date | None = None) -> str:
        reference = end or today
        months = (reference.year - self.entry.year) * 12 + reference.month - self.entry.month
        if reference.day < self.entry.day:
            months -= 1
        days_in = (reference - self.entry).days
        elapsed = f"{months} mois" if months >= 1 else ("Premier jour" if days_in <= 0 else _days(days_in))
        if end is not None:
            after = "le jour même de l'entrée" if days_in <= 0 else f"après {elapsed}"
            return f"Accompagnement terminé le {format_date(end)}, {after}."
        if today < self.six_months:
            days = (self.six_months - today).days
            return (
                f"{elapsed} d'accompagnement : les six mois sont atteints le "
                f"{format_date(self.six_months)} (dans {_days(days)})."
            )
        if today < self.twenty_four_months:
            return (
                f"{elapsed} d'accompagnement : six mois dépassés. Après une sortie positive, le suivi "
                f"dans l'emploi peut durer jusqu'au {format_date(self.twenty_four_months)} (24 mois)."
            )
        return (
            f"{elapsed} d'accompagnement : le maximum de 24 mois est atteint depuis le "
            f"{format_date(self.twenty_four_months)}."
        )


def _days(count: int) -> str:
    return f"{count} jour" if count <= 1 else f"{count} jours"


def milestones(entry: date) -> Milestones:
    return Milestones(entry, add_months(entry, ACCOMPANIMENT_MONTHS), add_months(entry, MAX_ACCOMPANIMENT_MONTHS))
